//! Checks interfaces: docs, ordinals, names, parameters, replies and sizes.

use std::collections::BTreeMap;

use super::types::Place;
use super::{Checker, DeclarationKind};
use crate::ast::{self, Member, TypeArg, TypeExpr};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::ir::{Field, Interface, Method, Reply, Schema, Type};
use crate::layout::max_encoded_size;
use crate::limits::{MAX_HANDLES, MAX_INLINE_PAYLOAD};
use crate::source::Span;
use crate::suggest::did_you_mean;

impl Checker {
    /// Checks an interface; `schema` holds the already checked structs and enums.
    pub(super) fn interface(
        &mut self,
        interface: &ast::Interface,
        schema: &Schema,
    ) -> Option<Interface> {
        self.require_docs(
            &interface.docs,
            &interface.name,
            "interface",
            "add a `///` line above it saying what the service does",
        );
        let reserved = self.ordinals(interface);
        let methods: Vec<&ast::Method> = interface
            .members
            .iter()
            .filter_map(|member| match member {
                Member::Method(method) => Some(method),
                Member::Reserved(_) => None,
            })
            .collect();
        self.reject_duplicates(
            methods.iter().map(|method| &method.name),
            ErrorCode::DuplicateMethodName,
            "method",
        );
        let checked: Vec<Option<Method>> = methods
            .iter()
            .map(|method| self.method(method, schema))
            .collect();
        let methods = checked.into_iter().collect::<Option<Vec<Method>>>()?;
        Some(Interface {
            docs: interface.docs.lines.clone(),
            name: interface.name.name.clone(),
            methods,
            reserved,
            schema_hash: 0,
        })
    }

    /// Checks every ordinal of an interface; returns the reserved ones.
    fn ordinals(&mut self, interface: &ast::Interface) -> Vec<u32> {
        let mut reserved: BTreeMap<u64, Span> = BTreeMap::new();
        let mut used: BTreeMap<u64, Span> = BTreeMap::new();
        let reservations = interface
            .members
            .iter()
            .filter(|member| matches!(member, Member::Reserved(_)));
        let methods = interface
            .members
            .iter()
            .filter(|member| matches!(member, Member::Method(_)));
        // Reservations first, so a method is blamed for reusing a reserved
        // ordinal wherever the `reserved` line sits.
        for member in reservations.chain(methods) {
            let (ordinal, is_reserved) = match member {
                Member::Reserved(ordinal) => (ordinal, true),
                Member::Method(method) => (&method.ordinal, false),
            };
            if ordinal.value == 0 || u32::try_from(ordinal.value).is_err() {
                self.report(
                    Diagnostic::new(
                        ErrorCode::InvalidOrdinal,
                        ordinal.span,
                        format!("invalid ordinal @{}", ordinal.value),
                    )
                    .label("ordinals run from @1 to @4294967295")
                    .hint("number methods from @1 upwards"),
                );
            } else if let Some(at) = reserved.get(&ordinal.value).filter(|_| !is_reserved) {
                let at = *at;
                self.report(
                    Diagnostic::new(ErrorCode::ReservedOrdinalUsed, ordinal.span, format!("ordinal @{} is reserved", ordinal.value))
                        .label("reserved ordinals are never reused")
                        .note(at, "reserved")
                        .hint("old clients may still send this ordinal with the old meaning; pick an unused ordinal"),
                );
            } else if let Some(first) = used
                .get(&ordinal.value)
                .or_else(|| reserved.get(&ordinal.value))
            {
                let first = *first;
                self.report(
                    Diagnostic::new(
                        ErrorCode::DuplicateOrdinal,
                        ordinal.span,
                        format!("ordinal @{} is used twice", ordinal.value),
                    )
                    .label("used again")
                    .note(first, "first used")
                    .hint("every method and reservation needs its own ordinal"),
                );
            } else if is_reserved {
                reserved.insert(ordinal.value, ordinal.span);
            } else {
                used.insert(ordinal.value, ordinal.span);
            }
        }
        reserved
            .keys()
            .filter_map(|value| u32::try_from(*value).ok())
            .collect()
    }

    fn method(&mut self, method: &ast::Method, schema: &Schema) -> Option<Method> {
        self.require_docs(
            &method.docs,
            &method.name,
            "method",
            "add a `///` line above it saying what it does, its arguments and its errors",
        );
        self.reject_duplicates(
            method.params.iter().map(|param| &param.name),
            ErrorCode::DuplicateFieldName,
            "parameter",
        );
        let params = self.fields(&method.params, Place::Param);
        let reply = self.reply(method);
        let (params, reply) = (params?, reply?);
        self.check_transfers(method, &params);
        self.check_deferred(method, &params);
        let request_max_bytes = payload_size(params.iter().map(|param| &param.ty), schema);
        let reply_max_bytes = reply.as_ref().map_or(0, |reply| reply_size(reply, schema));
        if !self.has_recursion {
            self.check_size(method, request_max_bytes, "request", "lease_in<N>");
            self.check_size(method, reply_max_bytes, "reply", "lease_out<N>");
        }
        let ordinal = u32::try_from(method.ordinal.value).unwrap_or(0);
        Some(Method {
            docs: method.docs.lines.clone(),
            ordinal,
            name: method.name.name.clone(),
            params,
            reply,
            deferred: method.deferred.is_some(),
            request_max_bytes,
            reply_max_bytes,
        })
    }

    /// The reply of a method: `None` for one-way ones. The outer `Option` is
    /// `None` when the return type is bad.
    fn reply(&mut self, method: &ast::Method) -> Option<Option<Reply>> {
        match (&method.returns, method.oneway) {
            (Some(returns), Some(_)) => self.fail(
                Diagnostic::new(
                    ErrorCode::OneWayWithReply,
                    returns.span,
                    format!(
                        "one-way method `{}` declares a return type",
                        method.name.name
                    ),
                )
                .label("a one-way method gets no reply")
                .hint("remove the `-> ...`, or remove `oneway` to wait for a reply"),
            ),
            (None, Some(_)) => Some(None),
            (None, None) => Some(Some(Reply {
                ok: Type::Unit,
                error: None,
            })),
            (Some(returns), None) if returns.name.name == "Result" => {
                self.result(returns).map(Some)
            }
            (Some(returns), None) => self
                .resolve(returns, Place::Reply)
                .map(|ok| Some(Reply { ok, error: None })),
        }
    }

    /// `Result<T, E>`, where `E` must be an enum.
    fn result(&mut self, returns: &TypeExpr) -> Option<Reply> {
        let Some([TypeArg::Type(ok), TypeArg::Type(error)]) = returns.args.as_deref() else {
            return self.fail(
                Diagnostic::new(
                    ErrorCode::BadTypeArguments,
                    returns.span,
                    "wrong arguments for `Result`",
                )
                .label("these arguments do not fit")
                .hint("write `Result<T, E>` with `E` an enum, as in `Result<u32, ReadError>`"),
            );
        };
        let ok = self.resolve(ok, Place::Reply);
        let error = self.error_type(error);
        Some(Reply {
            ok: ok?,
            error: Some(error?),
        })
    }

    fn error_type(&mut self, error: &TypeExpr) -> Option<String> {
        let name = &error.name.name;
        match self.kind_of(name) {
            Some(DeclarationKind::Enum) if error.args.is_none() => Some(name.clone()),
            None if !self.known_type_names().contains(name) && name != "()" => {
                let enums: Vec<String> =
                    self.declarations.iter().filter(|(_, (kind, _))| *kind == DeclarationKind::Enum).map(|(name, _)| name.clone()).collect();
                let hint = did_you_mean(name, enums.iter().map(String::as_str)).unwrap_or_else(|| format!("declare `enum {name} {{ ... }}`"));
                self.fail(Diagnostic::new(ErrorCode::UnknownType, error.name.span, format!("unknown error type `{name}`")).label("not a known enum").hint(hint))
            }
            _ => self.fail(
                Diagnostic::new(ErrorCode::BadErrorType, error.span, format!("`{name}` cannot be an error type"))
                    .label("the error of a `Result` must be an enum")
                    .hint("declare an error enum with one documented variant per failure, as in `enum ReadError { /// ... NotFound = 1, }`"),
            ),
        }
    }

    /// At most one lease, at most one grant, at most [`MAX_HANDLES`] handles.
    fn check_transfers(&mut self, method: &ast::Method, params: &[Field]) {
        let mut first_lease: Option<Span> = None;
        let mut first_grant: Option<Span> = None;
        let mut handles = 0usize;
        for (param, ast_param) in params.iter().zip(&method.params) {
            let span = ast_param.ty.span;
            let slot = match param.ty {
                Type::Lease { .. } => Some((&mut first_lease, "lease")),
                Type::Grant { .. } => Some((&mut first_grant, "grant")),
                _ => None,
            };
            if let Some((first, what)) = slot {
                match first {
                    Some(first) => {
                        let first = *first;
                        self.report(
                            Diagnostic::new(
                                ErrorCode::DuplicateTransfer,
                                span,
                                format!("method `{}` has a second {what}", method.name.name),
                            )
                            .label(format!("a message carries at most one {what}"))
                            .note(first, format!("first {what}"))
                            .hint(format!(
                                "merge the data into one {what}, or split the method"
                            )),
                        );
                    }
                    None => *first = Some(span),
                }
            }
            if matches!(param.ty, Type::Cap { .. }) {
                handles += 1;
                if handles == MAX_HANDLES + 1 {
                    self.report(
                        Diagnostic::new(
                            ErrorCode::TooManyHandles,
                            span,
                            format!(
                                "method `{}` sends more than {MAX_HANDLES} handles",
                                method.name.name
                            ),
                        )
                        .label(format!("handle number {handles}"))
                        .hint(format!(
                            "a message carries at most {MAX_HANDLES} handles; split the method"
                        )),
                    );
                }
            }
        }
    }

    /// A deferred method must reply (E0034) and borrow nothing that ends
    /// with its dispatch (E0035).
    fn check_deferred(&mut self, method: &ast::Method, params: &[Field]) {
        let Some(deferred) = method.deferred else { return };
        if method.oneway.is_some() {
            self.report(
                Diagnostic::new(
                    ErrorCode::OneWayDeferred,
                    deferred,
                    format!("one-way method `{}` cannot be deferred", method.name.name),
                )
                .label("a one-way method gets no reply, now or later")
                .hint("remove `oneway` to let the server answer later, or remove `deferred`"),
            );
        }
        for (param, ast_param) in params.iter().zip(&method.params) {
            let what = match param.ty {
                Type::Lease { .. } => "lease",
                Type::Grant { .. } => "grant",
                _ => continue,
            };
            self.report(
                Diagnostic::new(
                    ErrorCode::DeferredBorrow,
                    ast_param.ty.span,
                    format!("deferred method `{}` takes a {what}", method.name.name),
                )
                .label(format!("a deferred method cannot take a {what}"))
                .note(deferred, "deferred here")
                .hint(format!(
                    "the runtime lends a call's {what} only while the server dispatches it, and a deferred answer comes later; \
                     pass the data inline (`bytes<N>`), or remove `deferred`"
                )),
            );
        }
    }

    fn check_size(&mut self, method: &ast::Method, size: usize, what: &str, lease: &str) {
        if size <= MAX_INLINE_PAYLOAD {
            return;
        }
        self.report(
            Diagnostic::new(
                ErrorCode::MessageTooLarge,
                method.name.span,
                format!("the {what} of `{}` can reach {size} bytes, over the {MAX_INLINE_PAYLOAD}-byte limit", method.name.name),
            )
            .label(format!("{what} too large"))
            .hint(format!("lower the bounds, or move bulk data into a `{lease}` parameter")),
        );
    }
}

fn payload_size<'a>(types: impl Iterator<Item = &'a Type>, schema: &Schema) -> usize {
    types.fold(0usize, |sum, ty| {
        sum.saturating_add(max_encoded_size(ty, schema))
    })
}

/// The reply payload holds the success value or the error value.
fn reply_size(reply: &Reply, schema: &Schema) -> usize {
    let ok = max_encoded_size(&reply.ok, schema);
    let error = reply.error.as_ref().map_or(0, |name| {
        max_encoded_size(&Type::Enum(name.clone()), schema)
    });
    ok.max(error)
}
