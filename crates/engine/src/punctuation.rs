//! The punctuation that ends sentences and clauses, defined once: the
//! detector bounds a cue's reach with it (a "加" in one sentence says nothing
//! about a number in the next), the rewrite splits and joins clauses with it.

/// Ends a sentence in Chinese or English: 。！？, their ASCII forms, and a
/// line break. An ASCII full stop ends one only where it is no decimal point
/// or dot of a link, which only the rewrite can tell (it reads the original
/// text, where a sentence's stop stands before a space).
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '!' | '？' | '?' | '\n')
}

/// A pause stronger than a comma — a semicolon, an ellipsis — after which
/// the sentence goes on with a new thought.
pub fn is_pause(c: char) -> bool {
    matches!(c, '；' | ';' | '…')
}

/// A comma between clauses of one sentence. An ASCII comma separates
/// clauses only where it is no digit group separator ("¥96,000").
pub fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',')
}

/// Marks chat uses to run clauses on ("好的～", "今天—明天"): they close a
/// clause for the rewrite, though no cue stops at them.
pub fn is_chat_joiner(c: char) -> bool {
    matches!(c, '～' | '~' | '—')
}
