//! The responder type of a `deferred` method: how its server answers later.
//!
//! `@4 deferred read(max: u32) -> Result<bytes<256>, ReadError>;` gets
//! `pub struct ReadResponder`, whose `reply(self, result)` takes exactly what
//! an immediate `read` would return. It wraps the runtime's
//! `libipc::rpc::Responder`, so it is `Send` and `'static` (a server may hand
//! it to another thread) and answers `ProtocolError::Abandoned` if dropped
//! unanswered.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::data::{Side, rust_type};
use super::docs;
use super::interface::MethodNames;
use super::names::ident;
use super::server::encode_reply;
use crate::ir::Type;

/// The responder struct and its methods for one deferred method.
pub fn responder(names: &MethodNames<'_>) -> TokenStream {
    let responder = &names.responder;
    let method = &names.method.name;
    let summary = format!(
        " Answers one `{method}` call ([`Server::{method}`]), now or later, from any thread of the server."
    );
    let method_docs = docs(&names.method.docs);
    let drop_doc = " Dropping it unanswered answers the caller `ProtocolError::Abandoned` \
        (`CallError::Protocol`), so no caller waits for ever on a forgotten call.";
    let reply = reply_method(names);
    quote! {
        #[doc = #summary]
        #[doc = ""]
        #method_docs
        #[doc = ""]
        #[doc = #drop_doc]
        #[derive(Debug)]
        pub struct #responder(::libipc::rpc::Responder);

        impl #responder {
            /// Wraps the runtime's responder for one call: [`dispatch`] does
            /// this; a test of the server's logic can too, with
            /// `libipc::rpc::Responder::new`.
            pub fn new(responder: ::libipc::rpc::Responder) -> Self {
                Self(responder)
            }

            #reply
        }
    }
}

/// `reply(self)`, `reply(self, value: T)` or `reply(self, result: Result<T, E>)`.
fn reply_method(names: &MethodNames<'_>) -> TokenStream {
    let Some(reply) = names.method.reply.as_ref() else {
        // The checker rejects `oneway deferred` (E0034); nothing to answer.
        return quote! {};
    };
    let ok = rust_type(&reply.ok, Side::Data);
    if let Some(error) = &reply.error {
        let error = ident(error);
        let source = format_ident!("result");
        let encoded = encode_reply(names, &source);
        return quote! {
            /// Answers the call with `result`, as the method would return it.
            pub fn reply(self, result: ::core::result::Result<#ok, #error>) {
                self.0.reply(#encoded)
            }
        };
    }
    if reply.ok == Type::Unit {
        return quote! {
            /// Answers the call (the method returns nothing).
            pub fn reply(self) {
                self.0.reply(::libipc::rpc::Reply::with_value(::libipc::rpc::Status::Ok, &()))
            }
        };
    }
    let source = format_ident!("value");
    let encoded = encode_reply(names, &source);
    quote! {
        /// Answers the call with `value`, as the method would return it.
        pub fn reply(self, value: #ok) {
            self.0.reply(#encoded)
        }
    }
}
