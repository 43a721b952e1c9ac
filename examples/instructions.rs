//! Checks one benchmark message `count` times, or rewrites one, for an
//! instruction count that the shared machine's noise cannot blur:
//! `scripts/instructions.sh` runs it under callgrind with two counts and
//! prints the difference per run.
//!
//! `cargo run --release --example instructions -- clean_zh 21`
//! `cargo run --release --example instructions -- rewrite_block 3 300000`

#[path = "../benches/support/messages.rs"]
mod messages;

use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker};

fn main() -> Result<(), String> {
    let usage = "usage: instructions KIND COUNT [CHARS] (KIND: clean_zh, warn_zh, block_zh, \
                 mixed_en to check; rewrite_block to rewrite the benchmark's block-heavy text)";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (kind, count, chars) = match args.as_slice() {
        [kind, count] => (kind, count, "1000"),
        [kind, count, chars] => (kind, count, chars.as_str()),
        _ => return Err(usage.into()),
    };
    let count: usize = count.parse().map_err(|_| usage.to_string())?;
    let chars: usize = chars.parse().map_err(|_| usage.to_string())?;
    let checker = Checker::builtin().map_err(|e| e.to_string())?;
    let options = CheckOptions::default();
    if kind == "rewrite_block" {
        let text = messages::message(&[messages::CLEAN_ZH, messages::BLOCK_ZH].concat(), chars);
        let report = checker.check(&text, &options);
        for _ in 0..count {
            let cards = CardPhrases::default();
            std::hint::black_box(rewrite(&checker, &text, &report, &options, &cards));
        }
        return Ok(());
    }
    let pieces = messages::kinds()
        .into_iter()
        .find(|(k, _)| k == kind)
        .ok_or(usage)?
        .1;
    let text = messages::message(&pieces, chars);
    for _ in 0..count {
        std::hint::black_box(checker.check(&text, &options));
    }
    Ok(())
}
