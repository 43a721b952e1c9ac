//! `dmlint rules` and the merchant's own packs as a user meets them: the
//! folder every check loads, layering over the built-in rules (add,
//! override, disable), validation with file:line:column, and export.

mod common;

use common::{dmlint, dmlint_with_config, stderr, stdout, write};

/// A pack that adds a rule and changes three built-in ones.
const SHOP_PACK: &str = r#"{
  "pack": "my-shop",
  "description": {"zh": "我们店自己的规则", "en": "Our shop's own rules"},
  "rules": [
    {
      "id": "shop.same_name",
      "category": "platform",
      "severity": "block",
      "keywords": ["抖音同名"],
      "message": {"zh": "“抖音同名”是在引导去抖音搜账号。", "en": "Sends customers to Douyin."},
      "fix": {"zh": "删掉，改为“点击下方名片咨询”。", "en": "Point to the contact card."},
      "examples": {"match": ["我们抖音同名哦"], "no_match": ["抖音上很火的那款"]}
    }
  ],
  "overrides": [
    {"id": "english.words", "severity": "info"},
    {"id": "amount.money", "disabled": true},
    {"id": "wechat.variant", "add_keywords": ["维❤"]}
  ]
}
"#;

fn finding_rules(out: &std::process::Output) -> Vec<(String, String)> {
    let line: serde_json::Value =
        serde_json::from_str(stdout(out).lines().next().unwrap()).unwrap();
    line["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn packs_in_the_user_folder_add_override_and_disable_rules() {
    let config = tempfile::tempdir().unwrap();
    let out = dmlint_with_config(config.path(), &["rules", "--path"], "");
    let folder = stdout(&out).trim().to_string();
    assert_eq!(folder, config.path().join("dmlint/rules").to_str().unwrap());

    let message = "抖音同名，加我维❤：abc_123，新品98元，signature款";
    let before = finding_rules(&dmlint_with_config(
        config.path(),
        &["check", "--format", "jsonl"],
        message,
    ));
    assert!(
        before.contains(&("amount.money".into(), "warn".into())),
        "{before:?}"
    );
    assert!(
        before.contains(&("english.words".into(), "warn".into())),
        "{before:?}"
    );
    assert!(
        !before.iter().any(|(r, _)| r == "shop.same_name"),
        "{before:?}"
    );

    std::fs::create_dir_all(&folder).unwrap();
    write(
        std::path::Path::new(&folder),
        "shop.json",
        SHOP_PACK.as_bytes(),
    );
    let after = finding_rules(&dmlint_with_config(
        config.path(),
        &["check", "--format", "jsonl"],
        message,
    ));
    assert!(
        after.contains(&("shop.same_name".into(), "block".into())),
        "{after:?}"
    );
    assert!(
        after.contains(&("english.words".into(), "info".into())),
        "{after:?}"
    );
    assert!(!after.iter().any(|(r, _)| r == "amount.money"), "{after:?}");
    assert!(
        after.contains(&("wechat.variant".into(), "block".into())),
        "{after:?}"
    );

    let listed = dmlint_with_config(config.path(), &["rules", "list", "--format", "json"], "");
    let rules: serde_json::Value = serde_json::from_str(&stdout(&listed)).unwrap();
    let amount = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "amount.money")
        .unwrap();
    assert_eq!(amount["severity"], "off");
    assert_eq!(amount["origin"][0], "rules/screening.json");
    assert!(amount["origin"][1].as_str().unwrap().ends_with("shop.json"));
}

#[test]
fn the_profile_sets_the_listed_severity() {
    let out = dmlint(
        &["rules", "list", "--profile", "legal", "--format", "json"],
        "",
    );
    let rules: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let severity = |id: &str| {
        rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["severity"].as_str().unwrap().to_string())
    };
    assert_eq!(severity("amount.money").as_deref(), Some("info"));
    assert_eq!(severity("wechat.variant").as_deref(), Some("block"));

    let out = dmlint(&["rules", "list", "--profile", "nonsense"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("unknown profile `nonsense`; choose one of:"),
        "{err}"
    );
    assert!(err.contains("legal") && err.contains("general"), "{err}");
}

#[test]
fn rules_check_reports_every_problem_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "bad.json",
        br#"{
  "pack": "broken",
  "description": {"zh": "", "en": ""},
  "rules": [
    {
      "id": "wechat.variant",
      "category": "wechat",
      "severity": "block",
      "patterns": ["(abc"],
      "message": {"zh": "", "en": ""},
      "fix": {"zh": "", "en": ""},
      "examples": {"match": ["x"]}
    }
  ],
  "overrides": [
    {"id": "no.such.rule", "severity": "info"},
    {"id": "url.link", "add_patterns": ["[a-"]},
    {"id": "url.ip"}
  ]
}
"#,
    );
    let out = dmlint(&["rules", "check", &pack], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for expected in [
        format!("{pack}:9:20: rule `wechat.variant`: invalid pattern \"(abc\""),
        format!("{pack}:6:13: rule `wechat.variant`: rule id `wechat.variant` is used twice"),
        format!("{pack}:16:12: rule `no.such.rule`: there is no rule with this id"),
        format!("{pack}:17:41: rule `url.link`: invalid pattern \"[a-\""),
        format!("{pack}:18:12: rule `url.ip`: this override changes nothing"),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn rules_check_runs_the_packs_own_examples() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "shop.json", SHOP_PACK.as_bytes());
    let out = dmlint(&["rules", "check", &good], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("every example passes"),
        "{}",
        stdout(&out)
    );

    let failing = r#"{"pack": "f", "description": {"zh": "", "en": ""}, "rules": [
 {"id": "shop.never", "category": "platform", "severity": "block", "keywords": ["同名店"],
  "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["我们抖音见"]}}]}"#;
    let bad = write(dir.path(), "failing.json", failing.as_bytes());
    // A failing pack does not silence the clean one checked after it.
    let out = dmlint(&["rules", "check", &bad, &good], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{good}: 3 rules checked, every example passes")),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains(&format!(
            "{bad}:2:9: rule `shop.never`: example \"我们抖音见\" should match but does not"
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_broken_pack_in_the_user_folder_stops_check_with_its_location() {
    let config = tempfile::tempdir().unwrap();
    let folder = config.path().join("dmlint/rules");
    std::fs::create_dir_all(&folder).unwrap();
    let pack = write(
        &folder,
        "typo.json",
        b"{\n  \"pack\": \"x\",\n  \"rules\": [,]\n}\n",
    );
    let out = dmlint_with_config(config.path(), &["check"], "你好");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{pack}:3:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_writes_the_built_in_files_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("builtin");
    let out = dmlint(&["rules", "export", target.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["wechat.json", "cues.json", "profiles.json"] {
        let written = std::fs::read_to_string(target.join(name)).unwrap();
        let source = std::fs::read_to_string(format!("rules/{name}")).unwrap();
        assert_eq!(written, source, "{name}");
    }
    let again = dmlint(&["rules", "export", target.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn an_example_a_built_in_rule_already_finds_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "tie.json",
        r#"{"pack": "t", "description": {"zh": "", "en": ""}, "rules": [
 {"id": "shop.didi", "category": "solicitation", "severity": "block", "keywords": ["滴滴我"],
  "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["姐妹滴滴我"]}}]}"#
            .as_bytes(),
    );
    let out = dmlint(&["rules", "check", &pack], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("is found, but by `solicitation.add_me`"),
        "{}",
        stdout(&out)
    );
}

/// A pack rule with the fields every rule needs, and `extra` fields.
fn pack_rule(id: &str, extra: &str, example: &str) -> String {
    format!(
        r#"{{"id": "{id}", "category": "wechat", "severity": "block",
        "message": {{"zh": "x", "en": "x"}}, "fix": {{"zh": "x", "en": "x"}}, {extra},
        "examples": {{"match": ["{example}"], "no_match": ["abc"]}}}}"#
    )
}

/// Inline flags and an `(?x)` comment in one exception stay in it: joined as
/// text, the comment ate the rest and the checker panicked on a pack that
/// had validated.
#[test]
fn exceptions_with_inline_flags_and_comments_load_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let rule = pack_rule(
        "nasty.flags",
        r##""keywords": ["微信号码"], "exceptions": ["(?x) 微 信 号 码 # comment", "(?i)A"]"##,
        "加微信号码",
    );
    let pack = format!(
        r#"{{"pack": "nasty", "description": {{"zh": "x", "en": "x"}}, "rules": [{rule}]}}"#
    );
    let path = write(dir.path(), "nasty.json", pack.as_bytes());
    let out = dmlint(&["check", "--rules", &path], "加我微信 abc_123");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Two patterns that each compile but together exceed the regex engine's
/// size limit: reported at the larger one's line by `rules check`, and by
/// `check`, which stops (exit 2) rather than check with rules it could not
/// build.
#[test]
fn patterns_too_big_for_one_set_are_reported_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = r#"{"pack": "big", "description": {"zh": "x", "en": "x"}, "rules": [
{"id": "big.one", "category": "wechat", "severity": "block",
 "message": {"zh": "x", "en": "x"}, "fix": {"zh": "x", "en": "x"},
 "patterns": ["q\\w{110}q"],
 "examples": {"match": ["x"]}},
{"id": "big.two", "category": "wechat", "severity": "block",
 "message": {"zh": "x", "en": "x"}, "fix": {"zh": "x", "en": "x"},
 "patterns": ["z\\w{120}z"],
 "examples": {"match": ["x"]}}]}"#;
    let path = write(dir.path(), "big.json", pack.as_bytes());
    let expected = format!("{path}:8:15: rule `big.two`: together with the other packs' patterns");
    let out = dmlint(&["rules", "check", &path], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains(&expected), "{}", stdout(&out));
    let out = dmlint(&["check", "--rules", &path], "你好");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
}
