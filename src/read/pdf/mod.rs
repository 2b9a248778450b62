//! PDF files: text and table borders read into a [`Document`] (see
//! docs/pdf.md for the design and the choice of writing this reader rather
//! than using a crate).
//!
//! - `lex.rs`: objects and tokens; `file.rs`: xref (table or stream, `/Prev`
//!   chain, rebuilt by scanning when broken), object streams, FlateDecode
//!   with PNG predictors, bounded;
//! - `font.rs`: ToUnicode CMaps, Identity-H CID fonts, simple fonts;
//! - `content.rs`: the content-stream interpreter → glyphs and ruling lines
//!   on the displayed page (`/Rotate` applied);
//! - `layout.rs`: ruling lines → grids with merged cells, the other glyphs →
//!   lines → paragraphs, in reading order;
//! - `columns.rs`: tables drawn without lines, from the columns their text
//!   runs stand in.
//!
//! Provenance: a paragraph's [`Source`] has `page` (1-based) and `bbox`
//! (`[x0, y0, x1, y1]` in points on the displayed page, origin top-left); a
//! cell's has also `table`, `row`, `col` (grid positions).
//!
//! A PDF with no text layer (a scan) is not guessed at: [`PdfError::Scanned`]
//! says so. Bad input gets a [`PdfError`], never a panic.

mod cipher;
mod columns;
mod content;
mod crypt;
mod file;
mod font;
mod layout;
mod lex;

use super::{Block, Document, Grid, GridCell};
use crate::api::Limits;
use crate::diagnostic::Diagnostic;
use crate::model::{Source, SourceKind};
use lex::{Dict, Obj};

/// Most pages read.
pub const MAX_PAGES: usize = 2000;
/// Most glyphs read from one file (≈ 1,000 dense pages).
pub const MAX_GLYPHS: usize = 4_000_000;
/// Most content operators run over the whole file (form XObjects included).
pub const MAX_OPS: usize = 50_000_000;
/// Most form XObjects run over the whole file (a logo or a header drawn on
/// each of 2,000 pages is well under it).
pub const MAX_FORMS: usize = 8_192;
/// Deepest page-tree nesting followed.
const MAX_TREE_DEPTH: usize = 64;

/// Why a PDF could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// No `%PDF-` header.
    NotPdf,
    /// Encrypted with a user password: the empty one does not open it.
    Password,
    /// Encrypted in a way not read here (`"handler"`: not the standard
    /// security handler; `"version"`: an unknown version or method;
    /// `"damaged"`: the encryption dictionary is broken).
    Encryption(&'static str),
    /// Damaged beyond reading (the detail names what is missing).
    Damaged(&'static str),
    /// No text layer: a scanned image (`images`: images painted).
    Scanned { pages: usize, images: usize },
    /// Text drawn in fonts that do not say which characters they show.
    NoUnicode,
    /// Streams inflate past the decoding budget (a bomb or a huge file).
    TooLarge { limit: usize },
    /// More pages, glyphs or table cells than the limits (`what`).
    TooComplex { what: &'static str, limit: usize },
}

impl PdfError {
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::NotPdf => "pdf-not-pdf",
            PdfError::Password => "pdf-password",
            PdfError::Encryption(_) => "pdf-encryption",
            PdfError::Damaged(_) => "pdf-damaged",
            PdfError::Scanned { .. } => "pdf-scanned",
            PdfError::NoUnicode => "pdf-no-unicode",
            PdfError::TooLarge { .. } => "pdf-too-large",
            PdfError::TooComplex { .. } => "pdf-too-complex",
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            PdfError::NotPdf => "文件不是 PDF 文档：缺少 %PDF- 文件头。".into(),
            PdfError::Password => "PDF 文件设置了打开密码（需要输入密码才能打开），无法读取其中的文字。".into(),
            PdfError::Encryption(d) => format!("PDF 文件已加密，{}，无法读取其中的文字。", match *d {
                "handler" => "使用的不是标准密码加密（例如数字证书加密），本工具不支持",
                "version" => "使用了本工具不支持的加密版本或算法",
                _ => "其加密信息已损坏",
            }),
            PdfError::Damaged(d) => format!("PDF 文件已损坏或不完整（可能下载或上传未完成）：{}。", zh_damage(d)),
            PdfError::Scanned { pages, images } => format!("PDF 文件没有文字层（共 {pages} 页，{images} 幅图像），是扫描或拍照得到的图像，无法核对表格数字。"),
            PdfError::NoUnicode => "PDF 中的文字使用了无法识别字符的字体（缺少 ToUnicode 映射），无法可靠读取，未进行核对。".into(),
            PdfError::TooLarge { limit } => format!("PDF 内容解压后超过 {limit} 字节的上限（文件过大或为恶意压缩数据），已停止读取。"),
            PdfError::TooComplex { what, limit } => format!("PDF 文件过于复杂（{}超过 {limit}），已停止读取。", match *what { "pages" => "页数", "cells" => "表格单元格数", "layout" => "表格线交点的计算量", _ => "文字数" }),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            PdfError::NotPdf => "The file is not a PDF document: it has no %PDF- header.".into(),
            PdfError::Password => "The PDF is password-protected (it asks for a password to be opened); its text cannot be read.".into(),
            PdfError::Encryption(d) => format!("The PDF is encrypted {}; its text cannot be read.", match *d {
                "handler" => "with a handler other than the standard password one (e.g. certificates), which this checker does not support",
                "version" => "with a version or algorithm this checker does not support",
                _ => "and its encryption dictionary is damaged",
            }),
            PdfError::Damaged(d) => format!("The PDF is damaged or incomplete (an unfinished download or upload?): {}.", match *d {
                "truncated" => "the file is cut short (no cross-reference table and no %%EOF end marker)",
                other => other,
            }),
            PdfError::Scanned { pages, images } => format!("The PDF has no text layer ({pages} pages, {images} images): it is a scanned or photographed image, and its tables cannot be checked."),
            PdfError::NoUnicode => "The PDF's text is drawn in fonts that do not say which characters they show (no ToUnicode map); it cannot be read reliably and was not checked.".into(),
            PdfError::TooLarge { limit } => format!("The PDF's content inflates past the limit of {limit} bytes (a huge file or a compression bomb); reading stopped."),
            PdfError::TooComplex { what, limit } => format!("The PDF is too complex ({} over {limit}); reading stopped.", match *what { "pages" => "pages", "cells" => "table cells", "layout" => "work on crossing table lines", _ => "characters" }),
        }
    }

    /// The `input/unreadable` diagnostic for this error.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let (help_zh, help_en) = match self {
            PdfError::Scanned { .. } => (
                "请使用带文字层的 PDF（由 Word/WPS 直接导出，而非扫描），或提供报告的 Word、HTML 或文本版本。",
                "Use a PDF with a text layer (exported from Word/WPS, not scanned), or give the report as Word, HTML or text.",
            ),
            PdfError::Password => (
                "请用密码打开该 PDF，另存为不带密码保护的副本后再检查，或提供报告的 Word、HTML 或文本版本。",
                "Open the PDF with its password and save a copy without protection, then check that copy; or give the report as Word, HTML or text.",
            ),
            PdfError::Encryption(_) => (
                "请用 PDF 阅读器打开该文件，另存为不加密的副本后再检查，或提供报告的 Word、HTML 或文本版本。",
                "Open the PDF in a PDF reader and save a copy without encryption, then check that copy; or give the report as Word, HTML or text.",
            ),
            _ => (
                "请确认文件完整，或提供报告的 Word、HTML 或文本版本。",
                "Check that the file is complete, or give the report as Word, HTML or text.",
            ),
        };
        crate::rules::input::file_error(
            self.message_zh(),
            self.message_en(),
            (help_zh, help_en),
            self.code(),
        )
    }
}

impl From<crypt::CryptError> for PdfError {
    fn from(e: crypt::CryptError) -> PdfError {
        match e {
            crypt::CryptError::Password => PdfError::Password,
            crypt::CryptError::Handler => PdfError::Encryption("handler"),
            crypt::CryptError::Version => PdfError::Encryption("version"),
            crypt::CryptError::Damaged => PdfError::Encryption("damaged"),
        }
    }
}

fn zh_damage(d: &str) -> &'static str {
    match d {
        "no document catalog (/Root)" => "找不到文档目录（/Root）",
        "no pages" => "找不到任何页面",
        "truncated" => "文件不完整（缺少交叉引用表和结束标记 %%EOF），可能只下载了一部分",
        _ => "结构无法解析",
    }
}

/// Whether bytes are a PDF: `%PDF-` within the first 1,024 bytes (some
/// writers put junk before it, as viewers allow).
pub fn is_pdf(bytes: &[u8]) -> bool {
    lex::find(&bytes[..bytes.len().min(1024)], b"%PDF-", 0).is_some()
}

struct PageRef {
    dict: Dict,
    /// Shared by the pages that inherit it (a node's kids are not given a
    /// copy each: a million kids of one big /Resources must stay cheap).
    resources: std::rc::Rc<Dict>,
    media: [f64; 4],
    rotate: i64,
}

/// Reads a PDF file into a document.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    let mut f = file::File::open(bytes, limits.max_input_bytes.saturating_mul(16))?;
    let pages = pages(&mut f)?;
    let title = info_title(&mut f);
    let mut interp = content::Interp::new(
        &mut f,
        content::Budget {
            ops: MAX_OPS,
            glyphs: MAX_GLYPHS,
            forms: MAX_FORMS,
        },
    );
    let mut doc = Document {
        kind: SourceKind::Pdf,
        blocks: Vec::new(),
    };
    // The document title (a web page printed to PDF carries its <title>
    // here), first as the HTML reader puts the page title first.
    if let Some(t) = title {
        doc.blocks.push(Block::Para {
            text: t,
            source: Source {
                kind: SourceKind::Pdf,
                ..Source::default()
            },
        });
    }
    let mut cells_left = limits.max_cells;
    let too_complex = |what| PdfError::TooComplex {
        what,
        limit: if what == "cells" {
            limits.max_cells
        } else {
            layout::MAX_WORK
        },
    };
    let mut work = layout::MAX_WORK;
    let (mut glyphs, mut images, mut unmapped) = (0usize, 0usize, 0usize);
    let mut tables = 0u32;
    let mut laid = Vec::with_capacity(pages.len());
    for p in &pages {
        let contents = page_contents(interp.file, &p.dict);
        let page = interp.page(&contents, &p.resources, p.media, p.rotate);
        glyphs += page.glyphs.len();
        images += page.images;
        unmapped += page.unmapped;
        laid.push(layout::layout(&page, &mut cells_left, &mut work).map_err(too_complex)?);
    }
    let mut laid = layout::finish(laid, &mut cells_left, &mut work).map_err(too_complex)?;
    layout::join_split_rows(&mut laid);
    for (i, items) in laid.into_iter().enumerate() {
        let page_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for item in items {
            doc.blocks.push(match item {
                layout::Item::Para { text, bbox } => Block::Para {
                    text,
                    source: source(page_no, bbox),
                },
                layout::Item::Table { cells, slots, bbox } => {
                    let grid = grid(&cells, &slots, tables, page_no, bbox);
                    tables += 1;
                    Block::Table(grid)
                }
            });
        }
    }
    if interp.budget.glyphs == 0 {
        return Err(PdfError::TooComplex {
            what: "glyphs",
            limit: MAX_GLYPHS,
        });
    }
    if glyphs == 0 {
        if interp.file.over_budget {
            return Err(PdfError::TooLarge {
                limit: interp.file.budget.min(file::MAX_STREAM_BYTES),
            });
        }
        if unmapped > 0 {
            return Err(PdfError::NoUnicode);
        }
        return Err(PdfError::Scanned {
            pages: pages.len(),
            images,
        });
    }
    Ok(doc)
}

fn to_u32(v: f64) -> u32 {
    // Saturating float → int conversion (NaN → 0).
    v.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

fn source(page: u32, bbox: [f64; 4]) -> Source {
    Source {
        kind: SourceKind::Pdf,
        page: Some(page),
        bbox: Some(bbox.map(to_u32)),
        ..Source::default()
    }
}

fn grid(
    cells: &[layout::Cell],
    slots: &[Vec<usize>],
    index: u32,
    page: u32,
    bbox: [f64; 4],
) -> Grid {
    let u = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let rows = slots
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter_map(|(c, &id)| {
                    let cell = cells.get(id)?;
                    let mut s = source(page, cell.bbox);
                    s.table = Some(index);
                    s.row = Some(u(cell.row));
                    s.col = Some(u(cell.col));
                    Some(GridCell {
                        text: cell.text.clone(),
                        source: s,
                        col: u(c),
                        origin: r == cell.row && c == cell.col,
                        col_start: u(cell.col),
                        colspan: u(cell.colspan),
                        row_start: u(cell.row),
                    })
                })
                .collect()
        })
        .collect();
    let mut s = source(page, bbox);
    s.table = Some(index);
    Grid {
        index,
        rows,
        source: s,
    }
}

/// The pages in order, with inherited resources, MediaBox and Rotate.
fn pages(f: &mut file::File) -> Result<Vec<PageRef>, PdfError> {
    let cat = f
        .catalog()
        .ok_or(PdfError::Damaged("no document catalog (/Root)"))?;
    let root = cat
        .get(b"Pages")
        .cloned()
        .ok_or(PdfError::Damaged("no pages"))?;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // (node, inherited resources, media box, rotate, depth)
    let mut stack = vec![(
        root,
        std::rc::Rc::new(Dict::default()),
        [0.0, 0.0, 612.0, 792.0],
        0i64,
        0usize,
    )];
    while let Some((node, res, media, rot, depth)) = stack.pop() {
        if let Obj::Ref(n, _) = node {
            if !seen.insert(n) {
                continue;
            }
        }
        let Obj::Dict(d) = f.resolve(&node) else {
            continue;
        };
        let res = match f.get_in(&d, b"Resources") {
            Obj::Dict(r) => std::rc::Rc::new(r),
            _ => res,
        };
        let media = match f.get_in(&d, b"MediaBox") {
            Obj::Array(a) => {
                let v: Vec<f64> = a.iter().filter_map(|o| f.resolve(o).as_f64()).collect();
                match v[..] {
                    [a, b, c, d] if (c - a).abs() > 1.0 && (d - b).abs() > 1.0 => {
                        [a.min(c), b.min(d), a.max(c), b.max(d)]
                    }
                    _ => media,
                }
            }
            _ => media,
        };
        let rot = f.get_in(&d, b"Rotate").as_i64().unwrap_or(rot);
        match f.get_in(&d, b"Kids") {
            Obj::Array(kids) if depth < MAX_TREE_DEPTH => {
                for k in kids.into_iter().rev() {
                    stack.push((k, res.clone(), media, rot, depth + 1));
                }
            }
            _ => {
                if d.get(b"Type").and_then(Obj::as_name) == Some(b"Pages") {
                    continue;
                }
                if out.len() >= MAX_PAGES {
                    return Err(PdfError::TooComplex {
                        what: "pages",
                        limit: MAX_PAGES,
                    });
                }
                out.push(PageRef {
                    dict: d,
                    resources: res,
                    media,
                    rotate: rot,
                });
            }
        }
    }
    if out.is_empty() {
        return Err(PdfError::Damaged("no pages"));
    }
    Ok(out)
}

/// The `/Title` of the document information dictionary when it names a
/// report (`…年度报告`); a title such as `Microsoft Word - 文档1` is left out.
fn info_title(f: &mut file::File) -> Option<String> {
    let info = f.trailer.get(b"Info")?.clone();
    let Obj::Dict(d) = f.resolve(&info) else {
        return None;
    };
    let Obj::Str(s) = f.get_in(&d, b"Title") else {
        return None;
    };
    let text = match s.strip_prefix(&[0xfe, 0xff]) {
        Some(u) => {
            let units: Vec<u16> = u
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => match std::str::from_utf8(&s) {
            Ok(t) => t.to_string(),
            Err(_) => s.iter().map(|b| char::from(*b)).collect(),
        },
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (text.contains("报告") && text.chars().count() <= 200).then_some(text)
}

fn page_contents(f: &mut file::File, page: &Dict) -> Vec<Vec<u8>> {
    match page.get(b"Contents").map(|c| (c.clone(), f.resolve(c))) {
        Some((c, Obj::Stream(..))) => f.stream_data(&c).into_iter().collect(),
        Some((_, Obj::Array(a))) => a
            .iter()
            .take(4096)
            .filter_map(|c| f.stream_data(c))
            .collect(),
        _ => Vec::new(),
    }
}
