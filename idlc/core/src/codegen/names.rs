//! Rust names for IDL names: case conversion and keyword escaping.

use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords, which need `r#` as identifiers.
const KEYWORDS: [&str; 50] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

/// An identifier for `name`, raw if it is a keyword.
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) && !matches!(name, "self" | "Self" | "super" | "crate") {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// `BlockDevice` -> `block_device`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

/// `count_nonzero` -> `CountNonzero`.
pub fn camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case() {
        assert_eq!(snake_case("BlockDevice"), "block_device");
        assert_eq!(snake_case("Echo"), "echo");
        assert_eq!(camel_case("count_nonzero"), "CountNonzero");
    }

    #[test]
    fn escapes_keywords() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("kind").to_string(), "kind");
    }
}
