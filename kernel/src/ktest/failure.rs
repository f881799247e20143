//! A test failure message held without a heap.

use core::fmt::{self, Write};
use core::panic::Location;

/// Longest failure message kept; longer ones are cut and end in "...".
const CAPACITY: usize = 240;

/// Why a kernel test failed and where.
pub struct Failure {
    message: [u8; CAPACITY],
    len: usize,
    truncated: bool,
    location: &'static Location<'static>,
}

impl Failure {
    /// Formats `message` into a fixed buffer, keeping where it happened.
    pub fn new(message: fmt::Arguments<'_>, location: &'static Location<'static>) -> Self {
        let mut failure = Failure { message: [0; CAPACITY], len: 0, truncated: false, location };
        let _ = failure.write_fmt(message);
        failure
    }

    fn text(&self) -> &str {
        let bytes = self.message.get(..self.len).unwrap_or(&[]);
        // Only whole `str`s are copied in, so this is UTF-8 unless a multi-byte
        // character was cut at the end; `valid_up_to` then drops the fragment.
        match core::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => core::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or(""),
        }
    }
}

impl Write for Failure {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        // Messages go on one serial line: newlines would break the protocol.
        for byte in text.bytes().map(|b| if b == b'\n' { b' ' } else { b }) {
            match self.message.get_mut(self.len) {
                Some(slot) => {
                    *slot = byte;
                    self.len += 1;
                }
                None => self.truncated = true,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ellipsis = if self.truncated { "..." } else { "" };
        write!(formatter, "{}{} ({}:{})", self.text(), ellipsis, self.location.file(), self.location.line())
    }
}
