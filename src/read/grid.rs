//! The shared grid builder: rows of cells with `colspan`/`rowspan` become a
//! [`Grid`] with every span expanded, the way a browser lays a table out.
//!
//! - spans are capped (`max_span`, and at most 1000 columns / 65534 rows as
//!   browsers do); `colspan=0` counts as 1, `rowspan=0` spans to the last row;
//!   a rowspan never reaches past the table's last row;
//! - columns in which no cell starts add nothing (a stray `colspan=100000`
//!   on every row gives one column, not 100000): they are collapsed, as
//!   browsers collapse absorbed columns;
//! - every cell costs `colspan × rowspan` slots of one budget shared by the
//!   whole input (`max_cells`); past it, the builder stops filling and says so.
//!
//! Layout never allocates more than the budget allows: large spans cost only
//! arithmetic until the budget is spent.

use super::{Grid, GridCell};
use crate::model::{ReadIssue, Source};

/// A cell as the markup gives it, before layout.
#[derive(Clone, Debug, Default)]
pub struct RawCell {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
    /// Provenance without `row`/`col` (the builder fills those).
    pub source: Source,
}

/// Browser caps: colspan ≤ 1000, rowspan ≤ 65534.
const BROWSER_MAX_COLSPAN: u32 = 1000;
const BROWSER_MAX_ROWSPAN: u32 = 65534;

/// The budget of grid slots left for the whole input.
#[derive(Debug)]
pub struct Budget {
    pub left: usize,
    pub max_span: u32,
    /// Set once the budget ran out (one issue per input).
    pub exhausted: bool,
}

impl Budget {
    pub fn new(limits: &crate::api::Limits) -> Budget {
        Budget {
            left: limits.max_cells,
            max_span: limits.max_span.max(1),
            exhausted: false,
        }
    }
}

struct Placed {
    row: u32,
    col: u32,
    colspan: u32,
    rowspan: u32,
    cell: usize,
}

/// Lays `rows` out on a grid. `issues` receives a `structure/row-unknown`
/// read issue when the budget runs out (the cells past it are not read).
pub fn build(
    index: u32,
    rows: Vec<Vec<RawCell>>,
    source: Source,
    budget: &mut Budget,
    issues: &mut Vec<ReadIssue>,
) -> Grid {
    let nrows = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let mut cells: Vec<RawCell> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    // busy[c] = first row index no longer covered by a rowspan in column c.
    let mut busy: Vec<u32> = Vec::new();
    let mut width: u32 = 0;
    'rows: for (r, row) in rows.into_iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        let mut c: u32 = 0;
        for cell in row {
            while busy.get(c as usize).is_some_and(|&until| until > r) {
                c += 1;
            }
            let colspan = cap(cell.colspan, budget.max_span.min(BROWSER_MAX_COLSPAN));
            let rowspan = if cell.rowspan == 0 {
                nrows - r
            } else {
                cap(cell.rowspan, budget.max_span.min(BROWSER_MAX_ROWSPAN))
            }
            .min(nrows - r)
            .max(1);
            let cost = (colspan as usize).saturating_mul(rowspan as usize);
            if cost > budget.left {
                if !budget.exhausted {
                    budget.exhausted = true;
                    issues.push(over_budget(&cell.source));
                }
                budget.left = 0;
                break 'rows;
            }
            budget.left -= cost;
            if rowspan > 1 {
                let end = (c + colspan) as usize;
                if busy.len() < end {
                    busy.resize(end, 0);
                }
                for b in &mut busy[c as usize..end] {
                    *b = (*b).max(r + rowspan);
                }
            }
            placed.push(Placed {
                row: r,
                col: c,
                colspan,
                rowspan,
                cell: cells.len(),
            });
            cells.push(cell);
            c = c.saturating_add(colspan);
            width = width.max(c);
        }
    }

    // Collapse columns in which no cell starts.
    let mut starts = vec![false; width as usize];
    for p in &placed {
        if let Some(s) = starts.get_mut(p.col as usize) {
            *s = true;
        }
    }
    let mut new_index = vec![0u32; width as usize + 1];
    let mut k = 0u32;
    for (i, s) in starts.iter().enumerate() {
        new_index[i] = k;
        if *s {
            k += 1;
        }
    }
    new_index[width as usize] = k;

    let mut out_rows: Vec<Vec<GridCell>> = (0..nrows).map(|_| Vec::new()).collect();
    for p in &placed {
        let Some(cell) = cells.get(p.cell) else {
            continue;
        };
        let c0 = new_index[p.col as usize];
        let c1 = new_index[(p.col + p.colspan).min(width) as usize];
        let span = (c1 - c0).max(1);
        let mut src = cell.source.clone();
        src.row = Some(p.row);
        src.col = Some(c0);
        for rr in p.row..p.row + p.rowspan {
            let Some(row) = out_rows.get_mut(rr as usize) else {
                break;
            };
            for cc in c0..c0 + span {
                row.push(GridCell {
                    text: cell.text.clone(),
                    source: src.clone(),
                    col: cc,
                    origin: rr == p.row && cc == c0,
                    col_start: c0,
                    colspan: span,
                    row_start: p.row,
                });
            }
        }
    }
    for row in &mut out_rows {
        crate::sort::sort_by_key(row, |c| c.col);
        row.dedup_by_key(|c| c.col);
    }
    Grid {
        index,
        rows: out_rows,
        source,
    }
}

fn cap(span: u32, max: u32) -> u32 {
    span.clamp(1, max.max(1))
}

fn over_budget(source: &Source) -> ReadIssue {
    ReadIssue {
        rule: "structure/row-unknown",
        table: None,
        block: None,
        row: None,
        column: None,
        detail: "表格单元格总数超出上限（limits.maxCells），其后的单元格未读取".into(),
        source: source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Limits;

    fn raw(text: &str, colspan: u32, rowspan: u32) -> RawCell {
        RawCell {
            text: text.into(),
            colspan,
            rowspan,
            source: Source::default(),
        }
    }

    fn texts(g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn spans_expand() {
        let mut b = Budget::new(&Limits::default());
        let mut issues = Vec::new();
        let g = build(
            0,
            vec![
                vec![raw("a", 1, 2), raw("b", 2, 1)],
                vec![raw("c", 1, 1), raw("d", 1, 1)],
            ],
            Source::default(),
            &mut b,
            &mut issues,
        );
        assert_eq!(texts(&g), [["a", "b", "b"], ["a", "c", "d"]]);
        assert!(!g.rows[1][0].origin);
        assert_eq!(g.rows[0][2].col_start, 1);
        assert_eq!(g.rows[1][2].source.col, Some(2));
        assert!(issues.is_empty());
    }

    #[test]
    fn huge_colspan_is_cheap_and_collapsed() {
        let mut b = Budget::new(&Limits::default());
        let mut issues = Vec::new();
        let rows = (0..1000).map(|_| vec![raw("x", 100_000, 1)]).collect();
        let g = build(0, rows, Source::default(), &mut b, &mut issues);
        assert_eq!(g.rows.len(), 1000);
        assert!(g.rows.iter().all(|r| r.len() == 1));
        assert!(issues.is_empty());
    }

    #[test]
    fn budget_stops_filling() {
        let limits = Limits {
            max_cells: 10,
            ..Limits::default()
        };
        let mut b = Budget::new(&limits);
        let mut issues = Vec::new();
        let rows = (0..5)
            .map(|_| vec![raw("1", 1, 1), raw("2", 1, 1), raw("3", 1, 1)])
            .collect();
        let g = build(0, rows, Source::default(), &mut b, &mut issues);
        let n: usize = g.rows.iter().map(Vec::len).sum();
        assert_eq!(n, 10);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].rule, "structure/row-unknown");
    }

    #[test]
    fn rowspan_zero_and_past_end() {
        let mut b = Budget::new(&Limits::default());
        let mut issues = Vec::new();
        let g = build(
            0,
            vec![
                vec![raw("a", 1, 0), raw("b", 1, 9)],
                vec![],
                vec![raw("c", 1, 1)],
            ],
            Source::default(),
            &mut b,
            &mut issues,
        );
        assert_eq!(
            texts(&g),
            [vec!["a", "b"], vec!["a", "b"], vec!["a", "b", "c"]]
        );
    }
}
