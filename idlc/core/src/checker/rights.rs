//! Checks `rights(...)` lists of capabilities and grants.

use super::Checker;
use crate::ast::Ident;
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::ir::{CapRight, GrantRight};
use crate::source::Span;
use crate::suggest::did_you_mean;

impl Checker {
    /// Resolves the rights of a `cap<...>` to `target` (an interface or a
    /// kernel object), sorted; each must be one that target can carry.
    pub(super) fn cap_rights(&mut self, rights: &[Ident], span: Span, target: &str) -> Option<Vec<CapRight>> {
        let allowed = CapRight::allowed_for(target);
        let what = if allowed == CapRight::ALL.as_slice() {
            String::from("capability")
        } else {
            format!("capability to `{target}`")
        };
        self.rights(rights, span, &what, allowed, |right| right.name())
    }

    /// Resolves the rights of a `grant<...>`, sorted.
    pub(super) fn grant_rights(&mut self, rights: &[Ident], span: Span) -> Option<Vec<GrantRight>> {
        self.rights(rights, span, "grant", &GrantRight::ALL, |right| {
            right.name()
        })
    }

    fn rights<R: Copy + Ord>(
        &mut self,
        rights: &[Ident],
        span: Span,
        what: &str,
        all: &[R],
        name_of: fn(R) -> &'static str,
    ) -> Option<Vec<R>> {
        let known: Vec<&str> = all.iter().map(|right| name_of(*right)).collect();
        let listing = known
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if rights.is_empty() {
            return self.fail(
                Diagnostic::new(
                    ErrorCode::EmptyRights,
                    span,
                    format!("a {what} needs at least one right"),
                )
                .label("empty rights list")
                .hint(format!("the rights of a {what} are {listing}")),
            );
        }
        let mut resolved: Vec<(R, Span)> = Vec::new();
        let mut ok = true;
        for right in rights {
            let Some(value) = all
                .iter()
                .copied()
                .find(|value| name_of(*value) == right.name)
            else {
                let hint = did_you_mean(&right.name, known.iter().copied())
                    .unwrap_or_else(|| format!("a {what} can carry {listing}"));
                self.report(
                    Diagnostic::new(
                        ErrorCode::UnknownRight,
                        right.span,
                        format!("unknown right `{}` for a {what}", right.name),
                    )
                    .label("not a right")
                    .hint(hint),
                );
                ok = false;
                continue;
            };
            if let Some((_, first)) = resolved.iter().find(|(seen, _)| *seen == value) {
                let first = *first;
                self.report(
                    Diagnostic::new(
                        ErrorCode::DuplicateRight,
                        right.span,
                        format!("right `{}` is listed twice", right.name),
                    )
                    .label("listed again")
                    .note(first, "first listed")
                    .hint("list each right once"),
                );
                ok = false;
                continue;
            }
            resolved.push((value, right.span));
        }
        let mut values: Vec<R> = resolved.into_iter().map(|(value, _)| value).collect();
        values.sort();
        ok.then_some(values)
    }
}
