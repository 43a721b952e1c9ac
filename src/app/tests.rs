//! The app as an operator uses it, driven through its accessibility tree:
//! find widgets by their label, type, click, read.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::editor::editor_label;
use super::files::FilePicker;
use super::i18n::UiLang;
use super::state::Persisted;
use super::store::Loaded;
use super::{DmlintApp, fonts};

#[path = "../../tests/support/well_formed.rs"]
mod well_formed;

/// A picker that answers with prepared paths and records what was asked.
#[derive(Clone, Default)]
struct FakePicker {
    open: Rc<RefCell<Option<PathBuf>>>,
    save: Rc<RefCell<Option<PathBuf>>>,
}

impl FilePicker for FakePicker {
    fn pick_open(&mut self) -> Option<PathBuf> {
        self.open.borrow_mut().take()
    }

    fn pick_save(&mut self, _file_name: &str) -> Option<PathBuf> {
        self.save.borrow_mut().take()
    }
}

/// The app with the built-in rules only.
fn harness(persisted: Persisted, picker: FakePicker) -> Harness<'static, DmlintApp> {
    harness_with_rules(persisted, picker, None)
}

/// The app with `rules_folder` as the user's rules folder.
fn harness_with_rules(
    persisted: Persisted,
    picker: FakePicker,
    rules_folder: Option<PathBuf>,
) -> Harness<'static, DmlintApp> {
    let places = super::Places {
        rules: rules_folder,
        progress: None,
        session: None,
    };
    harness_with_places(persisted, picker, places)
}

fn harness_with_places(
    persisted: Persisted,
    picker: FakePicker,
    places: super::Places,
) -> Harness<'static, DmlintApp> {
    harness_sized(persisted, picker, places, egui::vec2(1280.0, 800.0))
}

fn harness_sized(
    persisted: Persisted,
    picker: FakePicker,
    places: super::Places,
    size: egui::Vec2,
) -> Harness<'static, DmlintApp> {
    Harness::builder()
        .with_size(size)
        .with_context_setup(fonts::install)
        .build_ui_state(
            |ui, app: &mut DmlintApp| app.show(ui),
            DmlintApp::new(
                Loaded::Saved {
                    persisted,
                    broken: Vec::new(),
                },
                Box::new(picker),
                places,
                || {},
            ),
        )
}

/// Clicks a toolbar button, through the 更多 menu when it is in there.
fn click_toolbar(harness: &mut Harness<'_, DmlintApp>, label: &str, lang: UiLang) {
    if harness.query_by_label(label).is_none() {
        harness
            .get_by_label(super::toolbar::more_label(lang))
            .click();
        harness.run();
    }
    harness.get_by_label(label).click();
    harness.run();
}

fn type_message(harness: &mut Harness<'_, DmlintApp>, text: &str) {
    harness.get_by_label(editor_label(UiLang::Zh)).click();
    harness.run();
    harness
        .get_by_label(editor_label(UiLang::Zh))
        .type_text(text);
    harness.run();
}

#[test]
fn a_disguised_wechat_id_is_listed_and_the_badge_says_it_will_be_judged() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label_contains("等待输入消息");
    type_message(&mut harness, "亲，约时间加薇信：meimei_0812 哦");
    assert!(harness.query_by_label_contains("薇信  · 微信").is_some());
    assert!(
        harness
            .query_by_label_contains("meimei_0812  · 微信")
            .is_some()
    );
    harness.get_by_label_contains("会被判导流 · 2 处违规");
    assert_eq!(
        harness.state().state.draft,
        "亲，约时间加薇信：meimei_0812 哦"
    );
}

#[test]
fn switching_the_context_rechecks_at_once() {
    let persisted = Persisted {
        draft: "京东的物流很快，明天就到".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("可以发送");
    harness.get_by_label("发送位置").click();
    harness.run();
    harness.get_by_label("欢迎语").click();
    harness.run();
    harness.get_by_label_contains("有风险 · 0 处违规 · 1 处风险");
    assert_eq!(
        harness.state().state.settings.context,
        dmlint::Context::Welcome
    );
}

#[test]
fn applying_the_rewrite_leaves_nothing_that_blocks_and_undo_brings_it_back() {
    let original = "您好，律师目前外出，急事请加微信 chenlvshi_tw 联系。";
    let persisted = Persisted {
        draft: original.to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label("应用到编辑器").click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.state.draft,
        "您好，律师目前外出，急事，可以点击下方名片联系我们。"
    );
    assert_eq!(app.state.analysis.report.count(dmlint::Severity::Block), 0);
    harness.get_by_label_contains("可以发送");
    harness.get_by_label("撤销").click();
    harness.run();
    assert_eq!(harness.state().state.draft, original);
}

#[test]
fn suggestions_are_accepted_one_by_one() {
    let persisted = Persisted {
        draft: "这款挂毯宽60cm，尺码XL".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label("60cm → 60厘米").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "这款挂毯宽60厘米，尺码XL");
}

#[test]
fn a_claim_is_softened_by_its_suggestion() {
    let persisted = Persisted {
        draft: "我们的私教课是全国第一，欢迎预约".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("有风险 · 0 处违规 · 1 处风险");
    harness.get_by_label("全国第一 → 广受好评").click();
    harness.run();
    assert_eq!(
        harness.state().state.draft,
        "我们的私教课是广受好评，欢迎预约"
    );
    harness.get_by_label_contains("可以发送");
}

#[test]
fn a_clinic_names_its_treatment_but_a_cure_still_warns() {
    let persisted = Persisted {
        draft: "本院采用激光治疗，能根治灰指甲".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("0 处违规 · 2 处风险");
    harness.get_by_label("行业").click();
    harness.run();
    harness.get_by_label("医疗机构").click();
    harness.run();
    harness.get_by_label_contains("0 处违规 · 1 处风险");
    harness.get_by_label("提示 (1)");
    assert_eq!(harness.state().state.settings.profile, "medical");
}

#[test]
fn the_ui_switches_to_english_and_back() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label("Sent as");
    harness.get_by_label(editor_label(UiLang::En));
    harness.get_by_label_contains("Waiting for a message");
    assert!(harness.query_by_label("发送位置").is_none());
    click_toolbar(&mut harness, "中文", UiLang::En);
    harness.get_by_label("发送位置");
}

#[test]
fn a_file_opens_into_the_editor_and_the_rewrite_saves() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("msg.txt");
    std::fs::write(&input, "\u{FEFF}有事直接打我电话：15800216693").unwrap();
    let output = dir.path().join("out.txt");
    let picker = FakePicker::default();
    *picker.open.borrow_mut() = Some(input);
    *picker.save.borrow_mut() = Some(output.clone());
    let persisted = Persisted {
        draft: "我之前写的草稿".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, picker);
    harness.get_by_label("打开文件").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "有事直接打我电话：15800216693");
    harness.get_by_label("保存改写").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "可以点击下方名片联系我们"
    );
    // The draft that the file replaced is not lost.
    harness.get_by_label("撤销").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "我之前写的草稿");
}

#[test]
fn a_cancelled_dialog_says_what_to_do_instead() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("打开文件").click();
    harness.run();
    harness.get_by_label_contains("请在底部输入路径");
}

#[test]
fn settings_and_draft_survive_a_restart() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    type_message(&mut harness, "明天见");
    harness.get_by_label("English").click();
    harness.run();
    let saved = serde_json::to_string(&harness.state().state.persisted()).unwrap();
    let restored: Persisted = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored.draft, "明天见");
    assert_eq!(restored.settings.lang, UiLang::En);
    let harness = self::harness(restored, FakePicker::default());
    harness.get_by_label(editor_label(UiLang::En));
}

/// The app with the library file `input` opened through the batch view's
/// 打开话术库 and checked; the picker answers the dialogs after that.
fn opened_library(input: &std::path::Path) -> (Harness<'static, DmlintApp>, FakePicker) {
    let picker = FakePicker::default();
    *picker.open.borrow_mut() = Some(input.to_path_buf());
    let mut harness = harness(Persisted::default(), picker.clone());
    harness.get_by_label("批量检查").click();
    harness.run();
    harness.get_by_label("打开话术库").click();
    wait_for_batch(&mut harness);
    (harness, picker)
}

/// Steps the app until the batch view's background check is done.
fn wait_for_batch(harness: &mut Harness<'_, DmlintApp>) {
    for _ in 0..500 {
        harness.step();
        if harness
            .state()
            .state
            .batch
            .as_ref()
            .is_some_and(|b| b.is_checked())
        {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the library was not checked in time");
}

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

/// The app on `draft`, with `folder` as the user's rules folder.
fn harness_on(draft: &str, folder: &std::path::Path) -> Harness<'static, DmlintApp> {
    let persisted = Persisted {
        draft: draft.to_string(),
        ..Persisted::default()
    };
    harness_with_rules(persisted, FakePicker::default(), Some(folder.to_path_buf()))
}

/// Whether a label containing `text` appears within 3 s, as the app picks
/// up a file changed on disk.
fn shows_within_3_s(harness: &mut Harness<'_, DmlintApp>, text: &str) -> bool {
    (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run();
        harness.query_by_label_contains(text).is_some()
    })
}

/// Selects chars `range` of the draft in the editor, as a drag would.
fn select(harness: &mut Harness<'_, DmlintApp>, range: std::ops::Range<usize>) {
    harness.state_mut().state.select_request = Some(range);
    harness.run();
}

#[test]
fn a_word_selected_in_the_editor_joins_the_allowlist() {
    let persisted = Persisted {
        draft: "欢迎来到 lumina 工作室".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("lumina  · 英文");
    select(&mut harness, 5..11);
    harness
        .get_by_label(super::editor::never_flag_label(UiLang::Zh))
        .click();
    harness.run();
    assert_eq!(harness.state().state.settings.allowlist, "lumina");
    assert!(harness.query_by_label_contains("lumina  · 英文").is_none());
    harness.get_by_label_contains("可以发送");
}

#[test]
fn a_word_selected_in_the_editor_is_always_flagged_from_then_on() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on("老规矩，暗号小绿书", folder.path());
    harness.get_by_label_contains("可以发送");
    select(&mut harness, 6..9);
    harness
        .get_by_label(super::editor::always_flag_label(UiLang::Zh))
        .click();
    harness.run();
    harness.get_by_label_contains("会被判导流 · 1 处违规");
    let pack =
        std::fs::read_to_string(folder.path().join(super::rule_set::OWN_WORDS_FILE)).unwrap();
    assert!(pack.contains("小绿书"), "{pack}");
    // The pack it wrote is a valid pack with passing examples.
    let packs = dmlint::rules::read_packs(folder.path()).unwrap();
    let checker =
        dmlint::Checker::new(dmlint::rules::RuleBook::with_pack_files(&packs).unwrap()).unwrap();
    let rule = checker
        .rules()
        .iter()
        .find(|r| r.id == "mine.always_flag")
        .unwrap();
    assert!(checker.example_failures(rule).is_empty());
}

#[test]
fn a_pack_edited_on_disk_takes_effect_without_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on("我们抖音同名哦", folder.path());
    harness.get_by_label_contains("可以发送");
    std::fs::write(
        folder.path().join("shop.json"),
        r#"{"pack": "shop", "description": {"zh": "", "en": ""}, "rules": [
  {"id": "shop.same_name", "category": "platform", "severity": "block",
   "keywords": ["抖音同名"], "message": {"zh": "抖音同名是在引导去抖音。", "en": "Sends to Douyin."},
   "fix": {"zh": "删掉。", "en": "Remove it."}, "examples": {"match": ["抖音同名"]}}]}"#,
    )
    .unwrap();
    assert!(
        shows_within_3_s(&mut harness, "会被判导流 · 1 处违规"),
        "the edited pack did not take effect within 3 s"
    );
    // A broken edit is skipped and said, and the app keeps working.
    std::fs::write(folder.path().join("shop.json"), "{ \"pack\": ").unwrap();
    assert!(
        shows_within_3_s(&mut harness, "规则包有问题，已跳过"),
        "the broken pack was not reported"
    );
    harness.get_by_label_contains("可以发送");
}

/// The suggestion buttons clicked in every order an operator might — always
/// the first, always the last, alternating — on warn-heavy messages leave
/// well-formed text at every step.
#[test]
fn suggestion_buttons_clicked_in_any_order_leave_well_formed_text() {
    let messages = [
        "全网最低价！三天见效，美白祛斑零副作用，最近上新",
        "加大码XL，现价￥499，包邮到家",
        "这款挂毯宽60cm，挂在床头刚好，新客体验价98元，会员价¥499，",
        "尺码有S/M/L/XL，宽60cm，重2kg，今天下单立减20元！",
        "我们家的精华是全网最低价，还能美白祛斑，放心下单～",
        "Follow my meal plan and you'll melt belly fat in just one week, guaranteed results.",
    ];
    for message in messages {
        for order in ["first", "last", "alternate"] {
            let persisted = Persisted {
                draft: message.to_string(),
                ..Persisted::default()
            };
            let mut harness = harness(persisted, FakePicker::default());
            harness.run();
            let mut clicked = 0;
            for step in 0..12 {
                let buttons: Vec<_> = harness.query_all_by_label_contains(" → ").collect();
                let Some(button) = (match (order, step % 2) {
                    ("first", _) | ("alternate", 0) => buttons.into_iter().next(),
                    _ => buttons.into_iter().last(),
                }) else {
                    break;
                };
                button.click();
                harness.run();
                clicked += 1;
                let draft = &harness.state().state.draft;
                if let Err(e) = well_formed::well_formed(message, draft) {
                    panic!("{e} after clicking the {order} buttons: {message:?} → {draft:?}");
                }
            }
            assert!(clicked > 0, "{message:?} offered no suggestion");
            assert_ne!(harness.state().state.draft, message, "nothing was applied");
        }
    }
}

/// An empty editor is judged nothing: a neutral badge, never a green 可以发送.
#[test]
fn an_empty_editor_shows_a_neutral_state() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.run();
    harness.get_by_label_contains("等待输入消息");
    harness.get_by_label_contains("问题会列在这里");
    harness.get_by_label_contains("合规改写会出现在这里");
    assert!(harness.query_by_label_contains("可以发送").is_none());
    assert!(harness.query_by_label_contains("没有发现风险").is_none());
    harness.state_mut().state.replace_draft("你好".to_string());
    harness.run();
    harness.get_by_label_contains("可以发送");
}

/// Salons have a trade of their own: their address and prices only inform,
/// and their efficacy claims come first.
#[test]
fn the_beauty_profile_softens_a_salons_address_and_puts_claims_first() {
    let persisted = Persisted {
        draft: "欢迎光临！店在徐汇区天钥桥路580号，新客体验价98元，三天见效，全网最低价。".into(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    harness.get_by_label_contains("0 处违规 · 4 处风险");
    harness.state_mut().state.settings.profile = "beauty".to_string();
    harness.state_mut().state.refresh();
    harness.run();
    harness.get_by_label_contains("0 处违规 · 2 处风险");
    let state = &harness.state().state;
    let order: Vec<dmlint::Category> = state
        .rules
        .checker
        .reading_order(&state.analysis.report, state.profile())
        .iter()
        .map(|f| f.category)
        .collect();
    assert_eq!(order[0], dmlint::Category::Efficacy, "{order:?}");
    assert!(order.contains(&dmlint::Category::Address), "{order:?}");
}

/// 设置 opens the settings in every view, not only the check view.
#[test]
fn settings_open_from_every_view() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    for view in ["批量检查", "规则", "培训", "手册", "检查"] {
        harness.get_by_label(view).click();
        harness.run();
        harness.get_by_label("设置").click();
        harness.run();
        harness.get_by_label("名片话术（中文）");
        // The toolbar's toggle, not the panel's heading.
        let toggle = harness.query_all_by_label("设置").next().unwrap();
        toggle.click();
        harness.run();
        assert!(
            harness.query_by_label("名片话术（中文）").is_none(),
            "{view}"
        );
    }
}

/// A tooltip reads as an operator's text: no developer id, no fake italics.
#[test]
fn a_finding_tooltip_shows_no_rule_id() {
    let persisted = Persisted {
        draft: "加我薇信 meimei_0812".into(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    harness.get_by_label_contains("薇信  · 微信").hover();
    harness.run();
    assert!(harness.query_by_label_contains("wechat.variant").is_none());
}

/// A trade profile saved by another version is named and replaced, never
/// silently ignored.
#[test]
fn an_unknown_saved_profile_falls_back_to_general_with_a_notice() {
    let mut persisted = Persisted::default();
    persisted.settings.profile = "bakery".to_string();
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    harness.get_by_label_contains("没有“bakery”这个行业设置，已改用通用。");
    assert_eq!(harness.state().state.settings.profile, "general");
}

/// A pack whose patterns each compile but not together takes its line to
/// the status bar, in red; the draft stays and the built-in rules still check.
#[test]
fn a_pack_too_big_to_compile_is_skipped_with_its_line() {
    let folder = tempfile::tempdir().unwrap();
    let pack = r#"{"pack": "big", "description": {"zh": "", "en": ""}, "rules": [
{"id": "big.one", "category": "wechat", "severity": "block", "patterns": ["q\\w{110}q"],
 "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["x"]}},
{"id": "big.two", "category": "wechat", "severity": "block", "patterns": ["z\\w{120}z"],
 "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["x"]}}]}"#;
    let path = folder.path().join("big.json");
    std::fs::write(&path, pack).unwrap();
    let draft = "加我微信 abc_12345";
    let mut harness = harness_on(draft, folder.path());
    harness.run();
    let status = format!("规则包有问题，已跳过：{}:4:", path.display());
    harness.get_by_label_contains(&status);
    assert!(
        harness
            .state()
            .state
            .notice
            .as_ref()
            .is_some_and(|n| n.is_error)
    );
    assert_eq!(harness.state().state.draft, draft);
    assert!(
        harness
            .query_all_by_label_contains("会被判导流")
            .next()
            .is_some()
    );
}

#[test]
fn the_rules_view_finds_tries_and_switches_a_rule() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("规则").click();
    harness.run();
    harness
        .get_by_label(super::rules_view::search_label(UiLang::Zh))
        .click();
    harness.run();
    harness
        .get_by_label(super::rules_view::search_label(UiLang::Zh))
        .type_text("wechat.variant");
    harness.run();
    harness.get_by_label("微信的变体写法").click();
    harness.run();
    harness.get_by_label_contains("绿泡泡、绿色泡泡");
    harness
        .get_by_label(super::rules_view::trial_label(UiLang::Zh))
        .click();
    harness.run();
    harness
        .get_by_label(super::rules_view::trial_label(UiLang::Zh))
        .type_text("加我 vx 吧");
    harness.run();
    harness.get_by_label_contains("这条规则标记了：vx");
    harness.get_by_label("开启或关闭这条规则").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.settings.switched_off, ["wechat.variant"]);
    assert!(
        state
            .rules
            .checker
            .rules()
            .iter()
            .all(|r| r.id != "wechat.variant")
    );
    harness.get_by_label_contains("这条规则在这段文字里没有标记");
}

/// Switching a rule off leaves it where it was in the list — the next
/// click at the same place switches the same rule back on — and its
/// details say it is off.
#[test]
fn a_rule_switched_off_keeps_its_place_and_says_it_is_off() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("规则").click();
    harness.run();
    let search = super::rules_view::search_label(UiLang::Zh);
    harness.get_by_label(search).click();
    harness.run();
    harness.get_by_label(search).type_text("wechat.");
    harness.run();
    let click_first_switch = |harness: &mut Harness<'_, DmlintApp>| {
        harness
            .query_all_by_label("开启或关闭这条规则")
            .next()
            .unwrap()
            .click();
        harness.run();
    };
    click_first_switch(&mut harness);
    let off = harness.state().state.settings.switched_off.clone();
    let [rule] = off.as_slice() else {
        panic!("one rule switched off: {off:?}");
    };
    // Listed by its name, in the UI's language; the id beside it.
    let name = {
        let book = harness.state().state.rules.checker.book();
        let rule = book.disabled().iter().find(|r| &r.id == rule).unwrap();
        rule.name.zh.clone()
    };
    harness.get_by_label(&name).click();
    harness.run();
    harness.get_by_label_contains(&format!("· {rule}"));
    harness.get_by_label_contains("· 已关闭");
    click_first_switch(&mut harness);
    assert!(
        harness.state().state.settings.switched_off.is_empty(),
        "the first row is another rule now: {:?}",
        harness.state().state.settings.switched_off
    );
}

#[test]
fn the_allowlist_exports_one_word_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("allowlist.txt");
    let picker = FakePicker::default();
    *picker.save.borrow_mut() = Some(target.clone());
    let mut persisted = Persisted::default();
    persisted.settings.allowlist = "栖月美学\nlumina".to_string();
    persisted.settings.show_settings = true;
    let mut harness = harness(persisted, picker);
    harness.get_by_label("导出白名单").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "栖月美学\nlumina\n"
    );
}

/// The app in the training view, its record kept at `progress`.
fn training_harness(progress: &std::path::Path) -> Harness<'static, DmlintApp> {
    let places = super::Places {
        rules: None,
        progress: Some(progress.to_path_buf()),
        session: None,
    };
    let mut harness = harness_with_places(Persisted::default(), FakePicker::default(), places);
    harness.get_by_label("培训").click();
    harness.run();
    harness
}

#[test]
fn a_find_exercise_is_answered_scored_and_the_lesson_recorded() {
    use super::training_view::{back_label, new_operator_label, next_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("training.json");
    let mut harness = training_harness(&record);
    harness.get_by_label(new_operator_label(UiLang::Zh)).click();
    harness.run();
    harness
        .get_by_label(new_operator_label(UiLang::Zh))
        .type_text("小王");
    harness.run();
    harness.get_by_label("添加学员").click();
    harness.run();
    harness.get_by_label_contains("开始 联系方式").click();
    harness.run();
    // Click the tokens that hold what the engine finds, as an operator would.
    let exercise = harness.state().state.training.exercise().unwrap().clone();
    let report = exercise.report(&harness.state().state.rules.checker);
    assert!(report.findings.len() >= 2);
    for (range, token) in super::training::tokens(&exercise.text) {
        if report
            .findings
            .iter()
            .any(|f| f.start < range.end && range.start < f.end)
        {
            harness.get_by_label(&token).click();
            harness.run();
        }
    }
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("答对了 · 得分 100%");
    harness.get_by_label_contains("dmlint 的合规改写");
    // The rest of the lesson unanswered: they count as misses.
    for _ in 1..10 {
        harness.get_by_label(next_label(UiLang::Zh)).click();
        harness.run();
        harness.get_by_label(submit_label(UiLang::Zh)).click();
        harness.run();
        harness.get_by_label_contains("你漏掉了");
    }
    harness.get_by_label(next_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("本课得分 10%");
    harness.get_by_label_contains("需要复习的规则");
    let saved = dmlint::training::Progress::load(&record).unwrap();
    let lesson = &saved.operators["小王"].lessons["contacts"];
    assert_eq!((lesson.attempts, lesson.best), (1, 0.1));
    assert!(!saved.operators["小王"].weak.is_empty());
    harness.get_by_label(back_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("最好成绩 10%");
}

#[test]
fn a_judge_exercise_is_scored_against_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 站外平台与链接").click();
    harness.run();
    // "京东旗舰店有售，搜「贝洁口腔」即可": a destination, so it blocks.
    harness.get_by_label("会被判导流").click();
    harness.run();
    harness.get_by_label_contains("答对了");
    harness.get_by_label_contains("dmlint 的判断： 会被判导流");
    harness
        .get_by_label(super::training_view::next_label(UiLang::Zh))
        .click();
    harness.run();
    // "京东的物流确实快": a topic; saying it blocks is wrong.
    harness.get_by_label("会被判导流").click();
    harness.run();
    harness.get_by_label_contains("还差一点");
    // The pick stays in view beside the right answer.
    harness.get_by_label_contains("你的判断：会被判导流 · 正确答案：");
}

#[test]
fn a_rewrite_is_checked_live_and_scored() {
    use super::training_view::{rewrite_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 合规改写").click();
    harness.run();
    harness.get_by_label_contains("你的版本：会被判导流");
    harness.get_by_label(rewrite_label(UiLang::Zh)).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label(rewrite_label(UiLang::Zh))
        .type_text("欢迎咨询安居置业！这边消息不常看，有事请点击下方名片咨询。");
    harness.run();
    harness.get_by_label_contains("你的版本：可以发送");
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("答对了 · 得分 100%");
}

/// A rewrite that passes the check but throws the message away scores
/// nothing: 「好的」 keeps none of it and names no card.
#[test]
fn a_rewrite_that_drops_the_message_scores_nothing() {
    use super::training_view::{rewrite_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 合规改写").click();
    harness.run();
    harness.get_by_label(rewrite_label(UiLang::Zh)).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label(rewrite_label(UiLang::Zh))
        .type_text("好的");
    harness.run();
    harness.get_by_label_contains("你的版本：可以发送");
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("得分 0%");
    assert!(harness.query_by_label_contains("得分 100%").is_none());
}

/// A lesson left part-way keeps what was answered: the record says where it
/// stopped, and starting it again resumes at the next exercise.
#[test]
fn a_lesson_left_part_way_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("training.json");
    let mut harness = training_harness(&record);
    harness.get_by_label_contains("开始 站外平台与链接").click();
    harness.run();
    harness.get_by_label("会被判导流").click();
    harness.run();
    harness.get_by_label("退出本课（保留进度）").click();
    harness.run();
    harness.get_by_label_contains("上次做到 1/");
    let saved = dmlint::training::Progress::load(&record).unwrap();
    let unfinished: Vec<usize> = saved
        .operators
        .values()
        .flat_map(|o| o.lessons.values())
        .map(|l| l.unfinished.len())
        .collect();
    assert_eq!(unfinished, [1]);
    harness.get_by_label_contains("开始 站外平台与链接").click();
    harness.run();
    let session = harness.state().state.training.session.as_ref().unwrap();
    assert_eq!((session.exercise, session.earlier.len()), (1, 1));
}

#[test]
fn the_handbook_explains_each_category_with_its_rules() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("手册").click();
    harness.run();
    harness.get_by_label_contains("微信是平台最严的红线");
    harness.get_by_label_contains("《广告法》第九条禁止");
}

#[test]
fn a_kill_mid_typing_loses_at_most_what_came_after_the_last_save() {
    use super::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.json");
    let places = || super::Places {
        rules: None,
        progress: None,
        session: Some(session.clone()),
    };
    let mut harness = harness_with_places(Persisted::default(), FakePicker::default(), places());
    type_message(&mut harness, "您好，预约请点击下方名片");
    // eframe's three-second save.
    harness.state_mut().save_session();
    type_message(&mut harness, "，周末也营业");
    // SIGKILL: no save on the way out, the harness just goes.
    drop(harness);
    let Loaded::Saved {
        persisted: restored,
        broken,
    } = Store::new(Some(session.clone())).load()
    else {
        panic!("the session was not saved");
    };
    assert!(broken.is_empty(), "{broken:?}");
    assert_eq!(restored.draft, "您好，预约请点击下方名片");
    // The draft and the settings, and no temporary file beside them.
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["session.json", "settings.json"]);
    let harness = harness_with_places(restored, FakePicker::default(), places());
    assert_eq!(harness.state().state.draft, "您好，预约请点击下方名片");
}

#[test]
fn a_corrupted_draft_is_moved_aside_and_the_settings_survive() {
    use super::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.json");
    let settings = super::state::Settings {
        card_zh: "点我们的名片预约".to_string(),
        ..Default::default()
    };
    let mut store = Store::new(Some(session.clone()));
    let persisted = Persisted {
        settings: settings.clone(),
        draft: "草稿".to_string(),
    };
    store.save(&persisted).unwrap();
    std::fs::write(&session, "{\"draft\": \"半截").unwrap();
    let Loaded::Saved { persisted, broken } = Store::new(Some(session.clone())).load() else {
        panic!("the settings must load");
    };
    assert_eq!(persisted.settings, settings);
    assert_eq!(persisted.draft, "");
    let [broken] = broken.as_slice() else {
        panic!("one file is broken: {broken:?}");
    };
    assert!(!broken.settings && broken.stuck.is_none());
    assert!(
        matches!(
            broken.error,
            dmlint::json_file::StoreError::Parse { line: 1, .. }
        ),
        "{}",
        broken.error
    );
    assert!(!session.exists());
    assert_eq!(
        std::fs::read_to_string(&broken.moved_to).unwrap(),
        "{\"draft\": \"半截"
    );
    // The app starts with the settings, says what happened, and the draft is
    // whole again at the next save.
    let places = super::Places {
        rules: None,
        progress: None,
        session: Some(session.clone()),
    };
    let mut harness = harness_with_places(persisted, FakePicker::default(), places);
    harness.state_mut().save_session();
    assert!(session.exists());
}

/// A session from before `settings.json` kept the settings with the draft.
#[test]
fn an_old_session_file_keeps_its_settings() {
    use super::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.json");
    std::fs::write(
        &session,
        r#"{"settings": {"card_zh": "旧话术", "profile": "legal"}, "draft": "旧草稿"}"#,
    )
    .unwrap();
    let Loaded::Saved { persisted, broken } = Store::new(Some(session)).load() else {
        panic!("the old session must load");
    };
    assert!(broken.is_empty());
    assert_eq!(persisted.draft, "旧草稿");
    assert_eq!(persisted.settings.card_zh, "旧话术");
    assert_eq!(persisted.settings.profile, "legal");
}

/// Checks run during `act`, on this thread (the app's UI thread).
fn checks_during(
    harness: &mut Harness<'_, DmlintApp>,
    act: impl FnOnce(&mut Harness<'_, DmlintApp>),
) -> u64 {
    let before = super::derived::checks_run();
    act(harness);
    super::derived::checks_run() - before
}

fn idle_frames(harness: &mut Harness<'_, DmlintApp>) {
    for _ in 0..5 {
        harness.step();
    }
}

/// One analysis per edit, shared by the highlighter, the findings, the
/// rewrite and the suggestions; nothing at all on a frame where nothing
/// changed, in any view.
#[test]
fn a_keystroke_runs_one_check_and_an_idle_frame_none() {
    let persisted = Persisted {
        draft: "宝子加我薇信 meimei_0812，60cm 的款".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label(editor_label(UiLang::Zh)).click();
    harness.run();
    assert_eq!(checks_during(&mut harness, idle_frames), 0);
    for key in ["好", "的"] {
        let checks = checks_during(&mut harness, |h| {
            h.get_by_label(editor_label(UiLang::Zh)).type_text(key);
            h.run();
        });
        assert_eq!(checks, 1, "typing {key}");
    }
    assert!(harness.state().state.draft.ends_with("好的"));
    harness.get_by_label_contains("meimei_0812  · 微信").hover();
    harness.run();
    assert_eq!(checks_during(&mut harness, idle_frames), 0);

    // The rules view with a rule tried on some text.
    harness.get_by_label("规则").click();
    harness.run();
    let search = super::rules_view::search_label(UiLang::Zh);
    harness.get_by_label(search).click();
    harness.run();
    harness.get_by_label(search).type_text("wechat.variant");
    harness.run();
    harness.get_by_label("微信的变体写法").click();
    harness.run();
    let trial = super::rules_view::trial_label(UiLang::Zh);
    harness.get_by_label(trial).click();
    harness.run();
    let checks = checks_during(&mut harness, |h| {
        h.get_by_label(trial).type_text("加我 vx 吧");
        h.run();
    });
    assert!(checks >= 1, "the trial text is checked");
    harness.get_by_label_contains("这条规则标记了：vx");
    assert_eq!(checks_during(&mut harness, idle_frames), 0);

    // A rewrite exercise, checked live.
    harness.get_by_label("培训").click();
    harness.run();
    harness.get_by_label_contains("开始 合规改写").click();
    harness.run();
    harness.get_by_label_contains("你的版本：会被判导流");
    assert_eq!(checks_during(&mut harness, idle_frames), 0);

    // A library in the batch view.
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("scripts.csv");
    std::fs::write(&library, "text\n加我微信 abc123\n欢迎光临\n").unwrap();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .state
        .open_library(&library, Default::default(), &ctx);
    wait_for_batch(&mut harness);
    assert_eq!(checks_during(&mut harness, idle_frames), 0);
}

/// A finding picked in the list is selected in the editor, even far down a
/// long message; the finding under the pointer, in the list or the editor,
/// is the one both show.
#[test]
fn a_finding_in_the_list_selects_its_span_and_hovering_links_both() {
    let filler = "今天的新品到了，欢迎来店里看看。\n".repeat(80);
    let draft = format!("{filler}约时间加薇信：meimei_0812 哦");
    let start = draft.chars().count() - "meimei_0812 哦".chars().count();
    let persisted = Persisted {
        draft,
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("meimei_0812  · 微信").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.selection.as_deref(), Some("meimei_0812"));

    let span = start..start + "meimei_0812".len();
    assert_eq!(harness.state().state.pointed, Some(span));
    harness.get_by_label_contains("薇信  · 微信").hover();
    harness.run();
    let pointed = harness.state().state.pointed.clone();
    assert_eq!(pointed.map(|s| s.len()), Some(2));
}

/// The same change is offered once with its count, and accepted everywhere;
/// a kind with several changes accepts them all at once.
#[test]
fn suggestions_are_grouped_by_kind_and_accepted_together() {
    let persisted = Persisted {
        draft: "宽60cm，长60cm，高60cm，尺码XL，重2kg".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted.clone(), FakePicker::default());
    harness.get_by_label("60cm → 60厘米 ×3").click();
    harness.run();
    assert_eq!(
        harness.state().state.draft,
        "宽60厘米，长60厘米，高60厘米，尺码XL，重2kg"
    );

    let mut harness = self::harness(persisted, FakePicker::default());
    harness.get_by_label_contains("全部采用 (4)").click();
    harness.run();
    assert_eq!(
        harness.state().state.draft,
        "宽60厘米，长60厘米，高60厘米，尺码XL，重2公斤"
    );
}

/// A 20,000-char message with hundreds of warnings: the suggestions scroll
/// in their own column, and the editor and the findings keep their room.
#[test]
fn a_huge_message_leaves_the_editor_and_findings_usable() {
    let draft = "这款挂毯宽60cm，尺码XL，现价￥499，加我薇信 abc_123 哦。\n".repeat(600);
    let draft: String = draft.chars().take(20_000).collect();
    let persisted = Persisted {
        draft,
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    // The editor runs from under its label down to the rewrite panel.
    let editor = harness.get_by_label(editor_label(UiLang::Zh)).rect();
    let rewrite = harness.get_by_label("复制改写").rect();
    assert!(rewrite.max.y < 800.0, "rewrite header {rewrite:?}");
    assert!(
        rewrite.min.y - editor.min.y > 300.0,
        "editor from {editor:?} to {rewrite:?}"
    );
    let findings = harness.get_by_label("发现的问题").rect();
    assert!(
        findings.min.x > 800.0 && findings.max.x <= 1280.0,
        "findings {findings:?}"
    );
    // Typing still goes into the editor.
    harness.get_by_label(editor_label(UiLang::Zh)).focus();
    harness.run();
    harness
        .get_by_label(editor_label(UiLang::Zh))
        .type_text("好");
    harness.run();
    let typed = &harness.state().state.draft;
    assert_eq!(typed.chars().count(), 20_001);
    assert!(typed.contains('好'));
}

/// At 1024×640 the toolbar stays one row, in both languages: what does not
/// fit is in the 更多 menu, and the badge and the views stay put.
#[test]
fn a_narrow_window_keeps_the_toolbar_on_one_row() {
    let places = super::Places {
        rules: None,
        progress: None,
        session: None,
    };
    let persisted = Persisted {
        draft: "加我薇信 abc_123".to_string(),
        ..Persisted::default()
    };
    let size = egui::vec2(1024.0, 640.0);
    let mut harness = harness_sized(persisted, FakePicker::default(), places, size);
    harness.run();
    for lang in [UiLang::Zh, UiLang::En] {
        let check = super::batch_view::view_label(lang, super::state::View::Check);
        let row = harness.get_by_label(check).rect();
        let verdict = format!("{} · ", lang.verdict(dmlint::Verdict::Block));
        let badge = harness.get_by_label_contains(&verdict).rect();
        let more = harness
            .get_by_label(super::toolbar::more_label(lang))
            .rect();
        for rect in [badge, more] {
            let off = (rect.center().y - row.center().y).abs();
            assert!(off < 4.0, "{lang:?}: {rect:?} off the row {row:?}");
        }
        assert!(more.max.x <= 1024.0, "{lang:?}: {more:?} cut off");
        harness
            .get_by_label(super::toolbar::more_label(lang))
            .click();
        harness.run();
        harness.get_by_label(lang.pick("打开文件", "Open file"));
        harness
            .get_by_label(lang.other().pick("中文", "English"))
            .click();
        harness.run();
    }
    assert_eq!(harness.state().state.settings.lang, UiLang::Zh);
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
