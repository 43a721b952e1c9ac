//! The batch view: a library checked, its rows opened in the check view, exports.

use super::*;

#[test]
fn a_library_opens_in_the_batch_view_and_its_rows_edit_in_the_check_view() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "序号,话术\n1,欢迎光临，点击下方名片预约\n2,有事加我微信 abc123\n3,这款宽60cm\n4,急单打 138 0013 8000\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let input = dir.path().join("话术库.csv");
    std::fs::write(&input, &gbk).unwrap();
    let (mut harness, picker) = opened_library(&input);
    harness.get_by_label("共 4 条：2 会被判导流，1 有风险，1 可以发送");
    // The table shows each row's original beside its rewrite.
    harness.get_by_label("原文");
    harness.get_by_label("有事加我微信 abc123");
    harness.get_by_label("可以点击下方名片联系我们");

    // Open row 3 (the second message), apply its rewrite, and see the table follow.
    harness.get_by_label("打开 3").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "有事加我微信 abc123");
    harness.get_by_label("应用到编辑器").click();
    harness.run();
    harness.get_by_label("返回批量检查").click();
    harness.run();
    harness.get_by_label("共 4 条：1 会被判导流，1 有风险，2 可以发送");

    // The fixed library keeps the ids and columns.
    let fixed = dir.path().join("out.csv");
    *picker.save.borrow_mut() = Some(fixed.clone());
    harness.get_by_label("导出修正后的话术库").click();
    harness.run();
    let bytes = std::fs::read(&fixed).unwrap();
    let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
    assert_eq!(
        text,
        "序号,话术\n1,欢迎光临，点击下方名片预约\n2,可以点击下方名片联系我们\n3,这款宽60cm\n4,急单，可以点击下方名片联系我们\n"
    );
}

/// A status message belongs to the action that made it: the library check
/// says it finished, undo takes back "applied", leaving a row clears "editing".
#[test]
fn status_messages_follow_their_actions() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lib.txt");
    std::fs::write(&input, "有事加我微信 abc123\n这款宽60cm\n").unwrap();
    let (mut harness, _) = opened_library(&input);
    harness.run();
    harness.get_by_label_contains("检查完成：");
    assert!(harness.query_by_label_contains("正在检查").is_none());

    harness.get_by_label("打开 1").click();
    harness.run();
    harness.get_by_label_contains("正在编辑话术库第 1 行");
    harness.get_by_label("应用到编辑器").click();
    harness.run();
    harness.get_by_label_contains("已应用改写，可撤销。");
    harness.get_by_label("撤销").click();
    harness.run();
    harness.get_by_label_contains("已撤销，草稿已恢复。");
    assert!(harness.query_by_label_contains("已应用改写").is_none());
    harness.get_by_label("返回批量检查").click();
    harness.run();

    harness.get_by_label("打开 2").click();
    harness.run();
    harness.get_by_label_contains("正在编辑话术库第 2 行");
    harness.get_by_label("返回批量检查").click();
    harness.run();
    assert!(harness.query_by_label_contains("正在编辑话术库").is_none());
}

/// A row that names its own context is checked in it while open, and the
/// operator's own setting stays as it was.
#[test]
fn opening_a_row_keeps_the_operators_context() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lib.jsonl");
    std::fs::write(
        &input,
        r#"{"id": "a", "context": "auto_reply", "text": "您好，这款宽60cm"}"#,
    )
    .unwrap();
    let (mut harness, _) = opened_library(&input);
    harness.get_by_label("打开 1").click();
    harness.run();
    harness.get_by_label_contains("正在编辑话术库的第 1（自动回复）");
    let state = &harness.state().state;
    assert_eq!(state.settings.context, dmlint::Context::Dm);
    assert_eq!(state.analysis.inputs.context, dmlint::Context::AutoReply);
    harness.get_by_label("返回批量检查").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.settings.context, dmlint::Context::Dm);
    assert_eq!(state.inputs().context, dmlint::Context::Dm);
}

/// Without a file dialog, the path typed in the status bar takes the export:
/// from the export button and from 保存到此路径 in the batch view.
#[test]
fn a_typed_path_takes_the_export_when_no_dialog_answers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lib.txt");
    std::fs::write(&input, "有事加我微信 abc123\n").unwrap();
    let (mut harness, _) = opened_library(&input);
    harness.run();
    let first = dir.path().join("fixed-1.txt");
    harness.state_mut().state.path_field = first.display().to_string();
    harness.get_by_label("导出修正后的话术库").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        "可以点击下方名片联系我们\n"
    );
    let second = dir.path().join("fixed-2.txt");
    harness.state_mut().state.path_field = second.display().to_string();
    harness.run();
    harness.get_by_label("保存到此路径").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&second).unwrap(),
        "可以点击下方名片联系我们\n"
    );
}

#[test]
fn exporting_over_the_input_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lib.txt");
    std::fs::write(&input, "加我微信 abc123\n你好\n").unwrap();
    let (mut harness, picker) = opened_library(&input);
    *picker.save.borrow_mut() = Some(input.clone());
    harness.get_by_label("导出修正后的话术库").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "加我微信 abc123\n你好\n",
        "not yet"
    );
    harness.get_by_label("覆盖").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "可以点击下方名片联系我们\n你好\n"
    );
}

/// Opening a library row puts the operator's draft aside, with its undo:
/// undo in the row never writes the draft into it, the draft is what is
/// saved meanwhile, and going back to the library brings it back.
#[test]
fn opening_a_row_keeps_the_operators_draft() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scripts.csv");
    std::fs::write(&input, "text\n有事加我微信 abc123\n欢迎光临\n").unwrap();
    let (mut harness, _) = opened_library(&input);
    let own = "我自己写到一半的欢迎语";
    harness.state_mut().state.replace_draft(own.to_string());
    harness.run();
    harness.get_by_label("打开 2").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "有事加我微信 abc123");
    assert_eq!(harness.state().state.persisted().draft, own);
    harness.get_by_label("应用到编辑器").click();
    harness.run();
    harness.get_by_label("撤销").click();
    harness.run();
    harness.get_by_label("撤销").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "有事加我微信 abc123");
    harness.get_by_label("应用到编辑器").click();
    harness.run();
    harness.get_by_label("返回批量检查").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.draft, own);
    let batch = state.batch.as_ref().unwrap();
    assert_eq!(batch.library.messages[0].text, "可以点击下方名片联系我们");
    assert_eq!(state.undo.len(), 1, "the draft's own undo is back");
}

/// A library is read off the UI thread: opening returns at once with a
/// "reading" state, and the table comes when the file is read and checked.
/// A row the library could not read is said in the UI's language.
#[test]
fn a_library_is_read_in_the_background_and_its_problems_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scripts.jsonl");
    std::fs::write(&input, "{\"text\": \"欢迎光临\"}\n{\"id\": 2}\n").unwrap();
    let mut harness = harness(Persisted::default(), FakePicker::default());
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .state
        .open_library(&input, Default::default(), &ctx);
    let state = &harness.state().state;
    assert!(state.reading.is_some() && state.batch.is_none());
    wait_for_batch(&mut harness);
    harness.get_by_label_contains("scripts.jsonl:2：这个对象里没有“text”文字，已跳过");
    harness.get_by_label_contains("检查完成");
}
