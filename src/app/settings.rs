//! Settings: the card phrasing the rewrite uses, and the shop's own words.

use super::state::AppState;

#[derive(Default)]
pub struct SettingsPanel;

impl SettingsPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        ui.heading(lang.pick("设置", "Settings"));
        ui.add_space(4.0);
        let defaults = state
            .rules
            .checker
            .book()
            .profiles()
            .contexts
            .get(&state.settings.context)
            .map(|c| c.card.clone());
        let label = ui.label(lang.pick("名片话术（中文）", "Card phrase (Chinese)"));
        let mut edit =
            egui::TextEdit::singleline(&mut state.settings.card_zh).desired_width(f32::INFINITY);
        if let Some(d) = &defaults {
            edit = edit.hint_text(d.zh.as_str());
        }
        ui.add(edit).labelled_by(label.id);
        let label = ui.label(lang.pick("名片话术（英文）", "Card phrase (English)"));
        let mut edit =
            egui::TextEdit::singleline(&mut state.settings.card_en).desired_width(f32::INFINITY);
        if let Some(d) = &defaults {
            edit = edit.hint_text(d.en.as_str());
        }
        ui.add(edit).labelled_by(label.id);
        ui.label(
            egui::RichText::new(lang.pick(
                "留空则使用当前发送位置的默认话术。",
                "Leave empty for the default of the current context.",
            ))
            .small()
            .weak(),
        );
        ui.add_space(8.0);
        let label = ui.label(lang.pick(
            "白名单（店名、品牌、小红书号，每行一个）",
            "Allowlist (shop, brand, 小红书号; one per line)",
        ));
        ui.add(
            egui::TextEdit::multiline(&mut state.settings.allowlist)
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        if ui
            .button(lang.pick("导出白名单", "Export allowlist"))
            .clicked()
        {
            state.export_allowlist();
        }
    }
}
