// An undocumented method fails the build with E0016.
idlc_macro::interface!("../../../../idlc/core/tests/errors/E0016_missing_docs.idl");

fn main() {}
