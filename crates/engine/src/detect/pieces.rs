//! A number given in pieces: "手机开头159，然后8826，最后3310",
//! "尾号是3310，前面是1598826", "138（空格）0013（空格）8000".
//!
//! The pieces are digit runs; what stands between them must be read whole by
//! a small filler grammar — separators, words that place a piece (开头, 前三位,
//! 中间, 然后, 再, 后面, 最后, 后四位, 尾号…), copulas and particles. Anything
//! else between two runs ("原价159，现价88", "身高159，体重88", "第1步…然后第2步")
//! ends the number, and so does a unit or measure word after a piece ("最后3天",
//! "18点"). The pieces join in the order their words give (a head first, a tail
//! last) and count only when the whole has a contact shape — an 11-digit
//! mobile, a 400/800 number, a landline with its area code, or a QQ number
//! after a QQ cue — and a contact cue stands in the sentence. The finding is
//! one span from the first filler word to the last piece.

use std::ops::Range;
use std::sync::LazyLock;

use super::cues::CueHit;
use super::numbers::{Digits, NumberRun, Positional};
use super::text;
use crate::normalize::digit_value;
use crate::rules::{Builtin, Channel};

/// A number put together from pieces.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub run: NumberRun,
    pub builtin: Builtin,
}

/// Where a filler word places the piece after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Head,
    Next,
    Tail,
}

/// The most chars between two pieces, or before the first.
const MAX_FILLER: usize = 12;
const MAX_PIECES: usize = 6;
/// How far the sentence around the pieces is searched for a contact cue.
const CUE_REACH: usize = 30;

/// Words that place the next piece.
const PLACE_WORDS: &[(&str, Role)] = &[
    ("开头", Role::Head),
    ("开始", Role::Head),
    ("前面", Role::Head),
    ("前边", Role::Head),
    ("前头", Role::Head),
    ("第一段", Role::Head),
    ("区号", Role::Head),
    ("前几位", Role::Head),
    ("前几个", Role::Head),
    ("头几位", Role::Head),
    ("先", Role::Head),
    ("首先", Role::Head),
    ("中间", Role::Next),
    ("第二段", Role::Next),
    ("然后", Role::Next),
    ("接着", Role::Next),
    ("接下来", Role::Next),
    ("之后", Role::Next),
    ("后面", Role::Next),
    ("后边", Role::Next),
    ("再", Role::Next),
    ("加", Role::Next),
    ("加上", Role::Next),
    ("接", Role::Next),
    ("跟", Role::Next),
    ("还有", Role::Next),
    ("最后", Role::Tail),
    ("最后面", Role::Tail),
    ("结尾", Role::Tail),
    ("末尾", Role::Tail),
    ("尾号", Role::Tail),
    ("尾数", Role::Tail),
    ("后几位", Role::Tail),
    ("第三段", Role::Tail),
];

/// Words that only link: copulas, particles, the spelled-out space.
const LINK_WORDS: &[&str] = &[
    "是", "为", "就是", "的", "呢", "哦", "啊", "呀", "空格", "数字", "号码",
];

/// "前三位", "后4位", "中间四个": a place and a digit count.
const COUNT_PLACES: &[(&str, Role)] = &[
    ("前", Role::Head),
    ("前面", Role::Head),
    ("头", Role::Head),
    ("后面", Role::Tail),
    ("中间", Role::Next),
    ("后", Role::Tail),
    ("最后", Role::Tail),
    ("末", Role::Tail),
];

/// The chars a filler word starts with, sorted: most chars in a gap start
/// none, and one search says so before every word is tried.
static FILLER_STARTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let words = COUNT_PLACES
        .iter()
        .chain(PLACE_WORDS)
        .map(|&(word, _)| word)
        .chain(LINK_WORDS.iter().copied());
    let mut starts: Vec<char> = words.filter_map(|w| w.chars().next()).collect();
    starts.sort_unstable();
    starts.dedup();
    starts
});

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{3000}'
            | ','
            | '，'
            | '、'
            | '/'
            | '|'
            | '-'
            | '—'
            | '~'
            | ':'
            | '：'
            | '('
            | ')'
            | '['
            | ']'
            | '【'
            | '】'
            | '+'
            | '*'
            | '·'
            | '.'
            | '→'
            | '>'
            | '\n'
    )
}

/// Measure words and units: a number glued to one is an amount, a date, a
/// time or a size, not a piece of a contact.
fn is_measure(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "%°℃元块角分毛天日号月年点时秒个只件条张本次位名岁斤克米寸码楼层室栋户人台套份盒瓶支双对种倍折成期届周款型路站度页章集遍趟回杯碗包袋箱颗粒片家间座辆班万千百亿级克￥¥$"
            .contains(c)
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or(&[]).iter();
    word.chars().all(|w| rest.next() == Some(&w))
}

/// A digit count at `at` ("三", "4", "十一"): its end and value.
fn count_at(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let mut end = at;
    let mut value = 0usize;
    while end < chars.len() && end - at < 2 {
        match chars[end] {
            '十' => value = value.max(1) * 10,
            c => match digit_value(c) {
                Some(d) => {
                    value = if value >= 10 {
                        value + usize::from(d)
                    } else {
                        value * 10 + usize::from(d)
                    }
                }
                None => break,
            },
        }
        end += 1;
    }
    (end > at && (1..=12).contains(&value)).then_some((end, value))
}

/// What a filler says about the piece after it.
#[derive(Debug, Default, Clone, Copy)]
struct Filler {
    role: Option<Role>,
    count: Option<usize>,
    /// Holds a word, not only separators.
    worded: bool,
}

/// Reads `chars[range]` whole as filler, or `None`. `between`: the filler
/// stands between two pieces, where a colon makes a time ("10:30").
fn read_filler(chars: &[char], range: Range<usize>, between: bool) -> Option<Filler> {
    let mut filler = Filler::default();
    let mut at = range.start;
    'outer: while at < range.end {
        let c = chars[at];
        if between && matches!(c, ':' | '：') {
            return None;
        }
        if is_separator(c) {
            at += 1;
            continue;
        }
        if FILLER_STARTS.binary_search(&c).is_err() {
            return None;
        }
        for &(place, role) in COUNT_PLACES {
            if starts_with(chars, at, place) {
                let after = at + place.chars().count();
                if let Some((end, count)) = count_at(chars, after)
                    && end < range.end
                    && matches!(chars[end], '位' | '个')
                {
                    filler = Filler {
                        role: Some(role),
                        count: Some(count),
                        worded: true,
                    };
                    at = end + 1;
                    continue 'outer;
                }
            }
        }
        let longest_place = PLACE_WORDS
            .iter()
            .filter(|(w, _)| starts_with(chars, at, w) && at + w.chars().count() <= range.end)
            .max_by_key(|(w, _)| w.len());
        if let Some(&(word, role)) = longest_place {
            filler = Filler {
                role: Some(role),
                count: None,
                worded: true,
            };
            at += word.chars().count();
            continue;
        }
        let link = LINK_WORDS
            .iter()
            .filter(|w| starts_with(chars, at, w) && at + w.chars().count() <= range.end)
            .max_by_key(|w| w.len());
        if let Some(word) = link {
            filler.worded = true;
            at += word.chars().count();
            continue;
        }
        return None;
    }
    Some(filler)
}

/// The filler that leads into the first piece ("开头", "尾号是", "前三位"),
/// as the start of its words and what it says.
fn lead_filler(chars: &[char], piece: usize) -> Option<(usize, Filler)> {
    let floor = piece.saturating_sub(MAX_FILLER);
    let mut from = piece;
    while from > floor && !text::is_sentence_break(chars[from - 1]) {
        from -= 1;
    }
    // It starts at a place word: "号码是开头…" leads from 开头.
    let places = PLACE_WORDS
        .iter()
        .map(|(w, _)| *w)
        .chain(COUNT_PLACES.iter().map(|(w, _)| *w));
    let place_at = |s: usize| places.clone().any(|w| starts_with(chars, s, w));
    (from..piece).filter(|&s| place_at(s)).find_map(|s| {
        read_filler(chars, s..piece, false)
            .filter(|f| f.role.is_some())
            .map(|f| (s, f))
    })
}

/// A piece of a number: a run of two digits at least, not a date or a range.
/// A positional numeral may only end the number ("一三八，零零一三，八千").
fn is_piece(run: &NumberRun) -> bool {
    run.digits.len() >= 2
        && !run.is_date()
        && !run.is_range()
        && !run.plus
        && run.positional != Positional::Amount
}

/// The next piece from `runs[from]` on, after a piece ending at `prev_end`,
/// with the filler between them. One-digit runs between pieces belong to the
/// filler ("前三位").
fn next_piece(
    chars: &[char],
    runs: &[NumberRun],
    from: usize,
    prev_end: usize,
) -> Option<(usize, Filler)> {
    let next = (from..runs.len())
        .take_while(|&n| runs[n].range.start <= prev_end + MAX_FILLER)
        .find(|&n| runs[n].digits.len() >= 2)?;
    let gap = prev_end..runs[next].range.start;
    if gap.is_empty() || !is_piece(&runs[next]) {
        return None;
    }
    read_filler(chars, gap, true).map(|filler| (next, filler))
}

struct Piece<'a> {
    run: &'a NumberRun,
    role: Role,
    count: Option<usize>,
}

/// Numbers given in pieces, each with the rule it falls under.
pub fn assemble(chars: &[char], runs: &[NumberRun], hits: &[CueHit]) -> Vec<Assembled> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        match assemble_from(chars, runs, i, hits) {
            Some((next, assembled)) => {
                found.push(assembled);
                i = next;
            }
            None => i += 1,
        }
    }
    found
}

/// The number whose first piece is `runs[first]`, and the index after its last piece.
fn assemble_from(
    chars: &[char],
    runs: &[NumberRun],
    first: usize,
    hits: &[CueHit],
) -> Option<(usize, Assembled)> {
    let run = &runs[first];
    if !is_piece(run) || run.positional != Positional::None {
        return None;
    }
    // The pieces after the first, read before anything else: most runs have
    // none (and then nothing is allocated), and the lead and the cue are
    // looked for only when there are.
    let (second, filler) = next_piece(chars, runs, first + 1, run.range.end)?;
    let mut pieces = vec![
        Piece {
            run,
            role: Role::Next,
            count: None,
        },
        Piece {
            run: &runs[second],
            role: filler.role.unwrap_or(Role::Next),
            count: filler.count,
        },
    ];
    let mut worded_gaps = vec![false, filler.worded];
    let mut k = second + 1;
    while k < runs.len() && pieces.len() < MAX_PIECES && runs[k - 1].positional == Positional::None
    {
        let prev_end = runs[k - 1].range.end;
        let Some((next, filler)) = next_piece(chars, runs, k, prev_end) else {
            break;
        };
        worded_gaps.push(filler.worded);
        pieces.push(Piece {
            run: &runs[next],
            role: filler.role.unwrap_or(Role::Next),
            count: filler.count,
        });
        k = next + 1;
    }
    let lead = lead_filler(chars, run.range.start);
    let start = match lead {
        Some((s, _)) => s,
        None => {
            // Without a leading word, the first piece follows a cue, a
            // copula, punctuation or nothing ("手机159", "号码是138").
            let ok = run.range.start == 0 || {
                let before = chars[run.range.start - 1];
                is_separator(before)
                    || text::is_clause_break(before)
                    || matches!(before, '是' | '为')
                    || ending_at(hits, run.range.start).any(|h| h.channel != Channel::Label)
            };
            if !ok {
                return None;
            }
            run.range.start
        }
    };
    if let Some((_, lead)) = lead {
        pieces[0].role = lead.role.unwrap_or(Role::Next);
        pieces[0].count = lead.count;
        worded_gaps[0] = lead.worded;
    }
    // Whether any filler up to each piece has a word.
    for i in 1..worded_gaps.len() {
        worded_gaps[i] |= worded_gaps[i - 1];
    }
    // The longest prefix of two pieces or more that makes a contact.
    while let [_, .., last] = pieces.as_slice() {
        let end = last.run.range.end;
        let glued = chars.get(end).is_some_and(|&c| is_measure(c));
        let counts_fit = pieces
            .iter()
            .all(|p| p.count.is_none_or(|n| n == p.run.digits.len()));
        if !glued && counts_fit {
            let span = start..end;
            if let Some(assembled) = join(chars, &pieces, span, hits, worded_gaps[pieces.len() - 1])
            {
                let after = runs
                    .iter()
                    .position(|r| std::ptr::eq(r, last.run))
                    .map_or(first + 1, |p| p + 1);
                return Some((after, assembled));
            }
        }
        pieces.pop();
    }
    None
}

/// The pieces joined in place order, if they make a contact with a cue nearby.
fn join(
    chars: &[char],
    pieces: &[Piece],
    span: Range<usize>,
    hits: &[CueHit],
    worded: bool,
) -> Option<Assembled> {
    let mut order: Vec<&Piece> = pieces.iter().collect();
    order.sort_by_key(|p| p.role);
    let digits: Digits = order.iter().flat_map(|p| p.run.digits.chars()).collect();
    let cue = cue_around(chars, hits, &span)?;
    let n = digits.len();
    let b = digits.as_bytes();
    let mobile = |d: &[u8]| d.len() == 11 && d[0] == b'1' && (b'3'..=b'9').contains(&d[1]);
    let builtin = if mobile(b) || (n == 13 && digits.starts_with("86") && mobile(&b[2..])) {
        Builtin::NumberMobile
    } else if n == 10 && (digits.starts_with("400") || digits.starts_with("800")) {
        Builtin::NumberTollFree
    } else if digits.starts_with('0')
        && (10..=12).contains(&n)
        && (3..=4).contains(&order[0].run.digits.len())
    {
        Builtin::NumberLandline
    } else if matches!(cue, Channel::Qq | Channel::Add)
        && worded
        && (5..=11).contains(&n)
        && !digits.starts_with('0')
        && pieces.iter().all(|p| p.run.positional == Positional::None)
    {
        Builtin::NumberQq
    } else {
        return None;
    };
    let positional = if pieces.iter().any(|p| p.run.positional != Positional::None) {
        Positional::Tail
    } else {
        Positional::None
    };
    let words = pieces.iter().any(|p| p.run.words);
    let separators = pieces[..pieces.len() - 1]
        .iter()
        .map(|prev| chars[prev.run.range.end])
        .collect();
    Some(Assembled {
        run: NumberRun {
            range: span,
            groups: order.iter().map(|p| p.run.digits.len()).collect(),
            digits,
            separators,
            plus: false,
            area_in_parens: false,
            positional,
            words,
        },
        builtin,
    })
}

/// The strongest contact cue in the sentence around the pieces, outside them;
/// `None` when there is none or a label (订单号, 身份证…) claims the number.
fn cue_around(chars: &[char], hits: &[CueHit], span: &Range<usize>) -> Option<Channel> {
    // The sentence, and the line before or after when a line break ends it:
    // a cue on one line and the number on the next ("手机\n开头159…").
    let mut window = text::around(chars, span.clone(), CUE_REACH, true);
    if window.start > 0 && chars[window.start - 1] == '\n' {
        window.start =
            text::around(chars, window.start - 1..window.start - 1, CUE_REACH, true).start;
    }
    if window.end < chars.len() && chars[window.end] == '\n' {
        window.end = text::around(chars, window.end + 1..window.end + 1, CUE_REACH, true).end;
    }
    let before = ending_in(hits, window.start..span.start + 1)
        .iter()
        .filter(|h| h.range.start >= window.start);
    let after = ending_in(hits, span.end..window.end + 1)
        .iter()
        .filter(|h| h.range.start >= span.end);
    let nearest_before = before.clone().max_by_key(|h| h.range.end);
    let nearest_after = after.clone().min_by_key(|h| h.range.start);
    // A label right after the number claims it only in the same sentence:
    // "3310\n欢迎参加" is a number and then a new line.
    let labelled = nearest_before.is_some_and(|h| h.channel == Channel::Label)
        || nearest_after.is_some_and(|h| {
            h.channel == Channel::Label
                && h.range.start - span.end <= 3
                && !chars[span.end..h.range.start]
                    .iter()
                    .any(|&c| text::is_sentence_break(c))
        });
    if labelled {
        return None;
    }
    let rank = |c: Channel| match c {
        Channel::Qq => 5,
        Channel::Phone => 4,
        Channel::Wechat => 3,
        Channel::Add => 2,
        Channel::Id => 1,
        Channel::Label => 0,
    };
    before
        .map(|h| h.channel)
        .chain(after.map(|h| h.channel).filter(|&c| c != Channel::Add))
        .filter(|&c| c != Channel::Label)
        .max_by_key(|&c| rank(c))
}

/// The hits (sorted by end) whose end lies in `ends`.
fn ending_in(hits: &[CueHit], ends: Range<usize>) -> &[CueHit] {
    let first = hits.partition_point(|h| h.range.end < ends.start);
    let last = hits.partition_point(|h| h.range.end < ends.end);
    &hits[first..last.max(first)]
}

/// The hits that end at `at`.
fn ending_at(hits: &[CueHit], at: usize) -> impl Iterator<Item = &CueHit> {
    ending_in(hits, at..at + 1).iter()
}
