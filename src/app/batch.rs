//! A whole script library in the app: read, checked on a background thread
//! (the window never freezes), filtered and sorted, edited row by row in the
//! check view, and exported.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use dmlint::library::{self, Checked, Library, LibraryError, ReadOptions, WriteError, report};
use dmlint::rewrite::CardPhrases;
use dmlint::{Category, CheckOptions, Checker, Verdict};

use super::derived::Memo;
use super::state::Analysis;

/// Checking that runs off the UI thread.
pub struct Job {
    pub done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: mpsc::Receiver<Outcome>,
}

/// What a job ends with: its results, `None` when cancelled, or the message
/// of the panic that stopped it.
type Outcome = Result<Option<Vec<Checked>>, String>;

impl Job {
    fn start(
        checker: Arc<Checker>,
        library: &Library,
        options: CheckOptions,
        cards: CardPhrases,
        ctx: &egui::Context,
    ) -> Job {
        let messages = library.messages.clone();
        Job::spawn(ctx, move |progress, cancel| {
            library::check_all(&checker, &messages, &options, &cards, progress, cancel)
        })
    }

    /// Runs `work` on its own thread. A panic in it is caught and reported
    /// as the job's outcome: the app stays usable.
    fn spawn(
        ctx: &egui::Context,
        work: impl FnOnce(&(dyn Fn(usize) + Sync), &AtomicBool) -> Option<Vec<Checked>> + Send + 'static,
    ) -> Job {
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, result) = mpsc::channel();
        let (done_in, cancel_in, ctx) = (Arc::clone(&done), Arc::clone(&cancel), ctx.clone());
        std::thread::spawn(move || {
            let progress = |n: usize| {
                done_in.store(n, Ordering::Relaxed);
                ctx.request_repaint();
            };
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                work(&progress, &cancel_in)
            }))
            .map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown error".to_string())
            });
            let _ = sender.send(outcome);
            ctx.request_repaint();
        });
        Job {
            done,
            cancel,
            result,
        }
    }
}

/// A library being read on its own thread: a large workbook never freezes
/// the window.
pub struct Reading {
    pub path: PathBuf,
    pub read: ReadOptions,
    result: mpsc::Receiver<Result<Library, LibraryError>>,
}

/// How reading a library ended.
pub enum ReadOutcome {
    Read(Library),
    Failed(LibraryError),
    /// The reader stopped without an answer (a bug, caught): the app goes on.
    BrokeDown,
}

impl Reading {
    pub fn start(path: &Path, read: ReadOptions, ctx: &egui::Context) -> Reading {
        let (sender, result) = mpsc::channel();
        let (file, options, ctx) = (path.to_path_buf(), read.clone(), ctx.clone());
        std::thread::spawn(move || {
            let _ = sender.send(Library::read(&file, &options));
            ctx.request_repaint();
        });
        Reading {
            path: path.to_path_buf(),
            read,
            result,
        }
    }

    /// How it ended, once it has; `None` while still reading.
    pub fn poll(&self) -> Option<ReadOutcome> {
        match self.result.try_recv() {
            Ok(Ok(library)) => Some(ReadOutcome::Read(library)),
            Ok(Err(e)) => Some(ReadOutcome::Failed(e)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(ReadOutcome::BrokeDown),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Row,
    Verdict,
    Findings,
}

pub struct Batch {
    pub path: PathBuf,
    pub read: ReadOptions,
    pub library: Library,
    /// One per message once checking is done.
    pub results: Vec<Checked>,
    pub job: Option<Job>,
    pub cancelled: bool,
    /// Why checking stopped, when it broke down.
    pub failed: Option<String>,
    pub filter_verdict: Option<Verdict>,
    pub filter_category: Option<Category>,
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
    /// The row open in the check view: its edits flow back here.
    pub editing: Option<usize>,
    /// An export waiting for "yes, overwrite the input".
    pub confirm_overwrite: Option<PathBuf>,
    /// Counts changes to `results`, for the rows shown.
    revision: u64,
    visible: Memo<RowsKey, Vec<usize>>,
}

/// What the rows shown depend on.
#[derive(PartialEq)]
struct RowsKey {
    revision: u64,
    filter_verdict: Option<Verdict>,
    filter_category: Option<Category>,
    search: String,
    sort: SortKey,
    descending: bool,
}

impl Batch {
    /// The library just read, checked from now on in the background.
    pub fn start(
        reading: Reading,
        library: Library,
        checker: &Arc<Checker>,
        options: CheckOptions,
        cards: CardPhrases,
        ctx: &egui::Context,
    ) -> Batch {
        let job = Job::start(Arc::clone(checker), &library, options, cards, ctx);
        Batch::with_job(&reading.path, reading.read, library, job)
    }

    fn with_job(path: &Path, read: ReadOptions, library: Library, job: Job) -> Batch {
        Batch {
            path: path.to_path_buf(),
            read,
            library,
            results: Vec::new(),
            job: Some(job),
            cancelled: false,
            failed: None,
            filter_verdict: None,
            filter_category: None,
            search: String::new(),
            sort: SortKey::Row,
            descending: false,
            editing: None,
            confirm_overwrite: None,
            revision: 0,
            visible: Memo::default(),
        }
    }

    /// Takes the background result when it is ready; true when it just came.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        let outcome = match job.result.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => Err("the check stopped".to_string()),
        };
        match outcome {
            Ok(Some(results)) => {
                self.results = results;
                self.revision += 1;
            }
            Ok(None) => self.cancelled = true,
            Err(e) => self.failed = Some(e),
        }
        self.job = None;
        true
    }

    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    pub fn is_checked(&self) -> bool {
        self.job.is_none() && self.results.len() == self.library.messages.len()
    }

    /// The row's new text from the check view, with the check view's
    /// analysis of it (made with the row's own context).
    pub fn update_row(&mut self, row: usize, analysis: &Analysis) {
        if !self.is_checked() || self.library.messages[row].text == analysis.text {
            return;
        }
        self.library.messages[row].text = analysis.text.clone();
        self.results[row] = Checked {
            report: analysis.report.clone(),
            rewrite: analysis.rewrite.clone(),
        };
        self.revision += 1;
    }

    pub fn count(&self, verdict: Verdict) -> usize {
        self.results
            .iter()
            .filter(|c| c.report.verdict == verdict)
            .count()
    }

    /// Rows passing the filters and the search, in the chosen order; sorted
    /// again only when the results, the filters or the order change.
    pub fn visible_rows(&mut self) -> Vec<usize> {
        let key = RowsKey {
            revision: self.revision,
            filter_verdict: self.filter_verdict,
            filter_category: self.filter_category,
            search: self.search.trim().to_lowercase(),
            sort: self.sort,
            descending: self.descending,
        };
        let (library, results) = (&self.library, &self.results);
        self.visible
            .get(key, |key| rows_shown(library, results, key))
            .clone()
    }

    /// Rewrites for blocking rows; every other row as it stands now.
    pub fn fixed_bytes(&self) -> Result<Vec<u8>, WriteError> {
        let texts: Vec<String> = self
            .library
            .messages
            .iter()
            .zip(&self.results)
            .map(|(m, c)| {
                if c.report.verdict == Verdict::Block {
                    c.rewrite.text.clone()
                } else {
                    m.text.clone()
                }
            })
            .collect();
        self.library.fixed_bytes(&texts)
    }

    pub fn report_bytes(&self, json: bool) -> Result<Vec<u8>, WriteError> {
        if json {
            report::json(&self.library.messages, &self.results)
        } else {
            report::csv(&self.library.messages, &self.results)
        }
    }

    pub fn is_input(&self, path: &Path) -> bool {
        let canonical = |p: &Path| std::fs::canonicalize(p).ok();
        path == self.path || canonical(path).is_some_and(|c| Some(c) == canonical(&self.path))
    }
}

/// The rows of `library` that `key`'s filters and search let through, in its order.
fn rows_shown(library: &Library, results: &[Checked], key: &RowsKey) -> Vec<usize> {
    let search = &key.search;
    let mut rows: Vec<usize> = (0..results.len())
        .filter(|&i| {
            let (m, c) = (&library.messages[i], &results[i]);
            key.filter_verdict.is_none_or(|v| c.report.verdict == v)
                && key
                    .filter_category
                    .is_none_or(|cat| c.report.findings.iter().any(|f| f.category == cat))
                && (search.is_empty()
                    || m.text.to_lowercase().contains(search)
                    || m.id.to_lowercase().contains(search))
        })
        .collect();
    match key.sort {
        SortKey::Row => {}
        SortKey::Verdict => rows.sort_by_key(|&i| std::cmp::Reverse(results[i].report.verdict)),
        SortKey::Findings => {
            rows.sort_by_key(|&i| std::cmp::Reverse(results[i].report.findings.len()))
        }
    }
    if key.descending {
        rows.reverse();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_background_is_reported_not_fatal() {
        let ctx = egui::Context::default();
        let library = Library::from_bytes(
            "lib.txt",
            "第一条\n第二条\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        let job = Job::spawn(&ctx, |_, _| panic!("disk on fire"));
        let mut batch = Batch::with_job(Path::new("lib.txt"), ReadOptions::default(), library, job);
        for _ in 0..500 {
            batch.poll();
            if batch.job.is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(batch.failed.as_deref(), Some("disk on fire"));
        assert!(!batch.is_checked());
    }
}
