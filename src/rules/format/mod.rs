//! Rules about which national format the report follows.
pub mod mismatch;
pub mod outdated;
pub mod unknown;

use crate::model::ids::Format;
use crate::model::TableId;
use crate::rules::Ctx;

/// Tables whose own headers or rows tell their format.
pub fn table_formats(ctx: &Ctx) -> Vec<(TableId, Format)> {
    ctx.report
        .tables
        .iter()
        .filter_map(|t| t.format.map(|f| (t.id, f)))
        .collect()
}
