//! From what a person types to the one spelling file servers accept.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Longest name of one file or directory, in bytes (as `ramfs`).
pub const MAX_NAME_LEN: usize = 64;
/// Longest normalized path, in bytes (as `idl/fs.idl`).
pub const MAX_PATH_LEN: usize = 256;

/// Why a path cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    /// The empty string names nothing.
    Empty,
    /// A NUL byte.
    InvalidCharacter,
    /// A name over [`MAX_NAME_LEN`], or a result over [`MAX_PATH_LEN`].
    TooLong,
    /// The working directory is not a normalized absolute path.
    BadWorkingDirectory,
}

impl fmt::Display for PathError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            PathError::Empty => "empty path",
            PathError::InvalidCharacter => "a path cannot contain NUL",
            PathError::TooLong => "path too long",
            PathError::BadWorkingDirectory => "the working directory is not an absolute path",
        })
    }
}

/// Whether `path` is already normalized: `/`, or `/` followed by names
/// separated by single slashes, none of them `.` or `..`.
pub fn is_normalized(path: &str) -> bool {
    if path == "/" {
        return true;
    }
    let Some(rest) = path.strip_prefix('/') else { return false };
    path.len() <= MAX_PATH_LEN
        && rest.split('/').all(|name| {
            !name.is_empty() && name != "." && name != ".." && name.len() <= MAX_NAME_LEN && !name.contains('\0')
        })
}

/// Resolves `path` against the working directory `cwd` (itself
/// normalized): an absolute `path` ignores `cwd`. `.` and empty components
/// vanish, `..` removes the name before it and does nothing at the root.
pub fn normalize(cwd: &str, path: &str) -> Result<String, PathError> {
    if path.is_empty() {
        return Err(PathError::Empty);
    }
    if path.contains('\0') {
        return Err(PathError::InvalidCharacter);
    }
    if !is_normalized(cwd) {
        return Err(PathError::BadWorkingDirectory);
    }
    let mut names: Vec<&str> = Vec::new();
    let start = if path.starts_with('/') { "" } else { cwd };
    for name in start.split('/').chain(path.split('/')) {
        match name {
            "" | "." => {}
            ".." => {
                names.pop();
            }
            name if name.len() > MAX_NAME_LEN => return Err(PathError::TooLong),
            name => names.push(name),
        }
    }
    let mut normalized = String::new();
    for name in &names {
        normalized.push('/');
        normalized.push_str(name);
    }
    if normalized.is_empty() {
        normalized.push('/');
    }
    if normalized.len() > MAX_PATH_LEN {
        return Err(PathError::TooLong);
    }
    Ok(normalized)
}

/// `directory` joined with `name`, both already valid: `/` and `a` give
/// `/a`, `/x` and `a` give `/x/a`.
pub fn join(directory: &str, name: &str) -> String {
    let mut joined = String::from(directory.trim_end_matches('/'));
    joined.push('/');
    joined.push_str(name.trim_start_matches('/'));
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_paths() {
        let cases = [
            ("/", "bin", "/bin"),
            ("/home/user", "notes", "/home/user/notes"),
            ("/home/user", "/etc/motd", "/etc/motd"),
            ("/home/user", ".", "/home/user"),
            ("/home/user", "..", "/home"),
            ("/home/user", "../../..", "/"),
            ("/", "..", "/"),
            ("/", "../../etc", "/etc"),
            ("/a", "b//c///d/", "/a/b/c/d"),
            ("/a", "./b/./../c", "/a/c"),
            ("/a/b", "../../../../a/b/../b", "/a/b"),
        ];
        for (cwd, path, expected) in cases {
            assert_eq!(normalize(cwd, path).as_deref(), Ok(expected), "{cwd} + {path}");
        }
    }

    #[test]
    fn bad_input_is_a_named_error() {
        assert_eq!(normalize("/", ""), Err(PathError::Empty));
        assert_eq!(normalize("/", "a\0b"), Err(PathError::InvalidCharacter));
        assert_eq!(normalize("relative", "a"), Err(PathError::BadWorkingDirectory));
        assert_eq!(normalize("/a/../b", "a"), Err(PathError::BadWorkingDirectory));
        let long_name = "n".repeat(MAX_NAME_LEN + 1);
        assert_eq!(normalize("/", &long_name), Err(PathError::TooLong));
        let long_path = "/abcdefgh".repeat(MAX_PATH_LEN / 9 + 1);
        assert_eq!(normalize("/", &long_path), Err(PathError::TooLong));
        // Long only before `..` takes names away is fine.
        let shrinking = alloc::format!("{}/{}", "/abcdefgh".repeat(30), "../".repeat(30));
        assert_eq!(normalize("/", &shrinking).as_deref(), Ok("/"));
    }

    #[test]
    fn normalized_spelling() {
        for good in ["/", "/a", "/a/b"] {
            assert!(is_normalized(good), "{good}");
        }
        for bad in ["", "a", "//", "/a/", "/a//b", "/./a", "/a/..", "/a\0"] {
            assert!(!is_normalized(bad), "{bad:?}");
        }
        assert_eq!(join("/", "a"), "/a");
        assert_eq!(join("/x", "a"), "/x/a");
    }
}
