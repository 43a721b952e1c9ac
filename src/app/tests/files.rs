//! Files and the session: opening, saving, exporting, surviving restarts, kills and broken files.

use super::*;

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

#[test]
fn a_kill_mid_typing_loses_at_most_what_came_after_the_last_save() {
    use crate::app::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.json");
    let places = || crate::app::Places {
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
    use crate::app::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.json");
    let settings = crate::app::state::Settings {
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
    let places = crate::app::Places {
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
    use crate::app::store::Store;
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

/// The notice about a broken draft is in the UI's language: what happened,
/// where the file went, the position; not serde's English.
#[test]
fn a_broken_draft_is_reported_in_the_uis_language() {
    use crate::app::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.json");
    std::fs::write(&session, b"{\"draft\": \"\xff\xfe\"}").unwrap();
    let loaded = Store::new(Some(session.clone())).load();
    let places = crate::app::Places {
        rules: None,
        progress: None,
        session: Some(session),
    };
    let size = egui::vec2(1280.0, 800.0);
    let mut harness = harness_loaded(loaded, FakePicker::default(), places, size);
    harness.run();
    let notice = &harness.state().state.notice.clone().unwrap();
    assert!(
        notice.zh.starts_with("上次保存的草稿读不出来，已原样移到"),
        "{}",
        notice.zh
    );
    assert!(notice.zh.contains("内容损坏"), "{}", notice.zh);
    let path_free = notice.zh.replace(&dir.path().display().to_string(), "");
    let english = path_free
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| {
            w.len() > 4 && !w.starts_with("session") && !w.starts_with("broken") && *w != "json"
        })
        .collect::<Vec<_>>();
    assert!(
        english.is_empty(),
        "English in {:?}: {english:?}",
        notice.zh
    );
    harness.get_by_label_contains("上次保存的草稿读不出来");
}

/// A file far bigger than any message is not loaded into the editor (it
/// would freeze it): the app says to open it as a library, the draft stays.
#[test]
fn a_huge_file_is_not_opened_into_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.txt");
    std::fs::write(&input, "欢迎光临\n".repeat(200_000)).unwrap();
    let picker = FakePicker::default();
    *picker.open.borrow_mut() = Some(input);
    let persisted = Persisted {
        draft: "草稿".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, picker);
    harness.get_by_label("打开文件").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "草稿");
    harness.get_by_label_contains("不像一条消息；话术库请在“批量检查”里打开");
}
