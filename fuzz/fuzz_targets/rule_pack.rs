//! The rule-pack loader and compiler on any bytes: an error naming the file,
//! never a panic; a pack that compiles makes a checker that checks.
#![no_main]

use dmlint::rules::{RuleBook, RuleSource};
use dmlint::{CheckOptions, Checker};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let source = RuleSource {
        file: "fuzz.json",
        text,
    };
    match RuleBook::with_packs(&[source]).and_then(Checker::new) {
        Ok(checker) => {
            checker.check("加我微信 abc_123，电话 13800138000", &CheckOptions::default());
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.json:"), "{e}"),
    }
});
