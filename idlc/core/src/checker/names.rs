//! Names the language or the generated Rust code keeps for itself.

use super::Checker;
use super::types::BUILTIN_NAMES;
use crate::ast::Ident;
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::ir::IntType;

/// Rust path keywords, which cannot be identifiers even as `r#...`, and `_`.
const RUST_RESERVED: [&str; 5] = ["self", "Self", "super", "crate", "_"];

impl Checker {
    /// Rejects a field, parameter, method or variant name the generated code
    /// cannot use: Rust's path keywords, `_`, and names starting with `__`
    /// (generated code's own locals are named that way, so they never clash).
    pub(super) fn reject_reserved_name(&mut self, name: &Ident, what: &str) {
        let reason = if RUST_RESERVED.contains(&name.name.as_str()) {
            "a Rust keyword that cannot be a name"
        } else if name.name.starts_with("__") {
            "names starting with `__` are kept for generated code"
        } else {
            return;
        };
        self.report(
            Diagnostic::new(
                ErrorCode::ReservedName,
                name.span,
                format!("{what} name `{}` is reserved", name.name),
            )
            .label(reason)
            .hint("pick another name"),
        );
    }

    /// Also rejects a declaration named like a built-in type (`string`, `u32`, ...).
    pub(super) fn reject_reserved_declaration_name(&mut self, name: &Ident) {
        let is_builtin =
            BUILTIN_NAMES.contains(&name.name.as_str()) || IntType::from_name(&name.name).is_some();
        if !is_builtin {
            self.reject_reserved_name(name, "declaration");
            return;
        }
        self.report(
            Diagnostic::new(
                ErrorCode::ReservedName,
                name.span,
                format!("`{}` is a built-in type", name.name),
            )
            .label("cannot be declared again")
            .hint("pick another name"),
        );
    }
}
