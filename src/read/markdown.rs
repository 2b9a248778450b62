//! Markdown as PDF and OCR converters produce it: pipe tables
//! (`| a | b |`, separator rows `|---|`) become grids, every other
//! non-empty line is prose (heading markers `#` removed).
//!
//! Consecutive pipe lines are one table, separator rows included (a
//! converter repeats them where a PDF page broke the table); a line that is
//! not a pipe line ends the table. The recogniser joins tables that belong
//! together. Cells keep their text; escaped pipes (`\|`) stay in the cell.
//!
//! Provenance: `kind: markdown`, `line` (1-based), `table`, `row`, `col`
//! and `span` (the cell's bytes inside its line, trimmed).

use super::grid::{self, Budget, RawCell};
use super::{Block, Document};
use crate::api::Limits;
use crate::model::{ReadIssue, Source, SourceKind};

/// Reads Markdown with the default limits.
pub fn read(input: &str) -> Document {
    read_with(input, &Limits::default()).0
}

/// Reads Markdown; the issues are `structure/*` problems met while reading.
pub fn read_with(input: &str, limits: &Limits) -> (Document, Vec<ReadIssue>) {
    let mut doc = Document {
        kind: SourceKind::Markdown,
        blocks: Vec::new(),
    };
    let mut budget = Budget::new(limits);
    let mut issues = Vec::new();
    let mut rows: Vec<Vec<RawCell>> = Vec::new();
    let mut table_start: Option<(u32, usize)> = None;
    let mut tables = 0u32;
    let mut offset = 0usize;

    let mut flush = |rows: &mut Vec<Vec<RawCell>>,
                     start: &mut Option<(u32, usize)>,
                     end: usize,
                     doc: &mut Document,
                     budget: &mut Budget,
                     issues: &mut Vec<ReadIssue>| {
        if let Some((line, at)) = start.take() {
            let index = tables;
            tables += 1;
            let mut source = Source::line(SourceKind::Markdown, line);
            source.table = Some(index);
            source.span = Some([to_u32(at), to_u32(end)]);
            for row in rows.iter_mut() {
                for c in row.iter_mut() {
                    c.source.table = Some(index);
                }
            }
            let g = grid::build(index, std::mem::take(rows), source, budget, issues);
            doc.blocks.push(Block::Table(g));
        }
    };

    for (i, full) in input.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += full.len();
        let line = full.trim_end_matches(['\n', '\r']);
        let line_no = to_u32(i + 1);
        let trimmed = line.trim_start();
        if trimmed.starts_with('|') {
            let lead = line.len() - trimmed.len();
            let cells = split_row(trimmed, start + lead);
            if table_start.is_none() {
                table_start = Some((line_no, start));
            }
            if cells.iter().all(|(t, _)| is_separator(t)) {
                continue;
            }
            rows.push(
                cells
                    .into_iter()
                    .map(|(text, span)| {
                        let mut source = Source::line(SourceKind::Markdown, line_no);
                        source.span = Some([to_u32(span[0]), to_u32(span[1])]);
                        RawCell {
                            text: text.to_string(),
                            colspan: 1,
                            rowspan: 1,
                            source,
                        }
                    })
                    .collect(),
            );
            continue;
        }
        flush(
            &mut rows,
            &mut table_start,
            start,
            &mut doc,
            &mut budget,
            &mut issues,
        );
        let text = trimmed.trim_start_matches('#').trim();
        if text.is_empty() {
            continue;
        }
        // The span is the text's own bytes (heading marks and spaces off).
        let at = start + (text.as_ptr() as usize - line.as_ptr() as usize);
        let mut source = Source::line(SourceKind::Markdown, line_no);
        source.span = Some([to_u32(at), to_u32(at + text.len())]);
        doc.blocks.push(Block::Para {
            text: text.to_string(),
            source,
        });
    }
    flush(
        &mut rows,
        &mut table_start,
        offset,
        &mut doc,
        &mut budget,
        &mut issues,
    );
    (doc, issues)
}

/// Splits `| a | b |` into trimmed cells with their byte ranges.
fn split_row(line: &str, base: usize) -> Vec<(&str, [usize; 2])> {
    let body = line.strip_prefix('|').unwrap_or(line);
    let body_base = base + (line.len() - body.len());
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut cell_start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                out.push(cell(body, cell_start, i, body_base));
                cell_start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Text after the last pipe is a cell only when the row lacks a closing pipe.
    if cell_start < bytes.len() && !body[cell_start..].trim().is_empty() {
        out.push(cell(body, cell_start, bytes.len(), body_base));
    }
    out
}

fn cell(body: &str, a: usize, b: usize, base: usize) -> (&str, [usize; 2]) {
    let b = b.min(body.len());
    let raw = body.get(a..b).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    let text = raw.trim();
    (text, [base + a + lead, base + a + lead + text.len()])
}

fn is_separator(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | ' ')) && t.contains('-')
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_prose() {
        let input =
            "# 标题\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n正文\n| a \\| b | |\n";
        let doc = read(input);
        let kinds: Vec<bool> = doc
            .blocks
            .iter()
            .map(|b| matches!(b, Block::Table(_)))
            .collect();
        assert_eq!(kinds, [false, true, false, true]);
        let Block::Table(g) = &doc.blocks[1] else {
            panic!("table")
        };
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1][1].text, "0");
        let src = &g.rows[1][1].source;
        assert_eq!(
            (src.line, src.row, src.col, src.table),
            (Some(5), Some(1), Some(1), Some(0))
        );
        let [a, b] = src.span.expect("span");
        assert_eq!(&input[a as usize..b as usize], "0");
        let Block::Table(g2) = &doc.blocks[3] else {
            panic!("table")
        };
        assert_eq!(g2.rows[0][0].text, "a \\| b");
        assert_eq!(g2.rows[0][1].text, "");
        assert_eq!(g2.index, 1);
    }
}
