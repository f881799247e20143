//! Declarations: interfaces and their members, structs, enums, fields, docs.

use super::{ITEM_KEYWORDS, Parsed, Parser};
use crate::ast::{
    Docs, Enum, Field, File, Interface, Item, Member, Method, Ordinal, Struct, Variant,
};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::lexer::TokenKind;
use crate::suggest::did_you_mean;

/// The ordinal a member takes, used to suggest the next free one.
fn member_ordinal(member: &Member) -> u64 {
    match member {
        Member::Method(method) => method.ordinal.value,
        Member::Reserved(ordinal) => ordinal.value,
    }
}

impl Parser<'_> {
    pub(super) fn file(&mut self) -> Parsed<File> {
        let mut items = Vec::new();
        loop {
            let docs = self.docs();
            if self.peek() == &TokenKind::End {
                self.no_dangling_docs(&docs)?;
                return Ok(File { items });
            }
            items.push(self.item(docs)?);
        }
    }

    fn item(&mut self, docs: Docs) -> Parsed<Item> {
        let word = self.peek_ident().map(str::to_string);
        match word.as_deref() {
            Some("interface") => self.interface(docs).map(Item::Interface),
            Some("struct") => self.structure(docs).map(Item::Struct),
            Some("enum") => self.enumeration(docs).map(Item::Enum),
            Some(word) => Err(self.unknown_keyword(
                word,
                &ITEM_KEYWORDS,
                "a declaration starts with `interface`, `struct` or `enum`",
            )),
            None => Err(self.expected("`interface`, `struct` or `enum`")),
        }
    }

    fn interface(&mut self, docs: Docs) -> Parsed<Interface> {
        self.advance();
        let name = self.ident("an interface name")?;
        self.expect(&TokenKind::OpenBrace)?;
        let mut members = Vec::new();
        loop {
            let member_docs = self.docs();
            if self.peek() == &TokenKind::CloseBrace {
                self.no_dangling_docs(&member_docs)?;
                self.advance();
                return Ok(Interface {
                    docs,
                    name,
                    members,
                });
            }
            let next_free_ordinal = members
                .iter()
                .map(member_ordinal)
                .max()
                .unwrap_or(0)
                .saturating_add(1);
            members.push(self.member(member_docs, next_free_ordinal)?);
        }
    }

    fn member(&mut self, docs: Docs, next_free_ordinal: u64) -> Parsed<Member> {
        if self.peek_ident() == Some("reserved") {
            self.advance();
            let ordinal = self.ordinal()?;
            if !self.eat(&TokenKind::Semicolon) {
                return Err(self
                    .expected_after_previous("`;`")
                    .hint("write `reserved @N;`"));
            }
            return Ok(Member::Reserved(ordinal));
        }
        let hint = "a method starts with its ordinal, as in `@1 name(arg: u32) -> u32;`";
        if self.peek() != &TokenKind::At {
            if let Some(word) = self.peek_ident().map(str::to_string) {
                if self.peek_at(1) == &TokenKind::OpenParen {
                    return Err(self.missing_ordinal(&word, next_free_ordinal));
                }
                return Err(self.unknown_keyword(&word, &["reserved", "oneway", "deferred"], hint));
            }
            return Err(self
                .expected("a method (`@1 name(...)`), `reserved @N;` or `}`")
                .hint(hint));
        }
        self.method(docs).map(Member::Method)
    }

    fn method(&mut self, docs: Docs) -> Parsed<Method> {
        let ordinal = self.ordinal()?;
        // Both modifiers are read in either order so that the checker, not
        // the parser, explains why `oneway deferred` cannot be (E0034).
        let (mut oneway, mut deferred) = (None, None);
        loop {
            let slot = match self.peek_ident() {
                Some("oneway") => &mut oneway,
                Some("deferred") => &mut deferred,
                _ => break,
            };
            if slot.is_some() {
                break;
            }
            *slot = Some(self.span());
            self.advance();
        }
        let name = self.ident("a method name")?;
        if let TokenKind::Ident(next) = self.peek().clone() {
            // `@2 onway ping()`: the "name" was a misspelled modifier.
            let hint = did_you_mean(&name.name, ["oneway", "deferred"]);
            if hint.is_some() && oneway.is_none() && deferred.is_none() {
                return Err(Diagnostic::new(
                    ErrorCode::UnknownKeyword,
                    name.span,
                    format!("unknown method modifier `{}`", name.name),
                )
                .label("not a modifier")
                .maybe_hint(hint));
            }
            return Err(self.expected("`(`").hint(format!(
                "a method name is one word; `{next}` cannot follow `{}`",
                name.name
            )));
        }
        self.expect(&TokenKind::OpenParen)?;
        let params = self.fields(&TokenKind::CloseParen)?;
        let returns = if self.eat(&TokenKind::Arrow) {
            Some(self.type_expr()?)
        } else {
            None
        };
        if self.peek() != &TokenKind::Semicolon {
            let hint = if returns.is_none() {
                "end the method with `;`, or write `-> T` for its return type"
            } else {
                "end the method with `;`"
            };
            return Err(self.expected_after_previous("`;`").hint(hint));
        }
        self.advance();
        Ok(Method {
            docs,
            ordinal,
            oneway,
            deferred,
            name,
            params,
            returns,
        })
    }

    fn ordinal(&mut self) -> Parsed<Ordinal> {
        let start = self.span();
        self.expect(&TokenKind::At)?;
        match self.peek().clone() {
            TokenKind::Int(value) => {
                let span = start.to(self.span());
                self.advance();
                Ok(Ordinal { value, span })
            }
            _ => Err(self
                .expected("an ordinal number after `@`")
                .hint("ordinals are written `@1`, `@2`, ...")),
        }
    }

    fn structure(&mut self, docs: Docs) -> Parsed<Struct> {
        self.advance();
        let name = self.ident("a struct name")?;
        self.expect(&TokenKind::OpenBrace)?;
        let fields = self.fields(&TokenKind::CloseBrace)?;
        Ok(Struct { docs, name, fields })
    }

    /// Comma-separated `name: type` up to and including `close`.
    fn fields(&mut self, close: &TokenKind) -> Parsed<Vec<Field>> {
        let mut fields = Vec::new();
        loop {
            let docs = self.docs();
            if self.peek() == close {
                self.no_dangling_docs(&docs)?;
                self.advance();
                return Ok(fields);
            }
            let name = self.ident("a field name")?;
            self.expect(&TokenKind::Colon)?;
            let ty = self.type_expr()?;
            fields.push(Field { docs, name, ty });
            if !self.eat(&TokenKind::Comma) && self.peek() != close {
                return Err(self.separator_error(close));
            }
        }
    }

    fn enumeration(&mut self, docs: Docs) -> Parsed<Enum> {
        self.advance();
        let name = self.ident("an enum name")?;
        let repr = if self.eat(&TokenKind::Colon) {
            Some(self.type_expr()?)
        } else {
            None
        };
        self.expect(&TokenKind::OpenBrace)?;
        let mut variants = Vec::new();
        loop {
            let variant_docs = self.docs();
            if self.peek() == &TokenKind::CloseBrace {
                self.no_dangling_docs(&variant_docs)?;
                self.advance();
                return Ok(Enum {
                    docs,
                    name,
                    repr,
                    variants,
                });
            }
            variants.push(self.variant(variant_docs)?);
            if !self.eat(&TokenKind::Comma) && self.peek() != &TokenKind::CloseBrace {
                return Err(self.separator_error(&TokenKind::CloseBrace));
            }
        }
    }

    fn variant(&mut self, docs: Docs) -> Parsed<Variant> {
        let name = self.ident("a variant name")?;
        if self.peek() != &TokenKind::Equals {
            let hint = format!(
                "every variant needs an explicit discriminant, as in `{} = 1`",
                name.name
            );
            return Err(self.expected("`=`").hint(hint));
        }
        self.advance();
        match self.peek().clone() {
            TokenKind::Int(value) => {
                let value_span = self.span();
                self.advance();
                Ok(Variant {
                    docs,
                    name,
                    value,
                    value_span,
                })
            }
            _ => Err(self.expected("a discriminant (an integer)")),
        }
    }

    /// A list entry not followed by `,` or the closing bracket.
    fn separator_error(&self, close: &TokenKind) -> Diagnostic {
        let what = format!("`,` or `{}`", close.punctuation());
        if self.peek() == &TokenKind::Semicolon {
            self.expected(&what)
                .hint("separate entries with `,`, not `;`")
        } else {
            self.expected_after_previous(&what)
                .hint("separate entries with `,`")
        }
    }

    /// `name(...)` inside an interface: a method without its `@N`.
    fn missing_ordinal(&self, name: &str, next_free_ordinal: u64) -> Diagnostic {
        Diagnostic::new(
            ErrorCode::Syntax,
            self.span(),
            format!("method `{name}` has no ordinal"),
        )
        .label("expected `@N` before the method name")
        .hint(format!(
            "write `@{next_free_ordinal} {name}(...)`; ordinals are explicit and never reused"
        ))
    }

    /// Collects consecutive `///` lines.
    fn docs(&mut self) -> Docs {
        let mut lines = Vec::new();
        while let TokenKind::Doc(line) = self.peek() {
            lines.push(line.clone());
            self.advance();
        }
        Docs { lines }
    }

    /// Docs right before a closing brace (or the end) document nothing: a mistake.
    fn no_dangling_docs(&self, docs: &Docs) -> Parsed<()> {
        if docs.lines.is_empty() {
            return Ok(());
        }
        Err(Diagnostic::new(
            ErrorCode::Syntax,
            self.span(),
            "doc comment documents nothing",
        )
        .label("expected an item after the `///` lines")
        .hint("move the `///` lines above the item they describe, or make them `//` comments"))
    }
}
