//! The top bar: the verdict badge, where the message goes, the trade, the
//! language, files and settings.

use dmlint::{Context, Severity};
use egui::RichText;

use super::batch_view::view_label;
use super::state::{AppState, View};
use super::style::verdict_colour;

/// Wide enough for the longest badge in either language.
const BADGE_WIDTH: f32 = 230.0;

/// The trade and context boxes keep this width whatever they show.
const COMBO_WIDTH: f32 = 120.0;

/// One row that never wraps: the views, the badge and the check's settings
/// always; the file buttons, settings and language inline when they fit,
/// in a 更多 menu when the window is narrow.
#[derive(Default)]
pub struct Toolbar {
    /// The width the inline buttons took when last shown.
    actions_width: Option<f32>,
}

impl Toolbar {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        ui.horizontal(|ui| {
            views(ui, state);
            ui.separator();
            if state.view == View::Check {
                badge(ui, state);
                ui.separator();
            }
            check_settings(ui, state);
            ui.separator();
            let fits = self
                .actions_width
                .is_none_or(|width| width <= ui.available_width());
            if fits {
                let used = ui.horizontal(|ui| actions(ui, state)).response.rect.width();
                self.actions_width = Some(used);
            } else {
                let lang = state.settings.lang;
                ui.menu_button(more_label(lang), |ui| actions(ui, state));
            }
        });
    }
}

/// The menu that holds the file buttons, settings and language when the
/// window is too narrow for them.
pub fn more_label(lang: super::i18n::UiLang) -> &'static str {
    lang.pick("更多…", "More…")
}

fn views(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
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
