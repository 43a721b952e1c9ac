//! Cue words: what tells a destination from a topic, and what a nearby number
//! or ID is. The words live in `rules/cues.json`; this is how they are read.

use std::ops::Range;

use super::text::{self, around, sentence_start};
use crate::normalize::{Normalized, is_emoji, is_han};
use crate::rules::{Channel, Cues};

/// A number cue found in the canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueHit {
    pub range: Range<usize>,
    pub channel: Channel,
    pub max_gap: usize,
}

/// What the words around a channel mention say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateState {
    /// A number, ID or address follows right after: "微信：abc_123", "电话 138…".
    ContactFollows,
    /// Named as somewhere to go: "加我微信", "淘宝店铺", "on Instagram @x".
    Destination,
    /// Named as a topic: "微信支付", "转发微博", "不要相信加扣扣的".
    Topic,
    /// Nothing either way.
    Neutral,
}

/// How far before a channel the clause is searched for cues.
const BEFORE_REACH: usize = 12;
/// How far after a channel an ID or number still belongs to it.
const CONTACT_REACH: usize = 10;
/// How far after a channel the sentence is searched for 搜/关注.
const SENTENCE_REACH: usize = 30;
/// How far link words may carry a channel to its cue (京东也有我们的旗舰店).
const LINK_REACH: usize = 8;
/// Platform account IDs: short ones too (Line "mimi88").
const PLATFORM_ID_LENGTH: Range<usize> = 4..31;
/// The longest quoted or Latin name searched for.
const MAX_NAME: usize = 30;
/// The longest bare Han name searched for (搜贝贝母婴).
const MAX_HAN_NAME: usize = 12;

/// How an ID is introduced after a channel word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IdIntro {
    /// Nothing but spaces or punctuation: "微信：abc_1".
    Bare,
    /// A weak link only: "WeChat is mimi_88" (an ID must look made up).
    Linked,
    /// A label or a search verb: "Line ID: mimi", "微信搜 sunny".
    Labelled,
}

/// What the words right after a channel say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterCue {
    Topic,
    /// `word_like`: the cue is a word (店, 直播间), not bare punctuation (：, @).
    Destination {
        word_like: bool,
    },
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.')
}

/// The quote that closes one opening at `c`.
fn closing_quote(c: char) -> Option<char> {
    Some(match c {
        '「' => '」',
        '『' => '』',
        '“' => '”',
        '"' => '"',
        '【' => '】',
        '《' => '》',
        '\'' => '\'',
        '‘' => '’',
        _ => return None,
    })
}

/// Whether an @handle or an ID follows `end` after a colon or spaces
/// ("IG: @name.shop", "tb：abc_shop88"): bare punctuation before one is a cue
/// even for a short nickname.
fn handle_follows(chars: &[char], end: usize) -> bool {
    let at = (end..chars.len())
        .find(|&i| !matches!(chars[i], ' ' | ':'))
        .unwrap_or(chars.len());
    match chars.get(at) {
        Some('@') => chars.get(at + 1).is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(_) => id_token(chars, at, PLATFORM_ID_LENGTH).is_some(),
        None => false,
    }
}

/// The ID starting at `start`: ID chars, trailing punctuation trimmed, not
/// an e-mail address; `None` unless its length is in `length`.
fn id_token(chars: &[char], start: usize, length: Range<usize>) -> Option<Range<usize>> {
    if !chars.get(start)?.is_ascii_alphanumeric() {
        return None;
    }
    let mut end = start;
    while end < chars.len() && is_id_char(chars[end]) {
        end += 1;
    }
    if end < chars.len() && matches!(chars[end], '@' | '/') {
        return None;
    }
    while end > start && matches!(chars[end - 1], '.' | '-' | '_') {
        end -= 1;
    }
    length.contains(&(end - start)).then_some(start..end)
}

pub struct CueMatcher {
    /// Ids index `number_info`.
    /// Per number cue: its channel and its gap.
    number_info: Vec<(Channel, usize)>,
    destination_before: WordList,
    destination_after: WordList,
    destination_sentence: WordList,
    topic_before: WordList,
    topic_after: WordList,
    ordinary_words: WordList,
    link_after: WordList,
    question_end: WordList,
    request_words: WordList,
    search_words: WordList,
    id_before: WordList,
    id_labels: WordList,
    id_links: WordList,
    ask_before: WordList,
    ask_after: WordList,
    generic_names: WordList,
    name_ends: WordList,
    appositive_before: WordList,
    not_in_names: WordList,
}

/// Cue words indexed by their first char: a window is read once, looking up
/// the words that can start at each char, instead of once per word.
struct WordList {
    /// Sorted by first char, then longest first.
    words: Vec<Vec<char>>,
    longest: usize,
    /// The first chars, hashed to [`FIRST_BITS`] bits: most chars start no
    /// word, and one bit test says so before the binary search.
    firsts: [u64; FIRST_BITS / 64],
}

const FIRST_BITS: usize = 4096;

fn first_bit(c: char) -> (usize, u64) {
    let bit = c as usize % FIRST_BITS;
    (bit / 64, 1 << (bit % 64))
}

impl WordList {
    fn new(words: &[String]) -> WordList {
        let mut words = Normalized::words(words);
        words.sort_by(|a, b| a[0].cmp(&b[0]).then(b.len().cmp(&a.len())));
        let longest = words.iter().map(Vec::len).max().unwrap_or(0);
        let mut firsts = [0; FIRST_BITS / 64];
        for w in &words {
            let (word, bit) = first_bit(w[0]);
            firsts[word] |= bit;
        }
        WordList {
            words,
            longest,
            firsts,
        }
    }

    fn may_start(&self, c: char) -> bool {
        let (word, bit) = first_bit(c);
        self.firsts[word] & bit != 0
    }

    /// The words that occur in `chars` at `at`.
    fn at<'a>(&'a self, chars: &'a [char], at: usize) -> impl Iterator<Item = &'a [char]> + 'a {
        let first = chars.get(at).copied();
        let from = match first {
            Some(c) if self.may_start(c) => self.words.partition_point(|w| w[0] < c),
            _ => self.words.len(),
        };
        self.words[from..]
            .iter()
            .take_while(move |w| Some(w[0]) == first)
            .filter(move |w| chars[at..].starts_with(w))
            .map(Vec::as_slice)
    }
}

impl CueMatcher {
    pub fn new(cues: &Cues) -> CueMatcher {
        let number_info = cues
            .numbers
            .iter()
            .map(|c| (c.channel, c.max_gap))
            .collect();
        CueMatcher {
            number_info,
            destination_before: WordList::new(&cues.destination_before),
            destination_after: WordList::new(&cues.destination_after),
            destination_sentence: WordList::new(&cues.destination_sentence),
            topic_before: WordList::new(&cues.topic_before),
            topic_after: WordList::new(&cues.topic_after),
            ordinary_words: WordList::new(&cues.ordinary_words),
            link_after: WordList::new(&cues.link_after),
            question_end: WordList::new(&cues.question_end),
            request_words: WordList::new(&cues.request_words),
            search_words: WordList::new(&cues.search_words),
            id_before: WordList::new(&cues.id_before),
            id_labels: WordList::new(&cues.id_labels),
            id_links: WordList::new(&cues.id_links),
            ask_before: WordList::new(&cues.ask_before),
            ask_after: WordList::new(&cues.ask_after),
            generic_names: WordList::new(&cues.generic_names),
            name_ends: WordList::new(&cues.name_ends),
            appositive_before: WordList::new(&cues.appositive_before),
            not_in_names: WordList::new(&cues.not_in_names),
        }
    }

    /// The canonical words of the number cues, each with its cue's index:
    /// the keyword automaton finds them (see [`Self::hits`]).
    pub fn number_words(cues: &Cues) -> Vec<(String, usize)> {
        cues.numbers
            .iter()
            .enumerate()
            .flat_map(|(id, cue)| {
                Normalized::words(&cue.words)
                    .into_iter()
                    .map(move |word| (word.into_iter().collect::<String>(), id))
            })
            .collect()
    }

    /// The number cues among the cue words `found` in the text, as words (a
    /// Latin cue is not part of a longer word), sorted by end.
    pub fn hits(&self, chars: &[char], found: Vec<(usize, Range<usize>)>) -> Vec<CueHit> {
        let mut hits: Vec<CueHit> = found
            .into_iter()
            .filter(|(_, range)| text::has_word_edges(chars, range.clone()))
            .map(|(id, range)| {
                let (channel, max_gap) = self.number_info[id];
                CueHit {
                    range,
                    channel,
                    max_gap,
                }
            })
            .collect();
        sort_hits(&mut hits);
        hits
    }

    /// Reads the cues around a channel mention at `range`. `contacts`: numbers,
    /// IDs and addresses; one right after the channel makes it a destination
    /// whatever else is said. `strong`: only cues touching the channel count
    /// (see [`crate::rules::Gate::StrongDestination`]).
    pub fn gate_state(
        &self,
        chars: &[char],
        range: &Range<usize>,
        contacts: &text::SortedRanges,
        strong: bool,
    ) -> GateState {
        let clause = around(chars, range.clone(), BEFORE_REACH.max(CONTACT_REACH), false);
        let reach = range.end..(range.end + CONTACT_REACH + 1).min(clause.end);
        let contact_follows = contacts.any_start_in(reach);
        if contact_follows || self.names_contact_before(chars, range, contacts) {
            return GateState::ContactFollows;
        }
        if self.ask_for_account(chars, range).is_some() {
            return GateState::Destination;
        }
        let before = clause.start.max(range.start.saturating_sub(BEFORE_REACH))..range.start;
        let any_before = |words: &WordList| self.contains_cue(chars, before.clone(), words);
        if any_before(&self.topic_before) {
            return GateState::Topic;
        }
        let after = self.cue_after(chars, range.end, clause.end);
        if after == Some(AfterCue::Topic) {
            return GateState::Topic;
        }
        let verb_before = any_before(&self.destination_before);
        let noun_after = match after {
            Some(AfterCue::Destination { word_like }) => {
                word_like || !strong || handle_follows(chars, range.end)
            }
            _ => false,
        };
        if verb_before {
            return GateState::Destination;
        }
        if noun_after || !strong {
            // A question names a place without sending anyone there
            // ("是淘宝店吗？"), unless it is a polite request ("可以关注吗").
            let sentence = around(chars, range.clone(), SENTENCE_REACH, true);
            let question = self.is_question(chars, sentence.clone());
            if noun_after {
                return if question {
                    GateState::Topic
                } else {
                    GateState::Destination
                };
            }
            let rest = range.end..sentence.end;
            if !question && self.contains_named_cue(chars, rest, &self.destination_sentence) {
                return GateState::Destination;
            }
        }
        GateState::Neutral
    }

    /// "你的威信是多少", "您的淘宝账号是什么": the customer is asked for their
    /// own account on the channel at `range`. The whole question's span.
    pub fn ask_for_account(&self, chars: &[char], range: &Range<usize>) -> Option<Range<usize>> {
        let mut start = range.start;
        if start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        let yours = (start.saturating_sub(self.ask_before.longest)..start)
            .find(|&s| self.ask_before.at(chars, s).any(|w| s + w.len() == start))?;
        let (at, _) = self.skip_id_intro(chars, range.end, |c| c == ' ');
        let ask = self.ask_after.at(chars, at).map(<[char]>::len).max()?;
        Some(yours..at + ask)
    }

    /// The cue right after a channel ending at `end`, or after the link words
    /// that may stand between ("京东[也有我们的]旗舰店"); of a topic and a
    /// destination cue at one place, the longer speaks ("上面" is a topic,
    /// "上面有我们" a destination).
    fn cue_after(&self, chars: &[char], end: usize, clause_end: usize) -> Option<AfterCue> {
        let mut at = end;
        if at < chars.len() && chars[at] == ' ' {
            at += 1;
        }
        let limit = (end + LINK_REACH).min(clause_end);
        let mut linked = false;
        loop {
            if let Some(cue) = self.cue_at(chars, at, linked) {
                return Some(cue);
            }
            let link = self
                .link_after
                .at(chars, at)
                .find(|w| at + w.len() <= limit)
                .map(<[char]>::len)?;
            at += link;
            linked = true;
        }
    }

    /// The cue at `at`. Punctuation (：, @, 「) is a cue only right after the
    /// channel (`linked` false) and before a name (not "当当网@!").
    fn cue_at(&self, chars: &[char], at: usize, linked: bool) -> Option<AfterCue> {
        let longest = |words: &WordList| {
            words
                .at(chars, at)
                .filter(|w| {
                    text::has_word_edges(chars, at..at + w.len())
                        && !self.inside_ordinary_word(chars, at..at + w.len())
                })
                .map(<[char]>::to_vec)
                .max_by_key(Vec::len)
        };
        let topic = longest(&self.topic_after);
        let destination = longest(&self.destination_after);
        match (topic, destination) {
            (Some(t), Some(d)) if t.len() >= d.len() => Some(AfterCue::Topic),
            (Some(_), None) => Some(AfterCue::Topic),
            (_, Some(d)) => {
                // 🔍 is a search verb drawn, not punctuation.
                let word_like = d.iter().any(|&c| c.is_alphanumeric() || is_emoji(c));
                let mut next = at + d.len();
                if chars.get(next) == Some(&' ') {
                    next += 1;
                }
                let named = chars
                    .get(next)
                    .is_some_and(|&c| c.is_alphanumeric() || "@「『“【".contains(c));
                (word_like || (!linked && named)).then_some(AfterCue::Destination { word_like })
            }
            (None, None) => None,
        }
    }

    /// Whether the sentence `sentence` asks rather than tells: it ends in a
    /// question word or mark and holds no request word.
    fn is_question(&self, chars: &[char], sentence: Range<usize>) -> bool {
        let mut end = sentence.end;
        let mark = chars
            .get(end)
            .is_some_and(|&c| self.question_end.at(chars, end).any(|w| w == [c]));
        while end > sentence.start && chars[end - 1] == ' ' {
            end -= 1;
        }
        let word = (end.saturating_sub(self.question_end.longest)..end).any(|s| {
            s >= sentence.start && self.question_end.at(chars, s).any(|w| s + w.len() == end)
        });
        (mark || word) && !self.contains_cue(chars, sentence, &self.request_words)
    }

    /// Account IDs beside a channel at `range`: after it, behind a label or
    /// looking made up ("Line ID: mimi88", "我的line是 abc123") when
    /// `after_too`, and before it behind a linking word ("abc_123 是我微信").
    /// Each with whether it stands before.
    pub fn ids_beside(
        &self,
        chars: &[char],
        range: &Range<usize>,
        after_too: bool,
        number: bool,
    ) -> Vec<(Range<usize>, bool)> {
        let mut found = Vec::new();
        if after_too && let Some(id) = self.id_after(chars, range.end) {
            found.push((id, false));
        }
        if let Some(id) = self.id_before_channel(chars, range, number) {
            found.push((id, true));
        }
        found
    }

    fn id_after(&self, chars: &[char], end: usize) -> Option<Range<usize>> {
        // "X25-M" is a model, not X and an ID: something must part them.
        if chars.get(end).is_some_and(char::is_ascii_alphanumeric) {
            return None;
        }
        let (at, intro) = self.skip_id_intro(chars, end, |c| matches!(c, ' ' | '\u{3000}'));
        let labelled = intro == IdIntro::Labelled;
        // "京东店铺：橙子好物严选": after a label and a colon, a shop name too.
        let colon = chars[..at].iter().rev().find(|&&c| c != ' ') == Some(&':')
            && chars[end..at].iter().any(|&c| is_han(c));
        let named = chars
            .get(at)
            .is_some_and(|&c| is_han(c) || closing_quote(c).is_some());
        if labelled && colon && named {
            return self.name_at(chars, at, chars.len());
        }
        let id = id_token(chars, at, PLATFORM_ID_LENGTH)?;
        let token = &chars[id.clone()];
        let letters = token.iter().any(char::is_ascii_lowercase);
        let made_up = token
            .iter()
            .any(|c| c.is_ascii_digit() || matches!(c, '_' | '.'));
        let ok = if letters {
            labelled || made_up
        } else {
            labelled && token.len() >= 5 && token.iter().all(char::is_ascii_digit)
        };
        ok.then_some(id)
    }

    /// Skips the labels, search verbs and links between a channel word and
    /// its ID ("ID:", "账号是", "搜", "is"), with `filler` chars around them;
    /// returns where the ID may start and the strongest introduction seen.
    pub fn skip_id_intro(
        &self,
        chars: &[char],
        mut at: usize,
        filler: impl Fn(char) -> bool,
    ) -> (usize, IdIntro) {
        let mut intro = IdIntro::Bare;
        for _ in 0..4 {
            while chars.get(at).is_some_and(|&c| filler(c)) {
                at += 1;
            }
            let word = |list: &WordList| {
                list.at(chars, at)
                    .find(|w| text::has_word_edges(chars, at..at + w.len()))
                    .map(<[char]>::len)
            };
            if let Some(len) = word(&self.id_labels).or_else(|| word(&self.search_words)) {
                at += len;
                intro = IdIntro::Labelled;
            } else if let Some(len) = word(&self.id_links) {
                at += len;
                intro = intro.max(IdIntro::Linked);
            } else {
                break;
            }
        }
        (at, intro)
    }

    /// "+852 5144 9531（WhatsApp）", "+65 9031 1428 是我WhatsApp": a contact
    /// right before the linking word before a channel is on that channel.
    fn names_contact_before(
        &self,
        chars: &[char],
        channel: &Range<usize>,
        contacts: &text::SortedRanges,
    ) -> bool {
        let Some(link_start) = self.link_before(chars, channel) else {
            return false;
        };
        let mut end = link_start;
        while end > 0 && chars[end - 1] == ' ' {
            end -= 1;
        }
        contacts.any_ending_at(end.saturating_sub(CONTACT_SPAN), end)
    }

    /// Where the linking word (是我, 这个是, a paren holding the channel
    /// alone) before the channel at `channel` starts.
    fn link_before(&self, chars: &[char], channel: &Range<usize>) -> Option<usize> {
        let mut end = channel.start;
        while end > 0 && chars[end - 1] == ' ' {
            end -= 1;
        }
        (end.saturating_sub(self.id_before.longest)..end)
            .filter(|&s| {
                self.id_before
                    .at(chars, s)
                    .filter(|w| s + w.len() == end)
                    // "52166366（Q）": the parens hold the channel alone, not
                    // "JDX1579…（京东快递）".
                    .any(|w| w != ['('] || chars.get(channel.end) == Some(&')'))
            })
            .min()
    }

    /// The ID before a linking word before the channel at `start`
    /// ("abc_123 是我微信", "@lucky.hui 是我抖音号", "「鹿鸣服饰」是我们快手店",
    /// "52166366（Q）"); for a `number` channel (QQ), digits only.
    fn id_before_channel(
        &self,
        chars: &[char],
        channel: &Range<usize>,
        number: bool,
    ) -> Option<Range<usize>> {
        let link_start = self.link_before(chars, channel)?;
        let mine = chars[link_start..channel.start].contains(&'我');
        let mut at = link_start;
        while at > 0 && matches!(chars[at - 1], ' ' | ',') {
            at -= 1;
        }
        let id_end = at;
        // "糖果优选，这是我们京东店铺名": a demonstrative points back at the
        // clause before, which is the name when it is one short run of Han.
        let names_it = || {
            let after = &chars[channel.end..(channel.end + 5).min(chars.len())];
            let clause = after
                .iter()
                .position(|&c| text::is_clause_break(c))
                .unwrap_or(after.len());
            after[..clause].iter().any(|&c| matches!(c, '名' | '号'))
        };
        if !number && chars[link_start] == '这' && id_end < link_start && names_it() {
            let mut start = id_end;
            while start > 0 && is_han(chars[start - 1]) && id_end - start <= MAX_HAN_NAME {
                start -= 1;
            }
            let clause_start =
                start == 0 || text::is_clause_break(chars[start - 1]) || chars[start - 1] == ':';
            if clause_start && (2..=MAX_HAN_NAME).contains(&(id_end - start)) {
                return Some(start..id_end);
            }
        }
        if !number
            && let Some(&close) = chars.get(id_end.wrapping_sub(1))
            && let Some(open) = (id_end.saturating_sub(MAX_NAME + 2)..id_end - 1)
                .rev()
                .find(|&j| closing_quote(chars[j]) == Some(close))
        {
            return (id_end - 1 > open + 1).then_some(open + 1..id_end - 1);
        }
        while at > 0 && is_id_char(chars[at - 1]) {
            at -= 1;
        }
        while at < id_end && !chars[at].is_ascii_alphanumeric() {
            at += 1;
        }
        // An e-mail's domain ("a@qq.com 是我邮箱") or a path is no ID; an
        // @handle is one.
        let handle =
            at > 0 && chars[at - 1] == '@' && (at < 2 || !chars[at - 2].is_ascii_alphanumeric());
        if at > 0 && matches!(chars[at - 1], '@' | '/' | '#' | '$') && !handle {
            return None;
        }
        let token = &chars[at..id_end];
        if number {
            let digits = token.iter().all(char::is_ascii_digit);
            return (digits && (5..=11).contains(&token.len())).then_some(at..id_end);
        }
        let letters = token.iter().any(char::is_ascii_lowercase);
        let made_up = token
            .iter()
            .any(|c| c.is_ascii_digit() || matches!(c, '_' | '.'));
        (PLATFORM_ID_LENGTH.contains(&token.len()) && letters && (made_up || mine || handle))
            .then_some(at..id_end)
    }

    /// The names the customer is told to search for in `sentence`: what
    /// follows a search verb, quoted (搜「贝洁口腔」, search for "Maple"), as
    /// an ID (搜 luna.shop) or as a bare name up to a word that ends it
    /// (搜贝贝母婴就能找到). Generic words (搜我们店名) are no name; nothing
    /// inside `taken` (the platform itself) is one.
    pub fn search_names(
        &self,
        chars: &[char],
        sentence: Range<usize>,
        taken: &text::SortedRanges,
    ) -> Vec<Range<usize>> {
        let mut names = Vec::new();
        let mut i = sentence.start;
        while i < sentence.end {
            // Most chars start neither a verb nor an appositive's cue; inside
            // a Latin word none starts (they need word edges).
            let c = chars[i];
            let may_start = self.search_words.may_start(c) || self.appositive_before.may_start(c);
            if !may_start
                || (i > 0 && c.is_ascii_alphabetic() && chars[i - 1].is_ascii_alphabetic())
            {
                i += 1;
                continue;
            }
            let verb = self
                .search_words
                .at(chars, i)
                .filter(|w| {
                    i + w.len() <= sentence.end
                        && text::has_word_edges(chars, i..i + w.len())
                        && !self.inside_ordinary_word(chars, i..i + w.len())
                })
                .map(<[char]>::len)
                .max();
            let Some(len) = verb else {
                if let Some(name) = self.appositive_name(chars, i, sentence.end)
                    && !taken.any_overlap(name.clone())
                {
                    i = name.end;
                    names.push(name);
                } else {
                    i += 1;
                }
                continue;
            };
            i += len;
            if let Some(name) = self.name_at(chars, i, sentence.end)
                && !taken.any_overlap(name.clone())
            {
                i = name.end;
                names.push(name);
            }
        }
        names
    }

    fn name_at(&self, chars: &[char], mut at: usize, end: usize) -> Option<Range<usize>> {
        loop {
            while at < end && matches!(chars[at], ' ' | ':' | '\u{3000}') {
                at += 1;
            }
            let generic = self
                .generic_names
                .at(chars, at)
                .find(|w| at + w.len() <= end && text::has_word_edges(chars, at..at + w.len()))
                .map(<[char]>::len);
            match generic {
                Some(len) => at += len,
                None => break,
            }
        }
        let first = *chars.get(at).filter(|_| at < end)?;
        if let Some(close) = closing_quote(first) {
            let inner = at + 1;
            let stop = (inner + MAX_NAME).min(end);
            let close_at = (inner..stop).find(|&j| chars[j] == close)?;
            return (close_at > inner).then_some(inner..close_at);
        }
        if first.is_ascii_alphanumeric() {
            // An ID, or Latin words up to a word that ends the name.
            let mut stop = at;
            while stop < end && (is_id_char(chars[stop]) || chars[stop] == ' ') {
                if chars[stop] == ' ' || stop == at {
                    let word = stop + usize::from(chars[stop] == ' ');
                    if self.ends_name(chars, word) {
                        break;
                    }
                }
                stop += 1;
            }
            while stop > at && matches!(chars[stop - 1], ' ' | '.' | '-' | '_') {
                stop -= 1;
            }
            return (stop - at >= 3 && stop - at <= MAX_NAME).then_some(at..stop);
        }
        if !is_han(first) {
            return None;
        }
        let mut stop = at;
        while stop < end
            && stop - at < MAX_HAN_NAME
            && (is_han(chars[stop]) || chars[stop].is_ascii_alphanumeric())
            && !self.ends_name(chars, stop)
        {
            stop += 1;
        }
        let ended = stop == end || self.ends_name(chars, stop);
        // "搜我们工作室名字": a description of the name, not the name.
        let generic = (at..stop).any(|s| {
            self.generic_names
                .at(chars, s)
                .any(|w| s + w.len() == stop && w.iter().all(|&c| is_han(c)))
        });
        (stop - at >= 2 && ended && !generic).then_some(at..stop)
    }

    /// A name standing alone in the clause after "找我们，" at `at`: the
    /// whole clause, with nothing in it that only a clause would hold.
    fn appositive_name(&self, chars: &[char], at: usize, end: usize) -> Option<Range<usize>> {
        let len = self
            .appositive_before
            .at(chars, at)
            .find(|w| at + w.len() < end && text::has_word_edges(chars, at..at + w.len()))?
            .len();
        let start = at + len + 1;
        if !matches!(chars[at + len], ',' | ':') {
            return None;
        }
        let clause_end = (start..end)
            .find(|&j| text::is_clause_break(chars[j]))
            .unwrap_or(end);
        let name = self.name_at(chars, start, clause_end)?;
        let whole = name.start == start && name.end == clause_end;
        (whole && !self.contains_cue(chars, name.clone(), &self.not_in_names)).then_some(name)
    }

    fn ends_name(&self, chars: &[char], at: usize) -> bool {
        at >= chars.len()
            || text::is_clause_break(chars[at])
            || self
                .name_ends
                .at(chars, at)
                .any(|w| text::has_word_edges(chars, at..at + w.len()))
    }

    /// Whether one of `words` occurs inside `range` as a cue: as a word, and
    /// not inside an ordinary word ("加" in "更加" is no cue).
    fn contains_cue(&self, chars: &[char], range: Range<usize>, words: &WordList) -> bool {
        range.clone().any(|i| {
            words.at(chars, i).any(|w| {
                let at = i..i + w.len();
                at.end <= range.end
                    && text::has_word_edges(chars, at.clone())
                    && !self.inside_ordinary_word(chars, at)
            })
        })
    }

    /// Like [`Self::contains_cue`], but a cue of bare punctuation (@) counts
    /// only before a name ("@muzhi.woodcraft", not "当当网@!").
    fn contains_named_cue(&self, chars: &[char], range: Range<usize>, words: &WordList) -> bool {
        range.clone().any(|i| {
            words.at(chars, i).any(|w| {
                let at = i..i + w.len();
                let named = w.iter().any(|c| c.is_alphanumeric())
                    || chars.get(at.end).is_some_and(|c| c.is_alphanumeric());
                at.end <= range.end
                    && named
                    && text::has_word_edges(chars, at.clone())
                    && !self.inside_ordinary_word(chars, at)
            })
        })
    }

    fn inside_ordinary_word(&self, chars: &[char], at: Range<usize>) -> bool {
        let ordinary = &self.ordinary_words;
        (at.end.saturating_sub(ordinary.longest)..=at.start)
            .any(|s| ordinary.at(chars, s).any(|o| s + o.len() >= at.end))
    }
}

/// The longest contact a channel word after it may name.
const CONTACT_SPAN: usize = 40;

/// The longest cue word that may follow a number ("**群").
const MAX_CUE_LEN: usize = 16;

/// The hits (sorted by end) whose end lies in `ends`.
fn ending_in(hits: &[CueHit], ends: Range<usize>) -> &[CueHit] {
    let first = hits.partition_point(|h| h.range.end < ends.start);
    let last = hits.partition_point(|h| h.range.end < ends.end);
    &hits[first..last.max(first)]
}

/// Sorts hits by end; of cues ending together the longest speaks: 卡号 is a
/// label, not 号.
pub fn sort_hits(hits: &mut Vec<CueHit>) {
    hits.sort_by_key(|h| (h.range.end, std::cmp::Reverse(h.range.len())));
    hits.dedup_by_key(|h| h.range.end);
}

/// The channel a number at `run` belongs to, from the nearest cue before it
/// (or, for 加 and 群, right after it). 号/账号 take the channel named last
/// before them in the sentence.
pub fn nearest_channel(chars: &[char], hits: &[CueHit], run: &Range<usize>) -> Option<Channel> {
    let gap_ok = |from: usize, to: usize, channel: Channel| {
        chars[from..to].iter().all(|&c| {
            // 加 and labels (单号, 尺码) reach no further than their clause.
            let clause_only = matches!(channel, Channel::Add | Channel::Label);
            !text::is_sentence_break(c) && (!clause_only || !text::is_clause_break(c))
        })
    };
    let before = ending_in(
        hits,
        run.start.saturating_sub(crate::rules::MAX_CUE_GAP)..run.start + 1,
    )
    .iter()
    .filter(|h| {
        h.range.end <= run.start
            && run.start - h.range.end <= h.max_gap
            && gap_ok(h.range.end, run.start, h.channel)
    })
    .max_by_key(|h| (h.range.end, h.range.len()));
    let after = || {
        ending_in(hits, run.end + 1..run.end + 3 + MAX_CUE_LEN)
            .iter()
            .find(|h| {
                h.range.start >= run.end
                    && h.range.start - run.end <= 2
                    && matches!(h.channel, Channel::Qq | Channel::Add)
                    && gap_ok(run.end, h.range.start, h.channel)
            })
    };
    match before.or_else(after).map(|h| h.channel) {
        Some(Channel::Id) => named_before(
            chars,
            hits,
            run.start,
            &[Channel::Qq, Channel::Wechat, Channel::Phone],
        ),
        Some(channel) => Some(channel),
        // A bare number in a sentence that named QQ or WeChat earlier
        // ("加扣扣 有图片有真相 8330845614") is that account.
        None => named_before(chars, hits, run.start, &[Channel::Qq, Channel::Wechat]),
    }
}

/// Whether a cue ends right before the number at `run`, with at most a
/// colon, 是 and spaces between ("Q：476-321", "qq 149-757", "Q是502-044"), and no currency
/// or magnitude after it makes it an amount ("QQ：100-200元").
pub fn cue_touches(hits: &[CueHit], chars: &[char], run: &Range<usize>) -> bool {
    let amount = chars.get(run.end).is_some_and(|c| {
        matches!(
            c,
            '元' | '块' | '万' | '千' | '百' | '%' | 'k' | 'w' | '$' | '¥'
        )
    });
    !amount
        && ending_in(hits, run.start.saturating_sub(3)..run.start + 1)
            .iter()
            .any(|h| {
                h.range.end <= run.start
                    && chars[h.range.end..run.start]
                        .iter()
                        .all(|&c| matches!(c, ' ' | ':' | '是'))
            })
}

/// How far back a sentence is searched for the channel a bare number belongs to.
const NAMED_REACH: usize = 30;

/// The channel named last before `at` in its sentence, among `channels`.
pub fn named_before(
    chars: &[char],
    hits: &[CueHit],
    at: usize,
    channels: &[Channel],
) -> Option<Channel> {
    let start = sentence_start(chars, at, NAMED_REACH);
    ending_in(hits, start..at + 1)
        .iter()
        .filter(|h| h.range.start >= start && h.range.end <= at && channels.contains(&h.channel))
        .max_by_key(|h| h.range.end)
        .map(|h| h.channel)
}
