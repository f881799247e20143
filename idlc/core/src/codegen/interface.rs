//! One module per interface: schema hash, ordinals, request types and shapes;
//! the server and client halves live in [`super::server`] and [`super::client`].

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::data::{Side, is_inline, rust_type, wire_impl};
use super::names::{camel_case, ident, snake_case};
use super::{client, docs, field_docs, responder, server};
use crate::ir::{
    CapRight, Field, GrantMode, GrantRight, Interface, LeaseDirection, Method, Schema, Type,
};

/// The names generated for one method.
pub struct MethodNames<'a> {
    /// The checked method.
    pub method: &'a Method,
    /// The Rust method name.
    pub name: Ident,
    /// Its constant in `ordinals`.
    pub ordinal: Ident,
    /// Its request type.
    pub request: Ident,
    /// Its private `MethodShape` constant.
    pub shape: Ident,
    /// Its private dispatch function.
    pub dispatch: Ident,
    /// Its responder type (generated for `deferred` methods only).
    pub responder: Ident,
    /// True if every reply it can get fits in a message's registers: at most
    /// [`REGISTER_PAYLOAD`] bytes and no handle. The client then tells the
    /// transport, which can take the kernel's register-only fast path.
    pub small_reply: bool,
}

/// Payload bytes a reply may have and still travel in registers
/// (`libipc::rpc::registers::INLINE_CAPACITY`).
pub const REGISTER_PAYLOAD: usize = 32;

impl<'a> MethodNames<'a> {
    fn new(method: &'a Method, schema: &Schema) -> Self {
        MethodNames {
            small_reply: small_reply(method, schema),
            method,
            name: ident(&method.name),
            ordinal: format_ident!("{}", method.name.to_uppercase()),
            request: format_ident!("{}Request", camel_case(&method.name)),
            shape: format_ident!("{}_SHAPE", method.name.to_uppercase()),
            dispatch: format_ident!("dispatch_{}", method.name),
            responder: format_ident!("{}Responder", camel_case(&method.name)),
        }
    }

    /// The parameters that travel in the payload.
    pub fn inline_params(&self) -> impl Iterator<Item = &'a Field> {
        self.method
            .params
            .iter()
            .filter(|param| is_inline(&param.ty))
    }
}

/// See [`MethodNames::small_reply`].
fn small_reply(method: &Method, schema: &Schema) -> bool {
    let Some(reply) = &method.reply else { return false };
    let error_size = reply.error.as_ref().map_or(0, |name| {
        crate::layout::max_encoded_size(&crate::ir::Type::Enum(name.clone()), schema)
    });
    let ok_size = crate::layout::max_encoded_size(&reply.ok, schema);
    ok_size.max(error_size) <= REGISTER_PAYLOAD && !carries_handles(&reply.ok, schema, 0)
}

/// True if a value of `ty` may hold a capability (which travels as a handle).
fn carries_handles(ty: &crate::ir::Type, schema: &Schema, depth: usize) -> bool {
    use crate::ir::Type;
    match ty {
        Type::Cap { .. } | Type::Lease { .. } | Type::Grant { .. } => true,
        // Deeper than any checked schema nests: assume the worst.
        _ if depth > 64 => true,
        Type::Vec { element, .. } | Type::Array { element, .. } => carries_handles(element, schema, depth + 1),
        Type::Struct(name) => schema
            .find_struct(name)
            .is_none_or(|structure| structure.fields.iter().any(|field| carries_handles(&field.ty, schema, depth + 1))),
        _ => false,
    }
}

/// The module for one interface.
pub fn interface(interface: &Interface, schema: &Schema) -> TokenStream {
    let module = ident(&snake_case(&interface.name));
    let docs = docs(&interface.docs);
    let hash_doc = format!(
        " The schema hash of `{}`: the client sends it when it connects, and the server refuses a different one.",
        interface.name
    );
    let hash = format!("{:#018x}", interface.schema_hash)
        .parse::<Literal>()
        .unwrap_or_else(|_| Literal::u64_unsuffixed(interface.schema_hash));
    let methods: Vec<MethodNames<'_>> =
        interface.methods.iter().map(|method| MethodNames::new(method, schema)).collect();
    let ordinals = methods.iter().map(ordinal_constant);
    let requests = methods.iter().map(request_type);
    let shapes = methods.iter().map(shape_constant);
    let responders = methods.iter().filter(|names| names.method.deferred).map(responder::responder);
    let server = server::server(interface, &methods);
    let client = client::client(interface, &methods);
    quote! {
        #docs
        pub mod #module {
            #[allow(unused_imports, reason = "the interface may use none of the file's structs and enums")]
            use super::*;

            #[doc = #hash_doc]
            pub const SCHEMA_HASH: u64 = #hash;

            /// The operation number (ordinal) of each method.
            pub mod ordinals {
                #(#ordinals)*
            }

            #(#requests)*
            #(#shapes)*
            #(#responders)*
            #server
            #client
        }
    }
}

fn ordinal_constant(names: &MethodNames<'_>) -> TokenStream {
    let constant = &names.ordinal;
    let value = Literal::u32_unsuffixed(names.method.ordinal);
    let doc = format!(
        " `@{}`: [`Server::{}`](super::Server::{}).",
        names.method.ordinal, names.method.name, names.method.name
    );
    quote! {
        #[doc = #doc]
        pub const #constant: u32 = #value;
    }
}

fn request_type(names: &MethodNames<'_>) -> TokenStream {
    let request = &names.request;
    let doc = format!(
        " The inline arguments of [`Server::{}`], as encoded in the request payload.",
        names.method.name
    );
    let field_docs = names
        .inline_params()
        .map(|param| field_docs(&param.docs, &param.name, "argument"));
    let field_names: Vec<Ident> = names
        .inline_params()
        .map(|param| ident(&param.name))
        .collect();
    let field_types = names
        .inline_params()
        .map(|param| rust_type(&param.ty, Side::Data));
    let wire = wire_impl(request, &field_names);
    let max = Literal::usize_unsuffixed(names.method.request_max_bytes);
    let max_doc =
        format!(" The largest encoding of a request, in bytes (with worst-case padding): {max}.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct #request {
            #( #field_docs pub #field_names: #field_types, )*
        }

        impl #request {
            #[doc = #max_doc]
            pub const MAX_ENCODED_LEN: usize = #max;
        }

        #wire
    }
}

fn shape_constant(names: &MethodNames<'_>) -> TokenStream {
    let shape = &names.shape;
    let handles = names
        .method
        .params
        .iter()
        .filter_map(|param| match &param.ty {
            Type::Cap { interface, rights } => Some(handle_spec(interface, rights)),
            _ => None,
        });
    let lease = names.method.params.iter().find_map(|param| match &param.ty {
        Type::Lease { direction, max } => {
            let writable = *direction == LeaseDirection::Out;
            let max = Literal::u32_unsuffixed(*max);
            Some(quote! { ::core::option::Option::Some(::libipc::rpc::LeaseSpec { writable: #writable, max: #max }) })
        }
        _ => None,
    });
    let grant = names.method.params.iter().find_map(|param| match &param.ty {
        Type::Grant { max_pages, rights, mode } => {
            let rights = rights_expression(rights.iter().map(|right| grant_right(*right)));
            let mode = match mode {
                GrantMode::Shared => quote! { ::libipc::rpc::GrantMode::Shared },
                GrantMode::Moved => quote! { ::libipc::rpc::GrantMode::Moved },
            };
            let max_pages = Literal::u32_unsuffixed(*max_pages);
            Some(quote! { ::core::option::Option::Some(::libipc::rpc::GrantSpec { max_pages: #max_pages, rights: #rights, mode: #mode }) })
        }
        _ => None,
    });
    let lease = lease.unwrap_or_else(|| quote! { ::core::option::Option::None });
    let grant = grant.unwrap_or_else(|| quote! { ::core::option::Option::None });
    quote! {
        const #shape: ::libipc::rpc::MethodShape = ::libipc::rpc::MethodShape {
            handles: &[#(#handles),*],
            lease: #lease,
            grant: #grant,
        };
    }
}

/// A `HandleSpec` for a capability to `target` (an interface's endpoint,
/// or a kernel object) with `rights`.
pub fn handle_spec(target: &str, rights: &[CapRight]) -> TokenStream {
    let rights = rights_expression(rights.iter().map(|right| cap_right(*right)));
    let object = match target {
        "irq" => quote! { Irq },
        "ports" => quote! { IoPorts },
        "memory" => quote! { Memory },
        "process" => quote! { Process },
        _ => quote! { Endpoint },
    };
    quote! { ::libipc::rpc::HandleSpec { object: ::libipc::rpc::ObjectType::#object, rights: #rights } }
}

fn rights_expression(rights: impl Iterator<Item = TokenStream>) -> TokenStream {
    quote! { ::libipc::rpc::Rights::from_constants(&[ #( #rights ),* ]) }
}

fn cap_right(right: CapRight) -> TokenStream {
    match right {
        CapRight::Send => quote! { ::libipc::rpc::Rights::SEND },
        CapRight::Receive => quote! { ::libipc::rpc::Rights::RECEIVE },
        CapRight::Duplicate => quote! { ::libipc::rpc::Rights::DUPLICATE },
        CapRight::Transfer => quote! { ::libipc::rpc::Rights::TRANSFER },
        CapRight::Wait => quote! { ::libipc::rpc::Rights::WAIT },
        CapRight::Signal => quote! { ::libipc::rpc::Rights::SIGNAL },
        CapRight::PortRead => quote! { ::libipc::rpc::Rights::PORT_READ },
        CapRight::PortWrite => quote! { ::libipc::rpc::Rights::PORT_WRITE },
        CapRight::MapRead => quote! { ::libipc::rpc::Rights::MAP_READ },
        CapRight::MapWrite => quote! { ::libipc::rpc::Rights::MAP_WRITE },
    }
}

fn grant_right(right: GrantRight) -> TokenStream {
    match right {
        GrantRight::Read => quote! { ::libipc::rpc::Rights::MAP_READ },
        GrantRight::Write => quote! { ::libipc::rpc::Rights::MAP_WRITE },
    }
}
