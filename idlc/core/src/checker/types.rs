//! Resolves type expressions (`string<64>`, `cap<Log, rights(send)>`, ...).

use super::{Checker, DeclarationKind};
use crate::ast::{TypeArg, TypeExpr};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::ir::{GrantMode, IntType, KERNEL_OBJECTS, LeaseDirection, Type};
use crate::limits::{MAX_GRANT_PAGES, MAX_INLINE_PAYLOAD, MAX_LEASE_BYTES};
use crate::suggest::did_you_mean;

/// The built-in type names other than the integers.
pub(super) const BUILTIN_NAMES: [&str; 10] = [
    "bool",
    "string",
    "bytes",
    "vec",
    "array",
    "cap",
    "lease_in",
    "lease_out",
    "grant",
    "Result",
];

/// Where a type appears; handles, leases and grants are allowed only at the top
/// of a method's parameters (or, for handles, its reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// A method parameter.
    Param,
    /// A method's return type, or the `T` of its `Result<T, E>`.
    Reply,
    /// Inside a struct, vector or array.
    Inner,
}

impl Checker {
    /// Resolves `ty` at `place`, reporting what is wrong with it.
    pub(super) fn resolve(&mut self, ty: &TypeExpr, place: Place) -> Option<Type> {
        let name = ty.name.name.as_str();
        if let Some(int) = IntType::from_name(name) {
            return self.without_args(ty).then_some(Type::Int(int));
        }
        match name {
            "()" if place == Place::Reply => Some(Type::Unit),
            "()" => self.misplaced(
                ty,
                "`()` can only be a method's return type",
                "leave the parameter out instead",
            ),
            "bool" => self.without_args(ty).then_some(Type::Bool),
            "string" => self
                .bound(ty, "string<64>", MAX_INLINE_PAYLOAD as u64)
                .map(|max| Type::String { max }),
            "bytes" => self
                .bound(ty, "bytes<64>", MAX_INLINE_PAYLOAD as u64)
                .map(|max| Type::Bytes { max }),
            "vec" | "array" => self.sequence(ty),
            "cap" => self.cap(ty, place),
            "lease_in" | "lease_out" => self.lease(ty, place),
            "grant" => self.grant(ty, place),
            "Result" => self.misplaced(
                ty,
                "`Result` can only be a method's whole return type",
                "write `-> Result<T, E>` on the method; inside other types use a struct or enum",
            ),
            _ => self.declared(ty),
        }
    }

    fn declared(&mut self, ty: &TypeExpr) -> Option<Type> {
        let name = &ty.name.name;
        match self.kind_of(name) {
            Some(DeclarationKind::Struct) => {
                self.without_args(ty).then(|| Type::Struct(name.clone()))
            }
            Some(DeclarationKind::Enum) => self.without_args(ty).then(|| Type::Enum(name.clone())),
            Some(DeclarationKind::Interface) => self.misplaced(
                ty,
                &format!("interface `{name}` is not a data type"),
                &format!("to pass an endpoint, write `cap<{name}, rights(send)>`"),
            ),
            None => {
                let hint = did_you_mean(name, self.known_type_names().iter().map(String::as_str))
                    .unwrap_or_else(|| "declare it with `struct` or `enum`, or use a built-in type such as `u32` or `string<N>`".into());
                self.fail(
                    Diagnostic::new(
                        ErrorCode::UnknownType,
                        ty.name.span,
                        format!("unknown type `{name}`"),
                    )
                    .label("not a known type")
                    .hint(hint),
                )
            }
        }
    }

    /// Every name a type could be: primitives, built-ins and declarations.
    pub(super) fn known_type_names(&self) -> Vec<String> {
        let ints = IntType::ALL.iter().map(|int| int.name().to_string());
        let builtins = BUILTIN_NAMES.iter().map(|name| (*name).to_string());
        let declared = self
            .declarations
            .iter()
            .filter(|(_, (kind, _))| *kind != DeclarationKind::Interface)
            .map(|(name, _)| name.clone());
        ints.chain(builtins).chain(declared).collect()
    }

    /// `vec<T, N>` and `array<T, N>`.
    fn sequence(&mut self, ty: &TypeExpr) -> Option<Type> {
        let name = ty.name.name.as_str();
        let example = format!("{name}<u32, 16>");
        match ty.args.as_deref() {
            Some([TypeArg::Type(element), bound]) => {
                let element = self.resolve(element, Place::Inner);
                let count = self.bound_value(ty, bound, &example, MAX_INLINE_PAYLOAD as u64);
                let (element, count) = (Box::new(element?), count?);
                Some(if name == "vec" {
                    Type::Vec {
                        element,
                        max: count,
                    }
                } else {
                    Type::Array {
                        element,
                        len: count,
                    }
                })
            }
            None | Some([TypeArg::Type(_)]) => self.unbounded(ty, &example),
            Some(_) => self.bad_arguments(
                ty,
                &format!("`{name}` takes an element type and a bound, as in `{example}`"),
            ),
        }
    }

    /// `cap<Interface, rights(...)>`.
    fn cap(&mut self, ty: &TypeExpr, place: Place) -> Option<Type> {
        if place == Place::Inner {
            return self.misplaced(
                ty,
                "a capability can only be a method parameter or return value",
                "handles travel in the message's handle slots, not inside structs, vectors or arrays",
            );
        }
        let example = "cap<Console, rights(send)>";
        let Some([TypeArg::Type(target), TypeArg::Rights(rights, rights_span)]) =
            ty.args.as_deref()
        else {
            return self.bad_arguments(
                ty,
                &format!("`cap` takes an interface and its rights, as in `{example}`"),
            );
        };
        let interface = self.cap_target(target)?;
        let rights = self.cap_rights(rights, *rights_span, &interface)?;
        Some(Type::Cap { interface, rights })
    }

    fn cap_target(&mut self, target: &TypeExpr) -> Option<String> {
        let name = &target.name.name;
        if KERNEL_OBJECTS.iter().any(|(keyword, _)| keyword == name) {
            return match target.args {
                None => Some(name.clone()),
                Some(_) => self.bad_arguments(target, "a kernel object takes no arguments"),
            };
        }
        match self.kind_of(name) {
            Some(DeclarationKind::Interface) if target.args.is_none() => Some(name.clone()),
            Some(DeclarationKind::Interface) => self.bad_arguments(target, "an interface takes no arguments"),
            None if !self.known_type_names().contains(name) => {
                let interfaces: Vec<&str> = self
                    .declarations
                    .iter()
                    .filter(|(_, (kind, _))| *kind == DeclarationKind::Interface)
                    .map(|(name, _)| name.as_str())
                    .collect();
                let hint = did_you_mean(name, interfaces).unwrap_or_else(|| "declare the interface in this file".into());
                self.fail(Diagnostic::new(ErrorCode::UnknownType, target.name.span, format!("unknown interface `{name}`")).label("not a known interface").hint(hint))
            }
            _ => self.fail(
                Diagnostic::new(ErrorCode::CapNotInterface, target.span, format!("`{name}` is not an interface"))
                    .label("a capability names the interface its endpoint serves")
                    .hint("send data as a plain parameter; `cap<...>` is for endpoints, as in `cap<Console, rights(send)>`"),
            ),
        }
    }

    /// `lease_in<N>` and `lease_out<N>`.
    fn lease(&mut self, ty: &TypeExpr, place: Place) -> Option<Type> {
        if place != Place::Param {
            return self.misplaced(
                ty,
                "a lease can only be a method parameter",
                "the caller lends its memory for one call; a reply returns data with `lease_out<N>` as a parameter",
            );
        }
        let direction = if ty.name.name == "lease_in" {
            LeaseDirection::In
        } else {
            LeaseDirection::Out
        };
        let example = format!("{}<4096>", ty.name.name);
        self.bound(ty, &example, MAX_LEASE_BYTES)
            .map(|max| Type::Lease { direction, max })
    }

    /// `grant<N, rights(...), shared|moved>`.
    fn grant(&mut self, ty: &TypeExpr, place: Place) -> Option<Type> {
        if place != Place::Param {
            return self.misplaced(
                ty,
                "a grant can only be a method parameter",
                "the caller grants pages with the call",
            );
        }
        let example = "grant<16, rights(read, write), shared>";
        match ty.args.as_deref() {
            Some(
                [
                    bound,
                    TypeArg::Rights(rights, rights_span),
                    TypeArg::Type(mode),
                ],
            ) => {
                let max_pages = self.bound_value(ty, bound, example, MAX_GRANT_PAGES);
                let rights = self.grant_rights(rights, *rights_span);
                let mode = self.grant_mode(mode);
                Some(Type::Grant {
                    max_pages: max_pages?,
                    rights: rights?,
                    mode: mode?,
                })
            }
            None | Some([TypeArg::Rights(..), ..]) => self.unbounded(ty, example),
            Some(_) => self.bad_arguments(
                ty,
                &format!(
                    "`grant` takes a page bound, rights and `shared` or `moved`, as in `{example}`"
                ),
            ),
        }
    }

    fn grant_mode(&mut self, mode: &TypeExpr) -> Option<GrantMode> {
        match (mode.name.name.as_str(), &mode.args) {
            ("shared", None) => Some(GrantMode::Shared),
            ("moved", None) => Some(GrantMode::Moved),
            (word, _) => {
                let hint = did_you_mean(word, ["shared", "moved"])
                    .unwrap_or_else(|| "write `shared` (both sides map the pages) or `moved` (the caller gives them up)".into());
                self.fail(
                    Diagnostic::new(
                        ErrorCode::UnknownKeyword,
                        mode.span,
                        format!("unknown grant mode `{word}`"),
                    )
                    .label("expected `shared` or `moved`")
                    .hint(hint),
                )
            }
        }
    }

    /// A type that takes exactly one bound: `string<N>`, leases.
    fn bound(&mut self, ty: &TypeExpr, example: &str, limit: u64) -> Option<u32> {
        match ty.args.as_deref() {
            None => self.unbounded(ty, example),
            Some([bound]) => self.bound_value(ty, bound, example, limit),
            Some(_) => self.bad_arguments(
                ty,
                &format!("`{}` takes one bound, as in `{example}`", ty.name.name),
            ),
        }
    }

    /// Checks one bound argument: an integer, not zero, at most `limit`.
    fn bound_value(
        &mut self,
        ty: &TypeExpr,
        bound: &TypeArg,
        example: &str,
        limit: u64,
    ) -> Option<u32> {
        let TypeArg::Int(value, span) = bound else {
            return self.bad_arguments(
                ty,
                &format!("the bound must be a number, as in `{example}`"),
            );
        };
        if *value == 0 {
            return self.fail(
                Diagnostic::new(
                    ErrorCode::ZeroBound,
                    *span,
                    format!("`{}` has a bound of zero", ty.name.name),
                )
                .label("nothing would fit")
                .hint(format!(
                    "give the largest size it may have, as in `{example}`"
                )),
            );
        }
        if *value > limit {
            let hint = match ty.name.name.as_str() {
                "lease_in" | "lease_out" => {
                    format!("a lease is at most {limit} bytes; split the transfer or use a `grant`")
                }
                "grant" => format!("a grant is at most {limit} pages"),
                _ => format!(
                    "inline data is at most {limit} bytes; move bulk data into a `lease_in<N>` or `lease_out<N>`"
                ),
            };
            return self.fail(
                Diagnostic::new(
                    ErrorCode::BoundTooLarge,
                    *span,
                    format!("bound {value} of `{}` is too large", ty.name.name),
                )
                .label(format!("larger than {limit}"))
                .hint(hint),
            );
        }
        u32::try_from(*value).ok()
    }

    /// Primitives and declared names take no `<...>`.
    fn without_args(&mut self, ty: &TypeExpr) -> bool {
        if ty.args.is_none() {
            return true;
        }
        let name = &ty.name.name;
        self.report(
            Diagnostic::new(
                ErrorCode::BadTypeArguments,
                ty.span,
                format!("`{name}` takes no type arguments"),
            )
            .label("unexpected `<...>`")
            .hint(format!("write plain `{name}`")),
        );
        false
    }

    fn unbounded<T>(&mut self, ty: &TypeExpr, example: &str) -> Option<T> {
        self.fail(
            Diagnostic::new(
                ErrorCode::UnboundedType,
                ty.span,
                format!("`{}` needs a bound", ty.name.name),
            )
            .label("unbounded")
            .hint(format!(
                "every message has a size known at compile time; write for example `{example}`"
            )),
        )
    }

    fn bad_arguments<T>(&mut self, ty: &TypeExpr, hint: &str) -> Option<T> {
        self.fail(
            Diagnostic::new(
                ErrorCode::BadTypeArguments,
                ty.span,
                format!("wrong arguments for `{}`", ty.name.name),
            )
            .label("these arguments do not fit")
            .hint(hint.to_string()),
        )
    }

    fn misplaced<T>(&mut self, ty: &TypeExpr, message: &str, hint: &str) -> Option<T> {
        self.fail(
            Diagnostic::new(ErrorCode::MisplacedType, ty.span, message.to_string())
                .label("not allowed here")
                .hint(hint.to_string()),
        )
    }

    /// Reports `diagnostic` and returns `None`, so resolvers can `return self.fail(...)`.
    pub(super) fn fail<T>(&mut self, diagnostic: Diagnostic) -> Option<T> {
        self.report(diagnostic);
        None
    }
}
