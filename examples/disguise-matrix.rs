//! The full disguise matrix: recall per contact kind × disguise and false
//! blocks on negatives, as Markdown (what `COVERAGE.md` holds).
//!
//! ```text
//! cargo run --release --example disguise-matrix -- [--per-cell N] [--seed S] [--misses N]
//! ```
//!
//! `--per-cell` cases per cell (default 150, the contexts in turn), `--seed`
//! the generator's seed (default the one `COVERAGE.md` was made with),
//! `--misses N` also prints N example misses per cell (exact strings, with
//! the block findings the engine did report), worst cells first.
//! The generator is `tests/disguise/mod.rs`, shared with `tests/disguise.rs`.

#[path = "../tests/disguise/mod.rs"]
mod disguise;

fn main() {
    let mut per_cell = 150;
    let mut seed: u64 = 0x2026_1202;
    let mut misses = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> String {
            args.next()
                .unwrap_or_else(|| usage(&format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--per-cell" => per_cell = parse(&value("--per-cell")),
            "--seed" => {
                let v = value("--seed");
                seed = match v.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16)
                        .unwrap_or_else(|_| usage("--seed: not a number")),
                    None => parse(&v),
                };
            }
            "--misses" => misses = parse(&value("--misses")) as usize,
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    let checker = dmlint::Checker::builtin().expect("the built-in rules are valid");
    let matrix = disguise::run(&checker, seed, per_cell as usize, misses);
    print!("{}", disguise::markdown(&matrix));
    if misses > 0 {
        println!("\n## Example misses\n");
        print!("{}", disguise::misses_markdown(&matrix));
    }
}

fn parse(text: &str) -> u64 {
    text.parse()
        .unwrap_or_else(|_| usage(&format!("not a number: {text:?}")))
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("disguise-matrix: {problem}");
    }
    eprintln!(
        "usage: disguise-matrix [--per-cell N] [--seed S] [--misses N]\n\
         prints recall per contact kind × disguise and false blocks on negatives (Markdown)"
    );
    std::process::exit(2);
}
