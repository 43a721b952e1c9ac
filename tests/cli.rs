//! `dmlint check` as a user runs it: every exit status, every output and
//! input format, and clear errors for bad input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn dmlint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dmlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dmlint runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

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
    let bad_utf8 = write(dir.path(), "gbk.txt", b"line one\n\xc4\xe3\xba\xc3\n");
    let out = dmlint(&["check", &bad_utf8], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{bad_utf8}:2: not valid UTF-8")),
        "{}",
        stderr(&out)
    );

    let broken = write(dir.path(), "x.jsonl", b"{\"text\": \"ok\"}\n{\"text\": \n");
    let out = dmlint(&["check", &broken], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{broken}:2:")),
        "{}",
        stderr(&out)
    );

    let no_text = write(dir.path(), "y.csv", b"id,message\n1,hello\n");
    let out = dmlint(&["check", &no_text], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no `text` column"),
        "{}",
        stderr(&out)
    );

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
