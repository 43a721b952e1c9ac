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

/// The profile every check uses unless another is chosen; every
/// `profiles.json` must have it.
const GENERAL: &str = "general";

/// A profile resolved from its name once ([`Profiles::resolve`]): checks
/// look it up by index. The default is `general`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ProfileId(pub(crate) usize);

/// A profile name that `rules/profiles.json` does not define.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile `{name}`; choose one of: {}", .known.join(", "))]
#[non_exhaustive]
pub struct UnknownProfile {
    pub name: String,
    /// The profiles there are, `general` first.
    pub known: Vec<String>,
}

impl Profiles {
    /// The profiles in [`ProfileId`] order: `general` first, then by name.
    pub fn in_order(&self) -> impl Iterator<Item = (&str, &Profile)> {
        let general = self.profiles.get_key_value(GENERAL);
        let others = self.profiles.iter().filter(|(name, _)| *name != GENERAL);
        general
            .into_iter()
            .chain(others)
            .map(|(name, profile)| (name.as_str(), profile))
    }

    /// The profile called `name`; the error lists the known ones.
    pub fn resolve(&self, name: &str) -> Result<ProfileId, UnknownProfile> {
        self.in_order()
            .position(|(known, _)| known == name)
            .map(ProfileId)
            .ok_or_else(|| UnknownProfile {
                name: name.to_string(),
                known: self.in_order().map(|(n, _)| n.to_string()).collect(),
            })
    }

    fn get(&self, profile: ProfileId) -> Option<&Profile> {
        self.in_order().nth(profile.0).map(|(_, p)| p)
    }

    /// The severity a finding of `rule` (of `category`) gets under
    /// `profile`, where it differs from the finding's own.
    pub fn change(&self, profile: ProfileId, rule: &str, category: Category) -> Option<Severity> {
        if category.is_diversion() {
            return None;
        }
        let profile = self.get(profile)?;
        profile
            .rules
            .get(rule)
            .or_else(|| profile.severity.get(&category))
            .copied()
    }

    /// The severity a finding of `rule` (of `category`) gets under `profile`.
    pub fn adjust(
        &self,
        profile: ProfileId,
        rule: &str,
        category: Category,
        severity: Severity,
    ) -> Severity {
        self.change(profile, rule, category).unwrap_or(severity)
    }

    /// Where findings of `category` come among those of one severity under
    /// `profile`: the profile's priority categories first, in its order.
    pub fn rank(&self, profile: ProfileId, category: Category) -> usize {
        self.get(profile)
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
        if !self.profiles.contains_key(GENERAL) {
            problems.push("there is no `general` profile; add one (it may be empty)".into());
        }
        problems
    }
}
