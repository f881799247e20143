//! Golden tests for the code generator: the generated Rust for each
//! `tests/golden/*.idl`, formatted with `prettyplease`, must match the
//! `.rs.txt` file beside it. `IDLC_BLESS=1` rewrites them.
//!
//! (The files end in `.rs.txt` so Cargo and rustfmt leave them alone; the
//! macro's own tests compile the same output for real.)

mod support;

use idlc::{SourceFile, check_source, codegen::generate};
use support::{compare_golden, files_with_extension, read, test_dir};

#[test]
fn generated_code_parses_and_matches_golden_files() {
    let mut failures = Vec::new();
    for path in files_with_extension(&test_dir("golden"), "idl") {
        let file = SourceFile::new(path.display().to_string(), read(&path));
        let schema = check_source(&file)
            .unwrap_or_else(|errors| panic!("{}", idlc::render_all(&errors, &file)));
        let tokens = generate(&schema);
        let syntax: syn::File = match syn::parse2(tokens) {
            Ok(syntax) => syntax,
            Err(error) => {
                failures.push(format!(
                    "{}: generated code does not parse: {error}",
                    path.display()
                ));
                continue;
            }
        };
        let formatted = prettyplease::unparse(&syntax);
        failures.extend(compare_golden(&path.with_extension("rs.txt"), &formatted));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generated_code_has_no_unsafe() {
    for path in files_with_extension(&test_dir("golden"), "idl") {
        let file = SourceFile::new("x.idl", read(&path));
        let schema = check_source(&file).unwrap_or_else(|errors| panic!("{errors:?}"));
        let text = generate(&schema).to_string();
        assert!(
            !text.contains("unsafe"),
            "{} generated `unsafe`",
            path.display()
        );
    }
}
