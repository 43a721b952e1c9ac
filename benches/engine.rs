//! Engine benchmarks: `cargo bench`. Messages and the batch corpus are
//! generated deterministically from realistic pieces, never committed.

use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use dmlint::library::{Message, check_all};
use dmlint::rewrite::{CardPhrases, rewrite};
use dmlint::{CheckOptions, Checker};

fn main() {
    divan::main();
}

#[path = "support/messages.rs"]
mod messages;
use messages::{BLOCK_ZH, CLEAN_ZH, MIXED_EN, WARN_ZH, kinds, message};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::builtin().unwrap());

#[divan::bench(args = [100, 1_000, 10_000])]
fn check(bencher: Bencher, chars: usize) {
    let messages: Vec<String> = kinds().iter().map(|(_, p)| message(p, chars)).collect();
    let options = CheckOptions::default();
    let _ = CHECKER.check("warm", &options);
    bencher.bench(|| {
        for m in &messages {
            black_box(CHECKER.check(black_box(m), &options));
        }
    });
}

#[divan::bench(args = ["clean_zh", "warn_zh", "block_zh", "mixed_en"])]
fn check_1000_chars(bencher: Bencher, kind: &str) {
    let pieces = kinds().into_iter().find(|(k, _)| *k == kind).unwrap().1;
    let text = message(&pieces, 1_000);
    let options = CheckOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| black_box(CHECKER.check(black_box(&text), &options)));
}

/// A 1 MB message with thousands of findings: must stay linear.
#[divan::bench(sample_count = 10)]
fn check_1mb_block_heavy(bencher: Bencher) {
    let text = message(&[CLEAN_ZH, WARN_ZH, BLOCK_ZH].concat(), 350_000);
    let options = CheckOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| black_box(CHECKER.check(black_box(&text), &options)));
}

/// Hostile input: a 10 MB chat export as one message (issue: under 2 s).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn hostile_10mb_chat_export(bencher: Bencher) {
    let line = "客户：请问这款有货吗？\n商家：有的亲，宽60cm，加我薇信 meimei_0812 发你实拍图，电话 138 0013 8000。\n";
    let text = line.repeat(10_000_000 / line.len() + 1);
    let options = CheckOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| black_box(CHECKER.check(black_box(&text), &options)));
}

/// Hostile input: 1 MB of one circled digit, a single endless number run.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn hostile_1mb_circled_digits(bencher: Bencher) {
    let text = "①".repeat(1_000_000 / "①".len());
    let options = CheckOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| black_box(CHECKER.check(black_box(&text), &options)));
}

#[divan::bench(sample_count = 20)]
fn build_rule_set() -> Checker {
    Checker::builtin().unwrap()
}

/// The rewrite of a long message must stay linear: 300,000 chars may cost
/// at most about ten times 30,000.
#[divan::bench(args = [1_000, 30_000, 300_000], sample_count = 10)]
fn rewrite_block_heavy(bencher: Bencher, chars: usize) {
    let text = message(&[CLEAN_ZH, BLOCK_ZH].concat(), chars);
    let options = CheckOptions::default();
    let report = CHECKER.check(&text, &options);
    bencher.bench(|| {
        black_box(rewrite(
            &CHECKER,
            &text,
            &report,
            &options,
            &CardPhrases::default(),
        ))
    });
}

/// A library of short messages, about 20 MB, from all kinds.
static CORPUS: LazyLock<Vec<Message>> = LazyLock::new(|| {
    let all = [CLEAN_ZH, WARN_ZH, BLOCK_ZH, MIXED_EN].concat();
    let mut messages = Vec::new();
    let mut bytes = 0;
    let mut i: usize = 0;
    while bytes < 20_000_000 {
        // A deterministic mix of one to four pieces per message.
        let n = 1 + i % 4;
        let text: String = (0..n).map(|k| all[(i * 7 + k * 3) % all.len()]).collect();
        bytes += text.len();
        messages.push(Message {
            id: i.to_string(),
            location: i + 1,
            text,
            context: None,
        });
        i += 1;
    }
    messages
});

fn corpus_bytes() -> usize {
    CORPUS.iter().map(|m| m.text.len()).sum()
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn batch_single_thread(bencher: Bencher) {
    let options = CheckOptions::default();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        for m in CORPUS.iter() {
            black_box(CHECKER.check(&m.text, &options));
        }
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn batch_all_cores(bencher: Bencher) {
    use rayon::prelude::*;
    let options = CheckOptions::default();
    // The same work as `batch_single_thread`: each report dropped at once.
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        CORPUS.par_iter().for_each(|m| {
            black_box(CHECKER.check(&m.text, &options));
        })
    });
}

/// The library path the CLI and the batch view run: check and rewrite every
/// message on all cores, in input order.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn batch_library_with_rewrites(bencher: Bencher) {
    let options = CheckOptions::default();
    let never = AtomicBool::new(false);
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        black_box(check_all(
            &CHECKER,
            &CORPUS,
            &options,
            &CardPhrases::default(),
            &|_| {},
            &never,
        ))
    });
}
