//! The schema hash: a fingerprint of an interface's wire contract.
//!
//! Client and server each carry the hash of the interface they were built
//! against and compare them when they connect; a mismatch fails the connection
//! cleanly instead of letting two builds misread each other's messages.
//!
//! The hash is FNV-1a (64 bits) over the interface's *canonical form*: its
//! name; each method by ordinal, with its name, `oneway`, parameter types and
//! reply; and, after it, every struct and enum those types reach, with field
//! and variant names, types, representations and discriminants. Docs,
//! parameter names, reserved ordinals, comments, whitespace and declaration
//! order are left out, so those can change without breaking a deployed peer.
//! Anything else that changes the hash is a breaking change.
//!
//! `deferred` is left out too: it says when the server answers, not what
//! travels. The request, the reply and the generated client are the same
//! either way (the client blocks until the answer comes), so a server may
//! start or stop deferring a method without breaking its clients. It still
//! shows in the IR, the client's docs and the `Server` trait.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::ir::{Interface, Reply, Schema, Type};

/// The schema hash of `interface` (its own `schema_hash` field is ignored).
pub fn schema_hash(interface: &Interface, schema: &Schema) -> u64 {
    fnv1a64(canonical_form(interface, schema).as_bytes())
}

/// The text the schema hash is computed over; see the module docs.
pub fn canonical_form(interface: &Interface, schema: &Schema) -> String {
    let mut out = format!("interface {}{{", interface.name);
    let mut methods: Vec<_> = interface.methods.iter().collect();
    methods.sort_by_key(|method| method.ordinal);
    let mut reached = Vec::new();
    for method in methods {
        let oneway = if method.is_oneway() { "oneway " } else { "" };
        let params: Vec<String> = method
            .params
            .iter()
            .map(|param| param.ty.to_string())
            .collect();
        let _ = write!(
            out,
            "@{} {oneway}{}({})",
            method.ordinal,
            method.name,
            params.join(",")
        );
        if let Some(reply) = &method.reply {
            let _ = write!(out, "->{}", reply_text(reply));
            collect_named(&reply.ok, &mut reached);
            if let Some(error) = &reply.error {
                reached.push(error.clone());
            }
        }
        out.push(';');
        for param in &method.params {
            collect_named(&param.ty, &mut reached);
        }
    }
    out.push('}');
    write_named_types(&mut out, reached, schema);
    out
}

fn reply_text(reply: &Reply) -> String {
    match &reply.error {
        Some(error) => format!("Result<{},{error}>", reply.ok),
        None => reply.ok.to_string(),
    }
}

/// Appends each struct and enum reachable from `pending`, sorted by name so
/// declaration order does not matter.
fn write_named_types(out: &mut String, mut pending: Vec<String>, schema: &Schema) {
    let mut done = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !done.insert(name.clone()) {
            continue;
        }
        if let Some(structure) = schema.find_struct(&name) {
            for field in &structure.fields {
                collect_named(&field.ty, &mut pending);
            }
        }
    }
    for name in done {
        if let Some(structure) = schema.find_struct(&name) {
            let fields: Vec<String> = structure
                .fields
                .iter()
                .map(|field| format!("{}:{}", field.name, field.ty))
                .collect();
            let _ = write!(out, "struct {}{{{}}}", structure.name, fields.join(","));
        } else if let Some(enumeration) = schema.find_enum(&name) {
            let variants: Vec<String> = enumeration
                .variants
                .iter()
                .map(|variant| format!("{}={}", variant.name, variant.value))
                .collect();
            let _ = write!(
                out,
                "enum {}:{}{{{}}}",
                enumeration.name,
                enumeration.repr.name(),
                variants.join(",")
            );
        }
    }
}

/// Pushes the struct and enum names `ty` mentions.
fn collect_named(ty: &Type, names: &mut Vec<String>) {
    match ty {
        Type::Struct(name) | Type::Enum(name) => names.push(name.clone()),
        Type::Vec { element, .. } | Type::Array { element, .. } => collect_named(element, names),
        _ => {}
    }
}

/// 64-bit FNV-1a: tiny, dependency-free and fixed forever, which is all a
/// fingerprint compared between two builds needs (it is not a defence against
/// a peer forging a match on purpose).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
