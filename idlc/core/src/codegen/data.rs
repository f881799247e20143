//! Structs, enums and the Rust type of each IDL type.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::names::ident;
use crate::ir::{Enum, IntType, Struct, Type};

/// Where a type is used: a lease or grant looks different to each side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// In a struct, a request type or a reply.
    Data,
    /// A parameter of a `Client` method.
    Client,
    /// A parameter of a `Server` trait method.
    Server,
}

/// The Rust type for an IDL type.
pub fn rust_type(ty: &Type, side: Side) -> TokenStream {
    match ty {
        Type::Unit => quote! { () },
        Type::Bool => quote! { bool },
        Type::Int(int) => int_type(*int),
        Type::String { max } => {
            let max = usize_literal(*max);
            quote! { ::libipc::wire::BoundedString<#max> }
        }
        Type::Bytes { max } => {
            let max = usize_literal(*max);
            quote! { ::libipc::wire::BoundedBytes<#max> }
        }
        Type::Vec { element, max } => {
            let element = rust_type(element, Side::Data);
            let max = usize_literal(*max);
            quote! { ::libipc::wire::BoundedVec<#element, #max> }
        }
        Type::Array { element, len } => {
            let element = rust_type(element, Side::Data);
            let len = usize_literal(*len);
            quote! { [#element; #len] }
        }
        Type::Struct(name) | Type::Enum(name) => {
            let name = ident(name);
            quote! { #name }
        }
        Type::Cap { .. } => quote! { ::libipc::rpc::Handle },
        Type::Lease { direction, .. } => match (side, direction) {
            (Side::Server, crate::ir::LeaseDirection::In) => quote! { ::libipc::rpc::LeaseIn<'_> },
            (Side::Server, crate::ir::LeaseDirection::Out) => {
                quote! { ::libipc::rpc::LeaseOut<'_> }
            }
            (_, crate::ir::LeaseDirection::In) => quote! { &[u8] },
            (_, crate::ir::LeaseDirection::Out) => quote! { &mut [u8] },
        },
        Type::Grant { .. } => quote! { ::libipc::rpc::Grant },
    }
}

/// True for types that travel in the payload (not handles, leases or grants).
pub fn is_inline(ty: &Type) -> bool {
    !matches!(
        ty,
        Type::Cap { .. } | Type::Lease { .. } | Type::Grant { .. }
    )
}

/// The Rust integer type.
pub fn int_type(int: IntType) -> TokenStream {
    let name = format_ident!("{}", int.name());
    quote! { #name }
}

/// An unsuffixed literal, so it reads `BoundedString<256>`.
pub fn usize_literal(value: u32) -> Literal {
    Literal::u32_unsuffixed(value)
}

/// A struct and its `Wire` impl: fields encoded in order.
pub fn structure(structure: &Struct) -> TokenStream {
    let name = ident(&structure.name);
    let docs = docs(&structure.docs);
    let field_docs = structure
        .fields
        .iter()
        .map(|field| super::field_docs(&field.docs, &field.name, "field"));
    let field_names: Vec<_> = structure
        .fields
        .iter()
        .map(|field| ident(&field.name))
        .collect();
    let field_types = structure
        .fields
        .iter()
        .map(|field| rust_type(&field.ty, Side::Data));
    let wire = wire_impl(&name, &field_names);
    quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct #name {
            #( #field_docs pub #field_names: #field_types, )*
        }

        #wire
    }
}

/// `Wire` for a struct (or request type): fields encoded in order, and
/// decoded in place field by field (`decode_into`), so a server's request
/// is never moved whole through a `Result`.
pub fn wire_impl(name: &proc_macro2::Ident, field_names: &[proc_macro2::Ident]) -> TokenStream {
    let (encoder, decoder) = if field_names.is_empty() {
        (format_ident!("_encoder"), format_ident!("_decoder"))
    } else {
        (format_ident!("encoder"), format_ident!("decoder"))
    };
    quote! {
        impl ::libipc::wire::Wire for #name {
            fn encode(&self, #encoder: &mut ::libipc::wire::Encoder<'_>) -> ::core::result::Result<(), ::libipc::wire::EncodeError> {
                #( ::libipc::wire::Wire::encode(&self.#field_names, #encoder)?; )*
                ::core::result::Result::Ok(())
            }

            fn decode(#decoder: &mut ::libipc::wire::Decoder<'_>) -> ::core::result::Result<Self, ::libipc::wire::DecodeError> {
                ::core::result::Result::Ok(Self {
                    #( #field_names: ::libipc::wire::Wire::decode(#decoder)?, )*
                })
            }

            fn decode_into(&mut self, #decoder: &mut ::libipc::wire::Decoder<'_>) -> ::core::result::Result<(), ::libipc::wire::DecodeError> {
                #( ::libipc::wire::Wire::decode_into(&mut self.#field_names, #decoder)?; )*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// An enum with explicit discriminants, its raw conversions and `Wire` impl
/// (an unknown discriminant decodes to `DecodeError::BadValue`). Error enums
/// also get `Display`, from each variant's first doc line.
pub fn enumeration(enumeration: &Enum) -> TokenStream {
    let name = ident(&enumeration.name);
    let docs = docs(&enumeration.docs);
    let repr = int_type(enumeration.repr);
    let variant_docs = enumeration
        .variants
        .iter()
        .map(|variant| super::docs(&variant.docs));
    let variants: Vec<_> = enumeration
        .variants
        .iter()
        .map(|variant| ident(&variant.name))
        .collect();
    let values: Vec<_> = enumeration
        .variants
        .iter()
        .map(|variant| Literal::u64_unsuffixed(variant.value))
        .collect();
    let defaults = (0..variants.len()).map(|index| {
        if index == 0 {
            quote! { #[default] }
        } else {
            quote! {}
        }
    });
    let display = enumeration.is_error.then(|| error_display(enumeration));
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        #[repr(#repr)]
        pub enum #name {
            #( #variant_docs #defaults #variants = #values, )*
        }

        impl #name {
            /// The discriminant, as it travels on the wire.
            pub const fn to_raw(self) -> #repr {
                self as #repr
            }

            /// The variant with discriminant `raw`, if there is one.
            pub const fn from_raw(raw: #repr) -> ::core::option::Option<Self> {
                match raw {
                    #( #values => ::core::option::Option::Some(Self::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::libipc::wire::Wire for #name {
            fn encode(&self, encoder: &mut ::libipc::wire::Encoder<'_>) -> ::core::result::Result<(), ::libipc::wire::EncodeError> {
                ::libipc::wire::Wire::encode(&self.to_raw(), encoder)
            }

            fn decode(decoder: &mut ::libipc::wire::Decoder<'_>) -> ::core::result::Result<Self, ::libipc::wire::DecodeError> {
                let raw = <#repr as ::libipc::wire::Wire>::decode(decoder)?;
                Self::from_raw(raw).ok_or(::libipc::wire::DecodeError::BadValue)
            }
        }

        #display
    }
}

fn error_display(enumeration: &Enum) -> TokenStream {
    let name = ident(&enumeration.name);
    let variants = enumeration
        .variants
        .iter()
        .map(|variant| ident(&variant.name));
    let texts = enumeration.variants.iter().map(|variant| {
        variant
            .docs
            .first()
            .cloned()
            .unwrap_or_else(|| variant.name.clone())
    });
    quote! {
        impl ::core::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(match self {
                    #( Self::#variants => #texts, )*
                })
            }
        }
    }
}
