//! The number finder: reads digit sequences through the separators people put
//! in them (spaces, dots, dashes, emoji, line breaks) and classifies them.
//!
//! A long digit run is a contact only with evidence: a phone-number shape, or a
//! cue word nearby (QQ, 群号, 加, 电话…). Order numbers, courier numbers and
//! invite codes are labelled, and stay `digits` warnings.

use std::ops::Range;

use smallvec::SmallVec;

use super::classes::{self, Classes};
use super::spoken::{self, At, TokenKind};
use crate::normalize::is_emoji;
use crate::rules::{Builtin, Channel};

/// A digit sequence in the canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberRun {
    /// Canonical char range, including a leading `+` or `(`.
    pub range: Range<usize>,
    /// The digits alone, folded to ASCII.
    pub digits: Digits,
    /// Length of each group of digits between separators.
    pub groups: SmallVec<[usize; 4]>,
    /// The separators between groups, one per gap (the first char of the gap).
    pub separators: SmallVec<[char; 4]>,
    pub plus: bool,
    /// Written as "(310) 555-0176".
    pub area_in_parens: bool,
    /// Where a positional numeral (八千, 一万二) stands in the run.
    pub positional: Positional,
    /// Holds English digit words ("five five five"): never a bare `digits`
    /// warning.
    pub words: bool,
}

/// A run's digits, folded to ASCII. A phone number's digits and groups fit
/// inline: finding the runs of a message allocates nothing per run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digits(SmallVec<[u8; 24]>);

impl Digits {
    /// Appends `value` zero-padded to `width` digits ("double oh" → "00").
    pub fn push_number(&mut self, value: u64, width: usize) {
        if value < 10 && width <= 1 {
            self.0.push(b'0' + value as u8);
            return;
        }
        let mut buf = [b'0'; 20];
        let mut at = buf.len();
        let mut rest = value;
        while rest > 0 {
            at -= 1;
            buf[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let start = at.min(buf.len().saturating_sub(width.max(1)));
        self.0.extend_from_slice(&buf[start..]);
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever pushed.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl std::ops::Deref for Digits {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl FromIterator<char> for Digits {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        Digits(
            iter.into_iter()
                .filter_map(|c| u8::try_from(c).ok())
                .collect(),
        )
    }
}

/// Positional numerals are amounts ("八千块", "一万二的预算"); one may end a
/// number read digit by digit ("幺三八 洞洞幺三 八千").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Positional {
    #[default]
    None,
    /// One positional numeral ends the run, after digits read one by one.
    Tail,
    /// The run is one positional numeral: an amount, or the last piece of a
    /// number given in pieces.
    Alone,
    /// Several, or digits after one: an amount.
    Amount,
}

impl Positional {
    /// After the run so far, a token of this kind.
    fn then(self, positional: bool, first: bool) -> Positional {
        match (self, positional) {
            (Positional::None, false) => Positional::None,
            (Positional::None, true) if first => Positional::Alone,
            (Positional::None, true) => Positional::Tail,
            _ => Positional::Amount,
        }
    }
}

/// Chars that may sit between the digits of one number.
fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '.' | '-' | '_' | '·' | '*' | '/' | '|' | '｜' | '丨' | '\n' | '(' | ')' | '\u{3000}'
        // Every dash and the minus sign (⁻ folds to −).
        | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '~'
    ) || is_emoji(c)
}

/// How many separator chars may stand between two groups of one number.
const MAX_GAP: usize = 2;
/// Between two English digit words: "nine one seven - five five five".
const MAX_WORD_GAP: usize = 3;

/// All digit runs of the canonical chars, left to right: digit chars, and the
/// numbers read aloud of [`spoken`].
pub fn find_runs(chars: &[char], classes: &Classes) -> Vec<NumberRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while let Some(next) = classes.find(i, classes::NUMERAL) {
        i = next;
        let first = spoken::may_start(chars, i)
            .then(|| spoken::token_at(chars, i, At::Start))
            .flatten();
        let Some(first) = first else {
            i += 1;
            continue;
        };
        let mut run = NumberRun {
            range: i..i,
            digits: Digits::default(),
            groups: SmallVec::new(),
            separators: SmallVec::new(),
            plus: false,
            area_in_parens: false,
            positional: Positional::None,
            words: false,
        };
        let mut first_token = true;
        let mut run_has_digit = false;
        // "plus one, six-four-six …": the plus sign spelled before digit words.
        let spelled_plus = first.kind.is_word()
            && i >= 5
            && chars[i - 5..i] == ['p', 'l', 'u', 's', ' ']
            && (i == 5 || !chars[i - 6].is_ascii_alphanumeric());
        if i > 0 && chars[i - 1] == '+' {
            run.plus = true;
            run.range.start = i - 1;
        } else if spelled_plus {
            run.plus = true;
            run.range.start = i - 5;
        } else if i > 0 && chars[i - 1] == '(' {
            run.area_in_parens = true;
            run.range.start = i - 1;
        }
        let mut token = first;
        loop {
            // One group: tokens with nothing between them.
            let mut group_digits = 0;
            let mut group_has_digit = false;
            let mut last_kind;
            loop {
                token.push_digits(&mut run.digits);
                group_digits += token.digit_count();
                last_kind = token.kind;
                run.positional = run
                    .positional
                    .then(token.kind == TokenKind::Positional, first_token);
                first_token = false;
                if token.kind.is_word() {
                    run.words = true;
                }
                run_has_digit |= matches!(token.kind, TokenKind::Digit | TokenKind::Positional);
                group_has_digit |= matches!(token.kind, TokenKind::Digit | TokenKind::Positional);
                let j = token.range.end;
                run.range.end = j;
                match (j < chars.len())
                    .then(|| {
                        spoken::token_at(
                            chars,
                            j,
                            At::InGroup {
                                has_digit: group_has_digit,
                            },
                        )
                    })
                    .flatten()
                {
                    Some(next) => token = next,
                    None => break,
                }
            }
            run.groups.push(group_digits);
            let j = run.range.end;
            let max_gap = if last_kind.is_word() {
                MAX_WORD_GAP
            } else {
                MAX_GAP
            };
            let words_gap = |c: char| last_kind.is_word() && matches!(c, ',' | '-' | ' ');
            let gap_end = (j..chars.len().min(j + max_gap + 1))
                .find(|&k| !(is_digit_separator(chars[k]) || words_gap(chars[k])))
                .unwrap_or(chars.len());
            let gap = gap_end - j;
            let next = ((1..=max_gap).contains(&gap) && gap_end < chars.len())
                .then(|| spoken::token_at(chars, gap_end, At::NextGroup { run_has_digit }))
                .flatten()
                // A comma or a wide gap joins English words only.
                .filter(|t| {
                    (gap <= MAX_GAP && !chars[j..gap_end].contains(&','))
                        || (t.kind.is_word() && last_kind.is_word())
                });
            let Some(next) = next else {
                break;
            };
            run.separators.push(chars[j]);
            token = next;
        }
        if run.area_in_parens && !run.separators.contains(&')') {
            run.area_in_parens = false;
            run.range.start += 1;
        }
        i = run.range.end;
        runs.push(run);
    }
    runs
}

impl NumberRun {
    /// "2025-03-12", "2015.12.31": a date, not a number to worry about.
    pub fn is_date(&self) -> bool {
        let d = &self.digits;
        self.groups.len() >= 3
            && self.groups[0] == 4
            && (d.starts_with("19") || d.starts_with("20"))
            && (1..=2).contains(&self.groups[1])
            && (1..=2).contains(&self.groups[2])
            && matches!(self.separators[0], '-' | '.' | '/')
            && self.separators[0] == self.separators[1]
    }

    /// Long enough to be a contact, and not a date, a range or an amount
    /// read aloud ("一千万"): what makes a channel word before it a destination.
    pub fn may_be_contact(&self) -> bool {
        self.digits.len() >= 5
            && !self.is_date()
            && !self.is_range()
            && (self.positional == Positional::None || self.classify(None).is_some())
    }

    /// Whether the digits alone say what contact this is: a mobile, landline,
    /// 400/800 or international number, whatever cue stands near.
    pub fn has_contact_shape(&self) -> bool {
        matches!(
            self.classify(None),
            Some(
                Builtin::NumberMobile
                    | Builtin::NumberLandline
                    | Builtin::NumberTollFree
                    | Builtin::NumberInternational
            )
        )
    }

    /// "5000-200", "30~49": two numbers with a dash between, the second
    /// shorter than any phone-number chunk.
    pub fn is_range(&self) -> bool {
        self.groups.len() == 2
            && matches!(self.separators[0], '-' | '~' | '–' | '—')
            && self.groups[1] <= 3
    }

    /// Like [`Self::classify`], but a QQ number right after its cue
    /// (`touching`: "Q：476-321") is read whole, though its two groups look
    /// like a range ("QQ音乐会员100-200元" stays a range).
    pub fn classify_after(&self, cue: Option<Channel>, touching: bool) -> Option<Builtin> {
        let qq = touching && cue == Some(Channel::Qq) && self.positional == Positional::None;
        if qq && self.is_range() && (5..=11).contains(&self.digits.len()) {
            return Some(Builtin::NumberQq);
        }
        self.classify(cue)
    }

    fn is_mobile(digits: &str) -> bool {
        let b = digits.as_bytes();
        b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
    }

    /// A mainland landline however it is grouped: an area code (010, 02X, or
    /// 0 and three digits, the second not 0) and a subscriber number of eight
    /// digits (seven or eight after a four-digit code) that starts with 2–8.
    fn is_landline(digits: &str) -> bool {
        let b = digits.as_bytes();
        if b.len() < 11 || b[0] != b'0' || b[1] == b'0' {
            return false;
        }
        let area = if b[1] == b'1' || b[1] == b'2' { 3 } else { 4 };
        let subscriber = b.len() - area;
        let length_ok = subscriber == 8 || (area == 4 && subscriber == 7);
        length_ok && (b'2'..=b'8').contains(&b[area]) && (b[1] != b'1' || b[2] == b'0')
    }

    /// 3-3-4 with the area code in parens or dashes: a North American number.
    fn is_nanp(&self) -> bool {
        self.digits.len() == 10
            && self.groups[..] == [3, 3, 4]
            && (self.area_in_parens || self.separators.iter().all(|&s| s == '-'))
            && !self.digits.starts_with(['0', '1'])
    }

    /// What this run is, given the nearest cue's channel. `None`: too short
    /// to matter, or an amount read aloud.
    pub fn classify(&self, cue: Option<Channel>) -> Option<Builtin> {
        let builtin = self.classify_any(cue)?;
        let shape_only = matches!(
            builtin,
            Builtin::NumberMobile | Builtin::NumberTollFree | Builtin::NumberInternational
        ) || (builtin == Builtin::NumberLandline && self.digits.starts_with('0'));
        match self.positional {
            Positional::None => {}
            Positional::Tail if shape_only => {}
            _ => return None,
        }
        if self.words && builtin == Builtin::NumberDigits {
            return None;
        }
        Some(builtin)
    }

    fn classify_any(&self, cue: Option<Channel>) -> Option<Builtin> {
        if self.is_date() {
            return None;
        }
        let d = self.digits.as_str();
        let n = d.len();
        if self.is_range() {
            return (n >= 5).then_some(Builtin::NumberDigits);
        }
        if cue == Some(Channel::Label) {
            return (n >= 5).then_some(Builtin::NumberDigits);
        }
        // Country code and subscriber number make ten digits at least; a shorter
        // "+80351694" is 加 written as a plus sign.
        if (self.plus || d.starts_with("00")) && (10..=15).contains(&n) {
            return Some(Builtin::NumberInternational);
        }
        let cue = if self.plus {
            cue.or(Some(Channel::Add))
        } else {
            cue
        };
        if Self::is_mobile(d) || (n == 13 && d.starts_with("86") && Self::is_mobile(&d[2..])) {
            return Some(Builtin::NumberMobile);
        }
        if n == 10 && (d.starts_with("400") || d.starts_with("800")) {
            return Some(Builtin::NumberTollFree);
        }
        if self.is_nanp() {
            return Some(Builtin::NumberInternational);
        }
        let area_code_shape = d.starts_with('0')
            && (10..=12).contains(&n)
            && (3..=4).contains(&self.groups[0])
            && self.groups.len() > 1;
        if area_code_shape || Self::is_landline(d) {
            return Some(Builtin::NumberLandline);
        }
        let by_cue = match cue {
            Some(Channel::Phone) if (7..=12).contains(&n) => Some(Builtin::NumberLandline),
            Some(Channel::Qq | Channel::Add | Channel::Id) if (5..=11).contains(&n) => {
                Some(Builtin::NumberQq)
            }
            Some(Channel::Wechat) if (5..=20).contains(&n) => Some(Builtin::NumberWechat),
            _ => None,
        };
        by_cue.or((n >= 5).then_some(Builtin::NumberDigits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;

    fn runs(s: &str) -> Vec<String> {
        let n = Normalized::new(s);
        find_runs(n.chars(), &Classes::new(n.chars()))
            .into_iter()
            .map(|r| r.digits.to_string())
            .collect()
    }

    fn classify(s: &str, cue: Option<Channel>) -> Option<Builtin> {
        let n = Normalized::new(s);
        find_runs(n.chars(), &Classes::new(n.chars()))
            .remove(0)
            .classify(cue)
    }

    #[test]
    fn reads_through_separators_and_disguises() {
        assert_eq!(runs("138 0013 8000"), ["13800138000"]);
        assert_eq!(runs("1.5.2.6.3"), ["15263"]);
        assert_eq!(runs("幺叁柒 肆贰捌捌"), ["1374288"]);
        assert_eq!(runs("①③⑧"), ["138"]);
        assert_eq!(runs("⑧⑧⑨○⑦"), ["88907"]);
        assert_eq!(runs("1️⃣8️⃣8️⃣-2️⃣0️⃣"), ["18820"]);
        assert_eq!(runs("12:30，45"), ["12", "30", "45"]);
        assert_eq!(
            runs("75157734642、576212160979"),
            ["75157734642", "576212160979"]
        );
    }

    #[test]
    fn any_emoji_separates_digits() {
        // 🀄 (U+1F004) and 🌸 (U+1F338): one definition of emoji for both.
        assert_eq!(runs("138🀄0013🀄8000"), ["13800138000"]);
        assert_eq!(runs("138🌸0013🌸8000"), ["13800138000"]);
    }

    #[test]
    fn reads_letters_typed_for_digits() {
        assert_eq!(runs("l38 OO13 8OOO"), ["13800138000"]);
        assert_eq!(runs("138oo138ooo"), ["13800138000"]);
        // One digit is no number to start from: these stay words.
        assert!(runs("o2o 模式").iter().all(|r| r.len() < 3));
        assert!(runs("oil lol io").is_empty());
    }

    #[test]
    fn reads_numbers_said_aloud() {
        assert_eq!(runs("幺三八 洞洞幺三 八洞洞洞"), ["13800138000"]);
        assert_eq!(runs("幺三八 洞洞洞洞 幺二三四"), ["13800001234"]);
        assert_eq!(runs("八八九拐勾洞幺二"), ["88979012"]);
        assert!(runs("拐弯就到，山洞里，请勾选").is_empty());
        assert_eq!(runs("12345 拐弯"), ["12345"]);
        assert_eq!(runs("一三八 零零一三 八千"), ["13800138000"]);
        assert_eq!(runs("一万二的预算"), ["12000"]);
        assert_eq!(
            runs("nine one seven, five five five, oh one four two"),
            ["9175550142"]
        );
        assert_eq!(runs("double five triple-oh"), ["55000"]);
        let n =
            Normalized::new("call us at plus one, six-four-six, six-four-one, nine-four-eight-two");
        let run = find_runs(n.chars(), &Classes::new(n.chars())).remove(0);
        assert!(
            run.plus
                && run.digits.as_str() == "16466419482"
                && n.slice(run.range).starts_with("plus")
        );
        assert_eq!(runs("one or two, top ten"), ["1", "2"]);
        assert_eq!(runs("oh well, someone"), Vec::<String>::new());
    }

    #[test]
    fn reads_landlines_by_their_area_code() {
        for s in [
            "051233064398",
            "0 2 1 7 7 7 8 7 1 6 4",
            "〇七五五-六一八〇二六五四",
            "01062345678",
        ] {
            assert_eq!(classify(s, None), Some(Builtin::NumberLandline), "{s}");
        }
        // No area code, or a subscriber number that cannot start with 0 or 1.
        for s in ["00123456789", "01562345678", "07551234567", "0755612345678"] {
            assert_ne!(classify(s, None), Some(Builtin::NumberLandline), "{s}");
        }
    }

    #[test]
    fn amounts_read_aloud_are_not_contacts() {
        assert_eq!(classify("一万二千三百四十五", Some(Channel::Qq)), None);
        assert_eq!(classify("八千零五 三百五 三百五", None), None);
        assert_eq!(classify("一千万", Some(Channel::Phone)), None);
        assert_eq!(
            classify("一三八 零零一三 八千", None),
            Some(Builtin::NumberMobile)
        );
        assert_eq!(classify("one two three four five", None), None);
        assert_eq!(
            classify("five five five, one two three four", Some(Channel::Phone)),
            Some(Builtin::NumberLandline)
        );
    }

    #[test]
    fn classifies_by_shape_and_cue() {
        assert_eq!(classify("139.1766.2083", None), Some(Builtin::NumberMobile));
        assert_eq!(
            classify("400-820-6618", None),
            Some(Builtin::NumberTollFree)
        );
        assert_eq!(
            classify("(310) 555-0176", None),
            Some(Builtin::NumberInternational)
        );
        assert_eq!(
            classify("+852 2893 6617", None),
            Some(Builtin::NumberInternational)
        );
        assert_eq!(
            classify("021-6288 3471", None),
            Some(Builtin::NumberLandline)
        );
        assert_eq!(
            classify("73829164", Some(Channel::Qq)),
            Some(Builtin::NumberQq)
        );
        assert_eq!(classify("73829164", None), Some(Builtin::NumberDigits));
        assert_eq!(
            classify("13800138000", Some(Channel::Label)),
            Some(Builtin::NumberDigits)
        );
        assert_eq!(classify("2025-03-12", None), None);
        assert_eq!(classify("1234", Some(Channel::Qq)), None);
    }
}
