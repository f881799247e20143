//! The `idlc` binary: exit codes and the exact text of a rendered diagnostic.

use std::process::Command;

fn idlc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_idlc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|error| panic!("cannot run idlc: {error}"))
}

#[test]
fn check_prints_a_rustc_style_diagnostic_and_fails() {
    let output = idlc(&["check", "tests/errors/E0012_unknown_type.idl"]);
    assert_eq!(output.status.code(), Some(1));
    let expected = "\
error[E0012]: unknown type `u33`
 --> tests/errors/E0012_unknown_type.idl:5:16
  |
5 |     @1 echo(x: u33) -> u32;
  |                ^^^ not a known type
  |
  = hint: did you mean `u32`?

error: `tests/errors/E0012_unknown_type.idl` has 1 error
";
    assert_eq!(String::from_utf8(output.stderr).unwrap(), expected);
    assert!(output.stdout.is_empty());
}

#[test]
fn check_accepts_good_files_silently() {
    let output = idlc(&[
        "check",
        "../../idl/template.idl",
        "tests/golden/handles.idl",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn check_reports_every_bad_file() {
    let output = idlc(&[
        "check",
        "tests/errors/E0012_unknown_type.idl",
        "tests/golden/handles.idl",
        "tests/errors/E0009_invalid_ordinal.idl",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error[E0012]") && stderr.contains("error[E0009]"),
        "{stderr}"
    );
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let output = idlc(&["check", "no/such/file.idl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .starts_with("error: cannot read `no/such/file.idl`")
    );
}

#[test]
fn bad_usage_prints_usage_and_exits_2() {
    let output = idlc(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .starts_with("usage: idlc check")
    );
}

#[test]
fn hash_prints_one_line_per_interface() {
    let output = idlc(&["hash", "tests/golden/handles.idl"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("Registry 0x") && stdout.lines().count() == 1,
        "{stdout}"
    );
}
