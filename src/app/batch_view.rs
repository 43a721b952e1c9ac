//! The batch view: a library's results as a table to filter, sort and search;
//! a row opens in the check view; exports of the report and the fixed library.

use std::sync::atomic::Ordering;

use dmlint::{Category, Severity, Verdict};
use egui::RichText;

use super::i18n::UiLang;
use super::state::{AppState, View};
use super::style::{marking, verdict_colour};

#[derive(Default)]
pub struct BatchView;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    ReportCsv,
    ReportJson,
    Fixed,
}

impl BatchView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        let lang = state.settings.lang;
        ui.horizontal_wrapped(|ui| {
            ui.heading(lang.pick("批量检查话术库", "Check a script library"));
            if ui.button(lang.pick("打开话术库", "Open library")).clicked() {
                state.open_library_with_picker(ui.ctx());
            }
            let label = ui.label(lang.pick("或路径", "or path"));
            ui.add(egui::TextEdit::singleline(&mut state.path_field).desired_width(260.0))
                .labelled_by(label.id);
            let has_path = !state.path_field.trim().is_empty();
            if ui
                .add_enabled(
                    has_path,
                    egui::Button::new(lang.pick("打开此路径", "Open path")),
                )
                .clicked()
            {
                let path = std::path::PathBuf::from(state.path_field.trim());
                state.open_library(&path, Default::default(), ui.ctx());
            }
        });
        if let Some(reading) = &state.reading {
            let name = reading.path.display().to_string();
            let mut stop = false;
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{} {name}……", lang.pick("正在读取", "Reading")));
                stop = ui.button(lang.pick("取消", "Cancel")).clicked();
            });
            if stop {
                state.reading = None;
                state.notice = None;
            }
            return;
        }
        let Some(batch) = &mut state.batch else {
            ui.label(lang.pick(
                "支持 txt（每行一条或空行分隔）、CSV/TSV、JSON/JSONL、Excel（.xlsx），编码自动识别（UTF-8、GBK、UTF-16）。也可以把文件拖进窗口。",
                "Text (one per line or blank-line blocks), CSV/TSV, JSON/JSONL and Excel (.xlsx); the encoding (UTF-8, GBK, UTF-16) is detected. You can also drop the file on the window.",
            ));
            return;
        };
        ui.label(RichText::new(batch.path.display().to_string()).weak());
        for problem in batch.library.problems.iter().take(5) {
            let said = match lang {
                UiLang::Zh => super::errors::row_zh(problem),
                UiLang::En => problem.to_string(),
            };
            ui.colored_label(marking(Severity::Warn, ui.visuals().dark_mode).strong, said);
        }
        let mut reread = None;
        if batch.library.columns.len() > 1 || batch.library.sheets.len() > 1 {
            ui.horizontal(|ui| {
                if batch.library.sheets.len() > 1 {
                    let label = ui.label(lang.pick("工作表", "Sheet"));
                    let current = batch.library.sheet.clone().unwrap_or_default();
                    egui::ComboBox::from_id_salt("sheet")
                        .selected_text(&current)
                        .show_ui(ui, |ui| {
                            for sheet in &batch.library.sheets {
                                if ui.selectable_label(*sheet == current, sheet).clicked() {
                                    let mut read = batch.read.clone();
                                    read.sheet = Some(sheet.clone());
                                    read.column = None;
                                    reread = Some(read);
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                }
                let label = ui.label(lang.pick("话术所在列", "Text column"));
                let current = batch
                    .library
                    .text_column
                    .and_then(|c| batch.library.columns.get(c))
                    .cloned()
                    .unwrap_or_default();
                egui::ComboBox::from_id_salt("column")
                    .selected_text(&current)
                    .show_ui(ui, |ui| {
                        for (i, column) in batch.library.columns.iter().enumerate() {
                            if ui
                                .selectable_label(Some(i) == batch.library.text_column, column)
                                .clicked()
                            {
                                let mut read = batch.read.clone();
                                read.column = Some((i + 1).to_string());
                                reread = Some(read);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
        if let Some(job) = &batch.job {
            let total = batch.library.messages.len().max(1);
            let done = job.done.load(Ordering::Relaxed);
            ui.horizontal(|ui| {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .text(format!("{done} / {}", batch.library.messages.len()))
                        .desired_width(320.0),
                );
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    batch.cancel();
                }
            });
            ui.ctx().request_repaint();
        }
        if batch.cancelled {
            ui.label(lang.pick(
                "已取消。重新打开文件可再次检查。",
                "Cancelled. Open the file again to check it.",
            ));
        }
        if let Some(error) = &batch.failed {
            let colour =
                super::style::marking(dmlint::Severity::Block, ui.visuals().dark_mode).strong;
            ui.label(
                RichText::new(format!(
                    "{}{error}{}",
                    lang.pick("检查中途出错：", "Checking broke down: "),
                    lang.pick(
                        "。其他功能不受影响，可以重新打开文件再试。",
                        ". The rest of the app works; open the file again to retry."
                    )
                ))
                .color(colour),
            );
        }
        if reread.is_some() || !batch.is_checked() {
            if let Some(read) = reread {
                let path = batch.path.clone();
                state.open_library(&path, read, ui.ctx());
            }
            return;
        }
        ui.label(
            RichText::new(summary(
                lang,
                batch.library.messages.len(),
                batch.count(Verdict::Block),
                batch.count(Verdict::Warn),
                batch.count(Verdict::Pass),
            ))
            .strong(),
        );
        let mut export = None;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("结论", "Verdict"));
            egui::ComboBox::from_id_salt("filter-verdict")
                .selected_text(
                    batch
                        .filter_verdict
                        .map_or(lang.pick("全部", "All"), |v| lang.verdict(v)),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut batch.filter_verdict, None, lang.pick("全部", "All"));
                    for v in [Verdict::Block, Verdict::Warn, Verdict::Pass] {
                        ui.selectable_value(&mut batch.filter_verdict, Some(v), lang.verdict(v));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(lang.pick("类别", "Category"));
            egui::ComboBox::from_id_salt("filter-category")
                .selected_text(
                    batch
                        .filter_category
                        .map_or(lang.pick("全部", "All"), |c| lang.category(c)),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut batch.filter_category, None, lang.pick("全部", "All"));
                    for c in Category::ALL {
                        ui.selectable_value(&mut batch.filter_category, Some(c), lang.category(c));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(lang.pick("搜索", "Search"));
            ui.add(egui::TextEdit::singleline(&mut batch.search).desired_width(160.0))
                .labelled_by(label.id);
            ui.separator();
            if ui
                .button(lang.pick("导出报告 CSV", "Export report (CSV)"))
                .clicked()
            {
                export = Some(Export::ReportCsv);
            }
            if ui
                .button(lang.pick("导出报告 JSON", "Export report (JSON)"))
                .clicked()
            {
                export = Some(Export::ReportJson);
            }
            if ui
                .button(lang.pick("导出修正后的话术库", "Export fixed library"))
                .clicked()
            {
                export = Some(Export::Fixed);
            }
        });
        let mut confirmed = None;
        if let Some(path) = batch.confirm_overwrite.clone() {
            ui.horizontal(|ui| {
                ui.colored_label(
                    marking(Severity::Block, ui.visuals().dark_mode).strong,
                    format!(
                        "{} {}",
                        lang.pick("要覆盖原文件吗？", "Overwrite the input file?"),
                        path.display()
                    ),
                );
                if ui.button(lang.pick("覆盖", "Overwrite")).clicked() {
                    confirmed = Some(path.clone());
                }
                if ui.button(lang.pick("不覆盖", "Keep it")).clicked() {
                    batch.confirm_overwrite = None;
                }
            });
        }
        let open_row = table(ui, batch, lang);
        if let Some(path) = confirmed {
            state.write_fixed(&path, true);
        }
        if let Some(kind) = export {
            state.export(kind);
        }
        if let Some(row) = open_row {
            state.open_row(row);
        }
    }
}

pub fn summary(lang: UiLang, total: usize, block: usize, warn: usize, pass: usize) -> String {
    match lang {
        UiLang::Zh => format!("共 {total} 条：{block} 会被判导流，{warn} 有风险，{pass} 可以发送"),
        UiLang::En => format!("{total} messages: {block} block, {warn} warn, {pass} pass"),
    }
}

/// The results table, one row per visible message; returns a row to open.
fn table(ui: &mut egui::Ui, batch: &mut super::batch::Batch, lang: UiLang) -> Option<usize> {
    let rows = batch.visible_rows();
    let mut open = None;
    ui.horizontal(|ui| {
        use super::batch::SortKey;
        ui.label(lang.pick("排序：", "Sort:"));
        for (key, zh, en) in [
            (SortKey::Row, "行号", "Row"),
            (SortKey::Verdict, "结论", "Verdict"),
            (SortKey::Findings, "问题数", "Findings"),
        ] {
            if ui
                .selectable_label(batch.sort == key, lang.pick(zh, en))
                .clicked()
            {
                if batch.sort == key {
                    batch.descending = !batch.descending;
                } else {
                    batch.sort = key;
                    batch.descending = false;
                }
            }
        }
        ui.label(RichText::new(format!("{} / {}", rows.len(), batch.results.len())).weak());
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::both()
        .id_salt("batch-table")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            egui::Grid::new("batch-grid")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    let headers = [
                        ("行", "Row"),
                        ("编号", "Id"),
                        ("结论", "Verdict"),
                        ("问题", "Findings"),
                        ("首个风险", "First risk"),
                        ("原文", "Original"),
                        ("改写", "Rewrite"),
                    ];
                    for (zh, en) in headers {
                        ui.label(RichText::new(lang.pick(zh, en)).strong());
                    }
                    ui.end_row();
                    for &i in &rows[range] {
                        let (m, c) = (&batch.library.messages[i], &batch.results[i]);
                        if ui
                            .button(format!("{} {}", lang.pick("打开", "Open"), m.location))
                            .clicked()
                        {
                            open = Some(i);
                        }
                        ui.label(&m.id);
                        ui.label(
                            RichText::new(lang.verdict(c.report.verdict))
                                .strong()
                                .color(verdict_colour(c.report.verdict)),
                        );
                        ui.label(report_counts(lang, &c.report));
                        let first = c
                            .report
                            .findings
                            .iter()
                            .max_by_key(|f| (f.severity, std::cmp::Reverse(f.start)));
                        match first {
                            Some(f) => ui.label(
                                RichText::new(f.text.replace('\n', "⏎"))
                                    .color(marking(f.severity, dark).strong),
                            ),
                            None => ui.label(""),
                        };
                        ui.label(shorten(&m.text, 40));
                        if c.rewrite.changed() {
                            ui.label(shorten(&c.rewrite.text, 40));
                        } else {
                            ui.label(RichText::new(lang.pick("无需改写", "No change")).weak());
                        }
                        ui.end_row();
                    }
                });
        });
    open
}

fn report_counts(lang: UiLang, report: &dmlint::Report) -> String {
    dmlint::library::report::count_categories(report)
        .iter()
        .map(|(c, n)| format!("{} {n}", lang.category(*c)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn shorten(text: &str, chars: usize) -> String {
    let one_line = text.replace('\n', " ");
    if one_line.chars().count() <= chars {
        one_line
    } else {
        one_line.chars().take(chars).collect::<String>() + "…"
    }
}

/// For tests and the status line: the view a button switches to.
pub fn view_label(lang: UiLang, view: View) -> &'static str {
    match view {
        View::Check => lang.pick("检查", "Check"),
        View::Batch => lang.pick("批量检查", "Batch"),
        View::Rules => lang.pick("规则", "Rules"),
        View::Training => lang.pick("培训", "Training"),
        View::Handbook => lang.pick("手册", "Handbook"),
    }
}
