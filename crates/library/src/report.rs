//! The report of a checked library: CSV that opens cleanly in Excel (UTF-8
//! with BOM) or JSON, one entry per message.

use serde::Serialize;

use super::{Checked, Message, WriteError};
use dmlint_engine::{Category, Finding, Report, Severity, Verdict};

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    location: usize,
    verdict: Verdict,
    findings: &'a [Finding],
    text: &'a str,
    rewrite: &'a str,
}

pub fn json(messages: &[Message], checked: &[Checked]) -> Result<Vec<u8>, WriteError> {
    let entries: Vec<Entry> = messages
        .iter()
        .zip(checked)
        .map(|(m, c)| Entry {
            id: &m.id,
            location: m.location,
            verdict: c.report.verdict,
            findings: &c.report.findings,
            text: &m.text,
            rewrite: &c.rewrite.text,
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&entries)?;
    out.push(b'\n');
    Ok(out)
}

/// Header, then one row per message; the BOM makes Excel read it as UTF-8.
pub fn csv(messages: &[Message], checked: &[Checked]) -> Result<Vec<u8>, WriteError> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "id",
        "row",
        "verdict",
        "block",
        "warn",
        "info",
        "categories",
        "first risky token",
        "findings",
        "text",
        "rewrite",
    ];
    writer.write_record(header)?;
    for (m, c) in messages.iter().zip(checked) {
        let report = &c.report;
        let first = report
            .findings
            .iter()
            .max_by_key(|f| (f.severity, std::cmp::Reverse(f.start)))
            .map_or(String::new(), |f| f.text.clone());
        let findings = report
            .findings
            .iter()
            .map(|f| format!("{}:{}:{}", f.severity.as_str(), f.category.as_str(), f.text))
            .collect::<Vec<_>>()
            .join("; ");
        writer.write_record([
            m.id.clone(),
            m.location.to_string(),
            report.verdict.as_str().to_string(),
            report.count(Severity::Block).to_string(),
            report.count(Severity::Warn).to_string(),
            report.count(Severity::Info).to_string(),
            category_counts(report),
            first,
            findings,
            m.text.clone(),
            c.rewrite.text.clone(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| WriteError::Csv(e.into_error().into()))
}

/// How many findings of each category, most first.
pub fn count_categories(report: &Report) -> Vec<(Category, usize)> {
    let mut counts: Vec<(Category, usize)> = Vec::new();
    for f in &report.findings {
        match counts.iter_mut().find(|(c, _)| *c == f.category) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.category, 1)),
        }
    }
    counts.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
    counts
}

/// "wechat 2; phone 1", most first.
fn category_counts(report: &Report) -> String {
    count_categories(report)
        .iter()
        .map(|(c, n)| format!("{} {n}", c.as_str()))
        .collect::<Vec<_>>()
        .join("; ")
}
