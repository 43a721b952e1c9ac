//! The matchers and the pipeline that turns their raw matches into findings.
//!
//! 1. Every matcher proposes candidates on the canonical text: keywords (one
//!    Aho-Corasick pass for all rules), regexes, pinyin homophones, the number
//!    finder, IDs after a channel word, English words, hosts under a public
//!    suffix and share codes (口令).
//! 2. Gates decide destination from topic with the cue words of `rules/cues.json`.
//! 3. Profiles adjust warn severities; the allowlist removes the shop's own words.
//! 4. Overlaps resolve to one finding per token: highest severity, then the
//!    longest match, then the earlier rule.

mod classes;
mod cues;
mod english;
pub mod examples;
mod handles;
mod keywords;
mod links;
mod numbers;
mod patterns;
mod pieces;
mod pinyin;
mod split;
mod spoken;
mod suffixes;
mod text;
mod words;

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::Arc;

use crate::normalize::Normalized;
use crate::rules::{
    Builtin, Gate, Problem, ProfileId, Rule, RuleBook, RuleError, RuleId, Severity,
};
use crate::{CheckOptions, Finding, Language, Report, Verdict};

use classes::Classes;
use cues::{CueHit, CueMatcher, GateState};
use text::SortedRanges;

/// A proposed finding, in canonical char offsets.
#[derive(Debug, Clone)]
struct Candidate {
    rule: usize,
    range: Range<usize>,
    severity: Severity,
    /// The canonical form to show ("13800138000"); `None`: the canonical slice.
    normalized: Option<String>,
}

impl Candidate {
    /// A match of `rules[rule]` at the rule's own severity, shown as the
    /// canonical slice.
    fn of(rules: &[crate::rules::Rule], rule: usize, range: Range<usize>) -> Candidate {
        Candidate {
            rule,
            range,
            severity: rules[rule].severity,
            normalized: None,
        }
    }
}

/// The compiled rule set: build once, check many messages.
pub struct Checker {
    book: RuleBook,
    keywords: keywords::KeywordMatcher,
    patterns: patterns::PatternMatcher,
    pinyin: pinyin::PinyinMatcher,
    split: split::SplitMatcher,
    cues: CueMatcher,
    builtin: HashMap<Builtin, usize>,
    /// Each rule's index by its id: faces look rules up per finding.
    by_id: HashMap<Arc<str>, usize>,
    neighbours: Vec<Neighbours>,
    texts: Vec<RuleTexts>,
    /// Per profile, in [`ProfileId`] order, per rule: the severity the
    /// profile gives the rule's findings, where it changes it.
    profile_severities: Vec<Vec<Option<Severity>>>,
    vocabulary: crate::rewrite::Vocabulary,
}

/// A rule's id, message and fix, shared by every finding of the rule.
struct RuleTexts {
    id: Arc<str>,
    message: SharedBilingual,
    fix: SharedBilingual,
}

impl RuleTexts {
    fn new(rule: &Rule) -> RuleTexts {
        RuleTexts {
            id: Arc::from(rule.id.as_str()),
            message: SharedBilingual::new(&rule.message),
            fix: SharedBilingual::new(&rule.fix),
        }
    }
}

struct SharedBilingual {
    zh: Arc<str>,
    en: Arc<str>,
}

impl SharedBilingual {
    fn new(text: &crate::rules::Bilingual) -> SharedBilingual {
        SharedBilingual {
            zh: Arc::from(text.zh.as_str()),
            en: Arc::from(text.en.as_str()),
        }
    }

    fn get(&self, language: Language) -> &Arc<str> {
        match language {
            Language::Chinese => &self.zh,
            Language::English => &self.en,
        }
    }
}

/// Keywords too many for any automaton: the problem points at the rule with
/// the most, the one to split or trim.
fn too_many_words(book: &RuleBook, error: String) -> Problem {
    let largest = book.rules().iter().max_by_key(|r| r.keywords.len());
    let location = largest
        .and_then(|r| book.parsed(&r.id))
        .map(|p| p.at.clone());
    let id = largest.map_or("", |r| r.id.as_str());
    location.unwrap_or_default().problem(format!(
        "rule `{id}`: the rules' keywords together fit no automaton ({error}); this rule has \
         the most"
    ))
}

/// What voids a rule's match: `not_preceded_by` / `not_followed_by` in
/// canonical chars, and `exceptions` as one anchored regex.
struct Neighbours {
    before: Vec<Vec<char>>,
    after: Vec<Vec<char>>,
    exceptions: Option<regex_automata::meta::Regex>,
}

impl Neighbours {
    fn new(rule: &Rule, book: &RuleBook) -> Result<Neighbours, Problem> {
        let exceptions = match book
            .parsed(&rule.id)
            .and_then(|p| p.exceptions.as_ref().map(|e| (p, e)))
        {
            Some((parsed, hir)) => Some(crate::rules::compile::regex(hir).map_err(|e| {
                parsed.at.problem(format!(
                    "rule `{}`: the `exceptions` together {}",
                    rule.id, e
                ))
            })?),
            None => None,
        };
        Ok(Neighbours {
            before: Normalized::words(&rule.not_preceded_by),
            after: Normalized::words(&rule.not_followed_by),
            exceptions,
        })
    }

    /// Whether a match at `range` is void because of what touches it or what it is.
    fn void(&self, norm: &Normalized, range: &Range<usize>) -> bool {
        let chars = norm.chars();
        self.before
            .iter()
            .any(|w| chars[..range.start].ends_with(w))
            || self.after.iter().any(|w| chars[range.end..].starts_with(w))
            || self
                .exceptions
                .as_ref()
                .is_some_and(|e| e.is_match(norm.slice(range.clone())))
    }
}

impl Checker {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<Checker, RuleError> {
        Checker::new(RuleBook::builtin()?)
    }

    /// Compiles a rule book: every regex once, alone and in the set that
    /// runs them all. Each problem names the file and line to change.
    pub fn new(book: RuleBook) -> Result<Checker, RuleError> {
        let rules = book.rules();
        let mut problems = Vec::new();
        let patterns = patterns::PatternMatcher::new(&book).map_err(|p| problems.extend(p));
        let neighbours: Vec<Neighbours> = rules
            .iter()
            .filter_map(|r| Neighbours::new(r, &book).map_err(|p| problems.push(p)).ok())
            .collect();
        let keywords = keywords::KeywordMatcher::new(rules, CueMatcher::number_words(book.cues()))
            .map_err(|e| problems.push(too_many_words(&book, e)));
        let (Ok(patterns), Ok(keywords), true) = (patterns, keywords, problems.is_empty()) else {
            return Err(RuleError { problems });
        };
        let builtin = rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.builtin.map(|b| (b, i)))
            .collect();
        Ok(Checker {
            keywords,
            patterns,
            pinyin: pinyin::PinyinMatcher::new(rules),
            split: split::SplitMatcher::new(rules),
            cues: CueMatcher::new(book.cues()),
            builtin,
            by_id: rules
                .iter()
                .enumerate()
                .map(|(i, r)| (Arc::from(r.id.as_str()), i))
                .collect(),
            neighbours,
            texts: rules.iter().map(RuleTexts::new).collect(),
            profile_severities: (0..book.profiles().in_order().count())
                .map(|p| {
                    rules
                        .iter()
                        .map(|r| book.profiles().change(ProfileId(p), &r.id, r.category))
                        .collect()
                })
                .collect(),
            vocabulary: crate::rewrite::Vocabulary::new(book.cues()),
            book,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        self.book.rules()
    }

    /// The rule of a finding of this checker.
    pub fn rule(&self, id: RuleId) -> Option<&Rule> {
        self.book.rules().get(id.0)
    }

    /// The rule in force with this name (`wechat.variant`), if any.
    pub fn rule_named(&self, name: &str) -> Option<&Rule> {
        self.by_id.get(name).map(|&i| &self.book.rules()[i])
    }

    pub fn book(&self) -> &RuleBook {
        &self.book
    }

    /// The rewrite's word lists, folded.
    pub(crate) fn vocabulary(&self) -> &crate::rewrite::Vocabulary {
        &self.vocabulary
    }

    /// The findings in the order an operator should read them: blocks, then
    /// warnings, then notes; within each, the profile's priority categories
    /// first; then by position.
    pub fn reading_order<'r>(&self, report: &'r Report, profile: ProfileId) -> Vec<&'r Finding> {
        let profiles = self.book.profiles();
        let mut findings: Vec<&Finding> = report.findings.iter().collect();
        findings.sort_by_key(|f| {
            (
                std::cmp::Reverse(f.severity),
                profiles.rank(profile, f.category),
                f.start,
            )
        });
        findings
    }

    /// Checks one message.
    pub fn check(&self, text: &str, options: &CheckOptions) -> Report {
        let norm = Normalized::new(text);
        let language = Language::of(&norm);
        let chars = norm.chars();
        let classes = Classes::new(chars);
        let rules = self.book.rules();

        let mut candidates = Vec::new();
        let mut cue_words = Vec::new();
        self.keywords
            .find(&norm, rules, &mut candidates, &mut cue_words);
        self.patterns.find(&norm, rules, &mut candidates);
        self.pinyin.find(chars, &mut candidates);
        let joined = split::Matchers {
            keywords: &self.keywords,
            pinyin: &self.pinyin,
            patterns: &self.patterns,
        };
        self.split
            .find(&norm, &classes, rules, &joined, &mut candidates);
        let original = links::Original::new(text);
        for (builtin, find) in [
            (
                Builtin::Link,
                links::hosts as fn(&Normalized, &Classes, &links::Original) -> Vec<Range<usize>>,
            ),
            (Builtin::ShareCode, links::share_codes),
            (Builtin::EmailAddress, links::emails),
        ] {
            if let Some(rule) = self.rule_for(builtin) {
                candidates.extend(
                    find(&norm, &classes, &original)
                        .into_iter()
                        .map(|range| Candidate::of(rules, rule, range)),
                );
            }
        }
        for c in &mut candidates {
            if self.pinyin.decorated(norm.chars(), c.range.end) {
                c.range.end += 1;
            }
        }
        candidates.retain(|c| !self.neighbours[c.rule].void(&norm, &c.range));
        let mut cue_hits = self.cues.hits(chars, cue_words);
        cue_hits.extend(candidates.iter().filter_map(|c| {
            rules[c.rule].cue.map(|cue| CueHit {
                range: c.range.clone(),
                channel: cue.channel,
                max_gap: cue.max_gap,
            })
        }));
        cues::sort_hits(&mut cue_hits);
        let mut runs = numbers::find_runs(chars, &classes);
        // Runs with a label before them (工号, 投诉编号) are no contact.
        let mut labelled = HashSet::default();
        let mut previous: Option<&numbers::NumberRun> = None;
        for run in &runs {
            // A list carries its label on: "顺丰：7515…、5762…、0428…".
            let listed = previous.is_some_and(|p| {
                labelled.contains(&p.range.start)
                    && chars[p.range.end..run.range.start]
                        .iter()
                        .all(|&c| matches!(c, '、' | ',' | '，' | ';' | '；' | ' '))
            });
            previous = Some(run);
            let cue = if listed {
                Some(crate::rules::Channel::Label)
            } else {
                cues::nearest_channel(chars, &cue_hits, &run.range)
            };
            if cue == Some(crate::rules::Channel::Label) {
                labelled.insert(run.range.start);
            }
            let touching = cues::cue_touches(&cue_hits, chars, &run.range);
            if let Some(rule) = run
                .classify_after(cue, touching)
                .and_then(|b| self.rule_for(b))
            {
                candidates.push(Candidate {
                    rule,
                    range: run.range.clone(),
                    severity: rules[rule].severity,
                    normalized: Some(run.digits.to_string()),
                });
            }
        }
        // A number given in pieces ("开头159，然后8826，最后3310") is one finding.
        for assembled in pieces::assemble(chars, &runs, &cue_hits) {
            if let Some(rule) = self.rule_for(assembled.builtin) {
                candidates.push(Candidate {
                    rule,
                    range: assembled.run.range.clone(),
                    severity: rules[rule].severity,
                    normalized: Some(assembled.run.digits.to_string()),
                });
            }
            runs.push(assembled.run);
        }
        if let Some(rule) = self.rule_for(Builtin::HandleAfterCue) {
            for range in handles::after_cues(chars, &cue_hits, &self.cues) {
                candidates.push(Candidate::of(rules, rule, range));
            }
        }
        if let Some(rule) = self.rule_for(Builtin::EnglishWords) {
            for range in english::phrases(chars, &classes) {
                candidates.push(Candidate::of(rules, rule, range));
            }
        }

        let id_before = self.ids_beside_channels(chars, &mut candidates);
        let contact_runs: Vec<&numbers::NumberRun> = runs
            .iter()
            .filter(|r| !labelled.contains(&r.range.start))
            .collect();
        self.apply_gates(chars, &contact_runs, &mut candidates, &id_before, options);
        self.attach_platform_handles(chars, &mut candidates);
        self.add_search_names(chars, &mut candidates);
        self.add_account_questions(chars, &mut candidates);
        widen_veiled(chars, self.book.rules(), &mut candidates);
        // A channel named in English ("我们有WeChat") is reported as that
        // channel, at whatever level its gate left it, never as an English word.
        let channels = SortedRanges::new(
            candidates
                .iter()
                .filter(|c| rules[c.rule].names_channel())
                .map(|c| c.range.clone())
                .collect(),
        );
        candidates.retain(|c| {
            let rule = &rules[c.rule];
            let language_ok = rule.only_in.is_none_or(|l| l == language);
            let handle_ok =
                rule.builtin != Some(Builtin::PlatformHandle) || c.severity == Severity::Block;
            let english_channel = rule.builtin == Some(Builtin::EnglishWords)
                && channels.any_overlap(c.range.clone());
            language_ok && handle_ok && !english_channel
        });
        remove_allowlisted(&norm, options.allowlist(), &mut candidates);
        let mut findings = self.resolve(&norm, text, candidates, language);
        // The trade softens a finding after overlaps are resolved: a unit made
        // `info` must not hand "60cm" to the letters-and-digits warning.
        if let Some(changes) = self.profile_severities.get(options.profile().0) {
            for f in &mut findings {
                f.severity = changes[f.rule_id.0].unwrap_or(f.severity);
            }
        }
        let verdict = match findings.iter().map(|f| f.severity).max() {
            Some(Severity::Block) => Verdict::Block,
            Some(Severity::Warn) => Verdict::Warn,
            _ => Verdict::Pass,
        };
        Report {
            verdict,
            language,
            findings,
        }
    }

    fn rule_for(&self, builtin: Builtin) -> Option<usize> {
        self.builtin.get(&builtin).copied()
    }

    /// Account IDs beside a platform (either order) or before a WeChat word
    /// ("abc_123 是我微信"), added as candidates of `platform_id` and
    /// `handle_after_cue`. Returns the channel mentions an ID stands before,
    /// as (rule, start): the ID makes them destinations.
    fn ids_beside_channels(
        &self,
        chars: &[char],
        candidates: &mut Vec<Candidate>,
    ) -> HashSet<(usize, usize)> {
        let rules = self.book.rules();
        let platform_id = self.rule_for(Builtin::PlatformId);
        let wechat_id = self.rule_for(Builtin::HandleAfterCue);
        let qq_number = self.rule_for(Builtin::NumberQq);
        let mut found = Vec::new();
        let mut channels = HashSet::default();
        for c in candidates.iter() {
            let rule = &rules[c.rule];
            if rule.builtin.is_some() {
                continue;
            }
            // Ungated channels report the IDs after them through their cues.
            let gated = rule.gate != Gate::None;
            let (id_rule, after_too, number) = match rule.category {
                crate::Category::Platform => (platform_id, gated, false),
                crate::Category::Wechat => (wechat_id, false, false),
                crate::Category::Qq => (qq_number, false, true),
                _ => continue,
            };
            let Some(id_rule) = id_rule else { continue };
            for (range, before) in self.cues.ids_beside(chars, &c.range, after_too, number) {
                if before {
                    channels.insert((c.rule, c.range.start));
                }
                found.push(Candidate::of(rules, id_rule, range));
            }
        }
        candidates.extend(found);
        channels
    }

    /// The name the customer is told to search for on a platform named as a
    /// destination (搜「店名」) is a span of the platform's category.
    fn add_search_names(&self, chars: &[char], candidates: &mut Vec<Candidate>) {
        let rules = self.book.rules();
        let Some(rule) = self.rule_for(Builtin::SearchName) else {
            return;
        };
        let platforms: Vec<Range<usize>> = candidates
            .iter()
            .filter(|c| {
                rules[c.rule].category == crate::Category::Platform
                    && rules[c.rule].builtin.is_none()
            })
            .map(|c| c.range.clone())
            .collect();
        let blocking = self.blocking_platforms(candidates);
        let taken = SortedRanges::new(platforms);
        let mut seen = HashSet::default();
        for platform in blocking {
            let sentence = text::around(chars, platform, 60, true);
            for name in self.cues.search_names(chars, sentence, &taken) {
                if seen.insert(name.start) {
                    candidates.push(Candidate::of(rules, rule, name));
                }
            }
        }
    }

    /// A question for the customer's own account on a channel (你的威信是多少)
    /// is a solicitation over the whole question, whatever the channel's name.
    fn add_account_questions(&self, chars: &[char], candidates: &mut Vec<Candidate>) {
        let rules = self.book.rules();
        let Some(rule) = self.rule_for(Builtin::AskAccount) else {
            return;
        };
        let questions: Vec<Range<usize>> = candidates
            .iter()
            .filter(|c| rules[c.rule].names_channel())
            .filter_map(|c| self.cues.ask_for_account(chars, &c.range))
            .collect();
        let mut seen = HashSet::default();
        for range in questions {
            if seen.insert(range.start) {
                candidates.push(Candidate::of(rules, rule, range));
            }
        }
    }

    /// Decides destination from topic for gated rules, in three rounds: local
    /// cues; then a solicitation in the same sentence makes any channel named
    /// there a destination ("同款拼多多更便宜，懂的都懂"); then phrases that need
    /// a contact nearby ("call me") look for one.
    fn apply_gates(
        &self,
        chars: &[char],
        runs: &[&numbers::NumberRun],
        candidates: &mut Vec<Candidate>,
        id_before: &HashSet<(usize, usize)>,
        options: &CheckOptions,
    ) {
        let rules = self.book.rules();
        let topic = self.book.profiles().topic_severity(options.context);
        let mut contact_starts: Vec<Range<usize>> = runs
            .iter()
            .filter(|r| r.may_be_contact())
            // "iPhone13/14/15": numbers glued to a word are a model's, unless
            // they have a contact's shape on their own ("wx13800138000").
            .filter(|r| {
                let glued = r.range.start > 0 && chars[r.range.start - 1].is_ascii_alphabetic();
                !glued || r.has_contact_shape()
            })
            .map(|r| r.range.clone())
            .collect();
        contact_starts.extend(
            candidates
                .iter()
                .filter(|c| {
                    let r = &rules[c.rule];
                    r.gate == Gate::None
                        && r.category.is_contact()
                        && r.builtin != Some(Builtin::PlatformHandle)
                })
                .map(|c| c.range.clone()),
        );
        let contacts_ahead = SortedRanges::new(contact_starts);
        let mut pending = Vec::new();
        for (i, c) in candidates.iter_mut().enumerate() {
            let rule = &rules[c.rule];
            let state = match rule.gate {
                Gate::None | Gate::NearContact => continue,
                _ if id_before.contains(&(c.rule, c.range.start)) => GateState::ContactFollows,
                Gate::Destination
                | Gate::StrongDestination
                | Gate::UnlessTopic
                | Gate::ContactFollows => self.cues.gate_state(
                    chars,
                    &c.range,
                    &contacts_ahead,
                    rule.gate == Gate::StrongDestination,
                ),
            };
            let full = match (rule.gate, state) {
                (Gate::ContactFollows, state) => state == GateState::ContactFollows,
                (_, GateState::Destination | GateState::ContactFollows) => true,
                (Gate::UnlessTopic, GateState::Neutral) => true,
                _ => false,
            };
            if !full {
                c.severity = topic.min(rule.severity);
                if state == GateState::Neutral
                    && matches!(rule.gate, Gate::Destination | Gate::StrongDestination)
                {
                    pending.push(i);
                }
            }
        }
        // A blocking solicitation makes the channels of its sentence destinations.
        let solicitations = SortedRanges::new(
            candidates
                .iter()
                .filter(|c| {
                    let r = &rules[c.rule];
                    r.category == crate::Category::Solicitation
                        && r.gate != Gate::NearContact
                        && c.severity == Severity::Block
                })
                .map(|c| c.range.clone())
                .collect(),
        );
        for i in pending {
            let c = &mut candidates[i];
            // Most messages have none: no sentence to look at then.
            if !solicitations.is_empty()
                && solicitations.any_inside(text::around(chars, c.range.clone(), 60, true))
            {
                c.severity = rules[c.rule].severity;
            }
        }
        // Phrases that only count beside a contact detail.
        let contacts = SortedRanges::new(
            candidates
                .iter()
                .filter(|c| rules[c.rule].category.is_contact() && c.severity == Severity::Block)
                .map(|c| c.range.clone())
                .collect(),
        );
        candidates.retain_mut(|c| {
            let rule = &rules[c.rule];
            if rule.gate != Gate::NearContact {
                return true;
            }
            let near = !contacts.is_empty()
                && contacts.any_inside(text::around(chars, c.range.clone(), 80, true));
            if !near {
                c.severity = topic.min(rule.severity);
            }
            near || rule.topic
        });
        candidates.retain(|c| c.severity == rules[c.rule].severity || rules[c.rule].topic);
    }

    /// The platforms named as destinations (not the IDs and names beside them).
    fn blocking_platforms(&self, candidates: &[Candidate]) -> Vec<Range<usize>> {
        let rules = self.book.rules();
        candidates
            .iter()
            .filter(|c| {
                rules[c.rule].category == crate::Category::Platform
                    && rules[c.rule].builtin.is_none()
                    && c.severity == Severity::Block
            })
            .map(|c| c.range.clone())
            .collect()
    }

    /// An @handle is a platform finding when a platform named as a destination
    /// stands before it in the same sentence ("IG @paws_bj", "TikTok, same handle: @kai").
    fn attach_platform_handles(&self, chars: &[char], candidates: &mut [Candidate]) {
        let rules = self.book.rules();
        let platforms = SortedRanges::new(self.blocking_platforms(candidates));
        for c in candidates.iter_mut() {
            if rules[c.rule].builtin != Some(Builtin::PlatformHandle) {
                continue;
            }
            let after_platform = !platforms.is_empty()
                && platforms.any_between(
                    text::sentence_start(chars, c.range.start, 40),
                    c.range.start,
                );
            c.severity = if after_platform {
                Severity::Block
            } else {
                Severity::Info
            };
        }
    }

    /// One finding per token: the highest severity, then the longest match,
    /// then the earlier rule.
    fn resolve(
        &self,
        norm: &Normalized,
        original: &str,
        mut candidates: Vec<Candidate>,
        language: Language,
    ) -> Vec<Finding> {
        // The key orders every pair but exact duplicates, so an unstable
        // sort decides the same.
        candidates.sort_unstable_by_key(|c| {
            (
                std::cmp::Reverse(c.severity),
                std::cmp::Reverse(c.range.len()),
                c.rule,
                c.range.start,
                c.normalized.is_some(),
            )
        });
        // Overlap is judged in the original: "¼" folds to three canonical
        // chars, and two matches inside them still share one original char.
        // Accepted spans never overlap, so the one starting last before a
        // candidate's end is the only one that can overlap it.
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut kept = Vec::new();
        for c in candidates {
            if c.range.is_empty() {
                continue;
            }
            let span = norm.original_span(c.range.clone());
            let overlaps = taken
                .range(..span.end)
                .next_back()
                .is_some_and(|(_, &end)| end > span.start);
            if !overlaps {
                taken.insert(span.start, span.end);
                kept.push((span, c));
            }
        }
        kept.sort_by_key(|(span, _)| span.start);
        Self::bridge_decorations(original, &mut kept);
        // Kept spans ascend and never overlap: one forward walk finds every
        // span's bytes.
        let mut bytes = ByteOffsets::new(original);
        kept.into_iter()
            .map(|(span, c)| {
                let rule = &self.book.rules()[c.rule];
                let texts = &self.texts[c.rule];
                Finding {
                    rule: texts.id.clone(),
                    rule_id: RuleId(c.rule),
                    category: rule.category,
                    severity: c.severity,
                    start: span.start,
                    end: span.end,
                    text: original[bytes.at(span.start)..bytes.at(span.end)].to_string(),
                    normalized: c
                        .normalized
                        .unwrap_or_else(|| norm.slice(c.range.clone()).to_string()),
                    message: texts.message.get(language).clone(),
                    fix: texts.fix.get(language).clone(),
                }
            })
            .collect()
    }

    /// "扫❤码❤进❤群", "加❤我❤V": the emoji and symbols between two blocking
    /// findings decorate a single phrase, so the first finding takes them;
    /// highlighting and removing both then leaves no stray ❤.
    fn bridge_decorations(original: &str, kept: &mut [(Range<usize>, Candidate)]) {
        let mut bytes = ByteOffsets::new(original);
        for i in 1..kept.len() {
            let (before, after) = kept.split_at_mut(i);
            let (span, first) = &mut before[i - 1];
            let (next_span, next) = &after[0];
            // Judged in the original: normalisation may have dropped the marks.
            let gap = span.end..next_span.start;
            if gap.is_empty()
                || gap.len() > split::MAX_SPLIT
                || first.severity != Severity::Block
                || next.severity != Severity::Block
            {
                continue;
            }
            let text = &original[bytes.at(gap.start)..bytes.at(gap.end)];
            if text.chars().all(split::is_decoration) {
                span.end = next_span.start;
            }
        }
    }
}

/// Byte offsets of char offsets into a text, each walked to from the last:
/// ascending offsets (with small steps back) read the text once.
struct ByteOffsets<'a> {
    text: &'a str,
    /// The char offset `byte` stands at.
    char: usize,
    byte: usize,
}

impl<'a> ByteOffsets<'a> {
    fn new(text: &'a str) -> ByteOffsets<'a> {
        ByteOffsets {
            text,
            char: 0,
            byte: 0,
        }
    }

    /// The byte offset of char `index`.
    fn at(&mut self, index: usize) -> usize {
        if let Some(back) = self.char.checked_sub(index).filter(|&n| n > 0) {
            let mut before = self.text[..self.byte].chars();
            before.nth_back(back - 1);
            self.byte = before.as_str().len();
            self.char = index;
        } else if let Some(skip) = index.checked_sub(self.char + 1) {
            // `nth` skips chars in bulk rather than decoding each.
            let mut rest = self.text[self.byte..].chars();
            rest.nth(skip);
            self.byte = self.text.len() - rest.as_str().len();
            self.char = index;
        }
        self.byte
    }
}

/// "某🍑", "某鱼": 某 ("a certain") before a platform veils it and belongs to
/// its span, so that highlighting and the rewrite take it too.
fn widen_veiled(chars: &[char], rules: &[crate::rules::Rule], candidates: &mut [Candidate]) {
    for c in candidates.iter_mut() {
        let platform = rules[c.rule].category == crate::Category::Platform;
        if platform && c.range.start > 0 && chars[c.range.start - 1] == '某' {
            c.range.start -= 1;
        }
    }
}

/// Drops candidates inside an occurrence of one of the shop's own words.
/// Drops the candidates inside an allowlisted word (`allowlist`: canonical
/// words with their length in chars).
fn remove_allowlisted(
    norm: &Normalized,
    allowlist: &[(String, usize)],
    candidates: &mut Vec<Candidate>,
) {
    let mut allowed: Vec<Range<usize>> = Vec::new();
    for (word, len) in allowlist {
        for (byte, _) in norm.text().match_indices(word.as_str()) {
            let start = norm.char_index(byte);
            allowed.push(start..start + len);
        }
    }
    candidates.retain(|c| {
        !allowed
            .iter()
            .any(|a| a.start <= c.range.start && c.range.end <= a.end)
    });
}

#[cfg(test)]
mod tests {
    use super::ByteOffsets;
    use crate::{CheckOptions, Checker};
    use proptest::prelude::*;

    #[test]
    fn every_finding_names_a_rule_in_force() {
        let checker = Checker::builtin().unwrap();
        let report = checker.check("加我V信：abc_123，新客98元", &CheckOptions::default());
        assert!(report.findings.len() >= 3, "{:?}", report.findings);
        for f in &report.findings {
            let rule = checker.rule(f.rule_id).map(|r| r.id.as_str());
            assert_eq!(rule, Some(&*f.rule));
            let named = checker.rule_named(&f.rule).map(|r| r.id.as_str());
            assert_eq!(named, Some(&*f.rule));
        }
        assert!(checker.rule_named("no.such_rule").is_none());
    }

    /// Every scan shares one idea of a Han char: a shop name written with
    /// Extension B ideographs is a name like any other.
    #[test]
    fn rare_ideographs_are_han_for_the_name_grammars_too() {
        let checker = Checker::builtin().unwrap();
        let report = checker.check("我们的京东店铺：𠀀𠀁好物", &CheckOptions::default());
        let id = report.findings.iter().find(|f| &*f.rule == "platform.id");
        assert_eq!(
            id.map(|f| f.text.as_str()),
            Some("𠀀𠀁好物"),
            "{:?}",
            report.findings
        );
    }

    proptest! {
        /// Walking forward and back from the last offset gives every char's
        /// byte offset, in any order.
        #[test]
        fn byte_offsets_walk_both_ways(
            text in "[a-z加我❤️🌸 ]{0,30}",
            asked in prop::collection::vec(0usize..31, 1..12),
        ) {
            let starts: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            let mut offsets = ByteOffsets::new(&text);
            for i in asked.into_iter().filter(|&i| i < starts.len()) {
                prop_assert_eq!(offsets.at(i), starts[i]);
            }
        }
    }
}
