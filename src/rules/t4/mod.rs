//! Table 4 arithmetic.
pub mod total;
