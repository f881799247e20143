//! A readable dump of a checked [`Schema`], used by golden tests and `idlc ir`.
//!
//! It shows what the checker concluded (resolved types, sorted rights, sizes,
//! schema hashes), so a golden file changes whenever the meaning does.

use std::fmt::Write;

use crate::ir::{Enum, Field, Interface, Method, Schema, Struct};

/// Renders the whole schema.
pub fn pretty_print(schema: &Schema) -> String {
    let mut out = String::new();
    for interface in &schema.interfaces {
        write_interface(&mut out, interface);
    }
    for structure in &schema.structs {
        write_struct(&mut out, structure);
    }
    for enumeration in &schema.enums {
        write_enum(&mut out, enumeration);
    }
    out
}

fn write_docs(out: &mut String, indent: &str, docs: &[String]) {
    for line in docs {
        let _ = writeln!(
            out,
            "{indent}///{}{line}",
            if line.is_empty() { "" } else { " " }
        );
    }
}

fn write_interface(out: &mut String, interface: &Interface) {
    write_docs(out, "", &interface.docs);
    let _ = writeln!(
        out,
        "interface {} [schema hash {:#018x}]",
        interface.name, interface.schema_hash
    );
    for method in &interface.methods {
        write_method(out, method);
    }
    for ordinal in &interface.reserved {
        let _ = writeln!(out, "    reserved @{ordinal}");
    }
    out.push('\n');
}

fn write_method(out: &mut String, method: &Method) {
    write_docs(out, "    ", &method.docs);
    let params: Vec<String> = method
        .params
        .iter()
        .map(|param| format!("{}: {}", param.name, param.ty))
        .collect();
    let reply = match &method.reply {
        None => String::new(),
        Some(reply) => match &reply.error {
            Some(error) => format!(" -> Result<{}, {error}>", reply.ok),
            None => format!(" -> {}", reply.ok),
        },
    };
    let oneway = if method.is_oneway() {
        "oneway "
    } else if method.deferred {
        "deferred "
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "    @{} {oneway}{}({}){reply}",
        method.ordinal,
        method.name,
        params.join(", ")
    );
    let _ = writeln!(
        out,
        "        [request <= {} bytes, reply <= {} bytes]",
        method.request_max_bytes, method.reply_max_bytes
    );
}

fn write_struct(out: &mut String, structure: &Struct) {
    write_docs(out, "", &structure.docs);
    let _ = writeln!(out, "struct {}", structure.name);
    for Field { docs, name, ty } in &structure.fields {
        write_docs(out, "    ", docs);
        let _ = writeln!(out, "    {name}: {ty}");
    }
    out.push('\n');
}

fn write_enum(out: &mut String, enumeration: &Enum) {
    write_docs(out, "", &enumeration.docs);
    let kind = if enumeration.is_error {
        "error enum"
    } else {
        "enum"
    };
    let _ = writeln!(
        out,
        "{kind} {}: {}",
        enumeration.name,
        enumeration.repr.name()
    );
    for variant in &enumeration.variants {
        write_docs(out, "    ", &variant.docs);
        let _ = writeln!(out, "    {} = {}", variant.name, variant.value);
    }
    out.push('\n');
}
