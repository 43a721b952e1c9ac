//! The rule-pack model: rules are data (`rules/*.json`), each with a message, a
//! severity and its own examples, loaded with serde and validated before use.

pub(crate) mod compile;
mod load;
mod profiles;
mod user;

/// The most chars a cue may stand from its number: a pack's `max_gap` is
/// checked against it when it loads, and the number finder looks no further.
pub const MAX_CUE_GAP: usize = 30;

pub use load::{
    BUILTIN_PACKS, Location, Problem, RuleBook, RuleError, RuleSource, builtin_files, locate,
};
pub use profiles::{ContextSettings, Profile, ProfileId, Profiles, UnknownProfile};
pub use user::{Folders, PackError, PackFile, folders, read_packs, user_dir, user_packs};

use serde::{Deserialize, Serialize};

/// A rule's place in its checker's book: faces look a finding's rule up
/// with it in constant time ([`crate::Checker::rule`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub(crate) usize);

/// How bad a finding is. Ordered: `Info < Warn < Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warn,
    Block,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }
}

/// The taxonomy of DESIGN.md section 2; the names are part of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Wechat,
    Phone,
    Qq,
    Email,
    Url,
    Platform,
    Solicitation,
    Digits,
    Alnum,
    Unit,
    Size,
    Model,
    Amount,
    Address,
    English,
    Absolute,
    Efficacy,
}

impl Category {
    pub const ALL: [Category; 17] = [
        Category::Wechat,
        Category::Phone,
        Category::Qq,
        Category::Email,
        Category::Url,
        Category::Platform,
        Category::Solicitation,
        Category::Digits,
        Category::Alnum,
        Category::Unit,
        Category::Size,
        Category::Model,
        Category::Amount,
        Category::Address,
        Category::English,
        Category::Absolute,
        Category::Efficacy,
    ];

    /// Categories that divert users off-platform: a profile can never soften them.
    pub fn is_diversion(self) -> bool {
        matches!(
            self,
            Category::Wechat
                | Category::Phone
                | Category::Qq
                | Category::Email
                | Category::Url
                | Category::Platform
                | Category::Solicitation
        )
    }

    /// Contact details proper: a solicitation phrase needs one of these nearby.
    pub fn is_contact(self) -> bool {
        self.is_diversion() && self != Category::Solicitation
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Wechat => "wechat",
            Category::Phone => "phone",
            Category::Qq => "qq",
            Category::Email => "email",
            Category::Url => "url",
            Category::Platform => "platform",
            Category::Solicitation => "solicitation",
            Category::Digits => "digits",
            Category::Alnum => "alnum",
            Category::Unit => "unit",
            Category::Size => "size",
            Category::Model => "model",
            Category::Amount => "amount",
            Category::Address => "address",
            Category::English => "english",
            Category::Absolute => "absolute",
            Category::Efficacy => "efficacy",
        }
    }
}

/// Where the message will be sent. Welcome messages and auto-replies are the
/// strictest: since 2025-01-07 they may carry no contact at all.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Welcome,
    AutoReply,
    #[default]
    Dm,
}

impl Context {
    pub const ALL: [Context; 3] = [Context::Welcome, Context::AutoReply, Context::Dm];

    pub fn as_str(self) -> &'static str {
        match self {
            Context::Welcome => "welcome",
            Context::AutoReply => "auto_reply",
            Context::Dm => "dm",
        }
    }

    pub fn parse(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A text in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    /// Whether neither language has any text (blank counts as none).
    pub fn is_blank(&self) -> bool {
        self.zh.trim().is_empty() && self.en.trim().is_empty()
    }

    pub fn get(&self, language: crate::Language) -> &str {
        match language {
            crate::Language::Chinese => &self.zh,
            crate::Language::English => &self.en,
        }
    }
}

/// When a rule's match counts at its full severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// Always.
    #[default]
    None,
    /// Only when the channel is named as a destination (加/搜/关注 before it, an
    /// ID, 号 or 店 after it…); named as a topic it drops to the context's
    /// topic severity. See `rules/cues.json`.
    Destination,
    /// Only with a number, ID or address right after it ("电话：138…"): for
    /// channel words that are everyday words too ("打电话").
    ContactFollows,
    /// Always, unless the channel is plainly a topic ("不要相信加扣扣的", "Q币").
    UnlessTopic,
    /// Only with a contact detail in the same sentence ("call me" + a number).
    NearContact,
    /// Like `destination`, but only a cue touching the match counts (加/搜
    /// before it, 直播间/上搜 after it, an ID beside it), never a 搜 later in
    /// the sentence nor bare punctuation: for short nicknames that are
    /// everyday abbreviations too (tb, ks, xy).
    StrongDestination,
}

/// Matchers implemented in code, for what patterns cannot express well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    /// A mainland mobile number (1[3-9] + 9 digits), in any digit style.
    NumberMobile,
    /// A landline with its area code, or a local number after a phone word.
    NumberLandline,
    /// A 400/800 service number.
    NumberTollFree,
    /// A number with a country code (+1 415 …, +852 …, (212) 555-0148).
    NumberInternational,
    /// A 5–11 digit number after a QQ word, 群 or 加.
    NumberQq,
    /// A number after a WeChat word.
    NumberWechat,
    /// A run of 5+ digits that nothing else explains.
    NumberDigits,
    /// A WeChat-style ID after a channel word or 加 ("加V：abc_123").
    HandleAfterCue,
    /// An @handle after a platform named as a destination.
    PlatformHandle,
    /// An account ID beside a platform, in either order ("Line ID: mimi88",
    /// "luna_shop88 是我的 ig").
    PlatformId,
    /// The name the customer is told to search for on a platform (搜「店名」).
    SearchName,
    /// Latin words inside Chinese-dominant text.
    EnglishWords,
    /// A host under a public suffix, its dots written in any disguise
    /// (abc-shop.top, shop dot cn, abc点com), with scheme and path.
    Link,
    /// An app share code (口令) between two matching symbols (￥AbC123xy￥).
    ShareCode,
    /// Asking for the customer's own account on a channel, whatever the
    /// channel is called (你的威信是多少, 您的淘宝账号是什么).
    AskAccount,
    /// An e-mail address, its @ and dots written in any disguise
    /// (nana点wen@qq点com, bear_77[at]qq.com, coco at mail dot com).
    EmailAddress,
}

/// Must-match and must-not-match examples; the test suite runs them all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(rename = "match", default)]
    pub matches: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

/// One rule as written in a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// A short human name for lists, in both languages (「微信的变体写法」,
    /// "WeChat, disguised"); the id stays the stable key. Every built-in rule
    /// has one; a merchant's pack may leave it out, and [`Rule::label`] then
    /// shows the id.
    #[serde(default, skip_serializing_if = "Bilingual::is_blank")]
    pub name: Bilingual,
    pub category: Category,
    pub severity: Severity,
    /// Literal words, matched on the canonical form (so "V信" also finds "Ｖ信").
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Regexes over the canonical (lower-case, folded) text; a group named `m`
    /// narrows the finding to that group.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Pinyin syllables ("wei xin"): any Han chars read that way match.
    #[serde(default)]
    pub pinyin: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<Builtin>,
    #[serde(default)]
    pub gate: Gate,
    /// With a gate: report a failed gate as a topic mention (true) or not at all.
    #[serde(default = "yes")]
    pub topic: bool,
    /// The match is void when one of these stands right before it (参加我 ≠ 加我).
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// The match is void when one of these stands right after it.
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// Regexes for whole matches that are not findings after all ("11am" is a
    /// time, not an ID); matched against the canonical text of the match.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// A match of this rule also tells what a number or ID right after it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<RuleCue>,
    /// Fixes offered for a warning, besides keeping it as it is.
    #[serde(default)]
    pub suggestions: Vec<SuggestionSpec>,
    /// Only in text dominated by this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_in: Option<crate::Language>,
    pub message: Bilingual,
    pub fix: Bilingual,
    #[serde(default)]
    pub examples: Examples,
}

impl Rule {
    /// What a list shows for the rule in `language`: its name, or its id when
    /// it has no name in that language.
    pub fn label(&self, language: crate::Language) -> &str {
        match self.name.get(language) {
            name if name.trim().is_empty() => &self.id,
            name => name,
        }
    }

    /// Whether the rule matches a channel's own name (微信, QQ, 淘宝), not a
    /// number, ID or handle found by code beside it.
    pub fn names_channel(&self) -> bool {
        self.category.is_contact() && self.builtin.is_none()
    }
}

fn yes() -> bool {
    true
}

/// A fix a rule offers for its warnings: a fixed replacement, or the token
/// with parts swapped by `map` ("60cm" → "60厘米").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestionSpec {
    pub label: Bilingual,
    #[serde(default)]
    pub replacement: String,
    /// Canonical (lower-case) parts of the token and what to write instead.
    #[serde(default)]
    pub map: std::collections::BTreeMap<String, String>,
}

/// A rule pack file: `rules/<name>.json`, or a merchant's own pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    pub pack: String,
    pub description: Bilingual,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Changes to rules of the packs loaded before this one (the built-in
    /// rules, for a merchant's pack).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<RuleOverride>,
}

/// A change to a rule loaded earlier: another severity, more words or
/// patterns, or the rule switched off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    /// The id of the rule to change (`dmlint rules list` shows them).
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Switch the rule off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    /// Words the rule also finds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_keywords: Vec<String>,
    /// Patterns the rule also finds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_patterns: Vec<String>,
}

/// A word that tells what a nearby number or ID is ("QQ", "群号", "订单号").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberCue {
    pub words: Vec<String>,
    pub channel: Channel,
    /// How many chars may stand between the cue and the number.
    pub max_gap: usize,
}

/// A rule whose matches act as number cues ("微信" + "abc_123").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleCue {
    pub channel: Channel,
    /// How many chars may stand between the match and the number or ID.
    pub max_gap: usize,
}

/// What a cue says a nearby number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Qq,
    Wechat,
    Phone,
    /// 加/➕: a bare number after it is a QQ, a handle a WeChat ID.
    Add,
    /// 号/号码/账号: the channel is whatever was named before in the sentence.
    Id,
    /// 订单号, 快递, 邀请码…: not a contact at all.
    Label,
}

/// The words that tell a destination from a topic (see [`Gate::Destination`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    pub numbers: Vec<NumberCue>,
    /// Before a channel in the same clause: 加, 搜, 关注, follow, on…
    pub destination_before: Vec<String>,
    /// Right after a channel: 号, 群, 店, 主页, :, @…
    pub destination_after: Vec<String>,
    /// Anywhere after a channel in the same sentence: 搜, 关注…
    pub destination_sentence: Vec<String>,
    /// Right after a channel, making it a topic: 支付, 零钱, 的物流…
    pub topic_after: Vec<String>,
    /// Words in which a cue is no cue: 更加, 参加 and 外加 hold 加 but add nobody.
    pub ordinary_words: Vec<String>,
    /// Words that open a clause finishing a removed instruction ("搜「店名」即可",
    /// "备注小红书"): the rewrite removes that clause too.
    pub follow_up: Vec<String>,
    /// Before a channel in the same clause, making it a topic: 转发, 来自, 不要…
    pub topic_before: Vec<String>,
    /// Chars or words that may stand between a channel and a cue after it
    /// (京东[也有我们的]旗舰店, 快手[上]直播间).
    #[serde(default)]
    pub link_after: Vec<String>,
    /// A sentence ending in one of these is a question ("是淘宝店吗？")…
    #[serde(default)]
    pub question_end: Vec<String>,
    /// …unless it holds one of these, which make it a polite request
    /// ("可以关注我们抖音吗").
    #[serde(default)]
    pub request_words: Vec<String>,
    /// Verbs that introduce a name to search for (搜「店名」, search for "…").
    #[serde(default)]
    pub search_words: Vec<String>,
    /// Words between an ID and the channel word after it ("abc_123 是我微信").
    #[serde(default)]
    pub id_before: Vec<String>,
    /// Labels between a channel word and the ID after it ("Line ID:", "淘宝店铺：").
    #[serde(default)]
    pub id_labels: Vec<String>,
    /// Before a channel, words that make it the customer's own ("您的微信")…
    #[serde(default)]
    pub ask_before: Vec<String>,
    /// …and after it, words that ask for it ("是多少", "呢"): asking for the
    /// customer's account elsewhere names that channel as a destination.
    #[serde(default)]
    pub ask_after: Vec<String>,
    /// Weaker links between a channel word and an ID ("my WeChat is mimi_88"):
    /// the ID after one must look made up, not be a word ("WeChat is great").
    #[serde(default)]
    pub id_links: Vec<String>,
    /// Generic words after a search verb that are no name ("搜我们店名").
    #[serde(default)]
    pub generic_names: Vec<String>,
    /// Words that end a search name ("搜贝贝母婴就能找到").
    #[serde(default)]
    pub name_ends: Vec<String>,
    /// Words after which a name may stand alone in the next clause
    /// ("来抖音直播间找我们，鹿鸣家居")…
    #[serde(default)]
    pub appositive_before: Vec<String>,
    /// …when it holds none of these, which belong to a clause, not a name
    /// ("找我们，每天都有福利").
    #[serde(default)]
    pub not_in_names: Vec<String>,
    /// Per contact category, words that only make sense with a contact of it
    /// (回拨, 加了, 注明, "call us"): when the rewrite removes such a contact,
    /// the clauses that hold them go too.
    #[serde(default)]
    pub dependents: std::collections::BTreeMap<Category, Vec<String>>,
    /// Words that lead to a contact and go with it when the rewrite keeps
    /// the rest of its clause ("定制款[请加V：]…", "订花[请拨打]…").
    #[serde(default)]
    pub contact_leads: Vec<String>,
    /// Words a kept purpose may not start with: they finish the removed
    /// instruction (就可以, 之后) or point at the removed channel ("there").
    /// The channel's own nouns (`destination_after`: 链接, 群, 店) neither.
    #[serde(default)]
    pub not_purposes: Vec<String>,
}
