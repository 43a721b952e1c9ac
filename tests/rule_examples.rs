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

/// A claim's suggestion must take the claim away, not dress it up: applied to
/// every example of an absolute or efficacy rule, it leaves no claim where
/// the finding stood.
#[test]
fn claim_suggestions_remove_the_claim() {
    use dmlint::rewrite::suggestions;
    use dmlint::{Category, CheckOptions};
    let checker = Checker::builtin().expect("built-in rules load");
    let claim = |c: Category| matches!(c, Category::Absolute | Category::Efficacy);
    let mut failures = Vec::new();
    let mut applied = 0;
    for rule in checker.rules().iter().filter(|r| claim(r.category)) {
        assert!(!rule.suggestions.is_empty(), "{} offers no fix", rule.id);
        for text in &rule.examples.matches {
            let report = checker.check(text, &CheckOptions::default());
            for suggestion in suggestions(&checker, text, &report) {
                let fixed = suggestion.apply(text);
                applied += 1;
                // What stands where the claim stood: the replacement, or for a
                // deletion the joint of its two neighbours.
                let (start, end) = (
                    suggestion.start,
                    suggestion.start + suggestion.replacement.chars().count(),
                );
                let left: Vec<_> = checker
                    .check(&fixed, &CheckOptions::default())
                    .findings
                    .into_iter()
                    .filter(|f| claim(f.category))
                    .filter(|f| {
                        if start == end {
                            f.start < start && start < f.end
                        } else {
                            f.start < end && start < f.end
                        }
                    })
                    .map(|f| f.text)
                    .collect();
                if !left.is_empty() {
                    failures.push(format!("{text:?} → {fixed:?} still claims {left:?}"));
                }
            }
        }
    }
    assert!(applied > 40, "only {applied} suggestions applied");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
