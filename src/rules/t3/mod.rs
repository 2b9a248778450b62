//! Table 3 arithmetic.
pub mod balance;
pub mod results_total;
pub mod row_total;
