//! Loading and validating rule packs. Every problem names its file, line and
//! column and says what to change; all problems are reported at once.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::compile::{self, ParsedPattern, ParsedRule};
use super::{Builtin, Category, Cues, Profiles, Rule, RuleOverride, RulePack};

/// The rule packs compiled into the binary, in priority order: on a tie for
/// the same token, the earlier rule wins (an IP address is a link before it
/// is a digit run).
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "rules/email.json",
        include_str!("../../../../rules/email.json"),
    ),
    ("rules/url.json", include_str!("../../../../rules/url.json")),
    (
        "rules/wechat.json",
        include_str!("../../../../rules/wechat.json"),
    ),
    (
        "rules/phone.json",
        include_str!("../../../../rules/phone.json"),
    ),
    ("rules/qq.json", include_str!("../../../../rules/qq.json")),
    (
        "rules/platform.json",
        include_str!("../../../../rules/platform.json"),
    ),
    (
        "rules/solicitation.json",
        include_str!("../../../../rules/solicitation.json"),
    ),
    (
        "rules/screening.json",
        include_str!("../../../../rules/screening.json"),
    ),
    (
        "rules/absolute.json",
        include_str!("../../../../rules/absolute.json"),
    ),
    (
        "rules/efficacy.json",
        include_str!("../../../../rules/efficacy.json"),
    ),
];
const BUILTIN_CUES: (&str, &str) = (
    "rules/cues.json",
    include_str!("../../../../rules/cues.json"),
);
const BUILTIN_PROFILES: (&str, &str) = (
    "rules/profiles.json",
    include_str!("../../../../rules/profiles.json"),
);

/// Every built-in file, packs then cues and profiles, as (path, text): what
/// `dmlint rules export` writes out.
pub fn builtin_files() -> Vec<(&'static str, &'static str)> {
    let mut files = BUILTIN_PACKS.to_vec();
    files.extend([BUILTIN_CUES, BUILTIN_PROFILES]);
    files
}

/// One source file's name and text.
#[derive(Debug, Clone, Copy)]
pub struct RuleSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// Where something is written in a rule file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The line and column of byte `offset` in `source`.
    fn at(source: RuleSource, offset: usize) -> Location {
        let before = &source.text[..offset];
        Location {
            file: source.file.to_string(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        }
    }

    /// The start of the file: for problems that belong to no one line.
    fn start(source: RuleSource) -> Location {
        Location::at(source, 0)
    }

    /// Rule `id`'s first mention in its file.
    fn of_rule(source: RuleSource, id: &str) -> Location {
        Location::at(source, mention(source, id, 0).unwrap_or(0))
    }

    /// Where the string `value` of rule `id` is written, or else the rule.
    fn of_value(source: RuleSource, id: &str, value: &str) -> Location {
        let rule = mention(source, id, 0).unwrap_or(0);
        Location::at(source, mention(source, value, rule).unwrap_or(rule))
    }

    pub fn problem(&self, message: String) -> Problem {
        Problem {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message,
        }
    }
}

/// The byte offset of `value` written as a JSON string, at or after `from`.
fn mention(source: RuleSource, value: &str, from: usize) -> Option<usize> {
    let needle = serde_json::to_string(value).ok()?;
    source.text.get(from..)?.find(&needle).map(|i| from + i)
}

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Every problem found while loading rules or compiling them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}

/// All rules, cues and profiles, validated, with every pack's overrides
/// applied. [`crate::Checker::new`] compiles it.
#[derive(Debug, Clone)]
pub struct RuleBook {
    rules: Vec<Rule>,
    disabled: Vec<Rule>,
    origins: HashMap<String, Vec<String>>,
    cues: Cues,
    profiles: Profiles,
    /// Per rule id: its regexes, parsed, and where they are written.
    parsed: HashMap<String, ParsedRule>,
}

impl RuleBook {
    /// The rules in force, in priority order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Rules a pack or the operator switched off, kept so they can be shown
    /// and switched on.
    pub fn disabled(&self) -> &[Rule] {
        &self.disabled
    }

    /// The file that defined rule `id`, then the files that changed it.
    pub fn origins(&self, id: &str) -> &[String] {
        self.origins.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn cues(&self) -> &Cues {
        &self.cues
    }

    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// Switches off the rules in force whose ids are in `ids`.
    pub fn switch_off(&mut self, ids: &[String]) {
        let (off, on): (Vec<Rule>, Vec<Rule>) = std::mem::take(&mut self.rules)
            .into_iter()
            .partition(|r| ids.contains(&r.id));
        self.rules = on;
        self.disabled.extend(off);
    }

    /// A book of `rule` alone, with the same cues and profiles.
    pub(crate) fn only(&self, rule: &Rule) -> RuleBook {
        RuleBook {
            rules: vec![rule.clone()],
            disabled: Vec::new(),
            origins: HashMap::new(),
            cues: self.cues.clone(),
            profiles: self.profiles.clone(),
            parsed: self
                .parsed
                .get(&rule.id)
                .map(|p| (rule.id.clone(), p.clone()))
                .into_iter()
                .collect(),
        }
    }

    /// The parsed regexes of a rule of this book.
    pub(crate) fn parsed(&self, id: &str) -> Option<&ParsedRule> {
        self.parsed.get(id)
    }

    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleBook, RuleError> {
        RuleBook::with_packs(&[])
    }

    /// The built-in rules with `extra` packs layered over them, in order.
    pub fn with_packs(extra: &[RuleSource]) -> Result<RuleBook, RuleError> {
        let mut packs: Vec<RuleSource> = BUILTIN_PACKS
            .iter()
            .map(|&(file, text)| RuleSource { file, text })
            .collect();
        packs.extend_from_slice(extra);
        let (file, text) = BUILTIN_CUES;
        let cues = RuleSource { file, text };
        let (file, text) = BUILTIN_PROFILES;
        RuleBook::load(&packs, cues, RuleSource { file, text })
    }

    pub fn load(
        packs: &[RuleSource],
        cues: RuleSource,
        profiles: RuleSource,
    ) -> Result<RuleBook, RuleError> {
        let mut problems = Vec::new();
        let mut rules = Vec::new();
        let mut parsed = HashMap::new();
        let mut ids = HashSet::new();
        let mut origins: HashMap<String, Vec<String>> = HashMap::new();
        let mut overrides = Vec::new();
        for source in packs {
            let Some(pack) = parse::<RulePack>(*source, &mut problems) else {
                continue;
            };
            overrides.extend(pack.overrides.into_iter().map(|o| (*source, o)));
            for rule in pack.rules {
                origins
                    .entry(rule.id.clone())
                    .or_insert_with(|| vec![source.file.to_string()]);
                for message in validate_rule(&rule) {
                    problems.push(locate(*source, &rule.id, message));
                }
                if let Some(message) = name_problem(&rule) {
                    let at = Location::of_value(*source, &rule.id, "name");
                    problems.push(at.problem(format!("rule `{}`: {message}", rule.id)));
                }
                let regexes = parse_regexes(*source, &rule, &mut problems);
                parsed.entry(rule.id.clone()).or_insert(regexes);
                if !ids.insert(rule.id.clone()) {
                    let first = origins.get(&rule.id).map_or("", |f| f[0].as_str());
                    let message = format!(
                        "rule id `{}` is used twice (first in {first}); give each rule its own \
                         id, or change the first one under `overrides`",
                        rule.id
                    );
                    problems.push(locate(*source, &rule.id, message));
                }
                rules.push(rule);
            }
        }
        let mut switched_off = HashSet::new();
        for (source, change) in overrides {
            let (Some(rule), Some(regexes)) = (
                rules.iter_mut().find(|r| r.id == change.id),
                parsed.get_mut(&change.id),
            ) else {
                let message =
                    "there is no rule with this id to change; `dmlint rules list` shows the ids"
                        .to_string();
                problems.push(locate(source, &change.id, message));
                continue;
            };
            apply_override(source, rule, regexes, &change, &mut problems);
            if change.disabled {
                switched_off.insert(change.id.clone());
            }
            if let Some(files) = origins.get_mut(&change.id) {
                files.push(source.file.to_string());
            }
        }
        let category_of: HashMap<String, Category> =
            rules.iter().map(|r| (r.id.clone(), r.category)).collect();
        let (disabled, rules) = rules
            .into_iter()
            .partition(|r| switched_off.contains(&r.id));
        let cues_source = cues;
        let cues = parse::<Cues>(cues, &mut problems);
        for cue in cues.iter().flat_map(|c| &c.numbers) {
            if cue.max_gap > super::MAX_CUE_GAP {
                problems.push(Location::start(cues_source).problem(format!(
                    "number cue {:?}: max_gap {} is more than {}",
                    cue.words,
                    cue.max_gap,
                    super::MAX_CUE_GAP
                )));
            }
        }
        let profiles_parsed = parse::<Profiles>(profiles, &mut problems);
        if let Some(p) = &profiles_parsed {
            for message in p.problems(|id| category_of.get(id).copied()) {
                problems.push(Location::start(profiles).problem(message));
            }
        }
        match (cues, profiles_parsed) {
            (Some(cues), Some(profiles)) if problems.is_empty() => Ok(RuleBook {
                rules,
                disabled,
                origins,
                cues,
                profiles,
                parsed,
            }),
            _ => Err(RuleError { problems }),
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    source: RuleSource,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match serde_json::from_str(source.text) {
        Ok(value) => Some(value),
        Err(e) => {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the location is ours to give.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_string();
            problems.push(Problem {
                file: source.file.to_string(),
                line: e.line(),
                column: e.column(),
                message,
            });
            None
        }
    }
}

/// A problem with rule `id`, placed at the id's first mention in its file.
pub fn locate(source: RuleSource, id: &str, message: String) -> Problem {
    Location::of_rule(source, id).problem(format!("rule `{id}`: {message}"))
}

/// Parses a rule's `patterns` and `exceptions`; each problem points at the
/// pattern's own line.
fn parse_regexes(source: RuleSource, rule: &Rule, problems: &mut Vec<Problem>) -> ParsedRule {
    let mut regexes = ParsedRule {
        at: Location::of_rule(source, &rule.id),
        patterns: Vec::new(),
        exceptions: None,
    };
    for pattern in &rule.patterns {
        add_pattern(source, &rule.id, pattern, &mut regexes, problems);
    }
    match compile::parse_exceptions(&rule.exceptions) {
        Ok(exceptions) => regexes.exceptions = exceptions,
        Err(message) => problems.push(locate(source, &rule.id, message)),
    }
    regexes
}

fn add_pattern(
    source: RuleSource,
    id: &str,
    pattern: &str,
    regexes: &mut ParsedRule,
    problems: &mut Vec<Problem>,
) {
    let at = Location::of_value(source, id, pattern);
    match compile::parse_pattern(pattern) {
        Ok(hir) => regexes.patterns.push(ParsedPattern { hir, at }),
        Err(message) => problems.push(at.problem(format!("rule `{id}`: {message}"))),
    }
}

/// Changes `rule` as `change` (in `source`) says; what cannot be done goes
/// to `problems`.
fn apply_override(
    source: RuleSource,
    rule: &mut Rule,
    regexes: &mut ParsedRule,
    change: &RuleOverride,
    problems: &mut Vec<Problem>,
) {
    let mut complain = |message: &str| problems.push(locate(source, &change.id, message.into()));
    if change.severity.is_none()
        && !change.disabled
        && change.add_keywords.is_empty()
        && change.add_patterns.is_empty()
    {
        complain(
            "this override changes nothing; give it `severity`, `disabled`, `add_keywords` or `add_patterns`",
        );
    }
    if let Some(severity) = change.severity {
        rule.severity = severity;
    }
    for keyword in &change.add_keywords {
        if keyword.trim().is_empty() {
            complain("`add_keywords` has an empty word; remove it");
        } else {
            rule.keywords.push(keyword.clone());
        }
    }
    for pattern in &change.add_patterns {
        rule.patterns.push(pattern.clone());
        add_pattern(source, &change.id, pattern, regexes, problems);
    }
}

/// A name given in one language only: lists in the other would show the id.
/// No name at all is fine (the id is shown); half a name is a slip.
fn name_problem(rule: &Rule) -> Option<String> {
    let (zh, en) = (rule.name.zh.trim(), rule.name.en.trim());
    match (zh.is_empty(), en.is_empty()) {
        (true, false) => Some(format!(
            "`name` has no Chinese (`zh` is empty); write one beside {en:?}, or leave `name` out \
             and lists show the id"
        )),
        (false, true) => Some(format!(
            "`name` has no English (`en` is empty); write one beside {zh:?}, or leave `name` out \
             and lists show the id"
        )),
        _ => None,
    }
}

fn validate_rule(rule: &Rule) -> Vec<String> {
    let mut problems = Vec::new();
    if rule.keywords.is_empty()
        && rule.patterns.is_empty()
        && rule.pinyin.is_empty()
        && rule.builtin.is_none()
    {
        problems.push(
            "matches nothing; give it `keywords`, `patterns`, `pinyin` or a `builtin`".to_string(),
        );
    }
    for syllables in &rule.pinyin {
        // Lone letters and Han chars are matched as written ("v xin", "加 wei");
        // a word needs one real syllable, or it is a keyword.
        let literal = |s: &str| {
            s.chars().count() == 1
                && !s.starts_with(|c: char| c.is_ascii() && !c.is_ascii_lowercase())
        };
        let ok = syllables
            .split_whitespace()
            .all(|s| literal(s) || s.chars().all(|c| c.is_ascii_lowercase()))
            && syllables
                .split_whitespace()
                .any(|s| s.len() > 1 && s.is_ascii());
        if !ok || syllables.trim().is_empty() {
            problems.push(format!(
                "pinyin {syllables:?} must be toneless lower-case syllables separated by spaces, like \"wei xin\", \"v xin\" or \"加 wei\" (a lone letter or Han char is matched as written)"
            ));
        }
    }
    if rule.keywords.iter().any(|k| k.trim().is_empty()) {
        problems.push("has an empty keyword; remove it".to_string());
    }
    if rule.builtin == Some(Builtin::EnglishWords) && rule.only_in.is_none() {
        problems.push("the english-words matcher needs `only_in`".to_string());
    }
    if let Some(cue) = rule.cue
        && cue.max_gap > super::MAX_CUE_GAP
    {
        problems.push(format!(
            "cue max_gap {} is more than {}; numbers that far away are not this channel's",
            cue.max_gap,
            super::MAX_CUE_GAP
        ));
    }
    if rule.examples.matches.is_empty() {
        problems.push("has no `examples.match`; add at least one text it must find".to_string());
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `pack` as `mine.json` over the built-in rules.
    fn load_own_pack(pack: &str) -> RuleError {
        RuleBook::with_packs(&[RuleSource {
            file: "mine.json",
            text: pack,
        }])
        .unwrap_err()
    }

    fn with_profiles(profiles: &str) -> Result<RuleBook, RuleError> {
        let source = |(file, text): (&'static str, &'static str)| RuleSource { file, text };
        let packs: Vec<RuleSource> = BUILTIN_PACKS.iter().copied().map(source).collect();
        RuleBook::load(
            &packs,
            source(BUILTIN_CUES),
            RuleSource {
                file: "profiles.json",
                text: profiles,
            },
        )
    }

    #[test]
    fn a_unicode_word_boundary_is_refused_with_the_fix() {
        let err = load_own_pack(
            r#"{"pack": "mine", "description": {"zh": "", "en": ""}, "rules": [{"id": "mine.best", "category": "absolute",
                "severity": "warn", "patterns": ["\\bbest\\b"],
                "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""},
                "examples": {"match": ["the best"]}}]}"#,
        );
        assert!(err.to_string().contains("write `(?-u:\\b)`"), "{err}");
    }

    #[test]
    fn a_profile_may_change_warn_rules_only_and_only_rules_that_exist() {
        let contexts = r#""contexts": {
            "welcome": {"description": {"zh": "", "en": ""}, "topic_severity": "warn", "card": {"zh": "名片", "en": "card"}},
            "auto_reply": {"description": {"zh": "", "en": ""}, "topic_severity": "warn", "card": {"zh": "名片", "en": "card"}},
            "dm": {"description": {"zh": "", "en": ""}, "topic_severity": "info", "card": {"zh": "名片", "en": "card"}}}"#;
        let profiles = |rules: &str| {
            format!(
                r#"{{"profiles": {{"general": {{"description": {{"zh": "", "en": ""}}, "rules": {rules}}}}}, {contexts}}}"#
            )
        };
        assert!(with_profiles(&profiles(r#"{"efficacy.guarantee": "info"}"#)).is_ok());
        let err = with_profiles(&profiles(r#"{"efficacy.guarantees": "info"}"#)).unwrap_err();
        assert!(
            err.to_string()
                .contains("`efficacy.guarantees`, which does not exist"),
            "{err}"
        );
        let err = with_profiles(&profiles(r#"{"wechat.variant": "info"}"#)).unwrap_err();
        assert!(err.to_string().contains("a diversion category"), "{err}");
    }

    #[test]
    fn builtin_rules_load() {
        let book = RuleBook::builtin().expect("built-in rules are valid");
        assert!(book.rules.len() > 20);
    }

    /// Lists show rules by name: every built-in rule has a short one in both
    /// languages, and no two share one (in either language).
    #[test]
    fn every_builtin_rule_has_a_name_of_its_own() {
        let book = RuleBook::builtin().expect("built-in rules are valid");
        let mut problems = Vec::new();
        let (mut zh, mut en) = (HashMap::new(), HashMap::new());
        for rule in book.rules.iter().chain(&book.disabled) {
            let name = &rule.name;
            if name.zh.trim().is_empty() || name.en.trim().is_empty() {
                problems.push(format!("{}: no name in both languages: {name:?}", rule.id));
            }
            if name.zh.chars().count() > 10 || name.en.chars().count() > 32 {
                problems.push(format!(
                    "{}: name longer than 10 zh / 32 en chars: {name:?}",
                    rule.id
                ));
            }
            for (seen, text) in [
                (&mut zh, name.zh.clone()),
                (&mut en, name.en.to_lowercase()),
            ] {
                if let Some(other) = seen.insert(text.clone(), rule.id.clone()) {
                    problems.push(format!("{}: same name {text:?} as {other}", rule.id));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_name_in_one_language_only_is_reported_at_the_name() {
        let pack = r#"{"pack": "x", "description": {"zh": "", "en": ""}, "rules": [
  {"id": "mine.a", "category": "wechat", "severity": "block", "keywords": ["x"],
   "name": {"zh": "暗号", "en": " "},
   "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["x"]}}]}"#;
        let text = load_own_pack(pack).to_string();
        assert!(
            text.starts_with("mine.json:3:4: rule `mine.a`: `name` has no English"),
            "{text}"
        );
    }

    #[test]
    fn a_rule_without_a_name_is_listed_by_its_id() {
        let book = layered(
            r#"{"pack": "m", "description": {"zh": "", "en": ""},
  "rules": [{"id": "mine.word", "category": "solicitation", "severity": "block",
    "keywords": ["暗号"], "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""},
    "examples": {"match": ["暗号"]}}]}"#,
        );
        let mine = book.rules.iter().find(|r| r.id == "mine.word").unwrap();
        assert!(mine.name.is_blank());
        assert_eq!(mine.label(crate::Language::Chinese), "mine.word");
        let written = serde_json::to_string(mine).unwrap();
        assert!(
            !written.contains("\"name\""),
            "no name is written as none: {written}"
        );
        let variant = book
            .rules
            .iter()
            .find(|r| r.id == "wechat.variant")
            .unwrap();
        assert_eq!(variant.label(crate::Language::Chinese), "微信的变体写法");
        assert_eq!(variant.label(crate::Language::English), "WeChat, disguised");
    }

    #[test]
    fn reports_file_line_and_column_of_a_syntax_error() {
        let err = load_own_pack("{\n  \"pack\": \"x\",\n  \"rules\": [,]\n}");
        assert_eq!(err.problems.len(), 1);
        let p = &err.problems[0];
        assert_eq!((p.file.as_str(), p.line), ("mine.json", 3));
    }

    #[test]
    fn reports_every_problem_at_once() {
        let pack = r#"{"pack": "x", "description": {"zh": "", "en": ""}, "rules": [
  {"id": "a", "category": "wechat", "severity": "block", "patterns": ["("],
   "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["x"]}},
  {"id": "a", "category": "wechat", "severity": "block", "keywords": ["x"],
   "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}}
]}"#;
        let text = load_own_pack(pack).to_string();
        assert!(text.contains("mine.json:2:"), "{text}");
        assert!(text.contains("invalid pattern"), "{text}");
        assert!(text.contains("used twice"), "{text}");
        assert!(text.contains("no `examples.match`"), "{text}");
    }

    #[test]
    fn a_broken_exception_is_reported_at_its_rule() {
        let pack = r#"{"pack": "x", "description": {"zh": "", "en": ""}, "rules": [
  {"id": "mine.a", "category": "wechat", "severity": "block", "keywords": ["x"],
   "exceptions": ["(?i)ok", "[z-"],
   "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["x"]}}]}"#;
        let text = load_own_pack(pack).to_string();
        assert!(
            text.starts_with("mine.json:2:10: rule `mine.a`: invalid exception \"[z-\""),
            "{text}"
        );
    }

    #[test]
    fn rejects_an_unknown_category_by_name() {
        let pack = r#"{"pack": "x", "description": {"zh": "", "en": ""}, "rules": [
  {"id": "a", "category": "telegram", "severity": "block", "keywords": ["x"],
   "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""}, "examples": {"match": ["x"]}}]}"#;
        let text = load_own_pack(pack).to_string();
        assert!(text.starts_with("mine.json:2:"), "{text}");
        assert!(text.contains("unknown variant `telegram`"), "{text}");
    }

    fn layered(pack: &str) -> RuleBook {
        RuleBook::with_packs(&[RuleSource {
            file: "mine.json",
            text: pack,
        }])
        .expect("the pack layers cleanly")
    }

    #[test]
    fn a_pack_adds_overrides_and_disables_rules() {
        let book = layered(
            r#"{"pack": "m", "description": {"zh": "", "en": ""},
  "rules": [{"id": "mine.word", "category": "solicitation", "severity": "block",
    "keywords": ["暗号"], "message": {"zh": "", "en": ""}, "fix": {"zh": "", "en": ""},
    "examples": {"match": ["暗号"]}}],
  "overrides": [
    {"id": "english.words", "severity": "info"},
    {"id": "amount.money", "disabled": true},
    {"id": "wechat.variant", "add_keywords": ["维❤"], "add_patterns": ["weix[i1]n"]}]}"#,
        );
        let rule = |id: &str| book.rules.iter().find(|r| r.id == id);
        assert!(rule("mine.word").is_some());
        assert_eq!(
            rule("english.words").unwrap().severity,
            super::super::Severity::Info
        );
        assert!(rule("amount.money").is_none());
        assert!(book.disabled.iter().any(|r| r.id == "amount.money"));
        let variant = rule("wechat.variant").unwrap();
        assert!(variant.keywords.iter().any(|k| k == "维❤"));
        assert!(variant.patterns.iter().any(|p| p == "weix[i1]n"));
        assert_eq!(book.origins["mine.word"], ["mine.json"]);
        assert_eq!(
            book.origins["amount.money"],
            ["rules/screening.json", "mine.json"]
        );
    }
}
