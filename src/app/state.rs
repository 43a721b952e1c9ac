//! All of the app's state in one place: what is persisted (settings and the
//! draft) and what is derived from it (the analysis).

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dmlint::rewrite::{self, CardPhrases, Rewrite, Suggestion};
use dmlint::{CheckOptions, Checker, Context, Report};
use serde::{Deserialize, Serialize};

use super::files::FilePicker;
use super::i18n::UiLang;

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
            show_settings: false,
        }
    }
}

impl Settings {
    pub fn options(&self) -> CheckOptions {
        CheckOptions {
            context: self.context,
            profile: self.profile.clone(),
            allowlist: self
                .allowlist
                .lines()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        }
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

/// The engine's view of the current draft, recomputed only when the draft or
/// the settings change.
pub struct Analysis {
    pub text: String,
    pub options: CheckOptions,
    pub cards: CardPhrases,
    pub report: Report,
    pub rewrite: Rewrite,
    /// Fixes for the draft's own warnings, in the draft's offsets.
    pub suggestions: Vec<Suggestion>,
    pub elapsed: Duration,
}

impl Analysis {
    fn new(checker: &Checker, text: &str, options: CheckOptions, cards: CardPhrases) -> Analysis {
        let started = Instant::now();
        let report = checker.check(text, &options);
        let rewrite = rewrite::rewrite(checker, text, &report, &options, &cards);
        let suggestions = rewrite::suggestions(checker, &report);
        Analysis {
            text: text.to_string(),
            options,
            cards,
            report,
            rewrite,
            suggestions,
            elapsed: started.elapsed(),
        }
    }
}

/// A message for the status line, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub zh: String,
    pub en: String,
    pub is_error: bool,
}

pub struct AppState {
    pub checker: Arc<Checker>,
    pub settings: Settings,
    pub draft: String,
    pub analysis: Analysis,
    /// Drafts replaced by "apply", a suggestion or an opened file, newest last.
    pub undo: Vec<String>,
    /// A span (chars) the editor should select on its next frame.
    pub select_request: Option<Range<usize>>,
    pub notice: Option<Notice>,
    pub picker: Box<dyn FilePicker>,
    /// Typed path for opening and saving when no dialog is available.
    pub path_field: String,
}

impl AppState {
    pub fn new(
        checker: Arc<Checker>,
        persisted: Persisted,
        picker: Box<dyn FilePicker>,
    ) -> AppState {
        let analysis = Analysis::new(
            &checker,
            &persisted.draft,
            persisted.settings.options(),
            persisted.settings.cards(),
        );
        AppState {
            checker,
            settings: persisted.settings,
            draft: persisted.draft,
            analysis,
            undo: Vec::new(),
            select_request: None,
            notice: None,
            picker,
            path_field: String::new(),
        }
    }

    pub fn persisted(&self) -> Persisted {
        Persisted {
            settings: self.settings.clone(),
            draft: self.draft.clone(),
        }
    }

    /// Re-checks when the draft or the settings changed since the last check.
    pub fn refresh(&mut self) {
        let options = self.settings.options();
        let cards = self.settings.cards();
        let a = &self.analysis;
        if a.text != self.draft || a.options != options || a.cards != cards {
            self.analysis = Analysis::new(&self.checker, &self.draft, options, cards);
        }
    }

    /// Re-checks even if nothing changed (Ctrl+Enter).
    pub fn recheck(&mut self) {
        self.analysis = Analysis::new(
            &self.checker,
            &self.draft,
            self.settings.options(),
            self.settings.cards(),
        );
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
        }
    }

    pub fn notify(&mut self, zh: impl Into<String>, en: impl Into<String>, is_error: bool) {
        self.notice = Some(Notice {
            zh: zh.into(),
            en: en.into(),
            is_error,
        });
    }
}
