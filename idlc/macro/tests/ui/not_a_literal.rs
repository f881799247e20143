// The macro takes one string literal.
idlc_macro::interface!(template);

fn main() {}
