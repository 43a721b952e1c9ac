//! The rules handbook, generated from the rules in force: each category with
//! a paragraph on what the platform does with it, then its rules, each with
//! its message and examples.

use egui::RichText;

use super::state::AppState;
use super::style::marking;

#[derive(Default)]
pub struct HandbookView;

impl HandbookView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        let checker = std::sync::Arc::clone(&state.rules.checker);
        let profiles = &checker.book().profiles();
        egui::ScrollArea::vertical()
            .id_salt("handbook")
            .show(ui, |ui| {
                ui.heading(lang.pick("规则手册", "Rules handbook"));
                for section in dmlint::training::handbook(&checker) {
                    ui.add_space(8.0);
                    let severity = section
                        .rules
                        .first()
                        .map(|r| profiles.adjust(state.profile(), &r.id, r.category, r.severity));
                    let mut title = RichText::new(lang.category(section.category))
                        .strong()
                        .size(17.0);
                    if let Some(severity) = severity {
                        title = title.color(marking(severity, ui.visuals().dark_mode).strong);
                    }
                    ui.label(title);
                    ui.label(lang.text(&section.explanation));
                    egui::CollapsingHeader::new(format!(
                        "{} {}",
                        section.rules.len(),
                        lang.pick("条规则和例子", "rules and examples")
                    ))
                    .id_salt(section.category.as_str())
                    .show(ui, |ui| {
                        for rule in &section.rules {
                            ui.label(RichText::new(lang.text(&rule.message)).strong());
                            for text in rule.examples.matches.iter().take(3) {
                                ui.label(format!("  ✗ {text}"));
                            }
                            for text in rule.examples.no_match.iter().take(2) {
                                ui.label(format!("  ✓ {text}"));
                            }
                        }
                    });
                }
            });
    }
}
