//! The code generator: turns a checked [`Schema`] into Rust over `libipc`.
//!
//! Output per file: each struct and enum with its `libipc::wire::Wire` encoding, then one
//! module per interface (named in snake case) holding its schema hash,
//! ordinals, request types, a responder type per `deferred` method, `Server`
//! trait, `dispatch` function and `Client`.
//! Every `///` line of the `.idl` file becomes a `#[doc]` on the matching item.
//!
//! The generated code uses only absolute paths (`::libipc::...`, `::core::...`),
//! has no `unsafe`, needs no allocator, and never panics on input: every check
//! is a call into the runtime that returns a named error.

mod client;
mod data;
mod interface;
mod names;
mod responder;
mod server;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Schema;

/// Generates the Rust code for a whole schema.
pub fn generate(schema: &Schema) -> TokenStream {
    let structs = schema.structs.iter().map(data::structure);
    let enums = schema.enums.iter().map(data::enumeration);
    let interfaces = schema
        .interfaces
        .iter()
        .map(|item| interface::interface(item, schema));
    quote! {
        #(#structs)*
        #(#enums)*
        #(#interfaces)*
    }
}

/// `#[doc = "..."]` attributes for `///` lines.
fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| format!(" {line}"));
    quote! { #(#[doc = #lines])* }
}

/// Docs for a field or argument; `///` is optional on those, so an undocumented
/// one gets a plain line rather than a `missing_docs` warning in the user's crate.
fn field_docs(lines: &[String], name: &str, what: &str) -> TokenStream {
    if lines.is_empty() {
        let line = format!(" The `{name}` {what}.");
        quote! { #[doc = #line] }
    } else {
        docs(lines)
    }
}

/// Silences clippy's argument-count lint on a generated method whose IDL
/// declares many parameters: the signature mirrors the `.idl`, by design.
fn many_arguments_allowance(parameter_count: usize) -> TokenStream {
    if parameter_count + 1 > 7 {
        quote! { #[allow(clippy::too_many_arguments, reason = "one argument per parameter declared in the .idl file")] }
    } else {
        quote! {}
    }
}
