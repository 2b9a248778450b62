//! Recognition: a [`Document`] (prose + grids, from any reader) becomes a
//! [`Report`] with canonical ids.
//!
//! Tables are found by their labels, not their position; rows by label stems
//! (see [`label`](super::label)); columns by header stems where the header
//! tells and by the official column order where it does not. What cannot be
//! placed is kept as an extra row or a read issue, never guessed.

use super::label::{has, matches_any, stem, stem_is_empty, strip_ordinal};
use super::{Block, Document, Grid, GridCell};
use crate::model::ids::{self, Format, Item, TableId};
use crate::model::{
    Cell, CellState, ExtraRow, ReadIssue, Report, Section, Source, SourceKind, Table, ValueKind,
};
use std::borrow::Cow;

/// Recognises tables, sections, title and year in a document.
pub fn recognize(doc: &Document) -> Report {
    let mut report = Report {
        source_kind: doc.kind,
        has_prose: true,
        ..Report::default()
    };
    read_prose(doc, &mut report);

    // Group consecutive grids of the same table kind: table 2 written as four
    // tables, or any table split in two with a repeated header.
    let mut runs: Vec<(TableId, Vec<Part>)> = Vec::new();
    let mut last: Option<TableId> = None;
    // Short paragraphs right before a grid: its caption (第二十条第（五）项,
    // 行政复议, 表三…), as Markdown and OCR output write them.
    let mut caption = String::new();
    let flattened = flattened_tables(doc);
    let mut skip_until = 0usize;
    for (bi, block) in doc.blocks.iter().enumerate() {
        if bi < skip_until {
            continue;
        }
        // A table 2 block a converter flattened into lines of prose.
        let block = match flattened.iter().find(|(at, _, _)| *at == bi) {
            Some((_, end, g)) => {
                skip_until = *end;
                FlatOrBlock::Flat(g)
            }
            None => FlatOrBlock::Block(block),
        };
        let block = match block {
            FlatOrBlock::Flat(g) => BlockRef::Table(g),
            FlatOrBlock::Block(Block::Table(g)) => BlockRef::Table(g),
            FlatOrBlock::Block(Block::Para { text, .. }) => BlockRef::Para(text),
        };
        match block {
            BlockRef::Table(g) => {
                let cap = std::mem::take(&mut caption);
                // (`or_else`: whether it continues the last table is asked
                // only of a grid that is no table by its own header.)
                let kind = classify(g, &cap).or_else(|| match last {
                    // A continuation without its own header: rows only.
                    Some(t) if continues(g, t) => Some(t),
                    _ => None,
                });
                let part = Part {
                    grid: g,
                    caption: cap,
                };
                match kind {
                    Some(t) if last == Some(t) => {
                        if let Some(run) = runs.last_mut() {
                            run.1.push(part);
                        }
                    }
                    Some(t) => {
                        if runs.iter().all(|(id, _)| *id != t) {
                            runs.push((t, vec![part]));
                            last = Some(t);
                        } else {
                            last = None;
                        }
                    }
                    None => last = None,
                }
            }
            BlockRef::Para(text) => {
                // Short captions (表三, page footers) between parts of a split
                // table keep the run open; real prose closes it.
                let s = stem(text);
                if s.chars().count() > 30 {
                    last = None;
                    caption.clear();
                } else {
                    caption.push_str(&s);
                    caption.push('|');
                }
            }
        }
    }
    for (id, grids) in runs {
        let table = match id {
            TableId::T2 => read_t2(&grids, &mut report.read_issues),
            TableId::T3 => read_t3(&grids, &mut report.read_issues),
            TableId::T4 => read_t4(&grids, &mut report.read_issues),
        };
        report.tables.push(table);
    }
    crate::sort::sort_by_key(&mut report.tables, |t| t.id as u32);
    report.format = decide_format(&report);
    report
}

// ------------------------------------------------------------------ prose

const SECTION_KEYWORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "基本情况", "总体"],
    &["主动公开"],
    &["申请"],
    &["复议", "诉讼"],
    &["问题", "改进"],
    &["其他"],
];

fn section_heading(text: &str, found: impl Fn(u8) -> bool) -> Option<u8> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let mut chars = t.chars();
    let n = match chars.next()? {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        _ => return None,
    };
    let sep = chars.next()?;
    if !matches!(sep, '、' | '.' | '．' | ',' | '，' | ' ' | '\u{3000}') {
        return None;
    }
    if t.chars().count() > 40 || t.ends_with('。') {
        return None;
    }
    let s = stem(t);
    if SECTION_KEYWORDS[usize::from(n - 1)]
        .iter()
        .any(|k| s.contains(k))
    {
        return Some(n);
    }
    // Reports that number their own sections (Shanghai: 一、主动公开政府信息情况
    // as the first part after a preface) still have the six parts: a heading
    // whose words name another section unmistakably counts for that section.
    STRICT_KEYWORDS
        .iter()
        .position(|alts| alts.iter().any(|all| all.iter().all(|k| s.contains(k))))
        .and_then(|i| u8::try_from(i + 1).ok())
        .filter(|k| !found(*k))
}

/// Words that name a section whatever its ordinal (all words of one entry).
const STRICT_KEYWORDS: [&[&[&str]]; 6] = [
    &[&["总体情况"]],
    &[&["主动公开"]],
    &[&["收到和处理"], &["申请情况"]],
    &[&["复议", "诉讼"]],
    &[&["问题", "改进"]],
    &[&["其他需要报告"], &["其他事项"]],
];

fn read_prose(doc: &Document, report: &mut Report) {
    let mut current: Option<usize> = None;
    for block in &doc.blocks {
        let Block::Para { text, source } = block else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        if let Some(n) = section_heading(text, |k| report.section(k).is_some()) {
            if report.section(n).is_none() {
                report.sections.push(Section {
                    ordinal: n,
                    heading: text.trim().to_string(),
                    text: String::new(),
                    source: source.clone(),
                    parts: Vec::new(),
                });
                current = Some(report.sections.len() - 1);
                continue;
            }
        }
        match current.and_then(|i| report.sections.get_mut(i)) {
            Some(sec) => {
                if !sec.text.is_empty() {
                    sec.text.push('\n');
                }
                sec.parts.push((sec.text.len(), source.clone()));
                sec.text.push_str(text.trim());
            }
            None => {
                if report.title.is_none() && text.contains("报告") && text.chars().count() < 200 {
                    let mut title: String = text.trim().chars().take(100).collect();
                    // A title broken across lines (PDF conversion):
                    // 2024 年上海市科委政府信息公开工作 / 年度报告.
                    let prev = report.preamble.lines().next_back().unwrap_or("");
                    if year_in_title(&title).is_none()
                        && year_in_title(prev).is_some()
                        && prev.chars().count() < 60
                    {
                        title = format!("{}{}", prev.trim(), title);
                    }
                    report.title = Some(title);
                }
                if !report.preamble.is_empty() {
                    report.preamble.push('\n');
                }
                report
                    .preamble_parts
                    .push((report.preamble.len(), source.clone()));
                report.preamble.push_str(text.trim());
            }
        }
    }
    if let Some(y) = report.title.as_deref().and_then(year_in_title) {
        report.year = Some(y);
        report.year_source = Some("title");
    } else if let Some(y) = period_year(&report.preamble) {
        report.year = Some(y);
        report.year_source = Some("period");
    }
}

/// The report year in a title: the first `20xx年` (`2020年度`, `2020 年`).
pub fn year_in_title(title: &str) -> Option<i32> {
    years_in(title).next()
}

/// Every plausible year (1990–2099) followed by 年 in a text.
pub fn years_in(text: &str) -> impl Iterator<Item = i32> + '_ {
    let folded: Vec<char> = text.chars().map(crate::model::value::fold_width).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= folded.len() {
        let w = &folded[i..i + 4];
        let before_ok = i == 0 || !folded[i - 1].is_ascii_digit();
        if before_ok && w.iter().all(|c| c.is_ascii_digit()) {
            let mut j = i + 4;
            while j < folded.len() && folded[j] == ' ' {
                j += 1;
            }
            if folded.get(j) == Some(&'年') {
                let y: String = w.iter().collect();
                if let Ok(y) = y.parse::<i32>() {
                    if (1990..2100).contains(&y) {
                        out.push(y);
                    }
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out.into_iter()
}

/// The year of the statistics period: 统计期限自2020年1月1日起至2020年12月31日止.
pub fn period_year(text: &str) -> Option<i32> {
    let idx = text.find("统计")?;
    let rest: String = text[idx..].chars().take(60).collect();
    let y = years_in(&rest).next();
    y
}

// ------------------------------------------------------------ classification

fn grid_stems(g: &Grid) -> String {
    let mut s = String::new();
    for row in g.rows.iter().take(400) {
        for c in row.iter().filter(|c| c.origin) {
            let st = stem(&c.text);
            // Prose in a page-layout cell is not a table label.
            if st.chars().count() > 120 {
                continue;
            }
            s.push_str(&st);
            s.push('|');
        }
    }
    s
}

enum FlatOrBlock<'a> {
    Flat(&'a Grid),
    Block(&'a Block),
}

enum BlockRef<'a> {
    Table(&'a Grid),
    Para(&'a str),
}

/// Table 2 blocks that PDF conversion flattened into prose lines:
/// `信息内容本年处理决定数量` then `行政许可 97`, `行政处罚 0` … — a header
/// line naming one column, then lines of a row label (of table 2) and one
/// number. Returns (first block, end block, the grid they make).
fn flattened_tables(doc: &Document) -> Vec<(usize, usize, Grid)> {
    let mut out = Vec::new();
    let mut bi = 0;
    while bi < doc.blocks.len() {
        let Some(Block::Para { text, source }) = doc.blocks.get(bi) else {
            bi += 1;
            continue;
        };
        let t = text.trim();
        let Some(col) = t.strip_prefix("信息内容") else {
            bi += 1;
            continue;
        };
        let col = col.trim();
        let single = [
            "本年处理决定数量",
            "本年收费金额",
            "处理决定数量",
            "采购项目数量",
        ]
        .iter()
        .any(|k| col.starts_with(k))
            && !col.contains("本年制发");
        if !single {
            bi += 1;
            continue;
        }
        let mut rows = vec![vec![
            flat_cell("信息内容", source, 0, 0, 0),
            flat_cell(col, source, offset_in(text, col), 0, 1),
        ]];
        let mut end = bi + 1;
        while let Some(Block::Para { text, source }) = doc.blocks.get(end) {
            let Some((label, value)) = text.trim().rsplit_once(' ') else {
                break;
            };
            let label = label.trim();
            if block_from_row(&stem(label)).is_none() || !is_valueish(value) || value.is_empty() {
                break;
            }
            let r = u32::try_from(rows.len()).unwrap_or(u32::MAX);
            rows.push(vec![
                flat_cell(label, source, offset_in(text, label), r, 0),
                flat_cell(value, source, offset_in(text, value), r, 1),
            ]);
            end += 1;
        }
        if rows.len() > 1 {
            let g = Grid {
                index: u32::MAX,
                rows,
                source: source.clone(),
            };
            out.push((bi, end, g));
        }
        bi = end.max(bi + 1);
    }
    out
}

/// Byte offset of `part` (a subslice) in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// A cell of a flattened table: its text at `offset` bytes into the
/// paragraph (exact for Markdown and text, whose paragraphs are their bytes;
/// an HTML paragraph keeps the paragraph's span).
fn flat_cell(text: &str, para: &Source, offset: usize, row: u32, col: u32) -> GridCell {
    let mut source = para.clone();
    let exact = matches!(para.kind, SourceKind::Markdown | SourceKind::Text);
    if let (Some([a, _]), true) = (para.span, exact) {
        let a = a.saturating_add(u32::try_from(offset).unwrap_or(0));
        let len = u32::try_from(text.len()).unwrap_or(0);
        source.span = Some([a, a.saturating_add(len)]);
    }
    source.row = Some(row);
    source.col = Some(col);
    GridCell::single(text.to_string(), row, col, source)
}

/// A grid of a table run, with the caption paragraphs before it.
struct Part<'a> {
    grid: &'a Grid,
    caption: String,
}

fn classify(g: &Grid, caption: &str) -> Option<TableId> {
    let s = grid_stems(g);
    let with_caption = format!("{caption}{s}");
    if s.contains("本年新收")
        || (s.contains("予以公开") && (s.contains("不予公开") || s.contains("自然人")))
        || (s.contains("自然人") && s.contains("商业企业"))
    {
        return Some(TableId::T3);
    }
    if with_caption.contains("行政复议") && (s.contains("维持") || s.contains("纠正")) {
        return Some(TableId::T4);
    }
    if (caption.contains("行政诉讼") || caption.contains("起诉"))
        && s.contains("维持")
        && s.contains("尚未审结")
    {
        return Some(TableId::T4);
    }
    if s.contains("信息内容")
        && ["本年制发", "新制作", "处理决定", "收费金额", "采购"]
            .iter()
            .any(|k| s.contains(k))
    {
        return Some(TableId::T2);
    }
    if s.contains("第二十条")
        || (s.contains("信息内容")
            && ["规章", "行政许可", "行政处罚", "集中采购", "事业性收费"]
                .iter()
                .any(|k| s.contains(k)))
    {
        return Some(TableId::T2);
    }
    None
}

/// A grid with no header of its own that continues the previous table.
fn continues(g: &Grid, t: TableId) -> bool {
    let s = grid_stems(g);
    let mask = ids::char_mask_of(&s);
    match t {
        TableId::T3 => {
            ids::T3_ROWS_2021
                .iter()
                .chain(ids::T3_ROWS_2019)
                .any(|r| !r.stems.is_empty() && item_in(&s, mask, r))
                // Rows of numbers whose labels a converter moved out of the
                // table: still part of it (read as rows without a label).
                || g.rows.iter().all(|r| {
                    let d = distinct(r);
                    d.len() >= ids::T3_COLUMNS.len() && d.iter().all(|c| is_valueish(&c.text))
                })
        }
        TableId::T2 => ids::T2_2019
            .iter()
            .chain(ids::T2_2021)
            .flat_map(|b| b.rows)
            .any(|r| item_in(&s, mask, r)),
        TableId::T4 => false,
    }
}

// ------------------------------------------------------------------ helpers

fn row_source(cells: &[&GridCell]) -> Source {
    cells.first().map(|c| c.source.clone()).unwrap_or_default()
}

/// Cells of a row with span copies of the same cell collapsed.
fn distinct(row: &[GridCell]) -> Vec<&GridCell> {
    let mut out: Vec<&GridCell> = Vec::with_capacity(row.len());
    for c in row {
        if out
            .last()
            .is_some_and(|p| p.col_start == c.col_start && p.row_start == c.row_start && !c.origin)
        {
            continue;
        }
        out.push(c);
    }
    out
}

fn is_valueish(text: &str) -> bool {
    // Plain digits, the usual value cell, parse as a number (or as one too
    // large, which counts too): no need to run the parser to know it.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let p = crate::model::parse_cell(text, ValueKind::SignedCount);
    p.state != CellState::Text || {
        // "22（其中…）" and similar still count as values.
        p.reason == Some(crate::model::value::TextReason::TooLarge)
    }
}

/// Whether one of the item's stems is in `s` (`matches_any`), skipping the
/// stems with a character `s` lacks (`mask`: `s`'s [`ids::char_mask_of`]).
fn item_in(s: &str, mask: u64, it: &Item) -> bool {
    it.mask & !mask == 0 && it.stems.iter().any(|st| has(s, st))
}

fn best_item<'a>(items: impl Iterator<Item = &'a Item>, s: &str) -> Option<&'a Item> {
    let mut best: Option<(&Item, usize)> = None;
    // An item with a character in all its stems that the label lacks is
    // not searched for (most are not: a row label is matched against every
    // row's stems).
    let mask = ids::char_mask_of(s);
    for it in items.filter(|it| it.mask & !mask == 0) {
        // Spec stems are normalised already (tested in model::ids).
        for st in it.stems {
            if !st.is_empty() && has(s, st) && best.is_none_or(|(_, l)| st.len() > l) {
                best = Some((it, st.len()));
            }
        }
    }
    best.map(|(i, _)| i)
}

fn issue(rule: &'static str, table: TableId, detail: String, source: Source) -> ReadIssue {
    ReadIssue {
        rule,
        table: Some(table),
        block: None,
        row: None,
        column: None,
        detail,
        source,
    }
}

/// Hashes of the places a table already has a cell at: a table-3 grid has
/// ≈ 300 cells, and comparing each new cell's ids with every cell's was 12 %
/// of a check in the wasm. A hash seen before is confirmed against the cells
/// (a collision is not a duplicate). A list of numbers, not a `HashSet`: as
/// fast at this size, and no hash-table code in the wasm for it. The hashes
/// are [`place_hash`](crate::model::place_hash)'s.
type Placed = Vec<u64>;

#[allow(clippy::too_many_arguments)]
fn push_cell(
    table: &mut Table,
    placed: &mut Placed,
    issues: &mut Vec<ReadIssue>,
    block: Option<&'static str>,
    row: &'static str,
    column: &'static str,
    kind: ValueKind,
    gc: &GridCell,
) {
    let hash = crate::model::place_hash(table.id, block, row, column);
    if placed.contains(&hash) && table.cell(block, row, column).is_some() {
        issues.push(ReadIssue {
            rule: "structure/row-unknown",
            table: Some(table.id),
            block,
            row: Some(row),
            column: Some(column),
            detail: format!("duplicate:{}", gc.text),
            source: gc.source.clone(),
        });
        return;
    }
    placed.push(hash);
    table.cells.push(Cell::new(
        table.id,
        block,
        row,
        column,
        kind,
        gc.text.clone(),
        gc.source.clone(),
    ));
}

// ------------------------------------------------------------------ table 3

fn read_t3(parts: &[Part], issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(
        TableId::T3,
        parts
            .first()
            .map(|p| p.grid.source.clone())
            .unwrap_or_default(),
    );
    let mut placed = Placed::default();
    let ncols = ids::T3_COLUMNS.len();
    let mut group = String::new();
    let mut seen_2021_other = false;
    let mut seen_2019_other = false;
    let mut header_cols: Option<Vec<Option<&'static str>>> = None;
    let mut events: Vec<T3Event> = Vec::new();

    for part in parts {
        let caption: String = part.caption.chars().filter(|c| *c != '|').collect();
        if caption.contains("六其他处理") {
            group = "六其他处理".to_string();
        }
        for (ri, row) in part.grid.rows.iter().enumerate() {
            let mut cells = distinct(row);
            // Converters add an empty cell after the 总计 column: drop
            // trailing blanks beyond the seven value columns.
            while cells.len() > ncols + 1
                && cells.last().is_some_and(|c| stem_is_empty(&c.text))
                && cells
                    .iter()
                    .rev()
                    .take_while(|c| is_valueish(&c.text))
                    .count()
                    > ncols
            {
                cells.pop();
            }
            let texts: Vec<Cow<'_, str>> = cells.iter().map(|c| stem(&c.text)).collect();
            // Header rows name columns, not rows.
            if texts
                .iter()
                .any(|t| t.contains("自然人") || t.contains("商业企业"))
            {
                if let Some(cols) = t3_header_columns(row) {
                    header_cols = Some(cols);
                }
                continue;
            }
            // Split into label cells and trailing value cells.
            let n_values = cells
                .iter()
                .rev()
                .take_while(|c| is_valueish(&c.text))
                .count()
                .min(ncols);
            let (labels, values) = cells.split_at(cells.len() - n_values);
            // `labels` is `cells[..labels.len()]`, so `texts` holds their stems
            // at the same indices (no search: a row may have a million cells).
            let label_stems: Vec<&str> = texts[..labels.len()]
                .iter()
                .map(|t| t.as_ref())
                .filter(|s| !s.is_empty())
                .collect();
            let own = label_stems.last().copied().unwrap_or("");
            if label_stems.len() >= 2 {
                group = label_stems[label_stems.len() - 2].to_string();
            }
            if own.starts_with("三不予公开")
                || own.starts_with("四无法提供")
                || own.starts_with("五不予处理")
                || own == "三本年度办理结果"
            {
                group = own.to_string();
            }
            if own.is_empty() && values.is_empty() {
                continue;
            }
            let mut row_id = t3_row(own, &group).or_else(|| {
                // A label split over cells (缴纳费用、 | 行政机关不再处理其政).
                let joined: String = label_stems.concat();
                (label_stems.len() > 1)
                    .then(|| t3_row(&joined, &group))
                    .flatten()
            });
            // A row of numbers without a label, first in its table, right
            // after a caption naming exactly one row not yet read: that row.
            if row_id.is_none() && label_stems.is_empty() && ri == 0 && values.len() == ncols {
                let named: Vec<&'static str> = ids::T3_ROWS_2021
                    .iter()
                    .filter(|r| !r.stems.is_empty() && matches_any(&caption, r.stems))
                    .map(|r| r.id)
                    .collect();
                if let [only] = named.as_slice() {
                    if !table.has_row(None, only) {
                        row_id = Some(only);
                    }
                }
            }
            let Some(row_id) = row_id else {
                // Rows without a number (header fragments) are not rows.
                if values.iter().any(|c| parse_has_number(&c.text)) {
                    let label = labels
                        .iter()
                        .map(|c| c.text.trim())
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" / ");
                    events.push(T3Event::Loose {
                        stem: label_stems.concat(),
                        values: values.to_vec(),
                        header: header_cols.clone(),
                        extra: Box::new(ExtraRow {
                            label: if label.is_empty() {
                                "（无行名）".to_string()
                            } else {
                                label
                            },
                            values: values.iter().map(|c| c.text.clone()).collect(),
                            source: row_source(&cells),
                        }),
                    });
                }
                continue;
            };
            if row_id == "other" {
                // 2021 writes （六）其他处理 as a group of three rows.
                if values.is_empty() {
                    group = own.to_string();
                    continue;
                }
                seen_2019_other = true;
            }
            if values.is_empty() {
                // A header row that names a row (a converter's 总计 column
                // title): no cells to read.
                continue;
            }
            if row_id.starts_with("other_") {
                seen_2021_other = true;
                group = "六其他处理".to_string();
            }
            events.push(T3Event::Placed(row_id));
            place_t3_row(
                &mut table,
                &mut placed,
                issues,
                row_id,
                values,
                header_cols.as_deref(),
            );
        }
    }
    table.format = match (seen_2019_other, seen_2021_other) {
        (true, false) => Some(Format::F2019),
        (false, true) => Some(Format::F2021),
        _ => None,
    };
    place_loose_rows(&mut table, &mut placed, issues, events);
    table
}

/// Table 3 rows in document order, for placing rows whose labels a
/// converter moved away.
enum T3Event<'a> {
    Placed(&'static str),
    Loose {
        stem: String,
        values: Vec<&'a GridCell>,
        header: Option<Vec<Option<&'static str>>>,
        extra: Box<ExtraRow>,
    },
}

/// Places value cells on a row: by header position where the header named
/// the columns, else by the official order, right-aligned (总计 is last).
fn place_t3_row(
    table: &mut Table,
    placed: &mut Placed,
    issues: &mut Vec<ReadIssue>,
    row_id: &'static str,
    values: &[&GridCell],
    header: Option<&[Option<&'static str>]>,
) {
    let ncols = ids::T3_COLUMNS.len();
    if values.len() < ncols {
        issues.push(ReadIssue {
            rule: "structure/column-missing",
            table: Some(TableId::T3),
            block: None,
            row: Some(row_id),
            column: None,
            detail: format!("{}/{}", values.len(), ncols),
            source: values.first().map(|c| c.source.clone()).unwrap_or_default(),
        });
    }
    let offset = ncols.saturating_sub(values.len());
    for (i, gc) in values.iter().enumerate() {
        let by_header = header.and_then(|h| h.get(gc.col_start as usize).copied().flatten());
        let col = by_header.or_else(|| ids::T3_COLUMNS.get(offset + i).map(|c| c.item.id));
        if let Some(col) = col {
            push_cell(
                table,
                placed,
                issues,
                None,
                row_id,
                col,
                ValueKind::Count,
                gc,
            );
        }
    }
}

/// Rows of numbers whose labels a PDF converter moved out of the table
/// (Shanghai): between two rows that were placed, the format fixes which
/// rows are missing. When a run of such rows is exactly as long as the run
/// of missing rows between the same neighbours, and every label it kept
/// fits, the rows are those, in the format's order. Anything else stays an
/// extra row (`structure/row-unknown`): never a guess.
fn place_loose_rows(
    table: &mut Table,
    placed: &mut Placed,
    issues: &mut Vec<ReadIssue>,
    events: Vec<T3Event>,
) {
    let format = table.format.unwrap_or(Format::F2021);
    let order: Vec<&'static str> = ids::t3_rows(format).iter().map(|r| r.id).collect();
    let index = |id: &str| order.iter().position(|r| *r == id);
    let mut run: Vec<T3Event> = Vec::new();
    let mut prev: Option<usize> = None;
    let mut events = events.into_iter().peekable();
    loop {
        let next = events.next();
        match next {
            Some(T3Event::Placed(id)) if run.is_empty() => prev = index(id).or(prev),
            Some(e @ T3Event::Loose { .. }) => run.push(e),
            other => {
                // A run ends at a placed row or at the end of the table.
                let next_idx = match &other {
                    Some(T3Event::Placed(id)) => index(id),
                    _ => Some(order.len()),
                };
                if !run.is_empty() {
                    let from = prev.map_or(0, |p| p + 1);
                    let to = next_idx.unwrap_or(from).max(from);
                    let missing: Vec<&'static str> = order
                        [from.min(order.len())..to.min(order.len())]
                        .iter()
                        .copied()
                        .filter(|r| !table.has_row(None, r))
                        .collect();
                    let fits = missing.len() == run.len()
                        && next_idx.is_some()
                        && run.iter().zip(&missing).all(|(e, id)| match e {
                            T3Event::Loose { stem, .. } => label_fits(stem, id, format),
                            T3Event::Placed(_) => false,
                        });
                    for (e, id) in run
                        .drain(..)
                        .zip(missing.iter().map(Some).chain(std::iter::repeat(None)))
                    {
                        if let T3Event::Loose {
                            values,
                            header,
                            extra,
                            ..
                        } = e
                        {
                            match id.filter(|_| fits) {
                                Some(id) => place_t3_row(
                                    table,
                                    placed,
                                    issues,
                                    id,
                                    &values,
                                    header.as_deref(),
                                ),
                                None => table.extra_rows.push(*extra),
                            }
                        }
                    }
                }
                match other {
                    Some(T3Event::Placed(id)) => prev = index(id).or(prev),
                    None => break,
                    Some(T3Event::Loose { .. }) => {}
                }
            }
        }
    }
}

/// Whether what is left of a row's label fits the row: no label, or a
/// fragment of its official label (行政机关不再处理其政府信息公, 3.其他).
fn label_fits(stem_label: &str, id: &str, format: Format) -> bool {
    if stem_label.is_empty() {
        return true;
    }
    let Some(item) = ids::t3_rows(format).iter().find(|r| r.id == id) else {
        return false;
    };
    let official = stem(item.zh);
    let bare = strip_ordinal(stem_label);
    // With its ordinal (3其他) the label must match with it.
    bare.chars().count() >= 2 && official.contains(stem_label)
}

fn parse_has_number(t: &str) -> bool {
    crate::model::parse_cell(t, ValueKind::SignedCount)
        .state
        .has_number()
}

/// Column ids by grid column, from a header row naming all seven columns.
fn t3_header_columns(row: &[GridCell]) -> Option<Vec<Option<&'static str>>> {
    // One slot per grid column of the row (a host-sent document may carry
    // any `col` value: never size a buffer from it).
    let mut out = vec![None; row.len()];
    let mut found = 0;
    for c in row.iter().filter(|c| c.origin) {
        let s = stem(&c.text);
        let id = match s.as_ref() {
            x if x.contains("自然人") => "natural",
            x if x.contains("商业企业") => "commercial",
            x if x.contains("科研机构") => "research",
            x if x.contains("社会公益") => "nonprofit",
            x if x.contains("法律服务") => "legal",
            "其他" => "other",
            x if x == "总计" || x == "合计" => "total",
            _ => continue,
        };
        for slot in out
            .iter_mut()
            .skip(c.col_start as usize)
            .take(c.colspan.max(1) as usize)
        {
            *slot = Some(id);
        }
        found += 1;
    }
    (found == ids::T3_COLUMNS.len()).then_some(out)
}

fn t3_row(own: &str, group: &str) -> Option<&'static str> {
    if own.is_empty() {
        return None;
    }
    let bare = strip_ordinal(own);
    // 3．其他 under （六）其他处理.
    if bare == "其他" {
        return (group.contains("其他处理")).then_some("other_other");
    }
    if own.contains("申请人情况") || own.contains("法人或其他组织") {
        return None;
    }
    let all = ids::T3_ROWS_2021
        .iter()
        .chain(ids::T3_ROWS_2019.iter().filter(|r| r.id == "other"));
    best_item(all, own).map(|i| i.id)
}

// ------------------------------------------------------------------ table 4

fn read_t4(parts: &[Part], issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(
        TableId::T4,
        parts
            .first()
            .map(|p| p.grid.source.clone())
            .unwrap_or_default(),
    );
    let mut placed = Placed::default();
    let n = ids::T4_GROUPS.len() * ids::T4_COLUMNS.len();
    let mut data: Option<(Vec<&GridCell>, Source)> = None;
    // Table 4 written as one table per group, each under its caption
    // (行政复议 · 行政诉讼（未经复议直接起诉） · 行政诉讼（复议后起诉）).
    let mut groups: Vec<(&'static Item, Vec<&GridCell>)> = Vec::new();
    for part in parts {
        let group = last_caption(&part.caption)
            .and_then(|c| best_item(ids::T4_GROUPS.iter(), c))
            .filter(|_| {
                part.grid
                    .rows
                    .iter()
                    .all(|r| distinct(r).len() <= ids::T4_COLUMNS.len() + 1)
            });
        for row in &part.grid.rows {
            let mut cells = distinct(row);
            // Ghost cells after the last value (wangEditor, Word).
            while cells.last().is_some_and(|c| stem_is_empty(&c.text))
                && cells
                    .iter()
                    .rev()
                    .take_while(|c| is_valueish(&c.text))
                    .count()
                    > n
            {
                cells.pop();
            }
            let trailing = cells
                .iter()
                .rev()
                .take_while(|c| is_valueish(&c.text))
                .count();
            let has_number = cells.iter().any(|c| parse_has_number(&c.text));
            if let Some(gr) = group {
                if trailing >= ids::T4_COLUMNS.len()
                    && has_number
                    && groups.iter().all(|(g, _)| g.id != gr.id)
                {
                    let k = ids::T4_COLUMNS.len();
                    groups.push((gr, cells[cells.len() - k..].to_vec()));
                }
                continue;
            }
            if trailing >= ids::T4_COLUMNS.len() && has_number && data.is_none() {
                let vals: Vec<&GridCell> = cells[cells.len() - trailing.min(n)..].to_vec();
                data = Some((vals, row_source(&cells)));
            }
        }
    }
    if data.is_none() && !groups.is_empty() {
        for (g, vals) in groups {
            for (gc, c) in vals.iter().zip(ids::T4_COLUMNS) {
                push_cell(
                    &mut table,
                    &mut placed,
                    issues,
                    None,
                    g.id,
                    c.item.id,
                    c.kind,
                    gc,
                );
            }
        }
        return table;
    }
    let Some((vals, source)) = data else {
        issues.push(issue(
            "structure/row-missing",
            TableId::T4,
            "no-data-row".into(),
            table.source.clone(),
        ));
        return table;
    };
    if vals.len() < n {
        issues.push(ReadIssue {
            rule: "structure/column-missing",
            table: Some(TableId::T4),
            block: None,
            row: None,
            column: None,
            detail: format!("{}/{}", vals.len(), n),
            source,
        });
    }
    for (i, gc) in vals.iter().enumerate() {
        let g = &ids::T4_GROUPS[i / ids::T4_COLUMNS.len()];
        let c = &ids::T4_COLUMNS[i % ids::T4_COLUMNS.len()];
        push_cell(
            &mut table,
            &mut placed,
            issues,
            None,
            g.id,
            c.item.id,
            c.kind,
            gc,
        );
    }
    table
}

// ------------------------------------------------------------------ table 2

fn block_from_caption(s: &str) -> Option<&'static str> {
    let i = s.find("第二十条")?;
    let rest = &s[i + "第二十条".len()..];
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let c = rest.chars().next()?;
    Some(match c {
        '一' | '1' => "item1",
        '五' | '5' => "item5",
        '六' | '6' => "item6",
        '八' | '8' => "item8",
        '九' | '9' => "item9",
        _ => return None,
    })
}

fn block_from_row(s: &str) -> Option<&'static str> {
    let mask = ids::char_mask_of(s);
    for f in [Format::F2021, Format::F2019] {
        for b in ids::t2_blocks(f) {
            if b.rows.iter().any(|r| item_in(s, mask, r)) {
                return Some(b.id);
            }
        }
    }
    None
}

struct T2Header {
    block: &'static str,
    format: Option<Format>,
    /// (first grid column, last grid column exclusive, column id, kind)
    cols: Vec<(u32, u32, &'static str, ValueKind)>,
}

fn t2_header(block: &'static str, row: &[GridCell]) -> Option<T2Header> {
    let mut cols = Vec::new();
    let mut votes = (0u32, 0u32);
    for c in row.iter().filter(|c| c.origin) {
        let s = stem(&c.text);
        if s.is_empty() {
            continue;
        }
        let hit = [ids::T2_2021, ids::T2_2019].into_iter().find_map(|blocks| {
            let b = blocks.iter().find(|b| b.id == block)?;
            let item = best_item(b.cols.iter().map(|c| &c.item), &s)?;
            b.cols.iter().find(|c| c.item.id == item.id)
        });
        if let Some(col) = hit {
            match column_tells_format(col.item.id, &s) {
                Some(Format::F2021) => votes.0 += 1,
                Some(Format::F2019) => votes.1 += 1,
                None => {}
            }
            // The first header cell naming a column wins: keeps the list as
            // short as the block's columns however wide the row is.
            if cols
                .iter()
                .all(|x: &(u32, u32, &str, ValueKind)| x.2 != col.item.id)
            {
                cols.push((
                    c.col_start,
                    c.col_start.saturating_add(c.colspan.max(1)),
                    col.item.id,
                    col.kind,
                ));
            }
        }
    }
    if cols.is_empty() {
        return None;
    }
    let format = match votes {
        (a, 0) if a > 0 => Some(Format::F2021),
        (0, b) if b > 0 => Some(Format::F2019),
        _ => None,
    };
    Some(T2Header {
        block,
        format,
        cols,
    })
}

/// Whether a header label tells the format: 制发/废止/现行有效/收费金额/本年处理决定
/// are 2021; 新制作/新公开/公开总数/上一年项目/增减/采购 are 2019.
fn column_tells_format(id: &str, s: &str) -> Option<Format> {
    match id {
        "issued" | "repealed" | "in_force" => Some(Format::F2021),
        "amount" if s.contains("收费") => Some(Format::F2021),
        "amount" | "projects" | "made" | "published" | "total_public" | "prev_items" | "change" => {
            Some(Format::F2019)
        }
        "decisions" if s.contains("本年处理决定") => Some(Format::F2021),
        _ => None,
    }
}

fn read_t2(parts: &[Part], issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(
        TableId::T2,
        parts
            .first()
            .map(|p| p.grid.source.clone())
            .unwrap_or_default(),
    );
    let mut placed = Placed::default();
    let mut block: Option<&'static str> = None;
    let mut header: Option<T2Header> = None;
    let mut votes = (0u32, 0u32);
    for (pi, part) in parts.iter().enumerate() {
        let g = part.grid;
        // Each grid after the first starts afresh: its caption paragraph
        // (第二十条第（五）项) names the block, else its header or rows do.
        let cap = part
            .caption
            .rfind("第二十条")
            .and_then(|i| block_from_caption(&part.caption[i..]));
        if cap.is_some() || pi > 0 {
            block = cap;
        }
        for (ri, row) in g.rows.iter().enumerate() {
            let cells = distinct(row);
            let joined: String = cells.iter().map(|c| stem(&c.text)).collect();
            if joined.is_empty() {
                continue;
            }
            if let Some(b) = block_from_caption(&joined) {
                block = Some(b);
                header = None;
                continue;
            }
            if joined.contains("信息内容")
                || (header.is_none() && cells.iter().skip(1).all(|c| !is_valueish(&c.text)))
            {
                let b = guess_block_from_header(&joined)
                    .or(block)
                    .or_else(|| block_below(g, ri));
                if let Some(h) = b.and_then(|b| t2_header(b, row)) {
                    match h.format {
                        Some(Format::F2021) => votes.0 += 1,
                        Some(Format::F2019) => votes.1 += 1,
                        None => {}
                    }
                    block = Some(h.block);
                    header = Some(h);
                }
                continue;
            }
            // A data row: label then values.
            let label_cell = cells.iter().find(|c| !stem_is_empty(&c.text));
            let label = label_cell.map(|c| stem(&c.text)).unwrap_or_default();
            let b = block.or_else(|| block_from_row(&label));
            let row_item = b.and_then(|b| {
                let items = ids::T2_2021
                    .iter()
                    .chain(ids::T2_2019)
                    .filter(|x| x.id == b)
                    .flat_map(|x| x.rows);
                best_item(items, &label)
            });
            let (Some(b), Some(item)) = (b, row_item) else {
                table.extra_rows.push(ExtraRow {
                    label: label_cell
                        .map(|c| c.text.trim().to_string())
                        .unwrap_or_default(),
                    values: cells.iter().skip(1).map(|c| c.text.clone()).collect(),
                    source: row_source(&cells),
                });
                continue;
            };
            let label_end = label_cell
                .map(|c| c.col_start.saturating_add(c.colspan.max(1)))
                .unwrap_or(0);
            let Some(h) = header.as_ref().filter(|h| h.block == b) else {
                issues.push(ReadIssue {
                    rule: "structure/column-missing",
                    table: Some(TableId::T2),
                    block: Some(b),
                    row: Some(item.id),
                    column: None,
                    detail: "no-header".into(),
                    source: row_source(&cells),
                });
                continue;
            };
            // A row shorter than its header lost cells (PDF conversion):
            // which one is unknown, so none is placed.
            let row_end = cells
                .iter()
                .map(|c| c.col_start.saturating_add(c.colspan.max(1)))
                .max()
                .unwrap_or(0);
            let header_last = h.cols.iter().map(|(s, _, _, _)| *s).max().unwrap_or(0);
            if row_end <= header_last {
                issues.push(ReadIssue {
                    rule: "structure/row-unknown",
                    table: Some(TableId::T2),
                    block: Some(b),
                    row: Some(item.id),
                    column: None,
                    detail: format!(
                        "short:{}",
                        cells
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join("|")
                    ),
                    source: row_source(&cells),
                });
                continue;
            }
            for gc in cells
                .iter()
                .filter(|c| c.col_start >= label_end && c.origin)
            {
                if let Some(&(_, _, col, kind)) = h
                    .cols
                    .iter()
                    .find(|(s, e, _, _)| gc.col_start >= *s && gc.col_start < *e)
                {
                    if table.cell(Some(b), item.id, col).is_none() {
                        push_cell(
                            &mut table,
                            &mut placed,
                            issues,
                            Some(b),
                            item.id,
                            col,
                            kind,
                            gc,
                        );
                    }
                }
            }
        }
    }
    table.format = match votes {
        (a, 0) if a > 0 => Some(Format::F2021),
        (0, b) if b > 0 => Some(Format::F2019),
        _ => None,
    };
    table
}

/// The block of the first row below `ri` whose label names one.
fn block_below(g: &Grid, ri: usize) -> Option<&'static str> {
    g.rows.iter().skip(ri + 1).find_map(|r| {
        let label = r.iter().map(|c| stem(&c.text)).find(|s| !s.is_empty())?;
        block_from_row(&label)
    })
}

/// The last caption line before a grid.
fn last_caption(caption: &str) -> Option<&str> {
    caption.split('|').rev().find(|l| !l.is_empty())
}

fn guess_block_from_header(s: &str) -> Option<&'static str> {
    if s.contains("制发") || s.contains("新制作") {
        Some("item1")
    } else if s.contains("收费金额") {
        Some("item8")
    } else if s.contains("采购") {
        Some("item9")
    } else {
        None
    }
}

// ------------------------------------------------------------------ format

fn decide_format(report: &Report) -> Option<Format> {
    let formats: Vec<Format> = report.tables.iter().filter_map(|t| t.format).collect();
    // Table 3 decides first (its 其他处理 rows), then table 2's headers.
    report
        .table(TableId::T3)
        .and_then(|t| t.format)
        .or_else(|| formats.first().copied())
}

#[cfg(test)]
mod tests {
    /// `best_item` and `item_in` with the character masks give what
    /// searching every stem gives.
    #[test]
    fn the_mask_filter_finds_what_searching_every_stem_finds() {
        fn plain<'a>(items: impl Iterator<Item = &'a Item>, s: &str) -> Option<&'a Item> {
            let mut best: Option<(&Item, usize)> = None;
            for it in items {
                for st in it.stems {
                    if !st.is_empty() && has(s, st) && best.is_none_or(|(_, l)| st.len() > l) {
                        best = Some((it, st.len()));
                    }
                }
            }
            best.map(|(i, _)| i)
        }
        let tables: Vec<Vec<&Item>> = vec![
            ids::T3_ROWS_2021.iter().chain(ids::T3_ROWS_2019).collect(),
            ids::T4_GROUPS.iter().collect(),
            ids::T2_2021
                .iter()
                .chain(ids::T2_2019)
                .flat_map(|b| b.rows)
                .collect(),
            ids::T2_2021
                .iter()
                .chain(ids::T2_2019)
                .flat_map(|b| b.cols.iter().map(|c| &c.item))
                .collect(),
        ];
        // Labels: every official label's stem, every stem, and pieces and
        // pairs of them (a fixed pseudo-random walk).
        let mut labels: Vec<String> = Vec::new();
        for items in &tables {
            for it in items {
                labels.push(stem(it.zh).into_owned());
                labels.extend(it.stems.iter().map(|s| s.to_string()));
            }
        }
        let base = labels.clone();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a: Vec<char> = base[(x % base.len() as u64) as usize].chars().collect();
            let b = &base[((x >> 20) % base.len() as u64) as usize];
            let from = (x >> 40) as usize % (a.len() + 1);
            let to = from + ((x >> 50) as usize % (a.len() - from + 1));
            let piece: String = a[from..to].iter().collect();
            labels.push(format!("{piece}{b}"));
            labels.push(piece);
        }
        for items in &tables {
            for l in &labels {
                let want = plain(items.iter().copied(), l).map(|i| i.id);
                let got = best_item(items.iter().copied(), l).map(|i| i.id);
                assert_eq!(got, want, "{l}");
                let mask = ids::char_mask_of(l);
                for it in items {
                    assert_eq!(
                        item_in(l, mask, it),
                        matches_any(l, it.stems),
                        "{l} {}",
                        it.id
                    );
                }
            }
        }
    }

    #[test]
    fn plain_digits_are_valueish_as_the_parser_says() {
        for t in [
            "0",
            "7",
            "00",
            "0012",
            "123456789012345678901234567890123456789",
        ] {
            let p = crate::model::parse_cell(t, ValueKind::SignedCount);
            let parsed = p.state != CellState::Text
                || p.reason == Some(crate::model::value::TextReason::TooLarge);
            assert!(parsed && is_valueish(t), "{t}");
        }
        assert!(!is_valueish("（一）予以公开"));
    }

    use super::*;

    #[test]
    fn section_headings_by_ordinal_and_keywords() {
        let none = |_| false;
        assert_eq!(
            section_heading("五、政府信息公开工作存在的主要问题及改进情况", none),
            Some(5)
        );
        assert_eq!(section_heading("六、其他事项", none), Some(6));
        assert_eq!(
            section_heading("一是相关公开责任还不是很明确。", none),
            None
        );
        // Own numbering: the words name the section.
        assert_eq!(section_heading("一、主动公开政府信息情况", none), Some(2));
        assert_eq!(
            section_heading("一、主动公开政府信息情况", |k| k == 2),
            None
        );
        assert_eq!(
            section_heading("二、上年结转政府信息公开申请数量", none),
            None
        );
    }
}
