//! Readers: each input form becomes a [`Document`] (prose blocks and table
//! grids with provenance), and one shared recogniser turns a document into the
//! [`Report`](crate::model::Report). JSON forms map straight to the model.

#[cfg(feature = "docx")]
pub mod docx;
pub mod grid;
pub mod html;
pub mod json;
pub mod label;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod recognize;
pub mod text;

use crate::model::{Source, SourceKind};
use serde::{Deserialize, Serialize};

/// A reader's output: what the input holds, in order.
/// Serialisable, so a browser adapter can send the grid it read from the
/// live DOM instead of HTML to parse again.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Document {
    pub kind: SourceKind,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph or line of prose (headings included).
    Para {
        text: String,
        #[serde(default)]
        source: Source,
    },
    /// A table as a grid of cells.
    Table(Grid),
}

/// A table laid out on a grid: spans expanded, so `rows[r][c]` is the cell
/// covering grid position (r, c). A spanned cell appears in every slot it
/// covers, with `origin == false` outside its top-left slot.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Grid {
    /// 0-based index of this table among the document's tables.
    pub index: u32,
    pub rows: Vec<Vec<GridCell>>,
    pub source: Source,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GridCell {
    /// The cell's text content, whitespace collapsed.
    pub text: String,
    pub source: Source,
    /// Grid column of this slot.
    pub col: u32,
    /// True for the top-left slot of the cell, false for span copies.
    pub origin: bool,
    /// Grid column where the cell starts and its width (for colspan mapping).
    pub col_start: u32,
    pub colspan: u32,
    /// Grid row where the cell starts.
    pub row_start: u32,
}

impl GridCell {
    /// A cell occupying exactly one slot.
    pub fn single(text: String, row: u32, col: u32, source: Source) -> GridCell {
        GridCell {
            text,
            source,
            col,
            origin: true,
            col_start: col,
            colspan: 1,
            row_start: row,
        }
    }
}

impl Document {
    pub fn tables(&self) -> impl Iterator<Item = &Grid> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(g) => Some(g),
            Block::Para { .. } => None,
        })
    }
}
