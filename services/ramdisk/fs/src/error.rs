//! Why a file-system operation was refused.

use core::fmt;

/// Why a file-system operation was refused. Nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    /// No node at that path.
    NotFound,
    /// Something already has that name.
    AlreadyExists,
    /// A directory was needed (a path component, or `list`).
    NotADirectory,
    /// A file was needed.
    IsADirectory,
    /// A directory to remove still has entries.
    NotEmpty,
    /// Not an absolute, normalized path (`/a/b`), or a name with `/` or NUL.
    InvalidPath,
    /// A name over [`MAX_NAME_LEN`](crate::MAX_NAME_LEN) bytes, or a path over
    /// [`MAX_PATH_LEN`](crate::MAX_PATH_LEN).
    NameTooLong,
    /// The file system is full: its byte or node budget is spent.
    NoSpace,
    /// The file would grow past the largest file allowed.
    FileTooLarge,
    /// A directory cannot be moved into itself, and the root cannot move.
    InvalidMove,
}

impl fmt::Display for FsError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            FsError::NotFound => "no such file or directory",
            FsError::AlreadyExists => "already exists",
            FsError::NotADirectory => "not a directory",
            FsError::IsADirectory => "is a directory",
            FsError::NotEmpty => "directory not empty",
            FsError::InvalidPath => "invalid path",
            FsError::NameTooLong => "name too long",
            FsError::NoSpace => "no space left",
            FsError::FileTooLarge => "file too large",
            FsError::InvalidMove => "cannot move a directory into itself",
        })
    }
}
