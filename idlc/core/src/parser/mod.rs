//! The parser: a recursive-descent reader from tokens to the [`ast`](crate::ast).
//!
//! The grammar (docs are `///` lines before an item):
//!
//! ```text
//! file      = item*
//! item      = docs ( interface | struct | enum )
//! interface = "interface" IDENT "{" member* "}"
//! member    = "reserved" "@" INT ";"
//!           | docs "@" INT ["oneway" | "deferred"] IDENT "(" [field ("," field)* [","]] ")" ["->" type] ";"
//! struct    = "struct" IDENT "{" [field ("," field)* [","]] "}"
//! enum      = "enum" IDENT [":" type] "{" variant ("," variant)* [","] "}"
//! field     = docs IDENT ":" type
//! variant   = docs IDENT "=" INT
//! type      = "(" ")" | IDENT ["<" arg ("," arg)* ">"]
//! arg       = INT | "rights" "(" [IDENT ("," IDENT)*] ")" | type
//! ```
//!
//! The parser reads both method modifiers, in either order, so that the
//! checker can reject `oneway deferred` with its own code (E0034) rather than
//! a bare syntax error.
//!
//! The parser stops at the first syntax error: the follow-on errors of a
//! recovering parser mostly confuse.
#![expect(
    clippy::result_large_err,
    reason = "at most one syntax error per file, on the cold path; boxing it would only add noise"
)]

mod items;
mod types;

use crate::ast::{File, Ident};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::lexer::{Token, TokenKind};
use crate::source::Span;
use crate::suggest::did_you_mean;

/// The words that start a top-level declaration.
pub const ITEM_KEYWORDS: [&str; 3] = ["interface", "struct", "enum"];

/// How deeply type arguments may nest. Real types nest two or three levels;
/// the limit keeps a hostile file from overflowing the parser's stack.
const MAX_TYPE_DEPTH: usize = 16;

/// Parses a token list (as returned by [`tokenize`](crate::lexer::tokenize)).
pub fn parse(tokens: &[Token]) -> Result<File, Diagnostic> {
    let mut parser = Parser {
        tokens,
        at: 0,
        type_depth: 0,
    };
    parser.file()
}

type Parsed<T> = Result<T, Diagnostic>;

/// The parser's state: the tokens and a cursor into them.
struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    /// How many type argument lists enclose the current type.
    type_depth: usize,
}

/// Token-level helpers shared by the item and type parsers.
impl Parser<'_> {
    fn ident(&mut self, what: &str) -> Parsed<Ident> {
        match self.peek().clone() {
            TokenKind::Ident(name) => {
                let span = self.span();
                self.advance();
                Ok(Ident { name, span })
            }
            _ => Err(self.expected(what)),
        }
    }

    fn expect(&mut self, kind: &TokenKind) -> Parsed<()> {
        if self.eat(kind) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{}`", kind.punctuation())))
        }
    }

    fn eat(&mut self, kind: &TokenKind) -> bool {
        let found = self.peek() == kind;
        if found {
            self.advance();
        }
        found
    }

    /// "expected X, found Y" at the current token.
    fn expected(&self, what: &str) -> Diagnostic {
        let found = self.peek().describe();
        let hint = match what {
            "a type" => "a type is a name such as `u32`, `string<64>` or `Point`, or `()`",
            _ => "see the grammar in docs/idl.md",
        };
        Diagnostic::new(
            ErrorCode::Syntax,
            self.span(),
            format!("expected {what}, found {found}"),
        )
        .label(format!("expected {what}"))
        .hint(hint)
    }

    /// "expected X, found Y", pointing just after the previous token: where a
    /// missing `;` or `,` belongs, rather than at whatever follows it.
    fn expected_after_previous(&self, what: &str) -> Diagnostic {
        let mut diagnostic = self.expected(what);
        if let Some(previous) = self
            .at
            .checked_sub(1)
            .and_then(|index| self.tokens.get(index))
        {
            diagnostic.span = Span::new(previous.span.end, previous.span.end);
        }
        diagnostic
    }

    /// An unknown word where one of `known` belongs, with a suggestion if one is close.
    fn unknown_keyword(&self, word: &str, known: &[&str], fallback_hint: &str) -> Diagnostic {
        let hint =
            did_you_mean(word, known.iter().copied()).unwrap_or_else(|| fallback_hint.to_string());
        Diagnostic::new(
            ErrorCode::UnknownKeyword,
            self.span(),
            format!("unknown keyword `{word}`"),
        )
        .label("not a keyword here")
        .hint(hint)
    }

    fn peek(&self) -> &TokenKind {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &TokenKind {
        self.tokens
            .get(self.at + ahead)
            .map_or(&TokenKind::End, |token| &token.kind)
    }

    fn peek_ident(&self) -> Option<&str> {
        match self.peek() {
            TokenKind::Ident(name) => Some(name),
            _ => None,
        }
    }

    /// The span of the current token (the end of the file past the last one).
    fn span(&self) -> Span {
        self.tokens
            .get(self.at)
            .or(self.tokens.last())
            .map_or(Span::default(), |token| token.span)
    }

    fn advance(&mut self) {
        if self.at < self.tokens.len() {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests;
