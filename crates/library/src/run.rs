//! Checking a whole library on every core, in order, with progress and a way
//! to stop.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::Message;
use dmlint_engine::rewrite::{CardPhrases, Rewrite, rewrite};
use dmlint_engine::{CheckOptions, Checker, Report};

/// One message's report and rewrite.
#[derive(Debug, Clone)]
pub struct Checked {
    pub report: Report,
    pub rewrite: Rewrite,
}

/// How many messages are checked between two progress reports.
const CHUNK: usize = 512;

/// Checks every message (a message's own context wins over `base`'s), calling
/// `progress` with the number done after each chunk. `None` when cancelled.
pub fn check_all(
    checker: &Checker,
    messages: &[Message],
    base: &CheckOptions,
    cards: &CardPhrases,
    progress: &(dyn Fn(usize) + Sync),
    cancel: &AtomicBool,
) -> Option<Vec<Checked>> {
    let mut out = Vec::with_capacity(messages.len());
    for chunk in messages.chunks(CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let checked: Vec<Checked> = chunk
            .par_iter()
            .map(|m| {
                let mut options = base.clone();
                options.context = m.context.unwrap_or(base.context);
                let report = checker.check(&m.text, &options);
                let rewrite = rewrite(checker, &m.text, &report, &options, cards);
                Checked { report, rewrite }
            })
            .collect();
        out.extend(checked);
        progress(out.len());
    }
    Some(out)
}
