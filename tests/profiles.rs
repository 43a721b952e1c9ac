//! Each industry profile changes exactly the warn categories it lists, and
//! no profile touches a blocking category: judged on the rules' own examples.

use dmlint::{CheckOptions, Checker};

#[test]
fn each_profile_sets_its_categories_and_leaves_blocking_ones_alone() {
    let checker = Checker::builtin().expect("built-in rules load");
    let profiles = &checker.book().profiles.profiles;
    assert!(profiles.len() >= 4, "{:?}", profiles.keys());
    let mut checked = 0;
    let mut softened = std::collections::BTreeSet::new();
    for (name, profile) in profiles {
        let options = CheckOptions {
            profile: name.clone(),
            ..CheckOptions::default()
        };
        for rule in checker.rules() {
            let Some(text) = rule.examples.matches.first() else {
                continue;
            };
            let expected = profile
                .severity
                .get(&rule.category)
                .copied()
                .filter(|_| !rule.category.is_diversion())
                .unwrap_or(rule.severity);
            let found = checker.check(text, &options).findings;
            let finding = found.iter().find(|f| *f.rule == *rule.id);
            // An example may be won by an earlier rule under one profile and
            // not another; judge only where this rule reports the token.
            if let Some(finding) = finding {
                checked += 1;
                if profile.severity.contains_key(&rule.category) {
                    softened.insert((name.clone(), rule.category));
                }
                assert_eq!(
                    finding.severity, expected,
                    "profile {name}, rule {}, example {text:?}",
                    rule.id
                );
            }
        }
        for category in profile.severity.keys() {
            assert!(
                !category.is_diversion(),
                "profile {name} changes {category:?}"
            );
            assert!(
                softened.contains(&(name.clone(), *category)),
                "no example shows profile {name} changing {category:?}"
            );
        }
    }
    assert!(checked > 150, "only {checked} findings judged");
}
