//! Names of tables, rows and columns as the report words them.

use crate::model::ids::{self, Format, TableId};

fn row_zh(table: TableId, format: Format, block: Option<&str>, row: &str) -> String {
    ids::row_item(table, format, block, row)
        .map(|i| i.zh.to_string())
        .unwrap_or_else(|| row.to_string())
}
fn row_en(table: TableId, format: Format, block: Option<&str>, row: &str) -> String {
    ids::row_item(table, format, block, row)
        .map(|i| i.en.to_string())
        .unwrap_or_else(|| row.to_string())
}
fn col_zh(table: TableId, format: Format, block: Option<&str>, col: &str) -> String {
    ids::column(table, format, block, col)
        .or_else(|| ids::column(table, other(format), block, col))
        .map(|c| c.item.zh.to_string())
        .unwrap_or_else(|| col.to_string())
}
fn col_en(table: TableId, format: Format, block: Option<&str>, col: &str) -> String {
    ids::column(table, format, block, col)
        .or_else(|| ids::column(table, other(format), block, col))
        .map(|c| c.item.en.to_string())
        .unwrap_or_else(|| col.to_string())
}
fn other(f: Format) -> Format {
    match f {
        Format::F2019 => Format::F2021,
        Format::F2021 => Format::F2019,
    }
}
fn block_zh(format: Format, block: Option<&str>) -> String {
    block
        .and_then(|b| ids::block(format, b).or_else(|| ids::block(other(format), b)))
        .map(|b| b.zh.to_string())
        .unwrap_or_default()
}
fn block_en(format: Format, block: Option<&str>) -> String {
    block
        .and_then(|b| ids::block(format, b).or_else(|| ids::block(other(format), b)))
        .map(|b| format!(" {}", b.en))
        .unwrap_or_default()
}

/// 表三“（七）总计”行 · 表二第二十条第（五）项“行政许可”行 · 表四“行政复议”
pub fn row_label_zh(table: TableId, format: Format, block: Option<&str>, row: &str) -> String {
    let r = row_zh(table, format, block, row);
    match table {
        TableId::T4 => format!("{}“{}”", table.zh(), r),
        _ => format!("{}{}“{}”行", table.zh(), block_zh(format, block), r),
    }
}
pub fn row_label_en(table: TableId, format: Format, block: Option<&str>, row: &str) -> String {
    let r = row_en(table, format, block, row);
    match table {
        TableId::T4 => format!("{}, {}", table.en(), r),
        _ => format!("{}{}, row \"{}\"", table.en(), block_en(format, block), r),
    }
}

/// 表三“（七）总计”行“自然人”列 · 表四“行政复议”的“总计”
pub fn cell_label_zh(
    table: TableId,
    format: Format,
    block: Option<&str>,
    row: &str,
    col: &str,
) -> String {
    let c = col_zh(table, format, block, col);
    match table {
        TableId::T4 => format!("{}的“{}”", row_label_zh(table, format, block, row), c),
        _ => format!("{}“{}”列", row_label_zh(table, format, block, row), c),
    }
}
pub fn cell_label_en(
    table: TableId,
    format: Format,
    block: Option<&str>,
    row: &str,
    col: &str,
) -> String {
    let c = col_en(table, format, block, col);
    match table {
        TableId::T4 => format!("{}, \"{}\"", row_label_en(table, format, block, row), c),
        _ => format!(
            "{}, column \"{}\"",
            row_label_en(table, format, block, row),
            c
        ),
    }
}

pub fn column_zh(table: TableId, format: Format, block: Option<&str>, col: &str) -> String {
    col_zh(table, format, block, col)
}
pub fn column_en(table: TableId, format: Format, block: Option<&str>, col: &str) -> String {
    col_en(table, format, block, col)
}
pub fn row_zh_short(table: TableId, format: Format, block: Option<&str>, row: &str) -> String {
    row_zh(table, format, block, row)
}
pub fn row_en_short(table: TableId, format: Format, block: Option<&str>, row: &str) -> String {
    row_en(table, format, block, row)
}
