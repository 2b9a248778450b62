//! The canonical model as a CMS form sends it (schema: `schema/report.schema.json`).
//!
//! ```json
//! { "year": 2020, "format": "2019", "title": "…",
//!   "tables": { "t2": { "item1": { "regulations": { "made": 0 } } },
//!               "t3": { "new": { "natural": 0, "total": "0" } },
//!               "t4": { "review": { "upheld": 0 } } },
//!   "sections": { "1": "…", "6": "…" } }
//! ```
//! A value is a number, a string (as typed: `"25.96万元"`, `"无"`) or `null`
//! (empty). Each cell's provenance is its JSON pointer.

use crate::api::LimitExceeded;
use crate::json_value::{Map, Value};
use crate::model::ids::{self, Format, TableId};
use crate::model::{
    Cell, ExtraRow, ReadIssue, Report, Section, Source, SourceKind, Table, ValueKind,
};
use std::borrow::Cow;

#[derive(Debug)]
pub struct JsonError(pub String);

/// Why a JSON input was not read: bad JSON or a limit.
#[derive(Debug)]
pub enum ReadError {
    Json(JsonError),
    Limit(LimitExceeded),
}

pub fn read_str(input: &str) -> Result<Report, JsonError> {
    read_model(&parse(input)?)
}

/// Parses JSON text with every number that f64 could change (a fraction,
/// an exponent, more than 15 digits) read as the digits written: see
/// [`exact_numbers`].
fn parse(input: &str) -> Result<Value, JsonError> {
    let exact = exact_numbers(input);
    Value::parse(&exact).map_err(|e| {
        // The error's line and column are those of the text as given.
        let e = match exact {
            Cow::Borrowed(_) => e,
            Cow::Owned(_) => Value::parse(input).err().unwrap_or(e),
        };
        JsonError(e.to_string())
    })
}

/// The JSON text with each number token that would not survive f64 exactly
/// — one with a fraction or an exponent, or more than 15 digits — turned
/// into a string of its plain digits (`25.960` → `"25.960"`, `1e3` →
/// `"1000"`, a 24-digit count kept whole). The reader takes a string and a
/// number cell alike, so the cell's raw text is what the author wrote and
/// its value is exact. Borrowed (no copy) when there is no such number.
pub fn exact_numbers(input: &str) -> Cow<'_, str> {
    let b = input.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if c == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        if !(c == b'-' || c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
            i += 1;
        }
        // ASCII bytes only: both ends are char boundaries.
        let token = &input[start..i];
        let digits = token.bytes().filter(u8::is_ascii_digit).count();
        // Not a JSON number (`1.2.3`, `01`): left for serde_json to refuse.
        if (!token.contains(['.', 'e', 'E']) && digits <= 15) || !is_json_number(token) {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(input.len() + 16));
        o.push_str(&input[copied..start]);
        o.push('"');
        o.push_str(&plain_number(token));
        o.push('"');
        copied = i;
    }
    match out {
        None => Cow::Borrowed(input),
        Some(mut o) => {
            o.push_str(&input[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Reads a JSON string, refusing more than `max_cells` table values
/// (`Limits::max_cells`). serde_json's own recursion limit (128) bounds
/// nesting; `Limits::max_input_bytes` bounds the size before this runs.
pub fn read_str_limited(input: &str, max_cells: usize) -> Result<Report, ReadError> {
    let v = parse(input).map_err(ReadError::Json)?;
    if count_values(&v) > max_cells {
        return Err(ReadError::Limit(LimitExceeded::cells(max_cells)));
    }
    read_model(&v).map_err(ReadError::Json)
}

/// How many table values (leaves under `tables`) a JSON report holds.
pub fn count_values(v: &Value) -> usize {
    let Some(tables) = v.get("tables").and_then(Value::as_object) else {
        return 0;
    };
    fn objs(v: &Value) -> impl Iterator<Item = &Value> {
        v.as_object().into_iter().flat_map(|m| m.values())
    }
    tables
        .iter()
        .map(|(k, t)| match k.as_str() {
            "t2" => objs(t)
                .flat_map(objs)
                .map(|c| objs(c).count())
                .sum::<usize>(),
            _ => objs(t).map(|c| objs(c).count()).sum(),
        })
        .sum()
}

/// Reads the canonical model from a `serde_json::Value`.
pub fn read_value(v: &serde_json::Value) -> Result<Report, JsonError> {
    read_model(&Value::from_serde(v))
}

/// Reads the canonical model from parsed JSON.
pub fn read_model(v: &Value) -> Result<Report, JsonError> {
    let obj = v
        .as_object()
        .ok_or_else(|| JsonError("top level is not an object".into()))?;
    let mut report = Report {
        source_kind: SourceKind::Json,
        has_prose: false,
        ..Report::default()
    };
    if let Some(y) = obj.get("year") {
        report.year = y
            .as_i64()
            .and_then(|y| i32::try_from(y).ok())
            .or_else(|| y.as_str().and_then(|s| s.trim().parse().ok()));
        report.year_source = report.year.map(|_| "json");
    }
    report.format = obj
        .get("format")
        .and_then(|f| {
            f.as_str()
                .map(str::to_string)
                .or_else(|| f.as_i64().map(|n| n.to_string()))
        })
        .and_then(|s| Format::parse(&s));
    report.title = obj.get("title").and_then(Value::as_str).map(str::to_string);
    if let Some(secs) = obj.get("sections") {
        read_sections(secs, &mut report);
    }
    if let Some(tables) = obj.get("tables").and_then(Value::as_object) {
        for (key, t) in tables {
            let Some(id) = TableId::parse(key) else {
                report.read_issues.push(ReadIssue {
                    rule: "structure/row-unknown",
                    table: None,
                    block: None,
                    row: None,
                    column: None,
                    detail: format!("table:{key}"),
                    source: Source::json(format!("/tables/{key}")),
                });
                continue;
            };
            let Some(t) = t.as_object() else { continue };
            let table = read_table(id, t, report.format, &mut report.read_issues);
            report.tables.push(table);
        }
    }
    crate::sort::sort_by_key(&mut report.tables, |t| t.id as u32);
    Ok(report)
}

fn read_sections(v: &Value, report: &mut Report) {
    let mut push = |ordinal: u8, heading: String, text: String, path: String| {
        if (1..=6).contains(&ordinal) {
            report.sections.push(Section {
                ordinal,
                heading,
                text,
                source: Source::json(path),
                parts: Vec::new(),
            });
            report.has_prose = true;
        }
    };
    match v {
        Value::Object(m) => {
            for (k, t) in m {
                if let (Ok(n), Some(text)) = (k.parse::<u8>(), t.as_str()) {
                    push(n, String::new(), text.to_string(), format!("/sections/{k}"));
                }
            }
        }
        Value::Array(a) => {
            for (i, s) in a.iter().enumerate() {
                let n = s
                    .get("ordinal")
                    .and_then(Value::as_u64)
                    .and_then(|n| u8::try_from(n).ok())
                    .unwrap_or(0);
                let h = s
                    .get("heading")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let t = s
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                push(n, h, t, format!("/sections/{i}"));
            }
        }
        _ => {}
    }
    crate::sort::sort_by_key(&mut report.sections, |s| u32::from(s.ordinal));
}

fn raw_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, JSON's number grammar.
fn is_json_number(s: &str) -> bool {
    fn digits(s: &str) -> (usize, &str) {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n, &s[n..])
    }
    let s = s.strip_prefix('-').unwrap_or(s);
    let (n, mut rest) = digits(s);
    if n == 0 || (n > 1 && s.starts_with('0')) {
        return false;
    }
    if let Some(r) = rest.strip_prefix('.') {
        let (n, r) = digits(r);
        if n == 0 {
            return false;
        }
        rest = r;
    }
    if let Some(r) = rest.strip_prefix(['e', 'E']) {
        let (n, r) = digits(r.strip_prefix(['+', '-']).unwrap_or(r));
        if n == 0 {
            return false;
        }
        rest = r;
    }
    rest.is_empty()
}

/// A JSON number token with its exponent (`1e3`, `2.5E-1`, as
/// `JSON.stringify` writes numbers of 1e21 and more) written out as plain
/// digits, exactly. An exponent beyond ±64, or a token that is not a JSON
/// number, is left as it is: the cell then reads as text and says so.
fn plain_number(s: &str) -> String {
    if !is_json_number(s) {
        return s.to_string();
    }
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else {
        return s.to_string();
    };
    let Some(exp) = exp.parse::<i32>().ok().filter(|e| e.abs() <= 64) else {
        return s.to_string();
    };
    let (sign, m) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = m.split_once('.').unwrap_or((m, ""));
    let digits = format!("{int}{frac}");
    // The decimal point's place in `digits`, moved by the exponent.
    let point = i32::try_from(int.len())
        .unwrap_or(i32::MAX)
        .saturating_add(exp);
    let out = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    format!("{sign}{out}")
}

fn esc(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn read_table(id: TableId, t: &Map, format: Option<Format>, issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(id, Source::json(format!("/tables/{}", id.as_str())));
    // Which format's layout the ids follow: the declared one, else the one
    // that knows every id given.
    let formats = match format {
        Some(f) => vec![f],
        None => vec![Format::F2021, Format::F2019],
    };
    let layout: Vec<_> = formats.iter().flat_map(|f| ids::layout(id, *f)).collect();
    let cell = |block: Option<&str>,
                row: &str,
                col: &str,
                v: &Value,
                path: String,
                table: &mut Table,
                issues: &mut Vec<ReadIssue>| {
        let found = layout
            .iter()
            .find(|(b, r, c, _)| *b == block && *r == row && *c == col);
        match (found, raw_of(v)) {
            (Some(&(b, r, c, kind)), Some(raw)) => {
                if table.cell(b, r, c).is_none() {
                    table
                        .cells
                        .push(Cell::new(id, b, r, c, kind, raw, Source::json(path)));
                }
            }
            (Some(_), None) => issues.push(ReadIssue {
                rule: "cell/not-a-number",
                table: Some(id),
                block: None,
                row: None,
                column: None,
                detail: "json-type".into(),
                source: Source::json(path),
            }),
            (None, raw) => table.extra_rows.push(ExtraRow {
                label: path.clone(),
                values: raw.into_iter().collect(),
                source: Source::json(path),
            }),
        }
    };
    match id {
        TableId::T2 => {
            for (b, rows) in t {
                let Some(rows) = rows.as_object() else {
                    continue;
                };
                for (r, cols) in rows {
                    let Some(cols) = cols.as_object() else {
                        continue;
                    };
                    for (c, v) in cols {
                        let path = format!("/tables/t2/{}/{}/{}", esc(b), esc(r), esc(c));
                        cell(Some(b.as_str()), r, c, v, path, &mut table, issues);
                    }
                }
            }
        }
        TableId::T3 | TableId::T4 => {
            for (r, cols) in t {
                let Some(cols) = cols.as_object() else {
                    continue;
                };
                for (c, v) in cols {
                    let path = format!("/tables/{}/{}/{}", id.as_str(), esc(r), esc(c));
                    cell(None, r, c, v, path, &mut table, issues);
                }
            }
        }
    }
    if id == TableId::T3 {
        let has = |r: &str| table.cells.iter().any(|c| c.row == r);
        table.format = if has("other") {
            Some(Format::F2019)
        } else if has("other_no_correction") || has("other_unpaid_fee") || has("other_other") {
            Some(Format::F2021)
        } else {
            format
        };
    } else if id == TableId::T2 {
        let has = |c: &str| table.cells.iter().any(|x| x.column == c);
        table.format = if has("issued") || has("in_force") {
            Some(Format::F2021)
        } else if has("made") || has("prev_items") || has("projects") {
            Some(Format::F2019)
        } else {
            format
        };
    }
    let _ = ValueKind::Count;
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_written() {
        use super::plain_number as p;
        assert_eq!(p("25.960"), "25.960");
        assert_eq!(p("1e3"), "1000");
        assert_eq!(p("1e+3"), "1000");
        assert_eq!(p("2.5E-1"), "0.25");
        assert_eq!(p("-1.5e1"), "-15");
        assert_eq!(p("1.25e1"), "12.5");
        assert_eq!(p("1e21"), "1000000000000000000000");
        assert_eq!(p("1e-3"), "0.001");
        assert_eq!(p("1e999999"), "1e999999");
        assert_eq!(p("1.2.3e1"), "1.2.3e1");
        let e = super::exact_numbers;
        assert!(matches!(
            e(r#"{"a":[1,-2,300],"b":"1.5"}"#),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            e(r#"{"a":25.960,"b":"x\"1.5","c":-1e3,"d":1234567890123456}"#),
            r#"{"a":"25.960","b":"x\"1.5","c":"-1000","d":"1234567890123456"}"#
        );
        // A JSON error is placed in the text as given, not the rewritten one.
        let err = read_str("{\"a\": 1.5, \"b\": }").unwrap_err().0;
        assert!(err.contains("column 17"), "{err}");
        // A malformed number is still refused, not turned into text.
        assert!(read_str(r#"{"tables":{"t4":{"review":{"upheld":1.2.3}}}}"#).is_err());
        assert!(read_str(r#"{"tables":{"t4":{"review":{"upheld":01.5}}}}"#).is_err());
        // Through the reader: digits beyond f64's 17 kept, exponents exact.
        let r = read_str(
            r#"{"year":2022,"tables":{"t4":{"review":{"upheld":123456789012345678901234,"corrected":25.960,"other":1e3}}}}"#,
        )
        .unwrap();
        let t4 = r.table(crate::model::TableId::T4).unwrap();
        let v = |c| {
            t4.cell(None, "review", c)
                .and_then(|c| c.value())
                .map(|n| n.to_string())
        };
        assert_eq!(v("upheld").as_deref(), Some("123456789012345678901234"));
        assert_eq!(
            t4.cell(None, "review", "corrected").map(|c| c.raw.as_str()),
            Some("25.960")
        );
        assert_eq!(v("other").as_deref(), Some("1000"));
    }

    #[test]
    fn reads_cells_with_pointers() {
        let r = read_str(r#"{"year":2022,"tables":{"t3":{"new":{"natural":3,"total":"3件"},"bogus":{"x":1}},"t4":{"review":{"upheld":null}}}}"#).unwrap();
        let t3 = r.table(TableId::T3).unwrap();
        let c = t3.cell(None, "new", "total").unwrap();
        assert_eq!(c.value().map(|n| n.to_string()).as_deref(), Some("3"));
        assert_eq!(c.source.path.as_deref(), Some("/tables/t3/new/total"));
        assert_eq!(t3.extra_rows.len(), 1);
        assert_eq!(
            r.table(TableId::T4)
                .unwrap()
                .cell(None, "review", "upheld")
                .unwrap()
                .state(),
            crate::model::CellState::Empty
        );
        assert!(read_str("[1]").is_err());
        assert!(read_str("{").is_err());
    }

    #[test]
    fn cell_limit() {
        let input = r#"{"tables":{"t2":{"item1":{"regulations":{"made":0,"x":1}}},"t3":{"new":{"natural":3}}}}"#;
        let v: Value = serde_json::from_str(input).unwrap();
        assert_eq!(count_values(&v), 3);
        assert!(read_str_limited(input, 3).is_ok());
        assert!(matches!(
            read_str_limited(input, 2),
            Err(ReadError::Limit(l)) if l == LimitExceeded::cells(2)
        ));
    }
}
