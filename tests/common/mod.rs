//! Helpers shared by the integration tests (`mod common;`); each test
//! crate uses some of them.
#![allow(dead_code)]

use nianbao_check::model::Report;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus` beside the repo, or `None` (with a clear message) in
/// a clone that does not have it.
pub fn corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the corpus tests need ../shared beside the repo",
            dir.display()
        );
        None
    }
}

/// Compares `got` with the golden file at `path` (`UPDATE_GOLDEN=1`
/// rewrites it instead); prints the first differing lines. True when equal.
pub fn matches_golden(path: &Path, got: &str) -> bool {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(path, got).expect("write golden");
        return true;
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    if want == got {
        return true;
    }
    eprintln!("--- differs from {}", path.display());
    for (a, b) in want
        .lines()
        .zip(got.lines())
        .filter(|(a, b)| a != b)
        .take(10)
    {
        eprintln!("  want: {a}\n  got:  {b}");
    }
    false
}

/// Every model cell as (path, raw text).
pub fn cells(r: &Report) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in &r.tables {
        for c in &t.cells {
            let key = format!(
                "{}.{}{}.{}",
                t.id.as_str(),
                c.block.map(|b| format!("{b}.")).unwrap_or_default(),
                c.row,
                c.column
            );
            out.insert(key, c.raw.clone());
        }
    }
    out
}

/// A PDF of the given objects (numbered from 1) with a correct xref;
/// `trailer_extra` goes into the trailer dictionary.
pub fn make_pdf(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
