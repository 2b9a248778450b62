//! Hostile and broken input (issue #7): every case must end in a diagnostic,
//! in bounded time and memory, and never panic.
//!
//! Time and memory bounds here are safety nets against hangs and blowups, not
//! performance claims (speed is measured in benchmarks, never asserted). Each
//! bound is at least ten times what was measured on the 2-core development
//! machine in an unoptimised `cargo test` build, so a loaded CI machine does
//! not flake; a quadratic loop or an unbounded allocation still trips them.
//! Memory is counted by a global allocator wrapper: `peak` is the most bytes
//! held at once during the check, above what was held before it started (the
//! input itself is built before and not counted).
//!
//! Run `cargo test --release --test hostile -- --nocapture` to see figures.

#[cfg(feature = "pdf")]
mod common;
#[cfg(feature = "pdf")]
use common::make_pdf;
use nianbao_check::{check, check_document, read::Document, Diagnostic, Limits, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

// ------------------------------------------------------------- measurement

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// wrapper only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(l);
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        CURRENT.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new >= l.size() {
                grew(new - l.size());
            } else {
                CURRENT.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Tests share one allocator counter: they run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

struct Measured<T> {
    value: T,
    time: Duration,
    /// Most bytes held at once above the level before the call.
    peak: usize,
}

fn measure<T>(name: &str, input_len: usize, f: impl FnOnce() -> T) -> Measured<T> {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let start = Instant::now();
    let value = f();
    let time = start.elapsed();
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    eprintln!(
        "{name}: input {:.1} MB, {:.3} s, peak {:.1} MB",
        input_len as f64 / 1e6,
        time.as_secs_f64(),
        peak as f64 / 1e6
    );
    Measured { value, time, peak }
}

const MB: usize = 1 << 20;

/// The loose bounds every case must meet (see the module doc).
fn bounded<T>(m: &Measured<T>, secs: u64, bytes: usize) {
    assert!(
        m.time < Duration::from_secs(secs),
        "took {:?} (bound {secs} s)",
        m.time
    );
    assert!(m.peak < bytes, "peak {} bytes (bound {bytes})", m.peak);
}

// ------------------------------------------------------------------ inputs

fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> String {
    std::fs::read_to_string(repo().join("examples/seed-linzi-yingji-2020.txt"))
        .expect("examples/seed-linzi-yingji-2020.txt")
}

fn shared(name: &str) -> Option<String> {
    let p = repo().join("../shared/corpus").join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        Err(_) => {
            eprintln!(
                "SKIP: {} absent (../shared is beside the clone in CI)",
                p.display()
            );
            None
        }
    }
}

fn rules_of(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.rule).collect()
}

fn only_unreadable(d: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(rules_of(d), ["input/unreadable"], "{d:#?}");
    &d[0]
}

/// The seed's findings (examples/seed-linzi-yingji-2020.txt): 总计 6 over rows of 0.
fn has_seed_findings(d: &[Diagnostic]) {
    let r = rules_of(d);
    assert_eq!(
        r.iter().filter(|x| **x == "t3/results-total").count(),
        2,
        "{r:?}"
    );
    assert_eq!(r.iter().filter(|x| **x == "t3/balance").count(), 2, "{r:?}");
}

/// A deterministic byte stream (xorshift), for binary-looking input.
fn noise(n: usize, mut s: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

/// A text-form table 3: the header naming all seven columns, then `rows`
/// rows of `cols` value cells each.
fn t3_text(rows: usize, cols: usize) -> String {
    let mut s = String::from("三、收到和处理政府信息公开申请情况\n");
    s.push_str("\t本年新收政府信息公开申请数量\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n\n");
    for r in 0..rows {
        s.push_str("\t（一）予以公开");
        for c in 0..cols {
            s.push('\t');
            s.push_str(if (r + c) % 2 == 0 { "0" } else { "1" });
        }
        s.push_str("\n\n");
    }
    s
}

// ------------------------------------------------------------------- cases

#[test]
fn paste_of_50_mb_reads_the_first_report_only() {
    let _g = serial();
    let one = seed();
    // The seed, then 50 MB more of a report's prose.
    let mut input = one.clone();
    let prose = "本机关坚持以公开为常态、不公开为例外，持续推进政务公开。\n";
    input.push_str(&prose.repeat(50 * MB / prose.len() + 1));
    assert!(input.len() > 50 * MB);
    let m = measure("50 MB paste", input.len(), || {
        check(&input, &Options::default(), None)
    });
    has_seed_findings(&m.value.diagnostics);
    assert!(
        m.value.diagnostics.len() < 100,
        "{}",
        m.value.diagnostics.len()
    );
    bounded(&m, 120, 40 * input.len());

    // The seed pasted 6,000 times: 50 MB and 1.9 million table cells, over
    // the default cell limit: refused, naming the option.
    let input = one.repeat(50 * MB / one.len() + 1);
    let m = measure("50 MB of repeated reports", input.len(), || {
        check(&input, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_en.contains("limits.maxCells"), "{}", d.message_en);
    bounded(&m, 120, 40 * input.len());

    // With the limit raised it is read; the first copy of each table
    // counts, later copies are ignored: the findings appear once, not 6,000
    // times.
    let more = max_cells(4_000_000);
    let m = measure(
        "50 MB of repeated reports, limit raised",
        input.len(),
        || check(&input, &more, None),
    );
    has_seed_findings(&m.value.diagnostics);
    assert!(
        m.value.diagnostics.len() < 100,
        "{}",
        m.value.diagnostics.len()
    );
    bounded(&m, 120, 40 * input.len());
}

#[test]
fn prose_of_50_mb_full_of_figures() {
    let _g = serial();
    let one = seed();
    // Figures in every clause, with and without sentence punctuation: the
    // claim reader's work stays linear and its findings bounded.
    for (what, prose) in [
        (
            "sentences",
            "共收到政府信息公开申请7件，予以公开3件、行政复议2起，未发生行政诉讼。\n",
        ),
        (
            "no punctuation",
            "收到申请1件予以公开2件行政复议3起未收到申请无行政诉讼",
        ),
    ] {
        let mut input = one.clone();
        input.push_str("六、其他需要报告的事项\n");
        input.push_str(&prose.repeat(50 * MB / prose.len() + 1));
        let m = measure(&format!("50 MB of figures ({what})"), input.len(), || {
            check(&input, &Options::default(), None)
        });
        has_seed_findings(&m.value.diagnostics);
        let claims = m
            .value
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("text/"))
            .count();
        assert!(claims > 0 && claims <= 2 * 501, "{what}: {claims}");
        bounded(&m, 120, 40 * input.len());
    }
}

#[test]
fn one_line_of_50_mb_is_prose() {
    let _g = serial();
    let input = "本年度主动公开政府信息。".repeat(50 * MB / 36 + 1);
    let m = measure("50 MB single line", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(rules_of(&m.value.diagnostics).contains(&"format/unknown"));
    bounded(&m, 120, 40 * input.len());
}

#[test]
fn over_the_input_size_limit_says_which_option_raises_it() {
    let _g = serial();
    let input = "a".repeat((64 << 20) + 1);
    let m = measure("64 MiB + 1", input.len(), || {
        check(&input, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(
        d.message_zh.contains("limits.maxInputBytes"),
        "{}",
        d.message_zh
    );
    assert!(d.message_en.contains("67108864"), "{}", d.message_en);
    assert!(d
        .help_en
        .as_deref()
        .unwrap_or("")
        .contains("raise the option"));
    // Refused before any reading: no copy of the input.
    bounded(&m, 10, MB);

    // The limit is an option: a small one refuses the seed, a larger one reads it.
    let seed = seed();
    let small = Options {
        limits: Limits {
            max_input_bytes: 1000,
            ..Limits::default()
        },
        ..Options::default()
    };
    only_unreadable(&check(&seed, &small, None).diagnostics);
    has_seed_findings(&check(&seed, &Options::default(), None).diagnostics);
}

#[test]
fn a_million_cells_as_text_at_the_limit_and_over_it() {
    let _g = serial();
    // Just under the default limit (1,000,000): 8 header cells and 998 rows
    // of a label and 1,000 values = 999,006 cells.
    let input = t3_text(998, 1000);
    let m = measure("1M text cells", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(
        !rules_of(&m.value.diagnostics).contains(&"input/unreadable"),
        "at the limit the input is read"
    );
    assert!(!m.value.diagnostics.is_empty());
    // Each one-byte cell becomes a grid cell with its provenance: ≈ 140 B
    // per cell, so ≈ 70 × a 2 MB input (measured 140 MB).
    bounded(&m, 60, 2000 * MB);

    // Two more rows (1,001,008 cells): over the limit, refused with the
    // option named.
    let input = t3_text(1000, 1000);
    let m = measure("1M+ text cells", input.len(), || {
        check(&input, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_zh.contains("limits.maxCells") && d.message_zh.contains("1000000"));
    assert!(d.message_en.contains("limits.maxCells"));
    bounded(&m, 60, 2000 * MB);

    // Raising the option lets it through.
    let more = max_cells(2_000_000);
    let out = check(&input, &more, None);
    assert!(!rules_of(&out.diagnostics).contains(&"input/unreadable"));
}

#[test]
fn one_row_of_a_million_cells_is_linear() {
    let _g = serial();
    // Once quadratic in the recogniser (a label search per cell).
    let input = t3_text(1, 999_000);
    let m = measure("1 row × 999,000 cells", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(!m.value.diagnostics.is_empty());
    bounded(&m, 60, 2000 * MB);
}

#[test]
fn a_million_cells_as_json() {
    let _g = serial();
    let mut s = String::from(r#"{"year":2022,"tables":{"t3":{"new":{"natural":1,"total":1}"#);
    for r in 0..1000 {
        s.push_str(&format!(r#","row{r}":{{"#));
        for c in 0..1000 {
            if c > 0 {
                s.push(',');
            }
            s.push_str(&format!(r#""c{c}":{c}"#));
        }
        s.push('}');
    }
    s.push_str("}}}");
    let m = measure("1M JSON values", s.len(), || {
        check(&s, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_en.contains("limits.maxCells"), "{}", d.message_en);
    bounded(&m, 60, 40 * s.len());

    let more = max_cells(1_000_002);
    let m = measure("1M JSON values, limit raised", s.len(), || {
        check(&s, &more, None)
    });
    let r = rules_of(&m.value.diagnostics);
    assert!(!r.contains(&"input/unreadable"));
    // A million unknown values, but at most 500 findings per rule and one
    // that counts the rest.
    let unknown: Vec<_> = m
        .value
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/row-unknown")
        .collect();
    assert_eq!(unknown.len(), 501);
    assert!(
        unknown[500].message_en.starts_with("999500 more"),
        "{}",
        unknown[500].message_en
    );
    // Each value costs ≈ 1 kB on the way (parsed JSON, an extra row, a
    // finding before the cap): a user who raises maxCells accepts that.
    bounded(&m, 300, 200 * s.len());
}

/// Default options with the cell limit at `n`.
fn max_cells(n: usize) -> Options {
    Options {
        limits: Limits {
            max_cells: n,
            ..Limits::default()
        },
        ..Options::default()
    }
}

/// The one `cell/not-a-number` finding of a check.
fn one_not_a_number(input: &str) -> Diagnostic {
    let out = check(input, &Options::default(), None);
    let nan: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.rule == "cell/not-a-number")
        .collect();
    assert_eq!(nan.len(), 1, "{:#?}", out.diagnostics);
    nan[0].clone()
}

#[test]
fn numbers_of_400_digits() {
    let _g = serial();
    let big = "9".repeat(400);
    // As a table cell in text: a "too large" not-a-number finding, no sum.
    let input = seed().replacen("\t6\n", &format!("\t{big}\n"), 1);
    assert_ne!(input, seed());
    let nan = one_not_a_number(&input);
    assert!(nan.message_zh.contains(&big[..20]) || nan.message_en.contains("large"));

    // As a JSON string: the same finding.
    let json = format!(r#"{{"year":2022,"tables":{{"t3":{{"new":{{"natural":"{big}"}}}}}}}}"#);
    let out = check(&json, &Options::default(), None);
    assert!(rules_of(&out.diagnostics).contains(&"cell/not-a-number"));

    // As a JSON number literal: kept as written (never through f64), the
    // same finding naming the digits.
    let json = format!(r#"{{"year":2022,"tables":{{"t3":{{"new":{{"natural":{big}}}}}}}}}"#);
    let nan = one_not_a_number(&json);
    assert!(nan.message_zh.contains("数字过大"), "{}", nan.message_zh);

    // Cells near i128::MAX whose sum overflows: no panic, no invented sum.
    let near = "99999999999999999999999999999999999999"; // 38 digits < i128::MAX
    let json = format!(
        r#"{{"year":2022,"format":"2021","tables":{{"t4":{{"review":{{"upheld":{q}{near}{q},"corrected":{q}{near}{q},"other":0,"pending":0,"total":1}}}}}}}}"#,
        q = '"'
    );
    let out = check(&json, &Options::default(), None);
    assert!(
        !rules_of(&out.diagnostics).contains(&"t4/total"),
        "an overflowing sum is not compared"
    );
}

#[test]
fn nul_bytes_and_invalid_utf8_in_a_real_report() {
    let _g = serial();
    // NULs and invalid bytes at the end of every prose line: the report is
    // still read (under the 1-in-10 binary threshold) and checked.
    let mut bytes = Vec::new();
    for (i, line) in seed().split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches('\n');
        bytes.extend_from_slice(body.as_bytes());
        if !body.starts_with('\t') && !body.is_empty() && i % 10 == 0 {
            bytes.extend_from_slice(b"\0\xff\xfe");
        }
        bytes.push(b'\n');
    }
    let input = String::from_utf8_lossy(&bytes);
    let out = check(&input, &Options::default(), None);
    has_seed_findings(&out.diagnostics);

    // A NUL beside a number renders as nothing and is read as blank: the
    // cell still reads 6 and the seed's findings stand.
    let input = seed().replacen("\t6\n", "\t6\0\n", 1);
    let out = check(&input, &Options::default(), None);
    has_seed_findings(&out.diagnostics);
    // A NUL inside the digits is not a number: reported, nothing panics.
    let input = seed().replacen("\t6\n", "\t6\x001\n", 1);
    let out = check(&input, &Options::default(), None);
    assert!(!out.diagnostics.is_empty());
    // The damaged 自然人 total is neither 6 nor 61: only the 总计 column's
    // finding is left.
    let r = rules_of(&out.diagnostics);
    assert!(
        r.iter().filter(|x| **x == "t3/results-total").count() <= 1,
        "{r:?}"
    );
    assert!(out
        .diagnostics
        .iter()
        .all(|d| d.actual.map(|n| n.to_string()) != Some("61".into())));
}

#[test]
fn binary_input_is_refused_as_not_text() {
    let _g = serial();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(200_000, 7));
    let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    jpeg.extend(noise(50_000, 11));
    for (name, bytes) in [
        ("an image renamed .html", png),
        ("a JPEG", jpeg),
        ("a megabyte of NUL", vec![0u8; MB]),
        ("random bytes", noise(MB, 3)),
    ] {
        let input = String::from_utf8_lossy(&bytes);
        let m = measure(name, input.len(), || {
            check(&input, &Options::default(), None)
        });
        let d = only_unreadable(&m.value.diagnostics);
        assert!(
            d.message_zh.contains("不是文本"),
            "{name}: {}",
            d.message_zh
        );
        bounded(&m, 10, 4 * MB);
    }
}

#[test]
fn empty_input() {
    let _g = serial();
    for input in ["", " ", "\n\n\t\r\n", "\u{feff}", "\u{3000}\u{a0}"] {
        let out = check(input, &Options::default(), None);
        let d = only_unreadable(&out.diagnostics);
        assert!(d.message_zh.contains("为空"), "{input:?}");
        assert!(d.message_en.contains("empty"));
    }
}

#[test]
fn report_in_neither_national_format() {
    let _g = serial();
    let Some(input) = shared("pingtan-2018-legacy.txt") else {
        return;
    };
    let out = check(&input, &Options::default(), None);
    let r = rules_of(&out.diagnostics);
    assert_eq!(r.first(), Some(&"format/unknown"), "{r:?}");
    let d = &out.diagnostics[0];
    assert!(d.message_zh.contains("2019年以前"), "{}", d.message_zh);
    assert!(d.message_en.contains("pre-2019"), "{}", d.message_en);
    // Nothing is guessed: no sum or cell finding on a report that has none.
    assert!(
        !r.iter()
            .any(|x| x.starts_with("t3/") || x.starts_with("cell/")),
        "{r:?}"
    );
}

#[test]
fn thousands_of_tables() {
    let _g = serial();
    let one = t3_text(3, 7);
    let mut input = String::new();
    for i in 0..5000 {
        input.push_str(&format!(
            "第{i}张表之后的一段说明文字，足够长，使下一张表不被视为同一张表的续表。\n"
        ));
        input.push_str(&one);
    }
    let m = measure("5000 tables", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(m.value.report.tables.len() <= 3);
    assert!(!m.value.diagnostics.is_empty());
    assert!(
        m.value.diagnostics.len() < 200,
        "{}",
        m.value.diagnostics.len()
    );
    bounded(&m, 60, 100 * input.len());
}

#[test]
fn json_nested_10000_deep() {
    let _g = serial();
    // serde_json stops at depth 128: a clear JSON error, no stack overflow.
    let input = format!("{{\"tables\":{}", "{\"a\":".repeat(10_000));
    let m = measure("JSON nesting 10,000", input.len(), || {
        check(&input, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_en.contains("recursion limit"), "{}", d.message_en);
    bounded(&m, 10, 16 * MB);
    // Brackets without a leading `{` are not JSON: read as text, found to
    // hold no report.
    let input = "[".repeat(10_000);
    let out = check(&input, &Options::default(), None);
    assert_eq!(rules_of(&out.diagnostics).first(), Some(&"format/unknown"));
}

#[test]
fn host_document_over_the_cell_limit() {
    let _g = serial();
    // The browser adapter sends grids read from the DOM: the same limit holds.
    let row: Vec<serde_json::Value> = (0..1000)
        .map(|c| serde_json::json!({ "text": c.to_string(), "col": c }))
        .collect();
    let rows: Vec<_> = (0..1001).map(|_| row.clone()).collect();
    let doc: Document = serde_json::from_value(serde_json::json!({
        "kind": "html",
        "blocks": [{ "type": "table", "rows": rows }]
    }))
    .expect("document");
    let m = measure("host document 1,001,000 cells", 0, || {
        check_document(&doc, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_en.contains("limits.maxCells"));
    bounded(&m, 10, 16 * MB);

    // Grid positions a host made up (col = u32::MAX) do not size buffers.
    let doc: Document = serde_json::from_value(serde_json::json!({
        "blocks": [{ "type": "table", "rows": [[
            { "text": "本年新收", "col": 4294967295u32, "colStart": 4294967295u32, "colspan": 4294967295u32 },
            { "text": "自然人", "col": 4294967295u32, "colStart": 4294967294u32, "colspan": 7 },
            { "text": "商业企业" }, { "text": "科研机构" }, { "text": "社会公益组织" },
            { "text": "法律服务机构" }, { "text": "其他" }, { "text": "总计", "col": 4294967295u32 }
        ], [ { "text": "（一）予以公开" }, { "text": "1", "colStart": 4294967295u32 } ]] }]
    }))
    .expect("document");
    let m = measure("host document, made-up positions", 0, || {
        check_document(&doc, &Options::default(), None)
    });
    assert!(!m.value.diagnostics.is_empty());
    bounded(&m, 10, 16 * MB);
}

// ------------------------------------------------------------ HTML and bytes

fn html_page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>某局2022年度政府信息公开工作年度报告</title></head><body>{body}</body></html>")
}

/// Table 3 as HTML: the seven-column header, then `rows` rows of `cols`
/// value cells.
fn t3_html(rows: usize, cols: usize) -> String {
    let mut s = String::from("<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>本年新收政府信息公开申请数量</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>");
    for r in 0..rows {
        s.push_str("<tr><td>（一）予以公开</td>");
        for c in 0..cols {
            s.push_str(if (r + c) % 2 == 0 {
                "<td>0</td>"
            } else {
                "<td>1</td>"
            });
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    s
}

#[test]
fn html_spans_of_100000() {
    let _g = serial();
    // One cell claiming 100,000 columns, one claiming 100,000 rows, and a
    // thousand cells each claiming 100,000 × 100,000: spans are capped
    // (limits.maxSpan, default 1,000) and the cell limit still holds.
    let mut body = String::from("<table><tr><td colspan=100000>本年新收</td></tr><tr><td rowspan=100000>自然人</td><td>1</td></tr></table>");
    body.push_str("<table><tr>");
    for _ in 0..1000 {
        body.push_str("<td colspan=\"100000\" rowspan=\"100000\">0</td>");
    }
    body.push_str("</tr></table>");
    let input = html_page(&body);
    let m = measure("colspan/rowspan 100000", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(!m.value.diagnostics.is_empty());
    let slots: usize = m.value.report.tables.iter().map(|t| t.cells.len()).sum();
    assert!(slots <= 1_000_000);
    bounded(&m, 60, 2000 * MB);
}

#[test]
fn html_nested_10000_deep() {
    let _g = serial();
    for (name, open, close) in [
        ("div", "<div>", "</div>"),
        ("table", "<table><tr><td>", "</td></tr></table>"),
        ("font", "<font><b><i>", "</i></b></font>"),
    ] {
        let mut body = open.repeat(10_000);
        body.push_str(&t3_html(2, 7));
        body.push_str(&close.repeat(10_000));
        let input = html_page(&body);
        let m = measure(
            &format!("HTML {name} nested 10,000 deep"),
            input.len(),
            || check(&input, &Options::default(), None),
        );
        assert!(!m.value.diagnostics.is_empty(), "{name}");
        bounded(&m, 60, 100 * input.len().max(MB));
    }
}

#[test]
#[cfg(feature = "html")]
fn a_million_cells_as_html() {
    let _g = serial();
    // 1,001 rows of 1,000 values: over the default cell limit (1,000,000);
    // the reader stops filling and says which option raises the limit.
    let input = html_page(&t3_html(1001, 999));
    let m = measure("1M HTML cells", input.len(), || {
        check(&input, &Options::default(), None)
    });
    let limit: Vec<_> = m
        .value
        .diagnostics
        .iter()
        .filter(|d| d.message_en.contains("limits.maxCells"))
        .collect();
    assert_eq!(
        limit.len(),
        1,
        "{:#?}",
        &m.value.diagnostics[..m.value.diagnostics.len().min(5)]
    );
    assert!(limit[0].message_zh.contains("limits.maxCells"));
    assert!(limit[0]
        .help_en
        .as_deref()
        .unwrap_or("")
        .contains("raise the option"));
    bounded(&m, 120, 100 * input.len());
}

#[test]
fn thousands_of_html_tables() {
    let _g = serial();
    let one = t3_html(3, 7);
    let mut body = String::new();
    for i in 0..5000 {
        body.push_str(&format!(
            "<p>第{i}张表之后的一段说明文字，足够长，使下一张表不被视为同一张表的续表。</p>"
        ));
        body.push_str(&one);
    }
    let input = html_page(&body);
    let m = measure("5000 HTML tables", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(m.value.report.tables.len() <= 3);
    assert!(!m.value.diagnostics.is_empty());
    assert!(
        m.value.diagnostics.len() < 200,
        "{}",
        m.value.diagnostics.len()
    );
    bounded(&m, 60, 100 * input.len());
}

#[test]
fn image_renamed_html_through_check_bytes() {
    let _g = serial();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(200_000, 5));
    let mut gif = b"GIF89a\x01\0\x01\0\x80\0\0".to_vec();
    gif.extend(noise(20_000, 9));
    let pdf_like = noise(100_000, 13);
    for (name, bytes) in [("PNG", png), ("GIF", gif), ("random", pdf_like)] {
        let m = measure(
            &format!("{name} bytes via check_bytes"),
            bytes.len(),
            || nianbao_check::check_bytes(&bytes, &Options::default(), None),
        );
        let d = only_unreadable(&m.value.diagnostics);
        assert!(
            d.message_zh.contains("不是文本"),
            "{name}: {}",
            d.message_zh
        );
        bounded(&m, 10, 4 * MB);
    }
}

#[test]
fn invalid_utf8_through_check_bytes_is_still_utf8() {
    let _g = serial();
    // A UTF-8 report with a few damaged bytes (a cut download): decoded as
    // UTF-8 with replacement characters, not as GB18030 mojibake.
    let mut bytes = seed().into_bytes();
    for at in [100, 2000, 5000] {
        let at = (at..bytes.len()).find(|i| bytes[*i] == b'\n').unwrap_or(at);
        bytes.insert(at, 0xff);
    }
    // A multi-byte character cut in half at the very end.
    bytes.extend_from_slice(&"报".as_bytes()[..2]);
    let out = nianbao_check::check_bytes(&bytes, &Options::default(), None);
    has_seed_findings(&out.diagnostics);
}

#[test]
#[cfg(feature = "html")]
fn sixty_four_mb_of_td() {
    let _g = serial();
    // 16 million empty cells in one row, just under the input limit: the
    // reader keeps at most maxCells + 1 of them (once it held all 16
    // million: 2.2 GB).
    let mut input = String::from("<table><tr>");
    input.push_str(&"<td>".repeat((64 << 20) / 4 - 4));
    let m = measure("64 MB of <td>", input.len(), || {
        check(&input, &Options::default(), None)
    });
    assert!(m
        .value
        .diagnostics
        .iter()
        .any(|d| d.message_en.contains("limits.maxCells")));
    bounded(&m, 120, 20 * input.len());
}

// -------------------------------------------------------------------- DOCX

fn docx_fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/docx").join(name)).expect("DOCX fixture")
}

#[test]
#[cfg(feature = "docx")]
fn docx_zip_bomb() {
    let _g = serial();
    // 256 KB that inflate to 256 MiB of text: stopped at the part cap
    // (64 MiB, or maxInputBytes when smaller), one clear diagnostic.
    let bomb =
        std::fs::read(repo().join("tests/regressions/cases/docx-bomb-256mib.docx")).expect("bomb");
    let m = measure("DOCX bomb 256 KB → 256 MiB", bomb.len(), || {
        nianbao_check::check_bytes(&bomb, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_zh.contains("上限"), "{}", d.message_zh);
    bounded(&m, 60, 200 * MB);

    // The same bomb whose zip headers claim 1,000 bytes: inflation itself
    // stops at the cap, whatever the headers say.
    let liar = std::fs::read(repo().join("tests/regressions/cases/docx-bomb-lying-size.docx"))
        .expect("bomb");
    let m = measure("DOCX bomb, lying sizes", liar.len(), || {
        nianbao_check::check_bytes(&liar, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    eprintln!("  {}", d.message_en);
    bounded(&m, 60, 200 * MB);
}

#[test]
fn docx_truncated_anywhere() {
    let _g = serial();
    // The seed as .docx cut at 200 places: each cut gives a diagnostic.
    let full = docx_fixture("pingtan-czjrj-2025.docx");
    let m = measure("DOCX truncated ×200", full.len(), || {
        (1..=200)
            .map(|i| {
                let cut = full.len() * i / 201;
                nianbao_check::check_bytes(&full[..cut], &Options::default(), None)
            })
            .collect::<Vec<_>>()
    });
    for (i, out) in m.value.iter().enumerate() {
        assert!(!out.diagnostics.is_empty(), "cut {i}");
    }
    bounded(&m, 120, 200 * MB);
}

// --------------------------------------------------------------------- PDF

#[cfg(feature = "pdf")]
fn pdf_stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_bombs_pages_and_cuts() {
    let _g = serial();
    let page_head = |kids: &str, n: usize| {
        vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>").into_bytes(),
        ]
    };
    // A content stream of 256 MiB of spaces in 256 kB: stopped at the
    // 32 MiB stream cap.
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 256 * MB], 6);
    let mut objs = page_head("3 0 R", 1);
    objs.push(b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec());
    objs.push(pdf_stream("/Filter /FlateDecode", &bomb));
    let input = make_pdf(&objs, "");
    let m = measure("PDF flate bomb 256 MiB", input.len(), || {
        nianbao_check::check_bytes(&input, &Options::default(), None)
    });
    let d = only_unreadable(&m.value.diagnostics);
    assert!(d.message_zh.contains("上限"), "{}", d.message_zh);
    bounded(&m, 60, 400 * MB);

    // 2,000 pages (the bound) of one text line each, then 2,001.
    for (n, ok) in [(2000usize, true), (2001, false)] {
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 5)).collect();
        let mut objs = page_head(&kids.join(" "), n);
        objs.push(pdf_stream("", b"BT /F1 12 Tf 72 700 Td (2020) Tj ET"));
        objs.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        for _ in 0..n {
            objs.push(
                b"<< /Type /Page /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
                    .to_vec(),
            );
        }
        let input = make_pdf(&objs, "");
        let m = measure(&format!("PDF of {n} pages"), input.len(), || {
            nianbao_check::check_bytes(&input, &Options::default(), None)
        });
        let unreadable = m
            .value
            .diagnostics
            .iter()
            .any(|d| d.rule == "input/unreadable");
        assert_eq!(unreadable, !ok, "{n} pages");
        bounded(&m, 60, 400 * MB);
    }

    // A grid of 1,000 × 1,000 drawn lines (998,001 cells) on each of 50
    // pages sharing one content stream: the cell limit stops it on page 2.
    let mut grid = String::from("0.5 w ");
    for i in 0..1000 {
        grid += &format!("10 {y} m 590 {y} l S ", y = 10 + i * 4 / 5);
        grid += &format!("{x} 10 m {x} 810 l S ", x = 10 + i * 29 / 50);
    }
    let kids: Vec<String> = (0..50).map(|i| format!("{} 0 R", i + 4)).collect();
    let mut objs = page_head(&kids.join(" "), 50);
    objs.push(pdf_stream("", grid.as_bytes()));
    for _ in 0..50 {
        objs.push(b"<< /Type /Page /Contents 3 0 R >>".to_vec());
    }
    let input = make_pdf(&objs, "");
    let m = measure(
        "PDF 1,000 × 1,000 ruled lines × 50 pages",
        input.len(),
        || nianbao_check::check_bytes(&input, &Options::default(), None),
    );
    let d = only_unreadable(&m.value.diagnostics);
    eprintln!("  {}", d.message_en);
    bounded(&m, 120, 1000 * MB);

    // The seed as PDF cut at 200 places: each cut gives a diagnostic.
    let full =
        std::fs::read(repo().join("tests/fixtures/pdf/seed-linzi-yingji-2020.pdf")).expect("PDF");
    let m = measure("PDF truncated ×200", full.len(), || {
        (1..=200)
            .map(|i| {
                nianbao_check::check_bytes(&full[..full.len() * i / 201], &Options::default(), None)
            })
            .collect::<Vec<_>>()
    });
    for (i, out) in m.value.iter().enumerate() {
        assert!(!out.diagnostics.is_empty(), "cut {i}");
    }
    bounded(&m, 120, 200 * MB);
}
