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
    // Click the tokens that hold what the engine finds, as an operator would.
    let exercise = harness.state().state.training.exercise().unwrap().clone();
    let report = exercise.report(&harness.state().state.rules.checker);
    assert!(report.findings.len() >= 2);
    for (range, token) in crate::app::training::tokens(&exercise.text) {
        if report
            .findings
            .iter()
            .any(|f| f.start < range.end && range.start < f.end)
        {
            harness.get_by_label(&token).click();
            harness.run();
        }
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
