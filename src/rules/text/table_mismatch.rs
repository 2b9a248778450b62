//! `text/table-mismatch` — a number stated in the prose differs from the
//! table.
//!
//! **What it checks**: figures the prose states in the usual wording —
//! 共收到政府信息公开申请N件 (table 3 一、本年新收 总计), 行政复议N件
//! (table 4 行政复议 总计), 行政诉讼N件 (table 4 both lawsuit totals) —
//! against the tables.
//!
//! **Why**: the prose is what most readers read; it must say what the
//! tables say.
//!
//! **Example**: 共收到政府信息公开申请12件 but 一、本年新收 总计 = 11 → warning.
//!
//! **Source**: inferred.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::value::fold_width;
use crate::model::{Num, TableId};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "text/table-mismatch",
    severity: Severity::Warning,
    title_zh: "正文数字与表格不一致",
    title_en: "Prose figure differs from the table",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "正文中写明的数字（如“共收到政府信息公开申请N件”“行政复议N件”）与表格中的对应数字不一致。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A figure stated in the prose (requests received, reviews, lawsuits) differs from the table.",
    check,
};

struct Claim {
    keys: &'static [&'static str],
    /// Keys whose figure may also count last year's carried-in requests
    /// (受理 = handled this year: new + carried in).
    with_carried_in: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
    cells: &'static [(TableId, &'static str, &'static str)],
}

const CLAIMS: &[Claim] = &[
    Claim {
        keys: &[
            "收到政府信息公开申请",
            "新收政府信息公开申请",
            "受理政府信息公开申请",
            "收到依申请公开申请",
            "收到信息公开申请",
        ],
        with_carried_in: &["受理政府信息公开申请"],
        zh: "表三“一、本年新收政府信息公开申请数量”行“总计”列",
        en: "table 3, new requests, Total",
        cells: &[(TableId::T3, "new", "total")],
    },
    Claim {
        keys: &["行政复议"],
        with_carried_in: &[],
        zh: "表四“行政复议”的“总计”",
        en: "table 4, reviews, Total",
        cells: &[(TableId::T4, "review", "total")],
    },
    Claim {
        keys: &["行政诉讼"],
        with_carried_in: &[],
        zh: "表四两类行政诉讼“总计”之和",
        en: "table 4, lawsuits, Totals",
        cells: &[
            (TableId::T4, "suit_direct", "total"),
            (TableId::T4, "suit_after_review", "total"),
        ],
    },
];

/// The number right after a keyword: 共收到政府信息公开申请 0 件 / 行政复议2件.
fn stated_after(text: &str, key: &str) -> Option<(Num, String)> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let at = from + i + key.len();
        from = at;
        let rest: Vec<char> = text[at..].chars().take(12).map(fold_width).collect();
        let mut j = 0;
        while j < rest.len() && (rest[j] == ' ' || "共为了：:计数量达案件".contains(rest[j]))
        {
            j += 1;
        }
        let start = j;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
        }
        let digits: String = rest[start..j].iter().collect();
        let mut k = j;
        while k < rest.len() && rest[k] == ' ' {
            k += 1;
        }
        let unit_ok = rest.get(k).is_some_and(|c| "件起个宗".contains(*c));
        if digits.is_empty()
            && rest.get(start) == Some(&'零')
            && rest.get(start + 1).is_some_and(|c| "件起个宗".contains(*c))
        {
            return Some((Num::ZERO, format!("{key}零{}", rest[start + 1])));
        }
        if !digits.is_empty() && unit_ok {
            let n = Num::parse(&digits)?;
            let quote: String = rest[..=k].iter().collect();
            return Some((n, format!("{key}{}", quote.trim())));
        }
    }
    None
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if !r.has_prose {
        return;
    }
    let text: String = r.all_text().collect::<Vec<_>>().join("\n");
    for claim in CLAIMS {
        let Some((key, stated, quote)) = claim
            .keys
            .iter()
            .find_map(|k| stated_after(&text, k).map(|(n, q)| (*k, n, q)))
        else {
            continue;
        };
        let cells: Option<Vec<&crate::model::Cell>> = claim
            .cells
            .iter()
            .map(|(t, row, col)| ctx.table(*t).and_then(|t| t.cell(None, row, col)))
            .collect();
        let Some(cells) = cells else { continue };
        if cells.iter().any(|c| !c.state().has_number()) {
            continue;
        }
        let Some(table) = Num::sum(cells.iter().filter_map(|c| c.value())) else {
            continue;
        };
        let carried = claim
            .with_carried_in
            .contains(&key)
            .then(|| {
                ctx.table(TableId::T3)
                    .and_then(|t| t.cell(None, "carried_in", "total"))
                    .and_then(|c| c.value())
            })
            .flatten()
            .and_then(|c| table.checked_add(c));
        if table != stated && carried != Some(stated) {
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("正文写“{quote}”，但{}为{table}。", claim.zh),
                    format!(
                        "The text says \"{quote}\" ({stated}), but {} is {table}.",
                        claim.en
                    ),
                )
                .cells(cells.iter().map(|c| ctx.cell_ref(c)).collect())
                .values(Some(table), Some(stated))
                .help(
                    "请核对正文与表格，使两者一致。".into(),
                    "Make the text and the table agree.".into(),
                )
                .finish(claim.en),
            );
        }
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
