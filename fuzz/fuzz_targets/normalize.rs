//! The normaliser on any text: the offset map is monotone, covers the text,
//! and every span lands on char boundaries of the original.
#![no_main]

use dmlint::normalize::Normalized;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let norm = Normalized::new(text);
    let original_len = text.chars().count();
    assert_eq!(norm.original_len(), original_len);
    let mut previous_end = 0;
    for i in 0..norm.len() {
        let span = norm.original_span(i..i + 1);
        assert!(span.start < span.end && span.end <= original_len, "{span:?}");
        assert!(span.end >= previous_end, "not monotone at {i}");
        previous_end = span.end;
    }
    if norm.len() > 0 {
        assert_eq!(norm.original_span(0..norm.len()).end, original_len);
    }
});
