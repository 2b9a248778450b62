//! The HTML reader proper (see the module doc of [`super`]).

use super::fast::{self, parse_span_attr, Ev};
use crate::api::Limits;
use crate::model::{ReadIssue, Source, SourceKind};
use crate::read::grid::{self, Budget, RawCell};
use crate::read::{Block, Document, Grid};
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, Error, ForwardingEmitter, Span, Tokenizer};
use std::borrow::Cow;
use std::convert::Infallible;

/// The callback emitter with parse errors switched off: the reader ignores
/// them, and html5gum's per-byte error checks (`CharValidator`) were a quarter
/// of the reading time (docs/performance.md).
struct Quiet<E>(E);

impl<F: Callback<Infallible, usize>> ForwardingEmitter
    for Quiet<CallbackEmitter<F, Infallible, usize>>
{
    type Token = Infallible;
    fn inner(&mut self) -> &mut impl Emitter<Token = Infallible> {
        &mut self.0
    }
    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }
    #[inline]
    fn emit_error(&mut self, _: Error) {}
}

/// Reads HTML with the default limits.
pub fn read(input: &str) -> Document {
    read_with(input, &Limits::default()).0
}

/// Reads HTML; the issues are `structure/*` problems met while reading
/// (the cell budget ran out), for the report's read issues.
///
/// The [fast path](super::fast) reads the input when it can; when it gives
/// up, html5gum reads the whole input again from the start (same events,
/// so the same document either way).
pub fn read_with(input: &str, limits: &Limits) -> (Document, Vec<ReadIssue>) {
    let mut r = Reader::new(input, limits);
    if fast::tokenize(input, &mut |e| r.ev(e)).is_ok() {
        return r.finish();
    }
    let mut r = Reader::new(input, limits);
    html5gum_events(input, &mut |e| r.ev(e));
    r.finish()
}

/// html5gum's events as the reader takes them.
pub(super) fn html5gum_events(input: &str, sink: &mut impl FnMut(Ev<'_>)) {
    let mut tag = OpenTag::default();
    // The callback emitter (not the default one): no token or attribute map
    // is built, only the events this reader needs — less code in the wasm.
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    tag.open = true;
                    tag.name.clear();
                    tag.name.extend_from_slice(name);
                    tag.start = span.start;
                    tag.attr = None;
                    tag.colspan = None;
                    tag.rowspan = None;
                }
                CallbackEvent::AttributeName { name } => {
                    // The first of duplicate attributes wins, as in browsers.
                    let t = &mut tag;
                    t.attr = match name {
                        b"colspan" if t.open && t.colspan.is_none() => Some(Attr::Colspan),
                        b"rowspan" if t.open && t.rowspan.is_none() => Some(Attr::Rowspan),
                        _ => None,
                    };
                }
                CallbackEvent::AttributeValue { value } => match tag.attr.take() {
                    Some(Attr::Colspan) => tag.colspan = Some(parse_span_attr(value)),
                    Some(Attr::Rowspan) => tag.rowspan = Some(parse_span_attr(value)),
                    None => {}
                },
                CallbackEvent::CloseStartTag { self_closing } => {
                    if tag.open {
                        tag.open = false;
                        sink(Ev::Start {
                            name: &tag.name,
                            start: tag.start,
                            end: span.end,
                            self_closing,
                            colspan: tag.colspan,
                            rowspan: tag.rowspan,
                        });
                    }
                }
                CallbackEvent::EndTag { name } => {
                    tag.open = false;
                    sink(Ev::End {
                        name,
                        end: span.end,
                    });
                }
                CallbackEvent::String { value } => {
                    // Text of a &str is UTF-8 (entities decode to UTF-8 too):
                    // borrowed, not copied; lossy only if that ever failed.
                    let text = match std::str::from_utf8(value) {
                        Ok(s) => Cow::Borrowed(s),
                        Err(_) => String::from_utf8_lossy(value),
                    };
                    sink(Ev::Text {
                        text: &text,
                        start: span.start,
                        end: span.end,
                    });
                }
                CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } => {
                    sink(Ev::Mark { end: span.end });
                }
                CallbackEvent::Error(_) => {}
            }
            None
        },
    );
    // Switch to raw-text states after <script>, <style>, <title>, <textarea>…
    emitter.naively_switch_states(true);
    // Reading a &str cannot fail (Infallible).
    let _ = Tokenizer::new_with_emitter(input, Quiet(emitter)).finish();
}

/// The start tag being read: name, where it starts, its spans.
#[derive(Default)]
struct OpenTag {
    open: bool,
    name: Vec<u8>,
    start: usize,
    attr: Option<Attr>,
    colspan: Option<u32>,
    rowspan: Option<u32>,
}

#[derive(Clone, Copy)]
enum Attr {
    Colspan,
    Rowspan,
}

// ------------------------------------------------------------------ text flow

/// Text being gathered for a cell or for the page's prose.
///
/// A paragraph is the tail of `text` from `piece_start`: within a paragraph
/// the whole text and the paragraph take the same spaces, so the paragraph
/// is not gathered twice; it is copied out only where it is prose (the
/// page, a page-layout cell), and a cell keeps its finished paragraphs as
/// ranges of its text.
#[derive(Default)]
struct Flow {
    /// The whole text, whitespace collapsed.
    text: String,
    /// Where the current paragraph starts in `text`.
    piece_start: usize,
    /// The current paragraph's span in the input; `None` while it is empty.
    piece_span: Option<[usize; 2]>,
    /// Finished paragraphs of a cell (kept until the cell closes, in case
    /// it turns out to be page layout): the first, then any others.
    first_piece: Option<Piece>,
    pieces: Vec<Piece>,
    pending_ws: bool,
    pending_break: bool,
    /// The last character of `text` (kept, not decoded back from `text`).
    last: Option<char>,
}

/// A finished paragraph of a [`Flow`]: its range of the flow's text and its
/// span in the input.
#[derive(Clone, Copy)]
struct Piece {
    range: [usize; 2],
    span: [usize; 2],
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

fn is_ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

impl Flow {
    fn push(&mut self, s: &str, span: [usize; 2]) {
        // Most text events between tags are only ASCII whitespace.
        if !s.is_empty()
            && s.bytes()
                .all(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0b | 0x0c))
        {
            self.pending_ws = true;
            return;
        }
        let mut i = 0;
        while let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) {
            i += ch.len_utf8();
            if is_zero_width(ch) {
                continue;
            }
            if is_ws(ch) {
                self.pending_ws = true;
                continue;
            }
            if let Some(last) = self.last {
                if self.pending_break {
                    if !(last.is_ascii_digit() && ch.is_ascii_digit()) {
                        self.text.push(' ');
                    }
                } else if self.pending_ws {
                    self.text.push(' ');
                }
            }
            if self.piece_span.is_none() {
                self.piece_start = self.text.len();
            }
            self.pending_ws = false;
            self.pending_break = false;
            // The characters that follow up to the next blank or
            // zero-width one go in as they are, as one run.
            let from = i - ch.len_utf8();
            let mut last = ch;
            while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
                if is_zero_width(c) || is_ws(c) {
                    break;
                }
                last = c;
                i += c.len_utf8();
            }
            let run = s.get(from..i).unwrap_or_default();
            self.text.push_str(run);
            self.last = Some(last);
            match &mut self.piece_span {
                Some(sp) => sp[1] = span[1],
                None => self.piece_span = Some(span),
            }
        }
    }

    /// A block boundary: ends the current paragraph.
    fn end_piece(&mut self) -> Option<Piece> {
        self.pending_break = true;
        let span = self.piece_span.take()?;
        Some(Piece {
            range: [self.piece_start, self.text.len()],
            span,
        })
    }

    /// A paragraph's text.
    fn piece_text(&self, p: Piece) -> (String, [usize; 2]) {
        let text = self.text.get(p.range[0]..p.range[1]).unwrap_or_default();
        (text.to_string(), p.span)
    }

    /// A block boundary in prose (the page, the title): the paragraph it
    /// ends, copied out; the text before it is not needed again.
    fn boundary(&mut self) -> Option<(String, [usize; 2])> {
        let p = self.end_piece()?;
        let out = self.piece_text(p);
        self.text.clear();
        Some(out)
    }

    /// A cell's finished paragraphs, in order, as text (the cell turned
    /// out to be page layout).
    fn take_pieces(&mut self) -> Vec<(String, [usize; 2])> {
        let first = self.first_piece.take();
        let more = std::mem::take(&mut self.pieces);
        first
            .into_iter()
            .chain(more)
            .map(|p| self.piece_text(p))
            .collect()
    }

    fn keep_piece(&mut self, p: Piece) {
        if self.first_piece.is_none() && self.pieces.is_empty() {
            self.first_piece = Some(p);
        } else {
            self.pieces.push(p);
        }
    }
}

// ------------------------------------------------------------------ tables

struct CellB {
    flow: Flow,
    colspan: u32,
    rowspan: u32,
    start: usize,
    ordinal: u32,
    /// The cell holds a table: it is page layout, its paragraphs are prose.
    layout: bool,
}

struct TableB {
    index: u32,
    slot: usize,
    start: usize,
    rows: Vec<Vec<RawCell>>,
    row_open: bool,
    cell: Option<CellB>,
}

enum Title {
    NotYet,
    Open(Flow),
    Done,
}

struct Reader<'a> {
    lines: fast::Lines<'a>,
    limits: &'a Limits,
    budget: Budget,
    /// Raw cells kept so far: past `max_cells` + 1 the rest are dropped
    /// before layout (the grid builder still reports the limit), so 64 MB of
    /// `<td>` cannot hold 16 million cells in memory.
    raw_cells: usize,
    issues: Vec<ReadIssue>,
    blocks: Vec<Option<Block>>,
    page: Flow,
    tables: Vec<TableB>,
    next_table: u32,
    next_ordinal: u32,
    /// Names of open elements whose text is skipped (script, select …).
    skip: Vec<Vec<u8>>,
    in_head: bool,
    title: Title,
    /// End of the previous token: where an implicitly closed element ends.
    prev_end: usize,
    len: usize,
}

/// Elements whose text is skipped.
fn is_skip(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"noscript"
            | b"template"
            | b"select"
            | b"textarea"
            | b"iframe"
            | b"object"
            | b"svg"
            | b"math"
            | b"xml"
            | b"noembed"
            | b"noframes"
    )
}

/// Elements whose start and end are paragraph boundaries (one `match`,
/// not a list searched per tag).
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"br"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"nav"
            | b"aside"
            | b"main"
            | b"blockquote"
            | b"pre"
            | b"center"
            | b"hr"
            | b"form"
            | b"address"
            | b"figure"
            | b"figcaption"
            | b"caption"
            | b"body"
            | b"html"
            | b"option"
            | b"fieldset"
            | b"legend"
    )
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Reader<'a> {
    fn new(input: &'a str, limits: &'a Limits) -> Reader<'a> {
        Reader {
            lines: fast::Lines::new(input.as_bytes()),
            limits,
            budget: Budget::new(limits),
            raw_cells: 0,
            issues: Vec::new(),
            blocks: Vec::new(),
            page: Flow::default(),
            tables: Vec::new(),
            next_table: 0,
            next_ordinal: 0,
            skip: Vec::new(),
            in_head: false,
            title: Title::NotYet,
            prev_end: 0,
            len: input.len(),
        }
    }

    fn line(&self, offset: usize) -> u32 {
        to_u32(self.lines.line(offset))
    }

    fn source(&self, span: [usize; 2]) -> Source {
        Source {
            kind: SourceKind::Html,
            line: Some(self.line(span[0])),
            span: Some([to_u32(span[0]), to_u32(span[1])]),
            ..Source::default()
        }
    }

    fn para(&mut self, piece: Option<(String, [usize; 2])>) {
        if let Some((text, span)) = piece {
            let source = self.source(span);
            self.blocks.push(Some(Block::Para { text, source }));
        }
    }

    fn ev(&mut self, e: Ev<'_>) {
        match e {
            Ev::Start {
                name,
                start,
                end,
                self_closing,
                colspan,
                rowspan,
            } => {
                self.start_tag(name, start, self_closing, colspan, rowspan);
                self.prev_end = end;
            }
            Ev::End { name, end } => {
                self.end_tag(name, end);
                self.prev_end = end;
            }
            Ev::Text { text, start, end } => {
                self.text(text, [start, end]);
                self.prev_end = end;
            }
            Ev::Mark { end } => self.prev_end = end,
        }
    }

    fn start_tag(
        &mut self,
        name: &[u8],
        start: usize,
        self_closing: bool,
        colspan: Option<u32>,
        rowspan: Option<u32>,
    ) {
        let skip = is_skip(name);
        if !self.skip.is_empty() || skip {
            if !self_closing && skip {
                self.skip.push(name.to_vec());
            }
            return;
        }
        match name {
            b"head" => {
                self.in_head = true;
                return;
            }
            b"title" => {
                if matches!(self.title, Title::NotYet) {
                    self.title = Title::Open(Flow::default());
                }
                return;
            }
            b"body" | b"table" | b"p" | b"div" | b"td" | b"tr" | b"span" => self.in_head = false,
            _ => {}
        }
        if self.in_head {
            return;
        }
        match name {
            b"table" => self.open_table(start),
            b"tr" => {
                if self.tables.is_empty() {
                    self.boundary();
                    return;
                }
                self.close_cell(self.prev_end);
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                    t.row_open = true;
                }
            }
            b"tbody" | b"thead" | b"tfoot" | b"caption" | b"colgroup" => {
                if self.tables.is_empty() {
                    self.boundary();
                    return;
                }
                self.close_cell(self.prev_end);
                if let Some(t) = self.tables.last_mut() {
                    t.row_open = false;
                }
            }
            b"td" | b"th" => {
                if self.tables.is_empty() {
                    self.boundary();
                    return;
                }
                self.close_cell(self.prev_end);
                let colspan = colspan.unwrap_or(1);
                let rowspan = rowspan.unwrap_or(1);
                let ordinal = self.next_ordinal;
                self.next_ordinal = self.next_ordinal.saturating_add(1);
                if let Some(t) = self.tables.last_mut() {
                    if !t.row_open {
                        t.rows.push(Vec::new());
                        t.row_open = true;
                    }
                    t.cell = Some(CellB {
                        flow: Flow::default(),
                        colspan,
                        rowspan,
                        start,
                        ordinal,
                        layout: false,
                    });
                }
            }
            _ if is_block(name) => self.boundary(),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8], end: usize) {
        if let Some(top) = self.skip.last() {
            if top.as_slice() == name {
                self.skip.pop();
            }
            return;
        }
        match name {
            b"title" => {
                if let Title::Open(mut f) = std::mem::replace(&mut self.title, Title::Done) {
                    let piece = f.boundary();
                    self.para(piece);
                }
                return;
            }
            b"head" => {
                self.in_head = false;
                return;
            }
            _ => {}
        }
        if self.in_head {
            return;
        }
        match name {
            b"td" | b"th" => {
                if self.tables.is_empty() {
                    self.boundary();
                } else {
                    self.close_cell(end);
                }
            }
            b"tr" | b"tbody" | b"thead" | b"tfoot" => {
                if self.tables.is_empty() {
                    self.boundary();
                    return;
                }
                self.close_cell(self.prev_end);
                if let Some(t) = self.tables.last_mut() {
                    t.row_open = false;
                }
            }
            b"table" if !self.tables.is_empty() => self.close_table(end),
            _ if is_block(name) => self.boundary(),
            _ => {}
        }
    }

    fn text(&mut self, s: &str, span: [usize; 2]) {
        if !self.skip.is_empty() {
            return;
        }
        if let Title::Open(f) = &mut self.title {
            f.push(s, span);
            return;
        }
        if self.in_head {
            return;
        }
        let n = self.tables.len();
        if n > 0 {
            if let Some(c) = self.tables[n - 1].cell.as_mut() {
                c.flow.push(s, span);
                return;
            }
            // Text inside a table but outside its cells: a browser moves it
            // in front of the table (foster parenting).
            if s.chars().all(|c| is_ws(c) || is_zero_width(c)) {
                return;
            }
            if n >= 2 {
                if let Some(c) = self.tables[n - 2].cell.as_mut() {
                    c.flow.push(s, span);
                    return;
                }
            }
        }
        self.page.push(s, span);
    }

    /// A block boundary in whatever flow is open.
    fn boundary(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let Some(c) = t.cell.as_mut() {
                if let Some(p) = c.flow.end_piece() {
                    if c.layout {
                        let p = c.flow.piece_text(p);
                        self.para(Some(p));
                    } else {
                        c.flow.keep_piece(p);
                    }
                }
            }
            return;
        }
        let p = self.page.boundary();
        self.para(p);
    }

    fn open_table(&mut self, start: usize) {
        // <table> straight inside a table (no open cell) closes that table.
        if self.tables.last().is_some_and(|t| t.cell.is_none()) {
            self.close_table(self.prev_end);
        }
        if self.tables.len() >= self.limits.max_depth {
            self.boundary();
            return;
        }
        self.boundary();
        // A table inside a cell: the outer table is page layout; what the
        // cell said so far is prose.
        let pieces = self
            .tables
            .last_mut()
            .and_then(|t| t.cell.as_mut())
            .map(|c| {
                c.layout = true;
                c.flow.take_pieces()
            })
            .unwrap_or_default();
        for p in pieces {
            self.para(Some(p));
        }
        let slot = self.blocks.len();
        self.blocks.push(None);
        self.tables.push(TableB {
            index: self.next_table,
            slot,
            start,
            rows: Vec::new(),
            row_open: false,
            cell: None,
        });
        self.next_table = self.next_table.saturating_add(1);
    }

    fn close_cell(&mut self, end: usize) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(mut c) = t.cell.take() else {
            return;
        };
        let index = t.index;
        let last = c.flow.end_piece();
        if c.layout {
            let last = last.map(|p| c.flow.piece_text(p));
            self.para(last);
        }
        let mut source = self.source([c.start, end.max(c.start)]);
        source.table = Some(index);
        source.ordinal = Some(c.ordinal);
        let text = c.flow.text;
        if self.raw_cells > self.limits.max_cells {
            return;
        }
        self.raw_cells += 1;
        if let Some(t) = self.tables.last_mut() {
            if let Some(row) = t.rows.last_mut() {
                row.push(RawCell {
                    text,
                    colspan: c.colspan,
                    rowspan: c.rowspan,
                    source,
                });
            }
        }
    }

    fn close_table(&mut self, end: usize) {
        self.close_cell(self.prev_end);
        let Some(t) = self.tables.pop() else {
            return;
        };
        let mut source = self.source([t.start, end.max(t.start)]);
        source.table = Some(t.index);
        let grid: Grid = grid::build(t.index, t.rows, source, &mut self.budget, &mut self.issues);
        if let Some(slot) = self.blocks.get_mut(t.slot) {
            *slot = Some(Block::Table(grid));
        }
    }

    fn finish(mut self) -> (Document, Vec<ReadIssue>) {
        if let Title::Open(mut f) = std::mem::replace(&mut self.title, Title::Done) {
            let piece = f.boundary();
            self.para(piece);
        }
        while !self.tables.is_empty() {
            self.close_table(self.len);
        }
        let p = self.page.boundary();
        self.para(p);
        let doc = Document {
            kind: SourceKind::Html,
            blocks: self.blocks.into_iter().flatten().collect(),
        };
        (doc, self.issues)
    }
}
