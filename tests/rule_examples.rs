//! Every rule's own examples: each `match` text yields a finding of that rule
//! at the rule's severity, each `no_match` text does not. All failures are
//! reported together, so a rule author sees every broken example at once.

use dmlint::{CheckOptions, Checker};

#[test]
fn every_rule_matches_its_examples() {
    let checker = Checker::builtin().expect("built-in rules load");
    let options = CheckOptions::default();
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in checker.rules() {
        let fires = |text: &str| {
            checker
                .check(text, &options)
                .findings
                .iter()
                .any(|f| *f.rule == *rule.id && f.severity == rule.severity)
        };
        for text in &rule.examples.matches {
            checked += 1;
            if !fires(text) {
                let found = checker.check(text, &options).findings;
                failures.push(format!(
                    "{}: should match {text:?}; found {found:?}",
                    rule.id
                ));
            }
        }
        for text in &rule.examples.no_match {
            checked += 1;
            if fires(text) {
                failures.push(format!("{}: should not match {text:?}", rule.id));
            }
        }
    }
    assert!(checked > 150, "only {checked} examples ran");
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
