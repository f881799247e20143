//! The text: lines of UTF-8, loading and saving, and its limits.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// The largest file the editor loads or lets grow, in bytes.
pub const MAX_FILE_SIZE: usize = 1 << 20;
/// The longest line the editor loads or lets grow, in bytes (without `\n`).
pub const MAX_LINE_LENGTH: usize = 4096;

/// A place in the buffer: a line and a column, both from 0. The column
/// counts characters, not bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 0.
    pub line: usize,
    /// The column in characters, from 0; at most the line's length.
    pub column: usize,
}

/// Why a file cannot be loaded. The program keeps the file untouched and
/// shows the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The file is larger than [`MAX_FILE_SIZE`].
    TooLarge,
    /// A line is not valid UTF-8 (lines counted from 1).
    NotUtf8 {
        /// The first bad line.
        line: usize,
    },
    /// A line is longer than [`MAX_LINE_LENGTH`] (lines counted from 1).
    LineTooLong {
        /// The first long line.
        line: usize,
    },
}

/// Why an edit was refused; the buffer is unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The line would be longer than [`MAX_LINE_LENGTH`].
    LineTooLong,
    /// The file would be larger than [`MAX_FILE_SIZE`].
    FileTooLarge,
}

impl core::fmt::Display for LoadError {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LoadError::TooLarge => write!(formatter, "file larger than {MAX_FILE_SIZE} bytes"),
            LoadError::NotUtf8 { line } => write!(formatter, "line {line} is not UTF-8"),
            LoadError::LineTooLong { line } => {
                write!(formatter, "line {line} longer than {MAX_LINE_LENGTH} bytes")
            }
        }
    }
}

impl core::fmt::Display for EditError {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str(match self {
            EditError::LineTooLong => "line too long",
            EditError::FileTooLarge => "file too large",
        })
    }
}

/// The text being edited and the cursor in it.
///
/// Always holds at least one line, the cursor is always on a line and at
/// most at its end, and the size stays within [`MAX_FILE_SIZE`] and
/// [`MAX_LINE_LENGTH`]. Editing and moving are in `edit.rs` and
/// `motion.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buffer {
    pub(crate) lines: Vec<String>,
    pub(crate) cursor: Position,
    /// The column Up and Down aim for: where the cursor was put last by
    /// anything but Up and Down.
    pub(crate) desired_column: usize,
    /// Whether the file ends with `\n` (kept as loaded).
    pub(crate) trailing_newline: bool,
    /// The size of [`to_bytes`](Buffer::to_bytes), kept up to date.
    pub(crate) size: usize,
    pub(crate) modified: bool,
}

impl Default for Buffer {
    fn default() -> Self {
        Buffer::new()
    }
}

impl Buffer {
    /// An empty buffer for a new file; saved as it is, it is one `\n`.
    pub fn new() -> Buffer {
        Buffer {
            lines: vec![String::new()],
            cursor: Position::default(),
            desired_column: 0,
            trailing_newline: true,
            size: 1,
            modified: false,
        }
    }

    /// A buffer holding `bytes`, a file's contents, with the cursor at the
    /// start. Lines end with `\n`; a final `\n` is remembered and written
    /// back. Other control characters (`\r`, tabs) stay in the text.
    pub fn load(bytes: &[u8]) -> Result<Buffer, LoadError> {
        if bytes.len() > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge);
        }
        let (body, trailing_newline) = match bytes.strip_suffix(b"\n") {
            Some(body) => (body, true),
            None => (bytes, false),
        };
        let mut lines = Vec::new();
        for (index, line) in body.split(|&byte| byte == b'\n').enumerate() {
            let number = index + 1;
            if line.len() > MAX_LINE_LENGTH {
                return Err(LoadError::LineTooLong { line: number });
            }
            let text =
                core::str::from_utf8(line).map_err(|_| LoadError::NotUtf8 { line: number })?;
            lines.push(String::from(text));
        }
        Ok(Buffer {
            lines,
            cursor: Position::default(),
            desired_column: 0,
            trailing_newline,
            size: bytes.len(),
            modified: false,
        })
    }

    /// The file's contents: the lines joined with `\n`, with a final `\n`
    /// if the loaded file had one (or the buffer is new).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.size);
        for (index, line) in self.lines.iter().enumerate() {
            if index > 0 {
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(line.as_bytes());
        }
        if self.trailing_newline {
            bytes.push(b'\n');
        }
        bytes
    }

    /// The size of [`to_bytes`](Self::to_bytes), in bytes.
    pub fn size(&self) -> usize {
        self.size
    }

    /// How many lines there are (at least 1).
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Line `index` (from 0), without its `\n`.
    pub fn line(&self, index: usize) -> Option<&str> {
        self.lines.get(index).map(String::as_str)
    }

    /// The cursor.
    pub fn cursor(&self) -> Position {
        self.cursor
    }

    /// True when the text changed since it was loaded or last
    /// [`mark_saved`](Self::mark_saved).
    pub fn is_modified(&self) -> bool {
        self.modified
    }

    /// Records that the text was written to its file.
    pub fn mark_saved(&mut self) {
        self.modified = false;
    }

    /// The cursor's line.
    pub(crate) fn current_line(&self) -> &str {
        self.lines.get(self.cursor.line).map_or("", String::as_str)
    }

    /// Characters in line `index`.
    pub(crate) fn line_width(&self, index: usize) -> usize {
        self.lines.get(index).map_or(0, |line| line.chars().count())
    }
}

/// The byte offset of character `column` in `line` (its end if beyond).
pub(crate) fn byte_offset(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column)
        .map_or(line.len(), |(offset, _)| offset)
}

#[cfg(test)]
mod tests;
