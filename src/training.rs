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

    /// The message's [`tokens`], with the words of what `report` (this
    /// exercise's) finds.
    pub fn tokens(&self, report: &Report) -> Vec<Range<usize>> {
        tokens(&self.text, &report.findings)
    }
}

/// The findings a "find" exercise asks for: everything that blocks or warns.
fn to_find(report: &Report) -> impl Iterator<Item = &Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warn)
}

/// How a char of an exercise takes part in its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A Latin letter (or a look-alike the engine reads as one), `_` or `@`.
    Letter,
    /// A digit in any form the engine reads as one: ASCII, full-width,
    /// circled, keycap, math, other scripts' digits, Chinese numerals.
    Digit,
    /// `+` before a number: "+86".
    Plus,
    /// Joins letters and digits inside a word: `.` `/` `'`.
    Joiner,
    /// `:` joins digits ("9:00") and a link's scheme ("https://"), not a
    /// label and its value ("QQ:12345").
    Colon,
    /// A dash: joins inside a word, and may stand between digit groups.
    Dash,
    /// A space within a line: may stand between digit groups.
    Space,
    /// A Han char, or a letter of another script: a token of its own.
    Single,
    /// Renders as nothing or only marks the char before it (a variation
    /// selector, the keycap combiner): it goes with that char.
    Mark,
    /// Punctuation, emoji, line breaks: never part of a token.
    Other,
}

/// The most connectors inside a word ("://"), and the most spaces and
/// dashes between two groups of digits of one number ("138 - 0013").
const MAX_GAP: usize = 3;

fn class(c: char) -> Class {
    use crate::normalize::{Normalized, digit_value, is_han};
    if c.is_ascii() {
        return match c {
            '0'..='9' => Class::Digit,
            'a'..='z' | 'A'..='Z' | '_' | '@' => Class::Letter,
            '+' => Class::Plus,
            '.' | '/' | '\'' => Class::Joiner,
            ':' => Class::Colon,
            '-' => Class::Dash,
            ' ' | '\t' => Class::Space,
            _ => Class::Other,
        };
    }
    // Chinese numerals first: the engine reads 一三八 as digits where it
    // looks for numbers, but does not fold them.
    if digit_value(c).is_some() {
        return Class::Digit;
    }
    if is_han(c) {
        return Class::Single;
    }
    if matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    ) {
        return Class::Dash;
    }
    if c.is_whitespace() {
        return if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
            Class::Other
        } else {
            Class::Space
        };
    }
    // Everything else is read the way the engine reads it: "①" is 1, "ｍ"
    // is m, "＠" is @, a variation selector is nothing.
    let folded = Normalized::new(&c.to_string());
    let folded = folded.text();
    if folded.is_empty() {
        Class::Mark
    } else if folded.chars().all(|f| f.is_ascii_digit()) {
        Class::Digit
    } else if folded
        .chars()
        .all(|f| f.is_ascii_alphanumeric() || f == '_' || f == '@')
    {
        Class::Letter
    } else if folded == "+" {
        Class::Plus
    } else if c.is_alphabetic() {
        Class::Single
    } else {
        Class::Other
    }
}

/// The message cut into what an operator clicks, as char ranges in order.
///
/// Without the engine's help a token is
/// - a word: a run of Latin letters, digits, `_` and `@`, with `.` `:` `/`
///   `'` and dashes inside it (an e-mail, a WeChat ID like `meimei_0812`,
///   a link, `60cm`, `9:00-18:00`);
/// - a number: a run of digits in any form the engine reads as digits
///   (full-width `１３８`, circled `①③⑧`, keycaps, Chinese numerals
///   `一三八` and `〇`), with `+` before it and up to three spaces or dashes
///   between its groups, so `①③⑧ 〇〇一三 八〇〇〇`, `138-0013-8000` and
///   `+86 186 2130 4477` are one token each;
/// - a single Han char (or a letter of another script).
///
/// Punctuation, emoji and spaces are no token. Chinese has no spaces
/// between words, and no dictionary is shipped: `findings` (the engine's,
/// on this text, of any severity) are the words. Each finding that holds
/// anything but Latin words and spaces (薇信, 加我, V我, `(212) 555-0148`),
/// and each contact detail spelled out in words ("hello at shop dot com"),
/// becomes one token together with the tokens it overlaps; findings that
/// overlap join into one. Other findings of Latin words ("Give us a call")
/// stay words, as the operator reads them.
pub fn tokens(text: &str, findings: &[Finding]) -> Vec<Range<usize>> {
    let classes: Vec<Class> = text.chars().map(class).collect();
    let base = base_tokens(&classes);
    let len = classes.len();
    let mut words: Vec<Range<usize>> = findings
        .iter()
        .filter(|f| {
            let inside = &classes[f.start.min(len)..f.end.min(len)];
            let latin_words = inside.iter().all(|c| {
                matches!(
                    c,
                    Class::Letter | Class::Joiner | Class::Colon | Class::Dash | Class::Space
                )
            });
            inside.iter().any(|c| *c != Class::Space) && (!latin_words || is_value(f.category))
        })
        .map(|f| f.start.min(len)..f.end.min(len))
        .map(|span| {
            base.iter()
                .filter(|t| t.start < span.end && span.start < t.end)
                .fold(span.clone(), |w, t| w.start.min(t.start)..w.end.max(t.end))
        })
        .collect();
    words.sort_by_key(|w| (w.start, w.end));
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(words.len());
    for word in words {
        match joined.last_mut() {
            Some(last) if word.start < last.end => last.end = last.end.max(word.end),
            _ => joined.push(word),
        }
    }
    let mut out: Vec<Range<usize>> = base
        .into_iter()
        .filter(|t| !joined.iter().any(|w| t.start < w.end && w.start < t.end))
        .collect();
    out.extend(joined);
    out.sort_by_key(|t| t.start);
    out
}

/// A contact detail itself, not words about one: spelled out in words
/// ("one three eight…", "hello at shop dot com") it is still one thing to
/// mark.
fn is_value(category: Category) -> bool {
    matches!(
        category,
        Category::Wechat
            | Category::Phone
            | Category::Qq
            | Category::Email
            | Category::Url
            | Category::Digits
            | Category::Alnum
    )
}

/// Words, numbers and single chars, from the chars' classes alone.
fn base_tokens(classes: &[Class]) -> Vec<Range<usize>> {
    let at = |i: usize| classes.get(i).copied().unwrap_or(Class::Other);
    let mut out = Vec::new();
    let mut i = 0;
    while i < classes.len() {
        let start = i;
        i = match at(i) {
            Class::Single => i + 1,
            Class::Letter | Class::Digit => word_end(classes, i),
            Class::Plus if at(i + 1) == Class::Digit => word_end(classes, i),
            _ => {
                i += 1;
                continue;
            }
        };
        while at(i) == Class::Mark {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// Where the word or number that starts at `start` ends.
fn word_end(classes: &[Class], start: usize) -> usize {
    let len = classes.len();
    let at = |i: usize| classes.get(i).copied().unwrap_or(Class::Other);
    let run_of = |from: usize, member: fn(Class) -> bool| {
        (from..len)
            .take(MAX_GAP + 1)
            .find(|&j| !member(at(j)))
            .unwrap_or(len)
    };
    // Whether it is a number so far: digits, and the spaces and dashes
    // between their groups.
    let mut number = classes[start] != Class::Letter;
    let mut i = start + 1;
    loop {
        match at(i) {
            Class::Digit | Class::Mark => i += 1,
            Class::Letter => {
                number = false;
                i += 1;
            }
            Class::Joiner | Class::Colon | Class::Dash | Class::Space => {
                // Connectors inside a word: "linen-home.cn", "https://", "9:00".
                let end = run_of(i, |c| {
                    matches!(c, Class::Joiner | Class::Colon | Class::Dash)
                });
                let connectors = &classes[i..end];
                let next = at(end);
                let colons_only = connectors.iter().all(|c| *c == Class::Colon);
                if end > i
                    && end - i <= MAX_GAP
                    && matches!(next, Class::Letter | Class::Digit)
                    && (!colons_only || (at(i - 1) == Class::Digit && next == Class::Digit))
                {
                    number &= next == Class::Digit && connectors.iter().all(|c| *c == Class::Dash);
                    i = end;
                    continue;
                }
                // Spaces and dashes between a number's groups: "138 0013-8000".
                let gap = run_of(i, |c| matches!(c, Class::Space | Class::Dash));
                if number && gap > i && gap - i <= MAX_GAP && at(gap) == Class::Digit {
                    i = gap;
                    continue;
                }
                return i;
            }
            _ => return i,
        }
    }
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
    /// Find: the marked tokens (char ranges) that overlap no finding asked
    /// for, the stray marks [`score_find`] counts against the answer.
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

/// Scores a "find" answer by token.
///
/// The marks (char ranges) are snapped outward to the [`tokens`] of the
/// message they touch; a mark on no token (a space, a comma) counts for
/// nothing. What the exercise asks for is every finding that blocks or
/// warns (the expected findings); a token that overlaps one is risky, any
/// other token is harmless. Then
///
/// - an expected finding is *caught* when a marked token overlaps it, and
///   *missed* otherwise;
/// - a marked harmless token is a *stray* mark;
/// - the score is the share of findings caught times the share of harmless
///   tokens left alone: `caught / expected × (1 − stray / harmless)`.
///
/// A perfect answer scores 1 and marking every token 0; one of two findings
/// caught and one stray among twelve harmless tokens scores ½ × 11⁄12 ≈ 46%.
/// Marking more than one token of a finding ("Give us a call") counts it
/// once. With nothing to find (a hard negative) the answer is all or
/// nothing: 1 with no mark, 0 with any.
pub fn score_find(checker: &Checker, exercise: &Exercise, marks: &[Range<usize>]) -> Feedback {
    let report = exercise.report(checker);
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let span = |f: &Finding| f.start..f.end;
    let tokens = tokens(&exercise.text, &report.findings);
    let marked: Vec<&Range<usize>> = tokens
        .iter()
        .filter(|t| marks.iter().any(|m| overlaps(t, m)))
        .collect();
    let (caught, missed): (Vec<Finding>, Vec<Finding>) = to_find(&report)
        .cloned()
        .partition(|f| marked.iter().any(|t| overlaps(t, &span(f))));
    let risky = |t: &Range<usize>| to_find(&report).any(|f| overlaps(t, &span(f)));
    let harmless = tokens.iter().filter(|t| !risky(t)).count();
    let wrong_marks: Vec<Range<usize>> =
        marked.into_iter().filter(|t| !risky(t)).cloned().collect();
    let wanted = caught.len() + missed.len();
    let score = if wanted == 0 {
        if wrong_marks.is_empty() { 1.0 } else { 0.0 }
    } else {
        let found = caught.len() as f32 / wanted as f32;
        let left_alone = if harmless == 0 {
            1.0
        } else {
            1.0 - wrong_marks.len() as f32 / harmless as f32
        };
        found * left_alone
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
        // "欢迎": two Han chars, two tokens, both harmless.
        marks.push(0..2);
        let noisy = score_find(&checker, exercise, &marks);
        assert_eq!(noisy.wrong_marks, [0..1, 1..2]);
        assert!(noisy.score < 1.0);
    }

    /// Chars `range` of `text`.
    fn slice(text: &str, range: &Range<usize>) -> String {
        text.chars().skip(range.start).take(range.len()).collect()
    }

    /// The tokens of `text` without the engine's words, as strings.
    fn words(text: &str) -> Vec<String> {
        tokens(text, &[]).iter().map(|t| slice(text, t)).collect()
    }

    #[test]
    fn tokens_are_words_numbers_and_han_chars() {
        let cases: &[(&str, &[&str])] = &[
            (
                "加我微信 meimei_0812，60cm 的款",
                &["加", "我", "微", "信", "meimei_0812", "60cm", "的", "款"],
            ),
            (
                "发到 service@linen-home.cn.",
                &["发", "到", "service@linen-home.cn"],
            ),
            (
                "打 138-0013-8000 或 ①③⑧ 〇〇一三 八〇〇〇！",
                &["打", "138-0013-8000", "或", "①③⑧ 〇〇一三 八〇〇〇"],
            ),
            ("一三九 二二八七 六六〇五", &["一三九 二二八七 六六〇五"]),
            (
                "１３８　００１３　８０００",
                &["１３８　００１３　８０００"],
            ),
            ("138 - 0013 - 8000", &["138 - 0013 - 8000"]),
            (
                "WhatsApp +86 186 2130 4477.",
                &["WhatsApp", "+86 186 2130 4477"],
            ),
            (
                "1\u{FE0F}\u{20E3}3\u{FE0F}\u{20E3}8\u{FE0F}\u{20E3}",
                &["1\u{FE0F}\u{20E3}3\u{FE0F}\u{20E3}8\u{FE0F}\u{20E3}"],
            ),
            ("https://m.tb.cn/h.5Xk2Lq", &["https://m.tb.cn/h.5Xk2Lq"]),
            ("工作日 9:00-18:00", &["工", "作", "日", "9:00-18:00"]),
            // A label and its value, a number and its unit, a word and a
            // number: two tokens each.
            ("QQ:2786015394", &["QQ", "2786015394"]),
            ("宽 60 cm", &["宽", "60", "cm"]),
            ("lily_studio99 123", &["lily_studio99", "123"]),
            ("I'll ship it.", &["I'll", "ship", "it"]),
            // Punctuation, emoji and line breaks are no token and join none.
            ("好的😊！～", &["好", "的"]),
            ("138\n0013", &["138", "0013"]),
            ("12 , 34", &["12", "34"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn the_engines_findings_are_the_words_of_han_text() {
        let (checker, course) = setup();
        let tokens_of = |lesson: &str, index: usize| {
            let exercise = &course.lesson(lesson).unwrap().exercises[index];
            let report = exercise.report(&checker);
            exercise
                .tokens(&report)
                .iter()
                .map(|t| slice(&exercise.text, t))
                .collect::<Vec<_>>()
        };
        let contacts = tokens_of("contacts", 0);
        assert!(contacts.ends_with(&["加".into(), "薇信".into(), "meimei_0812".into()]));
        assert!(contacts.starts_with(&["欢".into(), "迎".into()]));
        assert!(tokens_of("contacts", 4).contains(&"V我".to_string()));
        let english = tokens_of("english", 0);
        // A phrase of words stays words; the number with its brackets is one.
        assert!(english.ends_with(&[
            "Give".into(),
            "us".into(),
            "a".into(),
            "call".into(),
            "at".into(),
            "(212) 555-0148".into()
        ]));
        // An e-mail spelled out is one contact detail.
        assert!(tokens_of("english", 5).contains(&"hello at bloomshop dot com".to_string()));
        // Every find exercise: every expected finding lies in tokens, and the
        // tokens neither overlap nor hold a space at either end.
        for lesson in course.lessons.iter().filter(|l| l.task == Task::Find) {
            for exercise in &lesson.exercises {
                let report = exercise.report(&checker);
                let tokens = exercise.tokens(&report);
                for pair in tokens.windows(2) {
                    assert!(pair[0].end <= pair[1].start, "{}: {pair:?}", exercise.id);
                }
                for t in &tokens {
                    let text = slice(&exercise.text, t);
                    assert_eq!(text.trim(), text, "{}", exercise.id);
                }
                for f in to_find(&report) {
                    assert!(
                        tokens.iter().any(|t| t.start < f.end && f.start < t.end),
                        "{}: {} is in no token",
                        exercise.id,
                        f.text
                    );
                }
            }
        }
    }

    /// splitmix64, for generated cases that a seed reproduces.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % n as u64) as usize
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    /// Every char the engine reads as a single digit, by digit: ASCII,
    /// full-width, circled, keycap-less dingbats, math, super- and
    /// subscripts, other scripts' digits, Chinese numerals.
    fn digit_forms() -> Vec<Vec<String>> {
        use crate::normalize::{Normalized, digit_value};
        let mut forms = vec![Vec::new(); 10];
        let ranges = [
            0x30..0x3A,
            0x80..0x4E00,
            0x4E00..0xA000,
            0xF900..0x10000,
            0x1D400..0x1D800,
            0x1F100..0x1F110,
            0x1FBF0..0x1FBFA,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let digit = digit_value(c).or_else(|| {
                if crate::normalize::is_han(c) {
                    return None;
                }
                let folded = Normalized::new(&c.to_string());
                let mut chars = folded.text().chars();
                match (chars.next(), chars.next()) {
                    (Some(d @ '0'..='9'), None) => Some(d as u8 - b'0'),
                    _ => None,
                }
            });
            if let Some(d) = digit {
                forms[d as usize].push(c.to_string());
            }
        }
        for (d, forms) in forms.iter_mut().enumerate() {
            // The keycap: a digit, a variation selector, the combiner.
            forms.push(format!("{d}\u{FE0F}\u{20E3}"));
        }
        forms
    }

    /// A mobile number written with `form` for each digit, in groups of
    /// 3, 4 and 4 joined by `gap`.
    fn written(number: &str, gap: &str, form: &mut dyn FnMut(usize) -> String) -> String {
        let digits: Vec<String> = number.bytes().map(|b| form((b - b'0') as usize)).collect();
        [&digits[..3], &digits[3..7], &digits[7..]]
            .map(|group| group.concat())
            .join(gap)
    }

    const CARRIERS: [(&str, &str); 4] = [
        ("急单打我电话 ", "，晚上也接"),
        ("电话：", ""),
        ("Call me on ", " tonight."),
        ("", "哦😊"),
    ];

    /// Every digit form the engine knows, and every way of spacing the
    /// groups that the tokens allow: a mobile number is one token, without
    /// the engine's help.
    #[test]
    fn every_digit_form_of_a_number_is_one_token() {
        let forms = digit_forms();
        // Sanity: the forms of the lesson and the engine's own tests.
        for form in ["1", "１", "①", "❶", "𝟏", "一", "壹", "幺"] {
            assert!(forms[1].iter().any(|f| f == form), "{form}");
        }
        assert!(forms.iter().all(|f| f.len() >= 10), "{forms:?}");
        let gaps = ["", " ", "-", "\u{3000}", " - ", "—", "  ", "－"];
        let number = "18912345670"; // every digit once, 8 and 1 twice
        let mut rng = Rng(0x5EED);
        let mut cases = 0;
        let mut check = |text: String, value: &str, before: &str| {
            let start = before.chars().count();
            let span = start..start + value.chars().count();
            let found: Vec<String> = tokens(&text, &[])
                .iter()
                .filter(|t| t.start < span.end && span.start < t.end)
                .map(|t| slice(&text, t))
                .collect();
            assert_eq!(found, [value], "{text:?}");
            cases += 1;
        };
        // Each form of each digit, in a number of ASCII digits otherwise.
        for (digit, forms) in forms.iter().enumerate() {
            for form in forms {
                let gap = *rng.pick(&gaps);
                let value = written(number, gap, &mut |d| {
                    if d == digit {
                        form.clone()
                    } else {
                        d.to_string()
                    }
                });
                let (before, after) = rng.pick(&CARRIERS);
                check(format!("{before}{value}{after}"), &value, before);
            }
        }
        // Forms mixed at random, every gap, every carrier.
        for _ in 0..300 {
            let gap = *rng.pick(&gaps);
            let value = written(number, gap, &mut |d| rng.pick(&forms[d]).clone());
            let (before, after) = rng.pick(&CARRIERS);
            check(format!("{before}{value}{after}"), &value, before);
        }
        assert!(cases > 400, "{cases}");
    }

    /// Whatever disguise the engine sees through — separators, spelled
    /// digits, digits in pieces — the number it finds is inside one token,
    /// so one click marks it.
    #[test]
    fn every_number_the_engine_finds_is_one_token() {
        let checker = Checker::builtin().unwrap();
        let forms = digit_forms();
        let gaps = [
            " ", "-", ".", "*", "/", "~", "·", "_", "🌸", " | ", "、", "  ",
        ];
        let english = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        ];
        let mut rng = Rng(0xD15C);
        let mut found = 0;
        for case in 0..240 {
            let gap = *rng.pick(&gaps);
            let value = match case % 3 {
                0 => written("18912345670", gap, &mut |d| rng.pick(&forms[d]).clone()),
                1 => written("13800138000", gap, &mut |d| forms[d][0].clone()),
                _ => written("13912345670", " ", &mut |d| english[d].to_string()),
            };
            let (before, after) = rng.pick(&CARRIERS);
            let text = format!("{before}{value}{after}");
            let report = checker.check(&text, &CheckOptions::new(Context::Dm));
            let tokens = tokens(&text, &report.findings);
            for f in report
                .findings
                .iter()
                .filter(|f| f.category == Category::Phone)
            {
                found += 1;
                let covering: Vec<&Range<usize>> = tokens
                    .iter()
                    .filter(|t| t.start < f.end && f.start < t.end)
                    .collect();
                assert!(
                    covering.len() == 1 && covering[0].start <= f.start && f.end <= covering[0].end,
                    "{text:?}: {} in {:?}",
                    f.text,
                    covering.iter().map(|t| slice(&text, t)).collect::<Vec<_>>()
                );
            }
        }
        // The engine sees through most of them (else this tests nothing).
        assert!(found >= 160, "{found}");
    }

    #[test]
    fn find_is_scored_by_token() {
        let (checker, course) = setup();
        // "急单可以直接打我电话 ①③⑧ 〇〇一三 八〇〇〇，晚上也接": 电话 and the
        // number are asked for; twelve single Han chars are harmless.
        let exercise = &course.lesson("contacts").unwrap().exercises[1];
        let report = exercise.report(&checker);
        let tokens = exercise.tokens(&report);
        let at = |word: &str| {
            tokens
                .iter()
                .find(|t| slice(&exercise.text, t) == word)
                .unwrap_or_else(|| panic!("no token {word}"))
                .clone()
        };
        let (phone, call, late) = (at("①③⑧ 〇〇一三 八〇〇〇"), at("电话"), at("晚"));
        assert_eq!(tokens.len(), 14);
        // One char of the number marks the number.
        let first_char = phone.start..phone.start + 1;
        let one_char = score_find(&checker, exercise, std::slice::from_ref(&first_char));
        assert_eq!((one_char.caught.len(), one_char.missed.len()), (1, 1));
        assert_eq!(one_char.score, 0.5);
        // The answer: one of two caught and a stray mark.
        let stray = score_find(&checker, exercise, &[phone.clone(), late.clone()]);
        assert_eq!(stray.wrong_marks, std::slice::from_ref(&late));
        assert!(
            (stray.score - 0.5 * 11.0 / 12.0).abs() < 1e-6,
            "{}",
            stray.score
        );
        // All of it.
        let right = score_find(&checker, exercise, &[call.clone(), phone.clone()]);
        assert_eq!(right.score, 1.0);
        assert!(right.wrong_marks.is_empty());
        // A drag over 电话 and the number, the space between them too.
        let dragged = call.start..phone.end;
        assert!(score_find(&checker, exercise, std::slice::from_ref(&dragged)).passed());
        // Nothing, and a mark on the comma alone, catch nothing.
        let comma = phone.end..phone.end + 1;
        assert_eq!(score_find(&checker, exercise, &[]).score, 0.0);
        assert_eq!(
            score_find(&checker, exercise, std::slice::from_ref(&comma)).score,
            0.0
        );
    }

    #[test]
    fn marking_everything_scores_nothing() {
        let (checker, course) = setup();
        for lesson in course.lessons.iter().filter(|l| l.task == Task::Find) {
            for exercise in &lesson.exercises {
                let report = exercise.report(&checker);
                let everything = exercise.tokens(&report);
                let wanted: Vec<Range<usize>> = to_find(&report).map(|f| f.start..f.end).collect();
                assert_eq!(
                    score_find(&checker, exercise, &everything).score,
                    0.0,
                    "{}",
                    exercise.id
                );
                assert_eq!(
                    score_find(&checker, exercise, &wanted).score,
                    1.0,
                    "{}",
                    exercise.id
                );
            }
        }
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
