//! The rewrite on any text: it never blocks when checked again, rewriting it
//! again changes nothing, and a text with nothing blocking comes back as is.
#![no_main]

use std::sync::LazyLock;

use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker, Verdict};
use libfuzzer_sys::fuzz_target;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

fuzz_target!(|text: &str| {
    let options = CheckOptions::default();
    let cards = CardPhrases::default();
    let report = CHECKER.check(text, &options);
    let once = rewrite(&CHECKER, text, &report, &options, &cards);
    if report.verdict != Verdict::Block {
        assert_eq!(once.text, text);
    }
    let again_report = CHECKER.check(&once.text, &options);
    assert_ne!(again_report.verdict, Verdict::Block, "{:?} -> {:?}", text, once.text);
    let twice = rewrite(&CHECKER, &once.text, &again_report, &options, &cards);
    assert_eq!(twice.text, once.text);
});
