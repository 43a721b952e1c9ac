//! Data derived from the state, recomputed only when its inputs change: a
//! frame with nothing new runs no check, and a keystroke runs one.

use std::cell::Cell;

use dmlint::{CheckOptions, Checker, Report};

thread_local! {
    /// Checks the app asked for on this thread; the UI tests count them.
    static CHECKS: Cell<u64> = const { Cell::new(0) };
}

/// Every check the UI thread runs goes through here, so it can be counted.
pub fn check(checker: &Checker, text: &str, options: &CheckOptions) -> Report {
    CHECKS.with(|c| c.set(c.get() + 1));
    checker.check(text, options)
}

/// How many checks this thread has run so far.
pub fn checks_run() -> u64 {
    CHECKS.with(Cell::get)
}

/// A value computed from a key, kept until the key changes.
pub struct Memo<K, V> {
    cached: Option<(K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { cached: None }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, computed by `compute` only if the key changed.
    pub fn get(&mut self, key: K, compute: impl FnOnce(&K) -> V) -> &V {
        if self.cached.as_ref().is_some_and(|(k, _)| *k != key) {
            self.cached = None;
        }
        let (_, value) = self.cached.get_or_insert_with(|| {
            let value = compute(&key);
            (key, value)
        });
        value
    }

    /// The key and value last computed.
    #[cfg(test)]
    pub fn peek(&self) -> Option<(&K, &V)> {
        self.cached.as_ref().map(|(k, v)| (k, v))
    }
}
