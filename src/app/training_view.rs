//! The training view: pick who is practising, pick a lesson, answer its
//! exercises (mark the risky tokens, judge the message, or rewrite it), see
//! what was caught and missed with each rule's explanation and the compliant
//! rewrite, and end with a score and the rules to review.

use std::ops::Range;

use dmlint::training::{Feedback, Task};
use dmlint::{Report, Severity, Verdict};
use egui::RichText;

use super::derived::{self, Memo};
use super::errors::Said;
use super::i18n::UiLang;
use super::state::AppState;
use super::style::marking;
use super::training::Answer;

#[derive(Default)]
pub struct TrainingView {
    /// The check of the operator's rewrite, as it stands.
    live: LiveCheck,
    /// A find exercise's message, cut into tokens to mark.
    find: FindState,
}

/// A rewrite attempt's check, keyed by the attempt, the exercise and the rules.
type LiveCheck = Memo<(String, usize, usize, u64), Report>;

#[derive(Default)]
struct FindState {
    /// The tokens of the exercise, keyed by the lesson, the exercise and the
    /// rules (their findings are its words).
    tokens: Memo<(usize, usize, u64), Vec<Range<usize>>>,
    /// A drag under way: the token it started on and the one under the
    /// pointer, as indices into the tokens.
    drag: Option<(usize, usize)>,
}

impl TrainingView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        egui::ScrollArea::vertical()
            .id_salt("training")
            .show(ui, |ui| {
                if state.training.session.is_some() {
                    session(ui, state, &mut self.live, &mut self.find);
                } else {
                    course(ui, state);
                }
            });
    }
}

/// Who is practising, the lessons with their scores, and the export.
fn course(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    ui.heading(lang.pick("新人培训", "Training"));
    ui.label(lang.pick(
        "用真实风格的消息练习平台规则。答案由 dmlint 当场判断，规则更新后练习也跟着变。",
        "Practise the platform's rules on real-looking messages. dmlint judges every answer on the spot, so the drills follow the rules as they change.",
    ));
    ui.add_space(6.0);
    let mut problem = None;
    let mut export = false;
    ui.horizontal_wrapped(|ui| {
        let training = &mut state.training;
        let label = ui.label(lang.pick("学员", "Operator"));
        let names: Vec<String> = training.progress.operators.keys().cloned().collect();
        egui::ComboBox::from_id_salt("operator")
            .selected_text(if training.operator.is_empty() {
                lang.pick("（还没有学员）", "(nobody yet)").to_string()
            } else {
                training.operator.clone()
            })
            .show_ui(ui, |ui| {
                for name in names {
                    ui.selectable_value(&mut training.operator, name.clone(), name);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(new_operator_label(lang));
        ui.add(egui::TextEdit::singleline(&mut training.new_operator).desired_width(140.0))
            .labelled_by(label.id);
        if ui.button(lang.pick("添加学员", "Add operator")).clicked()
            && let Err(e) = training.add_operator()
        {
            problem = Some(e);
        }
        if ui
            .button(lang.pick("导出学习记录 CSV", "Export record (CSV)"))
            .clicked()
        {
            export = true;
        }
    });
    if let Some(e) = problem {
        record_not_saved(state, &e);
    }
    if export {
        state.export_training();
    }
    ui.separator();
    let training = &state.training;
    let record = training.progress.operators.get(&training.operator_name());
    let mut start = None;
    for (index, lesson) in training.course.lessons.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(format!(
                    "{} {}",
                    lang.pick("开始", "Start"),
                    lang.text(&lesson.title)
                ))
                .clicked()
            {
                start = Some(index);
            }
            ui.label(
                RichText::new(format!(
                    "{} · {} {}",
                    task_label(lang, lesson.task),
                    lesson.exercises.len(),
                    lang.pick("题", "exercises")
                ))
                .weak(),
            );
            if let Some(r) = record.and_then(|r| r.lessons.get(&lesson.id)) {
                if !r.unfinished.is_empty() {
                    ui.label(format!(
                        "{} {}/{}",
                        lang.pick("上次做到", "left at"),
                        r.unfinished.len(),
                        lesson.exercises.len()
                    ));
                }
                if r.attempts > 0 {
                    ui.label(format!(
                        "{} {:.0}% · {} {}",
                        lang.pick("最好成绩", "best"),
                        r.best * 100.0,
                        lang.pick("上次练习", "last practised"),
                        r.last_practised
                    ));
                }
            }
        });
    }
    if let Some(record) = record.filter(|r| !r.weak.is_empty()) {
        ui.add_space(6.0);
        let mut weak: Vec<_> = record.weak.iter().collect();
        weak.sort_by(|a, b| b.1.cmp(a.1));
        let names: Vec<String> = weak
            .iter()
            .map(|(c, n)| format!("{} ×{n}", lang.category(**c)))
            .collect();
        ui.label(format!(
            "{} {}",
            lang.pick("薄弱环节：", "Weak spots:"),
            names.join(lang.pick("、", ", "))
        ));
    }
    if let Some(index) = start {
        state.training.start(index);
    }
}

/// The exercise under way, its feedback, or the lesson's result.
fn session(
    ui: &mut egui::Ui,
    state: &mut AppState,
    live: &mut LiveCheck,
    find_state: &mut FindState,
) {
    let lang = state.settings.lang;
    let (Some(lesson), Some(session)) = (state.training.lesson(), &state.training.session) else {
        return;
    };
    ui.heading(lang.text(&lesson.title));
    if let Some(result) = &session.result {
        let review: Vec<String> = result.review.clone();
        ui.label(
            RichText::new(format!(
                "{} {:.0}%",
                lang.pick("本课得分", "Lesson score"),
                result.score * 100.0
            ))
            .heading(),
        );
        if review.is_empty() {
            ui.label(lang.pick(
                "全部答对，没有要复习的规则。",
                "All right: nothing to review.",
            ));
        } else {
            ui.label(RichText::new(lang.pick("需要复习的规则：", "Rules to review:")).strong());
            let checker = std::sync::Arc::clone(&state.rules.checker);
            for id in &review {
                match checker.rule_named(id) {
                    Some(rule) => {
                        ui.label(format!("{}：{}", lang.rule(rule), lang.text(&rule.message)))
                    }
                    None => ui.label(id),
                };
            }
        }
        if ui.button(back_label(lang)).clicked() {
            state.training.session = None;
        }
        return;
    }
    let total = lesson.exercises.len();
    let task = lesson.task;
    let intro = lang.text(&lesson.intro).to_string();
    ui.label(RichText::new(intro).weak());
    ui.label(format!(
        "{} {} / {} · {}",
        lang.pick("第", "Exercise"),
        session.exercise + 1,
        total,
        lang.context(
            state
                .training
                .exercise()
                .map(|e| e.context)
                .unwrap_or_default()
        )
    ));
    ui.add_space(6.0);
    match task {
        Task::Find => find(ui, state, find_state),
        Task::Judge => judge(ui, state),
        Task::Rewrite => rewrite(ui, state, live),
    }
    let feedback = state
        .training
        .session
        .as_ref()
        .and_then(|s| s.feedback.clone());
    if let Some(feedback) = feedback {
        ui.separator();
        show_feedback(ui, lang, task, &feedback);
        if ui.button(next_label(lang)).clicked()
            && let Err(e) = state.training.next()
        {
            record_not_saved(state, &e);
        }
    }
    ui.add_space(8.0);
    if ui
        .button(lang.pick("退出本课（保留进度）", "Leave the lesson (progress kept)"))
        .clicked()
        && let Err(e) = state.training.leave()
    {
        record_not_saved(state, &e);
    }
}

fn record_not_saved(state: &mut AppState, e: &dmlint::json_file::StoreError) {
    let e = Said::store(e);
    state.notify(
        format!("无法保存学习记录：{}", e.zh),
        format!("Cannot save the training record: {}", e.en),
        true,
    );
}

/// The message as tokens to mark: a click marks the token under the pointer
/// (or takes its mark off), a drag marks every token it goes over. After the
/// answer, the tokens are coloured by outcome.
fn find(ui: &mut egui::Ui, state: &mut AppState, find_state: &mut FindState) {
    let lang = state.settings.lang;
    let (Some(exercise), Some(session)) = (
        state.training.exercise().cloned(),
        state.training.session.as_ref(),
    ) else {
        return;
    };
    let feedback = session.feedback.clone();
    let marks = session.marks.clone();
    let checker = std::sync::Arc::clone(&state.rules.checker);
    let key = (session.lesson, session.exercise, state.rules.generation);
    let tokens = find_state
        .tokens
        .get(key, |_| {
            let report = derived::check(&checker, &exercise.text, &exercise.options());
            exercise.tokens(&report)
        })
        .clone();
    ui.label(lang.pick(
        "点出会被判导流或可能被误判的词：点一下标出整个词或号码（再点一次取消），也可以拖过几个词一起标，然后提交。",
        "Mark every token that will be judged or may be flagged: a click marks the whole word or number (click again to undo), a drag marks every token it goes over. Then submit.",
    ));
    let dark = ui.visuals().dark_mode;
    let chars: Vec<char> = exercise.text.chars().collect();
    let dragged_over = find_state
        .drag
        .filter(|_| feedback.is_none())
        .map(|(from, to)| from.min(to)..=from.max(to));
    let mut clicked = None;
    let mut dragging = None;
    let mut dropped = None;
    let mut rects = Vec::with_capacity(tokens.len());
    ui.horizontal_wrapped(|ui| {
        // The message reads as the merchant wrote it: no gaps between tokens.
        ui.spacing_mut().item_spacing.x = 0.0;
        ui.spacing_mut().button_padding.x = 0.0;
        let mut at = 0;
        for (index, range) in tokens.iter().enumerate() {
            between(ui, &chars[at..range.start]);
            at = range.end;
            let token: String = chars[range.clone()].iter().collect();
            let marked = marks.contains(range);
            let mut text = RichText::new(token).size(18.0);
            // Once answered, the colour tells the outcome instead of the mark:
            // green caught, red missed, struck through marked for nothing.
            let selected = match &feedback {
                None => marked || dragged_over.as_ref().is_some_and(|d| d.contains(&index)),
                Some(f) => {
                    let in_finding = |list: &[dmlint::Finding]| {
                        list.iter()
                            .any(|x| x.start < range.end && range.start < x.end)
                    };
                    if in_finding(&f.missed) {
                        text = text.background_color(marking(Severity::Block, dark).background);
                    } else if in_finding(&f.caught) {
                        text = text.background_color(super::style::inserted(dark));
                    } else if marked {
                        text = text.strikethrough().weak();
                    }
                    false
                }
            };
            let response = ui
                .add(egui::Button::selectable(selected, text).sense(egui::Sense::click_and_drag()));
            if response.clicked() {
                clicked = Some(index);
            }
            if response.dragged() {
                dragging = Some(index);
            }
            if response.drag_stopped() {
                dropped = Some(index);
            }
            rects.push(response.rect);
        }
        between(ui, &chars[at..]);
    });
    if feedback.is_none() {
        // The token nearest the pointer is where a drag is.
        let under = ui.input(|i| i.pointer.latest_pos()).and_then(|pointer| {
            (0..rects.len()).min_by(|&a, &b| {
                let distance = |i: usize| rects[i].distance_sq_to_pos(pointer);
                distance(a).total_cmp(&distance(b))
            })
        });
        if let Some(from) = dropped {
            let to = under.or(find_state.drag.map(|(_, to)| to)).unwrap_or(from);
            let span = from.min(to)..=from.max(to);
            state.training.mark_span(&tokens[span]);
            find_state.drag = None;
        } else if let Some(from) = dragging {
            let to = under.unwrap_or(from);
            if find_state.drag != Some((from, to)) {
                find_state.drag = Some((from, to));
                ui.ctx().request_repaint();
            }
        } else {
            find_state.drag = None;
        }
        if let Some(index) = clicked {
            state.training.toggle_mark(tokens[index].clone());
        }
    } else {
        find_state.drag = None;
    }
    if feedback.is_some() {
        ui.label(
            RichText::new(lang.pick(
                "绿色：你找到的；红色：你漏掉的；划线：标了但没有风险的。",
                "Green: caught; red: missed; struck through: marked but carries no risk.",
            ))
            .small()
            .weak(),
        );
    }
    if feedback.is_none() && ui.button(submit_label(lang)).clicked() {
        state.training.answer(&checker, Answer::Marks);
    }
}

/// The text between two tokens (spaces, punctuation, emoji): shown, never
/// marked.
fn between(ui: &mut egui::Ui, chars: &[char]) {
    let mut lines = chars.split(|c| *c == '\n');
    if let Some(first) = lines.next()
        && !first.is_empty()
    {
        ui.label(RichText::new(first.iter().collect::<String>()).size(18.0));
    }
    for line in lines {
        ui.end_row();
        if !line.is_empty() {
            ui.label(RichText::new(line.iter().collect::<String>()).size(18.0));
        }
    }
}

/// The message and three verdicts to choose from.
fn judge(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.settings.lang;
    let Some(exercise) = state.training.exercise().cloned() else {
        return;
    };
    ui.label(RichText::new(&exercise.text).size(18.0));
    ui.add_space(4.0);
    let feedback = state
        .training
        .session
        .as_ref()
        .and_then(|s| s.feedback.as_ref());
    let picked = feedback.and_then(|f| f.judged);
    let mut choice = None;
    ui.horizontal(|ui| {
        for verdict in [Verdict::Block, Verdict::Warn, Verdict::Pass] {
            // Once answered, the pick stays marked beside the right answer.
            let button = egui::Button::new(lang.verdict(verdict)).selected(picked == Some(verdict));
            if ui.add_enabled(feedback.is_none(), button).clicked() {
                choice = Some(verdict);
            }
        }
    });
    if let (Some(feedback), Some(picked)) = (feedback, picked) {
        ui.label(format!(
            "{}{} · {}{}",
            lang.pick("你的判断：", "Your answer: "),
            lang.verdict(picked),
            lang.pick("正确答案：", "the right one: "),
            lang.verdict(feedback.verdict)
        ));
    }
    if let Some(verdict) = choice {
        let checker = std::sync::Arc::clone(&state.rules.checker);
        state.training.answer(&checker, Answer::Verdict(verdict));
    }
}

/// The operator's version, checked as they type.
fn rewrite(ui: &mut egui::Ui, state: &mut AppState, live: &mut LiveCheck) {
    let lang = state.settings.lang;
    let Some(exercise) = state.training.exercise().cloned() else {
        return;
    };
    ui.label(RichText::new(&exercise.text).size(18.0));
    let checker = std::sync::Arc::clone(&state.rules.checker);
    let Some(session) = &mut state.training.session else {
        return;
    };
    let label = ui.label(rewrite_label(lang));
    ui.add(
        egui::TextEdit::multiline(&mut session.attempt)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let key = (
        session.attempt.clone(),
        session.lesson,
        session.exercise,
        state.rules.generation,
    );
    let live = live.get(key, |(attempt, ..)| {
        derived::check(&checker, attempt, &exercise.options())
    });
    let colour = super::style::verdict_colour(live.verdict);
    ui.label(
        RichText::new(format!(
            "{}：{}",
            lang.pick("你的版本", "Your version"),
            lang.verdict(live.verdict)
        ))
        .color(colour),
    );
    for f in live
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
    {
        ui.label(format!("  {}：{}", f.text, f.message));
    }
    if session.feedback.is_none() && ui.button(submit_label(lang)).clicked() {
        state.training.answer(&checker, Answer::Rewrite);
    }
}

/// What was caught and missed, each with its rule's reason, and the rewrite.
fn show_feedback(ui: &mut egui::Ui, lang: UiLang, task: Task, feedback: &Feedback) {
    let (title, colour) = if feedback.passed() {
        (lang.pick("答对了", "Right"), Verdict::Pass)
    } else {
        (lang.pick("还差一点", "Not quite"), Verdict::Block)
    };
    ui.label(
        RichText::new(format!(
            "{title} · {} {:.0}%",
            lang.pick("得分", "score"),
            feedback.score * 100.0
        ))
        .strong()
        .color(super::style::verdict_colour(colour)),
    );
    if task == Task::Judge {
        ui.label(format!(
            "{} {}",
            lang.pick("dmlint 的判断：", "dmlint says:"),
            lang.verdict(feedback.verdict)
        ));
    }
    let list = |ui: &mut egui::Ui, title: &str, findings: &[dmlint::Finding]| {
        if findings.is_empty() {
            return;
        }
        ui.label(RichText::new(title).strong());
        for f in findings {
            ui.label(format!(
                "  {} · {}：{}",
                f.text,
                lang.category(f.category),
                f.message
            ));
        }
    };
    match task {
        Task::Find => {
            let (caught, wanted) = (
                feedback.caught.len(),
                feedback.caught.len() + feedback.missed.len(),
            );
            let stray = feedback.wrong_marks.len();
            ui.label(match lang {
                UiLang::Zh => {
                    format!("找到 {caught}/{wanted} 处风险 · 误标 {stray} 个没有风险的词")
                }
                UiLang::En => {
                    format!("{caught} of {wanted} risks caught · {stray} harmless token(s) marked")
                }
            });
            list(ui, lang.pick("你找到了：", "You caught:"), &feedback.caught);
            list(ui, lang.pick("你漏掉了：", "You missed:"), &feedback.missed);
        }
        Task::Judge | Task::Rewrite => {
            let all: Vec<dmlint::Finding> = feedback
                .caught
                .iter()
                .chain(&feedback.missed)
                .cloned()
                .collect();
            list(
                ui,
                lang.pick("这条消息里的风险：", "The risks in this message:"),
                &all,
            );
        }
    }
    if let Some(attempt) = &feedback.attempt {
        let blocking: Vec<&dmlint::Finding> = attempt
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Block)
            .collect();
        if !blocking.is_empty() {
            ui.label(
                RichText::new(lang.pick(
                    "你的版本里还会被判导流：",
                    "Still blocking in your version:",
                ))
                .strong(),
            );
            for f in blocking {
                ui.label(format!("  {}：{}", f.text, f.message));
            }
        }
    }
    if feedback.rewrite.changed() {
        ui.label(
            RichText::new(lang.pick("dmlint 的合规改写：", "dmlint's compliant rewrite:")).strong(),
        );
        ui.label(&feedback.rewrite.text);
    }
}

fn task_label(lang: UiLang, task: Task) -> &'static str {
    match task {
        Task::Find => lang.pick("找出风险词", "Find the risky tokens"),
        Task::Judge => lang.pick("判断会不会被判导流", "Will it be judged?"),
        Task::Rewrite => lang.pick("改写成合规版本", "Rewrite it"),
    }
}

pub fn new_operator_label(lang: UiLang) -> &'static str {
    lang.pick("新学员姓名", "New operator's name")
}

pub fn submit_label(lang: UiLang) -> &'static str {
    lang.pick("提交", "Submit")
}

pub fn next_label(lang: UiLang) -> &'static str {
    lang.pick("下一题", "Next")
}

pub fn back_label(lang: UiLang) -> &'static str {
    lang.pick("返回课程", "Back to the lessons")
}

pub fn rewrite_label(lang: UiLang) -> &'static str {
    lang.pick("你的改写", "Your rewrite")
}
