//! Tables drawn without ruling lines (a WPS or Word table style that the
//! PDF writer does not draw, a layout made with tab stops): rebuilt from
//! the column alignment of the text runs. Only the lines outside the ruled
//! tables are looked at, so nothing changes for a PDF whose tables are
//! ruled.
//!
//! 1. **Regions.** Consecutive lines that are not prose (a line of one run
//!    that starts at the left margin, reaches the right one or fills half
//!    the text width is prose), over page breaks, not across a ruled table
//!    nor a gap of more than 2.5 line distances. Page furniture (a page
//!    number or a running header or footer, see [`furniture`]) is skipped:
//!    a region goes on over it, and it is neither a row nor prose.
//! 2. **Columns.** The runs of a region, narrowest first: a run overlapping
//!    no column starts one, a run overlapping one widens it, a run
//!    overlapping several is a cell spanning them (a merged header).
//! 3. **Evidence.** At least 3 columns, 3 lines of several runs, and a line
//!    with numbers in 3 columns; else the region stays prose (a false table
//!    is worse than none).
//! 4. **Rows.** Each line with a number in a value column is a row's
//!    anchor. The label lines between two anchors are shared out by a
//!    dynamic programme: a row's lines are centred on its anchor (a label
//!    wrapped over several lines beside a value in a vertically centred
//!    cell) or start just below it (a row broken by a page, or top-aligned
//!    cells); lines given to neither row (a caption row, a block's header)
//!    become header rows, a new one where a line's runs overlap other
//!    columns' cells. A label column left of the row labels (a group such
//!    as `（三）不予公开`) keeps one cell over the rows it runs beside, as a
//!    merged cell.
//! 5. **Pages.** The rows of each page are a grid of their own; the
//!    recogniser joins them as it joins a table split in HTML.
//!
//! Bounded: regions of at most [`MAX_REGION`] lines, [`MAX_COLS`] columns,
//! [`MAX_SHARE`] lines shared between two rows; every step is counted
//! against the layout budget and every cell against `limits.maxCells`.

use super::content::Seg;
use super::layout::{by_pos, join_into, Cell, Item, TextLine};

/// Most lines in one region (a longer run of aligned lines is cut).
pub const MAX_REGION: usize = 2000;
/// Most columns of a table without lines (more: not a table).
pub const MAX_COLS: usize = 64;
/// Most lines between two anchors that may go to either row; the others
/// are header rows.
pub const MAX_SHARE: usize = 48;
/// Cost (font sizes) of a label line left out of the rows beside it.
const LEFT_OUT: f64 = 0.4;
/// Cost (font sizes) of each end of a run of left-out lines that is a
/// header row of label text only (such lines belong to the row beside).
const LABEL_ONLY: f64 = 2.0;
/// Cost (font sizes) of a row whose label lines are not evenly spaced (it
/// took a line of the next row's cell).
const UNEVEN: f64 = 1.0;
/// Cost (font sizes) of a row read as top-aligned rather than centred.
const TOP_ALIGNED: f64 = 0.3;
/// Distance between pages in the running y coordinate.
const PAGE: f64 = 100_000.0;

/// The document's text margins.
#[derive(Clone, Copy)]
pub struct Margins {
    pub left: f64,
    pub right: f64,
}

/// Tables found, each on its page, and the lines they took (per page, per
/// line), which are no longer prose.
pub struct Found {
    pub items: Vec<(usize, Item)>,
    pub used: Vec<Vec<bool>>,
}

/// A line of a region, with its runs placed in columns.
struct RLine<'a> {
    page: usize,
    index: usize,
    line: &'a TextLine,
    /// (run index, first column, last column, numeric)
    runs: Vec<(usize, usize, usize, bool)>,
}

impl RLine<'_> {
    fn y(&self) -> f64 {
        self.page as f64 * PAGE + self.line.y
    }
}

/// Whether a run is a number (`12`, `4166.214619`, `1,200`, `-3`, `11.3%`).
pub fn numeric(t: &str) -> bool {
    let t = t.strip_suffix('%').unwrap_or(t);
    let t = t.strip_prefix('-').unwrap_or(t);
    t.len() <= 24
        && t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

fn prose_like(l: &TextLine, m: Margins) -> bool {
    let em = l.size.max(1.0);
    l.runs.len() <= 1
        && (l.x0 <= m.left + 0.5 * em
            || l.x1 >= m.right - em
            || l.x1 - l.x0 >= 0.5 * (m.right - m.left))
}

/// The usual distance between baselines of consecutive lines.
fn pitch(pages: &[&[TextLine]]) -> f64 {
    let mut gaps: Vec<f64> = Vec::new();
    for p in pages {
        for w in p.windows(2) {
            let [a, b] = w else { continue };
            let g = b.y - a.y;
            if g > 0.5 && g < 4.0 * a.size.max(1.0) {
                gaps.push(g);
            }
        }
    }
    crate::sort::sort_by(&mut gaps, f64::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(24.0)
}

/// Whether line `b` follows line `a` in one region: the next line on the
/// page within 2.5 line distances, or the first line of the next page
/// after the last of this one, with no ruled table between.
fn follows(
    pages: &[&[TextLine]],
    ruled: &[Vec<[f64; 4]>],
    a: (usize, usize),
    b: (usize, usize),
    pitch: f64,
) -> bool {
    let y = |(p, i): (usize, usize)| pages.get(p).and_then(|l| l.get(i)).map(|l| l.y);
    let (Some(ya), Some(yb)) = (y(a), y(b)) else {
        return false;
    };
    let boxes = |p: usize| ruled.get(p).map(Vec::as_slice).unwrap_or(&[]);
    if a.0 == b.0 {
        yb - ya <= 2.5 * pitch && !boxes(a.0).iter().any(|t| t[3] > ya && t[1] < yb)
    } else {
        b.0 == a.0 + 1
            && !boxes(a.0).iter().any(|t| t[3] > ya)
            && !boxes(b.0).iter().any(|t| t[1] < yb)
    }
}

/// The tables without ruling lines in the lines outside the ruled ones.
pub fn tables(
    pages: &[&[TextLine]],
    ruled: &[Vec<[f64; 4]>],
    m: Margins,
    max_cells: &mut usize,
    work: &mut usize,
) -> Result<Found, &'static str> {
    let pitch = pitch(pages);
    // Page furniture is neither prose nor a table's row, and a region goes
    // on over it.
    // (A line is marked used only once the region before it is done, so
    // the mark of the line at hand is its furniture mark.)
    let mut found = Found {
        items: Vec::new(),
        used: furniture(pages, pitch, work)?,
    };
    let mut region: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<(usize, usize)> = None;
    for (p, lines) in pages.iter().enumerate() {
        for (i, l) in lines.iter().enumerate() {
            *work = work.checked_sub(1 + l.runs.len()).ok_or("layout")?;
            if found.used.get(p).and_then(|u| u.get(i)) == Some(&true) {
                continue;
            }
            let cand = !prose_like(l, m);
            let goes_on = region.last().is_some_and(|&q| {
                Some(q) == prev
                    && region.len() < MAX_REGION
                    && follows(pages, ruled, q, (p, i), pitch)
            });
            if !cand || !goes_on {
                region_table(pages, &region, pitch, max_cells, work, &mut found)?;
                region.clear();
            }
            if cand {
                region.push((p, i));
            }
            prev = Some((p, i));
        }
    }
    region_table(pages, &region, pitch, max_cells, work, &mut found)?;
    Ok(found)
}

/// Whether a line is a page number alone: `3`, `- 3 -`, `— 3 —`, `第3页`,
/// `第3页 共12页`, `3/12`, `Page 3`, `Page 3 of 12` (at most 4 digits; a
/// bare number at most 3).
pub fn page_number(t: &str) -> bool {
    // Without spaces, in ASCII lower case, dashes as `-`, separators as
    // `,` and `/`.
    let mut s = String::new();
    for c in t.chars() {
        s.push(match c {
            '‐' | '‒' | '–' | '—' | '―' | '－' => '-',
            '，' | '、' => ',',
            '／' => '/',
            c if c.is_whitespace() => continue,
            c => c.to_ascii_lowercase(),
        });
    }
    let num = |n: &str| (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit());
    let all = s.len();
    let s = s.trim_matches('-');
    if let Some(r) = s.strip_prefix('第') {
        let Some((n, rest)) = r.split_once('页') else {
            return false;
        };
        let total = rest
            .trim_start_matches(',')
            .trim_start_matches('/')
            .strip_prefix('共')
            .and_then(|t| t.strip_suffix('页'));
        return num(n) && (rest.is_empty() || total.is_some_and(num));
    }
    let s = s.strip_prefix("page").unwrap_or(s);
    match s.split_once('/').or_else(|| s.split_once("of")) {
        Some((a, b)) => num(a) && num(b),
        // A bare number of 4 digits is rather a year (`2021` alone on a
        // cover page).
        None => num(s) && (s.len() <= 3 || s.len() < all),
    }
}

/// Page furniture: a running header or footer, or a page number. Such a
/// line is one of the first two or last two lines of its page, set apart
/// from the page's other lines by more than 1.5 line distances, and is a
/// page number alone or stands, with the same text (its figures aside), at
/// the same place on one of the two pages before or after.
fn furniture(
    pages: &[&[TextLine]],
    pitch: f64,
    work: &mut usize,
) -> Result<Vec<Vec<bool>>, &'static str> {
    let mut out: Vec<Vec<bool>> = Vec::with_capacity(pages.len());
    // (page, line, text without spaces and with its figures as `#`) of the
    // lines at each end of each page set apart from the rest.
    let mut ends: Vec<(usize, usize, String)> = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        out.push(vec![false; lines.len()]);
        let n = lines.len();
        // Whether the lines before k are set apart from those from k on.
        let cut = |k: usize| match (k.checked_sub(1).and_then(|j| lines.get(j)), lines.get(k)) {
            (Some(a), Some(b)) => b.y - a.y > 1.5 * pitch,
            _ => true,
        };
        // Lines 0..top and bottom..n, at most two each.
        let top = if n >= 1 && cut(1) {
            1
        } else if n >= 2 && cut(2) {
            2
        } else {
            0
        };
        let bottom = if n >= 1 && cut(n - 1) {
            n - 1
        } else if n >= 2 && cut(n - 2) {
            n - 2
        } else {
            n
        };
        for (k, l) in lines.iter().enumerate() {
            if k >= top && k < bottom {
                continue;
            }
            let mut t = String::new();
            for c in l.text.chars() {
                if !c.is_whitespace() {
                    t.push(if c.is_ascii_digit() { '#' } else { c });
                }
            }
            ends.push((p, k, t));
        }
    }
    for (e, (p, k, text)) in ends.iter().enumerate() {
        *work = work.checked_sub(20).ok_or("layout")?;
        let Some(l) = pages.get(*p).and_then(|lines| lines.get(*k)) else {
            continue;
        };
        // The same text at the same place on one of the two pages before
        // or after (at most 4 lines a page: within 8 places in `ends`).
        let mut repeated = false;
        for (q, j, t) in ends.iter().skip(e.saturating_sub(8)).take(17) {
            let o = pages.get(*q).and_then(|lines| lines.get(*j));
            repeated |= q != p
                && q.abs_diff(*p) <= 2
                && t == text
                && o.is_some_and(|o| {
                    (o.y - l.y).abs() <= 2.0
                        && ((o.x0 - l.x0).abs() <= 2.0
                            || (o.x1 - l.x1).abs() <= 2.0
                            || (o.x0 + o.x1 - l.x0 - l.x1).abs() <= 4.0)
                });
        }
        if let Some(m) = out.get_mut(*p).and_then(|o| o.get_mut(*k)) {
            *m = repeated || page_number(&l.text);
        }
    }
    Ok(out)
}

/// Columns from runs `(x0, x1)`, narrowest first (see the module doc).
/// The runs come as segments of `pos` their width, from `a` to `b` (their
/// x), so that the ruling lines' sort orders them too: one instantiation
/// less in the wasm.
fn columns(mut runs: Vec<Seg>, work: &mut usize) -> Result<Vec<(f64, f64)>, &'static str> {
    crate::sort::sort_by(&mut runs, by_pos);
    let mut cols: Vec<(f64, f64)> = Vec::new();
    for Seg { a, b, .. } in runs {
        *work = work.checked_sub(1 + cols.len()).ok_or("layout")?;
        let mut hits = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| overlap((a, b), **c))
            .map(|(k, _)| k);
        match (hits.next(), hits.next()) {
            (None, _) => {
                // Kept in order of x (no sort: one less instantiation in
                // the wasm).
                let at = cols.partition_point(|c| c.0 < a);
                cols.insert(at, (a, b));
                if cols.len() > MAX_COLS {
                    return Ok(Vec::new());
                }
            }
            (Some(k), None) => {
                if let Some(c) = cols.get_mut(k) {
                    *c = (c.0.min(a), c.1.max(b));
                }
            }
            _ => {}
        }
    }
    Ok(cols)
}

fn overlap(r: (f64, f64), c: (f64, f64)) -> bool {
    r.1.min(c.1) - r.0.max(c.0) > 0.5
}

/// The columns a run lies over: those it overlaps, else the nearest.
fn span(cols: &[(f64, f64)], r: (f64, f64)) -> (usize, usize) {
    let mut hit = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| overlap(r, **c))
        .map(|(k, _)| k);
    if let Some(first) = hit.next() {
        let last = hit.next_back().unwrap_or(first);
        return (first, last);
    }
    let mid = (r.0 + r.1) / 2.0;
    let near = cols
        .iter()
        .enumerate()
        .min_by(|a, b| {
            let d = |c: &(f64, f64)| ((c.0 + c.1) / 2.0 - mid).abs();
            d(a.1).total_cmp(&d(b.1))
        })
        .map_or(0, |(k, _)| k);
    (near, near)
}

/// A cell being built: its columns, rows, text and boxes per page.
struct Building {
    row: usize,
    rows: usize,
    c0: usize,
    c1: usize,
    text: String,
    /// (page, box) of each run in it.
    boxes: Vec<(usize, [f64; 4])>,
    /// Running y of its last line.
    last_y: f64,
    alive: bool,
}

/// One region: a table when the evidence holds (see the module doc).
fn region_table(
    pages: &[&[TextLine]],
    region: &[(usize, usize)],
    pitch: f64,
    max_cells: &mut usize,
    work: &mut usize,
    found: &mut Found,
) -> Result<(), &'static str> {
    if region.len() < 3 {
        return Ok(());
    }
    let mut lines: Vec<(usize, usize, &TextLine)> = Vec::with_capacity(region.len());
    let mut runs: Vec<Seg> = Vec::new();
    let mut several = 0;
    for &(p, i) in region {
        let Some(l) = pages.get(p).and_then(|x| x.get(i)) else {
            continue;
        };
        lines.push((p, i, l));
        several += usize::from(l.runs.len() >= 2);
        for r in &l.runs {
            runs.push(Seg {
                h: false,
                pos: r.x1 - r.x0,
                a: r.x0,
                b: r.x1,
            });
        }
    }
    if several < 3 {
        return Ok(());
    }
    let cols = columns(runs, work)?;
    if cols.len() < 3 {
        return Ok(());
    }
    let mut rl: Vec<RLine> = Vec::with_capacity(lines.len());
    for &(page, index, line) in &lines {
        *work = work
            .checked_sub(line.runs.len() * cols.len())
            .ok_or("layout")?;
        let mut runs = Vec::with_capacity(line.runs.len());
        for (k, r) in line.runs.iter().enumerate() {
            let (c0, c1) = span(&cols, (r.x0, r.x1));
            runs.push((k, c0, c1, numeric(&r.text)));
        }
        rl.push(RLine {
            page,
            index,
            line,
            runs,
        });
    }
    // Value columns: those holding a number alone in them.
    let mut value = vec![false; cols.len()];
    for l in &rl {
        for &(_, c0, c1, num) in &l.runs {
            if num && c0 == c1 {
                if let Some(v) = value.get_mut(c0) {
                    *v = true;
                }
            }
        }
    }
    let in_values = |c0: usize, c1: usize| value.get(c0..=c1).is_some_and(|s| s.contains(&true));
    // A line with numbers in 3 value columns (runs are in order of x).
    let strong = rl.iter().any(|l| {
        let (mut last, mut count) = (None, 0);
        for r in &l.runs {
            if r.3 && r.1 == r.2 && in_values(r.1, r.2) && last != Some(r.1) {
                (last, count) = (Some(r.1), count + 1);
            }
        }
        count >= 3
    });
    if !strong {
        return Ok(());
    }
    let first_value = value.iter().position(|v| *v).unwrap_or(0);
    let anchor = |l: &RLine| l.runs.iter().any(|r| r.3 && in_values(r.1, r.2));
    // A line that may be part of a row of values: text only in the label
    // columns besides the numbers.
    let body_ok = |l: &RLine| l.runs.iter().all(|r| r.3 || !in_values(r.1, r.2));
    let mut anchors: Vec<usize> = Vec::new();
    for (k, l) in rl.iter().enumerate() {
        if anchor(l) {
            anchors.push(k);
        }
    }
    let rows = share_out(&rl, &anchors, &body_ok, work)?;
    // The grid.
    let ncols = cols.len();
    let slots_wanted = rows.len().saturating_mul(ncols);
    if slots_wanted > *max_cells {
        return Err("cells");
    }
    *max_cells -= slots_wanted;
    *work = work.checked_sub(slots_wanted).ok_or("layout")?;
    let mut cells: Vec<Building> = Vec::new();
    let mut row_cells: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut hit: Vec<usize> = Vec::new();
    for (r, (row, here)) in rows.iter().zip(row_cells.iter_mut()).enumerate() {
        for &k in &row.lines {
            let Some(l) = rl.get(k) else { continue };
            for &(ri, c0, c1, _) in &l.runs {
                let Some(run) = l.line.runs.get(ri) else {
                    continue;
                };
                let bx = [run.x0, l.line.y - l.line.size, run.x1, l.line.y];
                hit.clear();
                for &id in here.iter() {
                    if cells.get(id).is_some_and(|c| c.c0 <= c1 && c0 <= c.c1) {
                        hit.push(id);
                    }
                }
                let Some((&first, others)) = hit.split_first() else {
                    here.push(cells.len());
                    cells.push(Building {
                        row: r,
                        rows: 1,
                        c0,
                        c1,
                        text: run.text.clone(),
                        boxes: vec![(l.page, bx)],
                        last_y: l.y(),
                        alive: true,
                    });
                    continue;
                };
                for &o in others {
                    let Some(oc) = cells.get_mut(o) else { continue };
                    let text = std::mem::take(&mut oc.text);
                    let boxes = std::mem::take(&mut oc.boxes);
                    let (oc0, oc1) = (oc.c0, oc.c1);
                    oc.alive = false;
                    if let Some(f) = cells.get_mut(first) {
                        join_into(&mut f.text, &text);
                        f.boxes.extend(boxes);
                        f.c0 = f.c0.min(oc0);
                        f.c1 = f.c1.max(oc1);
                    }
                }
                here.retain(|id| !others.contains(id));
                if let Some(f) = cells.get_mut(first) {
                    join_into(&mut f.text, &run.text);
                    f.boxes.push((l.page, bx));
                    f.c0 = f.c0.min(c0);
                    f.c1 = f.c1.max(c1);
                    f.last_y = l.y();
                }
            }
        }
    }
    // A value alone under a merged header cell (`本年处理决定数量` over
    // three columns) is one cell under all of it, as in the source.
    for (r, (row, ids)) in rows.iter().zip(&row_cells).enumerate() {
        if !row.body {
            continue;
        }
        for &id in ids {
            let Some(&Building {
                c0,
                c1,
                alive: true,
                ..
            }) = cells.get(id)
            else {
                continue;
            };
            if c0 != c1 || !value.get(c0).copied().unwrap_or(false) {
                continue;
            }
            *work = work.checked_sub(8).ok_or("layout")?;
            // (The nearest few header rows above: a bounded look.)
            let above = rows
                .iter()
                .zip(&row_cells)
                .take(r)
                .rev()
                .filter(|(h, _)| !h.body)
                .take(8)
                .find_map(|(_, hc)| {
                    hc.iter()
                        .filter_map(|&x| cells.get(x))
                        .find(|x| x.alive && x.c0 <= c0 && c0 <= x.c1)
                });
            let Some((h0, h1)) = above.map(|x| (x.c0, x.c1)) else {
                continue;
            };
            let alone = ids.iter().all(|&x| {
                x == id
                    || cells
                        .get(x)
                        .is_none_or(|c| !c.alive || c.c1 < h0 || h1 < c.c0)
            });
            if let Some(c) = cells.get_mut(id).filter(|_| h0 < h1 && alone) {
                c.c0 = h0;
                c.c1 = h1;
            }
        }
    }
    // Group labels left of the row labels: one cell over the rows beside it.
    let own = first_value.checked_sub(1);
    for c in 0..own.unwrap_or(0) {
        let mut carry: Option<usize> = None;
        for (r, (row, ids)) in rows.iter().zip(row_cells.iter_mut()).enumerate() {
            if !row.body {
                carry = None;
                continue;
            }
            let here = ids.iter().copied().find(|&id| {
                cells
                    .get(id)
                    .is_some_and(|x| x.alive && x.c0 <= c && c <= x.c1)
            });
            // The cell here is in column c alone.
            let single = here
                .and_then(|h| cells.get(h))
                .filter(|x| x.c0 == c && x.c1 == c);
            // The same label going on in the next row.
            let goes_on = match (single, carry.and_then(|id| cells.get(id))) {
                (Some(h), Some(k)) => {
                    k.row + k.rows == r && first_y(h, row, &rl) - k.last_y <= 1.3 * pitch
                }
                _ => false,
            };
            match (here, carry) {
                (None, Some(id)) => {
                    if let Some(k) = cells.get_mut(id) {
                        k.rows += 1;
                    }
                }
                (Some(h), Some(id)) if goes_on => {
                    let Some(hc) = cells.get_mut(h) else { continue };
                    let text = std::mem::take(&mut hc.text);
                    let boxes = std::mem::take(&mut hc.boxes);
                    hc.alive = false;
                    let last_y = hc.last_y;
                    ids.retain(|&x| x != h);
                    if let Some(k) = cells.get_mut(id) {
                        join_into(&mut k.text, &text);
                        k.boxes.extend(boxes);
                        k.rows += 1;
                        k.last_y = last_y;
                    }
                }
                (Some(h), _) => carry = single.map(|_| h),
                (None, None) => {}
            }
        }
    }
    // One grid per page.
    let mut long: Vec<usize> = Vec::new();
    for (id, c) in cells.iter().enumerate() {
        if c.alive && c.rows > 1 {
            long.push(id);
        }
    }
    let mut start = 0;
    while let Some(first) = rows.get(start) {
        let page = first.page;
        let end = start
            + rows
                .iter()
                .skip(start)
                .take_while(|r| r.page == page)
                .count();
        // The cells of these rows, and those running down into them.
        let mut ids: Vec<usize> = Vec::new();
        for here in row_cells.iter().take(end).skip(start) {
            ids.extend_from_slice(here);
        }
        for &id in &long {
            if cells
                .get(id)
                .is_some_and(|c| c.row < start && c.row + c.rows > start)
            {
                ids.push(id);
            }
        }
        *work = work.checked_sub(ids.len() + long.len()).ok_or("layout")?;
        if let Some(item) = part(&cells, &ids, &rows, &cols, &rl, start, end) {
            found.items.push((page, item));
        }
        start = end;
    }
    for l in &rl {
        if let Some(u) = found.used.get_mut(l.page).and_then(|u| u.get_mut(l.index)) {
            *u = true;
        }
    }
    Ok(())
}

/// Running y of the first line of a row holding runs of cell `c`.
fn first_y(c: &Building, row: &Row, rl: &[RLine]) -> f64 {
    row.lines
        .iter()
        .filter_map(|&k| rl.get(k))
        .find(|l| l.runs.iter().any(|r| r.1 <= c.c1 && c.c0 <= r.2))
        .map_or(f64::INFINITY, RLine::y)
}

/// A row of the table: its lines (indices in the region), whether it holds
/// values, its page.
struct Row {
    lines: Vec<usize>,
    body: bool,
    page: usize,
}

/// Shares the lines of a region out into rows (see the module doc): each
/// anchor's row takes the last `q` lines of the gap above it and the first
/// `p` of the gap below, chosen to minimise the rows' distance from
/// centred (or top-aligned) plus a cost for each line left out.
fn share_out(
    rl: &[RLine],
    anchors: &[usize],
    body_ok: &dyn Fn(&RLine) -> bool,
    work: &mut usize,
) -> Result<Vec<Row>, &'static str> {
    let n = anchors.len();
    // Gap g: the lines between anchor g-1 and anchor g (0..=n).
    let gap = |g: usize| -> std::ops::Range<usize> {
        let a = g
            .checked_sub(1)
            .and_then(|k| anchors.get(k))
            .map_or(0, |a| a + 1);
        let b = anchors.get(g).copied().unwrap_or(rl.len());
        a..b.max(a)
    };
    let lines = |g: usize| rl.get(gap(g)).unwrap_or(&[]);
    let maxp = |g: usize| {
        lines(g)
            .iter()
            .take_while(|l| body_ok(l))
            .count()
            .min(MAX_SHARE)
    };
    let maxq = |g: usize| {
        lines(g)
            .iter()
            .rev()
            .take_while(|l| body_ok(l))
            .count()
            .min(MAX_SHARE)
    };
    let y = |k: usize| rl.get(k).map_or(0.0, RLine::y);
    // How far a row's lines are from centred on its anchor (or from
    // top-aligned), in font sizes.
    let cost = |a: &RLine, j: usize, q: usize, p: usize| -> f64 {
        let em = a.line.size.max(1.0);
        let (above, below) = (gap(j), gap(j + 1));
        let top = if q > 0 {
            y(above.end.saturating_sub(q))
        } else {
            a.y()
        };
        let bot = if p > 0 { y(below.start + p - 1) } else { a.y() };
        let mut c = ((top + bot) / 2.0 - a.y()).abs() / em;
        if q == 0 && p > 0 {
            let d = y(below.start) - a.y();
            let labelled = a.runs.iter().any(|r| !r.3);
            if (d > 0.0 && d <= 1.2 * em) || labelled {
                c = c.min(TOP_ALIGNED);
            }
        }
        c
    };
    // dp[q]: best cost with q lines of the current gap going down to the
    // current row.
    // Left-out lines make header rows, each of which should hold text in
    // the value columns: `penalty(s, e)` for the lines s..e left out.
    let len = rl.len();
    *work = work.checked_sub(len).ok_or("layout")?;
    // Whether a line's runs overlap a cell of other columns in the line
    // above (the first line: no).
    let mut clash_prev: Vec<bool> = Vec::with_capacity(len);
    clash_prev.push(false);
    for w in rl.windows(2) {
        let [above, l] = w else { continue };
        clash_prev.push(l.runs.iter().any(|r| {
            above
                .runs
                .iter()
                .any(|o| (o.1, o.2) != (r.1, r.2) && o.1 <= r.2 && r.1 <= o.2)
        }));
    }
    // For each line: the next clash after it and the next line that
    // cannot be in a row of values from it on (`len`: none) …
    let mut run_end = vec![len; len];
    let mut next_nb = vec![len; len];
    let (mut end, mut nb) = (len, len);
    for (i, ((l, e), b)) in rl
        .iter()
        .zip(run_end.iter_mut())
        .zip(next_nb.iter_mut())
        .enumerate()
        .rev()
    {
        *e = end;
        if !body_ok(l) {
            nb = i;
        }
        *b = nb;
        if clash_prev.get(i).copied().unwrap_or(false) {
            end = i;
        }
    }
    // … and the last clash and the last such line up to it.
    let mut run_start = Vec::with_capacity(len);
    let mut prev_nb: Vec<Option<usize>> = Vec::with_capacity(len);
    let (mut start, mut pb) = (0, None);
    for (i, (l, &clash)) in rl.iter().zip(&clash_prev).enumerate() {
        if clash {
            start = i;
        }
        if !body_ok(l) {
            pb = Some(i);
        }
        run_start.push(start);
        prev_nb.push(pb);
    }
    let penalty = |s: usize, e: usize| -> f64 {
        if s >= e {
            return 0.0;
        }
        let at = |v: &[usize], k: usize| v.get(k).copied().unwrap_or(len);
        let start_ok = at(&next_nb, s) < at(&run_end, s).min(e);
        let end_ok = prev_nb
            .get(e - 1)
            .copied()
            .flatten()
            .is_some_and(|t| t >= run_start.get(e - 1).copied().unwrap_or(0).max(s));
        LABEL_ONLY * (f64::from(u8::from(!start_ok)) + f64::from(u8::from(!end_ok)))
    };
    let g0 = gap(0);
    let mut dp: Vec<f64> = (0..=maxq(0))
        .map(|q| {
            LEFT_OUT * g0.len().saturating_sub(q) as f64
                + penalty(g0.start, g0.end.saturating_sub(q))
        })
        .collect();
    let mut back: Vec<Vec<(usize, usize)>> = Vec::with_capacity(n);
    for (j, &aj) in anchors.iter().enumerate() {
        let Some(a) = rl.get(aj) else {
            return Ok(Vec::new());
        };
        let below = gap(j + 1).len();
        let pmax = maxp(j + 1);
        let qmax = if j + 1 == n { 0 } else { maxq(j + 1) };
        *work = work
            .checked_sub((dp.len() + qmax + 1) * (pmax + 1))
            .ok_or("layout")?;
        let mut best_p: Vec<(f64, usize)> = vec![(f64::INFINITY, 0); pmax + 1];
        let em = a.line.size.max(1.0);
        // The anchor and the lines below it that may go to its row.
        let down = rl.get(aj..).unwrap_or(&[]);
        for (q, &d) in dp.iter().enumerate() {
            // The label lines of one cell are evenly spaced: the row's
            // label lines (q above, then the anchor, then p below) are
            // followed down, keeping the spread of their distances.
            let mut even = Even::default();
            for l in rl.get(aj.saturating_sub(q)..aj).unwrap_or(&[]) {
                even.add(l);
            }
            // (p = 0 adds the anchor itself.)
            for (p, (best, l)) in best_p.iter_mut().zip(down).enumerate() {
                even.add(l);
                let c = d
                    + cost(a, j, q, p)
                    + if even.spread() > 0.25 * em {
                        UNEVEN
                    } else {
                        0.0
                    };
                if c < best.0 {
                    *best = (c, q);
                }
            }
        }
        let g1 = gap(j + 1);
        let mut next = vec![f64::INFINITY; qmax + 1];
        let mut bk = vec![(0, 0); qmax + 1];
        for (q2, (slot, b)) in next.iter_mut().zip(bk.iter_mut()).enumerate() {
            for (p, &(c, q)) in best_p.iter().enumerate() {
                if p + q2 > below {
                    break;
                }
                let total =
                    c + LEFT_OUT * (below - p - q2) as f64 + penalty(g1.start + p, g1.end - q2);
                if total < *slot {
                    *slot = total;
                    *b = (p, q);
                }
            }
        }
        dp = next;
        back.push(bk);
    }
    // Back from the end: (q above row j, p below row j).
    let mut takes = vec![(0usize, 0usize); n];
    let mut q2 = 0;
    for (t, bk) in takes.iter_mut().zip(&back).rev() {
        let (p, q) = bk.get(q2).copied().unwrap_or((0, 0));
        *t = (q, p);
        q2 = q;
    }
    let mut rows: Vec<Row> = Vec::new();
    for g in 0..=n {
        let r = gap(g);
        let p_here = g
            .checked_sub(1)
            .and_then(|k| takes.get(k))
            .map_or(0, |t| t.1);
        let this = takes.get(g).copied().zip(anchors.get(g).copied());
        let q_here = this.map_or(0, |((q, _), _)| q);
        let mid = (r.start + p_here)..(r.end.saturating_sub(q_here)).max(r.start + p_here);
        header_rows(rl, mid, &mut rows);
        if let Some(((q, p), a)) = this {
            rows.push(Row {
                lines: (a - q.min(a)..=a + p).collect(),
                body: true,
                page: rl.get(a).map_or(0, |l| l.page),
            });
        }
    }
    Ok(rows)
}

/// The spread of the distances between consecutive label lines (lines with
/// text other than numbers) on one page.
#[derive(Default)]
struct Even {
    last: Option<(usize, f64)>,
    min: f64,
    max: f64,
    seen: bool,
}

impl Even {
    fn add(&mut self, l: &RLine) {
        if !l.runs.iter().any(|r| !r.3) {
            return;
        }
        if let Some((page, y)) = self.last {
            if page == l.page {
                let d = l.line.y - y;
                if self.seen {
                    self.min = self.min.min(d);
                    self.max = self.max.max(d);
                } else {
                    (self.min, self.max, self.seen) = (d, d, true);
                }
            }
        }
        self.last = Some((l.page, l.line.y));
    }

    fn spread(&self) -> f64 {
        if self.seen {
            self.max - self.min
        } else {
            0.0
        }
    }
}

/// Header rows from consecutive lines: a new row where a line's runs
/// overlap a cell of other columns in the row being built.
fn header_rows(rl: &[RLine], lines: std::ops::Range<usize>, rows: &mut Vec<Row>) {
    let mut keys: Vec<(usize, usize)> = Vec::new();
    for k in lines {
        let Some(l) = rl.get(k) else { continue };
        let clash = l.runs.iter().any(|r| {
            keys.iter()
                .any(|&(a, b)| (a, b) != (r.1, r.2) && a <= r.2 && r.1 <= b)
        });
        match rows.last_mut() {
            Some(row) if !row.body && !clash && !keys.is_empty() => row.lines.push(k),
            _ => {
                keys.clear();
                rows.push(Row {
                    lines: vec![k],
                    body: false,
                    page: l.page,
                });
            }
        }
        keys.extend(l.runs.iter().map(|r| (r.1, r.2)));
    }
}

/// The grid of rows `start..end` (all on one page).
fn part(
    cells: &[Building],
    ids: &[usize],
    rows: &[Row],
    cols: &[(f64, f64)],
    rl: &[RLine],
    start: usize,
    end: usize,
) -> Option<Item> {
    let page = rows.get(start)?.page;
    let ncols = cols.len();
    // Each row's band on the page.
    let band = |r: usize| -> (f64, f64) {
        let mut b = (f64::INFINITY, f64::NEG_INFINITY);
        let lines = rows.get(r).map_or(&[][..], |row| &row.lines);
        for l in lines.iter().filter_map(|&k| rl.get(k)) {
            if l.page == page {
                b = (b.0.min(l.line.y - l.line.size), b.1.max(l.line.y));
            }
        }
        b
    };
    let mut out: Vec<Cell> = Vec::new();
    let mut slots = vec![vec![usize::MAX; ncols]; end.saturating_sub(start)];
    for c in ids
        .iter()
        .filter_map(|&id| cells.get(id))
        .filter(|c| c.alive)
    {
        let (r0, r1) = (c.row.max(start), (c.row + c.rows).min(end));
        if r0 >= r1 {
            continue;
        }
        let mut bbox = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for (p, b) in &c.boxes {
            if *p == page {
                bbox = [
                    bbox[0].min(b[0]),
                    bbox[1].min(b[1]),
                    bbox[2].max(b[2]),
                    bbox[3].max(b[3]),
                ];
            }
        }
        if !bbox[0].is_finite() {
            let (y0, _) = band(r0);
            let (_, y1) = band(r1 - 1);
            let x = |k: usize| cols.get(k).copied().unwrap_or((0.0, 0.0));
            bbox = [x(c.c0).0, y0, x(c.c1).1, y1];
        }
        let id = out.len();
        for row in slots.iter_mut().take(r1 - start).skip(r0 - start) {
            for s in row.iter_mut().take(c.c1 + 1).skip(c.c0) {
                *s = id;
            }
        }
        out.push(Cell {
            text: c.text.clone(),
            bbox,
            row: r0 - start,
            col: c.c0,
            rowspan: r1 - r0,
            colspan: c.c1 - c.c0 + 1,
        });
    }
    for (r, row) in slots.iter_mut().enumerate() {
        let (y0, y1) = band(start + r);
        for (c, (s, col)) in row.iter_mut().zip(cols).enumerate() {
            if *s == usize::MAX {
                *s = out.len();
                out.push(Cell {
                    text: String::new(),
                    bbox: [col.0, y0, col.1, y1],
                    row: r,
                    col: c,
                    rowspan: 1,
                    colspan: 1,
                });
            }
        }
    }
    let bbox = out.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, c| {
            [
                b[0].min(c.bbox[0]),
                b[1].min(c.bbox[1]),
                b[2].max(c.bbox[2]),
                b[3].max(c.bbox[3]),
            ]
        },
    );
    Some(Item::Table {
        cells: out,
        slots,
        bbox,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::layout::Run;

    /// A line at `y` of runs `(x0, text)`, 12 pt CJK (1 em a character,
    /// ½ em an ASCII one).
    fn line(y: f64, runs: &[(f64, &str)]) -> TextLine {
        let runs: Vec<Run> = runs
            .iter()
            .map(|(x, t)| Run {
                text: t.to_string(),
                x0: *x,
                x1: x + t
                    .chars()
                    .map(|c| if c.is_ascii() { 6.0 } else { 12.0 })
                    .sum::<f64>(),
            })
            .collect();
        TextLine {
            text: runs
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            x0: runs.first().map_or(0.0, |r| r.x0),
            x1: runs.last().map_or(0.0, |r| r.x1),
            y,
            size: 12.0,
            runs,
        }
    }

    const M: Margins = Margins {
        left: 80.0,
        right: 512.0,
    };

    fn grid(item: &Item) -> Vec<Vec<String>> {
        let Item::Table { cells, slots, .. } = item else {
            panic!("not a table");
        };
        slots
            .iter()
            .map(|r| r.iter().map(|&id| cells[id].text.clone()).collect())
            .collect()
    }

    #[test]
    fn numbers() {
        for t in ["0", "12", "4166.214619", "1,200", "-3", "11.3%"] {
            assert!(numeric(t), "{t}");
        }
        for t in [
            "",
            "1.属",
            "2025年",
            "-",
            ".5",
            "5.",
            "第3",
            "12345678901234567890123456",
        ] {
            assert!(!numeric(t), "{t}");
        }
    }

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "- 3 -",
            "— 12 —",
            "－3－",
            "第3页",
            "第 3 页 共 12 页",
            "第3页，共12页",
            "3/12",
            "3 / 12",
            "Page 3",
            "page 3 of 12",
            "- 1024 -",
        ] {
            assert!(page_number(t), "{t}");
        }
        for t in [
            "",
            "-",
            "3.5",
            "12345",
            "第三页",
            "第3条",
            "3/",
            "共12页",
            "2021年",
            "3件",
            "Pages 3",
            "2021",
        ] {
            assert!(!page_number(t), "{t}");
        }
    }

    #[test]
    fn furniture_is_set_apart_at_a_page_end() {
        // Two pages: a running header at the top, a page number at the
        // bottom; a caption repeated at the same place on both pages but
        // right above the lines below it is not furniture, nor is a number
        // alone close to the line above.
        let page = |n: usize| {
            vec![
                line(30.0, &[(250.0, "某某局文件")]),
                line(80.0, &[(200.0, "申请人情况")]),
                line(95.0, &[(100.0, "自然人"), (200.0, "3"), (260.0, "4")]),
                line(110.0, &[(100.0, "法人"), (200.0, "1"), (260.0, "2")]),
                line(125.0, &[(200.0, "7")]),
                line(800.0, &[(290.0, &format!("- {n} -"))]),
            ]
        };
        let (a, b) = (page(1), page(2));
        let mut work = 10_000;
        let f = furniture(&[&a, &b], 15.0, &mut work).expect("in budget");
        let want = vec![true, false, false, false, false, true];
        assert_eq!(f, vec![want.clone(), want]);
        // A header on one page only is not known as one.
        let f = furniture(&[&a], 15.0, &mut work).expect("in budget");
        assert_eq!(f, vec![vec![false, false, false, false, false, true]]);
    }

    #[test]
    fn spanning_runs_do_not_make_columns() {
        let mut work = 1000;
        let seg = |a: f64, b: f64| Seg {
            h: false,
            pos: b - a,
            a,
            b,
        };
        let cols = columns(
            vec![
                seg(100.0, 124.0),
                seg(140.0, 148.0),
                seg(180.0, 188.0),
                seg(100.0, 190.0),
                seg(134.0, 160.0),
            ],
            &mut work,
        )
        .expect("within budget");
        // The run over all three is a span; the one over the second widens it.
        assert_eq!(cols, vec![(100.0, 124.0), (134.0, 160.0), (180.0, 188.0)]);
        assert_eq!(span(&cols, (100.0, 190.0)), (0, 2));
        assert_eq!(span(&cols, (126.0, 130.0)), (0, 0));
        let mut none = 2;
        assert!(columns(vec![seg(0.0, 1.0); 5], &mut none).is_err());
    }

    /// A table as WPS lays it out: labels wrapped in a narrow column,
    /// values centred beside them, a header wrapped over three lines, a
    /// caption row over all columns; prose above and below.
    fn wps_like() -> Vec<TextLine> {
        vec![
            line(
                100.0,
                &[(
                    80.0,
                    "这是一段正文，从左边距开始，一直写到右边距为止，没有任何表格。",
                )],
            ),
            line(131.0, &[(246.0, "第二十条第（一）项")]),
            line(162.0, &[(270.0, "本年"), (306.0, "本年"), (342.0, "现行")]),
            line(178.0, &[(234.0, "信息")]),
            line(193.0, &[(270.0, "制发"), (306.0, "废止"), (342.0, "有效")]),
            line(209.0, &[(234.0, "内容")]),
            line(224.0, &[(270.0, "件数"), (306.0, "件数"), (342.0, "件数")]),
            line(
                256.0,
                &[(234.0, "规章"), (278.0, "0"), (314.0, "0"), (350.0, "0")],
            ),
            line(287.0, &[(234.0, "行政")]),
            line(302.0, &[(278.0, "0"), (314.0, "1"), (350.0, "0")]),
            line(318.0, &[(234.0, "规范")]),
            line(349.0, &[(80.0, "（二）下一节的标题")]),
        ]
    }

    #[test]
    fn wrapped_labels_and_a_wrapped_header_read_whole() {
        let lines = wps_like();
        let (mut cells, mut work) = (1000, 100_000);
        let found = tables(&[&lines], &[vec![]], M, &mut cells, &mut work).expect("in budget");
        assert_eq!(found.items.len(), 1);
        assert_eq!(
            grid(&found.items[0].1),
            vec![
                vec!["第二十条第（一）项"; 4],
                vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                vec!["规章", "0", "0", "0"],
                vec!["行政规范", "0", "1", "0"],
            ]
        );
        // The prose above and below is left as prose.
        let used: Vec<bool> = found.used[0].clone();
        assert_eq!(used.iter().filter(|u| !**u).count(), 2);
        assert!(!used[0] && !used[lines.len() - 1]);
        assert_eq!(cells, 1000 - 16);
        // The same page with a ruled table between the header and the
        // values: no region spans it, so no table.
        let ruled = vec![vec![[230.0, 240.0, 400.0, 250.0]]];
        let (mut cells, mut work) = (1000, 100_000);
        let found = tables(&[&lines], &ruled, M, &mut cells, &mut work).expect("in budget");
        assert!(found.items.is_empty());
    }

    #[test]
    fn two_columns_of_prose_are_not_a_table() {
        let lines: Vec<TextLine> = (0..6)
            .map(|i| {
                line(
                    100.0 + 16.0 * f64::from(i),
                    &[
                        (80.0, "共收到申请12件，办结11件"),
                        (300.0, "主动公开信息356条，解读15篇"),
                    ],
                )
            })
            .collect();
        let (mut cells, mut work) = (1000, 100_000);
        let found = tables(&[&lines], &[vec![]], M, &mut cells, &mut work).expect("in budget");
        assert!(found.items.is_empty());
        assert!(found.used[0].iter().all(|u| !u));
    }

    #[test]
    fn budgets_are_spent_and_checked() {
        let lines = wps_like();
        let (mut cells, mut work) = (1000, 20);
        assert_eq!(
            tables(&[&lines], &[vec![]], M, &mut cells, &mut work).err(),
            Some("layout")
        );
        let (mut cells, mut work) = (10, 100_000);
        assert_eq!(
            tables(&[&lines], &[vec![]], M, &mut cells, &mut work).err(),
            Some("cells")
        );
    }
}
