//! The schema hash changes exactly when the wire contract does.

use idlc::{SourceFile, check_source};

fn hash(text: &str) -> u64 {
    let schema =
        check_source(&SourceFile::new("t.idl", text)).unwrap_or_else(|errors| panic!("{errors:?}"));
    schema
        .interfaces
        .first()
        .map_or(0, |interface| interface.schema_hash)
}

const BASE: &str = "/// S.\ninterface S {\n    /// A.\n    @1 a(x: u32) -> Result<P, E>;\n    /// B.\n    @2 b(y: string<8>);\n}\n/// P.\nstruct P { v: u8 }\n/// E.\nenum E { /// X.\n X = 1 }\n";

#[test]
fn hash_ignores_docs_parameter_names_order_and_reservations() {
    let reworded = BASE
        .replace("/// A.", "/// Something else.")
        .replace("x: u32", "renamed: u32");
    let reordered = "/// E.\nenum E { /// X.\n X = 1 }\n/// P.\nstruct P { v: u8 }\n/// S.\ninterface S {\n    /// B.\n    @2 b(y: string<8>);\n    reserved @7;\n    /// A.\n    @1 a(x: u32) -> Result<P, E>;\n}\n";
    assert_eq!(hash(BASE), hash(&reworded));
    assert_eq!(hash(BASE), hash(reordered));
}

#[test]
fn hash_changes_with_types_names_ordinals_and_values() {
    let base = hash(BASE);
    for changed in [
        BASE.replace("x: u32", "x: u64"),
        BASE.replace("@2 b", "@3 b"),
        BASE.replace("@2 b", "@2 c"),
        BASE.replace("string<8>", "string<9>"),
        BASE.replace("v: u8", "v: u16"),
        BASE.replace("X = 1", "X = 2"),
        BASE.replace("@1 a(x: u32) -> Result<P, E>", "@1 a(x: u32) -> P"),
    ] {
        assert_ne!(hash(&changed), base, "no hash change for:\n{changed}");
    }
}

#[test]
fn hash_ignores_deferred_which_changes_neither_wire_nor_client() {
    let deferred = BASE.replace("@1 a(", "@1 deferred a(").replace("@2 b(", "@2 deferred b(");
    assert_eq!(hash(BASE), hash(&deferred));
}
