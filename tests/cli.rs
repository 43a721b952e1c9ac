//! `dmlint check` as a user runs it: every exit status, every output and
//! input format, and clear errors for bad input.

mod common;

use std::process::Output;

use common::{dmlint, stderr, stdout, write};

#[test]
fn exit_status_is_0_for_pass_and_warn_and_1_for_block() {
    assert_eq!(
        dmlint(&["check"], "您好，点击下方名片预约～").status.code(),
        Some(0)
    );
    assert_eq!(
        dmlint(&["check"], "宽60cm，挂在床头").status.code(),
        Some(0)
    );
    assert_eq!(
        dmlint(&["check"], "加我V信：abc_123").status.code(),
        Some(1)
    );
}

#[test]
fn jsonl_output_follows_the_contract() {
    let input = concat!(
        r#"{"id": "a", "text": "加我V信：abc_123"}"#,
        "\n",
        r#"{"id": "b", "text": "京东的物流很快", "context": "welcome"}"#,
        "\n"
    );
    let out = dmlint(
        &["check", "--input-format", "jsonl", "--format", "jsonl"],
        input,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["verdict"], "block");
    assert_eq!(lines[0]["rewrite"], "可以点击下方名片联系我们");
    assert_eq!(
        lines[1]["rewrite"], "京东的物流很快",
        "nothing blocks: unchanged"
    );
    let first = &lines[0]["findings"][0];
    for key in [
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "text",
        "normalized",
        "message",
    ] {
        assert!(first.get(key).is_some(), "finding lacks {key}: {first}");
    }
    let v_xin = lines[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "V信")
        .expect("V信 is found");
    assert_eq!(
        (v_xin["start"].as_u64(), v_xin["end"].as_u64()),
        (Some(2), Some(4))
    );
    assert_eq!(v_xin["category"], "wechat");
    // The line's own context applies: a topic mention warns in a welcome message.
    assert_eq!(lines[1]["verdict"], "warn");
}

#[test]
fn the_rewrite_uses_the_operators_card_and_shows_in_text_output() {
    let out = dmlint(
        &[
            "check",
            "--format",
            "jsonl",
            "--card-zh",
            "戳下方名片找我们",
        ],
        "你好，加我微信 abc_123",
    );
    assert!(
        stdout(&out).contains("\"rewrite\":\"你好，戳下方名片找我们\""),
        "{}",
        stdout(&out)
    );
    let out = dmlint(
        &["check", "--format", "text", "--context", "welcome"],
        "你好，加我微信 abc_123",
    );
    assert!(
        stdout(&out).contains("rewrite: 你好，点击下方名片咨询"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_output_is_one_array() {
    let out = dmlint(&["check", "--format", "json"], "今天练腿辛苦了");
    assert_eq!(out.status.code(), Some(0));
    let all: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(all.as_array().map(Vec::len), Some(1));
    assert_eq!(all[0]["verdict"], "pass");
}

#[test]
fn text_output_marks_spans_and_explains_them() {
    let out = dmlint(&["check", "--format", "text"], "急事请致电 138 0013 8000");
    let text = stdout(&out);
    assert!(text.contains("BLOCK"), "{text}");
    assert!(text.contains("[!138 0013 8000]"), "{text}");
    assert!(text.contains("→ 13800138000"), "{text}");
}

#[test]
fn reads_lines_csv_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let lines = write(
        dir.path(),
        "msgs.txt",
        "你好\n\n加我微信 abc123\n".as_bytes(),
    );
    let out = dmlint(
        &[
            "check",
            "--input-format",
            "lines",
            "--format",
            "jsonl",
            &lines,
        ],
        "",
    );
    let ids: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, [format!("{lines}:1"), format!("{lines}:3")]);
    assert_eq!(out.status.code(), Some(1));

    let csv = write(
        dir.path(),
        "lib.csv",
        "id,text,note\nw1,\"欢迎光临，点击下方名片预约\",x\nw2,\"有事打 13800138000\",y\n"
            .as_bytes(),
    );
    let out = dmlint(&["check", "--format", "jsonl", &csv], "");
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0]["id"].as_str(), rows[0]["verdict"].as_str()),
        (Some("w1"), Some("pass"))
    );
    assert_eq!(
        (rows[1]["id"].as_str(), rows[1]["verdict"].as_str()),
        (Some("w2"), Some("block"))
    );
}

#[test]
fn the_allowlist_and_profiles_apply() {
    let out = dmlint(
        &["check", "--format", "jsonl", "--allow", "MZ2024A"],
        "编号是MZ2024A",
    );
    assert!(
        stdout(&out).contains("\"verdict\":\"pass\""),
        "{}",
        stdout(&out)
    );
    let out = dmlint(
        &["check", "--format", "jsonl", "--profile", "legal"],
        "赔偿金大约14.4万元",
    );
    assert!(
        stdout(&out).contains("\"severity\":\"info\""),
        "{}",
        stdout(&out)
    );
    let out = dmlint(&["check", "--profile", "nonsense"], "你好");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown profile `nonsense`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_input_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = write(dir.path(), "gbk.txt", b"line one\n\xc4\xe3\xba\xc3\n");
    let out = dmlint(&["check", "--encoding", "utf-8", &gbk], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 2: not valid UTF-8"),
        "{}",
        stderr(&out)
    );

    let broken = write(dir.path(), "x.jsonl", b"{\"text\": \"ok\"}\n{\"text\": \n{\"text\": \"\xe5\x8a\xa0\xe6\x88\x91\xe5\xbe\xae\xe4\xbf\xa1 abc123\"}\n");
    let out = dmlint(&["check", "--format", "jsonl", &broken], "");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a broken line is an input error"
    );
    assert!(
        stderr(&out).contains(&format!("{broken}:2:")),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 2, "the rest is still checked");

    let no_text = write(dir.path(), "y.csv", b"id,message\n1,hello\n");
    let out = dmlint(&["check", "--column", "text", &no_text], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no column `text`; the columns are: id, message"),
        "{}",
        stderr(&out)
    );

    let empty = write(dir.path(), "empty.txt", b"");
    let out = dmlint(&["check", &empty], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty.txt: the file is empty"),
        "{}",
        stderr(&out)
    );

    let binary: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let binary = write(dir.path(), "blob.txt", &binary);
    let out = dmlint(&["check", &binary], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("binary"), "{}", stderr(&out));

    let missing = dir.path().join("absent.txt");
    let out = dmlint(&["check", missing.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("absent.txt: cannot read"),
        "{}",
        stderr(&out)
    );

    let out = dmlint(&["check", "--format", "yaml"], "");
    assert_eq!(out.status.code(), Some(2));
}

/// Reads a jsonl output into (id, verdict) pairs.
fn verdicts(out: &Output) -> Vec<(String, String)> {
    stdout(out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_gbk_csv_from_excel_just_works_and_is_written_back_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "编号,场景,话术,备注\r\n1,欢迎语,欢迎光临，点击下方名片预约,a\r\n2,自动回复,\"有事加我微信 abc123，谢谢\",b\r\n3,私信,这款宽60cm,c\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let input = write(dir.path(), "话术库.csv", &gbk);
    let fixed = dir.path().join("话术库.fixed.csv");
    let report = dir.path().join("report.csv");
    let out = dmlint(
        &[
            "check",
            "--format",
            "jsonl",
            "--report",
            report.to_str().unwrap(),
            "--write-fixed",
            fixed.to_str().unwrap(),
            &input,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        verdicts(&out),
        [
            ("1".into(), "pass".into()),
            ("2".into(), "block".into()),
            ("3".into(), "warn".into())
        ]
    );
    assert!(
        stderr(&out).contains("3 messages: 1 block, 1 warn, 1 pass"),
        "{}",
        stderr(&out)
    );

    // Same encoding, columns and order; only the blocking row changed.
    let written = std::fs::read(&fixed).unwrap();
    let (text, _, errors) = encoding_rs::GBK.decode(&written);
    assert!(!errors);
    assert_eq!(
        text,
        "编号,场景,话术,备注\r\n1,欢迎语,欢迎光临，点击下方名片预约,a\r\n2,自动回复,详情请点击下方名片咨询，谢谢,b\r\n3,私信,这款宽60cm,c\r\n"
    );
    // Reading the fixed file gives the same ids and no block.
    let out = dmlint(&["check", "--format", "jsonl", fixed.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        verdicts(&out)
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );

    let report = std::fs::read(&report).unwrap();
    assert!(
        report.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for Excel"
    );
    let report = String::from_utf8(report).unwrap();
    assert!(report.contains("2,3,block,"), "{report}");
}

#[test]
fn the_input_is_never_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "lib.txt", "加我微信 abc123\n你好\n".as_bytes());
    let out = dmlint(&["check", "--write-fixed", &input, &input], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing to overwrite the input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "加我微信 abc123\n你好\n"
    );
    let out = dmlint(
        &["check", "--write-fixed", &input, "--overwrite", &input],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "可以点击下方名片联系我们\n你好\n"
    );
}

#[test]
fn excel_workbooks_are_read_by_sheet_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scripts.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook
        .add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "readme")
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("话术").unwrap();
    for (r, row) in [
        ["id", "内容"],
        ["w1", "欢迎光临～"],
        ["w2", "急单打 138 0013 8000"],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    workbook.save(&path).unwrap();
    let path = path.to_str().unwrap();
    let out = dmlint(&["check", "--format", "jsonl", "--sheet", "话术", path], "");
    assert_eq!(
        verdicts(&out),
        [("w1".into(), "pass".into()), ("w2".into(), "block".into())]
    );
    let out = dmlint(&["check", "--sheet", "nope", path], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no sheet `nope`; the sheets are: 说明, 话术"),
        "{}",
        stderr(&out)
    );

    let fixed = dir.path().join("scripts.fixed.xlsx");
    let out = dmlint(
        &[
            "check",
            "--sheet",
            "话术",
            "--column",
            "B",
            "--write-fixed",
            fixed.to_str().unwrap(),
            path,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = dmlint(&["check", "--format", "jsonl", fixed.to_str().unwrap()], "");
    assert_eq!(
        verdicts(&out),
        [("w1".into(), "pass".into()), ("w2".into(), "pass".into())]
    );
}

#[test]
fn plain_text_libraries_split_into_lines_or_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let blocks = write(
        dir.path(),
        "b.txt",
        "欢迎光临！\n有问题请私信。\n\n加我微信 abc123\n谢谢\n".as_bytes(),
    );
    let out = dmlint(&["check", "--format", "jsonl", &blocks], "");
    assert_eq!(verdicts(&out).len(), 2);
    let out = dmlint(
        &[
            "check",
            "--format",
            "jsonl",
            "--input-format",
            "lines",
            &blocks,
        ],
        "",
    );
    assert_eq!(verdicts(&out).len(), 4);
    let out = dmlint(
        &[
            "check",
            "--format",
            "jsonl",
            "--input-format",
            "text",
            &blocks,
        ],
        "",
    );
    assert_eq!(verdicts(&out).len(), 1);
}

#[test]
fn broken_rule_packs_are_reported_with_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "mine.json",
        b"{\n  \"pack\": \"mine\",\n  \"rules\": [oops]\n}\n",
    );
    let out = dmlint(&["check", "--rules", &pack], "你好");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{pack}:3:")),
        "{}",
        stderr(&out)
    );
}
