//! Recognition: a [`Document`] (prose + grids, from any reader) becomes a
//! [`Report`] with canonical ids.
//!
//! Tables are found by their labels, not their position; rows by label stems
//! (see [`label`](super::label)); columns by header stems where the header
//! tells and by the official column order where it does not. What cannot be
//! placed is kept as an extra row or a read issue, never guessed.

use super::label::{matches_any, stem, strip_ordinal};
use super::{Block, Document, Grid, GridCell};
use crate::model::ids::{self, Format, Item, TableId};
use crate::model::{
    Cell, CellState, ExtraRow, ReadIssue, Report, Section, Source, Table, ValueKind,
};

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
    let mut runs: Vec<(TableId, Vec<&Grid>)> = Vec::new();
    let mut last: Option<TableId> = None;
    for block in &doc.blocks {
        match block {
            Block::Table(g) => {
                let kind = classify(g).or(match last {
                    // A continuation without its own header: rows only.
                    Some(t) if continues(g, t) => Some(t),
                    _ => None,
                });
                match kind {
                    Some(t) if last == Some(t) => {
                        if let Some(run) = runs.last_mut() {
                            run.1.push(g);
                        }
                    }
                    Some(t) => {
                        if runs.iter().all(|(id, _)| *id != t) {
                            runs.push((t, vec![g]));
                            last = Some(t);
                        } else {
                            last = None;
                        }
                    }
                    None => last = None,
                }
            }
            Block::Para { text, .. } => {
                // Short captions (表三, page footers) between parts of a split
                // table keep the run open; real prose closes it.
                if stem(text).chars().count() > 30 {
                    last = None;
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
    report.tables.sort_by_key(|t| t.id);
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

fn section_heading(text: &str) -> Option<u8> {
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
    SECTION_KEYWORDS[usize::from(n - 1)]
        .iter()
        .any(|k| s.contains(k))
        .then_some(n)
}

fn read_prose(doc: &Document, report: &mut Report) {
    let mut current: Option<usize> = None;
    for block in &doc.blocks {
        let Block::Para { text, source } = block else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        if let Some(n) = section_heading(text) {
            if report.section(n).is_none() {
                report.sections.push(Section {
                    ordinal: n,
                    heading: text.trim().to_string(),
                    text: String::new(),
                    source: source.clone(),
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
                sec.text.push_str(text.trim());
            }
            None => {
                if report.title.is_none() && text.contains("报告") && text.chars().count() < 200 {
                    let title: String = text.trim().chars().take(100).collect();
                    report.title = Some(title);
                }
                if !report.preamble.is_empty() {
                    report.preamble.push('\n');
                }
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
            s.push_str(&stem(&c.text));
            s.push('|');
        }
    }
    s
}

fn classify(g: &Grid) -> Option<TableId> {
    let s = grid_stems(g);
    if s.contains("本年新收")
        || (s.contains("予以公开") && (s.contains("不予公开") || s.contains("自然人")))
        || (s.contains("自然人") && s.contains("商业企业"))
    {
        return Some(TableId::T3);
    }
    if s.contains("行政复议") && (s.contains("维持") || s.contains("纠正")) {
        return Some(TableId::T4);
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
    match t {
        TableId::T3 => ids::T3_ROWS_2021
            .iter()
            .chain(ids::T3_ROWS_2019)
            .any(|r| !r.stems.is_empty() && matches_any(&s, r.stems)),
        TableId::T2 => ids::T2_2019
            .iter()
            .chain(ids::T2_2021)
            .flat_map(|b| b.rows)
            .any(|r| matches_any(&s, r.stems)),
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
    let p = crate::model::parse_cell(text, ValueKind::SignedCount);
    p.state != CellState::Text || {
        // "22（其中…）" and similar still count as values.
        p.reason == Some(crate::model::value::TextReason::TooLarge)
    }
}

fn best_item<'a>(items: impl Iterator<Item = &'a Item>, s: &str) -> Option<&'a Item> {
    let mut best: Option<(&Item, usize)> = None;
    for it in items {
        for st in it.stems {
            let st = stem(st);
            if !st.is_empty() && s.contains(&st) && best.is_none_or(|(_, l)| st.len() > l) {
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

fn push_cell(
    table: &mut Table,
    issues: &mut Vec<ReadIssue>,
    block: Option<&'static str>,
    row: &'static str,
    column: &'static str,
    kind: ValueKind,
    gc: &GridCell,
) {
    if table.cell(block, row, column).is_some() {
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

fn read_t3(grids: &[&Grid], issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(
        TableId::T3,
        grids.first().map(|g| g.source.clone()).unwrap_or_default(),
    );
    let ncols = ids::T3_COLUMNS.len();
    let mut group = String::new();
    let mut seen_2021_other = false;
    let mut seen_2019_other = false;
    let mut header_cols: Option<Vec<Option<&'static str>>> = None;

    for g in grids {
        for row in &g.rows {
            let cells = distinct(row);
            let texts: Vec<String> = cells.iter().map(|c| stem(&c.text)).collect();
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
                .map(String::as_str)
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
            let Some(row_id) = t3_row(own, &group) else {
                if values.iter().any(|c| parse_has_number(&c.text)) || !values.is_empty() {
                    table.extra_rows.push(ExtraRow {
                        label: labels
                            .iter()
                            .map(|c| c.text.trim())
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" / "),
                        values: values.iter().map(|c| c.text.clone()).collect(),
                        source: row_source(&cells),
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
            if row_id.starts_with("other_") {
                seen_2021_other = true;
                group = "六其他处理".to_string();
            }
            if values.len() < ncols {
                issues.push(ReadIssue {
                    rule: "structure/column-missing",
                    table: Some(TableId::T3),
                    block: None,
                    row: Some(row_id),
                    column: None,
                    detail: format!("{}/{}", values.len(), ncols),
                    source: row_source(&cells),
                });
            }
            // Map value cells to columns: by header position where known,
            // else by the official order, right-aligned (总计 is last).
            let offset = ncols - values.len();
            for (i, gc) in values.iter().enumerate() {
                let by_header = header_cols
                    .as_ref()
                    .and_then(|h| h.get(gc.col_start as usize).copied().flatten());
                let col = by_header.or_else(|| ids::T3_COLUMNS.get(offset + i).map(|c| c.item.id));
                if let Some(col) = col {
                    push_cell(&mut table, issues, None, row_id, col, ValueKind::Count, gc);
                }
            }
        }
    }
    table.format = match (seen_2019_other, seen_2021_other) {
        (true, false) => Some(Format::F2019),
        (false, true) => Some(Format::F2021),
        _ => None,
    };
    table
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
        let id = match s.as_str() {
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

fn read_t4(grids: &[&Grid], issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(
        TableId::T4,
        grids.first().map(|g| g.source.clone()).unwrap_or_default(),
    );
    let n = ids::T4_GROUPS.len() * ids::T4_COLUMNS.len();
    let mut data: Option<(Vec<&GridCell>, Source)> = None;
    for g in grids {
        for row in &g.rows {
            let cells = distinct(row);
            let trailing = cells
                .iter()
                .rev()
                .take_while(|c| is_valueish(&c.text))
                .count();
            let has_number = cells.iter().any(|c| parse_has_number(&c.text));
            if trailing >= ids::T4_COLUMNS.len() && has_number && data.is_none() {
                let vals: Vec<&GridCell> = cells[cells.len() - trailing.min(n)..].to_vec();
                data = Some((vals, row_source(&cells)));
            }
        }
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
        push_cell(&mut table, issues, None, g.id, c.item.id, c.kind, gc);
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
    for f in [Format::F2021, Format::F2019] {
        for b in ids::t2_blocks(f) {
            if b.rows.iter().any(|r| matches_any(s, r.stems)) {
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

fn read_t2(grids: &[&Grid], issues: &mut Vec<ReadIssue>) -> Table {
    let mut table = Table::new(
        TableId::T2,
        grids.first().map(|g| g.source.clone()).unwrap_or_default(),
    );
    let mut block: Option<&'static str> = None;
    let mut header: Option<T2Header> = None;
    let mut votes = (0u32, 0u32);
    for g in grids {
        for row in &g.rows {
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
                let b = block.or_else(|| guess_block_from_header(&joined));
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
            let label_cell = cells.iter().find(|c| !stem(&c.text).is_empty());
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
                        push_cell(&mut table, issues, Some(b), item.id, col, kind, gc);
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
