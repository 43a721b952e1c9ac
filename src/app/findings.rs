//! The findings list beside the editor, grouped by severity; a click selects
//! the span in the editor.

use dmlint::{Checker, Finding};
use egui::RichText;

use super::i18n::UiLang;
use super::state::AppState;
use super::style::marking;

#[derive(Default)]
pub struct FindingsPanel;

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
        let mut selected = None;
        let mut hovered = None;
        egui::ScrollArea::vertical()
            .id_salt("findings-scroll")
            .show(ui, |ui| {
                let ordered = state
                    .rules
                    .checker
                    .reading_order(&state.analysis.report, state.profile());
                // The reading order already runs blocks, warnings, notes.
                for group in ordered.chunk_by(|a, b| a.severity == b.severity) {
                    let severity = group[0].severity;
                    let colour = marking(severity, dark).strong;
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!("{} ({})", lang.severity(severity), group.len()))
                            .strong()
                            .color(colour),
                    );
                    for &finding in group {
                        let text = format!(
                            "{}  · {}",
                            finding.text.replace('\n', "⏎"),
                            lang.category(finding.category)
                        );
                        let span = finding.start..finding.end;
                        // Pointed at here or in the editor: marked as the
                        // editor marks it, so the two read as one.
                        let mut text = RichText::new(text).color(colour);
                        if state.pointed.as_ref() == Some(&span) {
                            text = text
                                .strong()
                                .background_color(marking(severity, dark).background);
                        }
                        let response = ui.selectable_label(false, text).on_hover_ui(|ui| {
                            finding_details(ui, &state.rules.checker, finding, lang)
                        });
                        if response.hovered() {
                            hovered = Some(span.clone());
                        }
                        if response.clicked() {
                            selected = Some(span);
                        }
                    }
                }
            });
        if selected.is_some() {
            state.select_request = selected;
        }
        if let Some(span) = hovered {
            state.point_at(span);
        }
    }
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
