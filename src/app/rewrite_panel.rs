//! The compliant rewrite under the editor, with what it inserted highlighted;
//! copy it, apply it (undoable), and accept warning fixes one by one.

use std::ops::Range;

use dmlint::rewrite::{self, Suggestion};
use dmlint::rules::Bilingual;
use egui::{RichText, TextStyle};

use super::derived::Memo;
use super::editor::marked_job;
use super::state::{About, AppState};
use super::style::inserted;

#[derive(Default)]
pub struct RewritePanel {
    /// The suggestions grouped, for the analysis they came with.
    groups: Memo<u64, Vec<Group>>,
}

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
        // The rewrite and the suggestions side by side, each scrolling on
        // its own: a message with hundreds of warnings never pushes the
        // rewrite (or the editor) out of the window.
        ui.columns(2, |columns| {
            egui::ScrollArea::vertical()
                .id_salt("rewrite-scroll")
                .auto_shrink(false)
                .show(&mut columns[0], |ui| rewrite_text(ui, state));
            egui::ScrollArea::vertical()
                .id_salt("suggestions-scroll")
                .auto_shrink(false)
                .show(&mut columns[1], |ui| self.suggestions(ui, state));
        });
    }

    /// The draft's warnings and their fixes, one group per kind of fix.
    fn suggestions(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        let suggestions = &state.analysis.suggestions;
        if suggestions.is_empty() {
            if !state.draft.trim().is_empty() {
                ui.label(
                    RichText::new(lang.pick("没有可逐条采用的建议。", "No suggestions to accept."))
                        .weak(),
                );
            }
            return;
        }
        ui.label(
            RichText::new(lang.pick(
                "逐条建议（点击采用；同样的改法会一起采用）",
                "Suggestions (click to accept; the same fix is accepted everywhere)",
            ))
            .strong(),
        );
        let groups = self
            .groups
            .get(state.analysis.generation, |_| group(suggestions));
        let mut accepted: Option<Vec<usize>> = None;
        for group in groups {
            let count: usize = group.fixes.iter().map(|f| f.at.len()).sum();
            // One wrapped row per kind: its name, its changes, "all".
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}：", lang.text(&group.label))).weak());
                for fix in &group.fixes {
                    let replacement = if fix.replacement.is_empty() {
                        lang.pick("删掉", "remove")
                    } else {
                        &fix.replacement
                    };
                    let times = match fix.at.len() {
                        1 => String::new(),
                        n => format!(" ×{n}"),
                    };
                    let text = format!("{} → {replacement}{times}", fix.original);
                    if ui.button(text).clicked() {
                        accepted = Some(fix.at.clone());
                    }
                }
                if group.fixes.len() > 1
                    && ui
                        .small_button(format!("{} ({count})", lang.pick("全部采用", "Accept all")))
                        .on_hover_text(lang.pick(
                            "采用这一类的全部建议",
                            "Accept every suggestion of this kind",
                        ))
                        .clicked()
                {
                    accepted = Some(group.fixes.iter().flat_map(|f| f.at.clone()).collect());
                }
            });
        }
        if let Some(accepted) = accepted {
            let chosen: Vec<&Suggestion> = accepted.iter().map(|&i| &suggestions[i]).collect();
            let text = rewrite::apply_suggestions(&state.draft, &chosen);
            state.replace_draft(text);
        }
    }
}

/// The rewrite with what it inserted highlighted, or why there is none.
fn rewrite_text(ui: &mut egui::Ui, state: &AppState) {
    let lang = state.settings.lang;
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
        ui.add(egui::Label::new(job).selectable(true));
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
}

/// One kind of fix (a rule's suggestion) and the distinct changes it makes.
struct Group {
    rule: String,
    label: Bilingual,
    fixes: Vec<Fix>,
}

/// One change, and the suggestions that make it.
struct Fix {
    original: String,
    replacement: String,
    /// Indices into the analysis's suggestions.
    at: Vec<usize>,
}

/// The suggestions grouped by kind and change, in the order they first occur.
fn group(suggestions: &[Suggestion]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, s) in suggestions.iter().enumerate() {
        let group = match groups
            .iter()
            .position(|g| g.rule == s.rule && g.label == s.label)
        {
            Some(g) => &mut groups[g],
            None => {
                groups.push(Group {
                    rule: s.rule.clone(),
                    label: s.label.clone(),
                    fixes: Vec::new(),
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        match group
            .fixes
            .iter_mut()
            .find(|f| f.original == s.original && f.replacement == s.replacement)
        {
            Some(fix) => fix.at.push(i),
            None => group.fixes.push(Fix {
                original: s.original.clone(),
                replacement: s.replacement.clone(),
                at: vec![i],
            }),
        }
    }
    groups
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
