//! English words and phrases inside Chinese text, which the platform's
//! screening tends to flag. Letters glued to digits belong to the alnum and
//! model rules instead ("829y74hy", "24gb").

use std::ops::Range;

use super::classes::{self, Classes};

/// Phrases of Latin words separated by single spaces, with at least one word
/// of two letters or more ("eggs benedict", "DJ"; not the "s" of "s车").
pub fn phrases(chars: &[char], classes: &Classes) -> Vec<Range<usize>> {
    let mut phrases = Vec::new();
    let mut current: Option<(Range<usize>, bool)> = None;
    let mut i = 0;
    while let Some(start) = classes.find(i, classes::LATIN) {
        i = start;
        // Letters, and an apostrophe or hyphen between two ("don't", "move-in").
        loop {
            i = classes.end_of(i, classes::LATIN);
            let joined = i + 1 < chars.len()
                && matches!(chars[i], '\'' | '-' | '’')
                && classes.at(i + 1) & classes::LATIN != 0;
            if !joined {
                break;
            }
            i += 1;
        }
        let glued = (start > 0 && chars[start - 1].is_ascii_digit())
            || (i < chars.len() && chars[i].is_ascii_digit());
        if glued {
            if let Some((range, real)) = current.take() {
                real.then(|| phrases.push(range));
            }
            continue;
        }
        let long = i - start >= 2;
        current = match current.take() {
            Some((range, real)) if range.end + 1 == start && chars[range.end] == ' ' => {
                Some((range.start..i, real || long))
            }
            Some((range, real)) => {
                real.then(|| phrases.push(range));
                Some((start..i, long))
            }
            None => Some((start..i, long)),
        };
    }
    if let Some((range, true)) = current {
        phrases.push(range);
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        phrases(&chars, &Classes::new(&chars))
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn groups_words_into_phrases() {
        assert_eq!(
            found("推荐 eggs benedict 和 pancake。"),
            ["eggs benedict", "pancake"]
        );
        assert_eq!(found("s车，dj打碟"), ["dj"]);
        assert_eq!(found("829y74hy 和 24gb"), Vec::<String>::new());
        assert_eq!(found("macramé 挂毯"), ["macramé"]);
    }
}
