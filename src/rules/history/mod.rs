//! Cross-year rules: given last year's report.
pub mod carry_over;
pub mod in_force;
pub mod previous;
