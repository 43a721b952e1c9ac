//! A steady loop over one realistic block-heavy message, for a profiler:
//! `cargo build --release --example profile` then
//! `perf record -g target/release/examples/profile 20000 [CHARS]` (or
//! valgrind --tool=callgrind with fewer iterations). CHARS is the message
//! length, 1,000 by default. Prints the findings count so the work cannot be
//! optimised away.

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let chars: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let checker = dmlint::Checker::builtin().expect("the built-in rules are valid");
    let base = "亲爱的，欢迎来到栖月美学～我们主做皮肤管理、头皮护理和美睫，这款挂毯宽60cm，挂在床头刚好，新客体验价98元，会员价¥499，我们的 signature 项目是小气泡清洁，约时间加薇信：meimei_0812 哦，急单打 ①③⑧ 〇〇一三 八〇〇〇，资料包太大，你发我企鹅号，或者直接加我：３９２８１７４６５。同款拼多多更便宜，懂的都懂，注意事项视频点这个看：t.cn/A6xK9pQr。";
    let text: String = base.repeat(10).chars().take(chars).collect();
    let options = dmlint::CheckOptions::default();
    let findings: usize = (0..iterations)
        .map(|_| checker.check(&text, &options).findings.len())
        .sum();
    println!("{findings}");
}
