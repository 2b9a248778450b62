//! `cell/normalised` — a value that needed normalising.
//!
//! **What it checks**: cells whose number was read after folding full-width
//! digits, dropping a unit or thousands separators, reading a sign word
//! (减少8) or setting aside a note (`22（其中修订16件）`). One finding per
//! table and kind of normalisation, listing the cells.
//!
//! **Why**: the value was read, but the author should know how — and a note
//! inside a number cell is often information that belongs in the prose.
//!
//! **Example**: `１２` read as 12; `25.96万元` read as 25.96 万元.
//!
//! **Source**: format.md §5.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Norm, ValueKind};
use crate::rules::{Ctx, Rule};
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    id: "cell/normalised",
    severity: Severity::Info,
    title_zh: "数值经过规范化读取",
    title_en: "Value read after normalising",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "单元格中的数字经过规范化才读出：全角数字、单位、千位分隔符、“增加/减少”、括注等。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A number was read after normalising: full-width digits, units, thousands separators, sign words, notes.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for t in &ctx.report.tables {
        let mut groups: BTreeMap<u8, (Norm, Vec<&crate::model::Cell>)> = BTreeMap::new();
        for c in t.cells.iter().filter(|c| c.state().has_number()) {
            for n in &c.parsed.normalised {
                // An explicit sign is the normal way to write 本年增/减.
                if *n == Norm::Sign && c.kind == ValueKind::SignedCount {
                    continue;
                }
                groups.entry(*n as u8).or_insert((*n, Vec::new())).1.push(c);
            }
        }
        for (_, (norm, cells)) in groups {
            let examples: Vec<String> = cells
                .iter()
                .take(3)
                .map(|c| format!("{}“{}”读作{}", ctx.cell_zh(c), c.raw.trim(), value_zh(c)))
                .collect();
            let examples_en: Vec<String> = cells
                .iter()
                .take(3)
                .map(|c| format!("\"{}\" read as {}", c.raw.trim(), value_en(c)))
                .collect();
            let more = if cells.len() > 3 {
                format!("等{}个单元格", cells.len())
            } else {
                String::new()
            };
            let more_en = if cells.len() > 3 {
                format!(" and {} more", cells.len() - 3)
            } else {
                String::new()
            };
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!(
                        "{}按{}规范化读取：{}{}。",
                        t.id.zh(),
                        norm.zh(),
                        examples.join("；"),
                        more
                    ),
                    format!(
                        "{}: values read after removing {}: {}{}.",
                        t.id.en(),
                        norm.en(),
                        examples_en.join("; "),
                        more_en
                    ),
                )
                .cells(cells.iter().map(|c| ctx.cell_ref(c)).collect())
                .finish(norm.en()),
            );
        }
    }
}

fn value_zh(c: &crate::model::Cell) -> String {
    let v = c.value().map(|v| v.to_string()).unwrap_or_default();
    match c.parsed.unit {
        Some(crate::model::Unit::WanYuan) => format!("{v}万元"),
        Some(crate::model::Unit::Yuan) => format!("{v}元"),
        _ => v,
    }
}
fn value_en(c: &crate::model::Cell) -> String {
    let v = c.value().map(|v| v.to_string()).unwrap_or_default();
    match c.parsed.unit {
        Some(crate::model::Unit::WanYuan) => format!("{v} (10,000 yuan)"),
        Some(crate::model::Unit::Yuan) => format!("{v} yuan"),
        _ => v,
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
            assert!(of(&run(&v), "cell/normalised").is_empty());
            let n = v["tables"]["t4"]["review"]["upheld"].as_u64().unwrap();
            let full: String = n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap())
                .collect();
            set(&mut v, "t4/review/upheld", json!(full));
            let corrected = format!("{}件", v["tables"]["t4"]["review"]["corrected"]);
            set(&mut v, "t4/review/corrected", json!(corrected));
            let d = run(&v);
            let r = of(&d, "cell/normalised");
            assert_eq!(r.len(), 2, "{r:#?}");
            assert!(of(&d, "t4/total").is_empty(), "values still add up");
        }
    }
}
