//! Whether text an operator edited with suggestions is still well-formed:
//! shared by the suggestion property test and the app's click-through test.

use std::collections::BTreeMap;

pub const MARKS: &str = "，。！？；：、,.!?;:～~";

/// Adjacent punctuation marks (spaces between them ignored), counted by pair.
pub fn mark_pairs(text: &str) -> BTreeMap<(char, char), usize> {
    let mut pairs = BTreeMap::new();
    let mut last: Option<char> = None;
    for c in text.chars().filter(|c| *c != ' ') {
        let mark = MARKS.contains(c);
        if let (Some(before), true) = (last, mark) {
            *pairs.entry((before, c)).or_default() += 1;
        }
        last = mark.then_some(c);
    }
    pairs
}

/// Words of two to four chars written twice in a row ("加大码加大码").
fn doubled(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    for len in 2..=4 {
        for i in 0..chars.len().saturating_sub(2 * len - 1) {
            let word = &chars[i..i + len];
            if word.iter().all(|c| c.is_alphanumeric()) && chars[i + len..].starts_with(word) {
                n += 1;
            }
        }
    }
    n
}

fn starts_with_mark(text: &str) -> bool {
    text.trim_start().starts_with(|c| MARKS.contains(c))
}

/// `text`, made from `message` by accepting suggestions, has no two marks side
/// by side, no doubled word and no opening mark that `message` did not have.
pub fn well_formed(message: &str, text: &str) -> Result<(), String> {
    let before = mark_pairs(message);
    if let Some(pair) = mark_pairs(text)
        .iter()
        .find(|(k, n)| **n > before.get(*k).copied().unwrap_or(0))
    {
        return Err(format!("marks {:?} side by side", pair.0));
    }
    if doubled(text) > doubled(message) {
        return Err("a word doubled".into());
    }
    if starts_with_mark(text) && !starts_with_mark(message) {
        return Err("a mark at the start".into());
    }
    Ok(())
}
