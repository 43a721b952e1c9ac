//! The rules view, packs edited on disk, and the handbook.

use super::*;

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
        .get_by_label(crate::app::rules_view::search_label(UiLang::Zh))
        .click();
    harness.run();
    harness
        .get_by_label(crate::app::rules_view::search_label(UiLang::Zh))
        .type_text("wechat.variant");
    harness.run();
    harness.get_by_label("微信的变体写法").click();
    harness.run();
    harness.get_by_label_contains("绿泡泡、绿色泡泡");
    harness
        .get_by_label(crate::app::rules_view::trial_label(UiLang::Zh))
        .click();
    harness.run();
    harness
        .get_by_label(crate::app::rules_view::trial_label(UiLang::Zh))
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
    let search = crate::app::rules_view::search_label(UiLang::Zh);
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
fn the_handbook_explains_each_category_with_its_rules() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("手册").click();
    harness.run();
    harness.get_by_label_contains("微信是平台最严的红线");
    harness.get_by_label_contains("《广告法》第九条禁止");
}
