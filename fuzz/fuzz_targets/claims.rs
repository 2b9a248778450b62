//! The prose claim reader on any text: any bytes become the prose of a
//! consistent report (the first byte picks the format and the section), and
//! every figure read must be tied to real places of the text and give at
//! most one finding.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::model::Format;
use nianbao_check::rules::text::claims::{of_report, Reading};
use nianbao_check::testkit::{consistent, xorshift};
use nianbao_check::{check_report, Options};

fuzz_target!(|data: &[u8]| {
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let format = if flags & 1 == 0 { Format::F2021 } else { Format::F2019 };
    let section = ((flags >> 1) % 6 + 1).to_string();
    let prose = String::from_utf8_lossy(rest);
    let mut v = consistent(format, 2022, &mut xorshift(u64::from(flags) + 1));
    v["sections"][section.as_str()] = serde_json::Value::String(prose.to_string());
    let Ok(report) = nianbao_check::read::json::read_value(&v) else {
        return;
    };
    let opts = Options::default();
    let claims = of_report(&report, &opts);
    let text = report.sections.iter().map(|s| s.text.len()).max().unwrap_or(0);
    for m in &claims {
        assert!(m.offset <= text, "offset {} past the text", m.offset);
        assert!(!m.quote.is_empty() && !m.figure.is_empty());
        if let Reading::Claim { alts, .. } = &m.reading {
            assert!(!alts.is_empty() && alts.iter().all(|a| !a.is_empty()));
        }
    }
    let out = check_report(report, &opts, None);
    let n = out
        .diagnostics
        .iter()
        .filter(|d| d.rule == "text/table-mismatch" || d.rule == "text/claim-unplaced")
        .count();
    assert!(n <= claims.len() + 2, "{n} findings from {} claims", claims.len());
});
