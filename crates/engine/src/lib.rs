//! dmlint's engine: finds every token of a merchant's message that Xiaohongshu
//! will judge as 导流 (diverting users off-platform) or that its screening tends
//! to flag, in the original text's coordinates, however it is disguised.
//!
//! ```
//! use dmlint_engine::{CheckOptions, Checker, Verdict};
//!
//! let checker = Checker::builtin()?;
//! let report = checker.check("加我V信：abc_123", &CheckOptions::default());
//! for f in &report.findings {
//!     println!("{}..{} {} ({:?}): {}", f.start, f.end, f.text, f.severity, f.message);
//! }
//! assert_eq!(report.verdict, Verdict::Block);
//! assert_eq!(report.findings[0].text, "加我");
//! # Ok::<(), dmlint_engine::RuleError>(())
//! ```
//!
//! Where the message goes, the shop's trade and its own words change what
//! is found; a finding names its rule for an O(1) look-up:
//!
//! ```
//! use dmlint_engine::{CheckOptions, Checker, Context};
//!
//! let checker = Checker::builtin()?;
//! let legal = checker.book().profiles().resolve("legal")?;
//! let options = CheckOptions::new(Context::Welcome)
//!     .with_profile(legal)
//!     .with_allowlist(["薇薇安律所"]);
//! let report = checker.check("薇薇安律所欢迎您，加我V信：abc_123", &options);
//! let rules: Vec<&str> = report
//!     .findings
//!     .iter()
//!     .filter_map(|f| checker.rule(f.rule_id))
//!     .map(|r| r.id.as_str())
//!     .collect();
//! assert!(rules.contains(&"wechat.variant"), "{rules:?}");
//! assert!(report.findings.iter().all(|f| !f.text.contains('薇')));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`rewrite::rewrite`] turns a blocking message into one the platform
//! accepts, steering the customer to the social card instead.
//!
//! The engine knows nothing of windows, terminals or file formats: it depends
//! on text and data crates only. The app and the CLI (the `dmlint` crate) and
//! the script libraries (`dmlint-library`) are faces on [`Checker`].

pub mod detect;
mod lang;
pub mod normalize;
mod punctuation;
pub mod rewrite;
pub mod rules;

pub use detect::Checker;
pub use lang::Language;
pub use rewrite::{CardPhrases, Edit, Rewrite, Suggestion};
pub use rules::{Category, Context, ProfileId, RuleError, RuleId, Severity};

use std::sync::Arc;

use serde::Serialize;

/// The outcome of checking one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Warn,
    Block,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Block => "block",
        }
    }
}

/// One risky token, in char offsets (Unicode scalar values) of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The id of the rule that found it, e.g. `wechat.variant`.
    #[serde(serialize_with = "serialize_shared")]
    pub rule: Arc<str>,
    /// The same rule's place in the checker's book, to look it up with
    /// [`Checker::rule`].
    #[serde(skip)]
    pub rule_id: RuleId,
    pub category: Category,
    pub severity: Severity,
    /// First char of the token in the original text.
    pub start: usize,
    /// One past the last char (exclusive).
    pub end: usize,
    /// The token as the merchant wrote it.
    pub text: String,
    /// The canonical form that triggered the rule ("①③⑧" → "138").
    pub normalized: String,
    /// Why it is risky, in the message's own language.
    #[serde(serialize_with = "serialize_shared")]
    pub message: Arc<str>,
    /// What to do about it, in the message's own language.
    #[serde(serialize_with = "serialize_shared")]
    pub fix: Arc<str>,
}

/// A rule's id and texts are shared by all its findings (no copy per
/// finding) and serialise as plain strings.
fn serialize_shared<S: serde::Serializer>(
    text: &Arc<str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text)
}

/// Everything the engine found in one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub verdict: Verdict,
    /// Whether the message is Chinese- or English-dominant.
    pub language: Language,
    /// Findings sorted by start, never overlapping.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The spans of the block findings, in original char offsets.
    pub fn block_spans(&self) -> Vec<std::ops::Range<usize>> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Block)
            .map(|f| f.start..f.end)
            .collect()
    }

    /// Counts findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// How a message is checked: where it will be sent, the shop's industry, and
/// the shop's own words that are never findings. The default: a DM, the
/// `general` profile, nothing allowlisted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckOptions {
    pub context: Context,
    profile: ProfileId,
    /// Canonical forms, with their length in chars; none empty.
    allowlist: Vec<(String, usize)>,
}

impl CheckOptions {
    /// Options for a message sent as `context`.
    pub fn new(context: Context) -> CheckOptions {
        CheckOptions {
            context,
            ..CheckOptions::default()
        }
    }

    /// Under the industry profile `profile` ([`rules::Profiles::resolve`]).
    pub fn with_profile(self, profile: ProfileId) -> CheckOptions {
        CheckOptions { profile, ..self }
    }

    /// Brand, shop and product names, the account's 小红书号: never
    /// flagged. Normalised here, once; blank words are left out.
    pub fn with_allowlist<W: AsRef<str>>(self, words: impl IntoIterator<Item = W>) -> CheckOptions {
        let allowlist = words
            .into_iter()
            .map(|w| normalize::Normalized::new(w.as_ref()))
            .filter(|w| !w.is_empty())
            .map(|w| (w.text().to_string(), w.len()))
            .collect();
        CheckOptions { allowlist, ..self }
    }

    pub fn profile(&self) -> ProfileId {
        self.profile
    }

    /// The allowlisted words, canonical, with their length in chars.
    pub(crate) fn allowlist(&self) -> &[(String, usize)] {
        &self.allowlist
    }
}
