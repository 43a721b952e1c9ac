//! The compliant rewrite under the editor, with what it inserted highlighted;
//! copy it, apply it (undoable), and accept warning fixes one by one.

use std::ops::Range;

use egui::{RichText, TextStyle};

use super::editor::marked_job;
use super::state::{About, AppState};
use super::style::inserted;

#[derive(Default)]
pub struct RewritePanel;

impl RewritePanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        ui.horizontal(|ui| {
            ui.heading(lang.pick("合规改写", "Compliant rewrite"));
            let changed = state.analysis.rewrite.changed();
            if ui
                .add_enabled(
                    changed,
                    egui::Button::new(lang.pick("复制改写", "Copy rewrite")),
                )
                .on_hover_text("Ctrl+Shift+C")
                .clicked()
            {
                ui.ctx().copy_text(state.analysis.rewrite.text.clone());
                state.notify("改写已复制。", "Rewrite copied.", false);
            }
            if ui
                .add_enabled(
                    changed,
                    egui::Button::new(lang.pick("应用到编辑器", "Apply to editor")),
                )
                .clicked()
            {
                let text = state.analysis.rewrite.text.clone();
                state.replace_draft(text);
                state.notify_about(
                    About::DraftChange,
                    "已应用改写，可撤销。",
                    "Rewrite applied; undo brings the draft back.",
                    false,
                );
            }
            if ui
                .add_enabled(
                    !state.undo.is_empty(),
                    egui::Button::new(lang.pick("撤销", "Undo")),
                )
                .clicked()
            {
                state.undo();
            }
        });
        let rewrite = &state.analysis.rewrite;
        if rewrite.changed() {
            let font = TextStyle::Body.resolve(ui.style());
            let colour = ui.visuals().text_color();
            let background = inserted(ui.visuals().dark_mode);
            let job = marked_job(
                &rewrite.text,
                &inserted_spans(rewrite),
                font,
                colour,
                |()| (background, egui::Stroke::NONE),
            );
            egui::ScrollArea::vertical()
                .id_salt("rewrite-scroll")
                .max_height(120.0)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(job).selectable(true));
                });
        } else if state.draft.trim().is_empty() {
            ui.label(lang.pick(
                "消息里有会被判导流的内容时，合规改写会出现在这里。",
                "When a message would be judged as diversion, its rewrite appears here.",
            ));
        } else if state.analysis.report.count(dmlint::Severity::Block) == 0 {
            ui.label(lang.pick(
                "没有会被判导流的内容，无需改写。",
                "Nothing blocks: no rewrite needed.",
            ));
        }
        if state.analysis.suggestions.is_empty() {
            return;
        }
        ui.add_space(4.0);
        ui.label(
            RichText::new(lang.pick("逐条建议（点击采用）", "Suggestions (click to accept)"))
                .strong(),
        );
        let mut accepted = None;
        ui.horizontal_wrapped(|ui| {
            for (i, s) in state.analysis.suggestions.iter().enumerate() {
                let replacement = if s.replacement.is_empty() {
                    lang.pick("删掉", "remove").to_string()
                } else {
                    s.replacement.clone()
                };
                let text = format!("{} → {}", s.original, replacement);
                if ui.button(text).on_hover_text(lang.text(&s.label)).clicked() {
                    accepted = Some(i);
                }
            }
        });
        if let Some(i) = accepted {
            let text = state.analysis.suggestions[i].apply(&state.draft);
            state.replace_draft(text);
        }
    }
}

/// Where the rewrite's inserted text stands in it, from the edits'
/// original offsets.
fn inserted_spans(rewrite: &dmlint::Rewrite) -> Vec<(Range<usize>, ())> {
    let mut spans = Vec::new();
    let mut shift: isize = 0;
    for edit in &rewrite.edits {
        let start = (edit.start as isize + shift) as usize;
        let length = edit.replacement.chars().count();
        if length > 0 {
            spans.push((start..start + length, ()));
        }
        shift += length as isize - (edit.end - edit.start) as isize;
    }
    spans
}
