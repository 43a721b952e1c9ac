//! The top bar: the verdict badge, where the message goes, the trade, the
//! language, files and settings.

use dmlint::{Context, Severity};
use egui::RichText;

use super::batch_view::view_label;
use super::state::{AppState, View};
use super::style::verdict_colour;

/// Wide enough for the longest badge in either language.
const BADGE_WIDTH: f32 = 230.0;

#[derive(Default)]
pub struct Toolbar;

impl Toolbar {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        ui.horizontal_wrapped(|ui| {
            ui.heading("dmlint");
            for view in [
                View::Check,
                View::Batch,
                View::Rules,
                View::Training,
                View::Handbook,
            ] {
                if ui
                    .selectable_label(state.view == view, view_label(lang, view))
                    .clicked()
                {
                    state.view = view;
                }
            }
            ui.separator();
            if state.view == View::Check {
                let report = &state.analysis.report;
                // Nothing typed is nothing to judge: no green "OK to send".
                let (badge, fill) = if state.draft.trim().is_empty() {
                    (
                        lang.pick("等待输入消息", "Waiting for a message")
                            .to_string(),
                        egui::Color32::from_gray(110),
                    )
                } else {
                    let badge = format!(
                        "{} · {} {} · {} {}",
                        lang.verdict(report.verdict),
                        report.count(Severity::Block),
                        lang.pick("处违规", "blocking"),
                        report.count(Severity::Warn),
                        lang.pick("处风险", "risky"),
                    );
                    (badge, verdict_colour(report.verdict))
                };
                egui::Frame::new()
                    .fill(fill)
                    .corner_radius(6.0)
                    .inner_margin(egui::Margin::symmetric(10, 4))
                    .show(ui, |ui| {
                        // A fixed width: the controls after it never move.
                        ui.set_width(BADGE_WIDTH);
                        ui.vertical_centered(|ui| {
                            ui.label(RichText::new(badge).strong().color(egui::Color32::WHITE));
                        });
                    });
                ui.separator();
            }
            let context_label = ui.label(lang.pick("发送位置", "Sent as"));
            egui::ComboBox::from_id_salt("context")
                .selected_text(lang.context(state.settings.context))
                .show_ui(ui, |ui| {
                    for context in Context::ALL {
                        ui.selectable_value(
                            &mut state.settings.context,
                            context,
                            lang.context(context),
                        );
                    }
                })
                .response
                .labelled_by(context_label.id);
            let profile_label = ui.label(lang.pick("行业", "Trade"));
            let profiles: Vec<String> = state
                .rules
                .checker
                .book()
                .profiles()
                .profiles
                .keys()
                .cloned()
                .collect();
            let profile_description = state
                .rules
                .checker
                .book()
                .profiles()
                .profiles
                .get(&state.settings.profile)
                .map(|p| lang.text(&p.description).to_string())
                .unwrap_or_default();
            egui::ComboBox::from_id_salt("profile")
                .selected_text(lang.profile(&state.settings.profile))
                .show_ui(ui, |ui| {
                    for name in &profiles {
                        ui.selectable_value(
                            &mut state.settings.profile,
                            name.clone(),
                            lang.profile(name),
                        );
                    }
                })
                .response
                .labelled_by(profile_label.id)
                .on_hover_text(profile_description);
            ui.separator();
            if ui.button(lang.pick("打开文件", "Open file")).clicked() {
                state.open_with_picker();
            }
            if ui
                .add_enabled(
                    state.analysis.rewrite.changed(),
                    egui::Button::new(lang.pick("保存改写", "Save rewrite")),
                )
                .clicked()
            {
                state.save_with_picker();
            }
            ui.toggle_value(
                &mut state.settings.show_settings,
                lang.pick("设置", "Settings"),
            );
            if ui.button(lang.other().pick("中文", "English")).clicked() {
                state.settings.lang = lang.other();
            }
        });
    }
}
