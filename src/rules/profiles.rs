//! Industry profiles and send contexts (`rules/profiles.json`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Bilingual, Category, Context, Severity};

/// An industry's leniency: new severities for the warn categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub description: Bilingual,
    #[serde(default)]
    pub severity: BTreeMap<Category, Severity>,
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
    /// The severity a finding of `category` gets under `profile`.
    pub fn adjust(&self, profile: &str, category: Category, severity: Severity) -> Severity {
        if category.is_diversion() {
            return severity;
        }
        self.profiles
            .get(profile)
            .and_then(|p| p.severity.get(&category))
            .copied()
            .unwrap_or(severity)
    }

    pub fn topic_severity(&self, context: Context) -> Severity {
        self.contexts
            .get(&context)
            .map_or(Severity::Info, |c| c.topic_severity)
    }

    /// Problems that serde cannot see: a profile softening a diversion category,
    /// a context without settings.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, profile) in &self.profiles {
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
