//! Rules about single cells.
pub mod empty;
pub mod fraction;
pub mod negative;
pub mod normalised;
pub mod not_a_number;
pub mod unit;

use crate::model::Cell;
use crate::rules::Ctx;

/// Every value cell of tables 2–4.
pub fn cells<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = &'a Cell> {
    ctx.report.tables.iter().flat_map(|t| t.cells.iter())
}
