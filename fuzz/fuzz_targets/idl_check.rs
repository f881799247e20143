//! idlc on arbitrary text: lexing, parsing and checking never panic, and
//! neither does what follows them.
//!
//! This is the path `idlc check` and the `interface!` macro take
//! (`idlc::check_source`). A file that fails must fail with at least one
//! diagnostic, and rendering the diagnostics against the source (carets,
//! line and column, hints) must not panic either. A file that passes is
//! also printed (`idlc ir`) and turned into Rust (`idlc::codegen`), as the
//! macro does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = idlc::SourceFile::new("fuzz.idl", text);
    match idlc::check_source(&file) {
        Ok(schema) => {
            let _ = idlc::pretty::pretty_print(&schema);
            let _ = idlc::codegen::generate(&schema).to_string();
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a failed check with no diagnostic");
            let _ = idlc::render_all(&diagnostics, &file);
        }
    }
});
