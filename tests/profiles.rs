//! Each industry profile changes exactly the warn categories and rules it
//! lists, and no profile touches a blocking category: judged on the rules'
//! own examples.

use dmlint::{Category, CheckOptions, Checker, Severity};

#[test]
fn each_profile_sets_its_categories_and_leaves_blocking_ones_alone() {
    let checker = Checker::builtin().expect("built-in rules load");
    let profiles = checker.book().profiles();
    assert!(
        profiles.profiles.len() >= 4,
        "{:?}",
        profiles.profiles.keys()
    );
    let mut checked = 0;
    let mut softened = std::collections::BTreeSet::new();
    for (name, profile) in profiles.in_order() {
        let options = CheckOptions::default().with_profile(profiles.resolve(name).unwrap());
        for rule in checker.rules() {
            let Some(text) = rule.examples.matches.first() else {
                continue;
            };
            let expected = profile
                .rules
                .get(&rule.id)
                .or_else(|| profile.severity.get(&rule.category))
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
                    softened.insert((name, rule.category));
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
                softened.contains(&(name, *category)),
                "no example shows profile {name} changing {category:?}"
            );
        }
    }
    assert!(checked > 150, "only {checked} findings judged");
}

fn severities(checker: &Checker, profile: &str, text: &str) -> Vec<(String, Severity)> {
    let profile = checker.book().profiles().resolve(profile).unwrap();
    let options = CheckOptions::default().with_profile(profile);
    checker
        .check(text, &options)
        .findings
        .into_iter()
        .map(|f| (f.text, f.severity))
        .collect()
}

#[test]
fn a_clinic_may_name_its_treatments_but_not_promise_a_cure_or_be_the_best() {
    let checker = Checker::builtin().unwrap();
    let text = "本院采用激光治疗，能根治灰指甲，是全市最专业的皮肤科";
    let expect = |treatment| {
        vec![
            ("治疗".to_string(), treatment),
            ("根治".to_string(), Severity::Warn),
            ("全市最专业".to_string(), Severity::Warn),
        ]
    };
    assert_eq!(
        severities(&checker, "general", text),
        expect(Severity::Warn)
    );
    assert_eq!(
        severities(&checker, "medical", text),
        expect(Severity::Info)
    );
}

#[test]
fn e_commerce_reads_claims_first_among_the_warnings() {
    let checker = Checker::builtin().unwrap();
    let report = checker.check(
        "新款 signature 系列，顶级面料，能消炎",
        &CheckOptions::default(),
    );
    let order = |profile| -> Vec<Category> {
        let profile = checker.book().profiles().resolve(profile).unwrap();
        checker
            .reading_order(&report, profile)
            .iter()
            .map(|f| f.category)
            .collect()
    };
    assert_eq!(
        order("general"),
        [Category::English, Category::Absolute, Category::Efficacy]
    );
    assert_eq!(
        order("ecommerce"),
        [Category::Absolute, Category::Efficacy, Category::English]
    );
}
