//! The desktop app: the engine's face for the operator. Each panel is a struct
//! with `fn ui(&mut self, ui, state)`; all state lives in [`AppState`], and
//! panels talk only through it.

mod batch;
mod batch_view;
mod derived;
mod editor;
mod errors;
mod files;
mod findings;
mod fonts;
mod handbook_view;
mod i18n;
mod rewrite_panel;
mod rule_set;
mod rules_view;
mod settings;
mod state;
mod store;
mod style;
#[cfg(test)]
mod tests;
mod training;
mod training_view;

use std::time::Duration;

use egui::{Key, Modifiers, RichText};

use batch_view::BatchView;
use editor::Editor;
use errors::Said;
use files::{FilePicker, NativePicker};
use findings::FindingsPanel;
use handbook_view::HandbookView;
use rewrite_panel::RewritePanel;
use rule_set::RuleSet;
use rules_view::RulesView;
use settings::SettingsPanel;
use state::{AppState, Persisted, View};
use store::{Loaded, Store};
use toolbar::Toolbar;
use training::Training;
use training_view::TrainingView;

mod toolbar;

/// Opens the window, with `file` in the editor if given, and runs until it
/// is closed.
pub fn run(file: Option<std::path::PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("dmlint")
            .with_inner_size([1200.0, 780.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "dmlint",
        options,
        Box::new(|cc| {
            fonts::install(&cc.egui_ctx);
            let places = Places::user();
            let session = match Store::new(places.session.clone()).load() {
                // Versions before the session file kept the draft in eframe's storage.
                Loaded::Nothing => cc
                    .storage
                    .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                    .map_or(Loaded::Nothing, |persisted| Loaded::Saved {
                        persisted,
                        broken: Vec::new(),
                    }),
                loaded => loaded,
            };
            let ctx = cc.egui_ctx.clone();
            let mut app = DmlintApp::new(session, Box::new(NativePicker), places, move || {
                ctx.request_repaint()
            });
            if let Some(file) = file {
                app.open(&file, &cc.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    )
}

/// Where the app keeps the operator's own files.
pub struct Places {
    /// The rule packs folder, watched.
    pub rules: Option<std::path::PathBuf>,
    /// The training record.
    pub progress: Option<std::path::PathBuf>,
    /// The draft, saved every few seconds; the settings beside it.
    pub session: Option<std::path::PathBuf>,
}

impl Places {
    /// The user's config and data folders.
    pub fn user() -> Places {
        let data = dmlint::rules::folders().map(|f| f.data);
        Places {
            rules: dmlint::rules::user_dir(),
            progress: data.as_ref().map(|d| d.join("training.json")),
            session: data.map(|d| d.join("session.json")),
        }
    }
}

pub struct DmlintApp {
    store: Store,
    pub(crate) state: AppState,
    toolbar: Toolbar,
    editor: Editor,
    findings: FindingsPanel,
    rewrite: RewritePanel,
    settings: SettingsPanel,
    batch: BatchView,
    rules: RulesView,
    training: TrainingView,
    handbook: HandbookView,
}

impl DmlintApp {
    /// `wake` asks for a frame when a rule pack in `places.rules` changes.
    pub fn new(
        session: Loaded,
        picker: Box<dyn FilePicker>,
        places: Places,
        wake: impl Fn() + Send + 'static,
    ) -> DmlintApp {
        let (persisted, broken) = match session {
            Loaded::Saved { persisted, broken } => (persisted, broken),
            Loaded::Nothing => (Persisted::default(), Vec::new()),
        };
        let store = Store::new(places.session);
        let rules = RuleSet::new(places.rules, &persisted.settings.switched_off, wake);
        let (training, training_problem) = Training::new(places.progress);
        let mut state = AppState::new(rules, training, persisted, picker);
        if !state.rules.skipped.is_empty() {
            state.rules_reloaded();
        }
        for broken in broken {
            let moved_to = broken.moved_to.display();
            let error = Said::store(&broken.error);
            let (zh, en) = if broken.settings {
                ("设置", "settings")
            } else {
                ("草稿", "draft")
            };
            match &broken.stuck {
                None => state.notify(
                    format!(
                        "上次保存的{zh}读不出来，已原样移到 {moved_to}，{zh}从空白开始。（{}）",
                        error.zh
                    ),
                    format!(
                        "The saved {en} could not be read ({}); it was moved to {moved_to} and starts clean.",
                        error.en
                    ),
                    true,
                ),
                Some(e) => state.notify(
                    format!(
                        "上次保存的{zh}读不出来，也没能移开（{}），请先备份 {moved_to}。（{}）",
                        errors::io_zh(e),
                        error.zh
                    ),
                    format!(
                        "The saved {en} could not be read ({}) nor moved aside ({e}); back up {moved_to} first.",
                        error.en
                    ),
                    true,
                ),
            }
        }
        if let Some(e) = training_problem {
            let e = Said::store(&e);
            state.notify(
                format!("学习记录读不出来，先用空白记录：{}", e.zh),
                format!(
                    "The training record cannot be read; starting from an empty one: {}",
                    e.en
                ),
                true,
            );
        }
        DmlintApp {
            store,
            state,
            toolbar: Toolbar::default(),
            editor: Editor::default(),
            findings: FindingsPanel::default(),
            rewrite: RewritePanel::default(),
            settings: SettingsPanel,
            batch: BatchView,
            rules: RulesView::default(),
            training: TrainingView::default(),
            handbook: HandbookView,
        }
    }

    /// Writes the draft and settings; a failure is said, not fatal.
    pub fn save_session(&mut self) {
        if let Err(e) = self.store.save(&self.state.persisted()) {
            let e = Said::store(&e);
            self.state.notify(
                format!("无法保存草稿：{}", e.zh),
                format!("Cannot save the draft: {}", e.en),
                true,
            );
        }
    }

    /// The whole window's content; kittest drives this same function.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.handle_keys_and_drops(ui.ctx());
        let state = &mut self.state;
        state.reload_rules_if_changed();
        state.poll_batch(ui.ctx());
        state.refresh();
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar.ui(ui, state));
        egui::Panel::bottom("status").show(ui, |ui| status_bar(ui, state));
        // Settings are the operator's, whatever the view.
        if state.settings.show_settings {
            egui::Panel::left("settings")
                .resizable(true)
                .default_size(280.0)
                .show(ui, |ui| self.settings.ui(ui, state));
        }
        if state.view != View::Check {
            egui::CentralPanel::default_margins().show(ui, |ui| match state.view {
                View::Batch => self.batch.ui(ui, state),
                View::Rules => self.rules.ui(ui, state),
                View::Training => self.training.ui(ui, state),
                View::Handbook => self.handbook.ui(ui, state),
                View::Check => {}
            });
            state.end_frame(ui.ctx());
            return;
        }
        egui::Panel::bottom("rewrite")
            .resizable(true)
            .default_size(200.0)
            .show(ui, |ui| self.rewrite.ui(ui, state));
        // Wide enough that a finding's label never wraps mid-word.
        egui::Panel::right("findings")
            .resizable(true)
            .min_size(260.0)
            .default_size(320.0)
            .show(ui, |ui| self.findings.ui(ui, state));
        egui::CentralPanel::default_margins().show(ui, |ui| {
            editing_banner(ui, state);
            self.editor.ui(ui, state);
        });
        state.refresh();
        state.end_frame(ui.ctx());
    }

    /// Opens a file given on the command line: a spreadsheet, CSV or JSON
    /// library in the batch view, anything else in the editor.
    fn open(&mut self, file: &std::path::Path, ctx: &egui::Context) {
        let extension = file.extension().map(|e| e.to_string_lossy().to_lowercase());
        match extension.as_deref() {
            Some("csv" | "tsv" | "xlsx" | "jsonl" | "json") => {
                self.state.open_library(file, Default::default(), ctx)
            }
            _ => self.state.open_path(file),
        }
    }

    fn handle_keys_and_drops(&mut self, ctx: &egui::Context) {
        let state = &mut self.state;
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter)) {
            state.recheck();
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::C))
            && state.analysis.rewrite.changed()
        {
            ctx.copy_text(state.analysis.rewrite.text.clone());
            state.notify("改写已复制。", "Rewrite copied.", false);
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            match state.view {
                View::Check | View::Rules | View::Training | View::Handbook => {
                    state.open_path(&path)
                }
                View::Batch => state.open_library(&path, Default::default(), ctx),
            }
        }
    }
}

impl eframe::App for DmlintApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    /// eframe keeps the window's size; the session goes to its own file,
    /// written atomically.
    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_session();
    }

    /// Often, so a crash loses at most a few seconds of typing.
    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(3)
    }
}

/// While a library row is open in the check view: which one, and the way back.
fn editing_banner(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    let Some(row) = state
        .batch
        .as_ref()
        .and_then(|b| b.editing.map(|r| b.library.messages[r].location))
    else {
        return;
    };
    let context = state
        .row_context()
        .map(|c| format!("（{}）", lang.context(c)))
        .unwrap_or_default();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{} {row}{context}",
                lang.pick("正在编辑话术库的第", "Editing library row")
            ))
            .strong(),
        );
        if ui
            .button(lang.pick("返回批量检查", "Back to the library"))
            .clicked()
        {
            state.back_to_library();
        }
    });
}

/// Check time, length, the last notice, and the path field for machines
/// where no file dialog answers.
fn status_bar(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    ui.horizontal_wrapped(|ui| {
        let micros = state.analysis.elapsed.as_secs_f64() * 1e6;
        let chars = state.draft.chars().count();
        ui.label(format!(
            "{} {:.2} ms · {} {}",
            lang.pick("检查用时", "Checked in"),
            micros / 1000.0,
            chars,
            lang.pick("字", "chars")
        ));
        ui.separator();
        let label = ui.label(lang.pick("文件路径", "File path"));
        ui.add(egui::TextEdit::singleline(&mut state.path_field).desired_width(220.0))
            .labelled_by(label.id);
        let path = std::path::PathBuf::from(state.path_field.trim());
        let has_path = !state.path_field.trim().is_empty();
        if ui
            .add_enabled(
                has_path,
                egui::Button::new(lang.pick("打开此路径", "Open path")),
            )
            .clicked()
        {
            state.open_path(&path);
        }
        // In the batch view the library is what gets saved: fixed, in its format.
        let library = state.view == View::Batch;
        let can_save = if library {
            state.batch.as_ref().is_some_and(|b| b.is_checked())
        } else {
            state.analysis.rewrite.changed()
        };
        if ui
            .add_enabled(
                has_path && can_save,
                egui::Button::new(lang.pick("保存到此路径", "Save to path")),
            )
            .clicked()
        {
            if library {
                state.write_fixed(&path, false);
            } else {
                state.save_rewrite(&path);
            }
        }
        if let Some(notice) = &state.notice {
            ui.separator();
            let text = lang.pick(&notice.zh, &notice.en).to_string();
            let colour = if notice.is_error {
                style::marking(dmlint::Severity::Block, ui.visuals().dark_mode).strong
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(RichText::new(text).color(colour));
        }
    });
}
