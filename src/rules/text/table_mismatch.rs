//! `text/table-mismatch` — a figure stated in the prose differs from the
//! table.
//!
//! **What it checks**: every figure the prose states about a table cell
//! (see [`claims`](super::claims) for how sentences are read) against the
//! cell, or the sum of cells, it is about:
//! - table 2: 现行有效/制发/废止 规章 and 规范性文件 N件, 行政许可/行政处罚/
//!   行政强制 N件, 行政事业性收费 N万元;
//! - table 3: 收到/新收/受理 申请 N件 (with or without 上年结转), 上年结转,
//!   办理/办结, 予以公开, 部分公开, 予以公开和部分公开, 不予公开, 无法提供,
//!   不予处理, 其他处理, 结转下年度, and per applicant (自然人,
//!   法人或其他组织, 商业企业 …);
//! - table 4: 行政复议/行政诉讼 N件 and their outcomes (维持, 纠正, 尚未审结);
//!
//! in Arabic or Chinese numerals (三件, 十二件, 两件) or as a negation
//! (未收到…申请 = 0, 未发生…行政复议 = 0). Comparisons (同比增加N件),
//! cumulative figures (以来, 至今), other years and other bodies are not
//! claims about the table.
//!
//! **Why**: the prose is what most readers read; a figure there that the
//! tables contradict is the first thing a reader, an auditor or a journalist
//! notices.
//!
//! **Example**: 共收到政府信息公开申请12件 but 一、本年新收 总计 = 11 → warning.
//!
//! **Source**: inferred.

use super::claims::{Mention, Reading};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cell, CellState, Num};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "text/table-mismatch",
    severity: Severity::Warning,
    title_zh: "正文数字与表格不一致",
    title_en: "Prose figure differs from the table",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "正文中写明的数字（如“共收到政府信息公开申请N件”“予以公开N件”“行政复议N件”“现行有效规范性文件N件”）与表格中对应单元格或单元格之和不一致。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A figure stated in the prose (requests received, outcomes, carried over, reviews and lawsuits, documents issued or in force, decisions, fees) differs from the table cell or cells it is about.",
    check,
};

/// The value of a sum of cells, as the table gives it: `None` when it
/// cannot be compared (a cell missing or holding text, all cells blank, or
/// the policy says blanks are not counted).
fn table_value<'a>(ctx: &Ctx<'a>, places: &[super::claims::Place]) -> Option<(Vec<&'a Cell>, Num)> {
    let cells: Vec<&Cell> = places
        .iter()
        .map(|(t, b, r, c)| ctx.cell(*t, *b, r, c))
        .collect::<Option<_>>()?;
    if cells.iter().any(|c| c.state() == CellState::Text)
        || !cells.iter().any(|c| c.state().has_number())
        || (ctx.empty_policy() == crate::api::EmptyPolicy::Skip
            && cells.iter().any(|c| c.state().is_blank()))
    {
        return None;
    }
    let sum = Num::sum(cells.iter().map(|c| c.value().unwrap_or(Num::ZERO)))?;
    Some((cells, sum))
}

/// `正文写“…”` — the clause as read and, when the sentence is longer, the
/// sentence around it.
pub fn quoted(m: &Mention) -> (String, String) {
    (
        format!("正文（{}）写“{}”", section_zh(m.section), m.sentence),
        format!(
            "The text ({}) says \"{}\"",
            section_en(m.section),
            m.sentence
        ),
    )
}

fn section_zh(n: u8) -> &'static str {
    [
        "开头",
        "第一部分",
        "第二部分",
        "第三部分",
        "第四部分",
        "第五部分",
        "第六部分",
    ]
    .get(usize::from(n))
    .copied()
    .unwrap_or("正文")
}

fn section_en(n: u8) -> &'static str {
    [
        "preamble",
        "section 1",
        "section 2",
        "section 3",
        "section 4",
        "section 5",
        "section 6",
    ]
    .get(usize::from(n))
    .copied()
    .unwrap_or("text")
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !ctx.report.has_prose {
        return;
    }
    let mut seen: Vec<&str> = Vec::new();
    for m in ctx.claims() {
        let Reading::Claim { topic, alts } = &m.reading else {
            continue;
        };
        let nth = seen.iter().filter(|t| **t == topic.id).count();
        seen.push(&topic.id);
        let sums: Vec<(Vec<&Cell>, Num)> =
            alts.iter().filter_map(|a| table_value(ctx, a)).collect();
        let Some((cells, table)) = sums.first() else {
            continue;
        };
        if sums.iter().any(|(_, v)| *v == m.value) {
            continue;
        }
        let (said_zh, said_en) = quoted(m);
        let unit_zh = if m.money { "万元" } else { "" };
        let (table_zh, table_en) = if cells.len() == 1 {
            (
                format!("{}为{table}{unit_zh}", topic.zh),
                format!("{} is {table}", topic.en),
            )
        } else {
            let parts: Vec<String> = cells
                .iter()
                .map(|c| c.value().unwrap_or(Num::ZERO).to_string())
                .collect();
            (
                format!("{}为{table}{unit_zh}（{}）", topic.zh, parts.join("+")),
                format!("{} is {table} ({})", topic.en, parts.join(" + ")),
            )
        };
        let mut d = Diagnostic::new(
            RULE.id,
            RULE.severity,
            format!("{said_zh}，读到的数字是{}{unit_zh}，但{table_zh}。", m.value),
            format!("{said_en}, which states {}, but {table_en}.", m.value),
        )
        .cells(cells.iter().map(|c| ctx.cell_ref(c)).collect())
        .values(Some(*table), Some(m.value))
        .help(
            "请核对正文与表格，使两者一致；若正文所说的是另一口径（如含上年结转），请在正文中写明。".into(),
            "Make the text and the table agree; if the text counts something else (e.g. with carried-over requests), say so in the text.".into(),
        )
        .at(m.source.clone());
        d = d.finish(&format!("{}#{nth}", topic.id));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn fires_and_not() {
        for f in BOTH {
            let mut v = base(f);
            let n = v["tables"]["t3"]["new"]["total"].as_u64().unwrap();
            v["sections"]["3"] = json!(format!("本年度共收到政府信息公开申请{n}件。"));
            assert!(of(&run(&v), "text/table-mismatch").is_empty());
            v["sections"]["3"] = json!(format!("本年度共收到政府信息公开申请 {} 件。", n + 1));
            let r4 = v["tables"]["t4"]["review"]["total"].as_u64().unwrap();
            v["sections"]["4"] = json!(format!("发生政府信息公开行政复议{}件。", r4 + 2));
            let d = run(&v);
            let m = of(&d, "text/table-mismatch");
            assert_eq!(m.len(), 2, "{m:#?}");
        }
    }
}
