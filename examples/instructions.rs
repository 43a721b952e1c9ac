//! Checks one benchmark message `count` times, for an instruction count that
//! the shared machine's noise cannot blur: `scripts/instructions.sh` runs it
//! under callgrind with 1 and 21 checks and prints the difference ÷ 20.
//!
//! `cargo run --release --example instructions -- clean_zh 21`

#[path = "../benches/support/messages.rs"]
mod messages;

use dmlint::{CheckOptions, Checker};

fn main() -> Result<(), String> {
    let usage = "usage: instructions KIND COUNT (KIND: clean_zh, warn_zh, block_zh, mixed_en)";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, count] = args.as_slice() else {
        return Err(usage.into());
    };
    let count: usize = count.parse().map_err(|_| usage.to_string())?;
    let pieces = messages::kinds()
        .into_iter()
        .find(|(k, _)| k == kind)
        .ok_or(usage)?
        .1;
    let checker = Checker::builtin().map_err(|e| e.to_string())?;
    let text = messages::message(&pieces, 1_000);
    let options = CheckOptions::default();
    for _ in 0..count {
        std::hint::black_box(checker.check(&text, &options));
    }
    Ok(())
}
