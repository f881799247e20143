//! The checker: resolves names and enforces every rule of the language.
//!
//! It reports as many errors as it can find in one pass (sorted by position), so
//! a service author fixes a file in one round rather than one error per build.
//! Only a file without errors becomes a [`Schema`].

mod declarations;
mod interfaces;
mod names;
mod recursion;
mod rights;
mod types;

use std::collections::BTreeMap;

use crate::ast::{self, Docs, Ident};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::hash::schema_hash;
use crate::ir::Schema;
use crate::source::Span;

/// Checks a parsed file; returns the schema, or every error found, in source order.
pub fn check(file: &ast::File) -> Result<Schema, Vec<Diagnostic>> {
    let mut checker = Checker::new(file);
    let structs = file.items.iter().filter_map(|item| match item {
        ast::Item::Struct(structure) => checker.structure(structure),
        _ => None,
    });
    let structs: Vec<_> = structs.collect();
    let enums: Vec<_> = file
        .items
        .iter()
        .filter_map(|item| match item {
            ast::Item::Enum(enumeration) => checker.enumeration(enumeration),
            _ => None,
        })
        .collect();
    checker.reject_recursive_structs(file);
    let mut schema = Schema {
        interfaces: Vec::new(),
        structs,
        enums,
    };
    for item in &file.items {
        if let ast::Item::Interface(interface) = item
            && let Some(checked) = checker.interface(interface, &schema)
        {
            schema.interfaces.push(checked);
        }
    }
    mark_error_enums(&mut schema);
    if !checker.diagnostics.is_empty() {
        checker
            .diagnostics
            .sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.code.number()));
        return Err(checker.diagnostics);
    }
    let hashes: Vec<u64> = schema
        .interfaces
        .iter()
        .map(|interface| schema_hash(interface, &schema))
        .collect();
    for (interface, hash) in schema.interfaces.iter_mut().zip(hashes) {
        interface.schema_hash = hash;
    }
    Ok(schema)
}

/// What a declared name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DeclarationKind {
    Interface,
    Struct,
    Enum,
}

/// State shared by the checking passes.
struct Checker {
    /// Every declared name, with its kind and where it was first declared.
    declarations: BTreeMap<String, (DeclarationKind, Span)>,
    diagnostics: Vec<Diagnostic>,
    /// Set once a recursive struct is found: sizes are meaningless after that.
    has_recursion: bool,
}

impl Checker {
    fn new(file: &ast::File) -> Self {
        let mut checker = Checker {
            declarations: BTreeMap::new(),
            diagnostics: Vec::new(),
            has_recursion: false,
        };
        for item in &file.items {
            let kind = match item {
                ast::Item::Interface(_) => DeclarationKind::Interface,
                ast::Item::Struct(_) => DeclarationKind::Struct,
                ast::Item::Enum(_) => DeclarationKind::Enum,
            };
            checker.declare(item.name(), kind);
        }
        checker
    }

    fn declare(&mut self, name: &Ident, kind: DeclarationKind) {
        self.reject_reserved_declaration_name(name);
        if let Some((_, first)) = self.declarations.get(&name.name) {
            let first = *first;
            self.report(
                Diagnostic::new(
                    ErrorCode::DuplicateTypeName,
                    name.span,
                    format!("`{}` is declared twice", name.name),
                )
                .label("second declaration")
                .note(first, "first declared")
                .hint("rename one of them; interfaces, structs and enums share one namespace"),
            );
            return;
        }
        self.declarations
            .insert(name.name.clone(), (kind, name.span));
    }

    fn kind_of(&self, name: &str) -> Option<DeclarationKind> {
        self.declarations.get(name).map(|(kind, _)| *kind)
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports [`ErrorCode::MissingDocs`] unless `docs` has text.
    fn require_docs(&mut self, docs: &Docs, name: &Ident, what: &str, hint: &str) {
        if !docs.is_present() {
            self.report(
                Diagnostic::new(
                    ErrorCode::MissingDocs,
                    name.span,
                    format!("{what} `{}` has no documentation", name.name),
                )
                .label("undocumented")
                .hint(hint.to_string()),
            );
        }
    }

    /// Reports a second use of a name within one scope (fields, variants, ...).
    fn reject_duplicates<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a Ident>,
        code: ErrorCode,
        what: &str,
    ) {
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for name in names {
            self.reject_reserved_name(name, what);
            if let Some(first) = seen.get(name.name.as_str()) {
                let first = *first;
                self.report(
                    Diagnostic::new(
                        code,
                        name.span,
                        format!("{what} `{}` is declared twice", name.name),
                    )
                    .label("second declaration")
                    .note(first, "first declared")
                    .hint("rename or remove one of them"),
                );
            } else {
                seen.insert(&name.name, name.span);
            }
        }
    }
}

/// Sets `is_error` on every enum some method returns as `Result<_, E>`.
fn mark_error_enums(schema: &mut Schema) {
    let error_names: Vec<String> = schema
        .interfaces
        .iter()
        .flat_map(|interface| &interface.methods)
        .filter_map(|method| method.reply.as_ref().and_then(|reply| reply.error.clone()))
        .collect();
    for enumeration in &mut schema.enums {
        enumeration.is_error = error_names.contains(&enumeration.name);
    }
}
