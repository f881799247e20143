//! Password hashing and the password file, for login and passwd.
//!
//! The login program reads `/etc/passwd`, asks for a name and a password
//! and calls [`PasswordFile::verify`]; a passwd program calls
//! [`PasswordFile::set_password`] with a fresh salt and writes
//! [`PasswordFile::to_text`] back. Everything they decide lives here: it
//! touches no hardware and no files, takes its salt from the caller (who
//! has RDRAND or the TSC), never keeps or logs a password in plain text,
//! and no input makes it panic.
//!
//! The primitives are written from their specifications and tested
//! against published vectors: [`sha256()`] (FIPS 180-4), [`hmac_sha256`]
//! (RFC 2104, vectors from RFC 4231), [`pbkdf2_hmac_sha256`] (RFC 8018,
//! vectors from RFC 7914), and [`constant_time_eq`].
//!
//! # The password file
//!
//! One account per line, eight fields separated by `:`:
//!
//! ```text
//! # name:scheme:iterations:salt:hash:uid:home:shell
//! root:pbkdf2-sha256:10000:<32 hex digits>:<64 hex digits>:0:/root:/bin/sh
//! ```
//!
//! - `name`: 1 to 32 of `a-z 0-9 _ -`, starting with a letter or `_`;
//!   unique in the file.
//! - `scheme`: `pbkdf2-sha256`, the only one.
//! - `iterations`: decimal, [`MIN_ITERATIONS`] to [`MAX_ITERATIONS`].
//! - `salt`: 8 to 64 bytes in hexadecimal (new passwords get 16).
//! - `hash`: the 32 bytes of PBKDF2-HMAC-SHA-256(password, salt,
//!   iterations) in hexadecimal. Hex digits may be either case and are
//!   written lowercase.
//! - `uid`: decimal, below 2^32.
//! - `home`, `shell`: absolute paths, no `:` or control characters, at
//!   most 255 bytes.
//!
//! Lines end with `\n` (the last may lack it). A line starting with `#`,
//! or holding only spaces and tabs, is a comment and is written back
//! unchanged. Anything else that is not a valid account line is a
//! [`ParseError`] naming the line and a [`ParseErrorKind`].
//!
//! # Cost of a login
//!
//! One PBKDF2 iteration is one HMAC of a 32-byte value under a prepared
//! key: two SHA-256 compressions. Measured with callgrind on an x86-64
//! release build: about 4,000 instructions per compression, 8,500 per
//! iteration with the copying around it. [`DEFAULT_ITERATIONS`] is 10,000:
//! about 85 million instructions per password check, which QEMU TCG runs
//! in 0.3 to 0.85 s at 100 to 300 million simple instructions per second
//! (on KVM or hardware, about 30 ms). That is the most that keeps a login
//! under a second on a slow host; 4,096 would be 0.35 s at worst, but
//! gives an attacker with the file 2.5 times fewer guesses to pay for.
//! An unknown user name costs the same as a wrong password.
//!
//! # Use
//!
//! ```
//! use passwd::{Account, LoginError, MIN_ITERATIONS, PasswordFile};
//!
//! // Tests use few iterations; programs use `DEFAULT_ITERATIONS`.
//! let user = Account::new("user", 1000, "/home/user", "/bin/sh", b"user", [7; 16], MIN_ITERATIONS)
//!     .unwrap();
//! let text = format!("# accounts\n{}\n", user.to_line());
//!
//! // login
//! let mut file = PasswordFile::parse(text.as_bytes()).unwrap();
//! let account = file.verify("user", b"user").unwrap();
//! assert_eq!((account.uid(), account.home(), account.shell()), (1000, "/home/user", "/bin/sh"));
//! assert_eq!(file.verify("user", b"wrong").unwrap_err(), LoginError::Denied);
//!
//! // passwd: a fresh salt from the caller, then write the file back
//! file.set_password("user", b"new", [9; 16], MIN_ITERATIONS).unwrap();
//! assert!(file.to_text().starts_with("# accounts\n"));
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod account;
mod constant_time;
mod error;
mod file;
mod hex;
mod hmac;
mod pbkdf2;
mod sha256;

pub use account::{
    Account, DEFAULT_ITERATIONS, MAX_ITERATIONS, MAX_NAME_LENGTH, MAX_PATH_LENGTH, MAX_SALT_LENGTH,
    MIN_ITERATIONS, MIN_SALT_LENGTH, SALT_LENGTH, SCHEME, hash_password,
};
pub use constant_time::constant_time_eq;
pub use error::{
    AccountError, AddAccountError, LoginError, ParseError, ParseErrorKind, SetPasswordError,
};
pub use file::PasswordFile;
pub use hmac::{HmacSha256, hmac_sha256};
pub use pbkdf2::pbkdf2_hmac_sha256;
pub use sha256::{BLOCK_SIZE, DIGEST_SIZE, Sha256, sha256};
