//! The lexer: turns `.idl` text into tokens with spans.
//!
//! Keywords are not special here: they arrive as identifiers and the parser
//! decides, so a misspelled keyword can get a "did you mean" hint.

#![expect(
    clippy::result_large_err,
    reason = "at most one syntax error per file, on the cold path; boxing it would only add noise"
)]

use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// What kind of token, with its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A name or keyword: `[A-Za-z_][A-Za-z0-9_]*`.
    Ident(String),
    /// A decimal or `0x` hexadecimal integer, `_` allowed between digits.
    Int(u64),
    /// One `///` line, without the slashes and one leading space.
    Doc(String),
    /// `{`
    OpenBrace,
    /// `}`
    CloseBrace,
    /// `(`
    OpenParen,
    /// `)`
    CloseParen,
    /// `<`
    Less,
    /// `>`
    Greater,
    /// `,`
    Comma,
    /// `;`
    Semicolon,
    /// `:`
    Colon,
    /// `@`
    At,
    /// `=`
    Equals,
    /// `->`
    Arrow,
    /// The end of the file.
    End,
}

impl TokenKind {
    /// How the token is named in "expected ..., found ..." messages.
    pub fn describe(&self) -> String {
        match self {
            TokenKind::Ident(name) => format!("`{name}`"),
            TokenKind::Int(value) => format!("`{value}`"),
            TokenKind::Doc(_) => "a doc comment".to_string(),
            TokenKind::End => "the end of the file".to_string(),
            other => format!("`{}`", other.punctuation()),
        }
    }

    /// The text of a punctuation token (empty for the others).
    pub fn punctuation(&self) -> &'static str {
        match self {
            TokenKind::OpenBrace => "{",
            TokenKind::CloseBrace => "}",
            TokenKind::OpenParen => "(",
            TokenKind::CloseParen => ")",
            TokenKind::Less => "<",
            TokenKind::Greater => ">",
            TokenKind::Comma => ",",
            TokenKind::Semicolon => ";",
            TokenKind::Colon => ":",
            TokenKind::At => "@",
            TokenKind::Equals => "=",
            TokenKind::Arrow => "->",
            _ => "",
        }
    }
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// Splits `text` into tokens, ending with [`TokenKind::End`].
pub fn tokenize(text: &str) -> Result<Vec<Token>, Diagnostic> {
    let mut lexer = Lexer {
        text,
        at: 0,
        tokens: Vec::new(),
    };
    lexer.run()?;
    Ok(lexer.tokens)
}

struct Lexer<'a> {
    text: &'a str,
    at: usize,
    tokens: Vec<Token>,
}

impl<'a> Lexer<'a> {
    fn run(&mut self) -> Result<(), Diagnostic> {
        while let Some(c) = self.peek() {
            let start = self.at;
            if c.is_whitespace() {
                self.bump(c);
            } else if self.rest().starts_with("//") {
                self.comment(start);
            } else if c.is_ascii_alphabetic() || c == '_' {
                let word = self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
                self.push(TokenKind::Ident(word.to_string()), start);
            } else if c.is_ascii_digit() {
                self.number(start)?;
            } else if self.rest().starts_with("->") {
                self.at += 2;
                self.push(TokenKind::Arrow, start);
            } else {
                let kind = punctuation(c).ok_or_else(|| unexpected_character(c, start))?;
                self.bump(c);
                self.push(kind, start);
            }
        }
        self.push(TokenKind::End, self.at);
        Ok(())
    }

    /// `///` is documentation (but `////` is a plain comment, as in Rust).
    fn comment(&mut self, start: usize) {
        let line = self.take_while(|c| c != '\n');
        if let Some(doc) = line.strip_prefix("///").filter(|doc| !doc.starts_with('/')) {
            let doc = doc.strip_prefix(' ').unwrap_or(doc).trim_end();
            self.push(TokenKind::Doc(doc.to_string()), start);
        }
    }

    fn number(&mut self, start: usize) -> Result<(), Diagnostic> {
        let word = self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
        let digits = word.replace('_', "");
        let parsed = match digits.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16),
            None => digits.parse::<u64>(),
        };
        let value = parsed.map_err(|_| {
            Diagnostic::new(ErrorCode::BadNumber, Span::new(start, self.at), format!("invalid integer `{word}`"))
                .label("not an integer that fits in 64 bits")
                .hint("write a decimal like `4096` or a hexadecimal like `0x1000`, at most 18446744073709551615")
        })?;
        self.push(TokenKind::Int(value), start);
        Ok(())
    }

    fn rest(&self) -> &str {
        self.text.get(self.at..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self, c: char) {
        self.at += c.len_utf8();
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let start = self.at;
        while let Some(c) = self.peek().filter(|c| keep(*c)) {
            self.bump(c);
        }
        let text = self.text;
        text.get(start..self.at).unwrap_or("")
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, self.at),
        });
    }
}

fn punctuation(c: char) -> Option<TokenKind> {
    Some(match c {
        '{' => TokenKind::OpenBrace,
        '}' => TokenKind::CloseBrace,
        '(' => TokenKind::OpenParen,
        ')' => TokenKind::CloseParen,
        '<' => TokenKind::Less,
        '>' => TokenKind::Greater,
        ',' => TokenKind::Comma,
        ';' => TokenKind::Semicolon,
        ':' => TokenKind::Colon,
        '@' => TokenKind::At,
        '=' => TokenKind::Equals,
        _ => return None,
    })
}

fn unexpected_character(c: char, start: usize) -> Diagnostic {
    let hint = match c {
        '[' | ']' => "fixed-size arrays are written `array<T, N>`",
        '#' => "there are no attributes; use `///` comments for docs",
        '"' => "the IDL has no string literals",
        '/' => "comments start with `//`, docs with `///`",
        _ => "remove it",
    };
    Diagnostic::new(
        ErrorCode::UnexpectedCharacter,
        Span::new(start, start + c.len_utf8()),
        format!("unexpected character `{c}`"),
    )
    .label("no token starts with this")
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text)
            .unwrap()
            .into_iter()
            .map(|token| token.kind)
            .collect()
    }

    #[test]
    fn splits_a_method_line() {
        assert_eq!(
            kinds("@1 f(x: u8) -> u8;"),
            vec![
                TokenKind::At,
                TokenKind::Int(1),
                TokenKind::Ident("f".into()),
                TokenKind::OpenParen,
                TokenKind::Ident("x".into()),
                TokenKind::Colon,
                TokenKind::Ident("u8".into()),
                TokenKind::CloseParen,
                TokenKind::Arrow,
                TokenKind::Ident("u8".into()),
                TokenKind::Semicolon,
                TokenKind::End,
            ]
        );
    }

    #[test]
    fn keeps_docs_and_drops_comments() {
        assert_eq!(
            kinds("/// Hi.\n// no\n//// no"),
            vec![TokenKind::Doc("Hi.".into()), TokenKind::End]
        );
    }

    #[test]
    fn reads_hex_and_underscores() {
        assert_eq!(
            kinds("0x10 1_000"),
            vec![TokenKind::Int(16), TokenKind::Int(1000), TokenKind::End]
        );
    }
}
