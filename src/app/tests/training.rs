//! The training view: find, judge and rewrite exercises, and the record.

use super::*;

#[test]
fn a_find_exercise_is_answered_scored_and_the_lesson_recorded() {
    use crate::app::training_view::{back_label, new_operator_label, next_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("training.json");
    let mut harness = training_harness(&record);
    harness.get_by_label(new_operator_label(UiLang::Zh)).click();
    harness.run();
    harness
        .get_by_label(new_operator_label(UiLang::Zh))
        .type_text("小王");
    harness.run();
    harness.get_by_label("添加学员").click();
    harness.run();
    harness.get_by_label_contains("开始 联系方式").click();
    harness.run();
    // Click the tokens that hold what the engine finds, as an operator would:
    // 薇信 and meimei_0812, a click each.
    let risky = risky_tokens(&harness);
    assert_eq!(risky, ["薇信", "meimei_0812"]);
    for token in &risky {
        harness.get_by_label(token).click();
        harness.run();
    }
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("答对了 · 得分 100%");
    harness.get_by_label_contains("dmlint 的合规改写");
    // The rest of the lesson unanswered: they count as misses.
    for _ in 1..10 {
        harness.get_by_label(next_label(UiLang::Zh)).click();
        harness.run();
        harness.get_by_label(submit_label(UiLang::Zh)).click();
        harness.run();
        harness.get_by_label_contains("你漏掉了");
    }
    harness.get_by_label(next_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("本课得分 10%");
    harness.get_by_label_contains("需要复习的规则");
    let saved = dmlint::training::Progress::load(&record).unwrap();
    let lesson = &saved.operators["小王"].lessons["contacts"];
    assert_eq!((lesson.attempts, lesson.best), (1, 0.1));
    assert!(!saved.operators["小王"].weak.is_empty());
    harness.get_by_label(back_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("最好成绩 10%");
}

#[test]
fn a_judge_exercise_is_scored_against_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 站外平台与链接").click();
    harness.run();
    // "京东旗舰店有售，搜「贝洁口腔」即可": a destination, so it blocks.
    harness.get_by_label("会被判导流").click();
    harness.run();
    harness.get_by_label_contains("答对了");
    harness.get_by_label_contains("dmlint 的判断： 会被判导流");
    harness
        .get_by_label(crate::app::training_view::next_label(UiLang::Zh))
        .click();
    harness.run();
    // "京东的物流确实快": a topic; saying it blocks is wrong.
    harness.get_by_label("会被判导流").click();
    harness.run();
    harness.get_by_label_contains("还差一点");
    // The pick stays in view beside the right answer.
    harness.get_by_label_contains("你的判断：会被判导流 · 正确答案：");
}

#[test]
fn a_rewrite_is_checked_live_and_scored() {
    use crate::app::training_view::{rewrite_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 合规改写").click();
    harness.run();
    harness.get_by_label_contains("你的版本：会被判导流");
    harness.get_by_label(rewrite_label(UiLang::Zh)).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label(rewrite_label(UiLang::Zh))
        .type_text("欢迎咨询安居置业！这边消息不常看，有事请点击下方名片咨询。");
    harness.run();
    harness.get_by_label_contains("你的版本：可以发送");
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("答对了 · 得分 100%");
}

/// A rewrite that passes the check but throws the message away scores
/// nothing: 「好的」 keeps none of it and names no card.
#[test]
fn a_rewrite_that_drops_the_message_scores_nothing() {
    use crate::app::training_view::{rewrite_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 合规改写").click();
    harness.run();
    harness.get_by_label(rewrite_label(UiLang::Zh)).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label(rewrite_label(UiLang::Zh))
        .type_text("好的");
    harness.run();
    harness.get_by_label_contains("你的版本：可以发送");
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("得分 0%");
    assert!(harness.query_by_label_contains("得分 100%").is_none());
}

/// A lesson left part-way keeps what was answered: the record says where it
/// stopped, and starting it again resumes at the next exercise.
#[test]
fn a_lesson_left_part_way_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("training.json");
    let mut harness = training_harness(&record);
    harness.get_by_label_contains("开始 站外平台与链接").click();
    harness.run();
    harness.get_by_label("会被判导流").click();
    harness.run();
    harness.get_by_label("退出本课（保留进度）").click();
    harness.run();
    harness.get_by_label_contains("上次做到 1/");
    let saved = dmlint::training::Progress::load(&record).unwrap();
    let unfinished: Vec<usize> = saved
        .operators
        .values()
        .flat_map(|o| o.lessons.values())
        .map(|l| l.unfinished.len())
        .collect();
    assert_eq!(unfinished, [1]);
    harness.get_by_label_contains("开始 站外平台与链接").click();
    harness.run();
    let session = harness.state().state.training.session.as_ref().unwrap();
    assert_eq!((session.exercise, session.earlier.len()), (1, 1));
}

/// The tokens of the exercise under way that overlap what it asks for.
fn risky_tokens(harness: &Harness<'_, DmlintApp>) -> Vec<String> {
    let exercise = harness.state().state.training.exercise().unwrap().clone();
    let report = exercise.report(&harness.state().state.rules.checker);
    exercise
        .tokens(&report)
        .into_iter()
        .filter(|t| {
            report
                .findings
                .iter()
                .any(|f| f.severity >= dmlint::Severity::Warn && f.start < t.end && t.start < f.end)
        })
        .map(|t| exercise.text.chars().skip(t.start).take(t.len()).collect())
        .collect()
}

/// The marks of the exercise under way, as the text they cover.
fn marked(harness: &Harness<'_, DmlintApp>) -> Vec<String> {
    let training = &harness.state().state.training;
    let text = &training.exercise().unwrap().text;
    let mut marks = training.session.as_ref().unwrap().marks.clone();
    marks.sort_by_key(|m| m.start);
    marks
        .iter()
        .map(|m| text.chars().skip(m.start).take(m.len()).collect())
        .collect()
}

/// The contacts lesson, at its exercise `index` (from 0), for 小王.
fn contacts_at(index: usize) -> (tempfile::TempDir, Harness<'static, DmlintApp>) {
    use crate::app::training_view::{next_label, submit_label};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = training_harness(&dir.path().join("training.json"));
    harness.get_by_label_contains("开始 联系方式").click();
    harness.run();
    for _ in 0..index {
        harness.get_by_label(submit_label(UiLang::Zh)).click();
        harness.run();
        harness.get_by_label(next_label(UiLang::Zh)).click();
        harness.run();
    }
    (dir, harness)
}

/// The phone number: thirteen chars, one click; the score counts
/// tokens, not chars.
#[test]
fn one_click_marks_a_whole_number_and_the_score_counts_tokens() {
    use crate::app::training_view::submit_label;
    // "急单可以直接打我电话 ①③⑧ 〇〇一三 八〇〇〇，晚上也接"
    let (_dir, mut harness) = contacts_at(1);
    let phone = "①③⑧ 〇〇一三 八〇〇〇";
    harness.get_by_label(phone).click();
    harness.run();
    assert_eq!(marked(&harness), [phone]);
    // A click again takes the mark off, and one more puts it back.
    harness.get_by_label(phone).click();
    harness.run();
    assert!(marked(&harness).is_empty());
    harness.get_by_label(phone).click();
    harness.run();
    // One stray mark: 晚, a harmless char.
    harness.get_by_label("晚").click();
    harness.run();
    assert_eq!(marked(&harness), [phone, "晚"]);
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    // Half the risks caught, 11 of the 12 harmless tokens left alone: 46%
    // (per char it was 17%).
    harness.get_by_label_contains("还差一点 · 得分 46%");
    harness.get_by_label_contains("找到 1/2 处风险 · 误标 1 个没有风险的词");
    harness.get_by_label_contains("你漏掉了");
    // Answered: clicks mark nothing more.
    harness.get_by_label("晚").click();
    harness.run();
    assert_eq!(marked(&harness), [phone, "晚"]);
}

/// A drag from one token to another marks every token between them; a
/// drag back over marked tokens takes their marks off.
#[test]
fn a_drag_marks_the_tokens_it_goes_over() {
    use crate::app::training_view::submit_label;
    // "欢迎光临栖月美学～预约请加薇信：meimei_0812"
    let (_dir, mut harness) = contacts_at(0);
    let drag = |harness: &mut Harness<'_, DmlintApp>, from: &str, to: &str| {
        let (from, to) = (
            harness.get_by_label(from).rect().center(),
            harness.get_by_label(to).rect().center(),
        );
        harness.drag_at(from);
        harness.run();
        harness.hover_at(egui::pos2((from.x + to.x) / 2.0, to.y));
        harness.run();
        harness.hover_at(to);
        harness.run();
        harness.drop_at(to);
        harness.run();
    };
    drag(&mut harness, "请", "meimei_0812");
    assert_eq!(marked(&harness), ["请", "加", "薇信", "meimei_0812"]);
    // Dragged back over 请 and 加, marked already: their marks come off.
    drag(&mut harness, "加", "请");
    assert_eq!(marked(&harness), ["薇信", "meimei_0812"]);
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("答对了 · 得分 100%");
}

/// Marking every token of the message scores nothing.
#[test]
fn marking_every_token_scores_nothing() {
    use crate::app::training_view::submit_label;
    let (_dir, mut harness) = contacts_at(0);
    let first = "欢";
    let last = "meimei_0812";
    let (from, to) = (
        harness.get_by_label(first).rect().center(),
        harness.get_by_label(last).rect().center(),
    );
    harness.drag_at(from);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
    assert_eq!(marked(&harness).len(), 14);
    harness.get_by_label(submit_label(UiLang::Zh)).click();
    harness.run();
    harness.get_by_label_contains("得分 0%");
    harness.get_by_label_contains("找到 2/2 处风险 · 误标 12 个没有风险的词");
}

/// A find exercise cuts its message once: idle frames and clicks run no
/// check.
#[test]
fn a_find_exercise_runs_no_check_while_marking() {
    let (_dir, mut harness) = contacts_at(0);
    assert_eq!(checks_during(&mut harness, idle_frames), 0);
    let checks = checks_during(&mut harness, |h| {
        h.get_by_label("薇信").click();
        h.run();
    });
    assert_eq!(checks, 0);
}
