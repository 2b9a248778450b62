//! Word (.docx) files: the main document part read into a [`Document`].
//!
//! A .docx is a zip archive; its body is `word/document.xml` (or wherever
//! `_rels/.rels` points the office document). What is read, as Word shows the
//! document with every tracked change accepted:
//!
//! - paragraphs (`w:p`) outside tables become [`Block::Para`]; the text of a
//!   paragraph is its runs' `w:t` joined with nothing (a number split across
//!   runs, `1`+`2`, reads `12`), `w:tab`/`w:br`/`w:cr` read as a space,
//!   whitespace collapsed;
//! - tables (`w:tbl`) become [`Block::Table`] grids: `w:gridSpan` is a colspan,
//!   `w:vMerge` restart/continue a rowspan (a continue cell is a span copy of
//!   the cell above: `origin == false`, the same text and source), legacy
//!   `w:hMerge` joins a cell to the one on its left, `w:gridBefore` adds empty
//!   leading slots (`w:gridAfter` slots are left off: trailing empty cells
//!   would read as empty values). A cell's paragraphs are joined with a space.
//!   A table nested in a cell is a grid of its own, after the outer one, and
//!   its text is not part of the outer cell;
//! - tracked changes: `w:ins`/`w:moveTo` are read, `w:del`/`w:moveFrom`
//!   (and a row marked deleted in `w:trPr`) are not;
//! - fields: the instruction (`w:instrText`, the part of a complex field
//!   before `separate`) is skipped, the result is read; `w:fldSimple`'s runs
//!   are read; bookmarks, proofing marks and properties are ignored; content
//!   controls (`w:sdt`) are read through; of `mc:AlternateContent` only the
//!   `mc:Choice` is read (the `mc:Fallback` repeats it);
//! - elements are matched by namespace, not prefix, so WPS output and files
//!   in the Strict namespace read the same;
//! - list numbering (`numbering.xml`, directly or through a heading style)
//!   is read as text, so a `一、` that Word draws as a list label is there
//!   (see `numbering.rs`).
//!
//! The zip layer is a small reader of its own on `miniz_oxide` (see
//! `zip.rs`): the `zip` crate cost 50 kB gzipped in the wasm. With both, the
//! DOCX feature adds about 38 kB gzipped to the optimised wasm.
//!
//! Provenance: a paragraph's [`Source`] holds `paragraph` (0-based index of the
//! `w:p` among all paragraphs in document order, table cells included); a
//! cell's holds `table`, `row`, `col` (grid positions, 0-based) and the
//! `paragraph` of its first paragraph.
//!
//! Bad input gets a [`DocxError`], never a panic: not a zip, an OLE compound
//! file (encrypted Word file or legacy .doc), a zip with no Word document,
//! a damaged or truncated zip, a document part that inflates past the size
//! limit (zip bombs), malformed XML, or too many cells.

use super::{Block, Document, Grid, GridCell};
use crate::api::Limits;
use crate::diagnostic::Diagnostic;
use crate::model::{Source, SourceKind};
use quick_xml::events::{BytesStart, Event};

mod numbering;
mod zip;

use numbering::Numbering;

/// WordprocessingML main namespace (transitional and strict).
const W_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility namespace (`mc:AlternateContent`).
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Largest document part inflated, whatever the input limit (64 MiB).
const MAX_PART_BYTES: usize = 64 << 20;

/// Why a .docx could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive at all.
    NotZip,
    /// An OLE compound file: a password-protected Word file or a legacy .doc.
    Encrypted,
    /// A zip whose entries are encrypted.
    ZipEncrypted,
    /// A damaged or truncated zip (the detail is the zip reader's).
    Damaged(String),
    /// A zip without a Word main document (`hint`: what it looks like instead).
    NoDocument { hint: Option<&'static str> },
    /// The document part inflates past `limit` bytes (zip bomb or huge file).
    TooLarge { limit: usize },
    /// The document part is not well-formed XML (detail and byte position).
    Xml { detail: String, position: u64 },
    /// More table cells than `Limits::max_cells`, nesting past `max_depth`, or
    /// span copies of cell text past 8 times the document (`what`: "cells",
    /// "depth", "text").
    TooComplex { what: &'static str, limit: usize },
}

impl DocxError {
    /// Short machine code, used in the diagnostic's fingerprint.
    pub fn code(&self) -> &'static str {
        match self {
            DocxError::NotZip => "docx-not-zip",
            DocxError::Encrypted => "docx-encrypted",
            DocxError::ZipEncrypted => "docx-zip-encrypted",
            DocxError::Damaged(_) => "docx-damaged",
            DocxError::NoDocument { .. } => "docx-no-document",
            DocxError::TooLarge { .. } => "docx-too-large",
            DocxError::Xml { .. } => "docx-xml",
            DocxError::TooComplex { .. } => "docx-too-complex",
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            DocxError::NotZip => "文件不是 Word (.docx) 文档：不是有效的 ZIP 压缩包。".into(),
            DocxError::Encrypted => "文件已加密或为旧版 .doc 格式，无法读取。请在 Word 中取消密码保护，或另存为 .docx 后再检查。".into(),
            DocxError::ZipEncrypted => "文件已加密（压缩包内容受密码保护），无法读取。请取消密码保护后再检查。".into(),
            DocxError::Damaged(d) => format!("Word 文件已损坏或不完整（可能下载或上传未完成）：{d}"),
            DocxError::NoDocument { hint: Some(h) } => format!("压缩包中没有 Word 正文（word/document.xml），不是 .docx 文档：看起来是{}。", zh_hint(h)),
            DocxError::NoDocument { hint: None } => "压缩包中没有 Word 正文（word/document.xml），不是 .docx 文档。".into(),
            DocxError::TooLarge { limit } => format!("Word 正文解压后超过 {limit} 字节的上限（文件过大或为恶意压缩包），已停止读取。"),
            DocxError::Xml { detail, position } => format!("Word 正文（document.xml）的 XML 格式错误，位于第 {position} 字节：{detail}"),
            DocxError::TooComplex { what, limit } => format!("Word 文件过于复杂（{}超过 {limit}），已停止读取。", match *what { "cells" => "表格单元格数", "text" => "合并单元格复制的文字量", _ => "嵌套层数" }),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            DocxError::NotZip => "The file is not a Word (.docx) document: it is not a valid zip archive.".into(),
            DocxError::Encrypted => "The file is encrypted or in the old .doc format and cannot be read. Remove the password in Word, or save it as .docx, and check again.".into(),
            DocxError::ZipEncrypted => "The file is encrypted (its zip entries need a password) and cannot be read. Remove the password and check again.".into(),
            DocxError::Damaged(d) => format!("The Word file is damaged or incomplete (an unfinished download or upload?): {d}"),
            DocxError::NoDocument { hint: Some(h) } => format!("The zip holds no Word body (word/document.xml), so it is not a .docx document: it looks like {}.", en_hint(h)),
            DocxError::NoDocument { hint: None } => "The zip holds no Word body (word/document.xml), so it is not a .docx document.".into(),
            DocxError::TooLarge { limit } => format!("The Word body inflates past the limit of {limit} bytes (a huge file or a zip bomb); reading stopped."),
            DocxError::Xml { detail, position } => format!("The Word body (document.xml) is not well-formed XML at byte {position}: {detail}"),
            DocxError::TooComplex { what, limit } => format!("The Word file is too complex ({} over {limit}); reading stopped.", match *what { "cells" => "table cells", "text" => "text copied into merged cells", _ => "nesting depth" }),
        }
    }

    /// The `input/unreadable` diagnostic for this error.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let help_zh = "请确认所选文件是 Word 2007 及以后版本保存的 .docx 文件，或将报告另存为 .docx、HTML 或纯文本后再检查。";
        let help_en = "Check that the file is a .docx saved by Word 2007 or later, or save the report as .docx, HTML or plain text and check again.";
        crate::rules::input::file_error(
            self.message_zh(),
            self.message_en(),
            (help_zh, help_en),
            self.code(),
        )
    }
}

fn zh_hint(h: &str) -> &'static str {
    match h {
        "xlsx" => "Excel 表格（.xlsx）",
        "pptx" => "PowerPoint 演示文稿（.pptx）",
        "odf" => "OpenDocument 文档（.odt/.ods），请另存为 .docx",
        _ => "其他类型的压缩包",
    }
}

fn en_hint(h: &str) -> &'static str {
    match h {
        "xlsx" => "an Excel workbook (.xlsx)",
        "pptx" => "a PowerPoint deck (.pptx)",
        "odf" => "an OpenDocument file (.odt/.ods); save it as .docx",
        _ => "some other zip archive",
    }
}

/// Whether bytes start like a zip archive (`PK\x03\x04`, or an empty
/// archive's end record).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether bytes start like an OLE compound file (encrypted .docx, .doc, .xls).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads a .docx file into a document.
pub fn read_docx(bytes: &[u8], limits: &Limits) -> Result<Document, DocxError> {
    if is_ole(bytes) {
        return Err(DocxError::Encrypted);
    }
    if !is_zip(bytes) {
        return Err(DocxError::NotZip);
    }
    let zip = zip::Zip::new(bytes).map_err(|e| zip_error(e, 0))?;
    let cap = limits.max_input_bytes.min(MAX_PART_BYTES);
    let main = main_part_name(&zip, cap)?;
    let xml = zip.read(main, cap).map_err(|e| zip_error(e, cap))?;
    // List numbering lives beside the main part; a missing or broken one
    // only loses the labels.
    let dir = main.rfind('/').map_or("", |i| &main[..=i]);
    let part = |name: &str| {
        zip.find(&format!("{dir}{name}"))
            .and_then(|n| zip.read(n, cap).ok())
            .unwrap_or_default()
    };
    let numbering = Numbering::read(&part("numbering.xml"), &part("styles.xml"));
    read_body(&xml, numbering, limits)
}

fn zip_error(e: zip::ZipError, cap: usize) -> DocxError {
    match e {
        zip::ZipError::Encrypted => DocxError::ZipEncrypted,
        zip::ZipError::TooLarge => DocxError::TooLarge { limit: cap },
        zip::ZipError::Damaged(d) => DocxError::Damaged(d.to_string()),
    }
}

/// The main document part: `_rels/.rels`' officeDocument target, else
/// `word/document.xml` (matched without regard to case).
fn main_part_name<'a>(zip: &zip::Zip<'a>, cap: usize) -> Result<&'a str, DocxError> {
    if let Some(rels) = zip.find("_rels/.rels") {
        if let Ok(xml) = zip.read(rels, cap) {
            if let Some(target) = office_document_target(&xml) {
                let target = target.trim_start_matches('/');
                if target.ends_with(".xml") {
                    if let Some(name) = zip.find(target) {
                        return Ok(name);
                    }
                }
            }
        }
    }
    if let Some(name) = zip.find("word/document.xml") {
        return Ok(name);
    }
    let hint = if zip.names().any(|n| n.starts_with("xl/")) {
        Some("xlsx")
    } else if zip.names().any(|n| n.starts_with("ppt/")) {
        Some("pptx")
    } else if zip.names().any(|n| n == "mimetype" || n == "content.xml") {
        Some("odf")
    } else {
        None
    };
    Err(DocxError::NoDocument { hint })
}

fn office_document_target(rels: &[u8]) -> Option<String> {
    let mut r = quick_xml::Reader::from_reader(rels);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let ty = attr(&e, b"Type")?;
                if ty.ends_with("/officeDocument") {
                    return attr(&e, b"Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

// ------------------------------------------------------------------ XML

/// One `w:tc` as read.
#[derive(Default)]
struct CellB {
    span: u32,
    vmerge: Option<Merge>,
    hmerge: Option<Merge>,
    deleted: bool,
    paras: Vec<String>,
    first_para: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    Restart,
    Continue,
}

#[derive(Default)]
struct RowB {
    before: u32,
    deleted: bool,
    cells: Vec<CellB>,
}

#[derive(Default)]
struct TableB {
    rows: Vec<RowB>,
    first_para: Option<u32>,
    /// Grids of tables nested in this one's cells, emitted after it.
    nested: Vec<Grid>,
}

/// One open `w:p`: text so far, index, and its numbering properties.
#[derive(Default)]
struct ParaB {
    text: String,
    index: u32,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    style: Option<String>,
}

/// Where the reader is inside run-level markup.
#[derive(Default)]
struct State {
    doc: Document,
    tables: Vec<TableB>,
    /// Open paragraphs (text boxes nest them).
    paras: Vec<ParaB>,
    /// List numbering, for paragraphs whose `一、` is a list label.
    numbering: Numbering,
    in_ppr: u32,
    next_para: u32,
    next_table: u32,
    cells: usize,
    /// Bytes of cell text the grids may still hold, span copies included,
    /// out of `text_limit` (8 times the XML, at least 16 MiB).
    text_budget: usize,
    text_limit: usize,
    /// Inside `w:t` (text is kept) — counts nesting, never above 1 in practice.
    in_t: u32,
    in_run: u32,
    in_trpr: u32,
    in_tcpr: u32,
    /// Complex fields open: true while in the instruction part.
    fields: Vec<bool>,
    /// Depth at which a skipped subtree started.
    skip_from: Option<usize>,
}

/// Reads WordprocessingML (`document.xml`) into a document.
pub fn read_document_xml(xml: &[u8], limits: &Limits) -> Result<Document, DocxError> {
    read_body(xml, Numbering::default(), limits)
}

fn read_body(xml: &[u8], numbering: Numbering, limits: &Limits) -> Result<Document, DocxError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut names = Namespaces::default();
    let text_limit = xml.len().saturating_mul(8).max(16 << 20);
    let mut st = State {
        text_budget: text_limit,
        text_limit,
        numbering,
        doc: Document {
            kind: SourceKind::Docx,
            blocks: Vec::new(),
        },
        ..State::default()
    };
    let mut depth = 0usize;
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| DocxError::Xml {
            detail: xml_error(&e).into(),
            position: pos,
        })?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                names.declare(&e, depth);
                let kind = names.resolve(e.name().as_ref());
                if depth > limits.max_depth {
                    return Err(DocxError::TooComplex {
                        what: "depth",
                        limit: limits.max_depth,
                    });
                }
                if st.skip_from.is_some() {
                    continue;
                }
                st.start(kind, &e, depth, limits)?;
            }
            Event::End(e) => {
                if let Some(d) = st.skip_from {
                    if d == depth {
                        st.skip_from = None;
                    }
                } else {
                    let kind = names.resolve(e.name().as_ref());
                    st.end(kind, e.local_name().as_ref(), limits)?;
                }
                names.close(depth);
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if st.keeps_text() => {
                let s = t.decode().map_err(|_| DocxError::Xml {
                    detail: NOT_UTF8.into(),
                    position: pos,
                })?;
                st.push_text(&s);
            }
            Event::CData(t) if st.keeps_text() => {
                let s = t.decode().map_err(|_| DocxError::Xml {
                    detail: NOT_UTF8.into(),
                    position: pos,
                })?;
                st.push_text(&s);
            }
            Event::GeneralRef(r) if st.keeps_text() => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => {
                        return Err(DocxError::Xml {
                            detail: "bad character reference".into(),
                            position: pos,
                        })
                    }
                };
                if let Some(c) = c {
                    st.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 || !st.tables.is_empty() {
        return Err(DocxError::Xml {
            detail: "unexpected end of document (truncated?)".into(),
            position: reader.buffer_position(),
        });
    }
    Ok(st.doc)
}

const NOT_UTF8: &str = "text is not UTF-8";

/// What kind of XML error: a category, not quick-xml's full message (its
/// formatting machinery costs wasm size, and the byte position says where).
fn xml_error(e: &quick_xml::Error) -> &'static str {
    use quick_xml::Error as E;
    match e {
        E::Syntax(_) => "syntax error (truncated or not XML?)",
        E::IllFormed(_) => "elements not closed in order",
        E::InvalidAttr(_) => "bad attribute",
        E::Encoding(_) => NOT_UTF8,
        E::Escape(_) => "bad character reference",
        _ => "invalid XML",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

/// Namespace prefixes in scope, resolved to the two namespaces read here.
/// (quick-xml's `NsReader` does the same and more, at 3 kB gzipped more.)
#[derive(Default)]
struct Namespaces {
    /// (element depth, prefix, namespace), innermost last.
    decls: Vec<(usize, Vec<u8>, Ns)>,
}

impl Namespaces {
    /// Records the `xmlns`/`xmlns:p` attributes of an element at `depth`.
    fn declare(&mut self, e: &BytesStart, depth: usize) {
        // Most elements declare nothing: their attributes are not parsed
        // (that was a sixth of reading a WPS document).
        let raw = e.attributes_raw();
        let declares = (0..raw.len()).any(|i| raw[i] == b'x' && raw[i..].starts_with(b"xmlns"));
        if !declares {
            return;
        }
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key.as_ref();
            let prefix = match key.strip_prefix(b"xmlns") {
                Some(b"") => &b""[..],
                Some(rest) => match rest.strip_prefix(b":") {
                    Some(p) => p,
                    None => continue,
                },
                None => continue,
            };
            let uri: &[u8] = &a.value;
            let ns = if W_NS.contains(&uri) {
                Ns::W
            } else if uri == MC_NS {
                Ns::Mc
            } else {
                Ns::Other
            };
            // Real documents have a few dozen; a hostile one gets no more
            // than 1024 (lookups stay cheap).
            if self.decls.len() < 1024 {
                self.decls.push((depth, prefix.to_vec(), ns));
            }
        }
    }

    /// The namespace of a qualified name (`w:p`, or `p` in a default namespace).
    fn resolve(&self, qname: &[u8]) -> Ns {
        let prefix = qname
            .iter()
            .position(|&b| b == b':')
            .map_or(&b""[..], |i| &qname[..i]);
        self.decls
            .iter()
            .rev()
            .find(|d| d.1 == prefix)
            .map_or(Ns::Other, |d| d.2)
    }

    /// Forgets the declarations of the element at `depth` as it closes.
    fn close(&mut self, depth: usize) {
        while self.decls.last().is_some_and(|d| d.0 == depth) {
            self.decls.pop();
        }
    }
}

/// An attribute's value by local name, as written: the values read here
/// (numbers, `restart`, `begin`, part names) hold no entities, and skipping
/// quick-xml's normalisation and duplicate check keeps the wasm smaller.
fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn val_u32(e: &BytesStart) -> Option<u32> {
    attr(e, b"val").and_then(|v| v.trim().parse().ok())
}

fn merge(e: &BytesStart) -> Merge {
    match attr(e, b"val").as_deref() {
        Some("restart") => Merge::Restart,
        _ => Merge::Continue,
    }
}

impl State {
    fn keeps_text(&self) -> bool {
        self.in_t > 0 && self.skip_from.is_none() && !self.in_instr()
    }

    /// Inside the instruction part of a complex field (of any open field).
    fn in_instr(&self) -> bool {
        self.fields.iter().any(|i| *i)
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    fn cell_mut(&mut self) -> Option<&mut CellB> {
        self.tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.cells.last_mut())
    }

    fn start(
        &mut self,
        ns: Ns,
        e: &BytesStart,
        depth: usize,
        limits: &Limits,
    ) -> Result<(), DocxError> {
        let name = e.local_name();
        let name = name.as_ref();
        if ns == Ns::Mc {
            if name == b"Fallback" {
                self.skip_from = Some(depth);
            }
            return Ok(());
        }
        if ns != Ns::W {
            return Ok(());
        }
        // Old property values of a tracked change: never read.
        if matches!(
            name,
            b"rPrChange"
                | b"pPrChange"
                | b"tblPrChange"
                | b"trPrChange"
                | b"tcPrChange"
                | b"sectPrChange"
                | b"tblGridChange"
        ) {
            self.skip_from = Some(depth);
            return Ok(());
        }
        if self.in_ppr > 0 {
            if let Some(para) = self.paras.last_mut() {
                match name {
                    b"pStyle" => para.style = attr(e, b"val"),
                    b"numId" => para.num_id = val_u32(e),
                    b"ilvl" => para.ilvl = val_u32(e).and_then(|v| u8::try_from(v).ok()),
                    _ => {}
                }
            }
            return Ok(());
        }
        if self.in_trpr > 0 {
            match name {
                b"gridBefore" => {
                    if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                        r.before = val_u32(e).unwrap_or(0).min(limits.max_span);
                    }
                }
                b"del" => {
                    if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                        r.deleted = true;
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        if self.in_tcpr > 0 {
            let span = limits.max_span.max(1);
            if let Some(c) = self.cell_mut() {
                match name {
                    b"gridSpan" => c.span = val_u32(e).unwrap_or(1).clamp(1, span),
                    b"vMerge" => c.vmerge = Some(merge(e)),
                    b"hMerge" => c.hmerge = Some(merge(e)),
                    b"cellDel" => c.deleted = true,
                    _ => {}
                }
            }
            return Ok(());
        }
        match name {
            // Deleted content, field instructions, content-control settings.
            b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" | b"sdtPr" => {
                self.skip_from = Some(depth);
            }
            b"p" => {
                let i = self.next_para;
                self.next_para = self.next_para.saturating_add(1);
                if let Some(c) = self.cell_mut() {
                    c.first_para.get_or_insert(i);
                }
                if let Some(t) = self.tables.last_mut() {
                    t.first_para.get_or_insert(i);
                }
                self.paras.push(ParaB {
                    index: i,
                    ..ParaB::default()
                });
            }
            b"r" => self.in_run += 1,
            b"t" => self.in_t += 1,
            b"tab" | b"br" | b"cr" | b"ptab" if self.in_run > 0 && !self.in_instr() => {
                self.push_text(" ");
            }
            b"noBreakHyphen" if self.in_run > 0 => self.push_text("-"),
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") if self.fields.len() < limits.max_depth => self.fields.push(true),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"tbl" => {
                // A paragraph never holds a table directly; close nothing.
                self.tables.push(TableB::default());
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(RowB::default());
                }
            }
            b"trPr" => self.in_trpr += 1,
            b"pPr" => self.in_ppr += 1,
            b"tc" => {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.cells.push(CellB {
                        span: 1,
                        ..CellB::default()
                    });
                }
            }
            b"tcPr" => self.in_tcpr += 1,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, ns: Ns, name: &[u8], limits: &Limits) -> Result<(), DocxError> {
        if ns != Ns::W {
            return Ok(());
        }
        match name {
            b"pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            _ if self.in_ppr > 0 => {}
            b"trPr" => self.in_trpr = self.in_trpr.saturating_sub(1),
            b"tcPr" => self.in_tcpr = self.in_tcpr.saturating_sub(1),
            _ if self.in_trpr > 0 || self.in_tcpr > 0 => {}
            b"r" => self.in_run = self.in_run.saturating_sub(1),
            b"t" => self.in_t = self.in_t.saturating_sub(1),
            b"p" => {
                if let Some(para) = self.paras.pop() {
                    let i = para.index;
                    let mut text = collapse(&para.text);
                    if !self.numbering.is_empty() && (para.num_id.is_some() || para.style.is_some())
                    {
                        let label =
                            self.numbering
                                .label(para.num_id, para.ilvl, para.style.as_deref());
                        if !label.is_empty() {
                            text = collapse(&format!("{label}{text}"));
                        }
                    }
                    if let Some(c) = self.cell_mut() {
                        c.paras.push(text);
                    } else if self.tables.is_empty() {
                        // A text box paragraph inside another paragraph
                        // becomes a paragraph of its own too.
                        self.doc.blocks.push(Block::Para {
                            text,
                            source: Source {
                                kind: SourceKind::Docx,
                                paragraph: Some(i),
                                ..Source::default()
                            },
                        });
                    }
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    let grid = self.build(t.rows, t.first_para, limits)?;
                    let mut out = vec![grid];
                    out.extend(t.nested);
                    match self.tables.last_mut() {
                        Some(outer) => outer.nested.extend(out),
                        None => {
                            for mut g in out {
                                g.index = self.next_table;
                                self.next_table = self.next_table.saturating_add(1);
                                g.source.table = Some(g.index);
                                for c in g.rows.iter_mut().flatten() {
                                    c.source.table = Some(g.index);
                                }
                                self.doc.blocks.push(Block::Table(g));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts `n` more grid slots, each holding a copy of `text_len` bytes,
    /// against the cell limit and the text budget (span copies must not turn
    /// a long cell into gigabytes).
    fn take_slots(&mut self, n: u32, text_len: usize, limits: &Limits) -> Result<(), DocxError> {
        self.cells = self.cells.saturating_add(n as usize);
        if self.cells > limits.max_cells {
            return Err(DocxError::TooComplex {
                what: "cells",
                limit: limits.max_cells,
            });
        }
        let bytes = text_len.saturating_mul(n as usize);
        self.text_budget = self
            .text_budget
            .checked_sub(bytes)
            .ok_or(DocxError::TooComplex {
                what: "text",
                limit: self.text_limit,
            })?;
        Ok(())
    }

    /// Lays a table's rows out on a grid, spans expanded.
    fn build(
        &mut self,
        rows: Vec<RowB>,
        first_para: Option<u32>,
        limits: &Limits,
    ) -> Result<Grid, DocxError> {
        let mut grid = Grid {
            index: 0,
            rows: Vec::new(),
            source: Source {
                kind: SourceKind::Docx,
                paragraph: first_para,
                ..Source::default()
            },
        };
        for row in rows.into_iter().filter(|r| !r.deleted) {
            let r = to_u32(grid.rows.len());
            let mut out: Vec<GridCell> = Vec::new();
            self.take_slots(row.before, 0, limits)?;
            for c in 0..row.before {
                out.push(GridCell::single(
                    String::new(),
                    r,
                    c,
                    slot_source(r, c, None),
                ));
            }
            let mut hmerged = false;
            for cell in row.cells.into_iter().filter(|c| !c.deleted) {
                let col = to_u32(out.len());
                let width = cell.span.max(1);
                // Legacy horizontal merge: this cell widens the one on its
                // left (colspans are set once the row is complete).
                if cell.hmerge == Some(Merge::Continue) {
                    if let Some(left) = out.last().cloned() {
                        self.take_slots(width, left.text.len(), limits)?;
                        hmerged = true;
                        for i in 0..width {
                            let mut copy = left.clone();
                            copy.col = col + i;
                            copy.origin = false;
                            out.push(copy);
                        }
                        continue;
                    }
                }
                // Vertical merge continue: a span copy of the cell above.
                if cell.vmerge == Some(Merge::Continue) {
                    let above = grid
                        .rows
                        .last()
                        .and_then(|prev| prev.get(col as usize))
                        .filter(|a| a.col_start == col)
                        .cloned();
                    if let Some(above) = above {
                        self.take_slots(width, above.text.len(), limits)?;
                        for i in 0..width {
                            let mut copy = above.clone();
                            copy.col = col + i;
                            copy.origin = false;
                            out.push(copy);
                        }
                        continue;
                    }
                }
                let text = join_paras(&cell.paras);
                self.take_slots(width, text.len(), limits)?;
                let source = slot_source(r, col, cell.first_para);
                for i in 0..width {
                    out.push(GridCell {
                        text: text.clone(),
                        source: source.clone(),
                        col: col + i,
                        origin: i == 0,
                        col_start: col,
                        colspan: width,
                        row_start: r,
                    });
                }
            }
            if hmerged {
                set_run_colspans(&mut out);
            }
            grid.rows.push(out);
        }
        Ok(grid)
    }
}

/// Sets each cell's colspan to the number of slots it covers in its row
/// (after legacy horizontal merges widened cells), in one pass.
fn set_run_colspans(row: &mut [GridCell]) {
    let mut i = 0;
    while i < row.len() {
        let key = (row[i].col_start, row[i].row_start);
        let mut j = i + 1;
        while j < row.len() && (row[j].col_start, row[j].row_start) == key && !row[j].origin {
            j += 1;
        }
        let n = to_u32(j - i);
        for slot in &mut row[i..j] {
            slot.colspan = n;
        }
        i = j;
    }
}

fn slot_source(row: u32, col: u32, paragraph: Option<u32>) -> Source {
    Source {
        kind: SourceKind::Docx,
        row: Some(row),
        col: Some(col),
        paragraph,
        ..Source::default()
    }
}

/// Whitespace collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A cell's paragraphs joined with a space; empty paragraphs add nothing.
fn join_paras(paras: &[String]) -> String {
    let mut out = String::new();
    for p in paras.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn doc(body: &str) -> Document {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>"#,
            MC = std::str::from_utf8(MC_NS).unwrap_or_default()
        );
        read_document_xml(xml.as_bytes(), &Limits::default()).expect("reads")
    }

    fn paras(d: &Document) -> Vec<&str> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, .. } => Some(text.as_str()),
                Block::Table(_) => None,
            })
            .collect()
    }

    fn texts(g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, body: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    }

    #[test]
    fn split_runs_join_and_tabs_read_as_spaces() {
        let d = doc(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>1</w:t></w:r><w:proofErr w:type="gramStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:tab/><w:t xml:space="preserve">  件 &amp; &#x4E00;</w:t><w:br/><w:t>x</w:t></w:r></w:p>"#,
        );
        assert_eq!(paras(&d), ["12 件 & 一 x"]);
        let Block::Para { source, .. } = &d.blocks[0] else {
            panic!("para")
        };
        assert_eq!(source.kind, SourceKind::Docx);
        assert_eq!(source.paragraph, Some(0));
    }

    #[test]
    fn tracked_changes_read_accepted() {
        let d = doc(
            r#"<w:p><w:r><w:t>共</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>6</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>0</w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>件</w:t></w:r></w:moveTo><w:r><w:rPr><w:b/><w:rPrChange w:id="5"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>。</w:t></w:r></w:p>"#,
        );
        assert_eq!(paras(&d), ["共0件。"]);
    }

    #[test]
    fn fields_read_their_result_not_their_code() {
        let fields = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>"#;
        let sdt = format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="x"/><w:placeholder><w:docPart w:val="y"/></w:placeholder></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
            p("控件内容")
        );
        let d = doc(&format!("{fields}{sdt}"));
        assert_eq!(paras(&d), ["39", "控件内容"]);
    }

    #[test]
    fn alternate_content_reads_choice_only() {
        let d = doc(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
        );
        assert_eq!(paras(&d), ["框", "正文"]);
    }

    #[test]
    fn grid_spans_both_ways() {
        let body = format!(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, &p("组")),
            tc(r#"<w:gridSpan w:val="2"/>"#, &p("头")),
            tc("<w:vMerge/>", "<w:p/>"),
            tc("", &p("1")),
            tc("", &format!("{}{}", p("2"), "<w:p/>")),
            tc(r#"<w:vMerge w:val="continue"/>"#, "<w:p/>"),
            tc("", "<w:p><w:r><w:t>3</w:t></w:r><w:r><w:t>4</w:t></w:r></w:p>"),
            tc("", &format!("{}{}", p("商业"), p("企业"))),
        );
        let d = doc(&body);
        let g = d.tables().next().expect("table");
        assert_eq!(
            texts(g),
            [
                ["组", "头", "头"],
                ["组", "1", "2"],
                ["组", "34", "商业 企业"]
            ]
        );
        let (top, copy) = (&g.rows[0][0], &g.rows[2][0]);
        assert!(top.origin && !copy.origin);
        assert_eq!((copy.row_start, copy.col_start), (0, 0));
        assert_eq!(copy.source, top.source);
        assert!(!g.rows[0][2].origin);
        assert_eq!(g.rows[0][2].colspan, 2);
        let s = &g.rows[2][2].source;
        assert_eq!(
            (s.table, s.row, s.col, s.paragraph),
            (Some(0), Some(2), Some(2), Some(8))
        );
    }

    #[test]
    fn legacy_hmerge_and_grid_before() {
        let body = format!(
            r#"<w:tbl><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>{}</w:tr></w:tbl>"#,
            tc(r#"<w:hMerge w:val="restart"/>"#, &p("合并")),
            tc("<w:hMerge/>", "<w:p/>"),
            tc("", &p("x")),
            tc("", &p("5")),
        );
        let d = doc(&body);
        let g = d.tables().next().expect("table");
        assert_eq!(texts(g), [vec!["合并", "合并", "x"], vec!["", "5"]]);
        assert_eq!(g.rows[0][1].colspan, 2);
        assert_eq!(g.rows[0][0].colspan, 2);
        assert!(!g.rows[0][1].origin);
        assert_eq!(g.rows[1][1].col, 1);
    }

    #[test]
    fn deleted_rows_and_nested_tables() {
        let inner = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", tc("", &p("内")));
        let body = format!(
            r#"<w:tbl><w:tr>{}</w:tr><w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>{}</w:tr><w:tr>{}</w:tr></w:tbl>{}<w:tbl><w:tr>{}</w:tr></w:tbl>"#,
            tc("", &format!("{}{inner}{}", p("外"), p("尾"))),
            tc("", &p("删")),
            tc("", &p("留")),
            p("段"),
            tc("", &p("二")),
        );
        let d = doc(&body);
        let grids: Vec<&Grid> = d.tables().collect();
        assert_eq!(grids.len(), 3);
        assert_eq!(texts(grids[0]), [["外 尾"], ["留"]]);
        assert_eq!(texts(grids[1]), [["内"]]);
        assert_eq!(texts(grids[2]), [["二"]]);
        assert_eq!(grids.iter().map(|g| g.index).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(grids[1].rows[0][0].source.table, Some(1));
        assert_eq!(paras(&d), ["段"]);
    }

    #[test]
    fn strict_namespace_and_other_prefixes_read_the_same() {
        let xml = r#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><x:body><x:p><x:r><x:t>甲</x:t></x:r><a:p><a:r><a:t>不读</a:t></a:r></a:p></x:p></x:body></x:document>"#;
        let d = read_document_xml(xml.as_bytes(), &Limits::default()).expect("reads");
        assert_eq!(paras(&d), ["甲"]);
    }

    #[test]
    fn default_namespace_and_redeclared_prefixes_are_scoped() {
        // The main namespace as the default one; then `w` rebound to another
        // namespace inside an element, and back outside it.
        let xml = format!(
            r#"<document xmlns="{W}" xmlns:w="urn:other"><body><p><r><t>默认</t></r></p><p><r><w:t>不读</w:t></r></p><p xmlns:w="{W}"><w:r><w:t>读</w:t></w:r></p><p><w:r><w:t>不读</w:t></w:r></p></body></document>"#
        );
        let d = read_document_xml(xml.as_bytes(), &Limits::default()).expect("reads");
        assert_eq!(paras(&d), ["默认", "", "读", ""]);
    }

    #[test]
    fn malformed_and_truncated_xml_are_errors() {
        for bad in [
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:p></w:body></w:document>"#),
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>1"#),
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr>"#),
        ] {
            let e = read_document_xml(bad.as_bytes(), &Limits::default()).expect_err(&bad);
            assert_eq!(e.code(), "docx-xml", "{bad}");
        }
    }

    #[test]
    fn limits_bound_cells_spans_and_depth() {
        let big = tc(r#"<w:gridSpan w:val="4000000000"/>"#, &p("宽"));
        let d = doc(&format!("<w:tbl><w:tr>{big}</w:tr></w:tbl>"));
        assert_eq!(d.tables().next().map(|g| g.rows[0].len()), Some(1000));

        let limits = Limits {
            max_cells: 10,
            ..Limits::default()
        };
        let row = format!("<w:tr>{}</w:tr>", tc("", "<w:p/>")).repeat(11);
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:tbl>{row}</w:tbl></w:body></w:document>"#
        );
        let e = read_document_xml(xml.as_bytes(), &limits).expect_err("too many cells");
        assert_eq!(e.code(), "docx-too-complex");

        let deep = format!(
            r#"<w:document xmlns:w="{W}"><w:body>{}{}</w:body></w:document>"#,
            "<w:sdt><w:sdtContent>".repeat(600),
            "</w:sdtContent></w:sdt>".repeat(600)
        );
        let e = read_document_xml(deep.as_bytes(), &Limits::default()).expect_err("too deep");
        assert_eq!(e.code(), "docx-too-complex");
    }

    #[test]
    fn span_copies_are_bounded() {
        // A long cell spread over 1000 slots: refused, not copied 1000 times.
        let wide = tc(r#"<w:gridSpan w:val="1000"/>"#, &p(&"数".repeat(40_000)));
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr>{wide}</w:tr></w:tbl></w:body></w:document>"#
        );
        let e = read_document_xml(xml.as_bytes(), &Limits::default()).expect_err("budget");
        assert_eq!(e.code(), "docx-too-complex");
        assert!(e.message_en().contains("text copied"));
        // Many legacy horizontal merges in one row: one pass, one cell.
        let row = format!(
            "{}{}",
            tc(r#"<w:hMerge w:val="restart"/>"#, &p("宽")),
            tc("<w:hMerge/>", "").repeat(50_000)
        );
        let d = doc(&format!("<w:tbl><w:tr>{row}</w:tr></w:tbl>"));
        let g = d.tables().next().expect("table");
        assert_eq!(g.rows[0].len(), 50_001);
        assert!(g.rows[0]
            .iter()
            .all(|c| c.colspan == 50_001 && c.col_start == 0));
    }

    #[test]
    fn not_zip_and_ole_are_told_apart() {
        let l = Limits::default();
        assert_eq!(read_docx(b"hello", &l).err(), Some(DocxError::NotZip));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let e = read_docx(&ole, &l).expect_err("ole");
        assert_eq!(e, DocxError::Encrypted);
        assert!(e.message_zh().contains("文件已加密或为旧版 .doc 格式"));
        let d = e.to_diagnostic();
        assert_eq!(d.rule, "input/unreadable");
        assert!(!d.message_en.is_empty());
        assert_eq!(
            read_docx(b"PK\x03\x04garbage", &l).err().map(|e| e.code()),
            Some("docx-damaged")
        );
    }
}
