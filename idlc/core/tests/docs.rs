//! The language reference (`docs/idl.md`) lists every error code.

use idlc::ErrorCode;

#[test]
fn the_reference_lists_every_error_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/idl.md");
    let reference = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let missing: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|code| format!("| `{code}` |"))
        .filter(|row| !reference.contains(row.as_str()))
        .collect();
    assert!(missing.is_empty(), "docs/idl.md lacks rows for {missing:?}");
}
