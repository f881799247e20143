//! Command lines: words, quotes, escapes and output redirection.

use alloc::string::String;
use alloc::vec::Vec;
use core::iter::Peekable;
use core::str::Chars;

/// A parsed command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Command {
    /// The program (or builtin) and its arguments, quotes removed. Empty
    /// for a blank line (or one holding only a redirection).
    pub words: Vec<String>,
    /// Where standard output goes, if not to the terminal.
    pub redirect: Option<Redirect>,
}

/// An output redirection: `> path` or `>> path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The file, quotes removed; never empty.
    pub path: String,
    /// `>>`: append to the file instead of truncating it.
    pub append: bool,
}

/// Why a command line cannot be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A `'` without its closing `'`.
    UnterminatedSingleQuote,
    /// A `"` without its closing `"`.
    UnterminatedDoubleQuote,
    /// A `\` at the end of the line, escaping nothing.
    TrailingBackslash,
    /// A `>` or `>>` not followed by a (non-empty) file name.
    MissingRedirectTarget,
    /// More than one redirection.
    MultipleRedirects,
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str(match self {
            ParseError::UnterminatedSingleQuote => "unterminated single quote",
            ParseError::UnterminatedDoubleQuote => "unterminated double quote",
            ParseError::TrailingBackslash => "backslash at the end of the line",
            ParseError::MissingRedirectTarget => "redirection without a file",
            ParseError::MultipleRedirects => "more than one redirection",
        })
    }
}

/// Parses a command line, as a POSIX shell would its simple subset:
///
/// - words are separated by unquoted whitespace;
/// - `'...'` keeps everything literally; `"..."` too, except that `\`
///   escapes `"`, `\`, `$` and `` ` `` (before other characters it stays);
/// - outside quotes `\` makes the next character literal;
/// - an unquoted `>` or `>>` (no space needed: `echo hi>f`) redirects
///   output to the next word; at most one redirection, anywhere in the
///   line.
///
/// There are no variables, globs, pipes or `;`: `$`, `*`, `|` and `;` are
/// ordinary characters.
pub fn parse(line: &str) -> Result<Command, ParseError> {
    let mut characters = line.chars().peekable();
    let mut command = Command::default();
    // Some(append) after `>`/`>>`, until the target word.
    let mut pending_redirect: Option<bool> = None;
    loop {
        while characters
            .next_if(|character| character.is_whitespace())
            .is_some()
        {}
        let Some(&next) = characters.peek() else {
            break;
        };
        if next == '>' {
            characters.next();
            let append = characters.next_if_eq(&'>').is_some();
            if pending_redirect.is_some() {
                return Err(ParseError::MissingRedirectTarget);
            }
            if command.redirect.is_some() {
                return Err(ParseError::MultipleRedirects);
            }
            pending_redirect = Some(append);
            continue;
        }
        let word = read_word(&mut characters)?;
        match pending_redirect.take() {
            Some(_) if word.is_empty() => return Err(ParseError::MissingRedirectTarget),
            Some(append) => command.redirect = Some(Redirect { path: word, append }),
            None => command.words.push(word),
        }
    }
    match pending_redirect {
        Some(_) => Err(ParseError::MissingRedirectTarget),
        None => Ok(command),
    }
}

/// Reads one word, up to unquoted whitespace, `>` or the end.
fn read_word(characters: &mut Peekable<Chars<'_>>) -> Result<String, ParseError> {
    let mut word = String::new();
    while let Some(&character) = characters.peek() {
        if character.is_whitespace() || character == '>' {
            break;
        }
        characters.next();
        match character {
            '\'' => read_single_quoted(characters, &mut word)?,
            '"' => read_double_quoted(characters, &mut word)?,
            '\\' => word.push(characters.next().ok_or(ParseError::TrailingBackslash)?),
            _ => word.push(character),
        }
    }
    Ok(word)
}

fn read_single_quoted(
    characters: &mut Peekable<Chars<'_>>,
    word: &mut String,
) -> Result<(), ParseError> {
    loop {
        match characters.next() {
            Some('\'') => return Ok(()),
            Some(character) => word.push(character),
            None => return Err(ParseError::UnterminatedSingleQuote),
        }
    }
}

fn read_double_quoted(
    characters: &mut Peekable<Chars<'_>>,
    word: &mut String,
) -> Result<(), ParseError> {
    loop {
        match characters.next() {
            Some('"') => return Ok(()),
            Some('\\') => match characters.next_if(|next| matches!(next, '"' | '\\' | '$' | '`')) {
                Some(escaped) => word.push(escaped),
                None => word.push('\\'),
            },
            Some(character) => word.push(character),
            None => return Err(ParseError::UnterminatedDoubleQuote),
        }
    }
}

#[cfg(test)]
mod tests;
