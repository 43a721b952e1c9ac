//! The rewrite's invariants on every message of the shared dev corpora:
//! a rewrite never blocks, names the card when it changed anything, and
//! rewriting it again changes nothing.

use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker, Context, Severity};

/// A shared corpus, or `None` with a notice when `shared/` is not beside the
/// repository (a fresh clone alone; `.ci/run` still scores the corpora).
fn corpus(name: &str) -> Option<Vec<(String, String, Context)>> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&path).exists() {
        eprintln!("skipped: {path} is absent; the corpus lives in shared/ beside the repository");
        return None;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let context = v["context"]
                .as_str()
                .and_then(Context::parse)
                .unwrap_or_default();
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
                context,
            )
        })
        .collect();
    Some(cases)
}

#[test]
fn every_corpus_rewrite_holds_the_invariants() {
    let checker = Checker::builtin().unwrap();
    let mut rewritten = 0;
    let (Some(dev), Some(real)) = (corpus("dev.jsonl"), corpus("real_dev.jsonl")) else {
        return;
    };
    for cases in [dev, real] {
        for (id, text, context) in cases {
            let options = CheckOptions::new(context);
            let report = checker.check(&text, &options);
            let first = rewrite(&checker, &text, &report, &options, &CardPhrases::default());
            let recheck = checker.check(&first.text, &options);
            assert_eq!(
                recheck.count(Severity::Block),
                0,
                "{id}: {:?} still blocks: {:?}",
                first.text,
                recheck.findings
            );
            let second = rewrite(
                &checker,
                &first.text,
                &recheck,
                &options,
                &CardPhrases::default(),
            );
            assert_eq!(second.text, first.text, "{id}: rewriting twice changed it");
            if report.count(Severity::Block) == 0 {
                assert_eq!(first.text, text, "{id}: nothing blocks, yet it changed");
            } else {
                rewritten += 1;
                assert!(
                    first.text.contains("名片")
                        || first.text.to_lowercase().contains("contact card"),
                    "{id}: {:?}",
                    first.text
                );
            }
        }
    }
    assert!(
        rewritten > 150,
        "only {rewritten} blocking messages were rewritten"
    );
}

/// One labelled case of `tests/corpus/claims.jsonl` (the shared corpus format).
#[derive(serde::Deserialize)]
struct Case {
    id: String,
    context: String,
    text: String,
    expect: String,
    spans: Vec<Span>,
}

#[derive(serde::Deserialize)]
struct Span {
    category: String,
    text: String,
}

/// The claims corpus, scored as `score.py` scores the shared ones: every
/// labelled claim overlapped by a finding (warn-span recall), of its own
/// category, and not one finding of any kind on a hard negative.
#[test]
fn claims_corpus_scores() {
    let path = format!("{}/tests/corpus/claims.jsonl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: Vec<Case> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1)))
        .collect();
    let checker = Checker::builtin().unwrap();
    let (mut spans, mut found, mut right_category) = (0, 0, 0);
    let mut misses = Vec::new();
    let mut negatives = 0;
    for case in &cases {
        let options = CheckOptions::new(Context::parse(&case.context).expect("a known context"));
        let report = checker.check(&case.text, &options);
        if case.expect == "pass" {
            negatives += 1;
            assert!(
                report.findings.is_empty(),
                "{}: a hard negative, yet {:?}",
                case.id,
                report.findings
            );
            continue;
        }
        assert_eq!(report.count(Severity::Block), 0, "{}: blocks", case.id);
        for span in &case.spans {
            spans += 1;
            let start = case.text[..case.text.find(&span.text).expect("span in text")]
                .chars()
                .count();
            let end = start + span.text.chars().count();
            let over: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.start < end && start < f.end)
                .collect();
            if over.is_empty() {
                misses.push(format!("{}: {}", case.id, span.text));
                continue;
            }
            found += 1;
            if over.iter().any(|f| f.category.as_str() == span.category) {
                right_category += 1;
            }
        }
    }
    assert!(
        cases.len() >= 40 && negatives * 2 >= cases.len(),
        "the corpus needs 40 cases, half of them hard negatives"
    );
    let recall = found as f64 / spans as f64;
    let category = right_category as f64 / found as f64;
    assert!(
        recall >= 0.95,
        "warn-span recall {recall:.3}; missed {misses:?}"
    );
    assert!(category >= 0.95, "category accuracy {category:.3}");
}
