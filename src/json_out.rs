//! The output JSON written by hand, byte for byte what serde_json writes
//! from the derived `Serialize` impls (which native users keep, and which
//! the tests hold this to).
//!
//! In the wasm the derived impls and serde_json's serializer cost about
//! 5 kB gzipped (issue #12): one `serialize_struct` per type with its
//! `skip_serializing_if` branches, the generic map and sequence machinery,
//! and a float printer for the few decimals. Here each type is one small
//! function over one `String`.

use crate::api::{OutDiagnostic, Output, OutputPart, RuleInfo, Summary};
use crate::diagnostic::CellRef;
use crate::model::value::TextReason;
use crate::model::{
    Cell, CellState, ExtraRow, Norm, Num, ReadIssue, Report, Section, Source, SourceKind, Table,
    Unit, ValueKind,
};

/// A JSON text being written, compact (no spaces), like `serde_json::to_string`.
struct W {
    out: String,
    /// Whether the object or array being written has no member yet.
    first: bool,
}

impl W {
    fn new() -> W {
        W {
            out: String::new(),
            first: true,
        }
    }
    fn open(&mut self, c: char) {
        self.out.push(c);
        self.first = true;
    }
    fn close(&mut self, c: char) {
        self.out.push(c);
        self.first = false;
    }
    /// Before an array element.
    fn elem(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }
    /// `"key":` (keys are ASCII names: nothing to escape).
    fn key(&mut self, k: &str) {
        self.elem();
        self.out.push('"');
        self.out.push_str(k);
        self.out.push_str("\":");
    }
    fn null(&mut self) {
        self.out.push_str("null");
    }
    /// A string, escaped as serde_json does: `"` `\` and the control
    /// characters (short forms where JSON has them, else `\u00xx`).
    fn str(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                0..=0x1f => b'u',
                _ => continue,
            };
            // ASCII bytes only: both ends are char boundaries.
            self.out.push_str(&s[start..i]);
            self.out.push('\\');
            self.out.push(char::from(short));
            if short == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 15)]));
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
    fn uint(&mut self, n: u64) {
        push_u64(&mut self.out, n);
    }
    fn int(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        push_u64(&mut self.out, n.unsigned_abs());
    }
    fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }
    /// `"key":"value"` when there is a value (`skip_serializing_if`).
    fn key_str_if(&mut self, k: &str, s: Option<&str>) {
        if let Some(s) = s {
            self.key(k);
            self.str(s);
        }
    }
    fn key_uint_if(&mut self, k: &str, n: Option<u32>) {
        if let Some(n) = n {
            self.key(k);
            self.uint(u64::from(n));
        }
    }
    fn uints(&mut self, ns: &[u32]) {
        self.open('[');
        for &n in ns {
            self.elem();
            self.uint(u64::from(n));
        }
        self.close(']');
    }
    fn num(&mut self, n: Num) {
        n.write_json(&mut self.out);
    }
    fn opt_num(&mut self, n: Option<Num>) {
        match n {
            Some(n) => self.num(n),
            None => self.null(),
        }
    }
    fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut W, &T)) {
        self.open('[');
        for t in items {
            self.elem();
            f(self, t);
        }
        self.close(']');
    }
}

/// Decimal digits of `n`, without `core::fmt`.
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

fn source_kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Text => "text",
        SourceKind::Json => "json",
        SourceKind::Html => "html",
        SourceKind::Markdown => "markdown",
        SourceKind::Docx => "docx",
        SourceKind::Pdf => "pdf",
    }
}

fn value_kind(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Count => "count",
        ValueKind::SignedCount => "signed_count",
        ValueKind::MoneyWan => "money_wan",
        ValueKind::MoneyAny => "money_any",
    }
}

fn cell_state(s: CellState) -> &'static str {
    match s {
        CellState::Number => "number",
        CellState::Zero => "zero",
        CellState::Empty => "empty",
        CellState::Placeholder => "placeholder",
        CellState::Text => "text",
    }
}

fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Yuan => "yuan",
        Unit::WanYuan => "wan_yuan",
    }
}

fn norm(n: Norm) -> &'static str {
    match n {
        Norm::FullWidth => "full_width",
        Norm::Thousands => "thousands",
        Norm::Sign => "sign",
        Norm::ChineseSign => "chinese_sign",
        Norm::Unit => "unit",
        Norm::Note => "note",
        Norm::Spaces => "spaces",
    }
}

fn reason(r: TextReason) -> &'static str {
    match r {
        TextReason::NotNumeric => "not_numeric",
        TextReason::TooLarge => "too_large",
        TextReason::TooPrecise => "too_precise",
    }
}

fn source(w: &mut W, s: &Source) {
    w.open('{');
    w.key("kind");
    w.str(source_kind(s.kind));
    w.key_uint_if("line", s.line);
    w.key_str_if("path", s.path.as_deref());
    w.key_uint_if("table", s.table);
    w.key_uint_if("row", s.row);
    w.key_uint_if("col", s.col);
    w.key_uint_if("ordinal", s.ordinal);
    w.key_uint_if("paragraph", s.paragraph);
    if let Some(span) = &s.span {
        w.key("span");
        w.uints(span);
    }
    w.key_uint_if("page", s.page);
    if let Some(bbox) = &s.bbox {
        w.key("bbox");
        w.uints(bbox);
    }
    w.close('}');
}

fn opt_source(w: &mut W, s: Option<&Source>) {
    match s {
        Some(s) => source(w, s),
        None => w.null(),
    }
}

fn cell(w: &mut W, c: &Cell) {
    w.open('{');
    w.key("table");
    w.str(c.table.as_str());
    w.key_str_if("block", c.block);
    w.key("row");
    w.str(c.row);
    w.key("column");
    w.str(c.column);
    w.key("kind");
    w.str(value_kind(c.kind));
    w.key("raw");
    w.str(&c.raw);
    // `Parsed`, flattened.
    let p = &c.parsed;
    w.key("state");
    w.str(cell_state(p.state));
    if let Some(v) = p.value {
        w.key("value");
        w.num(v);
    }
    w.key_str_if("unit", p.unit.map(unit));
    if !p.normalised.is_empty() {
        w.key("normalised");
        w.list(&p.normalised, |w, n| w.str(norm(*n)));
    }
    w.key_str_if("note", p.note.as_deref());
    w.key_str_if("reason", p.reason.map(reason));
    w.key("source");
    source(w, &c.source);
    w.close('}');
}

fn extra_row(w: &mut W, r: &ExtraRow) {
    w.open('{');
    w.key("label");
    w.str(&r.label);
    w.key("values");
    w.list(&r.values, |w, v| w.str(v));
    w.key("source");
    source(w, &r.source);
    w.close('}');
}

fn table(w: &mut W, t: &Table) {
    w.open('{');
    w.key("id");
    w.str(t.id.as_str());
    w.key_str_if("format", t.format.map(|f| f.as_str()));
    w.key("cells");
    w.list(&t.cells, cell);
    if !t.extra_rows.is_empty() {
        w.key("extraRows");
        w.list(&t.extra_rows, extra_row);
    }
    w.key("source");
    source(w, &t.source);
    w.close('}');
}

fn section(w: &mut W, s: &Section) {
    w.open('{');
    w.key("ordinal");
    w.uint(u64::from(s.ordinal));
    w.key("heading");
    w.str(&s.heading);
    w.key("text");
    w.str(&s.text);
    w.key("source");
    source(w, &s.source);
    w.close('}');
}

fn read_issue(w: &mut W, i: &ReadIssue) {
    w.open('{');
    w.key("rule");
    w.str(i.rule);
    w.key("table");
    w.opt_str(i.table.map(|t| t.as_str()));
    w.key_str_if("block", i.block);
    w.key_str_if("row", i.row);
    w.key_str_if("column", i.column);
    w.key("detail");
    w.str(&i.detail);
    w.key("source");
    source(w, &i.source);
    w.close('}');
}

fn report(w: &mut W, r: &Report) {
    w.open('{');
    w.key_str_if("title", r.title.as_deref());
    if let Some(y) = r.year {
        w.key("year");
        w.int(i64::from(y));
    }
    w.key_str_if("yearSource", r.year_source);
    w.key_str_if("format", r.format.map(|f| f.as_str()));
    w.key("sourceKind");
    w.str(source_kind(r.source_kind));
    w.key("tables");
    w.list(&r.tables, table);
    w.key("sections");
    w.list(&r.sections, section);
    w.key("hasProse");
    w.bool(r.has_prose);
    if !r.preamble.is_empty() {
        w.key("preamble");
        w.str(&r.preamble);
    }
    if !r.read_issues.is_empty() {
        w.key("readIssues");
        w.list(&r.read_issues, read_issue);
    }
    w.close('}');
}

fn cell_ref(w: &mut W, c: &CellRef) {
    w.open('{');
    w.key("table");
    w.str(c.table.as_str());
    w.key("block");
    w.opt_str(c.block);
    w.key("row");
    w.str(c.row);
    w.key("column");
    w.opt_str(c.column);
    w.key("raw");
    w.opt_str(c.raw.as_deref());
    w.key("value");
    w.opt_num(c.value);
    w.key("state");
    w.opt_str(c.state.map(cell_state));
    w.key("label");
    w.str(&c.label);
    w.key("source");
    opt_source(w, c.source.as_ref());
    w.close('}');
}

fn diagnostic(w: &mut W, d: &OutDiagnostic<'_>) {
    w.open('{');
    w.key("rule");
    w.str(d.rule);
    w.key("severity");
    w.str(d.severity.as_str());
    w.key("message");
    w.str(d.message);
    w.key("messageZh");
    w.str(d.message_zh);
    w.key("messageEn");
    w.str(d.message_en);
    w.key_str_if("help", d.help);
    w.key("cells");
    w.list(d.cells, cell_ref);
    w.key("expected");
    w.opt_num(d.expected);
    w.key("actual");
    w.opt_num(d.actual);
    if let Some(s) = d.source {
        w.key("source");
        source(w, s);
    }
    w.key("fingerprint");
    w.str(d.fingerprint);
    w.close('}');
}

fn summary(w: &mut W, s: &Summary) {
    w.open('{');
    w.key("errors");
    w.uint(s.errors as u64);
    w.key("warnings");
    w.uint(s.warnings as u64);
    w.key("infos");
    w.uint(s.infos as u64);
    w.close('}');
}

/// [`Output::to_json_string_part`].
pub(crate) fn output(out: &Output, part: OutputPart) -> String {
    let mut w = W::new();
    if part == OutputPart::Report {
        report(&mut w, &out.report);
        return w.out;
    }
    let r = &out.report;
    w.open('{');
    w.key("format");
    w.opt_str(r.format.map(|f| f.as_str()));
    w.key("year");
    match r.year {
        Some(y) => w.int(i64::from(y)),
        None => w.null(),
    }
    w.key("title");
    w.opt_str(r.title.as_deref());
    w.key("input");
    w.str(source_kind(r.source_kind));
    w.key("report");
    if part == OutputPart::All {
        report(&mut w, r);
    } else {
        w.null();
    }
    w.key("diagnostics");
    w.list(&out.out_diagnostics(), diagnostic);
    w.key("summary");
    summary(&mut w, &out.summary());
    w.close('}');
    w.out
}

/// [`ReadResult::to_json_string`](crate::read::ReadResult::to_json_string):
/// a document as `Document::from_value` reads it (sources whole: byte spans,
/// part paths, pages and boxes), with the reader's issues and, for an input
/// that could not be read, its diagnostic. Read back by
/// `ReadResult::from_value` (src/json_in.rs); the tests hold the round trip
/// to the same values.
pub(crate) fn read_result(r: &crate::read::ReadResult) -> String {
    let mut w = W::new();
    w.open('{');
    w.key("kind");
    w.str(source_kind(r.document.kind));
    w.key("blocks");
    w.list(&r.document.blocks, block);
    if !r.issues.is_empty() {
        // A reader's issues name no table yet (the recogniser places tables).
        w.key("issues");
        w.list(&r.issues, |w, i| {
            debug_assert!(i.table.is_none() && i.block.is_none() && i.row.is_none());
            w.open('{');
            w.key("rule");
            w.str(i.rule);
            w.key("detail");
            w.str(&i.detail);
            w.key("source");
            source(w, &i.source);
            w.close('}');
        });
    }
    if let Some(d) = &r.unreadable {
        // Always `input/unreadable`: the rule is not written.
        debug_assert_eq!(d.rule, crate::rules::input::UNREADABLE.id);
        w.key("unreadable");
        w.open('{');
        w.key("messageZh");
        w.str(&d.message_zh);
        w.key("messageEn");
        w.str(&d.message_en);
        w.key_str_if("helpZh", d.help_zh.as_deref());
        w.key_str_if("helpEn", d.help_en.as_deref());
        w.key("fingerprint");
        w.str(&d.fingerprint);
        w.close('}');
    }
    w.close('}');
    w.out
}

fn block(w: &mut W, b: &crate::read::Block) {
    w.open('{');
    match b {
        crate::read::Block::Para { text, source: s } => {
            w.key("type");
            w.str("para");
            w.key("text");
            w.str(text);
            w.key("source");
            source(w, s);
        }
        crate::read::Block::Table(g) => {
            w.key("type");
            w.str("table");
            w.key("index");
            w.uint(u64::from(g.index));
            w.key("rows");
            w.list(&g.rows, |w, row| w.list(row, grid_cell));
            w.key("source");
            source(w, &g.source);
        }
    }
    w.close('}');
}

fn grid_cell(w: &mut W, c: &crate::read::GridCell) {
    w.open('{');
    w.key("text");
    w.str(&c.text);
    w.key("source");
    source(w, &c.source);
    w.key("col");
    w.uint(u64::from(c.col));
    w.key("origin");
    w.bool(c.origin);
    w.key("colStart");
    w.uint(u64::from(c.col_start));
    w.key("colspan");
    w.uint(u64::from(c.colspan));
    w.key("rowStart");
    w.uint(u64::from(c.row_start));
    w.close('}');
}

/// What `rules()` returns, as JSON text.
pub(crate) fn rule_infos(rules: &[RuleInfo]) -> String {
    let mut w = W::new();
    w.list(rules, |w, r| {
        w.open('{');
        w.key("id");
        w.str(r.id);
        w.key("severity");
        w.str(r.severity.as_str());
        w.key("titleZh");
        w.str(r.title_zh);
        w.key("titleEn");
        w.str(r.title_en);
        w.key("docZh");
        w.str(r.doc_zh);
        w.key("docEn");
        w.str(r.doc_en);
        w.close('}');
    });
    w.out
}

#[cfg(test)]
mod tests {
    use crate::api::OutputPart;
    use crate::model::Num;

    fn same_as_serde(input: &str, previous: Option<&str>) {
        let out = crate::check(input, &crate::Options::default(), previous);
        for part in [
            OutputPart::All,
            OutputPart::WithoutReport,
            OutputPart::Report,
        ] {
            assert_eq!(
                out.to_json_string_part(part),
                out.to_json_string_part_serde(part),
                "{part:?}"
            );
        }
        let en = crate::Options {
            locale: Some("en".into()),
            ..crate::Options::default()
        };
        let out = crate::check(input, &en, previous);
        assert_eq!(
            out.to_json_string_part(OutputPart::All),
            out.to_json_string_part_serde(OutputPart::All)
        );
    }

    #[test]
    fn output_is_what_serde_writes() {
        same_as_serde(include_str!("../examples/seed-linzi-yingji-2020.txt"), None);
        // Every report of the shared corpus (HTML ones read where the
        // module has the reader; else their one unreadable finding).
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("SKIPPED: {dir} is absent");
            return;
        };
        let mut texts = Vec::new();
        for e in entries.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
        for (i, t) in texts.iter().enumerate() {
            same_as_serde(t, texts.get(i + 1).map(String::as_str));
        }
        // JSON input; escapes; decimals; values too big for a double.
        same_as_serde(
            r#"{"year":2020,"format":"2019","title":"a\"b\\c\n\u0001\u001f\u007f 标题",
               "tables":{"t2":{"item1":{"regulations":{"made":1.5}}},
                         "t3":{"new":{"natural":"12345678901234567890","total":0.000001}},
                         "t4":{"review":{"upheld":"2.5万元"}}},
               "sections":{"1":"正文\t制表","6":"x"}}"#,
            None,
        );
        same_as_serde("not a report\u{0}\u{1b}", None);
        same_as_serde("{", None);
    }

    #[test]
    fn numbers_are_what_serde_writes() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Mantissas of every length, both signs, scales 0..=12, and
            // some not reduced (trailing zeros).
            let digits = 1 + (x >> 8) % 19;
            let mut m = i128::from(x >> 20) % 10i128.pow(digits as u32);
            if i % 3 == 0 {
                m *= 10i128.pow(i % 4);
            }
            if x & 1 == 1 {
                m = -m;
            }
            let n = Num::new_unreduced(m, i % 13);
            let mut ours = String::new();
            n.write_json(&mut ours);
            assert_eq!(ours, serde_json::to_string(&n).unwrap(), "{m} {}", i % 13);
        }
        for (m, s) in [
            (0i128, 1),
            (1, 12),
            (-1, 12),
            (123, 9),
            (1, 6),
            (1, 5),
            (999_999_999_999_999, 12),
            (100_000_000_000_000, 1),
            (i128::MAX, 0),
            (i128::MIN, 0),
            (i128::MIN, 12),
            (9_007_199_254_740_991, 0),
            (-9_007_199_254_740_992, 0),
        ] {
            let n = Num::new_unreduced(m, s);
            let mut ours = String::new();
            n.write_json(&mut ours);
            assert_eq!(ours, serde_json::to_string(&n).unwrap(), "{m} {s}");
            assert_eq!(n.to_string(), n.to_string_fmt(), "{m} {s}");
        }
    }

    #[test]
    fn rules_are_what_serde_writes() {
        let rules = crate::rules();
        assert_eq!(
            super::rule_infos(&rules),
            serde_json::to_string(&rules).unwrap()
        );
    }
}
