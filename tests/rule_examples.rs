//! Every rule's own examples: each `match` text yields a finding of that rule
//! at the rule's severity, each `no_match` text does not. All failures are
//! reported together, so a rule author sees every broken example at once.

use dmlint::Checker;

#[test]
fn every_rule_matches_its_examples() {
    let checker = Checker::builtin().expect("built-in rules load");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in checker.rules() {
        checked += rule.examples.matches.len() + rule.examples.no_match.len();
        for failure in checker.example_failures(rule) {
            failures.push(format!("{}: {}", rule.id, failure.describe()));
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
