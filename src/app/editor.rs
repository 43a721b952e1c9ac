//! The message editor: risky spans highlighted as the operator types, a
//! tooltip on each, and selection on request from the findings list.

use std::ops::Range;
use std::sync::Arc;

use dmlint::{Finding, Severity};
use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{FontId, TextBuffer, TextStyle};

use super::derived::Memo;
use super::findings::finding_details;
use super::i18n::UiLang;
use super::state::{Analysis, AppState};
use super::style::marking;

/// What the highlighted layout depends on: the analysis (and so the text),
/// the finding pointed at, and the look.
#[derive(PartialEq)]
pub(super) struct LayoutKey {
    generation: u64,
    pointed: Option<Range<usize>>,
    dark: bool,
    font: FontId,
    colour: egui::Color32,
}

/// Lays out `text` with each finding's span marked by severity, and the one
/// at `pointed` (hovered here or in the findings list) drawn stronger.
pub fn highlighted(
    text: &str,
    findings: &[Finding],
    pointed: Option<&Range<usize>>,
    dark: bool,
    font: FontId,
    colour: egui::Color32,
) -> LayoutJob {
    let spans: Vec<(Range<usize>, (Severity, bool))> = findings
        .iter()
        .map(|f| {
            let span = f.start..f.end;
            let is_pointed = pointed == Some(&span);
            (span, (f.severity, is_pointed))
        })
        .collect();
    marked_job(text, &spans, font, colour, |(severity, is_pointed)| {
        let m = marking(severity, dark);
        if is_pointed {
            (
                m.strong.gamma_multiply(0.45),
                egui::Stroke::new(2.5, m.strong),
            )
        } else {
            (m.background, m.underline)
        }
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
    pub(super) layout: Memo<LayoutKey, LayoutJob>,
}

impl Editor {
    pub const ID: &'static str = "message-editor";

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        let id = egui::Id::unique(Self::ID);
        // A click elsewhere takes focus from the editor in the frame it
        // happens: select on the frame after the click on a finding.
        let select = if ui.input(|i| i.pointer.any_click()) {
            if state.select_request.is_some() {
                ui.ctx().request_repaint();
            }
            None
        } else {
            state.select_request.take()
        };
        if let Some(range) = &select {
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
        let pointed = state.pointed.clone();
        let dark = ui.visuals().dark_mode;
        let font = TextStyle::Body.resolve(ui.style());
        let colour = ui.visuals().text_color();
        let (analysis, layout) = (&mut state.analysis, &mut self.layout);
        let mut layouter = |ui: &egui::Ui, buffer: &dyn TextBuffer, wrap_width: f32| {
            // The text is a keystroke ahead of the analysis after an edit:
            // this is where the one check per edit runs.
            if analysis.text != buffer.as_str() {
                let inputs = analysis.inputs.clone();
                *analysis = Analysis::new(&checker, buffer.as_str(), inputs);
            }
            let key = LayoutKey {
                generation: analysis.generation,
                pointed: pointed.clone(),
                dark,
                font: font.clone(),
                colour,
            };
            let mut job = layout
                .get(key, |key| {
                    highlighted(
                        &analysis.text,
                        &analysis.report.findings,
                        key.pointed.as_ref(),
                        dark,
                        key.font.clone(),
                        colour,
                    )
                })
                .clone();
            job.wrap.max_width = wrap_width;
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let rows = (ui.available_height() / ui.text_style_height(&TextStyle::Body)).max(4.0);
        let output = egui::ScrollArea::vertical()
            .id_salt("editor-scroll")
            .auto_shrink(false)
            .show(ui, |ui| {
                let output = egui::TextEdit::multiline(&mut state.draft)
                    .id(id)
                    .hint_text(lang.pick("在这里粘贴或输入消息……", "Paste or type a message here…"))
                    .desired_width(f32::INFINITY)
                    .desired_rows(rows as usize)
                    .layouter(&mut layouter)
                    .show(ui);
                // A finding picked in the list: bring its span into view.
                if let Some(range) = &select {
                    let at = output
                        .galley
                        .pos_from_cursor(CCursor::new(range.start))
                        .translate(output.galley_pos.to_vec2());
                    ui.scroll_to_rect(at, Some(egui::Align::Center));
                }
                output
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
                state.point_at(finding.start..finding.end);
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
