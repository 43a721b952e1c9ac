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

mod batch;
mod check;
mod files;
mod rules;
mod training;

#[path = "../../../tests/support/well_formed.rs"]
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
    let loaded = Loaded::Saved {
        persisted,
        broken: Vec::new(),
    };
    harness_loaded(loaded, picker, places, size)
}

/// The app started from `loaded`, as a session file gave it.
fn harness_loaded(
    loaded: Loaded,
    picker: FakePicker,
    places: super::Places,
    size: egui::Vec2,
) -> Harness<'static, DmlintApp> {
    Harness::builder()
        .with_size(size)
        .with_context_setup(fonts::install)
        .build_ui_state(
            |ui, app: &mut DmlintApp| app.show(ui),
            DmlintApp::new(loaded, Box::new(picker), places, || {}),
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
