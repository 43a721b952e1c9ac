//! The findings list beside the editor, grouped by severity; a click selects
//! the span in the editor, and the same finding repeated is one entry.

use std::collections::HashMap;

use dmlint::{Category, Checker, Finding, ProfileId, Report, Severity};
use egui::RichText;

use super::derived::Memo;
use super::i18n::UiLang;
use super::state::AppState;
use super::style::marking;

/// The list, one entry per distinct finding: the same token flagged the
/// same way 200 times in a long message is one entry "×200", and each click
/// on it selects the next occurrence.
#[derive(Default)]
pub struct FindingsPanel {
    entries: Memo<(u64, ProfileId), Vec<Entry>>,
    /// The entry clicked last and which of its occurrences it selected.
    cursor: Option<(usize, usize)>,
}

/// Findings with the same text, category and severity.
struct Entry {
    /// Indices into the report's findings, in text order.
    at: Vec<usize>,
}

impl FindingsPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        ui.heading(lang.pick("发现的问题", "Findings"));
        let findings = &state.analysis.report.findings;
        if state.draft.trim().is_empty() {
            ui.label(lang.pick(
                "粘贴或输入消息后，问题会列在这里。",
                "Paste or type a message; its findings are listed here.",
            ));
            return;
        }
        if findings.is_empty() {
            ui.label(lang.pick("没有发现风险。", "Nothing risky found."));
            return;
        }
        let dark = ui.visuals().dark_mode;
        let key = (state.analysis.generation, state.profile());
        let (checker, report) = (&state.rules.checker, &state.analysis.report);
        let entries = self
            .entries
            .get(key, |&(_, profile)| entries(checker, report, profile));
        let mut clicked = None;
        let mut hovered = None;
        egui::ScrollArea::vertical()
            .id_salt("findings-scroll")
            .show(ui, |ui| {
                // Entries run blocks, warnings, notes, as the reading order does.
                let severity_of = |e: &Entry| findings[e.at[0]].severity;
                let mut index = 0;
                for group in entries.chunk_by(|a, b| severity_of(a) == severity_of(b)) {
                    let severity = severity_of(&group[0]);
                    let colour = marking(severity, dark).strong;
                    let count: usize = group.iter().map(|e| e.at.len()).sum();
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!("{} ({count})", lang.severity(severity)))
                            .strong()
                            .color(colour),
                    );
                    for entry in group {
                        let finding = &findings[entry.at[0]];
                        let times = match entry.at.len() {
                            1 => String::new(),
                            n => format!(" ×{n}"),
                        };
                        let text = format!(
                            "{}  · {}{times}",
                            finding.text.replace('\n', "⏎"),
                            lang.category(finding.category)
                        );
                        // Pointed at here or in the editor: marked as the
                        // editor marks it, so the two read as one.
                        let pointed = state.pointed.as_ref().is_some_and(|span| {
                            entry.at.iter().any(|&i| findings[i].start == span.start)
                        });
                        let mut text = RichText::new(text).color(colour);
                        if pointed {
                            text = text
                                .strong()
                                .background_color(marking(severity, dark).background);
                        }
                        let response = ui.selectable_label(false, text).on_hover_ui(|ui| {
                            finding_details(ui, &state.rules.checker, finding, lang)
                        });
                        if response.hovered() {
                            hovered = Some(finding.start..finding.end);
                        }
                        if response.clicked() {
                            clicked = Some(index);
                        }
                        index += 1;
                    }
                }
            });
        if let Some(entry) = clicked {
            // The same entry again: its next occurrence.
            let occurrence = match self.cursor {
                Some((last, n)) if last == entry => (n + 1) % entries[entry].at.len(),
                _ => 0,
            };
            self.cursor = Some((entry, occurrence));
            let finding = &findings[entries[entry].at[occurrence]];
            state.select_request = Some(finding.start..finding.end);
        }
        if let Some(span) = hovered {
            state.point_at(span);
        }
    }
}

/// The report's findings in reading order, the same ones together.
fn entries(checker: &Checker, report: &Report, profile: ProfileId) -> Vec<Entry> {
    let findings = &report.findings;
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_kind: HashMap<(&str, Category, Severity), usize> = HashMap::new();
    // The reading order gives references; their places in the report:
    let place: HashMap<*const Finding, usize> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (std::ptr::from_ref(f), i))
        .collect();
    for finding in checker.reading_order(report, profile) {
        let index = place[&std::ptr::from_ref(finding)];
        let kind = (finding.text.as_str(), finding.category, finding.severity);
        match by_kind.get(&kind) {
            Some(&entry) => entries[entry].at.push(index),
            None => {
                by_kind.insert(kind, entries.len());
                entries.push(Entry { at: vec![index] });
            }
        }
    }
    for entry in &mut entries {
        entry.at.sort_unstable();
    }
    entries
}

/// What a finding is, why it is risky, what triggered it and what to do:
/// the tooltip of a span and of a list entry.
pub fn finding_details(ui: &mut egui::Ui, checker: &Checker, finding: &Finding, lang: UiLang) {
    ui.set_max_width(360.0);
    let colour = marking(finding.severity, ui.visuals().dark_mode).strong;
    ui.label(
        RichText::new(format!(
            "{} · {}",
            lang.category(finding.category),
            lang.severity(finding.severity)
        ))
        .strong()
        .color(colour),
    );
    let rule = checker.rule(finding.rule_id);
    match rule {
        Some(rule) => {
            ui.label(lang.text(&rule.message));
            if finding.normalized != finding.text.to_lowercase() {
                ui.label(format!(
                    "{} → {}",
                    finding.text.replace('\n', "⏎"),
                    finding.normalized
                ));
            }
            // No italics: egui slants CJK glyphs into a fake italic.
            ui.label(format!(
                "{}{}",
                lang.pick("建议：", "Fix: "),
                lang.text(&rule.fix)
            ));
        }
        None => {
            ui.label(&*finding.message);
        }
    }
}
