//! Rules about the report's structure: tables, rows, columns, sections.
pub mod column_missing;
pub mod row_missing;
pub mod row_unknown;
pub mod section_missing;
pub mod table_missing;
