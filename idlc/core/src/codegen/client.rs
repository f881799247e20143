//! The `Client` type: one method per interface method, each returning
//! `Result<T, CallError<E>>` and never panicking.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::data::{Side, rust_type};
use super::docs;
use super::interface::{MethodNames, handle_spec};
use super::names::ident;
use crate::ir::{Interface, LeaseDirection, Type};

/// The client half of an interface module.
pub fn client(interface: &Interface, methods: &[MethodNames<'_>]) -> TokenStream {
    let docs = docs(&interface.docs);
    let client_doc = format!(
        " A `{}` client over a channel `C`; create it with [`Client::connect`].",
        interface.name
    );
    let methods = methods.iter().map(client_method);
    quote! {
        #docs
        #[doc = ""]
        #[doc = #client_doc]
        #[derive(Debug)]
        pub struct Client<C> {
            channel: C,
        }

        impl<C: ::libipc::rpc::Channel> Client<C> {
            /// Connects over `channel`: sends this build's [`SCHEMA_HASH`] and
            /// fails with `ProtocolError::SchemaMismatch` if the server's differs.
            pub fn connect(mut channel: C) -> ::core::result::Result<Self, ::libipc::rpc::CallError<::core::convert::Infallible>> {
                ::libipc::rpc::connect(&mut channel, SCHEMA_HASH)?;
                ::core::result::Result::Ok(Self { channel })
            }

            /// Wraps `channel` without the schema check of [`Client::connect`]
            /// (for a channel whose peer is already known to match).
            pub fn new(channel: C) -> Self {
                Self { channel }
            }

            /// The channel.
            pub fn channel(&self) -> &C {
                &self.channel
            }

            /// Gives the channel back.
            pub fn into_channel(self) -> C {
                self.channel
            }

            #(#methods)*
        }
    }
}

fn client_method(names: &MethodNames<'_>) -> TokenStream {
    let method = names.method;
    let docs = docs(&method.docs);
    let (name, ordinal, request_type) = (&names.name, &names.ordinal, &names.request);
    let params = method.params.iter().map(|param| {
        let name = ident(&param.name);
        let ty = rust_type(&param.ty, Side::Client);
        quote! { #name: #ty }
    });
    let inline: Vec<Ident> = names
        .inline_params()
        .map(|param| ident(&param.name))
        .collect();
    let error = error_type(names);
    let ok = method
        .reply
        .as_ref()
        .map_or_else(|| quote! { () }, |reply| rust_type(&reply.ok, Side::Data));
    let (leases, mut attachments) = attachments(names);
    if names.small_reply {
        attachments.push(quote! { __request.small_reply = true; });
    }
    let mutability = if attachments.is_empty() {
        quote! {}
    } else {
        quote! { mut }
    };
    let send = send_and_decode(names, &error);
    let allowance = super::many_arguments_allowance(method.params.len());
    let ordinal_doc = super::server::ordinal_doc(names);
    quote! {
        #docs
        #ordinal_doc
        #allowance
        pub fn #name(&mut self, #(#params),*) -> ::core::result::Result<#ok, ::libipc::rpc::CallError<#error>> {
            let mut __payload = ::libipc::rpc::Payload::new();
            __payload.encode_in_place(&#request_type { #(#inline),* }).map_err(::libipc::rpc::CallError::Encode)?;
            #(#leases)*
            let #mutability __request = ::libipc::rpc::Request::new(ordinals::#ordinal, __payload.as_slice());
            #(#attachments)*
            #send
        }
    }
}

/// The interface error type, or `Infallible` for a method without `Result`.
fn error_type(names: &MethodNames<'_>) -> TokenStream {
    match names
        .method
        .reply
        .as_ref()
        .and_then(|reply| reply.error.as_ref())
    {
        Some(error) => {
            let error = ident(error);
            quote! { #error }
        }
        None => quote! { ::core::convert::Infallible },
    }
}

/// Statements that set up leases (before the request borrows them), and
/// statements that attach handles, the lease and the grant to the request.
///
/// Generated locals start with `__`, which the checker reserves, so they
/// never shadow a parameter (a parameter may well be called `request`).
fn attachments(names: &MethodNames<'_>) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let too_long =
        quote! { ::libipc::rpc::CallError::Encode(::libipc::wire::EncodeError::TooLong) };
    let mut leases = Vec::new();
    let mut attachments = Vec::new();
    for param in &names.method.params {
        let name = ident(&param.name);
        match &param.ty {
            Type::Cap { .. } => attachments.push(quote! {
                __request.handles.push(#name).map_err(|_| #too_long)?;
            }),
            Type::Lease { direction, max } => {
                let max = super::data::usize_literal(*max);
                let variant = if *direction == LeaseDirection::In {
                    quote! { Readable }
                } else {
                    quote! { Writable }
                };
                leases.push(quote! {
                    if #name.len() > #max {
                        return ::core::result::Result::Err(#too_long);
                    }
                    let mut __lease = ::libipc::rpc::SliceLease::#variant(#name);
                });
                attachments
                    .push(quote! { __request.lease = ::core::option::Option::Some(&mut __lease); });
            }
            Type::Grant { .. } => {
                attachments.push(quote! { __request.grant = ::core::option::Option::Some(#name); })
            }
            _ => {}
        }
    }
    (leases, attachments)
}

fn send_and_decode(names: &MethodNames<'_>, error: &TokenStream) -> TokenStream {
    let Some(reply) = &names.method.reply else {
        return quote! {
            self.channel.send(__request)?;
            ::core::result::Result::Ok(())
        };
    };
    if let Type::Cap { interface, rights } = &reply.ok {
        let spec = handle_spec(interface, rights);
        return quote! {
            let __reply = self.channel.call(__request)?;
            ::libipc::rpc::decode_handle_reply::<#error>(__reply, #spec)
        };
    }
    let ok = rust_type(&reply.ok, Side::Data);
    quote! {
        let __reply = self.channel.call(__request)?;
        ::libipc::rpc::decode_reply::<#ok, #error>(__reply)
    }
}
