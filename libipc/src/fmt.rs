//! Formatting without a heap: a fixed line buffer for log messages.

use core::fmt;

/// Longest line kept; the rest is cut.
const CAPACITY: usize = 512;

/// A line of text built with `write!`, cut at `CAPACITY` bytes on a
/// character boundary.
pub struct LineBuffer {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl LineBuffer {
    /// An empty line.
    pub const fn new() -> LineBuffer {
        LineBuffer { bytes: [0; CAPACITY], len: 0 }
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..self.len).unwrap_or(&[]);
        core::str::from_utf8(bytes).unwrap_or("")
    }
}

impl Default for LineBuffer {
    fn default() -> Self {
        LineBuffer::new()
    }
}

impl fmt::Write for LineBuffer {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for character in text.chars() {
            let mut encoded = [0u8; 4];
            let encoded = character.encode_utf8(&mut encoded).as_bytes();
            let Some(slot) = self.bytes.get_mut(self.len..self.len + encoded.len()) else { break };
            slot.copy_from_slice(encoded);
            self.len += encoded.len();
        }
        Ok(())
    }
}

/// Formats a line and writes it to the kernel log, like `println!`.
#[macro_export]
macro_rules! println {
    ($($argument:tt)*) => {{
        let mut line = $crate::fmt::LineBuffer::new();
        let _ = core::fmt::Write::write_fmt(&mut line, format_args!($($argument)*));
        $crate::sys::log(line.as_str());
    }};
}
