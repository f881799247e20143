//! Type expressions: `u32`, `()`, `string<64>`, `cap<Log, rights(send)>`.

use super::{MAX_TYPE_DEPTH, Parsed, Parser};
use crate::ast::{Ident, TypeArg, TypeExpr};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::lexer::TokenKind;
use crate::source::Span;

impl Parser<'_> {
    /// `()` or a name with optional `<arguments>`.
    pub(super) fn type_expr(&mut self) -> Parsed<TypeExpr> {
        let start = self.span();
        if self.eat(&TokenKind::OpenParen) {
            let end = self.span();
            self.expect(&TokenKind::CloseParen)?;
            let span = start.to(end);
            return Ok(TypeExpr {
                name: Ident {
                    name: "()".into(),
                    span,
                },
                args: None,
                span,
            });
        }
        let name = self.ident("a type")?;
        if !self.eat(&TokenKind::Less) {
            return Ok(TypeExpr {
                span: name.span,
                name,
                args: None,
            });
        }
        if self.type_depth >= MAX_TYPE_DEPTH {
            return Err(
                Diagnostic::new(ErrorCode::Syntax, name.span, "types nest too deeply")
                    .label(format!("more than {MAX_TYPE_DEPTH} levels of `<...>`"))
                    .hint("name the inner part as a struct"),
            );
        }
        self.type_depth += 1;
        let args = self.type_args();
        self.type_depth -= 1;
        let (args, end) = args?;
        Ok(TypeExpr {
            span: start.to(end),
            name,
            args: Some(args),
        })
    }

    /// The arguments after `<`, through `>`; returns them and the span of `>`.
    fn type_args(&mut self) -> Parsed<(Vec<TypeArg>, Span)> {
        let mut args = Vec::new();
        loop {
            args.push(self.type_arg()?);
            if self.eat(&TokenKind::Comma) {
                continue;
            }
            let end = self.span();
            self.expect(&TokenKind::Greater)?;
            return Ok((args, end));
        }
    }

    /// An integer, a `rights(...)` list, or a type.
    fn type_arg(&mut self) -> Parsed<TypeArg> {
        let start = self.span();
        if let TokenKind::Int(value) = self.peek() {
            let value = *value;
            self.advance();
            return Ok(TypeArg::Int(value, start));
        }
        if self.peek_ident() == Some("rights") && self.peek_at(1) == &TokenKind::OpenParen {
            self.advance();
            self.advance();
            let mut rights = Vec::new();
            while self.peek() != &TokenKind::CloseParen {
                rights.push(self.ident("a right")?);
                if !self.eat(&TokenKind::Comma) && self.peek() != &TokenKind::CloseParen {
                    return Err(self.expected("`,` or `)`"));
                }
            }
            let end = self.span();
            self.advance();
            return Ok(TypeArg::Rights(rights, start.to(end)));
        }
        self.type_expr().map(TypeArg::Type)
    }
}
