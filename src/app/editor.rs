//! The message editor: risky spans highlighted as the operator types, a
//! tooltip on each, and selection on request from the findings list.

use std::ops::Range;
use std::sync::Arc;

use dmlint::{CheckOptions, Checker, Finding, Severity};
use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{FontId, TextBuffer, TextStyle};

use super::findings::finding_details;
use super::i18n::UiLang;
use super::state::AppState;
use super::style::marking;

/// The highlighted layout of the last text seen, rebuilt only when the text,
/// the options or the theme change, so a 20,000-char message stays smooth.
#[derive(Default)]
struct HighlightCache {
    key: Option<(String, CheckOptions, bool)>,
    job: LayoutJob,
}

impl HighlightCache {
    fn job(
        &mut self,
        checker: &Checker,
        text: &str,
        options: &CheckOptions,
        dark: bool,
        font: FontId,
        colour: egui::Color32,
    ) -> LayoutJob {
        let fresh = self
            .key
            .as_ref()
            .is_some_and(|(t, o, d)| t == text && o == options && *d == dark);
        if !fresh {
            // The editor lays out the text it is editing, which may be a
            // keystroke ahead of the app's analysis: check exactly this text.
            let report = checker.check(text, options);
            self.job = highlighted(text, &report.findings, dark, font, colour);
            self.key = Some((text.to_string(), options.clone(), dark));
        }
        self.job.clone()
    }
}

/// Lays out `text` with each finding's span marked by severity.
pub fn highlighted(
    text: &str,
    findings: &[Finding],
    dark: bool,
    font: FontId,
    colour: egui::Color32,
) -> LayoutJob {
    let spans: Vec<(Range<usize>, Severity)> = findings
        .iter()
        .map(|f| (f.start..f.end, f.severity))
        .collect();
    marked_job(text, &spans, font, colour, |severity| {
        let m = marking(severity, dark);
        (m.background, m.underline)
    })
}

/// A layout job with `spans` (char offsets, sorted, disjoint) formatted by `style`.
pub fn marked_job<K: Copy>(
    text: &str,
    spans: &[(Range<usize>, K)],
    font: FontId,
    colour: egui::Color32,
    style: impl Fn(K) -> (egui::Color32, egui::Stroke),
) -> LayoutJob {
    let plain = TextFormat::simple(font.clone(), colour);
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte = |c: usize| bytes[c.min(bytes.len() - 1)];
    let mut job = LayoutJob::default();
    let mut at = 0;
    for (range, kind) in spans {
        if range.start < at {
            continue;
        }
        job.append(&text[byte(at)..byte(range.start)], 0.0, plain.clone());
        let (background, underline) = style(*kind);
        let format = TextFormat {
            background,
            underline,
            ..plain.clone()
        };
        job.append(&text[byte(range.start)..byte(range.end)], 0.0, format);
        at = range.end;
    }
    job.append(&text[byte(at)..], 0.0, plain);
    job
}

#[derive(Default)]
pub struct Editor {
    cache: HighlightCache,
}

impl Editor {
    pub const ID: &'static str = "message-editor";

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        let id = egui::Id::unique(Self::ID);
        if let Some(range) = state.select_request.take() {
            let mut edit_state =
                egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
            edit_state.cursor.set_char_range(Some(CCursorRange::two(
                CCursor::new(range.start),
                CCursor::new(range.end),
            )));
            edit_state.store(ui.ctx(), id);
            ui.memory_mut(|m| m.request_focus(id));
        }
        let label = ui
            .horizontal(|ui| {
                let label = ui.label(editor_label(lang));
                selection_buttons(ui, state);
                label
            })
            .inner;
        let checker = Arc::clone(&state.rules.checker);
        let options = state.options();
        let dark = ui.visuals().dark_mode;
        let font = TextStyle::Body.resolve(ui.style());
        let colour = ui.visuals().text_color();
        let cache = &mut self.cache;
        let mut layouter = |ui: &egui::Ui, buffer: &dyn TextBuffer, wrap_width: f32| {
            let mut job = cache.job(
                &checker,
                buffer.as_str(),
                &options,
                dark,
                font.clone(),
                colour,
            );
            job.wrap.max_width = wrap_width;
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let output = egui::ScrollArea::vertical()
            .id_salt("editor-scroll")
            .show(ui, |ui| {
                egui::TextEdit::multiline(&mut state.draft)
                    .id(id)
                    .hint_text(lang.pick("在这里粘贴或输入消息……", "Paste or type a message here…"))
                    .desired_width(f32::INFINITY)
                    .desired_rows(16)
                    .layouter(&mut layouter)
                    .show(ui)
            })
            .inner;
        let response = output.response.response.labelled_by(label.id);
        if response.changed() {
            state.refresh();
        }
        // Focus moving to a button drops the cursor: keep the last selection.
        if let Some(range) = output.cursor_range {
            let [start, end] = range.sorted_cursors().map(|c| c.index.0);
            state.selection =
                (start < end).then(|| state.draft.chars().skip(start).take(end - start).collect());
        }
        if let Some(pointer) = response.hover_pos() {
            let index = output
                .galley
                .cursor_from_pos(pointer - output.galley_pos)
                .index
                .0;
            let hovered = state
                .analysis
                .report
                .findings
                .iter()
                .find(|f| f.start <= index && index < f.end)
                .cloned();
            if let Some(finding) = hovered {
                let checker = Arc::clone(&state.rules.checker);
                response.on_hover_ui_at_pointer(|ui| finding_details(ui, &checker, &finding, lang));
            }
        }
    }
}

/// "Always flag" / "never flag" for the selected word.
fn selection_buttons(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    let selected = state.selection.clone().filter(|s| !s.trim().is_empty());
    let enabled = selected.is_some();
    let always = ui
        .add_enabled(enabled, egui::Button::new(always_flag_label(lang)).small())
        .on_hover_text(lang.pick(
            "把选中的词加入你自己的规则：以后总会标记为导流。",
            "Add the selected word to your own rules: always flagged from now on.",
        ));
    let never = ui
        .add_enabled(enabled, egui::Button::new(never_flag_label(lang)).small())
        .on_hover_text(lang.pick(
            "把选中的词（店名、品牌、小红书号）加入白名单：以后不再标记。",
            "Put the selected word (shop, brand, 小红书号) on the allowlist: never flagged.",
        ));
    if let Some(word) = selected {
        if always.clicked() {
            state.always_flag(&word);
        }
        if never.clicked() {
            state.never_flag(&word);
        }
    }
}

pub fn always_flag_label(lang: UiLang) -> &'static str {
    lang.pick("总是标记所选", "Always flag selection")
}

pub fn never_flag_label(lang: UiLang) -> &'static str {
    lang.pick("永不标记所选", "Never flag selection")
}

/// The editor's label, which is also its accessible name.
pub fn editor_label(lang: UiLang) -> &'static str {
    lang.pick(
        "消息（粘贴欢迎语、自动回复或私信）",
        "Message (paste a welcome message, auto-reply or DM)",
    )
}
