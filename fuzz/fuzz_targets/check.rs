//! `check` on any text: spans on char boundaries inside the text, sorted and
//! never overlapping, each slicing to the finding's own text.
#![no_main]

use std::sync::LazyLock;

use dmlint::{CheckOptions, Checker};
use libfuzzer_sys::fuzz_target;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

fuzz_target!(|text: &str| {
    let report = CHECKER.check(text, &CheckOptions::default());
    let chars: Vec<char> = text.chars().collect();
    let mut previous_end = 0;
    for f in &report.findings {
        assert!(f.start < f.end && f.end <= chars.len(), "{f:?}");
        assert!(f.start >= previous_end, "overlap or unsorted: {f:?}");
        assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
        previous_end = f.end;
    }
});
