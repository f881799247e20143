//! `idlc-macro`: compiles an `.idl` file into Rust inside the calling crate.
//!
//! A thin shell over the `idlc` library, which does all the work; this crate
//! only finds the file, reports errors and marks the file as an input.
//!
//! ```ignore
//! idlc_macro::interface!("../../idl/template.idl");
//! ```
//!
//! The path is relative to the calling crate's `Cargo.toml` directory
//! (`CARGO_MANIFEST_DIR`). The output includes the file with `include_bytes!`,
//! so Cargo rebuilds the crate when the `.idl` file changes. A file with errors
//! fails the build with `compile_error!`, showing the same rustc-style
//! diagnostics as `idlc check` (code, `file:line:col`, caret and hint).
//! The generated code needs the `libipc` crate as a dependency.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use proc_macro::TokenStream;
use proc_macro2::{Literal, Span, TokenTree};
use quote::{quote, quote_spanned};

/// Generates the structs, enums and one module per interface of an `.idl` file.
///
/// See the crate docs for the path rule, and `docs/idl.md` for what is generated.
#[proc_macro]
pub fn interface(input: TokenStream) -> TokenStream {
    match expand(input.into()) {
        Ok(output) | Err(output) => output.into(),
    }
}

/// The expansion, or a `compile_error!` as the error.
fn expand(
    input: proc_macro2::TokenStream,
) -> Result<proc_macro2::TokenStream, proc_macro2::TokenStream> {
    let (relative, span) = path_argument(input)?;
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
        .map_err(|_| error(span, "CARGO_MANIFEST_DIR is not set; build with Cargo"))?;
    let path = PathBuf::from(manifest_dir).join(&relative);
    let text = std::fs::read_to_string(&path)
        .map_err(|io| error(span, &format!("cannot read `{}`: {io}", path.display())))?;
    let file = idlc::SourceFile::new(relative, text);
    let schema = idlc::check_source(&file).map_err(|diagnostics| {
        // rustc prints `error: ` before a `compile_error!` message already.
        let rendered = idlc::render_all(&diagnostics, &file);
        let message = rendered.strip_prefix("error").unwrap_or(&rendered);
        error(span, message)
    })?;
    let generated = idlc::codegen::generate(&schema);
    let tracked = path.to_string_lossy().into_owned();
    Ok(quote! {
        // Makes the `.idl` file an input of this crate, so editing it rebuilds.
        const _: &[u8] = include_bytes!(#tracked);
        #generated
    })
}

/// The single string literal argument, without its quotes.
fn path_argument(
    input: proc_macro2::TokenStream,
) -> Result<(String, Span), proc_macro2::TokenStream> {
    let usage = "expected one string literal: the `.idl` path relative to CARGO_MANIFEST_DIR, as in `interface!(\"../../idl/echo.idl\")`";
    let mut tokens = input.into_iter();
    let (first, rest) = (tokens.next(), tokens.next());
    let (Some(TokenTree::Literal(literal)), None) = (&first, rest) else {
        let span = first.map_or_else(Span::call_site, |token| token.span());
        return Err(error(span, usage));
    };
    let span = literal.span();
    string_value(literal)
        .map(|value| (value, span))
        .ok_or_else(|| error(span, usage))
}

/// The value of a plain `"..."` literal without escapes (paths need none).
fn string_value(literal: &Literal) -> Option<String> {
    let text = literal.to_string();
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then(|| inner.to_string())
}

fn error(span: Span, message: &str) -> proc_macro2::TokenStream {
    quote_spanned! { span => ::core::compile_error!(#message); }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_path(path: &str) -> String {
        let literal = Literal::string(path);
        match expand(quote! { #literal }) {
            Ok(output) | Err(output) => output.to_string(),
        }
    }

    #[test]
    fn a_good_file_expands_and_is_tracked() {
        let output = expand_path("../../idl/template.idl");
        assert!(output.contains("include_bytes"), "{output}");
        assert!(output.contains("pub mod echo"), "{output}");
        assert!(!output.contains("compile_error"), "{output}");
    }

    #[test]
    fn checker_errors_become_compile_error_with_the_rendered_diagnostic() {
        let output = expand_path("../core/tests/errors/E0012_unknown_type.idl");
        assert!(output.starts_with(":: core :: compile_error !"), "{output}");
        assert!(output.contains("[E0012]: unknown type `u33`"), "{output}");
        assert!(
            output.contains("../core/tests/errors/E0012_unknown_type.idl:5:16"),
            "{output}"
        );
        assert!(output.contains("hint: did you mean `u32`?"), "{output}");
    }

    #[test]
    fn a_missing_file_is_a_compile_error() {
        let output = expand_path("no/such.idl");
        assert!(
            output.contains("compile_error") && output.contains("cannot read"),
            "{output}"
        );
    }

    #[test]
    fn a_non_literal_argument_is_a_compile_error() {
        let output = match expand(quote! { some_path }) {
            Ok(output) | Err(output) => output.to_string(),
        };
        assert!(output.contains("expected one string literal"), "{output}");
    }
}
