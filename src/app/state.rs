//! All of the app's state in one place: what is persisted (settings and the
//! draft) and what is derived from it (the analysis).

use std::ops::Range;
use std::time::{Duration, Instant};

use dmlint::library;
use dmlint::rewrite::{self, CardPhrases, Rewrite, Suggestion};
use dmlint::rules::Profiles;
use dmlint::{CheckOptions, Checker, Context, ProfileId, Report};
use serde::{Deserialize, Serialize};

use super::batch::{Batch, ReadOutcome, Reading};
use super::derived;
use super::errors::{self, Said};
use super::files::FilePicker;
use super::i18n::UiLang;
use super::rule_set::RuleSet;
use super::training::Training;

/// What survives a restart: eframe stores it every few seconds and on exit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: UiLang,
    pub context: Context,
    pub profile: String,
    /// The operator's card phrasing; empty means the context's default.
    pub card_zh: String,
    pub card_en: String,
    /// The shop's own words, one per line: never flagged.
    pub allowlist: String,
    /// Ids of the rules the operator switched off in the rules view.
    pub switched_off: Vec<String>,
    pub show_settings: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: UiLang::Zh,
            context: Context::Dm,
            profile: "general".to_string(),
            card_zh: String::new(),
            card_en: String::new(),
            allowlist: String::new(),
            switched_off: Vec::new(),
            show_settings: false,
        }
    }
}

impl Settings {
    /// The profile chosen, resolved in `profiles`; `general` if it is unknown.
    pub fn profile_id(&self, profiles: &Profiles) -> ProfileId {
        profiles.resolve(&self.profile).unwrap_or_default()
    }
}

/// Everything a check of the draft depends on besides its text and the
/// rules: compared each frame, so nothing is built until one of them changes.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInputs {
    pub context: Context,
    pub profile: String,
    pub allowlist: String,
    pub card_zh: String,
    pub card_en: String,
    /// Which rule set: [`RuleSet::generation`].
    pub rules: u64,
}

impl CheckInputs {
    /// The options these inputs choose; a profile `profiles` does not know
    /// is `general`.
    pub fn options(&self, profiles: &Profiles) -> CheckOptions {
        CheckOptions::new(self.context)
            .with_profile(profiles.resolve(&self.profile).unwrap_or_default())
            .with_allowlist(self.allowlist.lines())
    }

    pub fn cards(&self) -> CardPhrases {
        let own = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        CardPhrases {
            zh: own(&self.card_zh),
            en: own(&self.card_en),
        }
    }
}

/// The persisted part of the state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub settings: Settings,
    pub draft: String,
}

/// The engine's view of the current draft: one check per edit, shared by
/// the highlighter, the findings, the rewrite and the suggestions.
pub struct Analysis {
    pub text: String,
    pub inputs: CheckInputs,
    pub report: Report,
    pub rewrite: Rewrite,
    /// Fixes for the draft's own warnings, in the draft's offsets.
    pub suggestions: Vec<Suggestion>,
    pub elapsed: Duration,
    /// Different for every analysis this thread makes: what views key their
    /// own derived data on.
    pub generation: u64,
}

impl Analysis {
    pub fn new(checker: &Checker, text: &str, inputs: CheckInputs) -> Analysis {
        let started = Instant::now();
        let options = inputs.options(checker.book().profiles());
        let cards = inputs.cards();
        let report = derived::check(checker, text, &options);
        let rewrite = rewrite::rewrite(checker, text, &report, &options, &cards);
        let suggestions = rewrite::suggestions(checker, text, &report);
        Analysis {
            text: text.to_string(),
            inputs,
            report,
            rewrite,
            suggestions,
            elapsed: started.elapsed(),
            generation: derived::checks_run(),
        }
    }

    /// Brings the analysis up to `text` and `inputs` if it is behind.
    pub fn update(&mut self, checker: &Checker, text: &str, inputs: &CheckInputs) {
        if self.text != text || self.inputs != *inputs {
            *self = Analysis::new(checker, text, inputs.clone());
        }
    }
}

/// Which view fills the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Check,
    Batch,
    Rules,
    Training,
    Handbook,
}

/// A message for the status line, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub zh: String,
    pub en: String,
    pub is_error: bool,
    /// What the notice is about: an action that supersedes it replaces it.
    pub about: About,
}

/// The action a notice belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// Anything that stands until the next notice.
    Other,
    /// A change to the draft that undo takes back ("已应用改写，可撤销").
    DraftChange,
    /// A library being checked in the background.
    BatchCheck,
    /// A library row open in the check view.
    RowEdit,
}

pub struct AppState {
    /// The checker and where its rules came from.
    pub rules: RuleSet,
    pub settings: Settings,
    pub draft: String,
    pub analysis: Analysis,
    /// Drafts replaced by "apply", a suggestion or an opened file, newest last.
    pub undo: Vec<String>,
    /// The operator's own draft and its undo, put aside while a library row
    /// is open in the editor; returning to the library brings them back.
    parked: Option<(String, Vec<String>)>,
    /// A span (chars) the editor should select on its next frame.
    pub select_request: Option<Range<usize>>,
    /// The finding span (chars) under the pointer last frame, in the editor
    /// or the findings list: both show it.
    pub pointed: Option<Range<usize>>,
    pointed_now: Option<Range<usize>>,
    /// The text selected in the editor, kept while focus moves to a button.
    pub selection: Option<String>,
    pub notice: Option<Notice>,
    pub picker: Box<dyn FilePicker>,
    /// Typed path for opening and saving when no dialog is available.
    pub path_field: String,
    pub view: View,
    /// The library open in the batch view.
    pub batch: Option<Batch>,
    /// A library being read, before it becomes the batch.
    pub reading: Option<Reading>,
    pub training: Training,
}

impl AppState {
    pub fn new(
        rules: RuleSet,
        training: Training,
        mut persisted: Persisted,
        picker: Box<dyn FilePicker>,
    ) -> AppState {
        // A profile saved by another version may be gone: say so, use general.
        let unknown = rules
            .checker
            .book()
            .profiles()
            .resolve(&persisted.settings.profile)
            .err();
        if unknown.is_some() {
            persisted.settings.profile = Settings::default().profile;
        }
        let inputs = check_inputs(&persisted.settings, None, rules.generation);
        let analysis = Analysis::new(&rules.checker, &persisted.draft, inputs);
        let mut state = AppState {
            rules,
            settings: persisted.settings,
            draft: persisted.draft,
            analysis,
            undo: Vec::new(),
            parked: None,
            select_request: None,
            pointed: None,
            pointed_now: None,
            selection: None,
            notice: None,
            picker,
            path_field: String::new(),
            view: View::Check,
            batch: None,
            reading: None,
            training,
        };
        if let Some(unknown) = unknown {
            state.notify(
                format!("没有“{}”这个行业设置，已改用通用。", unknown.name),
                format!(
                    "There is no “{}” trade profile; using general.",
                    unknown.name
                ),
                true,
            );
        }
        state
    }

    /// What is saved: the operator's own draft, also while a library row
    /// has it put aside (the row's edits are in the library's table).
    pub fn persisted(&self) -> Persisted {
        let draft = self.parked.as_ref().map_or(&self.draft, |(draft, _)| draft);
        Persisted {
            settings: self.settings.clone(),
            draft: draft.clone(),
        }
    }

    /// Re-checks when the draft or the settings changed since the last check.
    pub fn refresh(&mut self) {
        let inputs = self.inputs();
        self.analysis
            .update(&self.rules.checker, &self.draft, &inputs);
        // A library row open in the check view takes its edits back.
        if let Some(batch) = &mut self.batch
            && let Some(row) = batch.editing
        {
            batch.update_row(row, &self.analysis);
        }
    }

    /// The pointer is on the finding at `span` this frame.
    pub fn point_at(&mut self, span: Range<usize>) {
        self.pointed_now = Some(span);
    }

    /// What was pointed at this frame is what both panels show next frame;
    /// a change asks for that frame.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        let now = self.pointed_now.take();
        if now != self.pointed {
            self.pointed = now;
            ctx.request_repaint();
        }
    }

    /// Takes in rule packs edited on disk; says what was skipped.
    pub fn reload_rules_if_changed(&mut self) {
        if self.rules.reload_if_changed(&self.settings.switched_off) {
            self.rules_reloaded();
        }
    }

    /// Re-checks with the current rules and says which packs were skipped.
    pub fn rules_reloaded(&mut self) {
        self.recheck();
        match self.rules.skipped.first() {
            Some(problem) => {
                let problem = problem.lines().next().unwrap_or_default().to_string();
                self.notify(
                    format!("规则包有问题，已跳过：{problem}"),
                    format!("A rule pack was skipped: {problem}"),
                    true,
                );
            }
            None => self.notify("规则已更新。", "Rules reloaded.", false),
        }
    }

    /// What the draft's check depends on now.
    pub fn inputs(&self) -> CheckInputs {
        check_inputs(&self.settings, self.row_context(), self.rules.generation)
    }

    /// The context a library row open in the check view names for itself:
    /// it applies while the row is open, and the operator's setting stays.
    pub fn row_context(&self) -> Option<Context> {
        let batch = self.batch.as_ref()?;
        batch.library.messages.get(batch.editing?)?.context
    }

    /// The industry profile chosen, for the checker in force. Views ask per
    /// row: no options are built, no allowlist normalised.
    pub fn profile(&self) -> ProfileId {
        self.settings
            .profile_id(self.rules.checker.book().profiles())
    }

    /// "Never flag this": the word joins the allowlist.
    pub fn never_flag(&mut self, word: &str) {
        let word = word.trim();
        if word.is_empty() {
            return;
        }
        if !self.settings.allowlist.lines().any(|w| w.trim() == word) {
            if !self.settings.allowlist.is_empty() && !self.settings.allowlist.ends_with('\n') {
                self.settings.allowlist.push('\n');
            }
            self.settings.allowlist.push_str(word);
        }
        self.refresh();
        self.notify(
            format!("“{word}”已加入白名单，不再标记。"),
            format!("“{word}” is on the allowlist and no longer flagged."),
            false,
        );
    }

    /// "Always flag this": the word joins the operator's own rule pack.
    pub fn always_flag(&mut self, word: &str) {
        let word = word.trim();
        if word.is_empty() {
            return;
        }
        match self.rules.always_flag(word, &self.settings.switched_off) {
            Ok(()) => {
                self.recheck();
                let file = super::rule_set::OWN_WORDS_FILE;
                self.notify(
                    format!("“{word}”以后总会标记（已写入规则文件夹的 {file}）。"),
                    format!("“{word}” is always flagged from now on (saved in {file} in your rules folder)."),
                    false,
                );
            }
            Err(e) => self.notify(
                format!("无法添加：{}", e.zh),
                format!("Cannot add it: {}", e.en),
                true,
            ),
        }
    }

    /// Writes the allowlist, one word per line, where the operator picks.
    pub fn export_allowlist(&mut self) {
        let Some(path) = self.export_target("allowlist.txt") else {
            return;
        };
        let mut text = self.settings.allowlist.trim_end().to_string();
        text.push('\n');
        let written = write_file(&path, text.as_bytes());
        self.finish_export(&path, written);
    }

    /// Writes every operator's record as CSV where the operator picks.
    pub fn export_training(&mut self) {
        let Some(path) = self.export_target("training-record.csv") else {
            return;
        };
        let csv = self.training.progress.to_csv(&self.training.course);
        let written = write_file(&path, csv.as_bytes());
        self.finish_export(&path, written);
    }

    /// Where to export `file_name`: the dialog's answer, or where no dialog
    /// answers the path typed in the status bar; `None` says what to do.
    fn export_target(&mut self, file_name: &str) -> Option<std::path::PathBuf> {
        let path = self
            .picker
            .pick_save(file_name)
            .or_else(|| self.typed_path());
        if path.is_none() {
            self.notify(
                "没有导出。如果没有弹出对话框，请在底部输入路径。",
                "Nothing exported. If no dialog appeared, type a path at the bottom.",
                false,
            );
        }
        path
    }

    /// Switches a rule off or back on, and checks again.
    pub fn switch_rule(&mut self, id: &str, on: bool) {
        self.settings.switched_off.retain(|r| r != id);
        if !on {
            self.settings.switched_off.push(id.to_string());
        }
        self.rules.reload(&self.settings.switched_off);
        self.recheck();
    }

    /// Re-checks even if nothing changed (Ctrl+Enter).
    pub fn recheck(&mut self) {
        self.analysis = Analysis::new(&self.rules.checker, &self.draft, self.inputs());
    }

    /// Replaces the draft, keeping the old one for undo.
    pub fn replace_draft(&mut self, text: String) {
        if text != self.draft {
            self.undo.push(std::mem::replace(&mut self.draft, text));
            self.refresh();
        }
    }

    pub fn undo(&mut self) {
        if let Some(previous) = self.undo.pop() {
            self.draft = previous;
            self.refresh();
            if self.notice_about(About::DraftChange) {
                self.notify("已撤销，草稿已恢复。", "Undone: the draft is back.", false);
            }
        }
    }

    pub fn notify(&mut self, zh: impl Into<String>, en: impl Into<String>, is_error: bool) {
        self.notify_about(About::Other, zh, en, is_error);
    }

    /// A notice that the next action of kind `about` replaces or clears.
    pub fn notify_about(
        &mut self,
        about: About,
        zh: impl Into<String>,
        en: impl Into<String>,
        is_error: bool,
    ) {
        self.notice = Some(Notice {
            zh: zh.into(),
            en: en.into(),
            is_error,
            about,
        });
    }

    fn notice_about(&self, about: About) -> bool {
        self.notice.as_ref().is_some_and(|n| n.about == about)
    }

    /// Takes a library once read, and the batch check's result once ready,
    /// and says how each ended in place of "reading…" / "checking…".
    pub fn poll_batch(&mut self, ctx: &egui::Context) {
        self.poll_reading(ctx);
        let waiting = self.notice_about(About::BatchCheck);
        let Some(batch) = &mut self.batch else {
            return;
        };
        if !batch.poll() || !waiting {
            return;
        }
        let name = batch.path.display().to_string();
        let total = batch.library.messages.len();
        match (&batch.failed, batch.cancelled) {
            (Some(e), _) => {
                let e = e.clone();
                self.notify(
                    format!("{name} 检查中断：{e}"),
                    format!("Checking {name} stopped: {e}"),
                    true,
                )
            }
            (None, true) => self.notify(
                format!("已取消检查 {name}"),
                format!("Checking {name} was cancelled"),
                false,
            ),
            (None, false) => self.notify(
                format!("检查完成：{name}，共 {total} 条"),
                format!("Checked {name}: {total} messages"),
                false,
            ),
        }
    }

    /// A library read: its check starts, with the operator's own context
    /// (rows name theirs in the library).
    fn poll_reading(&mut self, ctx: &egui::Context) {
        let Some(outcome) = self.reading.as_ref().and_then(Reading::poll) else {
            return;
        };
        let Some(reading) = self.reading.take() else {
            return;
        };
        let name = reading.path.display().to_string();
        match outcome {
            ReadOutcome::Read(library) => {
                let inputs = check_inputs(&self.settings, None, self.rules.generation);
                let options = inputs.options(self.rules.checker.book().profiles());
                let checker = &self.rules.checker;
                let batch = Batch::start(reading, library, checker, options, inputs.cards(), ctx);
                self.batch = Some(batch);
                self.notify_about(
                    About::BatchCheck,
                    format!("正在检查 {name}"),
                    format!("Checking {name}"),
                    false,
                );
            }
            ReadOutcome::Failed(e) => {
                let e = Said::library(&e);
                self.notify(
                    format!("无法打开：{}", e.zh),
                    format!("Cannot open: {}", e.en),
                    true,
                )
            }
            ReadOutcome::BrokeDown => self.notify(
                format!("读取 {name} 时出错，其他功能不受影响。"),
                format!("Reading {name} broke down; the rest of the app works."),
                true,
            ),
        }
    }

    /// Leaves a library row open in the check view for the batch view.
    pub fn back_to_library(&mut self) {
        self.leave_row();
        self.view = View::Batch;
    }

    /// Stops editing a library row: the operator's own draft comes back.
    pub fn leave_row(&mut self) {
        if let Some(batch) = &mut self.batch {
            batch.editing = None;
        }
        if let Some((draft, undo)) = self.parked.take() {
            self.draft = draft;
            self.undo = undo;
            self.refresh();
        }
        if self.notice_about(About::RowEdit) {
            self.notice = None;
        }
    }
}

/// The check inputs `settings` choose, with a library row's own context
/// over the operator's.
fn check_inputs(settings: &Settings, row_context: Option<Context>, rules: u64) -> CheckInputs {
    CheckInputs {
        context: row_context.unwrap_or(settings.context),
        profile: settings.profile.clone(),
        allowlist: settings.allowlist.clone(),
        card_zh: settings.card_zh.clone(),
        card_en: settings.card_en.clone(),
        rules,
    }
}

impl AppState {
    pub fn open_library_with_picker(&mut self, ctx: &egui::Context) {
        match self.picker.pick_open() {
            Some(path) => self.open_library(&path, library::ReadOptions::default(), ctx),
            None => self.notify(
                "没有选中文件。如果没有弹出对话框，请输入路径，或把文件拖进窗口。",
                "No file chosen. If no dialog appeared, type a path or drop the file on the window.",
                false,
            ),
        }
    }

    /// Reads a library and starts checking it in the background.
    pub fn open_library(
        &mut self,
        path: &std::path::Path,
        read: library::ReadOptions,
        ctx: &egui::Context,
    ) {
        self.leave_row();
        if let Some(old) = self.batch.take() {
            old.cancel();
        }
        self.reading = Some(Reading::start(path, read, ctx));
        self.view = View::Batch;
        let name = path.display();
        self.notify_about(
            About::BatchCheck,
            format!("正在读取 {name}……"),
            format!("Reading {name}…"),
            false,
        );
    }

    /// The path typed in the status bar, if any.
    pub fn typed_path(&self) -> Option<std::path::PathBuf> {
        let typed = self.path_field.trim();
        (!typed.is_empty()).then(|| std::path::PathBuf::from(typed))
    }

    /// Opens a library row in the check view; edits there flow back to the row.
    pub fn open_row(&mut self, row: usize) {
        let Some(batch) = &mut self.batch else {
            return;
        };
        let message = &batch.library.messages[row];
        let text = message.text.clone();
        let location = message.location;
        let first_row = batch.editing.replace(row).is_none();
        // The row gets the editor and an undo of its own; the operator's
        // draft waits, and undo never writes it into the row.
        let draft = std::mem::replace(&mut self.draft, text);
        let undo = std::mem::take(&mut self.undo);
        if first_row {
            self.parked = Some((draft, undo));
        }
        self.refresh();
        self.view = View::Check;
        self.notify_about(
            About::RowEdit,
            format!("正在编辑话术库第 {location} 行，修改会同步回列表。"),
            format!("Editing library row {location}; changes flow back to the table."),
            false,
        );
    }

    pub fn export(&mut self, kind: super::batch_view::Export) {
        use super::batch_view::Export;
        let Some(batch) = &self.batch else {
            return;
        };
        let suggested = match kind {
            Export::Fixed => library::fixed_path(&batch.path),
            Export::ReportCsv => batch.path.with_extension("report.csv"),
            Export::ReportJson => batch.path.with_extension("report.json"),
        };
        let name = suggested
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let Some(path) = self.export_target(&name) else {
            return;
        };
        let Some(batch) = &self.batch else {
            return;
        };
        match kind {
            Export::Fixed => self.write_fixed(&path, false),
            Export::ReportCsv | Export::ReportJson => {
                let written = match batch.report_bytes(kind == Export::ReportJson) {
                    Ok(bytes) => write_file(&path, &bytes),
                    Err(e) => Err(Said::write(&e)),
                };
                self.finish_export(&path, written);
            }
        }
    }

    /// Writes the fixed library; asks first before replacing the input.
    pub fn write_fixed(&mut self, path: &std::path::Path, overwrite_confirmed: bool) {
        let Some(batch) = &mut self.batch else {
            return;
        };
        if batch.is_input(path) && !overwrite_confirmed {
            batch.confirm_overwrite = Some(path.to_path_buf());
            return;
        }
        batch.confirm_overwrite = None;
        let result = match batch.fixed_bytes() {
            Ok(bytes) => write_file(path, &bytes),
            Err(e) => Err(Said::write(&e)),
        };
        self.finish_export(path, result);
    }

    fn finish_export(&mut self, path: &std::path::Path, result: Result<(), Said>) {
        let name = path.display();
        match result {
            Ok(()) => self.notify(
                format!("已导出到 {name}"),
                format!("Exported to {name}"),
                false,
            ),
            Err(e) => self.notify(
                format!("无法导出到 {name}：{}", e.zh),
                format!("Cannot export to {name}: {}", e.en),
                true,
            ),
        }
    }
}

/// Writes `bytes` to `path` atomically; the error is the system's reason (the
/// caller names the file).
fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Said> {
    library::write_atomically(path, bytes).map_err(|e| Said::new(errors::io_zh(&e), e.to_string()))
}
