//! Industry profiles and send contexts (`rules/profiles.json`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Bilingual, Category, Context, Severity};

/// An industry's leniency and emphasis: new severities for the warn
/// categories or single warn rules, and which warnings to show first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub description: Bilingual,
    #[serde(default)]
    pub severity: BTreeMap<Category, Severity>,
    /// Severities of single rules, which win over their category's: a clinic
    /// may name its treatments, yet may not promise a cure.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Severity>,
    /// Categories listed first among findings of the same severity: what
    /// this trade is most often fined for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority: Vec<Category>,
}

/// How strict a send context is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSettings {
    pub description: Bilingual,
    /// The severity of a channel named as a mere topic ("微信支付").
    pub topic_severity: Severity,
    /// The default phrase that sends the customer to the social card.
    pub card: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiles {
    pub profiles: BTreeMap<String, Profile>,
    pub contexts: BTreeMap<Context, ContextSettings>,
}

impl Profiles {
    /// `name` if it is a profile; otherwise an error that lists the known ones.
    pub fn known(&self, name: &str) -> Result<(), String> {
        if self.profiles.contains_key(name) {
            return Ok(());
        }
        let names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
        Err(format!(
            "unknown profile `{name}`; choose one of: {}",
            names.join(", ")
        ))
    }

    /// The severity a finding of `rule` (of `category`) gets under `profile`.
    pub fn adjust(
        &self,
        profile: &str,
        rule: &str,
        category: Category,
        severity: Severity,
    ) -> Severity {
        if category.is_diversion() {
            return severity;
        }
        let Some(profile) = self.profiles.get(profile) else {
            return severity;
        };
        profile
            .rules
            .get(rule)
            .or_else(|| profile.severity.get(&category))
            .copied()
            .unwrap_or(severity)
    }

    /// Where findings of `category` come among those of one severity under
    /// `profile`: the profile's priority categories first, in its order.
    pub fn rank(&self, profile: &str, category: Category) -> usize {
        self.profiles
            .get(profile)
            .and_then(|p| p.priority.iter().position(|&c| c == category))
            .unwrap_or(usize::MAX)
    }

    pub fn topic_severity(&self, context: Context) -> Severity {
        self.contexts
            .get(&context)
            .map_or(Severity::Info, |c| c.topic_severity)
    }

    /// Problems that serde cannot see: a profile softening a diversion
    /// category or rule, a rule id that does not exist, a context without
    /// settings. `category_of` tells a loaded rule's category by id.
    pub fn problems(&self, category_of: impl Fn(&str) -> Option<Category>) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, profile) in &self.profiles {
            for id in profile.rules.keys() {
                match category_of(id) {
                    None => problems.push(format!(
                        "profile `{name}` changes rule `{id}`, which does not exist; `dmlint rules list` shows the ids"
                    )),
                    Some(category) if category.is_diversion() => problems.push(format!(
                        "profile `{name}` changes rule `{id}` of `{}`, a diversion category; profiles may only change warn rules",
                        category.as_str()
                    )),
                    Some(_) => {}
                }
            }
            for category in profile.severity.keys() {
                if category.is_diversion() {
                    problems.push(format!(
                        "profile `{name}` changes `{}`, a diversion category; profiles may only change warn categories",
                        category.as_str()
                    ));
                }
            }
        }
        for context in Context::ALL {
            if !self.contexts.contains_key(&context) {
                problems.push(format!(
                    "context `{}` has no settings; add it under \"contexts\"",
                    context.as_str()
                ));
            }
        }
        if !self.profiles.contains_key("general") {
            problems.push("there is no `general` profile; add one (it may be empty)".into());
        }
        problems
    }
}
