//! The macro end to end through rustc: bad `.idl` files fail the build with
//! the checker's diagnostic; the template compiles under strict lints.
//!
//! The `.idl` paths in `tests/ui/` are relative to trybuild's scratch crate in
//! `target/tests/trybuild/idlc-macro/`, four levels below the workspace root.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/unknown_type.rs");
    cases.compile_fail("tests/ui/missing_docs.rs");
    cases.compile_fail("tests/ui/not_a_literal.rs");
    cases.pass("tests/ui/template_ok.rs");
}
