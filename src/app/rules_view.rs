//! The rules view: what is checked. Every rule with its category, its
//! severity as the current trade sets it, its message, its examples and the
//! file it came from; a search; a switch per rule; a field to try the
//! selected rule on any text; and the folder the operator's own packs go in.

use dmlint::Severity;
use dmlint::rules::Rule;
use egui::RichText;

use super::derived::{self, Memo};
use super::i18n::UiLang;
use super::state::{AppState, CheckInputs};
use super::style::marking;

#[derive(Default)]
pub struct RulesView {
    search: String,
    selected: Option<String>,
    /// Text to try the selected rule on.
    trial: String,
    /// The rules shown: whether each is in force, and its place in the book.
    listed: Memo<(u64, String, UiLang), Vec<(bool, usize)>>,
    /// What the selected rule flags in the trial text.
    tried: Memo<(String, String, CheckInputs), Vec<String>>,
}

impl RulesView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        folder_line(ui, state);
        for problem in &state.rules.skipped {
            let colour = marking(Severity::Block, ui.visuals().dark_mode).strong;
            ui.label(
                RichText::new(format!("{} {problem}", lang.pick("已跳过：", "Skipped:")))
                    .color(colour),
            );
        }
        ui.horizontal(|ui| {
            let label = ui.label(search_label(lang));
            ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(260.0))
                .labelled_by(label.id);
            let book = state.rules.checker.book();
            ui.label(
                RichText::new(format!(
                    "{} {} · {} {}",
                    book.rules().len(),
                    lang.pick("条生效", "in force"),
                    book.disabled().len(),
                    lang.pick("条已关闭", "switched off"),
                ))
                .weak(),
            );
        });
        ui.separator();
        ui.columns(2, |columns| {
            self.list(&mut columns[0], state);
            self.details(&mut columns[1], state);
        });
    }

    /// Every rule that matches the search, with its switch.
    fn list(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        let book = state.rules.checker.book();
        let needle = self.search.trim().to_lowercase();
        let rows = self
            .listed
            .get((state.rules.generation, needle, lang), |(_, needle, _)| {
                let mut rows: Vec<(bool, usize)> = (0..book.rules().len())
                    .map(|i| (true, i))
                    .chain((0..book.disabled().len()).map(|i| (false, i)))
                    .filter(|&row| {
                        needle.is_empty() || matches_search(listed(book, row), needle, lang)
                    })
                    .collect();
                // One order whatever is switched: a rule switched off stays where
                // it was, and the next click there means the same rule.
                rows.sort_by(|&a, &b| listed(book, a).id.cmp(&listed(book, b).id));
                rows
            });
        let mut switch = None;
        egui::ScrollArea::vertical()
            .id_salt("rules-list")
            .show(ui, |ui| {
                for &(on, index) in rows {
                    let rule = listed(book, (on, index));
                    ui.horizontal(|ui| {
                        let mut checked = on;
                        if ui
                            .checkbox(&mut checked, "")
                            .on_hover_text(
                                lang.pick("开启或关闭这条规则", "Switch this rule on or off"),
                            )
                            .changed()
                        {
                            switch = Some((rule.id.clone(), checked));
                        }
                        let severity = state.rules.checker.book().profiles().adjust(
                            state.profile(),
                            &rule.id,
                            rule.category,
                            rule.severity,
                        );
                        let colour = marking(severity, ui.visuals().dark_mode).strong;
                        let tag = if on {
                            lang.severity(severity)
                        } else {
                            lang.pick("已关闭", "Off")
                        };
                        ui.label(RichText::new(tag).color(colour).small());
                        let selected = self.selected.as_deref() == Some(rule.id.as_str());
                        if ui.selectable_label(selected, lang.rule(rule)).clicked() {
                            self.selected = Some(rule.id.clone());
                        }
                        ui.label(
                            RichText::new(format!(
                                "{} · {}",
                                lang.category(rule.category),
                                rule.id
                            ))
                            .weak()
                            .small(),
                        );
                        ui.add(
                            egui::Label::new(
                                RichText::new(lang.text(&rule.message)).weak().small(),
                            )
                            .truncate(),
                        );
                    });
                }
            });
        if let Some((id, on)) = switch {
            state.switch_rule(&id, on);
        }
    }

    /// The selected rule: what it says, where it came from, its examples,
    /// and a field to try it.
    fn details(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        let checker = std::sync::Arc::clone(&state.rules.checker);
        let book = checker.book();
        let Some(rule) = self.selected.as_ref().and_then(|id| {
            book.rules()
                .iter()
                .chain(book.disabled())
                .find(|r| &r.id == id)
        }) else {
            ui.label(lang.pick(
                "点左边的规则查看详情。",
                "Pick a rule on the left to see it.",
            ));
            return;
        };
        ui.heading(lang.rule(rule));
        ui.label(RichText::new(&rule.id).weak().small());
        // The state in force: switched off, or the severity under the trade.
        let off = book.disabled().iter().any(|r| r.id == rule.id);
        let in_force = if off {
            lang.pick("已关闭", "Off").to_string()
        } else {
            let severity =
                book.profiles()
                    .adjust(state.profile(), &rule.id, rule.category, rule.severity);
            lang.severity(severity).to_string()
        };
        ui.label(format!("{} · {in_force}", lang.category(rule.category)));
        if let files @ [_, ..] = book.origins(&rule.id) {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.pick("来自", "From"),
                    files.join(" + ")
                ))
                .weak()
                .small(),
            );
        }
        ui.add_space(4.0);
        ui.label(lang.text(&rule.message));
        // No italics: egui slants CJK glyphs into a fake italic.
        ui.label(format!(
            "{}{}",
            lang.pick("建议：", "Fix: "),
            lang.text(&rule.fix)
        ));
        if !rule.keywords.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.pick("关键词：", "Words:"),
                    rule.keywords.join("、")
                ))
                .small(),
            );
        }
        ui.add_space(4.0);
        examples(ui, lang.pick("会标记：", "Flags:"), &rule.examples.matches);
        examples(
            ui,
            lang.pick("不会标记：", "Does not flag:"),
            &rule.examples.no_match,
        );
        ui.add_space(8.0);
        let label = ui.label(trial_label(lang));
        ui.add(
            egui::TextEdit::multiline(&mut self.trial)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        if self.trial.trim().is_empty() {
            return;
        }
        let key = (self.trial.clone(), rule.id.clone(), state.inputs());
        let hits = self.tried.get(key, |(trial, id, inputs)| {
            let options = inputs.options(book.profiles());
            derived::check(&checker, trial, &options)
                .findings
                .into_iter()
                .filter(|f| *f.rule == **id)
                .map(|f| {
                    if f.normalized != f.text.to_lowercase() {
                        format!("{} → {}", f.text, f.normalized)
                    } else {
                        f.text
                    }
                })
                .collect()
        });
        if hits.is_empty() {
            ui.label(lang.pick(
                "这条规则在这段文字里没有标记。",
                "This rule flags nothing here.",
            ));
        } else {
            ui.label(format!(
                "{}{}",
                lang.pick("这条规则标记了：", "This rule flags: "),
                hits.join(lang.pick("、", ", "))
            ));
        }
    }
}

/// The rules folder, and a button to open it.
fn folder_line(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    ui.horizontal_wrapped(|ui| {
        ui.heading(lang.pick("规则", "Rules"));
        let Some(folder) = state.rules.folder.clone() else {
            ui.label(lang.pick(
                "（这台电脑没有可放规则包的文件夹）",
                "(no folder for your own rule packs here)",
            ));
            return;
        };
        ui.label(lang.pick("你自己的规则包放在：", "Your own rule packs go in:"));
        ui.label(RichText::new(folder.display().to_string()).monospace());
        if ui.button(lang.pick("打开文件夹", "Open folder")).clicked()
            && let Err(e) = open::that_detached(&folder)
        {
            let e = super::errors::Said::io(&folder, &e);
            state.notify(
                format!("打不开文件夹 {}", e.zh),
                format!("Cannot open the folder {}", e.en),
                true,
            );
        }
        ui.label(
            RichText::new(lang.pick(
                "保存后一秒内生效；格式见 rules/README.md。",
                "Changes take effect within a second; the format is in rules/README.md.",
            ))
            .weak()
            .small(),
        );
    });
}

fn examples(ui: &mut egui::Ui, title: &str, texts: &[String]) {
    if texts.is_empty() {
        return;
    }
    ui.label(RichText::new(title).strong());
    for text in texts {
        ui.label(format!("  {text}"));
    }
}

fn matches_search(rule: &Rule, needle: &str, lang: UiLang) -> bool {
    rule.id.to_lowercase().contains(needle)
        || rule.name.zh.contains(needle)
        || rule.name.en.to_lowercase().contains(needle)
        || lang.category(rule.category).to_lowercase().contains(needle)
        || rule.category.as_str().contains(needle)
        || rule.message.zh.contains(needle)
        || rule.message.en.to_lowercase().contains(needle)
        || rule
            .keywords
            .iter()
            .any(|k| k.to_lowercase().contains(needle))
}

pub fn search_label(lang: UiLang) -> &'static str {
    lang.pick("搜索规则", "Search rules")
}

pub fn trial_label(lang: UiLang) -> &'static str {
    lang.pick("试一试：输入一段文字", "Try it: type some text")
}

/// The rule a row of the list stands for: in force, or switched off.
fn listed(book: &dmlint::rules::RuleBook, (on, index): (bool, usize)) -> &Rule {
    if on {
        &book.rules()[index]
    } else {
        &book.disabled()[index]
    }
}
