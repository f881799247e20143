//! One account: a line of the password file.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::constant_time::constant_time_eq;
use crate::error::{AccountError, ParseErrorKind};
use crate::hex;
use crate::pbkdf2::pbkdf2_hmac_sha256;
use crate::sha256::DIGEST_SIZE;

/// The one password scheme: PBKDF2 with HMAC-SHA-256, 32-byte output.
pub const SCHEME: &str = "pbkdf2-sha256";
/// The fewest PBKDF2 iterations an account may use.
pub const MIN_ITERATIONS: u32 = 1_000;
/// The most PBKDF2 iterations an account may use: 8.5 billion
/// instructions, 30 to 85 s under QEMU TCG, so a bad file cannot hang a
/// login for longer than that.
pub const MAX_ITERATIONS: u32 = 1_000_000;
/// The iterations new passwords get; see the crate docs for the cost.
pub const DEFAULT_ITERATIONS: u32 = 10_000;
/// Bytes of salt [`PasswordFile::set_password`](crate::PasswordFile::set_password) takes.
pub const SALT_LENGTH: usize = 16;
/// The shortest salt a parsed file may hold.
pub const MIN_SALT_LENGTH: usize = 8;
/// The longest salt a parsed file may hold.
pub const MAX_SALT_LENGTH: usize = 64;
/// The longest user name, in bytes.
pub const MAX_NAME_LENGTH: usize = 32;
/// The longest home directory or shell path, in bytes.
pub const MAX_PATH_LENGTH: usize = 255;

/// The PBKDF2-HMAC-SHA-256 hash of `password` with `salt` and
/// `iterations`, as stored in the password file.
pub fn hash_password(password: &[u8], salt: &[u8], iterations: u32) -> [u8; DIGEST_SIZE] {
    let mut hash = [0u8; DIGEST_SIZE];
    pbkdf2_hmac_sha256(password, salt, iterations, &mut hash);
    hash
}

/// An account: who may log in, with which password, and what they get.
///
/// Only the salted hash of the password is kept. Every value satisfies
/// the format's rules, so [`to_line`](Account::to_line) always gives a
/// line that parses back to the same account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    name: String,
    iterations: u32,
    salt: Vec<u8>,
    hash: [u8; DIGEST_SIZE],
    uid: u32,
    home: String,
    shell: String,
}

impl Account {
    /// An account whose password is `password`, hashed with `salt` and
    /// `iterations` (which takes as long as a login will).
    pub fn new(
        name: &str,
        uid: u32,
        home: &str,
        shell: &str,
        password: &[u8],
        salt: [u8; SALT_LENGTH],
        iterations: u32,
    ) -> Result<Account, AccountError> {
        check_name(name)?;
        check_path(home)?;
        check_path(shell)?;
        check_iterations(iterations)?;
        Ok(Account {
            name: String::from(name),
            iterations,
            salt: Vec::from(salt),
            hash: hash_password(password, &salt, iterations),
            uid,
            home: String::from(home),
            shell: String::from(shell),
        })
    }

    /// The user name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The numeric user ID.
    pub fn uid(&self) -> u32 {
        self.uid
    }

    /// The home directory: the shell's first working directory.
    pub fn home(&self) -> &str {
        &self.home
    }

    /// The path of the program to start after login.
    pub fn shell(&self) -> &str {
        &self.shell
    }

    /// The PBKDF2 iterations of the stored hash.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// True when `password` is this account's password. Takes the time of
    /// [`iterations`](Account::iterations) PBKDF2 rounds; compares in
    /// constant time.
    pub fn password_matches(&self, password: &[u8]) -> bool {
        let hash = hash_password(password, &self.salt, self.iterations);
        constant_time_eq(&hash, &self.hash)
    }

    /// Replaces the password; on error the account is unchanged.
    pub fn set_password(
        &mut self,
        password: &[u8],
        salt: [u8; SALT_LENGTH],
        iterations: u32,
    ) -> Result<(), AccountError> {
        check_iterations(iterations)?;
        self.hash = hash_password(password, &salt, iterations);
        self.salt = Vec::from(salt);
        self.iterations = iterations;
        Ok(())
    }

    /// The account as a line of the password file, without the newline.
    pub fn to_line(&self) -> String {
        let mut line = String::new();
        for (index, field) in [
            self.name.as_str(),
            SCHEME,
            &decimal(self.iterations),
            &hex::encode(&self.salt),
            &hex::encode(&self.hash),
            &decimal(self.uid),
            &self.home,
            &self.shell,
        ]
        .iter()
        .enumerate()
        {
            if index > 0 {
                line.push(':');
            }
            line.push_str(field);
        }
        line
    }

    /// Parses one account line (no newline; not a comment).
    pub fn parse_line(line: &str) -> Result<Account, ParseErrorKind> {
        let fields: Vec<&str> = line.split(':').collect();
        let [name, scheme, iterations, salt, hash, uid, home, shell] = fields[..] else {
            return Err(ParseErrorKind::FieldCount {
                found: fields.len(),
            });
        };
        check_name(name)?;
        if scheme != SCHEME {
            return Err(ParseErrorKind::UnknownScheme);
        }
        let iterations = parse_decimal(iterations).ok_or(ParseErrorKind::BadIterations)?;
        check_iterations(iterations)?;
        let salt = hex::decode(salt).ok_or(ParseErrorKind::BadHex)?;
        if !(MIN_SALT_LENGTH..=MAX_SALT_LENGTH).contains(&salt.len()) {
            return Err(ParseErrorKind::BadSaltLength);
        }
        let hash = hex::decode(hash).ok_or(ParseErrorKind::BadHex)?;
        let hash =
            <[u8; DIGEST_SIZE]>::try_from(hash).map_err(|_| ParseErrorKind::BadHashLength)?;
        let uid = parse_decimal(uid).ok_or(ParseErrorKind::BadUid)?;
        check_path(home)?;
        check_path(shell)?;
        Ok(Account {
            name: String::from(name),
            iterations,
            salt,
            hash,
            uid,
            home: String::from(home),
            shell: String::from(shell),
        })
    }
}

/// Names are what Unix tools accept everywhere: lowercase ASCII letters,
/// digits, `_` and `-`, not starting with a digit or `-`.
fn check_name(name: &str) -> Result<(), AccountError> {
    let mut bytes = name.bytes();
    let valid_start = bytes
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first == b'_');
    let valid_rest = bytes.all(|byte| {
        byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_' || byte == b'-'
    });
    if valid_start && valid_rest && name.len() <= MAX_NAME_LENGTH {
        Ok(())
    } else {
        Err(AccountError::BadName)
    }
}

fn check_path(path: &str) -> Result<(), AccountError> {
    let valid = path.starts_with('/')
        && path.len() <= MAX_PATH_LENGTH
        && !path
            .chars()
            .any(|character| character == ':' || character.is_control());
    if valid {
        Ok(())
    } else {
        Err(AccountError::BadPath)
    }
}

fn check_iterations(iterations: u32) -> Result<(), AccountError> {
    if (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
        Ok(())
    } else {
        Err(AccountError::IterationsOutOfRange)
    }
}

/// A decimal number of ASCII digits only (no sign, no spaces), so that
/// each value has one spelling apart from leading zeros.
fn parse_decimal(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn decimal(value: u32) -> String {
    value.to_string()
}
