//! The disguise matrix, sampled: every contact kind × every disguise × the
//! three contexts, and the same disguises on negatives, from a fixed seed, a
//! few cases per cell. Each cell's recall may not fall below the floor in
//! `tests/disguise/baseline.tsv`, nor a negative's false blocks rise above its
//! ceiling. The target is recall ≥ 0.99 everywhere and no false block; the
//! baseline records where the engine stands until then. After an engine
//! improvement, raise the floors with
//! `DMLINT_UPDATE_BASELINE=1 cargo test --test disguise` and commit the file.
//! The full matrix: `cargo run --release --example disguise-matrix`
//! (see `COVERAGE.md`).

#[path = "disguise/mod.rs"]
mod disguise;

use dmlint::Checker;

/// The sample's seed and size: fixed, so the test is deterministic and the
/// baseline means something. Changing either means regenerating the baseline.
const SEED: u64 = 0x00D1_5601_5E00;
const PER_CELL: usize = 15;

const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/disguise/baseline.tsv");

#[test]
fn no_disguise_cell_falls_below_its_baseline() {
    let checker = Checker::builtin().expect("the built-in rules are valid");
    let matrix = disguise::run(&checker, SEED, PER_CELL, 2);
    if std::env::var_os("DMLINT_UPDATE_BASELINE").is_some_and(|v| v == "1") {
        std::fs::write(BASELINE, disguise::baseline_tsv(&matrix)).expect("baseline written");
        println!("{}", disguise::markdown(&matrix));
        return;
    }
    let baseline = std::fs::read_to_string(BASELINE).expect(
        "tests/disguise/baseline.tsv exists (DMLINT_UPDATE_BASELINE=1 cargo test --test disguise)",
    );
    let problems = disguise::compare(&matrix, &baseline);
    assert!(
        problems.is_empty(),
        "{}\n\n{}\n{}\nRegressions against tests/disguise/baseline.tsv:\n{}",
        disguise::markdown(&matrix),
        "Example misses:",
        disguise::misses_markdown(&matrix),
        problems.join("\n")
    );
}

#[test]
fn every_case_records_where_its_contact_is() {
    // The generator's own promise: each positive has something to cover, in
    // range, and no covered range is only whitespace.
    let mut rng = disguise::Rng::new(7);
    for family in disguise::Family::ALL {
        for t in disguise::Transform::ALL {
            if !disguise::applies(family, t) {
                continue;
            }
            let mut made = 0;
            for _ in 0..40 {
                let context = dmlint::Context::ALL[rng.below(3)];
                let Some(case) = disguise::positive(family, t, context, &mut rng) else {
                    continue;
                };
                made += 1;
                let chars: Vec<char> = case.text.chars().collect();
                assert!(!case.cover.is_empty(), "{family:?} {t:?}: {case:?}");
                for r in &case.cover {
                    assert!(r.end <= chars.len() && r.start < r.end, "{case:?}");
                    assert!(
                        chars[r.clone()].iter().any(|c| !c.is_whitespace()),
                        "{case:?}"
                    );
                }
            }
            assert!(
                made > 0,
                "{family:?} × {t:?} is applicable but never generated"
            );
        }
    }
}
