//! Golden tests for the front end: each `tests/golden/*.idl` (and the repository's
//! `idl/*.idl`) must check cleanly, and its pretty-printed schema must match its
//! `.ir` file (beside it; for `idl/`, in `tests/golden/idl/`). `IDLC_BLESS=1`
//! rewrites the `.ir` files.

mod support;

use std::path::Path;

use idlc::{SourceFile, check_source, pretty::pretty_print, render_all};
use support::{compare_golden, files_with_extension, test_dir};

fn check_golden_dir(dir: &Path, golden_dir: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    for path in files_with_extension(dir, "idl") {
        let file = SourceFile::new(path.display().to_string(), support::read(&path));
        match check_source(&file) {
            Ok(schema) => failures.extend(compare_golden(
                &golden_dir.join(path.with_extension("ir").file_name().unwrap_or_default()),
                &pretty_print(&schema),
            )),
            Err(diagnostics) => failures.push(render_all(&diagnostics, &file)),
        }
    }
    failures
}

#[test]
fn golden_files_check_and_match_their_ir() {
    let failures = check_golden_dir(&test_dir("golden"), &test_dir("golden"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn repository_idl_files_check_and_match_their_ir() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../idl");
    let failures = check_golden_dir(&dir, &test_dir("golden").join("idl"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
