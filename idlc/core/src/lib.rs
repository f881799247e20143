//! idlc: Barodia's IDL compiler, as a library.
//!
//! `.idl` files declare every interface between Barodia programs. This crate
//! reads them (lexer, parser), enforces the language's rules (checker), and
//! produces a resolved [`ir::Schema`] with a schema hash per interface; the code
//! generator turns that into Rust clients and servers over `libipc`. The CLI
//! (`idlc check`) and the proc-macro (`idlc-macro`) are thin shells over it, so
//! both report the same errors.
//!
//! It runs on the build host only and never touches the target; the language
//! reference and the list of error codes live in `docs/idl.md`.
//!
//! ```
//! let file = idlc::SourceFile::new("echo.idl", "/// Echoes.\ninterface Echo {\n    /// Echo `n`.\n    @1 echo(n: u32) -> u32;\n}\n");
//! let schema = idlc::check_source(&file).unwrap();
//! assert_eq!(schema.interfaces[0].methods[0].ordinal, 1);
//! ```
#![forbid(unsafe_code)]

pub mod ast;
pub mod checker;
pub mod code;
pub mod codegen;
pub mod diagnostic;
pub mod hash;
pub mod ir;
pub mod layout;
pub mod lexer;
pub mod limits;
pub mod parser;
pub mod pretty;
pub mod source;
pub mod suggest;

pub use code::ErrorCode;
pub use diagnostic::{Diagnostic, render_all};
pub use source::{SourceFile, Span};

/// Lexes, parses and checks one file.
///
/// Returns the checked schema, or the errors in source order (a syntax error
/// stops at the first one; the checker reports all it finds).
pub fn check_source(file: &SourceFile) -> Result<ir::Schema, Vec<Diagnostic>> {
    let tokens = lexer::tokenize(file.text()).map_err(|diagnostic| vec![diagnostic])?;
    let ast = parser::parse(&tokens).map_err(|diagnostic| vec![diagnostic])?;
    checker::check(&ast)
}
