//! Rules over the report's prose.
pub mod fee_statement;
pub mod table_mismatch;
pub mod year;
