//! The top bar: the verdict badge, where the message goes, the trade, the
//! language, files and settings.

use dmlint::{Context, Severity};
use egui::RichText;

use super::batch_view::view_label;
use super::i18n::UiLang;
use super::state::{AppState, View};
use super::style::verdict_colour;

/// Wide enough for the longest badge in either language.
const BADGE_WIDTH: f32 = 230.0;

/// The trade and context boxes keep this width whatever they show.
const COMBO_WIDTH: f32 = 100.0;

/// Room kept for the 更多 button when something moves into it.
const MORE_WIDTH: f32 = 80.0;

/// One row that never wraps: the views and the badge always; then where the
/// message goes and the trade, then files, settings and language, each
/// inline while it fits and in the 更多 menu when the window is narrow.
#[derive(Default)]
pub struct Toolbar {
    /// The width each optional group took when last shown inline, for the
    /// language it was shown in.
    widths: [Option<f32>; 2],
    measured_in: Option<UiLang>,
}

impl Toolbar {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        if self.measured_in != Some(lang) {
            self.widths = [None; 2];
            self.measured_in = Some(lang);
        }
        ui.horizontal(|ui| {
            views(ui, state);
            ui.separator();
            if state.view == View::Check {
                badge(ui, state);
                ui.separator();
            }
            let inline = self.inline_groups(ui.available_width());
            let groups: [fn(&mut egui::Ui, &mut AppState); 2] = [check_settings, actions];
            for (group, show) in groups.iter().enumerate() {
                if group < inline {
                    let used = ui.horizontal(|ui| show(ui, state)).response.rect.width();
                    self.widths[group] = Some(used);
                    ui.separator();
                }
            }
            if inline < groups.len() {
                ui.menu_button(more_label(lang), |ui| {
                    for show in &groups[inline..] {
                        show(ui, state);
                        ui.separator();
                    }
                });
            }
        });
    }

    /// How many of the optional groups fit in `available`, in order; a group
    /// not measured yet is tried inline.
    fn inline_groups(&self, available: f32) -> usize {
        const SPACING: f32 = 12.0;
        let width = |group: &Option<f32>| group.unwrap_or(0.0) + SPACING;
        if self.widths.iter().map(width).sum::<f32>() <= available {
            return self.widths.len();
        }
        let mut used = MORE_WIDTH;
        self.widths
            .iter()
            .take_while(|group| {
                used += width(group);
                used <= available
            })
            .count()
    }
}

/// The menu that holds what does not fit in a narrow window.
pub fn more_label(lang: UiLang) -> &'static str {
    lang.pick("更多…", "More…")
}

fn views(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
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
}

/// The verdict, in a box of fixed width so nothing after it moves.
fn badge(ui: &mut egui::Ui, state: &AppState) {
    let lang = state.settings.lang;
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
            ui.set_width(BADGE_WIDTH);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(badge).strong().color(egui::Color32::WHITE));
            });
        });
}

/// Where the message goes and the trade: both re-check at once.
fn check_settings(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    let context_label = ui.label(lang.pick("发送位置", "Sent as"));
    egui::ComboBox::from_id_salt("context")
        .width(COMBO_WIDTH)
        .selected_text(lang.context(state.settings.context))
        .show_ui(ui, |ui| {
            for context in Context::ALL {
                ui.selectable_value(&mut state.settings.context, context, lang.context(context));
            }
        })
        .response
        .labelled_by(context_label.id);
    let profile_label = ui.label(lang.pick("行业", "Trade"));
    let profiles = state.rules.checker.book().profiles();
    let names: Vec<String> = profiles.profiles.keys().cloned().collect();
    let description = profiles
        .profiles
        .get(&state.settings.profile)
        .map(|p| lang.text(&p.description).to_string())
        .unwrap_or_default();
    egui::ComboBox::from_id_salt("profile")
        .width(COMBO_WIDTH)
        .selected_text(lang.profile(&state.settings.profile))
        .show_ui(ui, |ui| {
            for name in &names {
                ui.selectable_value(
                    &mut state.settings.profile,
                    name.clone(),
                    lang.profile(name),
                );
            }
        })
        .response
        .labelled_by(profile_label.id)
        .on_hover_text(description);
}

/// Files, settings and language.
fn actions(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
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
}
