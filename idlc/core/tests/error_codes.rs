//! One failing `.idl` file per error code, each checked for its code, its
//! position and its exact rendered diagnostic (`tests/errors/*.stderr`).

mod support;

use std::collections::BTreeSet;

use idlc::{ErrorCode, SourceFile, check_source, render_all};
use support::{compare_golden, files_with_extension, test_dir};

/// Reads `// expect: E0012 at 5:16` from the first line.
fn expectation(text: &str) -> Option<(String, usize, usize)> {
    let rest = text.lines().next()?.strip_prefix("// expect: ")?;
    let (code, position) = rest.split_once(" at ")?;
    let (line, col) = position.split_once(':')?;
    Some((code.to_string(), line.parse().ok()?, col.parse().ok()?))
}

#[test]
fn each_bad_file_fails_with_its_code_at_its_position() {
    let mut failures = Vec::new();
    for path in files_with_extension(&test_dir("errors"), "idl") {
        let text = support::read(&path);
        let Some((code, line, col)) = expectation(&text) else {
            failures.push(format!(
                "{}: first line must be `// expect: EXXXX at LINE:COL`",
                path.display()
            ));
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let file = SourceFile::new(format!("tests/errors/{name}"), text);
        let diagnostics = match check_source(&file) {
            Ok(_) => {
                failures.push(format!("{name}: checked without errors"));
                continue;
            }
            Err(diagnostics) => diagnostics,
        };
        let found: Vec<String> = diagnostics
            .iter()
            .map(|diagnostic| {
                let at = file.line_col(diagnostic.span.start);
                format!("{} at {}:{}", diagnostic.code, at.line, at.col)
            })
            .collect();
        if found != [format!("{code} at {line}:{col}")] {
            failures.push(format!(
                "{name}: expected only {code} at {line}:{col}, found {found:?}"
            ));
        }
        if let Some(mismatch) = compare_golden(
            &path.with_extension("stderr"),
            &render_all(&diagnostics, &file),
        ) {
            failures.push(mismatch);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_code_has_a_failing_file() {
    let files = files_with_extension(&test_dir("errors"), "idl");
    let tested: BTreeSet<String> = files
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy()[..5].to_string())
        .collect();
    let missing: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !tested.contains(code))
        .collect();
    assert!(
        missing.is_empty(),
        "error codes without a test in tests/errors: {missing:?}"
    );
}

#[test]
fn every_diagnostic_has_a_hint() {
    for path in files_with_extension(&test_dir("errors"), "idl") {
        let file = SourceFile::new("x.idl", support::read(&path));
        for diagnostic in check_source(&file).unwrap_err() {
            assert!(
                diagnostic.hint.is_some(),
                "{}: {} has no hint",
                path.display(),
                diagnostic.code
            );
        }
    }
}

#[test]
fn the_checker_reports_every_error_in_source_order() {
    let text = "/// S.\ninterface S {\n    /// A.\n    @1 a(x: u33);\n    @1 b(y: string);\n}\n";
    let file = SourceFile::new("many.idl", text);
    let codes: Vec<String> = check_source(&file)
        .unwrap_err()
        .iter()
        .map(|diagnostic| diagnostic.code.as_str())
        .collect();
    assert_eq!(codes, ["E0012", "E0007", "E0016", "E0010"]);
}
