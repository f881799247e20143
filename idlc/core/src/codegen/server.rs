//! The `Server` trait, the `dispatch` function and the `Dispatcher` adapter.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::data::{Side, rust_type};
use super::docs;
use super::interface::MethodNames;
use super::names::ident;
use crate::ir::{Interface, Reply, Type};

/// The server half of an interface module.
pub fn server(interface: &Interface, methods: &[MethodNames<'_>]) -> TokenStream {
    let docs = docs(&interface.docs);
    let trait_methods = methods.iter().map(trait_method);
    let dispatchers = methods.iter().map(method_dispatcher);
    let ordinals = methods.iter().map(|names| &names.ordinal);
    let dispatch_fns = methods.iter().map(|names| &names.dispatch);
    let trait_doc = format!(
        " Implemented by a `{}` server; [`dispatch`] calls it with validated arguments only.",
        interface.name
    );
    quote! {
        #docs
        #[doc = ""]
        #[doc = #trait_doc]
        pub trait Server {
            #(#trait_methods)*
        }

        /// Handles one request: checks its handles, lease and grant, decodes and
        /// validates its payload, calls the [`Server`] method and encodes the
        /// reply. A malformed request gets a protocol-error reply and never
        /// reaches the server; handles the method does not take are closed.
        pub fn dispatch<S: Server + ?Sized>(server: &mut S, request: ::libipc::rpc::Request<'_>) -> ::libipc::rpc::Reply {
            match request.operation {
                ::libipc::rpc::CONNECT_OPERATION => ::libipc::rpc::answer_connect(&request, SCHEMA_HASH),
                #( ordinals::#ordinals => #dispatch_fns(server, request), )*
                _ => ::libipc::rpc::Reply::protocol(::libipc::rpc::ProtocolError::UnknownOperation),
            }
        }

        /// Adapts a [`Server`] to the runtime's transports (for `serve` and `Loopback`).
        #[derive(Debug, Default)]
        pub struct Dispatcher<S>(pub S);

        impl<S: Server> ::libipc::rpc::Dispatch for Dispatcher<S> {
            fn dispatch(&mut self, request: ::libipc::rpc::Request<'_>) -> ::libipc::rpc::Reply {
                dispatch(&mut self.0, request)
            }
        }

        #(#dispatchers)*
    }
}

pub(super) fn ordinal_doc(names: &MethodNames<'_>) -> TokenStream {
    let doc = format!(
        " Ordinal `@{}`{}.",
        names.method.ordinal,
        if names.method.is_oneway() {
            ", one-way (no reply)"
        } else if names.method.deferred {
            ", deferred: the server may answer later, and the call blocks until it does"
        } else {
            ""
        }
    );
    quote! { #[doc = ""] #[doc = #doc] }
}

fn trait_method(names: &MethodNames<'_>) -> TokenStream {
    let docs = docs(&names.method.docs);
    let ordinal_doc = ordinal_doc(names);
    let name = &names.name;
    let params = names.method.params.iter().map(|param| {
        let name = ident(&param.name);
        let ty = rust_type(&param.ty, Side::Server);
        quote! { #name: #ty }
    });
    if names.method.deferred {
        let responder_type = &names.responder;
        let responder = responder_parameter(names);
        let allowance = super::many_arguments_allowance(names.method.params.len() + 1);
        let responder_doc = format!(
            " Answer through `{responder}`, now or later: keep it (it may move to another thread) \
             and call its `reply`. Dropping it unanswered answers `ProtocolError::Abandoned`."
        );
        return quote! {
            #docs
            #ordinal_doc
            #[doc = ""]
            #[doc = #responder_doc]
            #allowance
            fn #name(&mut self, #(#params,)* #responder: #responder_type);
        };
    }
    let returns = names.method.reply.as_ref().map(server_return_type);
    let allowance = super::many_arguments_allowance(names.method.params.len());
    quote! {
        #docs
        #ordinal_doc
        #allowance
        fn #name(&mut self, #(#params),*) #returns;
    }
}

/// The name of a deferred method's responder parameter: `responder`, unless
/// the `.idl` already names a parameter so (then `__responder`, a name the
/// checker keeps for generated code).
fn responder_parameter(names: &MethodNames<'_>) -> proc_macro2::Ident {
    if names.method.params.iter().any(|param| param.name == "responder") {
        format_ident!("__responder")
    } else {
        format_ident!("responder")
    }
}

/// `-> T`, `-> Result<T, E>`, or nothing for `()`.
fn server_return_type(reply: &Reply) -> TokenStream {
    let ok = rust_type(&reply.ok, Side::Data);
    match &reply.error {
        Some(error) => {
            let error = ident(error);
            quote! { -> ::core::result::Result<#ok, #error> }
        }
        None if reply.ok == Type::Unit => quote! {},
        None => quote! { -> #ok },
    }
}

/// The private function that dispatches one method.
fn method_dispatcher(names: &MethodNames<'_>) -> TokenStream {
    let (dispatch, shape, request_type, name) =
        (&names.dispatch, &names.shape, &names.request, &names.name);
    let has_slots = names.method.params.iter().any(|param| {
        matches!(
            param.ty,
            Type::Cap { .. } | Type::Lease { .. } | Type::Grant { .. }
        )
    });
    let request = if has_slots || names.method.deferred {
        quote! { mut request }
    } else {
        quote! { request }
    };
    let has_inline = names.inline_params().next().is_some();
    let arguments = if has_inline {
        quote! { arguments }
    } else {
        quote! { _arguments }
    };
    let mut handle_index = 0usize;
    let mut takes = Vec::new();
    let mut values = Vec::new();
    for param in &names.method.params {
        let param_name = ident(&param.name);
        // Slot values get `__` locals: the checker reserves `__` names, so they
        // never clash with `server`, `request`, `arguments` or `result`.
        let slot_local = format_ident!("__{}", param.name);
        match &param.ty {
            Type::Cap { .. } => {
                let index = Literal::usize_unsuffixed(handle_index);
                handle_index += 1;
                takes.push(take_slot(
                    &slot_local,
                    quote! { request.handles.take(#index) },
                    quote! { WrongHandleCount },
                ));
                values.push(quote! { #slot_local });
            }
            Type::Lease { direction, .. } => {
                let wrapper = if *direction == crate::ir::LeaseDirection::In {
                    quote! { LeaseIn }
                } else {
                    quote! { LeaseOut }
                };
                takes.push(take_slot(
                    &slot_local,
                    quote! { request.lease.take() },
                    quote! { BadLease },
                ));
                values.push(quote! { ::libipc::rpc::#wrapper::new(#slot_local) });
            }
            Type::Grant { .. } => {
                takes.push(take_slot(
                    &slot_local,
                    quote! { request.grant.take() },
                    quote! { BadGrant },
                ));
                values.push(quote! { #slot_local });
            }
            _ => values.push(quote! { arguments.#param_name }),
        }
    }
    if names.method.deferred {
        let responder_type = &names.responder;
        // After every check: a malformed request is refused at once, and
        // only a valid one is handed over to be answered later.
        values.push(quote! { #responder_type(request.defer()) });
    }
    let call = quote! { server.#name(#(#values),*) };
    let returns_unit = names
        .method
        .reply
        .as_ref()
        .is_none_or(|reply| reply.ok == Type::Unit && reply.error.is_none());
    let finish = if names.method.deferred {
        quote! {
            #call;
            ::libipc::rpc::Reply::deferred()
        }
    } else if returns_unit {
        quote! {
            #call;
            ::libipc::rpc::Reply::with_value(::libipc::rpc::Status::Ok, &())
        }
    } else {
        let reply = encode_reply(names, &format_ident!("result"));
        quote! {
            let result = #call;
            #reply
        }
    };
    quote! {
        fn #dispatch<S: Server + ?Sized>(server: &mut S, #request: ::libipc::rpc::Request<'_>) -> ::libipc::rpc::Reply {
            if let ::core::result::Result::Err(error) = #shape.check(&request) {
                return ::libipc::rpc::Reply::protocol(error);
            }
            // Decoded in place: a request of a few hundred bytes (a
            // `vec<u32, 64>`) moved through `Result`s cost a copy per level.
            let mut #arguments = <#request_type as ::core::default::Default>::default();
            if let ::core::result::Result::Err(error) = ::libipc::wire::decode_in_place(request.payload, &mut #arguments) {
                return ::libipc::rpc::Reply::protocol(error.into());
            }
            #(#takes)*
            #finish
        }
    }
}

/// `let name = match slot { Some(x) => x, None => return protocol(error) };`
/// The shape check makes `None` impossible; the match keeps it panic-free anyway.
fn take_slot(name: &proc_macro2::Ident, slot: TokenStream, error: TokenStream) -> TokenStream {
    quote! {
        let #name = match #slot {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => return ::libipc::rpc::Reply::protocol(::libipc::rpc::ProtocolError::#error),
        };
    }
}

/// The reply for a method that returns a value, held in the local `source`.
pub(super) fn encode_reply(names: &MethodNames<'_>, source: &proc_macro2::Ident) -> TokenStream {
    let ok_status = quote! { ::libipc::rpc::Status::Ok };
    let error_status = quote! { ::libipc::rpc::Status::Error };
    let Some(reply) = &names.method.reply else {
        return quote! { ::libipc::rpc::Reply::with_value(#ok_status, &()) };
    };
    let is_cap = matches!(reply.ok, Type::Cap { .. });
    let ok = |value: TokenStream| {
        if is_cap {
            quote! { ::libipc::rpc::reply_with_handle(#ok_status, #value) }
        } else {
            quote! { ::libipc::rpc::Reply::with_value(#ok_status, &#value) }
        }
    };
    if reply.error.is_some() {
        let ok = ok(quote! { value });
        quote! {
            match #source {
                ::core::result::Result::Ok(value) => #ok,
                ::core::result::Result::Err(error) => ::libipc::rpc::Reply::with_value(#error_status, &error),
            }
        }
    } else {
        ok(quote! { #source })
    }
}
