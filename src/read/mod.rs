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

use crate::diagnostic::Diagnostic;
use crate::model::{ReadIssue, Source, SourceKind};
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

/// What a reader made of one input, before recognition: the document and
/// the problems met while reading it (the cell budget ran out: `structure/*`
/// read issues, which name no table yet), or the one diagnostic saying why
/// it could not be read at all.
///
/// The browsers' reader module (the package's `pkg/full`, built with the
/// feature `wasm-reader-only`: the HTML tokenizer and the DOCX and PDF
/// readers, no recogniser, no rules) writes it as JSON
/// (`json_out::read_result`) and the web module's `checkDocument` reads it
/// back (`ReadResult::from_value` in src/json_in.rs), which gives the
/// findings `check` gives on the same bytes in one module (tests/node/reader-module.test.js).
#[derive(Clone, Debug, Default)]
pub struct ReadResult {
    pub document: Document,
    pub issues: Vec<ReadIssue>,
    /// Set when the input could not be read; `document` then holds only its kind.
    pub unreadable: Option<Diagnostic>,
}

impl ReadResult {
    /// A document read, with the issues met reading it.
    pub fn read(document: Document, issues: Vec<ReadIssue>) -> ReadResult {
        ReadResult {
            document,
            issues,
            unreadable: None,
        }
    }
    /// An input of this kind that could not be read.
    pub fn unreadable(kind: SourceKind, d: Diagnostic) -> ReadResult {
        ReadResult {
            document: Document {
                kind,
                blocks: Vec::new(),
            },
            issues: Vec::new(),
            unreadable: Some(d),
        }
    }
    /// The JSON the web module's `checkDocument` takes.
    pub fn to_json_string(&self) -> String {
        crate::json_out::read_result(self)
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
