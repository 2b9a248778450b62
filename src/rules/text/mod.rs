//! Rules over the report's prose.
pub mod claim_unplaced;
pub mod claims;
pub mod fee_statement;
pub mod table_mismatch;
pub mod year;
