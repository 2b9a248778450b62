//! Options and documents read from a parsed JSON value by hand.
//!
//! The wasm layer takes both from JavaScript as JSON. serde's derived
//! deserializers would do the same job, but in the wasm they cost about
//! 25 kB gzipped: one `deserialize_struct` per type, and through serde's
//! `Unexpected` the whole of `f64` formatting for their error messages.
//! The JSON reader already parses into [`crate::json_value::Value`]; reading
//! these few fields from it is a page of code. Same shape as the serde
//! derives (which native users keep): camelCase names, unknown fields
//! ignored, a missing field takes its default.

use crate::api::{EmptyPolicy, Limits, Options};
use crate::json_value::{Map, Value};
use crate::model::{ReadIssue, Source, SourceKind};
use crate::read::{Block, Document, Grid, GridCell, ReadResult};

type Fields = Map;

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn invalid(v: &Value, expected: &str, key: &str) -> String {
    format!(
        "invalid type: {}, expected {expected} at `{key}`",
        kind_of(v)
    )
}

fn object<'a>(v: &'a Value, key: &str) -> Result<&'a Fields, String> {
    v.as_object().ok_or_else(|| invalid(v, "an object", key))
}

/// A field's value; absent and `null` are both "not given".
fn field<'a>(m: &'a Fields, key: &str) -> Option<&'a Value> {
    m.get(key).filter(|v| !v.is_null())
}

fn string(m: &Fields, key: &str) -> Result<Option<String>, String> {
    field(m, key)
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| invalid(v, "a string", key))
        })
        .transpose()
}

/// An array field, each item read by `f`; absent or `null` is empty.
fn list<T>(
    m: &Fields,
    key: &str,
    f: impl Fn(&Value) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let Some(v) = field(m, key) else {
        return Ok(Vec::new());
    };
    let items = v.as_array().ok_or_else(|| invalid(v, "an array", key))?;
    // A loop, not `map(f).collect()`: each item type's `GenericShunt`
    // was ≈ 1 kB of wasm.
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item)?);
    }
    Ok(out)
}

fn strings(m: &Fields, key: &str) -> Result<Option<Vec<String>>, String> {
    if field(m, key).is_none() {
        return Ok(None);
    }
    list(m, key, |s| {
        s.as_str()
            .map(str::to_string)
            .ok_or_else(|| invalid(s, "a string", key))
    })
    .map(Some)
}

fn integer<T: TryFrom<i64>>(m: &Fields, key: &str) -> Result<Option<T>, String> {
    field(m, key)
        .map(|v| {
            let Value::Number(n) = v else {
                return Err(invalid(v, "an integer", key));
            };
            if !(n.is_i64() || n.is_u64()) {
                return Err(invalid(v, "an integer", key));
            }
            n.as_i64()
                .and_then(|n| T::try_from(n).ok())
                .ok_or_else(|| format!("invalid value: {n}, out of range at `{key}`"))
        })
        .transpose()
}

fn boolean(m: &Fields, key: &str) -> Result<Option<bool>, String> {
    field(m, key)
        .map(|v| v.as_bool().ok_or_else(|| invalid(v, "a boolean", key)))
        .transpose()
}

fn variant<T: Copy>(m: &Fields, key: &str, variants: &[(&str, T)]) -> Result<Option<T>, String> {
    let Some(s) = string(m, key)? else {
        return Ok(None);
    };
    variants
        .iter()
        .find(|(name, _)| *name == s)
        .map(|(_, v)| Some(*v))
        .ok_or_else(|| {
            let names: Vec<String> = variants.iter().map(|(n, _)| format!("`{n}`")).collect();
            format!(
                "unknown variant `{s}`, expected one of {} at `{key}`",
                names.join(", ")
            )
        })
}

impl Options {
    /// Reads options from JSON (the shape `CheckOptions` in the TypeScript
    /// types describes).
    pub fn from_json(v: &serde_json::Value) -> Result<Options, String> {
        Options::from_value(&Value::from_serde(v))
    }
    /// [`Options::from_json`] from parsed JSON.
    pub fn from_value(v: &Value) -> Result<Options, String> {
        if v.is_null() {
            return Ok(Options::default());
        }
        let m = object(v, "options")?;
        let mut limits = Limits::default();
        if let Some(l) = field(m, "limits") {
            let l = object(l, "limits")?;
            if let Some(n) = integer(l, "maxInputBytes")? {
                limits.max_input_bytes = n;
            }
            if let Some(n) = integer(l, "maxCells")? {
                limits.max_cells = n;
            }
            if let Some(n) = integer(l, "maxSpan")? {
                limits.max_span = n;
            }
            if let Some(n) = integer(l, "maxDepth")? {
                limits.max_depth = n;
            }
        }
        let empty = [
            ("zero-if-any", EmptyPolicy::ZeroIfAny),
            ("zero", EmptyPolicy::Zero),
            ("skip", EmptyPolicy::Skip),
        ];
        Ok(Options {
            locale: string(m, "locale")?,
            year: integer(m, "year")?,
            format: string(m, "format")?,
            rules: strings(m, "rules")?,
            skip: strings(m, "skip")?,
            empty: variant(m, "empty", &empty)?.unwrap_or_default(),
            dismissed: strings(m, "dismissed")?,
            limits,
        })
    }
}

const KINDS: [(&str, SourceKind); 6] = [
    ("text", SourceKind::Text),
    ("json", SourceKind::Json),
    ("html", SourceKind::Html),
    ("markdown", SourceKind::Markdown),
    ("docx", SourceKind::Docx),
    ("pdf", SourceKind::Pdf),
];

impl Source {
    fn from_json(v: Option<&Value>) -> Result<Source, String> {
        let Some(v) = v.filter(|v| !v.is_null()) else {
            return Ok(Source::default());
        };
        let m = object(v, "source")?;
        let span = match field(m, "span") {
            None => None,
            Some(s) => {
                let a = s
                    .as_array()
                    .filter(|a| a.len() == 2)
                    .ok_or_else(|| invalid(s, "an array of 2 integers", "span"))?;
                let n = |i: usize| {
                    a[i].as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| invalid(&a[i], "an integer", "span"))
                };
                Some([n(0)?, n(1)?])
            }
        };
        Ok(Source {
            kind: variant(m, "kind", &KINDS)?.unwrap_or_default(),
            line: integer(m, "line")?,
            path: string(m, "path")?,
            table: integer(m, "table")?,
            row: integer(m, "row")?,
            col: integer(m, "col")?,
            ordinal: integer(m, "ordinal")?,
            paragraph: integer(m, "paragraph")?,
            span,
            page: integer(m, "page")?,
            bbox: match field(m, "bbox") {
                None => None,
                Some(s) => {
                    let a = s
                        .as_array()
                        .filter(|a| a.len() == 4)
                        .ok_or_else(|| invalid(s, "an array of 4 integers", "bbox"))?;
                    let n = |i: usize| {
                        a[i].as_u64()
                            .and_then(|n| u32::try_from(n).ok())
                            .ok_or_else(|| invalid(&a[i], "an integer", "bbox"))
                    };
                    Some([n(0)?, n(1)?, n(2)?, n(3)?])
                }
            },
        })
    }
}

impl GridCell {
    fn from_json(v: &Value) -> Result<GridCell, String> {
        let m = object(v, "rows")?;
        Ok(GridCell {
            text: string(m, "text")?.unwrap_or_default(),
            source: Source::from_json(m.get("source"))?,
            col: integer(m, "col")?.unwrap_or_default(),
            origin: boolean(m, "origin")?.unwrap_or_default(),
            col_start: integer(m, "colStart")?.unwrap_or_default(),
            colspan: integer(m, "colspan")?.unwrap_or_default(),
            row_start: integer(m, "rowStart")?.unwrap_or_default(),
        })
    }
}

fn block(v: &Value) -> Result<Block, String> {
    let m = object(v, "blocks")?;
    let ty = string(m, "type")?.ok_or("missing field `type`")?;
    let source = Source::from_json(m.get("source"))?;
    match ty.as_str() {
        "para" => Ok(Block::Para {
            text: string(m, "text")?.ok_or("missing field `text`")?,
            source,
        }),
        "table" => {
            let rows = list(m, "rows", |row| {
                row.as_array()
                    .ok_or_else(|| invalid(row, "an array of cells", "rows"))?
                    .iter()
                    .map(GridCell::from_json)
                    .collect()
            })?;
            Ok(Block::Table(Grid {
                index: integer(m, "index")?.unwrap_or_default(),
                rows,
                source,
            }))
        }
        other => Err(format!(
            "unknown variant `{other}`, expected `para` or `table`"
        )),
    }
}

impl Document {
    /// Reads a document from JSON (the shape `Document` in the TypeScript
    /// types describes; what the browser's DOM reader makes).
    pub fn from_json(v: &serde_json::Value) -> Result<Document, String> {
        Document::from_value(&Value::from_serde(v))
    }
    /// [`Document::from_json`] from parsed JSON.
    pub fn from_value(v: &Value) -> Result<Document, String> {
        let m = object(v, "document")?;
        let blocks = list(m, "blocks", block)?;
        Ok(Document {
            kind: variant(m, "kind", &KINDS)?.unwrap_or_default(),
            blocks,
        })
    }
}

impl ReadResult {
    /// Reads the text the JS entries hand over for a document: the compact
    /// form ([`COMPACT_MARK`]), else JSON ([`ReadResult::from_value`]).
    pub fn parse(text: &str) -> Result<ReadResult, String> {
        if text.starts_with(COMPACT_MARK) {
            return Document::from_compact(text)
                .map(|d| ReadResult::read(d, Vec::new()))
                .ok_or_else(|| "not in the compact form".to_string());
        }
        Value::parse(text)
            .map_err(|e| e.to_string())
            .and_then(|v| ReadResult::from_value(&v))
    }
    /// Reads what the reader module writes (`json_out::read_result`): a
    /// [`Document`] with, optionally, `issues` (a reader's: a rule, a detail
    /// and a source) and `unreadable` (the messages, help and fingerprint of
    /// the `input/unreadable` diagnostic of an input that could not be
    /// read). A plain document reads as one with neither.
    pub fn from_value(v: &Value) -> Result<ReadResult, String> {
        let document = Document::from_value(v)?;
        let m = object(v, "document")?;
        let issues = list(m, "issues", |v| {
            let i = object(v, "issues")?;
            let id = string(i, "rule")?.unwrap_or_default();
            Ok(ReadIssue {
                rule: crate::rules::find(&id)
                    .ok_or_else(|| format!("unknown rule `{id}` at `issues`"))?
                    .id,
                table: None,
                block: None,
                row: None,
                column: None,
                detail: string(i, "detail")?.unwrap_or_default(),
                source: Source::from_json(i.get("source"))?,
            })
        })?;
        let unreadable = match field(m, "unreadable") {
            None => None,
            Some(v) => {
                let u = object(v, "unreadable")?;
                let text = |key: &str| string(u, key).map(Option::unwrap_or_default);
                let mut d = crate::diagnostic::Diagnostic::new(
                    crate::rules::input::UNREADABLE.id,
                    crate::diagnostic::Severity::Error,
                    text("messageZh")?,
                    text("messageEn")?,
                );
                d.help_zh = string(u, "helpZh")?;
                d.help_en = string(u, "helpEn")?;
                d.fingerprint = text("fingerprint")?;
                Some(d)
            }
        };
        Ok(ReadResult {
            document,
            issues,
            unreadable,
        })
    }
}

/// The document in the compact text js/core.js `compactDocument` writes for
/// `checkDocument` (what the browser adapter sends on every keystroke):
/// parsing the JSON of a table's grid into a `Value` (a map per cell and per
/// cell source) was half of a re-check in the browser. Separators are the
/// control characters U+0001–U+0006, which the encoder makes sure no text
/// holds; fields are in a fixed order and an empty field is "not given".
/// The encoder writes only what this reads exactly as [`Document::from_json`]
/// reads the same document's JSON (anything else goes as JSON); the tests
/// hold the two paths to the same results.
///
/// ```text
/// \x01 kind
/// \x02 text \x03 source                      a paragraph
/// \x04 index \x03 source                     a table; then its rows:
/// \x05                                       a row; then its cells:
/// \x06 text \x03 col,origin,colStart,colspan,rowStart \x03 source
/// source: kind,line,table,row,col,ordinal,paragraph,page
/// ```
pub const COMPACT_MARK: char = '\u{1}';

impl Document {
    /// Reads [`COMPACT_MARK`]'s format; `None` when the text is not in it.
    pub fn from_compact(text: &str) -> Option<Document> {
        let body = text.strip_prefix(COMPACT_MARK)?;
        // Tokens: (the separator before it, the text up to the next one).
        let mut tokens = Vec::new();
        let mut sep = 1u8;
        let mut start = 0;
        // An index loop: in the wasm (built for size) the iterator adapters
        // of `bytes().enumerate()` were calls per byte, a fifth of a re-check.
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b != 0 && b <= 6 {
                tokens.push((sep, body.get(start..i)?));
                sep = b;
                start = i + 1;
            }
            i += 1;
        }
        tokens.push((sep, body.get(start..)?));
        let mut it = tokens.into_iter();
        let (_, kind) = it.next()?;
        let mut doc = Document {
            kind: compact_kind(kind)?,
            blocks: Vec::new(),
        };
        let mut it = it.peekable();
        while let Some((sep, text)) = it.next() {
            match sep {
                2 => {
                    let source = compact_source(next_field(&mut it)?)?;
                    doc.blocks.push(Block::Para {
                        text: text.to_string(),
                        source,
                    });
                }
                4 => {
                    let index = compact_int(text)?.unwrap_or_default();
                    let source = compact_source(next_field(&mut it)?)?;
                    doc.blocks.push(Block::Table(Grid {
                        index,
                        rows: Vec::new(),
                        source,
                    }));
                }
                5 => match doc.blocks.last_mut() {
                    Some(Block::Table(g)) => g.rows.push(Vec::new()),
                    _ => return None,
                },
                6 => {
                    let mut n = Commas::new(next_field(&mut it)?);
                    let mut int = || n.int().map(Option::unwrap_or_default);
                    let (col, origin, col_start, colspan, row_start) =
                        (int()?, int()?, int()?, int()?, int()?);
                    let source = compact_source(next_field(&mut it)?)?;
                    let Some(Block::Table(g)) = doc.blocks.last_mut() else {
                        return None;
                    };
                    g.rows.last_mut()?.push(GridCell {
                        text: text.to_string(),
                        source,
                        col,
                        origin: origin == 1,
                        col_start,
                        colspan,
                        row_start,
                    });
                }
                _ => return None,
            }
        }
        Some(doc)
    }
}

fn next_field<'a>(it: &mut impl Iterator<Item = (u8, &'a str)>) -> Option<&'a str> {
    match it.next() {
        Some((3, text)) => Some(text),
        _ => None,
    }
}

fn compact_kind(name: &str) -> Option<SourceKind> {
    if name.is_empty() {
        return Some(SourceKind::default());
    }
    KINDS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

/// An empty field is `None`; otherwise decimal digits of a `u32` (what
/// `str::parse::<u32>` takes: an optional `+`, then digits).
fn compact_int(s: &str) -> Option<Option<u32>> {
    if s.is_empty() {
        return Some(None);
    }
    let b = s.as_bytes();
    let digits = b.strip_prefix(b"+").unwrap_or(b);
    if digits.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
    }
    Some(Some(n))
}

/// The comma-separated fields of a compact group, in order (a byte loop:
/// `str::split` was most of reading a cell's source).
struct Commas<'a> {
    s: &'a str,
    /// Where the next field starts; `None` once the last one was taken.
    at: Option<usize>,
}

impl<'a> Commas<'a> {
    fn new(s: &'a str) -> Self {
        Commas { s, at: Some(0) }
    }
    fn next(&mut self) -> Option<&'a str> {
        let from = self.at?;
        let rest = self.s.as_bytes().get(from..)?;
        match rest.iter().position(|&b| b == b',') {
            Some(p) => {
                self.at = Some(from + p + 1);
                self.s.get(from..from + p)
            }
            None => {
                self.at = None;
                self.s.get(from..)
            }
        }
    }
    /// The next field as [`compact_int`] reads it, parsed as it is scanned.
    fn int(&mut self) -> Option<Option<u32>> {
        let from = self.at?;
        let b = self.s.as_bytes();
        let mut i = from;
        let plus = b.get(i) == Some(&b'+');
        if plus {
            i += 1;
        }
        let mut n: u32 = 0;
        let start = i;
        while let Some(&c) = b.get(i) {
            if c == b',' {
                break;
            }
            if !c.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
            i += 1;
        }
        self.at = (i < b.len()).then_some(i + 1);
        match (i > start, plus) {
            (true, _) => Some(Some(n)),
            (false, false) => Some(None),
            (false, true) => None,
        }
    }
}

fn compact_source(s: &str) -> Option<Source> {
    if s.is_empty() {
        return Some(Source::default());
    }
    let mut f = Commas::new(s);
    let kind = compact_kind(f.next()?)?;
    Some(Source {
        kind,
        line: f.int()?,
        table: f.int()?,
        row: f.int()?,
        col: f.int()?,
        ordinal: f.int()?,
        paragraph: f.int()?,
        page: f.int()?,
        ..Source::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The hand reader and serde's derive agree on valid input.
    #[test]
    fn compact_fields_read_as_split_and_parse_read_them() {
        for s in [
            "",
            "0",
            "7",
            "+7",
            "+",
            "-1",
            "-0",
            "007",
            "4294967295",
            "4294967296",
            "99999999999",
            "1a",
            " 1",
            "1 ",
            "١",
            "12,3",
        ] {
            assert_eq!(
                compact_int(s),
                if s.is_empty() {
                    Some(None)
                } else {
                    s.parse::<u32>().ok().map(Some)
                },
                "{s:?}"
            );
        }
        for s in [
            "",
            ",",
            "a,",
            ",b",
            "a,b,c",
            "html,,1,2,,3,,",
            "x,,,,,,,,,,",
        ] {
            let mut f = Commas::new(s);
            let mut split = s.split(',');
            for _ in 0..12 {
                assert_eq!(f.next(), split.next(), "{s:?}");
            }
        }
    }

    #[test]
    fn documents_read_as_serde_reads_them() {
        let doc = crate::read::markdown::read_with(
            "2022年度报告\n\n| 行政复议 | | |\n|---|---|---|\n| 结果维持 | 结果纠正 | 总计 |\n| 1 | 2 | 3 |\n",
            &Limits::default(),
        )
        .0;
        let v = serde_json::to_value(&doc).unwrap();
        let ours = Document::from_json(&v).unwrap();
        let theirs: Document = serde_json::from_value(v).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&theirs).unwrap()
        );
        assert_eq!(ours.tables().count(), 1);
    }

    /// The compact form: a document reads back with every field; anything
    /// malformed is `None`, never a panic.
    #[test]
    fn compact_documents_read_and_malformed_ones_do_not() {
        let text = "\u{1}html\u{2}一、总体情况\u{3}html,,,,,,0,\u{4}0\u{3}html,,0,,,,,\u{5}\u{6}本年新收\u{3}0,1,0,2,0\u{3}html,,0,0,0,0,,\u{6}本年新收\u{3}1,0,0,2,0\u{3}html,,0,0,0,0,,\u{5}\u{6}3\u{3}0,1,0,1,1\u{3}";
        let doc = Document::from_compact(text).expect("reads");
        assert_eq!(doc.kind, SourceKind::Html);
        let Some(Block::Para { text, source }) = doc.blocks.first() else {
            panic!("a paragraph first")
        };
        assert_eq!((text.as_str(), source.paragraph), ("一、总体情况", Some(0)));
        let Some(Block::Table(g)) = doc.blocks.get(1) else {
            panic!("then a table")
        };
        assert_eq!(g.rows.len(), 2);
        let c = &g.rows[0][1];
        assert_eq!(
            (c.col, c.origin, c.col_start, c.colspan, c.source.ordinal),
            (1, false, 0, 2, Some(0))
        );
        assert_eq!(g.rows[1][0].source, Source::default());
        for bad in [
            "",
            "\u{1}xml",
            "\u{1}html\u{5}",
            "\u{1}\u{6}x\u{3}0,1,0,1,0\u{3}",
            "\u{1}\u{4}0\u{3}\u{5}\u{6}x\u{3}0,1\u{3}",
            "\u{1}\u{4}-1\u{3}",
            "\u{1}\u{4}4294967296\u{3}",
            "\u{1}\u{2}x",
            "\u{1}\u{2}x\u{3}html,1",
            "\u{1}\u{7}",
            "\u{1}\u{2}x\u{3}\u{3}",
        ] {
            assert!(Document::from_compact(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn options_read_as_serde_reads_them() {
        let v = json!({
            "locale": "en", "year": 2022, "format": "2021", "rules": ["t3/"],
            "skip": ["cell/empty"], "empty": "skip", "dismissed": ["ab"],
            "limits": { "maxCells": 10, "maxSpan": 7, "maxInputBytes": 99, "maxDepth": 3 },
            "previous": "ignored", "unknown": 1
        });
        let ours = Options::from_json(&v).unwrap();
        let theirs: Options = serde_json::from_value(v).unwrap();
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        let d = Options::from_json(&json!({})).unwrap();
        assert_eq!(format!("{d:?}"), format!("{:?}", Options::default()));
        assert_eq!(
            format!("{:?}", Options::from_json(&json!(null)).unwrap()),
            format!("{:?}", Options::default())
        );
    }

    #[test]
    fn bad_values_are_named() {
        let e = |v| Options::from_json(&v).unwrap_err();
        assert_eq!(
            e(json!({"locale": 5})),
            "invalid type: number, expected a string at `locale`"
        );
        assert!(e(json!({"empty": "none"})).starts_with("unknown variant `none`"));
        assert!(e(json!({"limits": {"maxCells": -1}})).contains("out of range at `maxCells`"));
        assert!(e(json!({"limits": {"maxSpan": 1.5}})).starts_with("invalid type: number"));
        assert!(e(json!({"rules": "t3/"})).contains("expected an array at `rules`"));
        assert!(e(json!([1])).starts_with("invalid type: array"));
        let d = |v| Document::from_json(&v).unwrap_err();
        assert_eq!(
            d(json!({"blocks": [{"type": "para"}]})),
            "missing field `text`"
        );
        assert_eq!(
            d(json!({"blocks": [{"text": "x"}]})),
            "missing field `type`"
        );
        assert!(d(json!({"blocks": [{"type": "nope"}]})).starts_with("unknown variant `nope`"));
        assert!(
            d(json!({"blocks": [{"type": "table", "rows": [[{"text": 1}]]}]}))
                .starts_with("invalid type: number, expected a string")
        );
        assert!(
            d(json!({"blocks": [{"type": "table", "rows": [[{"source": {"span": [1]}}]]}]}))
                .contains("array of 2 integers")
        );
    }
}
