//! The sums the rules check, and how empty cells count in them.
//!
//! A relation is `sum(lhs) = sum(rhs)`; `lhs[0]` is the stated total (the
//! primary cell of a finding). Evaluation follows format.md §6 `cell/empty`:
//! empty operands count as 0 when at least one operand is a number; a sum
//! whose operands are all empty, or whose stated total is empty, is not
//! compared (the empty total is reported by `cell/empty` with the value it
//! would have). Text cells and missing cells stop a comparison: other rules
//! report them.

use super::Ctx;
use crate::api::EmptyPolicy;
use crate::model::ids::{self, Format, TableId};
use crate::model::{Cell, Num, Table};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SumKind {
    /// t3/results-total: results_total = Σ outcome rows, per column.
    ResultsTotal,
    /// t3/row-total: total = Σ six applicant columns, per row.
    RowTotal,
    /// t4/total: total = upheld + corrected + other + pending, per group.
    T4Total,
    /// t3/balance: new + carried_in = results_total + carried_out, per column.
    Balance,
}

pub struct Relation<'a> {
    pub kind: SumKind,
    pub lhs: Vec<&'a Cell>,
    pub rhs: Vec<&'a Cell>,
}

pub enum Eval<'a> {
    Holds,
    Differs {
        lhs: Num,
        rhs: Num,
        blanks: Vec<&'a Cell>,
    },
    /// The stated total is blank; the operands give this value.
    TotalEmpty {
        would_be: Num,
        blanks: Vec<&'a Cell>,
    },
    NotCompared,
}

/// All relations of a kind present in the report (built once per check:
/// `cell/empty` walks the same sums as the sum rules).
pub fn relations<'c, 'a>(ctx: &'c Ctx<'a>, kind: SumKind) -> &'c [Relation<'a>] {
    ctx.sums[kind as usize].get_or_init(|| build_relations(ctx, kind))
}

fn build_relations<'a>(ctx: &Ctx<'a>, kind: SumKind) -> Vec<Relation<'a>> {
    let mut out = Vec::new();
    let (tid, f) = match kind {
        SumKind::T4Total => (TableId::T4, Format::F2021),
        _ => (TableId::T3, Format::F2021),
    };
    let Some(t) = ctx.table(tid) else { return out };
    let format = if tid == TableId::T3 {
        ctx.table_format(t)
    } else {
        f
    };
    let get = |row: &str, col: &str| ctx.cell(tid, None, row, col);
    let collect = |places: &[(&str, &str)]| -> Option<Vec<&'a Cell>> {
        places.iter().map(|(r, c)| get(r, c)).collect()
    };
    match kind {
        SumKind::ResultsTotal => {
            let outcome: Vec<&str> = outcome_rows(ctx, t, format);
            for c in ids::T3_COLUMNS {
                let col = c.item.id;
                let (Some(total), Some(ops)) = (
                    get("results_total", col),
                    collect(&outcome.iter().map(|r| (*r, col)).collect::<Vec<_>>()),
                ) else {
                    continue;
                };
                out.push(Relation {
                    kind,
                    lhs: vec![total],
                    rhs: ops,
                });
            }
        }
        SumKind::RowTotal => {
            for r in ids::t3_rows(format).iter().map(|r| r.id).chain([
                "other",
                "other_no_correction",
                "other_unpaid_fee",
                "other_other",
            ]) {
                if out
                    .iter()
                    .any(|x: &Relation| x.lhs.first().is_some_and(|c| c.row == r))
                {
                    continue;
                }
                let (Some(total), Some(ops)) = (
                    get(r, "total"),
                    collect(
                        &ids::T3_APPLICANTS
                            .iter()
                            .map(|c| (r, *c))
                            .collect::<Vec<_>>(),
                    ),
                ) else {
                    continue;
                };
                out.push(Relation {
                    kind,
                    lhs: vec![total],
                    rhs: ops,
                });
            }
        }
        SumKind::T4Total => {
            for g in ids::T4_GROUPS {
                let (Some(total), Some(ops)) = (
                    get(g.id, "total"),
                    collect(&["upheld", "corrected", "other", "pending"].map(|c| (g.id, c))),
                ) else {
                    continue;
                };
                out.push(Relation {
                    kind,
                    lhs: vec![total],
                    rhs: ops,
                });
            }
        }
        SumKind::Balance => {
            for c in ids::T3_COLUMNS {
                let col = c.item.id;
                let (Some(lhs), Some(rhs)) = (
                    collect(&[("results_total", col), ("carried_out", col)]),
                    collect(&[("new", col), ("carried_in", col)]),
                ) else {
                    continue;
                };
                out.push(Relation { kind, lhs, rhs });
            }
        }
    }
    out
}

/// The outcome rows of table 3 as the table has them: 2019's single `other`
/// or 2021's three `other_*` rows.
fn outcome_rows(ctx: &Ctx, t: &Table, format: Format) -> Vec<&'static str> {
    let mut rows: Vec<&'static str> = ids::t3_outcome_rows(format).collect();
    // A table that mixes formats: use the 其他处理 rows it actually has.
    let has = |r: &str| ctx.has_row(t.id, None, r);
    if format == Format::F2021
        && !rows.iter().any(|r| r.starts_with("other_") && has(r))
        && has("other")
    {
        rows.retain(|r| !r.starts_with("other_"));
        rows.push("other");
    } else if format == Format::F2019
        && !has("other")
        && (has("other_no_correction") || has("other_other"))
    {
        rows.retain(|r| *r != "other");
        rows.extend(["other_no_correction", "other_unpaid_fee", "other_other"]);
    }
    rows
}

pub fn evaluate<'a>(rel: &Relation<'a>, policy: EmptyPolicy) -> Eval<'a> {
    let all = rel.lhs.iter().chain(rel.rhs.iter());
    if all
        .clone()
        .any(|c| c.state() == crate::model::CellState::Text)
    {
        return Eval::NotCompared;
    }
    let total = rel.lhs[0];
    let operands: Vec<&Cell> = rel.lhs[1..].iter().chain(rel.rhs.iter()).copied().collect();
    let blanks: Vec<&Cell> = operands
        .iter()
        .copied()
        .filter(|c| c.state().is_blank())
        .collect();
    let any_number = operands.iter().any(|c| c.state().has_number());
    if !any_number {
        return Eval::NotCompared;
    }
    if !blanks.is_empty() && policy == EmptyPolicy::Skip {
        return Eval::NotCompared;
    }
    // A blank operand that is itself a total (the 总计 column, row （七）总计)
    // has a value the report implies but did not write: `cell/empty` reports
    // it with that value, and a sum through it is not compared — counting it
    // as 0 would report the blank twice, once as a wrong sum.
    if blanks.iter().any(|c| is_total(c)) {
        return Eval::NotCompared;
    }
    let sum = |cells: &[&Cell]| Num::sum(cells.iter().map(|c| c.value().unwrap_or(Num::ZERO)));
    let (Some(rhs), Some(lhs_rest)) = (sum(&rel.rhs), sum(&rel.lhs[1..])) else {
        return Eval::NotCompared;
    };
    if total.state().is_blank() {
        // Only single-total relations report a would-be value.
        return if rel.lhs.len() == 1 {
            Eval::TotalEmpty {
                would_be: rhs,
                blanks,
            }
        } else {
            Eval::NotCompared
        };
    }
    let Some(lhs) = total.value().and_then(|v| v.checked_add(lhs_rest)) else {
        return Eval::NotCompared;
    };
    if lhs == rhs {
        Eval::Holds
    } else {
        Eval::Differs { lhs, rhs, blanks }
    }
}

/// Whether a cell is the stated total of a relation.
pub fn is_total(c: &Cell) -> bool {
    match c.table {
        TableId::T3 => c.column == "total" || c.row == "results_total",
        TableId::T4 => c.column == "total",
        TableId::T2 => false,
    }
}

/// `（其中2个空白单元格按0计）` / ` (2 blank cells counted as 0)`.
pub fn blanks_note(blanks: &[&Cell]) -> (String, String) {
    if blanks.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("（其中{}个空白单元格按0计）", blanks.len()),
            format!(
                " ({} blank cell{} counted as 0)",
                blanks.len(),
                if blanks.len() == 1 { "" } else { "s" }
            ),
        )
    }
}

/// Builds (zh, en, help zh, help en) from a relation, stated and computed value.
pub type MessageFn = fn(&Ctx, &Relation, Num, Num) -> (String, String, String, String);

/// Runs one kind of relation and turns each difference into a diagnostic
/// whose message the rule builds from (relation, stated, computed, blanks).
pub fn check_relations(
    ctx: &Ctx,
    kind: SumKind,
    rule: &super::Rule,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
    message: MessageFn,
) {
    for rel in relations(ctx, kind) {
        if let Eval::Differs { lhs, rhs, blanks } = evaluate(rel, ctx.empty_policy()) {
            let (mut zh, mut en, help_zh, help_en) = message(ctx, rel, lhs, rhs);
            let (bz, be) = blanks_note(&blanks);
            zh.push_str(&bz);
            en.push_str(&be);
            let cells = rel
                .lhs
                .iter()
                .chain(rel.rhs.iter())
                .map(|c| ctx.cell_ref(c))
                .collect();
            out.push(
                crate::diagnostic::Diagnostic::new(rule.id, rule.severity, zh, en)
                    .cells(cells)
                    .values(Some(rhs), Some(lhs))
                    .help(help_zh, help_en)
                    .finish(""),
            );
        }
    }
}
