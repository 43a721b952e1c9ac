//! A rule's own examples, run through the whole checker: each `match` text
//! must yield a finding of the rule at its severity, each `no_match` text
//! must not. The test suite runs the built-in rules' examples; `dmlint rules
//! check` runs a merchant's.

use super::Checker;
use crate::rules::Rule;
use crate::{CheckOptions, Finding};

/// An example its rule gets wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub text: String,
    /// Whether the text is a `match` example (and was not found) or a
    /// `no_match` one (and was).
    pub should_match: bool,
    /// What the checker found in the text instead.
    pub found: Vec<Finding>,
    /// For a `match` example: the rule that found the text at this rule's
    /// severity instead, when one did.
    pub taken_by: Option<String>,
}

impl ExampleFailure {
    /// The failure in words, for a rule author.
    pub fn describe(&self) -> String {
        let found: Vec<String> = self
            .found
            .iter()
            .map(|f| format!("{} {}", f.rule, f.text))
            .collect();
        let found = if found.is_empty() {
            "nothing".to_string()
        } else {
            found.join(", ")
        };
        if self.should_match {
            match &self.taken_by {
                Some(other) => format!(
                    "example {:?} is found, but by `{other}`: a rule loaded earlier wins a tie \
                     for the same token; pick an example only this rule finds, or drop the rule",
                    self.text
                ),
                None => format!(
                    "example {:?} should match but does not (found: {found})",
                    self.text
                ),
            }
        } else {
            format!("example {:?} should not match but does", self.text)
        }
    }
}

impl Checker {
    /// The examples of `rule` that the checker gets wrong, with default options.
    pub fn example_failures(&self, rule: &Rule) -> Vec<ExampleFailure> {
        let options = CheckOptions::default();
        let fires = |found: &[Finding]| {
            found
                .iter()
                .any(|f| *f.rule == *rule.id && f.severity == rule.severity)
        };
        let mut failures = Vec::new();
        let examples = rule
            .examples
            .matches
            .iter()
            .map(|t| (t, true))
            .chain(rule.examples.no_match.iter().map(|t| (t, false)));
        for (text, should_match) in examples {
            let found = self.check(text, &options).findings;
            if fires(&found) != should_match {
                let taken_by = should_match
                    .then(|| self.taken_by(rule, text, &found))
                    .flatten();
                failures.push(ExampleFailure {
                    text: text.clone(),
                    should_match,
                    found,
                    taken_by,
                });
            }
        }
        failures
    }

    /// The rule that won the token `rule` finds in `text` when it is checked
    /// alone: an earlier rule wins a tie.
    fn taken_by(&self, rule: &Rule, text: &str, found: &[Finding]) -> Option<String> {
        // It compiled with the others, so it compiles alone.
        let alone = Checker::new(self.book().only(rule)).ok()?;
        let own = alone.check(text, &CheckOptions::default()).findings;
        own.iter().find_map(|mine| {
            found
                .iter()
                .find(|f| f.start < mine.end && mine.start < f.end)
                .map(|f| f.rule.to_string())
        })
    }
}
