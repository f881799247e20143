//! The decoder: bounds-checked, allocation-free, panic-free.

use crate::error::DecodeError;
use crate::format::{HEADER_SIZE, Header, MIN_MATCH, NIBBLE_MAX};
use crate::varint::{self, VarintError};

/// Expands the compressed bytes `packed` (header and stream) into `output`,
/// which must be exactly [`Header::decoded_size`] bytes long. On an error
/// `output` holds whatever was decoded before it.
///
/// # Errors
///
/// Any [`DecodeError`]: a bad header (see [`Header::parse`]), an `output` of
/// the wrong size, or a stream that breaks a rule of the format.
pub fn decode(packed: &[u8], output: &mut [u8]) -> Result<(), DecodeError> {
    let header = Header::parse(packed)?;
    if output.len() != header.decoded_size() {
        return Err(DecodeError::OutputSizeMismatch { expected: header.decoded_size(), actual: output.len() });
    }
    let stream = packed.get(HEADER_SIZE..HEADER_SIZE + header.stream_size()).unwrap_or(&[]);
    Decoder { stream, position: 0, output, produced: 0, last_offset: 0 }.run()
}

/// The state of one decoding: where it reads and where it writes.
struct Decoder<'a> {
    stream: &'a [u8],
    position: usize,
    output: &'a mut [u8],
    produced: usize,
    /// The last match's offset, which offset 0 repeats; 0 before the first.
    last_offset: usize,
}

impl Decoder<'_> {
    fn run(mut self) -> Result<(), DecodeError> {
        while self.produced < self.output.len() || self.position < self.stream.len() {
            let at = self.position;
            let token = self.byte()?;
            let count = self.length(usize::from(token >> 4), 0)?;
            self.literals(at, count)?;
            let match_bits = usize::from(token & 0x0f);
            if self.produced == self.output.len() {
                if match_bits != 0 {
                    return Err(DecodeError::MatchAfterEnd { at });
                }
                return match self.position == self.stream.len() {
                    true => Ok(()),
                    false => Err(DecodeError::TrailingBytes { at: self.position }),
                };
            }
            let offset = self.offset(at)?;
            let length = self.length(match_bits, MIN_MATCH)?;
            self.copy_match(at, offset, length)?;
        }
        Ok(())
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let byte = *self.stream.get(self.position).ok_or(DecodeError::TruncatedStream { at: self.position })?;
        self.position += 1;
        Ok(byte)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        varint::read(self.stream, &mut self.position).map_err(|error| match error {
            VarintError::Truncated => DecodeError::TruncatedStream { at: self.position },
            VarintError::Overflow => DecodeError::VarintOverflow { at: self.position },
        })
    }

    /// A count or length from a token's four bits, continued by a varint at 15.
    /// A value past the address space saturates: the bounds checks reject it.
    fn length(&mut self, bits: usize, base: usize) -> Result<usize, DecodeError> {
        let mut value = bits + base;
        if bits == NIBBLE_MAX {
            let more = usize::try_from(self.varint()?).unwrap_or(usize::MAX);
            value = value.saturating_add(more);
        }
        Ok(value)
    }

    fn literals(&mut self, at: usize, count: usize) -> Result<(), DecodeError> {
        let end = self.produced.checked_add(count).filter(|&end| end <= self.output.len());
        let end = end.ok_or(DecodeError::OutputOverrun { at })?;
        let from_end = self.position.checked_add(count).filter(|&end| end <= self.stream.len());
        let from_end = from_end.ok_or(DecodeError::TruncatedStream { at: self.stream.len() })?;
        let (Some(to), Some(from)) = (self.output.get_mut(self.produced..end), self.stream.get(self.position..from_end))
        else {
            return Err(DecodeError::TruncatedStream { at: self.position });
        };
        to.copy_from_slice(from);
        self.produced = end;
        self.position = from_end;
        Ok(())
    }

    fn offset(&mut self, at: usize) -> Result<usize, DecodeError> {
        let raw = self.varint()?;
        if raw == 0 {
            if self.last_offset == 0 {
                return Err(DecodeError::NoOffsetToRepeat { at });
            }
            return Ok(self.last_offset);
        }
        let offset = usize::try_from(raw).ok().filter(|&offset| offset <= self.produced);
        let offset = offset.ok_or(DecodeError::OffsetTooFar { at, offset: raw, produced: self.produced })?;
        self.last_offset = offset;
        Ok(offset)
    }

    /// Copies `length` bytes from `offset` back. A match that overlaps its
    /// own output (offset below length) repeats a pattern of `offset` bytes,
    /// so it is copied in steps from the match's start, each step copying
    /// only bytes already written and twice as many as the one before.
    fn copy_match(&mut self, at: usize, offset: usize, length: usize) -> Result<(), DecodeError> {
        let end = self.produced.checked_add(length).filter(|&end| end <= self.output.len());
        let end = end.ok_or(DecodeError::OutputOverrun { at })?;
        // `offset` is at most `produced` (checked when it was read).
        let source = self.produced - offset;
        let mut written = self.produced;
        while written < end {
            let step = (written - source).min(end - written);
            self.output.copy_within(source..source + step, written);
            written += step;
        }
        self.produced = end;
        Ok(())
    }
}
