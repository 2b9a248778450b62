//! From glyphs and ruling lines to prose and grids.
//!
//! - **Tables**: the ruling lines of a page are merged (collinear pieces
//!   within 2 pt joined), grouped into tables (lines that cross), and each
//!   table's distinct x and y positions make its grid. Two neighbouring
//!   slots belong to one (merged) cell when no line separates them at their
//!   middle, so merged header cells come out as spans, as in HTML. Each
//!   glyph goes to the cell under its centre; a cell's lines are joined
//!   without a space between CJK text (a label wrapped inside its cell reads
//!   whole).
//! - **Prose**: the other glyphs are grouped into lines by baseline and
//!   sorted by x (a gap over a third of the font size reads as a space
//!   between Latin letters or digits, over one font size anywhere); a line
//!   continues the paragraph above unless it is indented (first-line indent),
//!   the line above ends short of the right margin, a table or a wide gap lies
//!   between them.
//! - Blocks come out in reading order: top to bottom on each page, pages in
//!   order. A table split over pages stays two grids; the recogniser joins a
//!   continuation (header repeated or not), as it does for HTML.

use super::content::{Glyph, Page, Seg};

/// Positions closer than this (points) are one line.
pub(super) const SNAP: f64 = 2.0;
/// Most merged ruling lines of one orientation used per page.
const MAX_LINES: usize = 4000;

/// A cell of a table read from a page: its text, its box, its grid slot
/// and spans.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub bbox: [f64; 4],
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

#[derive(Debug)]
pub enum Item {
    Para {
        text: String,
        bbox: [f64; 4],
    },
    /// `slots[r][c]` is the index in `cells` of the cell covering (r, c).
    Table {
        cells: Vec<Cell>,
        slots: Vec<Vec<usize>>,
        bbox: [f64; 4],
    },
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Para { bbox, .. } | Item::Table { bbox, .. } => bbox[1],
        }
    }
}

/// A merged ruling line.
#[derive(Clone, Copy, Debug)]
struct Line {
    pos: f64,
    a: f64,
    b: f64,
}

/// Segments in order of position, then start.
pub(super) fn by_pos(p: &Seg, q: &Seg) -> std::cmp::Ordering {
    p.pos.total_cmp(&q.pos).then(p.a.total_cmp(&q.a))
}

fn merge(mut segs: Vec<Seg>) -> Vec<Line> {
    crate::sort::sort_by(&mut segs, by_pos);
    let mut out: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let base = segs[i].pos;
        let mut j = i;
        while j < segs.len() && segs[j].pos - base <= SNAP {
            j += 1;
        }
        let mut group: Vec<Seg> = segs[i..j].to_vec();
        crate::sort::sort_by(&mut group, |p, q| p.a.total_cmp(&q.a));
        let pos = group.iter().map(|s| s.pos).sum::<f64>() / group.len() as f64;
        let mut cur: Option<Line> = None;
        for s in group {
            match cur.as_mut() {
                Some(c) if s.a <= c.b + SNAP => c.b = c.b.max(s.b),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Line {
                        pos,
                        a: s.a,
                        b: s.b,
                    });
                }
            }
        }
        out.extend(cur);
        i = j;
    }
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Distinct positions (within [`SNAP`]), sorted.
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    crate::sort::sort_by(&mut v, f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    let mut group: Vec<f64> = Vec::new();
    for x in v {
        if let Some(&f) = group.first() {
            if x - f > SNAP {
                out.push(group.iter().sum::<f64>() / group.len() as f64);
                group.clear();
            }
        }
        group.push(x);
    }
    if !group.is_empty() {
        out.push(group.iter().sum::<f64>() / group.len() as f64);
    }
    out
}

/// A page laid out: its tables, and the lines of text outside them (made
/// into paragraphs by [`finish`] once the margins of the whole document
/// are known).
pub struct Laid {
    items: Vec<Item>,
    lines: Vec<TextLine>,
}

/// What laying out the pages of one file may cost, in line crossings tested
/// and glyphs placed in tables (a page of 4,000 × 4,000 lines repeated on
/// 2,000 pages must not take hours).
pub const MAX_WORK: usize = 200_000_000;

/// The tables on a page and the lines of text outside them. `max_cells`
/// and `work` are what the file may still spend (`Err`: over either).
pub fn layout(page: &Page, max_cells: &mut usize, work: &mut usize) -> Result<Laid, &'static str> {
    let (hs, vs): (Vec<Seg>, Vec<Seg>) = page.segs.iter().partition(|s| s.h);
    let mut hl = merge(hs);
    let mut vl = merge(vs);
    hl.truncate(MAX_LINES);
    vl.truncate(MAX_LINES);
    *work = work.checked_sub(hl.len() * vl.len()).ok_or("layout")?;
    let n = hl.len() + vl.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hl.iter().enumerate() {
        for (j, v) in vl.iter().enumerate() {
            if v.pos >= h.a - SNAP
                && v.pos <= h.b + SNAP
                && h.pos >= v.a - SNAP
                && h.pos <= v.b + SNAP
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hl.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Line>, Vec<Line>)> = Default::default();
    for (i, h) in hl.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*h);
    }
    for (j, v) in vl.iter().enumerate() {
        let r = find(&mut parent, hl.len() + j);
        groups.entry(r).or_default().1.push(*v);
    }
    let mut taken = vec![false; page.glyphs.len()];
    let mut items = Vec::new();
    for (hs, vs) in groups.into_values() {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let xs = cluster(vs.iter().map(|l| l.pos).collect());
        let mut ys = cluster(hs.iter().map(|l| l.pos).collect());
        // A row cut by the page break has no border on the cut side (its
        // verticals run past the last horizontal line): the verticals'
        // end is that row's edge.
        let top = vs.iter().map(|l| l.a).fold(f64::INFINITY, f64::min);
        let bottom = vs.iter().map(|l| l.b).fold(f64::NEG_INFINITY, f64::max);
        if top < ys[0] - 3.0 * SNAP {
            ys.insert(0, top);
        }
        if bottom > ys[ys.len() - 1] + 3.0 * SNAP {
            ys.push(bottom);
        }
        let (rows, cols) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
        if rows * cols < 2 || rows == 0 || cols == 0 {
            continue;
        }
        if rows * cols > *max_cells {
            return Err("cells");
        }
        *max_cells -= rows * cols;
        *work = work
            .checked_sub(page.glyphs.len() + 4 * rows * cols)
            .ok_or("layout")?;
        if let Some(t) = table(&hs, &vs, &xs, &ys, page, &mut taken) {
            items.push(t);
        }
    }
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(g, _)| g)
        .collect();
    Ok(Laid {
        items,
        lines: lines(&free),
    })
}

/// Each page's paragraphs and tables in reading order. The text margins
/// are the document's (most of its lines start at the left one; full lines
/// reach the right one), so a page holding only indented lines or short
/// ones still tells a wrapped line from a new paragraph. Lines outside the
/// ruled tables that align in columns become tables too
/// ([`super::columns`]); `max_cells` and `work` are what the file may still
/// spend on them.
pub fn finish(
    mut pages: Vec<Laid>,
    max_cells: &mut usize,
    work: &mut usize,
) -> Result<Vec<Vec<Item>>, &'static str> {
    let mut x0s: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.x0))
        .collect();
    let mut x1s: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.x1))
        .collect();
    crate::sort::sort_by(&mut x0s, f64::total_cmp);
    crate::sort::sort_by(&mut x1s, f64::total_cmp);
    let left = x0s.get(x0s.len() / 10).copied().unwrap_or(0.0);
    let right = x1s.get(x1s.len() * 9 / 10).copied().unwrap_or(0.0);
    let found = {
        let texts: Vec<&[TextLine]> = pages.iter().map(|p| p.lines.as_slice()).collect();
        let ruled: Vec<Vec<[f64; 4]>> = pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .map(|i| match i {
                        Item::Table { bbox, .. } | Item::Para { bbox, .. } => *bbox,
                    })
                    .collect()
            })
            .collect();
        super::columns::tables(
            &texts,
            &ruled,
            super::columns::Margins { left, right },
            max_cells,
            work,
        )?
    };
    for (p, page) in pages.iter_mut().enumerate() {
        if let Some(used) = found.used.get(p) {
            let mut i = 0;
            page.lines.retain(|_| {
                let keep = !used.get(i).copied().unwrap_or(false);
                i += 1;
                keep
            });
        }
    }
    for (p, item) in found.items {
        if let Some(page) = pages.get_mut(p) {
            page.items.push(item);
        }
    }
    Ok(pages
        .into_iter()
        .map(|p| {
            let mut items = p.items;
            let table_boxes: Vec<[f64; 4]> = items
                .iter()
                .map(|i| match i {
                    Item::Table { bbox, .. } | Item::Para { bbox, .. } => *bbox,
                })
                .collect();
            items.extend(paragraphs(&p.lines, &table_boxes, left, right));
            crate::sort::sort_by(&mut items, |a, b| a.top().total_cmp(&b.top()));
            items
        })
        .collect())
}

/// For each grid edge, the spans of the lines lying on it.
fn on_edges(lines: &[Line], edges: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new(); edges.len()];
    for l in lines {
        let from = edges.partition_point(|e| *e < l.pos - SNAP);
        for (k, e) in edges.iter().enumerate().skip(from) {
            if *e > l.pos + SNAP {
                break;
            }
            out[k].push((l.a, l.b));
        }
    }
    out
}

/// Whether a line on edge `k` passes `at`.
fn covers(on: &[Vec<(f64, f64)>], k: usize, at: f64) -> bool {
    on.get(k)
        .is_some_and(|spans| spans.iter().any(|(a, b)| a - SNAP <= at && at <= b + SNAP))
}

fn slot(edges: &[f64], v: f64) -> Option<usize> {
    if v < edges[0] || v > edges[edges.len() - 1] {
        return None;
    }
    let i = edges.partition_point(|e| *e <= v);
    Some(i.saturating_sub(1).min(edges.len() - 2))
}

fn table(
    hs: &[Line],
    vs: &[Line],
    xs: &[f64],
    ys: &[f64],
    page: &Page,
    taken: &mut [bool],
) -> Option<Item> {
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let (von, hon) = (on_edges(vs, xs), on_edges(hs, ys));
    // Region labels by flood fill over open boundaries.
    let mut label = vec![vec![usize::MAX; cols]; rows];
    let mut regions: Vec<[usize; 4]> = Vec::new();
    for r0 in 0..rows {
        for c0 in 0..cols {
            if label[r0][c0] != usize::MAX {
                continue;
            }
            let id = regions.len();
            let mut bounds = [r0, c0, r0, c0];
            let mut stack = vec![(r0, c0)];
            label[r0][c0] = id;
            while let Some((r, c)) = stack.pop() {
                bounds = [
                    bounds[0].min(r),
                    bounds[1].min(c),
                    bounds[2].max(r),
                    bounds[3].max(c),
                ];
                let mid_y = (ys[r] + ys[r + 1]) / 2.0;
                let mid_x = (xs[c] + xs[c + 1]) / 2.0;
                let mut next = Vec::with_capacity(4);
                if c + 1 < cols && !covers(&von, c + 1, mid_y) {
                    next.push((r, c + 1));
                }
                if c > 0 && !covers(&von, c, mid_y) {
                    next.push((r, c - 1));
                }
                if r + 1 < rows && !covers(&hon, r + 1, mid_x) {
                    next.push((r + 1, c));
                }
                if r > 0 && !covers(&hon, r, mid_x) {
                    next.push((r - 1, c));
                }
                for (nr, nc) in next {
                    if label[nr][nc] == usize::MAX {
                        label[nr][nc] = id;
                        stack.push((nr, nc));
                    }
                }
            }
            regions.push(bounds);
        }
    }
    let bbox = [xs[0], ys[0], xs[cols], ys[rows]];
    let mut content: Vec<Vec<&Glyph>> = vec![Vec::new(); regions.len()];
    for (g, t) in page.glyphs.iter().zip(taken.iter_mut()) {
        if *t {
            continue;
        }
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.3);
        if let (Some(c), Some(r)) = (slot(xs, cx), slot(ys, cy)) {
            content[label[r][c]].push(g);
            *t = true;
        }
    }
    let cells = regions
        .iter()
        .zip(content)
        .map(|(b, gs)| Cell {
            text: lines(&gs)
                .iter()
                .map(|l| l.text.as_str())
                .fold(String::new(), |mut acc, t| {
                    join_into(&mut acc, t);
                    acc
                }),
            bbox: [xs[b[1]], ys[b[0]], xs[b[3] + 1], ys[b[2] + 1]],
            row: b[0],
            col: b[1],
            rowspan: b[2] - b[0] + 1,
            colspan: b[3] - b[1] + 1,
        })
        .collect();
    Some(Item::Table {
        cells,
        slots: label,
        bbox,
    })
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '%' | '.' | ',' | ')' | '(')
}

/// Appends a line of text to a paragraph or cell: a space between two
/// Latin words or numbers, nothing between CJK text.
pub(super) fn join_into(acc: &mut String, t: &str) {
    if let (Some(a), Some(b)) = (acc.chars().last(), t.chars().next()) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
            acc.push(' ');
        }
    }
    acc.push_str(t);
}

/// A line of text on a page, and its runs: the pieces of it separated
/// by a gap wider than [`RUN_GAP`] font sizes (the cells of a table
/// drawn without lines).
#[derive(Debug)]
pub(super) struct TextLine {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub runs: Vec<Run>,
}

/// A piece of a line between wide gaps.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
}

/// A gap between glyphs wider than this many font sizes splits a line
/// into runs (characters of CJK prose touch; table columns stand apart).
const RUN_GAP: f64 = 0.8;

fn lines(glyphs: &[&Glyph]) -> Vec<TextLine> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    crate::sort::sort_by(&mut gs, |a, b| {
        a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0))
    });
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in gs {
        match groups.last_mut() {
            Some(l) if (g.y - l[0].y).abs() <= 0.4 * l[0].size.max(g.size).max(1.0) => l.push(g),
            _ => groups.push(vec![g]),
        }
    }
    groups
        .into_iter()
        .filter_map(|mut l| {
            crate::sort::sort_by(&mut l, |a, b| a.x0.total_cmp(&b.x0));
            let mut text = String::new();
            let mut runs: Vec<Run> = Vec::new();
            let mut prev: Option<&Glyph> = None;
            for g in &l {
                if let Some(p) = prev {
                    // The same glyph drawn twice (fake bold): once.
                    if p.text == g.text && (g.x0 - p.x0).abs() < 0.2 * g.size.max(1.0) {
                        continue;
                    }
                    let gap = g.x0 - p.x1;
                    if gap > RUN_GAP * g.size.max(p.size).max(1.0) {
                        runs.push(Run {
                            text: String::new(),
                            x0: g.x0,
                            x1: g.x1,
                        });
                    }
                    let (a, b) = (text.chars().last(), g.text.chars().next());
                    let latin = a.is_some_and(is_latin) && b.is_some_and(is_latin);
                    if ((latin && gap > 0.3 * g.size) || gap > 1.0 * g.size)
                        && !text.ends_with(' ')
                        && !g.text.starts_with(' ')
                    {
                        text.push(' ');
                    }
                }
                text.push_str(&g.text);
                match runs.last_mut() {
                    Some(r) => {
                        r.text.push_str(&g.text);
                        r.x1 = r.x1.max(g.x1);
                    }
                    None => runs.push(Run {
                        text: g.text.clone(),
                        x0: g.x0,
                        x1: g.x1,
                    }),
                }
                prev = Some(g);
            }
            let text = collapse(&text);
            let runs: Vec<Run> = runs
                .into_iter()
                .filter_map(|r| {
                    let text = collapse(&r.text);
                    (!text.is_empty()).then_some(Run { text, ..r })
                })
                .collect();
            if text.is_empty() {
                return None;
            }
            let x0 = l.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min);
            let x1 = l.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max);
            let size = l.iter().map(|g| g.size).fold(0.0, f64::max);
            Some(TextLine {
                text,
                x0,
                x1,
                y: l[0].y,
                size,
                runs,
            })
        })
        .collect()
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line starts like a heading or a numbered item (`一、`,
/// `（一）`, `1.`, `第一`), which starts a paragraph after a line that
/// does not reach the right margin.
fn starts_item(t: &str) -> bool {
    let mut cs = t.chars();
    let first = cs.next();
    let second = cs.next();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    match (first, second) {
        (Some('（' | '('), Some(c)) => numeral(c),
        (Some('第'), Some(c)) => numeral(c),
        (Some(c), Some(d)) if numeral(c) => {
            matches!(d, '、' | '．' | '.')
                || (numeral(d) && t.chars().nth(2).is_some_and(|e| e == '、'))
        }
        _ => false,
    }
}

fn paragraphs(lines: &[TextLine], tables: &[[f64; 4]], left: f64, right: f64) -> Vec<Item> {
    // The usual distance between the baselines of a paragraph's lines.
    let biggest = lines.iter().map(|l| l.size).fold(0.0, f64::max);
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.5 && *g < 3.0 * biggest)
        .collect();
    crate::sort::sort_by(&mut gaps, f64::total_cmp);
    let pitch = gaps.get(gaps.len() / 2).copied();
    let mut out = Vec::new();
    let mut cur: Option<(String, [f64; 4], &TextLine)> = None;
    for l in lines {
        let continues = cur.as_ref().is_some_and(|(_, _, p)| {
            let em = p.size.max(l.size).max(1.0);
            let full = p.x1 >= right - 1.5 * em;
            // CJK text is justified: only a paragraph's last line (or a
            // title) stops more than 4 em short; Latin text is ragged.
            let short = p.x1 < left + 0.75 * (right - left)
                || (p.x1 < right - 4.0 * em
                    && !p.text.ends_with(|c: char| c.is_ascii_alphanumeric()));
            // A heading or numbered item after a sentence that ended at the
            // line's end (`…确保政务信息公开工作质量。` / `六、其他…`).
            let item_after_sentence =
                starts_item(&l.text) && p.text.ends_with(['。', '！', '？', '；']);
            let indented = l.x0 > left + 1.0 * em;
            let gap = l.y - p.y;
            let wide = gap > pitch.map_or(2.0 * em, |p| 1.3 * p);
            let table_between = tables.iter().any(|t| t[1] >= p.y && t[1] <= l.y);
            let size_change = (p.size - l.size).abs() > 0.15 * em;
            !indented
                && !wide
                && !short
                && !table_between
                && !size_change
                && (full || !starts_item(&l.text))
                && !item_after_sentence
        });
        match cur.as_mut() {
            Some((text, bbox, p)) if continues => {
                join_into(text, &l.text);
                *bbox = [bbox[0].min(l.x0), bbox[1], bbox[2].max(l.x1), l.y];
                *p = l;
            }
            _ => {
                if let Some((text, bbox, _)) = cur.take() {
                    out.push(Item::Para { text, bbox });
                }
                cur = Some((l.text.clone(), [l.x0, l.y - l.size, l.x1, l.y], l));
            }
        }
    }
    if let Some((text, bbox, _)) = cur {
        out.push(Item::Para { text, bbox });
    }
    out
}

/// Whether a page's item is a running header or footer line (a page
/// number), which may stand between the parts of a split table.
fn is_running(item: &Item) -> bool {
    matches!(item, Item::Para { text, .. } if text.chars().count() <= 20)
}

/// The ids of the cells covering row `r`, left to right, once each.
fn row_cells(slots: &[Vec<usize>], r: usize) -> Vec<usize> {
    let mut ids: Vec<usize> = Vec::new();
    for &id in slots.get(r).into_iter().flatten() {
        if ids.last() != Some(&id) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The x positions of a table's column edges.
fn edges(cells: &[Cell]) -> Vec<f64> {
    cluster(cells.iter().flat_map(|c| [c.bbox[0], c.bbox[2]]).collect())
}

/// A table that goes on over a page break, drawn with the same columns:
///
/// - a row that breaks across the page (LibreOffice and Word let rows
///   break): the first row at the top of the next page holds only the rest
///   of the labels of the last row above (`（四）无法提` / `供`), while that
///   row's values stand on the first page. The continuation row is joined
///   to the row it continues, cell by cell (by x position), so the labels
///   read whole and the row is not counted twice;
/// - a label cell that spans on below the cut row keeps the whole label.
///
/// A cell spanning rows over the break (`三、本年` / `度办理结果`) keeps
/// its two parts: nothing in the drawing tells it from a new label.
///
/// The two parts stay two grids; the recogniser joins them as it does a
/// table split in HTML.
pub fn join_split_rows(pages: &mut [Vec<Item>]) {
    for p in 1..pages.len() {
        let (before, after) = pages.split_at_mut(p);
        let prev = &mut before[p - 1];
        let next = &mut after[0];
        let Some(ti) = prev.iter().rposition(|i| !is_running(i)) else {
            continue;
        };
        let Some(ni) = next.iter().position(|i| !is_running(i)) else {
            continue;
        };
        let (
            Item::Table {
                cells: c1,
                slots: s1,
                ..
            },
            Item::Table {
                cells: c2,
                slots: s2,
                bbox: b2,
            },
        ) = (&mut prev[ti], &mut next[ni])
        else {
            continue;
        };
        // The same table: the same outer edges, and one part's column
        // edges among the other's (a part may lack a line the other has).
        let (e1, e2) = (edges(c1), edges(c2));
        // (Both sorted: each edge is looked up by bisection.)
        let within = |a: &[f64], b: &[f64]| {
            a.iter().all(|x| {
                let i = b.partition_point(|y| *y < x - SNAP);
                b.get(i).is_some_and(|y| (y - x).abs() <= SNAP)
            })
        };
        let same_outer = |a: &[f64], b: &[f64]| {
            a.first()
                .zip(b.first())
                .is_some_and(|(x, y)| (x - y).abs() <= SNAP)
                && a.last()
                    .zip(b.last())
                    .is_some_and(|(x, y)| (x - y).abs() <= SNAP)
        };
        if !same_outer(&e1, &e2) || !(within(&e1, &e2) || within(&e2, &e1)) {
            continue;
        }
        let Some(last) = s1.len().checked_sub(1) else {
            continue;
        };
        let above = row_cells(s1, last);
        let first = row_cells(s2, 0);
        let target = |c: &Cell| {
            let cx = (c.bbox[0] + c.bbox[2]) / 2.0;
            above
                .iter()
                .copied()
                .find(|&id| c1[id].bbox[0] <= cx && cx <= c1[id].bbox[2])
        };
        let label = |t: &str| !t.is_empty() && !t.ends_with(|ch: char| ch.is_ascii_digit());
        let mut pairs = Vec::new();
        let mut value_missing = false;
        let mut split_row = !first.is_empty();
        for &id in &first {
            let c = &c2[id];
            let t = target(c);
            if c.text.is_empty() {
                if let Some(t) = t {
                    value_missing |= !c1[t].text.is_empty();
                }
                continue;
            }
            match t {
                Some(t) if label(&c1[t].text) => pairs.push((t, id)),
                _ => split_row = false,
            }
        }
        if !(split_row && value_missing) {
            continue;
        }
        for (t, id) in pairs {
            let text = std::mem::take(&mut c2[id].text);
            join_into(&mut c1[t].text, &text);
            // A label cell spanning on below the cut keeps the whole label,
            // as a merged cell's copies do in the other readers.
            if c2[id].rowspan > 1 {
                c2[id].text = c1[t].text.clone();
            }
        }
        if s2.len() <= 1 {
            next.remove(ni);
            continue;
        }
        s2.remove(0);
        for c in c2.iter_mut() {
            if c.row > 0 {
                c.row -= 1;
            } else if c.rowspan > 1 {
                c.rowspan -= 1;
            }
        }
        if let Some(&id) = s2.first().and_then(|r| r.first()) {
            b2[1] = b2[1].max(c2[id].bbox[1]);
        }
    }
}
