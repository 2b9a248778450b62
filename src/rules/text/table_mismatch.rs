//! `text/table-mismatch` — a figure stated in the prose differs from the
//! table.
//!
//! **What it checks**: every figure the prose states about a table cell,
//! against the cell, or the sum of cells, it is about. How sentences are
//! read is in [`claims`](super::claims); what is read:
//!
//! | wording (examples) | compared with |
//! |---|---|
//! | 收到/新收/受理/接收 …申请 N件, 收到N件申请 | 表三 一、本年新收 总计 — or 一 + 二、上年结转 (either agrees) |
//! | 办理…申请 N件 | 一 + 二, （七）总计, or 一 |
//! | 办结 / 已办结 / 答复 N件 | （七）总计 |
//! | 上年结转 / 上年转结 N件 | 二、上年结转 总计 |
//! | 予以公开 / 同意公开 / 公开答复 N件 | （一）予以公开 |
//! | 部分公开 N件 | （二）部分公开 |
//! | 予以公开和(及)部分公开 N件 | （一）+（二） |
//! | 不予公开 N件 | （三）不予公开 1–8 之和 |
//! | 无法提供 N件 | （四）无法提供 1–3 之和 |
//! | 不予处理 N件 | （五）不予处理 1–5 之和 |
//! | 其他处理 N件 | （六）其他处理 (2021: 1–3 之和) |
//! | 结转下年度 / 转下一年度 / 结转至(下一年)年 N件, N件结转下年度, N件正在办理中, 无结转下年度 | 四、结转下年度继续办理 |
//! | 自然人 / 法人或其他组织 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 N件 | that column (法人或其他组织: the five columns) of the row the sentence is about (default 一, or 一 + 二) |
//! | 行政复议 N件/起, 有N件…行政复议, 未发生/无 行政复议 | 表四 行政复议 总计 |
//! | 行政诉讼 N件/起 | 表四 两类行政诉讼 总计之和 (直接起诉, 复议后起诉: that group) |
//! | 行政复议、行政诉讼(相关)案件 N件 | 表四 three totals together |
//! | …维持 / 纠正·纠错·败诉 / 尚未审结 N件 (after 行政复议 or 行政诉讼) | that group's column |
//! | 未发生被行政复议纠错或行政诉讼败诉 | 结果纠正 of the groups named = 0 |
//! | 现行有效 规章 / (行政)规范性文件 N件 | 表二 现行有效件数 (2019: 对外公开总数量) |
//! | 制发 / 印发 / 制定 / 出台 规章 / 规范性文件 N件 | 本年制发件数 (2019: 本年新制作数量) |
//! | 主动公开 / 发布 规章 / 规范性文件 N件 | 2019: 本年新公开数量; 2021: no such column (`text/claim-unplaced`) |
//! | 废止 / 宣布失效 规章 / 规范性文件 N件 | 本年废止件数 |
//! | …规范性文件12件，废止3件，现行有效件数25件; 规章13件（含新制定5件，废止4件） | the sentence's (or the bracket's) document type |
//! | 行政许可 / 行政处罚 / 行政强制 N件 | 表二 本年处理决定数量 |
//! | 行政事业性收费 N万元 / N元 | 表二 本年收费金额（万元） (2021 format) |
//!
//! Figures in Arabic digits (full-width too, with thousands separators),
//! Chinese numerals (三件, 十二件, 两件, 一百零五件) and 0 in words (未收到
//! …申请, 未发生…行政复议, 无行政复议); a figure split across lines or inline
//! tags reads whole. Not claims about the table: comparisons (同比增加5件,
//! 较上年减少), cumulative figures (以来, 至今, 历年), another year (2021年…
//! in a 2022 report, 上年…), another body (其中区民政局…), titles (《…》),
//! one channel (网上申请105件, 信函申请), percentages, and 信息处理费 (no
//! table cell holds it). A keyword after the figure must end its clause
//! (收到70件申请, 1件结转下年度; not 120件做了复议决定). Blank cells count as
//! 0 when another cell of the sum has a number (the `empty` option); a sum
//! with no number, or a cell holding text, is not compared.
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
        out.push(
            Diagnostic::new(
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
            .at(m.source.clone())
            .finish(&format!("{}#{nth}", topic.id)),
        );
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
