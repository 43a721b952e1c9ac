//! Training for new operators: lessons of real-looking messages
//! (`assets/training/*.json`), answers scored by the engine itself, and a
//! record of each operator's progress.
//!
//! Nothing here stores an expected answer: what an exercise's risky tokens and
//! verdict are comes from running the checker, so the course stays right when
//! the rules change. [`Course::problems`] checks that every exercise still
//! teaches what its lesson says.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use crate::json_file::{self, StoreError};

use serde::{Deserialize, Serialize};

use crate::rewrite::{CardPhrases, Rewrite, rewrite};
use crate::rules::{Bilingual, Category, Context};
use crate::{CheckOptions, Checker, Finding, Report, Severity, Verdict};

/// The lessons compiled into the binary.
const BUILTIN_LESSONS: &[(&str, &str)] = &[
    (
        "assets/training/contacts.json",
        include_str!("../assets/training/contacts.json"),
    ),
    (
        "assets/training/platforms.json",
        include_str!("../assets/training/platforms.json"),
    ),
    (
        "assets/training/hints.json",
        include_str!("../assets/training/hints.json"),
    ),
    (
        "assets/training/screening.json",
        include_str!("../assets/training/screening.json"),
    ),
    (
        "assets/training/english.json",
        include_str!("../assets/training/english.json"),
    ),
    (
        "assets/training/rewrite.json",
        include_str!("../assets/training/rewrite.json"),
    ),
    (
        "assets/training/claims.json",
        include_str!("../assets/training/claims.json"),
    ),
];

/// What the operator does with each message of a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Mark every token that will be judged or may be flagged.
    Find,
    /// Say whether the message blocks, warns or passes.
    Judge,
    /// Write a version that can be sent.
    Rewrite,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub context: Context,
    pub text: String,
    /// A hard negative: the lesson's words appear only as a topic, and
    /// nothing blocks.
    #[serde(default)]
    pub negative: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub order: u32,
    pub title: Bilingual,
    pub intro: Bilingual,
    pub task: Task,
    /// The categories the lesson is about.
    pub shows: Vec<Category>,
    pub exercises: Vec<Exercise>,
}

/// All lessons, in order.
#[derive(Debug, Clone)]
pub struct Course {
    pub lessons: Vec<Lesson>,
}

impl Course {
    /// The built-in lessons. The error names the file and what is wrong.
    pub fn builtin() -> Result<Course, String> {
        let mut lessons = BUILTIN_LESSONS
            .iter()
            .map(|(file, text)| {
                serde_json::from_str::<Lesson>(text).map_err(|e| format!("{file}: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        lessons.sort_by_key(|l| l.order);
        Ok(Course { lessons })
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    pub fn exercise_count(&self) -> usize {
        self.lessons.iter().map(|l| l.exercises.len()).sum()
    }

    /// Exercises that no longer teach what their lesson says, in words: a
    /// lesson's exercise must show one of its categories at the category's
    /// severity (a rewrite exercise must block), and a hard negative must
    /// not block.
    pub fn problems(&self, checker: &Checker) -> Vec<String> {
        let mut problems = Vec::new();
        for lesson in &self.lessons {
            for exercise in &lesson.exercises {
                let report = checker.check(&exercise.text, &exercise.options());
                let shown = report
                    .findings
                    .iter()
                    .any(|f| lesson.shows.contains(&f.category) && f.severity >= Severity::Warn);
                let problem = match (lesson.task, exercise.negative) {
                    (_, true) if report.verdict == Verdict::Block => {
                        Some("is a hard negative but blocks")
                    }
                    (Task::Find, true) if shown => {
                        Some("is a hard negative but shows the lesson's categories")
                    }
                    (_, true) => None,
                    (Task::Rewrite, false) if report.verdict != Verdict::Block => {
                        Some("has nothing that blocks, so nothing to rewrite")
                    }
                    (_, false) if !shown => Some("shows none of the lesson's categories"),
                    _ => None,
                };
                if let Some(problem) = problem {
                    let found: Vec<String> = report
                        .findings
                        .iter()
                        .map(|f| format!("{}:{}", f.category.as_str(), f.text))
                        .collect();
                    problems.push(format!(
                        "{}/{}: {problem} (found: {})",
                        lesson.id,
                        exercise.id,
                        found.join(", ")
                    ));
                }
            }
        }
        problems
    }
}

impl Exercise {
    pub fn options(&self) -> CheckOptions {
        CheckOptions::new(self.context)
    }

    /// What the engine finds in the message: the answer key, made now.
    pub fn report(&self, checker: &Checker) -> Report {
        checker.check(&self.text, &self.options())
    }
}

/// The findings a "find" exercise asks for: everything that blocks or warns.
fn to_find(report: &Report) -> impl Iterator<Item = &Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warn)
}

/// The outcome of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    /// 0.0 to 1.0.
    pub score: f32,
    /// Findings the operator caught (find), or all findings (judge, rewrite:
    /// of the original message).
    pub caught: Vec<Finding>,
    /// Findings the operator missed.
    pub missed: Vec<Finding>,
    /// Marks (char ranges) that cover no finding.
    pub wrong_marks: Vec<Range<usize>>,
    /// The verdict the engine gives the original message.
    pub verdict: Verdict,
    /// For a judge exercise: the verdict the operator picked.
    pub judged: Option<Verdict>,
    /// For a rewrite: what the engine finds in the operator's version.
    pub attempt: Option<Report>,
    /// The engine's own compliant rewrite of the message.
    pub rewrite: Rewrite,
}

impl Feedback {
    pub fn passed(&self) -> bool {
        self.score >= 0.999
    }

    /// The categories the operator got wrong: what they missed, what still
    /// blocks in their rewrite.
    pub fn weak_categories(&self) -> Vec<Category> {
        let mut weak: Vec<Category> = self.missed.iter().map(|f| f.category).collect();
        if let Some(attempt) = &self.attempt {
            weak.extend(
                attempt
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Block)
                    .map(|f| f.category),
            );
        }
        weak.sort();
        weak.dedup();
        weak
    }
}

/// Scores a "find" answer: the marked char ranges against what the engine
/// finds. The score is the share of findings caught, less the share of
/// marks that hit nothing.
pub fn score_find(checker: &Checker, exercise: &Exercise, marks: &[Range<usize>]) -> Feedback {
    let report = exercise.report(checker);
    let overlaps = |f: &Finding, m: &Range<usize>| f.start < m.end && m.start < f.end;
    let (caught, missed): (Vec<Finding>, Vec<Finding>) = to_find(&report)
        .cloned()
        .partition(|f| marks.iter().any(|m| overlaps(f, m)));
    let wrong_marks: Vec<Range<usize>> = marks
        .iter()
        .filter(|m| !to_find(&report).any(|f| overlaps(f, m)))
        .cloned()
        .collect();
    let wanted = caught.len() + missed.len();
    let score = if wanted == 0 {
        if wrong_marks.is_empty() { 1.0 } else { 0.0 }
    } else {
        let hits = caught.len() as f32 / wanted as f32;
        let noise = wrong_marks.len() as f32 / (wanted + wrong_marks.len()) as f32;
        (hits - noise).max(0.0)
    };
    Feedback {
        score,
        caught,
        missed,
        wrong_marks,
        verdict: report.verdict,
        judged: None,
        attempt: None,
        rewrite: engine_rewrite(checker, exercise, &report),
    }
}

/// Scores a "judge" answer against the engine's verdict.
pub fn score_judge(checker: &Checker, exercise: &Exercise, answer: Verdict) -> Feedback {
    let report = exercise.report(checker);
    let right = report.verdict == answer;
    let findings: Vec<Finding> = to_find(&report).cloned().collect();
    let (caught, missed) = if right {
        (findings, Vec::new())
    } else {
        (Vec::new(), findings)
    };
    let score = if right { 1.0 } else { 0.0 };
    Feedback {
        score,
        caught,
        missed,
        wrong_marks: Vec::new(),
        verdict: report.verdict,
        judged: Some(answer),
        attempt: None,
        rewrite: engine_rewrite(checker, exercise, &report),
    }
}

/// Scores a rewrite: nothing in it may block, and it must keep the message's
/// purpose — every clause the engine's rewrite keeps, written as it was — and
/// send the customer to the card. Half the score is the clauses kept, half
/// naming the card; a rewrite that still blocks, or is the original, scores
/// nothing ("好的" alone keeps nothing and names no card).
pub fn score_rewrite(checker: &Checker, exercise: &Exercise, attempt: &str) -> Feedback {
    let report = exercise.report(checker);
    let attempt_report = checker.check(attempt, &exercise.options());
    let changed = attempt.trim() != exercise.text.trim() && !attempt.trim().is_empty();
    let score = if changed && attempt_report.verdict != Verdict::Block {
        let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let attempt_squeezed = squeezed(attempt);
        let clauses = crate::rewrite::clauses_to_keep(checker, &exercise.text, &report);
        let kept = clauses
            .iter()
            .filter(|c| attempt_squeezed.contains(&squeezed(c)))
            .count();
        let kept = if clauses.is_empty() {
            1.0
        } else {
            kept as f32 / clauses.len() as f32
        };
        let lower = attempt.to_lowercase();
        let card = if lower.contains("名片") || lower.contains("contact card") {
            1.0
        } else {
            0.0
        };
        0.5 * kept + 0.5 * card
    } else {
        0.0
    };
    let findings: Vec<Finding> = to_find(&report).cloned().collect();
    Feedback {
        score,
        caught: findings,
        missed: Vec::new(),
        wrong_marks: Vec::new(),
        verdict: report.verdict,
        judged: None,
        attempt: Some(attempt_report),
        rewrite: engine_rewrite(checker, exercise, &report),
    }
}

/// The engine's own compliant rewrite of the exercise, shown as feedback.
fn engine_rewrite(checker: &Checker, exercise: &Exercise, report: &Report) -> Rewrite {
    rewrite(
        checker,
        &exercise.text,
        report,
        &exercise.options(),
        &CardPhrases::default(),
    )
}

/// A finished lesson: the mean score and the rules to review.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonResult {
    pub lesson: String,
    pub score: f32,
    /// Rule ids of what was missed, most often first.
    pub review: Vec<String>,
    pub weak: Vec<Category>,
}

impl LessonResult {
    pub fn new(lesson: &Lesson, answers: &[Feedback]) -> LessonResult {
        let score = if answers.is_empty() {
            0.0
        } else {
            answers.iter().map(|f| f.score).sum::<f32>() / answers.len() as f32
        };
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for f in answers.iter().flat_map(|a| &a.missed) {
            *counts.entry(f.rule.to_string()).or_default() += 1;
        }
        let mut review: Vec<(String, usize)> = counts.into_iter().collect();
        review.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut weak: Vec<Category> = answers.iter().flat_map(|a| a.weak_categories()).collect();
        weak.sort();
        weak.dedup();
        LessonResult {
            lesson: lesson.id.clone(),
            score,
            review: review.into_iter().map(|(rule, _)| rule).collect(),
            weak,
        }
    }
}

/// Every operator's record, stored locally as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub operators: BTreeMap<String, OperatorRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OperatorRecord {
    pub lessons: BTreeMap<String, LessonRecord>,
    /// How often each category was missed, over all lessons.
    pub weak: BTreeMap<Category, u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonRecord {
    pub best: f32,
    pub last: f32,
    pub attempts: u32,
    /// The local date of the last practice, `YYYY-MM-DD`.
    pub last_practised: String,
    /// The scores of the exercises answered in a lesson left part-way: it
    /// resumes after them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unfinished: Vec<f32>,
}

impl Progress {
    /// The record at `path`; an empty one if there is none yet. The error
    /// names the file.
    pub fn load(path: &Path) -> Result<Progress, StoreError> {
        Ok(json_file::load(path)?.unwrap_or_default())
    }

    /// Writes the record through a temporary file, so a crash never leaves
    /// half of it.
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        json_file::save(path, self)
    }

    /// Records a finished lesson for `operator` on `date` (`YYYY-MM-DD`).
    pub fn record(&mut self, operator: &str, result: &LessonResult, date: &str) {
        let record = self.operators.entry(operator.to_string()).or_default();
        let lesson = record.lessons.entry(result.lesson.clone()).or_default();
        lesson.best = lesson.best.max(result.score);
        lesson.last = result.score;
        lesson.attempts += 1;
        lesson.last_practised = date.to_string();
        lesson.unfinished.clear();
        for category in &result.weak {
            *record.weak.entry(*category).or_default() += 1;
        }
    }

    /// Keeps the scores of a lesson left part-way, to resume it after them.
    pub fn leave(&mut self, operator: &str, lesson: &str, scores: Vec<f32>, date: &str) {
        let record = self.operators.entry(operator.to_string()).or_default();
        let lesson = record.lessons.entry(lesson.to_string()).or_default();
        lesson.unfinished = scores;
        lesson.last_practised = date.to_string();
    }

    /// One row per operator and lesson, for the shop owner: CSV that opens
    /// in Excel (UTF-8 with BOM).
    pub fn to_csv(&self, course: &Course) -> String {
        let mut out = String::from(
            "\u{FEFF}operator,lesson,lesson_title,best_score,last_score,attempts,last_practised,weak_categories\n",
        );
        for (name, record) in &self.operators {
            let weak: Vec<&str> = record.weak.keys().map(|c| c.as_str()).collect();
            for lesson in &course.lessons {
                let Some(r) = record.lessons.get(&lesson.id) else {
                    continue;
                };
                let fields = [
                    name.clone(),
                    lesson.id.clone(),
                    lesson.title.zh.clone(),
                    format!("{:.0}%", r.best * 100.0),
                    format!("{:.0}%", r.last * 100.0),
                    r.attempts.to_string(),
                    r.last_practised.clone(),
                    weak.join(" "),
                ];
                let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                out.push_str(&quoted.join(","));
                out.push('\n');
            }
        }
        out
    }
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The handbook's paragraph per category, parsed once: the view asks for
/// the handbook every frame.
static EXPLANATIONS: std::sync::LazyLock<BTreeMap<Category, Bilingual>> =
    std::sync::LazyLock::new(|| {
        serde_json::from_str(include_str!("../assets/training/handbook.json"))
            .expect("the handbook's explanations parse (a test checks)")
    });

/// One category of the rules handbook: what it is about, and its rules.
#[derive(Debug, Clone)]
pub struct HandbookSection<'a> {
    pub category: Category,
    pub explanation: Bilingual,
    pub rules: Vec<&'a crate::rules::Rule>,
}

/// The handbook, generated from the rules in force: every category with its
/// explanation (`assets/training/handbook.json`) and the rules in it.
pub fn handbook(checker: &Checker) -> Vec<HandbookSection<'_>> {
    Category::ALL
        .iter()
        .map(|&category| HandbookSection {
            category,
            explanation: EXPLANATIONS.get(&category).cloned().unwrap_or_default(),
            rules: checker
                .rules()
                .iter()
                .filter(|r| r.category == category)
                .collect(),
        })
        .collect()
}

/// Today's local date, `YYYY-MM-DD`.
pub fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Checker, Course) {
        (Checker::builtin().unwrap(), Course::builtin().unwrap())
    }

    #[test]
    fn the_course_has_sixty_exercises_that_teach_their_lessons() {
        let (checker, course) = setup();
        assert!(course.exercise_count() >= 60, "{}", course.exercise_count());
        for task in [Task::Find, Task::Judge, Task::Rewrite] {
            assert!(course.lessons.iter().any(|l| l.task == task), "{task:?}");
        }
        let problems = course.problems(&checker);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn find_scores_marks_against_the_engine() {
        let (checker, course) = setup();
        let exercise = &course.lesson("contacts").unwrap().exercises[0];
        let wanted: Vec<Range<usize>> = to_find(&exercise.report(&checker))
            .map(|f| f.start..f.end)
            .collect();
        assert!(wanted.len() >= 2, "{wanted:?}");
        assert!(score_find(&checker, exercise, &wanted).passed());
        let half = score_find(&checker, exercise, &wanted[..1]);
        assert!(half.score < 1.0 && half.score > 0.0, "{}", half.score);
        assert_eq!(half.missed.len(), wanted.len() - 1);
        let mut marks = wanted.clone();
        let nothing_there = 0..2;
        marks.push(nothing_there.clone());
        let noisy = score_find(&checker, exercise, &marks);
        assert_eq!(noisy.wrong_marks.len(), 1);
        assert_eq!(noisy.wrong_marks[0], nothing_there);
        assert!(noisy.score < 1.0);
    }

    #[test]
    fn judge_and_rewrite_are_scored_by_the_engine() {
        let (checker, course) = setup();
        let judge = course.lesson("platforms").unwrap();
        let topic = judge.exercises.iter().find(|e| e.negative).unwrap();
        assert!(!score_judge(&checker, topic, Verdict::Block).passed());
        let right = exercise_verdict(&checker, topic);
        assert!(score_judge(&checker, topic, right).passed());

        let lesson = course.lesson("rewrite").unwrap();
        let exercise = &lesson.exercises[0];
        let unchanged = score_rewrite(&checker, exercise, &exercise.text);
        assert!(!unchanged.passed());
        assert!(unchanged.weak_categories().contains(&Category::Phone));
        let fixed = score_rewrite(
            &checker,
            exercise,
            "欢迎咨询安居置业！这边消息不常看，有事请点击下方名片咨询。",
        );
        assert!(fixed.passed(), "{:?}", fixed.attempt);
        assert!(fixed.rewrite.text.contains("名片"));
        // Compliant but empty: it keeps nothing of the message, names no card.
        assert_eq!(score_rewrite(&checker, exercise, "好的").score, 0.0);
        // The card alone, the merchant's own sentences lost.
        let bare = score_rewrite(&checker, exercise, "有事请点击下方名片咨询。");
        assert!(!bare.passed() && bare.score > 0.0, "{}", bare.score);
        // The engine's own rewrite of every exercise passes.
        for exercise in &lesson.exercises {
            let report = exercise.report(&checker);
            let engine = engine_rewrite(&checker, exercise, &report).text;
            let feedback = score_rewrite(&checker, exercise, &engine);
            assert!(feedback.passed(), "{engine:?}: {}", feedback.score);
        }
    }

    fn exercise_verdict(checker: &Checker, exercise: &Exercise) -> Verdict {
        exercise.report(checker).verdict
    }

    #[test]
    fn the_handbook_explains_every_category_and_lists_its_rules() {
        let (checker, _) = setup();
        let sections = handbook(&checker);
        assert_eq!(sections.len(), Category::ALL.len());
        for section in &sections {
            assert!(!section.explanation.zh.is_empty(), "{:?}", section.category);
            assert!(!section.explanation.en.is_empty(), "{:?}", section.category);
            assert!(
                !section.rules.is_empty(),
                "{:?} has no rule",
                section.category
            );
        }
    }

    #[test]
    fn progress_records_lessons_and_exports_csv() {
        let (checker, course) = setup();
        let lesson = course.lesson("contacts").unwrap();
        let answers: Vec<Feedback> = lesson
            .exercises
            .iter()
            .map(|e| score_find(&checker, e, &[]))
            .collect();
        let result = LessonResult::new(lesson, &answers);
        assert_eq!(result.score, 0.0);
        assert!(result.weak.contains(&Category::Wechat));
        assert!(!result.review.is_empty());
        let mut progress = Progress::default();
        progress.record("小王", &result, "2026-12-01");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("training.json");
        progress.save(&path).unwrap();
        let loaded = Progress::load(&path).unwrap();
        assert_eq!(loaded, progress);
        let csv = loaded.to_csv(&course);
        assert!(csv.starts_with('\u{FEFF}'));
        assert!(csv.contains("小王,contacts,"), "{csv}");
        assert!(csv.contains(",0%,0%,1,2026-12-01,"), "{csv}");
    }
}
