//! Text as Word or HTML extraction produces it (the seed's form).
//!
//! - a line with no leading tab is prose (headings included);
//! - a line starting with a tab is one table cell (`\t0`, `\t` for an empty
//!   cell); further tabs on it split more cells;
//! - an empty line ends a table row; a prose line ends the table;
//! - a line that is not indented but holds tabs (`规章\t0\t0\t0`) is a whole
//!   row by itself.

use super::{Block, Document, Grid, GridCell};
use crate::api::LimitExceeded;
use crate::model::{Source, SourceKind};

/// Reads text with no cell limit (for trusted input; [`read_limited`] is what
/// `check` uses).
pub fn read(input: &str) -> Document {
    // usize::MAX cells cannot be reached: each cell costs at least one byte.
    read_limited(input, usize::MAX).unwrap_or_default()
}

/// Reads text, stopping with an error once more than `max_cells` table cells
/// have been read (`Limits::max_cells`): a line of a million tabs would
/// otherwise cost ~150 bytes of model per input byte.
pub fn read_limited(input: &str, max_cells: usize) -> Result<Document, LimitExceeded> {
    let mut doc = Document {
        kind: SourceKind::Text,
        blocks: Vec::new(),
    };
    let mut grid: Option<Grid> = None;
    let mut row: Vec<GridCell> = Vec::new();
    let mut tables = 0u32;
    let mut offset = 0usize;
    let mut cells = 0usize;

    for (i, full_line) in input.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += full_line.len();
        let line = full_line.trim_end_matches(['\n', '\r']);
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let span = |a: usize, b: usize| Some([to_u32(a), to_u32(b)]);

        if line.trim_matches([' ', '\u{3000}']).is_empty() && !line.contains('\t') {
            // Row separator (or a blank prose line).
            if let Some(g) = grid.as_mut() {
                flush_row(g, &mut row);
            }
            continue;
        }
        let indented = line.starts_with('\t');
        if indented || line.contains('\t') {
            let g = grid.get_or_insert_with(|| {
                let g = Grid {
                    index: tables,
                    rows: Vec::new(),
                    source: Source::line(SourceKind::Text, line_no),
                };
                tables += 1;
                g
            });
            let body = if indented { &line[1..] } else { line };
            let body_start = start + (line.len() - body.len());
            let mut cell_start = body_start;
            for part in body.split('\t') {
                cells += 1;
                if cells > max_cells {
                    return Err(LimitExceeded::cells(max_cells));
                }
                let r = to_u32(g.rows.len());
                let c = to_u32(row.len());
                let mut source = Source::line(SourceKind::Text, line_no);
                source.row = Some(r);
                source.col = Some(c);
                source.table = Some(g.index);
                source.span = span(cell_start, cell_start + part.len());
                row.push(GridCell::single(part.to_string(), r, c, source));
                cell_start += part.len() + 1;
            }
            if !indented {
                flush_row(g, &mut row);
            }
            continue;
        }
        // Prose: closes any open table.
        if let Some(mut g) = grid.take() {
            flush_row(&mut g, &mut row);
            doc.blocks.push(Block::Table(g));
        }
        let mut source = Source::line(SourceKind::Text, line_no);
        source.span = span(start, start + line.len());
        doc.blocks.push(Block::Para {
            text: line.trim().to_string(),
            source,
        });
    }
    if let Some(mut g) = grid.take() {
        flush_row(&mut g, &mut row);
        doc.blocks.push(Block::Table(g));
    }
    Ok(doc)
}

fn flush_row(g: &mut Grid, row: &mut Vec<GridCell>) {
    if !row.is_empty() {
        g.rows.push(std::mem::take(row));
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_prose() {
        let doc = read("标题\n二、主动公开\n\t第二十条第（一）项\n\n\t信息内容\n\t本年新制作数量\n\n\t规章\n\t0\n\t\n三、收到\n规章\t1\t2\n");
        let kinds: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| matches!(b, Block::Table(_)))
            .collect();
        assert_eq!(kinds, [false, false, true, false, true]);
        let Block::Table(g) = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(g.rows.len(), 3);
        assert_eq!(
            g.rows[2]
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>(),
            ["规章", "0", ""]
        );
        assert_eq!(g.rows[2][1].source.line, Some(9));
        let Block::Table(g2) = &doc.blocks[4] else {
            panic!()
        };
        assert_eq!(g2.rows[0].len(), 3);
        assert_eq!(g2.index, 1);
    }

    #[test]
    fn cell_limit() {
        let input = "表\n\t1\t2\t3\n\t4\n";
        assert_eq!(read_limited(input, 4).map(|d| d.tables().count()), Ok(1));
        assert_eq!(read_limited(input, 3).err(), Some(LimitExceeded::cells(3)));
    }
}
