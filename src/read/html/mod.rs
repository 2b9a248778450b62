//! HTML as it reaches a validator: CMS rich-text editor content after a Word
//! or WPS paste (UEditor, KindEditor, TinyMCE, CKEditor, wangEditor), Word's
//! own "save as web page" HTML, and whole published pages.
//!
//! Tokenising is done by `html5gum` (a WHATWG tokenizer: entities, raw-text
//! elements, comments incl. conditional comments, bogus markup); the table
//! grid is built here, the way a browser builds it:
//!
//! - implied end tags: a `<td>`/`<th>` closes the open cell, a `<tr>` or
//!   `<tbody>` closes the open row, `</table>` closes everything inside;
//! - nested tables are separate grids with their own index; the outer
//!   cell's text does not include the inner table's text; a table whose cell
//!   holds a table is page layout, and that cell's paragraphs become prose;
//! - spans, caps and the cell budget: see [`grid`](super::grid).
//!
//! Cell text is the cell's text with whitespace collapsed; `&nbsp;` and
//! zero-width characters are blanks; a block boundary (`<p>`, `<br>`,
//! `<div>` …) becomes one space, except between two digits, so
//! `<span>1</span><span>2</span>` and `<p>1</p><p>2</p>` both read `12`
//! and `<p>1</p><p></p>` reads `1`.
//!
//! Prose outside tables becomes one [`Block::Para`] per block element; the
//! page `<title>` comes first. `<script>`, `<style>`, `<head>` (but its
//! `<title>`), `<select>`, `<template>`, `<noscript>` and comments are skipped.
//!
//! Provenance: each cell's [`Source`] has `table` (the n-th `<table>` in the
//! document, from 0), `row`/`col` (grid), `ordinal` (the n-th `<td>`/`<th>`
//! in document order, from 0, over all tables), `span` (the byte range of
//! the whole `<td …>…</td>` element in the decoded input) and `line`.
//!
//! The reader works on `&str`; bytes in GBK/GB18030 go through
//! [`encoding::decode`] first.
//!
//! The tokenizer is most of the reader's size (≈ 70 kB of gzipped wasm):
//! cargo feature `html` (on by default) builds it; a browser-only build that
//! reads tables from the live DOM (`check_document`) can leave it out.

pub mod encoding;
#[cfg(feature = "html")]
mod fast;
#[cfg(feature = "html")]
mod reader;
#[cfg(feature = "html")]
pub use reader::{read, read_with};
