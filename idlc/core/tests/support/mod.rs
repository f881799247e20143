//! Helpers shared by the integration tests: golden files and test inputs.
#![allow(
    dead_code,
    reason = "each test crate includes this module and uses only some helpers"
)]

use std::path::{Path, PathBuf};

/// The directory `name` under `idlc/core/tests/`.
pub fn test_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

/// Every file in `dir` ending in `.extension`, sorted.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|found| found == extension))
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the golden file at `path`.
///
/// With `IDLC_BLESS=1` in the environment the file is (re)written instead, so
/// an intended change is one command: `IDLC_BLESS=1 cargo test -p idlc`.
/// Returns a description of the mismatch, if any.
pub fn compare_golden(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("IDLC_BLESS").is_some() {
        std::fs::write(path, actual)
            .unwrap_or_else(|error| panic!("cannot bless {}: {error}", path.display()));
        return None;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    (expected != actual).then(|| {
        format!("{} differs (rerun with IDLC_BLESS=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}", path.display())
    })
}

/// Reads a test input.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}
