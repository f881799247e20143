//! The password file: accounts, comments and blank lines, in order.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use crate::account::{Account, DEFAULT_ITERATIONS, SALT_LENGTH, hash_password};
use crate::error::{AddAccountError, LoginError, ParseError, ParseErrorKind, SetPasswordError};

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Account(Account),
    /// A comment or a blank line, kept verbatim so that rewriting the file
    /// (after a password change) keeps it.
    Other(String),
}

/// A parsed password file (`/etc/passwd`).
///
/// Holds no two accounts with the same name. [`to_text`](Self::to_text)
/// writes it back with comments and blank lines where they were.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasswordFile {
    lines: Vec<Line>,
}

impl PasswordFile {
    /// A file without accounts.
    pub fn new() -> PasswordFile {
        PasswordFile::default()
    }

    /// Parses the file's contents; the error names the first bad line.
    ///
    /// Lines end with `\n`; the last one may lack it. A line whose first
    /// character is `#`, or that holds only spaces and tabs, is a comment.
    pub fn parse(text: &[u8]) -> Result<PasswordFile, ParseError> {
        let mut file = PasswordFile::new();
        let mut rest = text;
        let mut number = 0usize;
        // Names seen so far: a file of many accounts parses in n log n.
        let mut names = BTreeSet::new();
        while !rest.is_empty() {
            number += 1;
            let (line, after) = match rest.iter().position(|&byte| byte == b'\n') {
                Some(end) => (
                    rest.get(..end).unwrap_or(&[]),
                    rest.get(end + 1..).unwrap_or(&[]),
                ),
                None => (rest, &[][..]),
            };
            rest = after;
            let error = |kind| ParseError { line: number, kind };
            let line = core::str::from_utf8(line).map_err(|_| error(ParseErrorKind::NotUtf8))?;
            if is_comment(line) {
                file.lines.push(Line::Other(String::from(line)));
                continue;
            }
            let account = Account::parse_line(line).map_err(error)?;
            if !names.insert(String::from(account.name())) {
                return Err(error(ParseErrorKind::DuplicateName));
            }
            file.lines.push(Line::Account(account));
        }
        Ok(file)
    }

    /// The file's text: every line, each ending with `\n`.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            match line {
                Line::Account(account) => text.push_str(&account.to_line()),
                Line::Other(other) => text.push_str(other),
            }
            text.push('\n');
        }
        text
    }

    /// The accounts, in file order.
    pub fn accounts(&self) -> impl Iterator<Item = &Account> {
        self.lines.iter().filter_map(|line| match line {
            Line::Account(account) => Some(account),
            Line::Other(_) => None,
        })
    }

    /// The account called `name`.
    pub fn find(&self, name: &str) -> Option<&Account> {
        self.accounts().find(|account| account.name() == name)
    }

    fn find_mut(&mut self, name: &str) -> Option<&mut Account> {
        self.lines.iter_mut().find_map(|line| match line {
            Line::Account(account) if account.name() == name => Some(account),
            _ => None,
        })
    }

    /// The account called `name` if `password` is its password.
    ///
    /// For an unknown name it hashes the password anyway (with
    /// [`DEFAULT_ITERATIONS`]), so the answer takes as long as for a wrong
    /// password and the error is the same.
    pub fn verify(&self, name: &str, password: &[u8]) -> Result<&Account, LoginError> {
        match self.find(name) {
            Some(account) if account.password_matches(password) => Ok(account),
            Some(_) => Err(LoginError::Denied),
            None => {
                core::hint::black_box(hash_password(
                    password,
                    &[0; SALT_LENGTH],
                    DEFAULT_ITERATIONS,
                ));
                Err(LoginError::Denied)
            }
        }
    }

    /// Gives `name` a new password, hashed with `salt` and `iterations`;
    /// on error the file is unchanged.
    pub fn set_password(
        &mut self,
        name: &str,
        password: &[u8],
        salt: [u8; SALT_LENGTH],
        iterations: u32,
    ) -> Result<(), SetPasswordError> {
        let account = self.find_mut(name).ok_or(SetPasswordError::UnknownUser)?;
        // The iteration count is the only value a password change checks.
        account
            .set_password(password, salt, iterations)
            .map_err(|_| SetPasswordError::IterationsOutOfRange)
    }

    /// Appends `account` as the file's last line.
    pub fn add(&mut self, account: Account) -> Result<(), AddAccountError> {
        if self.find(account.name()).is_some() {
            return Err(AddAccountError::DuplicateName);
        }
        self.lines.push(Line::Account(account));
        Ok(())
    }
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') || line.bytes().all(|byte| byte == b' ' || byte == b'\t')
}

#[cfg(test)]
mod tests;
