//! Training mode's state: the course, the operators' progress (saved
//! locally), who is practising, and the lesson under way.

use std::ops::Range;
use std::path::PathBuf;

use dmlint::json_file::StoreError;
use dmlint::training::{
    Course, Exercise, Feedback, Lesson, LessonResult, Progress, score_find, score_judge,
    score_rewrite, today,
};
use dmlint::{Checker, Verdict};

pub struct Training {
    pub course: Course,
    pub progress: Progress,
    /// Where the progress is saved; `None` where the platform has no data folder.
    pub progress_path: Option<PathBuf>,
    /// Who is practising.
    pub operator: String,
    /// The name being typed for a new operator.
    pub new_operator: String,
    pub session: Option<Session>,
}

/// A lesson under way.
pub struct Session {
    pub lesson: usize,
    pub exercise: usize,
    /// Find: the tokens marked (see [`dmlint::training::tokens`]), as char
    /// ranges of the message.
    pub marks: Vec<Range<usize>>,
    /// Rewrite: the operator's version, checked as they type.
    pub attempt: String,
    /// The feedback on the current exercise, once answered.
    pub feedback: Option<Feedback>,
    pub answers: Vec<Feedback>,
    /// The scores of the exercises answered before the lesson was left and
    /// resumed.
    pub earlier: Vec<f32>,
    /// Set when the last exercise is answered and the lesson recorded.
    pub result: Option<LessonResult>,
}

/// An answer to the current exercise.
pub enum Answer {
    Marks,
    Verdict(Verdict),
    Rewrite,
}

impl Training {
    /// The built-in course and the progress saved at `progress_path`. The
    /// error (an unreadable record) is for the status line; training starts
    /// with an empty record then, and the file is left as it is until the
    /// next save.
    pub fn new(progress_path: Option<PathBuf>) -> (Training, Option<StoreError>) {
        let course = Course::builtin().expect("the built-in course parses (a test checks)");
        let (progress, problem) = match progress_path.as_deref().map(Progress::load) {
            Some(Ok(progress)) => (progress, None),
            Some(Err(e)) => (Progress::default(), Some(e)),
            None => (Progress::default(), None),
        };
        let operator = progress
            .operators
            .keys()
            .next()
            .cloned()
            .unwrap_or_default();
        let training = Training {
            course,
            progress,
            progress_path,
            operator,
            new_operator: String::new(),
            session: None,
        };
        (training, problem)
    }

    /// Starts `lesson`, or resumes it after the exercises the operator
    /// answered before leaving it part-way.
    pub fn start(&mut self, lesson: usize) {
        let earlier = self.resumes_at(lesson);
        let exercise = earlier.len();
        let attempt = self.course.lessons[lesson].exercises[exercise].text.clone();
        self.session = Some(Session {
            lesson,
            exercise,
            marks: Vec::new(),
            attempt,
            feedback: None,
            answers: Vec::new(),
            earlier,
            result: None,
        });
    }

    /// The scores of `lesson`'s exercises the operator answered before
    /// leaving it part-way; empty when it starts afresh.
    pub fn resumes_at(&self, lesson: usize) -> Vec<f32> {
        let lesson = &self.course.lessons[lesson];
        self.progress
            .operators
            .get(&self.operator_name())
            .and_then(|r| r.lessons.get(&lesson.id))
            .map(|r| r.unfinished.clone())
            .filter(|scores| scores.len() < lesson.exercises.len())
            .unwrap_or_default()
    }

    /// Leaves the lesson under way, keeping what was answered so far.
    pub fn leave(&mut self) -> Result<(), StoreError> {
        let Some(session) = self.session.take() else {
            return Ok(());
        };
        let answered = session.earlier.len() + session.answers.len();
        if session.result.is_some() || answered == 0 {
            return Ok(());
        }
        let scores: Vec<f32> = session
            .earlier
            .iter()
            .copied()
            .chain(session.answers.iter().map(|a| a.score))
            .collect();
        let lesson = self.course.lessons[session.lesson].id.clone();
        self.progress
            .leave(&self.operator_name(), &lesson, scores, &today());
        self.save()
    }

    /// Whoever is practising; a dash when no one was named.
    pub fn operator_name(&self) -> String {
        if self.operator.trim().is_empty() {
            "—".to_string()
        } else {
            self.operator.clone()
        }
    }

    pub fn lesson(&self) -> Option<&Lesson> {
        self.session
            .as_ref()
            .map(|s| &self.course.lessons[s.lesson])
    }

    pub fn exercise(&self) -> Option<&Exercise> {
        let session = self.session.as_ref()?;
        self.course.lessons[session.lesson]
            .exercises
            .get(session.exercise)
    }

    /// Scores the answer to the current exercise.
    pub fn answer(&mut self, checker: &Checker, answer: Answer) {
        let Some(exercise) = self.exercise().cloned() else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let feedback = match answer {
            Answer::Marks => score_find(checker, &exercise, &session.marks),
            Answer::Verdict(verdict) => score_judge(checker, &exercise, verdict),
            Answer::Rewrite => score_rewrite(checker, &exercise, &session.attempt),
        };
        session.answers.push(feedback.clone());
        session.feedback = Some(feedback);
    }

    /// Moves to the next exercise, or ends the lesson and records it. The
    /// error is a progress file that could not be written.
    pub fn next(&mut self) -> Result<(), StoreError> {
        let operator = self.operator_name();
        let Some(session) = &mut self.session else {
            return Ok(());
        };
        let lesson = &self.course.lessons[session.lesson];
        if session.exercise + 1 < lesson.exercises.len() {
            session.exercise += 1;
            session.marks.clear();
            session.feedback = None;
            session.attempt = lesson.exercises[session.exercise].text.clone();
            return Ok(());
        }
        let mut result = LessonResult::new(lesson, &session.answers);
        // A resumed lesson's score counts the exercises answered before.
        let answered = session.earlier.len() + session.answers.len();
        let total: f32 = session.earlier.iter().sum::<f32>()
            + session.answers.iter().map(|a| a.score).sum::<f32>();
        result.score = total / answered.max(1) as f32;
        self.progress.record(&operator, &result, &today());
        session.result = Some(result);
        self.save()
    }

    /// Adds the operator being typed and makes them the one practising.
    pub fn add_operator(&mut self) -> Result<(), StoreError> {
        let name = self.new_operator.trim().to_string();
        if name.is_empty() {
            return Ok(());
        }
        self.progress.operators.entry(name.clone()).or_default();
        self.operator = name;
        self.new_operator.clear();
        self.save()
    }

    fn save(&self) -> Result<(), StoreError> {
        match &self.progress_path {
            Some(path) => self.progress.save(path),
            None => Ok(()),
        }
    }

    /// Toggles the mark on `token` (char range) of a find exercise.
    pub fn toggle_mark(&mut self, token: Range<usize>) {
        self.mark_span(std::slice::from_ref(&token));
    }

    /// Marks `tokens` of a find exercise, the ones a drag went over; when
    /// every one of them is marked already, the drag takes their marks off.
    pub fn mark_span(&mut self, tokens: &[Range<usize>]) {
        let Some(session) = &mut self.session else {
            return;
        };
        if session.feedback.is_some() {
            return;
        }
        if tokens.iter().all(|t| session.marks.contains(t)) {
            session.marks.retain(|m| !tokens.contains(m));
        } else {
            for token in tokens {
                if !session.marks.contains(token) {
                    session.marks.push(token.clone());
                }
            }
        }
    }
}
