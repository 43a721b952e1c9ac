//! The rewrite's invariants on every message of the shared dev corpora:
//! a rewrite never blocks, names the card when it changed anything, and
//! rewriting it again changes nothing.

use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker, Context, Severity};

fn corpus(name: &str) -> Vec<(String, String, Context)> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e}; the corpus lives in shared/ beside the repository")
    });
    text.lines()
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
        .collect()
}

#[test]
fn every_corpus_rewrite_holds_the_invariants() {
    let checker = Checker::builtin().unwrap();
    let mut rewritten = 0;
    for name in ["dev.jsonl", "real_dev.jsonl"] {
        for (id, text, context) in corpus(name) {
            let options = CheckOptions {
                context,
                ..CheckOptions::default()
            };
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
