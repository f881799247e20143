// The checker's error surfaces through `compile_error!`, pointing at the path.
idlc_macro::interface!("../../../../idlc/core/tests/errors/E0012_unknown_type.idl");

fn main() {}
