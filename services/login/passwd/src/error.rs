//! The errors of parsing, building and using a password file.

use core::fmt;

/// Why a line of a password file is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The line is not valid UTF-8.
    NotUtf8,
    /// The line does not have the eight `:`-separated fields.
    FieldCount {
        /// How many fields it has.
        found: usize,
    },
    /// The user name is empty, too long or has a character outside
    /// `[a-z0-9_-]` (or starts with `-` or a digit).
    BadName,
    /// The second field is not `pbkdf2-sha256`.
    UnknownScheme,
    /// The iteration count is not a decimal number.
    BadIterations,
    /// The iteration count is outside
    /// [`MIN_ITERATIONS`](crate::MIN_ITERATIONS)..=[`MAX_ITERATIONS`](crate::MAX_ITERATIONS).
    IterationsOutOfRange,
    /// The salt or hash is not an even number of hexadecimal digits.
    BadHex,
    /// The salt is shorter than [`MIN_SALT_LENGTH`](crate::MIN_SALT_LENGTH)
    /// or longer than [`MAX_SALT_LENGTH`](crate::MAX_SALT_LENGTH) bytes.
    BadSaltLength,
    /// The hash is not 32 bytes.
    BadHashLength,
    /// The user ID is not a decimal number below 2^32.
    BadUid,
    /// The home directory or shell is not an absolute path of at most
    /// [`MAX_PATH_LENGTH`](crate::MAX_PATH_LENGTH) bytes without control
    /// characters.
    BadPath,
    /// An earlier line has the same user name.
    DuplicateName,
}

/// A password file that cannot be parsed: the first bad line and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line's number, counting from 1.
    pub line: usize,
    /// What is wrong with it.
    pub kind: ParseErrorKind,
}

/// Why an [`Account`](crate::Account) cannot be built from given values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountError {
    /// The name breaks the rules of [`ParseErrorKind::BadName`].
    BadName,
    /// The home directory or shell breaks the rules of
    /// [`ParseErrorKind::BadPath`].
    BadPath,
    /// The iteration count is out of range.
    IterationsOutOfRange,
}

/// A failed login. Unknown users and wrong passwords give the same error
/// and take about the same time, so a caller cannot tell which names exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginError {
    /// The user name and password do not match an account.
    Denied,
}

/// Why [`PasswordFile::set_password`](crate::PasswordFile::set_password)
/// failed; the file is unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetPasswordError {
    /// No account has that name.
    UnknownUser,
    /// The iteration count is out of range.
    IterationsOutOfRange,
}

/// Why [`PasswordFile::add`](crate::PasswordFile::add) failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddAccountError {
    /// An account with that name exists already.
    DuplicateName,
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::NotUtf8 => formatter.write_str("not valid UTF-8"),
            ParseErrorKind::FieldCount { found } => {
                write!(formatter, "{found} fields instead of 8")
            }
            ParseErrorKind::BadName => formatter.write_str("bad user name"),
            ParseErrorKind::UnknownScheme => formatter.write_str("unknown password scheme"),
            ParseErrorKind::BadIterations => formatter.write_str("iteration count not a number"),
            ParseErrorKind::IterationsOutOfRange => {
                formatter.write_str("iteration count out of range")
            }
            ParseErrorKind::BadHex => formatter.write_str("bad hexadecimal"),
            ParseErrorKind::BadSaltLength => formatter.write_str("bad salt length"),
            ParseErrorKind::BadHashLength => formatter.write_str("bad hash length"),
            ParseErrorKind::BadUid => formatter.write_str("bad user ID"),
            ParseErrorKind::BadPath => formatter.write_str("bad home directory or shell"),
            ParseErrorKind::DuplicateName => formatter.write_str("duplicate user name"),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "line {}: {}", self.line, self.kind)
    }
}

impl fmt::Display for LoginError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("login incorrect")
    }
}

impl From<AccountError> for ParseErrorKind {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::BadName => ParseErrorKind::BadName,
            AccountError::BadPath => ParseErrorKind::BadPath,
            AccountError::IterationsOutOfRange => ParseErrorKind::IterationsOutOfRange,
        }
    }
}
