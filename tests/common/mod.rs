//! Helpers shared by the corpus tests (`mod common;`).

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
