//! Parser unit tests.

use super::*;
use crate::ast::{Item, Member, Ordinal};
use crate::lexer::tokenize;

fn parse_text(text: &str) -> Result<File, Diagnostic> {
    parse(&tokenize(text).unwrap())
}

#[test]
fn parses_every_member_kind() {
    let file = parse_text(
        "/// I.\ninterface I {\n /// M.\n @1 m(a: u8, b: vec<string<4>, 2>,) -> Result<(), E>;\n reserved @2;\n /// O.\n @3 oneway o();\n}",
    )
    .unwrap();
    let Some(Item::Interface(interface)) = file.items.first() else {
        panic!("{file:?}")
    };
    assert_eq!(interface.members.len(), 3);
    let Member::Method(method) = &interface.members[0] else {
        panic!()
    };
    assert_eq!(
        (method.ordinal.value, method.params.len(), method.oneway),
        (1, 2, None)
    );
    assert_eq!(method.returns.as_ref().unwrap().name.name, "Result");
    assert!(matches!(
        interface.members[1],
        Member::Reserved(Ordinal { value: 2, .. })
    ));
    let Member::Method(oneway) = &interface.members[2] else {
        panic!()
    };
    assert!(oneway.oneway.is_some());
}

#[test]
fn a_misspelled_oneway_gets_a_suggestion() {
    let error = parse_text("/// I.\ninterface I {\n /// P.\n @1 onway ping();\n}").unwrap_err();
    assert_eq!(error.code, ErrorCode::UnknownKeyword);
    assert_eq!(error.hint.as_deref(), Some("did you mean `oneway`?"));
}

#[test]
fn docs_before_a_closing_brace_are_an_error() {
    let error = parse_text("/// S.\nstruct S {\n x: u8,\n /// Nothing.\n}").unwrap_err();
    assert_eq!(error.code, ErrorCode::Syntax);
    assert_eq!(error.message, "doc comment documents nothing");
}

#[test]
fn docs_at_the_end_of_the_file_are_an_error() {
    let error = parse_text("/// S.\nstruct S {}\n/// Trailing.\n").unwrap_err();
    assert_eq!(error.message, "doc comment documents nothing");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "/// S.\nstruct S {{ x: {}u8{} }}",
        "vec<".repeat(10_000),
        ", 1>".repeat(10_000)
    );
    let error = parse_text(&deep).unwrap_err();
    assert_eq!(error.message, "types nest too deeply");
}

#[test]
fn variants_need_explicit_discriminants() {
    let error = parse_text("/// E.\nenum E {\n /// A.\n A,\n}").unwrap_err();
    assert_eq!(error.code, ErrorCode::Syntax);
    assert!(error.hint.unwrap().contains("`A = 1`"));
}
