//! The library readers on any bytes: text, JSONL, JSON, CSV and Excel. They
//! return messages or an error naming the file, never panic.
#![no_main]

use dmlint::library::{InputFormat, Library, ReadOptions};
use libfuzzer_sys::fuzz_target;

const FORMATS: [(InputFormat, &str); 6] = [
    (InputFormat::Auto, "lib.txt"),
    (InputFormat::Jsonl, "lib.jsonl"),
    (InputFormat::Json, "lib.json"),
    (InputFormat::Csv, "lib.csv"),
    (InputFormat::Csv, "lib.tsv"),
    (InputFormat::Xlsx, "lib.xlsx"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (format, name) = FORMATS[selector as usize % FORMATS.len()];
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    if let Err(e) = Library::from_bytes(name, bytes, &options) {
        assert!(e.to_string().starts_with(name), "{e}");
    }
});
