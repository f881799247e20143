//! Entry names: what a valid name looks like, and why.
//!
//! A name is a relative path in normal form, so it can be handed to a VFS or
//! printed in the kernel log as it is: no `..` to climb out of the archive, no
//! `.` or `//` that would give one file two spellings, and only the POSIX
//! portable filename characters (no spaces, control bytes or look-alike
//! Unicode). The reader and the builder both call [`validate_name`], so the
//! builder can never write a name the reader rejects.

use core::fmt;

use crate::format::MAX_NAME_LEN;

/// Why a name is not a valid entry name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// The name has no bytes.
    Empty,
    /// The name is longer than [`MAX_NAME_LEN`] bytes.
    TooLong {
        /// The name's length in bytes.
        len: usize,
    },
    /// The name's bytes are not valid UTF-8.
    NotUtf8,
    /// The name starts with `/`: names are relative to the archive root.
    LeadingSlash,
    /// The name has an empty component: `a//b`, or a trailing `/`.
    EmptyComponent,
    /// A component is `.` or `..`.
    DotComponent,
    /// A character outside `A-Z`, `a-z`, `0-9`, `.`, `_`, `-` and the `/` separator.
    InvalidCharacter {
        /// The first offending character.
        character: char,
    },
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("name is empty"),
            Self::TooLong { len } => {
                write!(f, "name is {len} bytes long, the limit is {MAX_NAME_LEN}")
            }
            Self::NotUtf8 => f.write_str("name is not valid UTF-8"),
            Self::LeadingSlash => f.write_str("name starts with '/'"),
            Self::EmptyComponent => f.write_str("name has an empty path component"),
            Self::DotComponent => f.write_str("name has a '.' or '..' path component"),
            Self::InvalidCharacter { character } => {
                write!(f, "name contains the character {character:?}")
            }
        }
    }
}

impl core::error::Error for NameError {}

/// Checks that `name` is a valid entry name and returns it as a `str`.
///
/// Valid: 1 to [`MAX_NAME_LEN`] bytes of UTF-8, made of
/// `/`-separated components that are not empty, not `.` or `..`, and contain only
/// `[A-Za-z0-9._-]`. Names are case-sensitive.
///
/// ```
/// use bootfs::{validate_name, NameError};
/// assert_eq!(validate_name(b"bin/init"), Ok("bin/init"));
/// assert_eq!(validate_name(b"bin/../init"), Err(NameError::DotComponent));
/// ```
pub fn validate_name(name: &[u8]) -> Result<&str, NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(NameError::TooLong { len: name.len() });
    }
    let name = core::str::from_utf8(name).map_err(|_| NameError::NotUtf8)?;
    if name.starts_with('/') {
        return Err(NameError::LeadingSlash);
    }
    name.split('/').try_for_each(validate_component)?;
    Ok(name)
}

/// Checks one `/`-free component of a name.
fn validate_component(component: &str) -> Result<(), NameError> {
    match component {
        "" => Err(NameError::EmptyComponent),
        "." | ".." => Err(NameError::DotComponent),
        _ => match component.chars().find(|&c| !is_portable_filename_char(c)) {
            Some(character) => Err(NameError::InvalidCharacter { character }),
            None => Ok(()),
        },
    }
}

/// Whether `c` is in the POSIX portable filename character set.
fn is_portable_filename_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

#[cfg(test)]
mod tests {
    use super::{NameError, validate_name};
    use crate::MAX_NAME_LEN;

    #[test]
    fn normal_relative_paths_are_accepted() {
        for name in [
            "init",
            "bin/init",
            "etc/a-b_c.d",
            ".hidden",
            "a/b/c/d",
            "...",
        ] {
            assert_eq!(validate_name(name.as_bytes()), Ok(name), "{name}");
        }
        let longest = "x".repeat(MAX_NAME_LEN);
        assert!(validate_name(longest.as_bytes()).is_ok());
    }

    #[test]
    fn each_broken_rule_gets_its_own_error() {
        let too_long = "x".repeat(MAX_NAME_LEN + 1);
        let cases: [(&[u8], NameError); 11] = [
            (b"", NameError::Empty),
            (
                too_long.as_bytes(),
                NameError::TooLong {
                    len: MAX_NAME_LEN + 1,
                },
            ),
            (b"bin/\xff", NameError::NotUtf8),
            (b"/bin/init", NameError::LeadingSlash),
            (b"bin//init", NameError::EmptyComponent),
            (b"bin/", NameError::EmptyComponent),
            (b"./init", NameError::DotComponent),
            (b"bin/../init", NameError::DotComponent),
            (b"bin/in it", NameError::InvalidCharacter { character: ' ' }),
            (
                "bin/caf\u{e9}".as_bytes(),
                NameError::InvalidCharacter {
                    character: '\u{e9}',
                },
            ),
            (
                b"bin\\init",
                NameError::InvalidCharacter { character: '\\' },
            ),
        ];
        for (name, expected) in cases {
            assert_eq!(validate_name(name), Err(expected), "{name:?}");
        }
    }
}
