//! The compressor, for the host: greedy parsing with one step of lazy
//! matching, over hash chains that reach back to the start of the input.

use alloc::vec;
use alloc::vec::Vec;

use crate::format::{HEADER_SIZE, Header, MIN_MATCH, NIBBLE_MAX};
use crate::varint;

/// Bits of the hash of four bytes that index the chain heads.
const HASH_BITS: u32 = 17;
/// Candidates tried per position: more finds longer matches, slower.
const MAX_CHAIN: usize = 1024;
/// A match this long is taken without looking for a longer one.
const GOOD_ENOUGH: usize = 1024;
/// Marks the end of a hash chain.
const NONE: u32 = u32::MAX;

/// Compresses `input` into the format the crate docs describe: header and
/// stream. Inputs up to 4 GiB (the chains hold `u32` positions).
///
/// # Panics
///
/// If `input` is 4 GiB or longer, which a boot archive never is.
pub fn compress(input: &[u8]) -> Vec<u8> {
    assert!(u32::try_from(input.len()).is_ok_and(|len| len < NONE), "bootlz compresses inputs below 4 GiB");
    let mut encoder = Encoder {
        input,
        head: vec![NONE; 1 << HASH_BITS],
        previous: vec![NONE; input.len()],
        inserted: 0,
        stream: Vec::with_capacity(input.len() / 2),
        last_offset: 0,
    };
    encoder.run();
    let mut packed = Vec::with_capacity(HEADER_SIZE + encoder.stream.len());
    packed.extend_from_slice(&Header::to_bytes(input.len(), encoder.stream.len()));
    packed.extend_from_slice(&encoder.stream);
    packed
}

/// A match found at some position: its length and how far back it starts.
#[derive(Clone, Copy)]
struct Found {
    length: usize,
    offset: usize,
    /// Bytes saved against sending the match's bytes as literals.
    gain: isize,
}

struct Encoder<'a> {
    input: &'a [u8],
    /// The latest position whose four bytes have each hash, or [`NONE`].
    head: Vec<u32>,
    /// For each position, the one before it with the same hash, or [`NONE`].
    previous: Vec<u32>,
    /// Positions below this one are in the chains.
    inserted: usize,
    stream: Vec<u8>,
    last_offset: usize,
}

impl Encoder<'_> {
    fn run(&mut self) {
        let mut literal_start = 0;
        let mut position = 0;
        while position < self.input.len() {
            let Some(mut found) = self.best_match(position) else {
                position += 1;
                continue;
            };
            // Lazy matching: a better match one byte on is worth a literal.
            if let Some(next) = self.best_match(position + 1)
                && next.gain > found.gain + 1
            {
                position += 1;
                found = next;
            }
            self.emit(literal_start..position, Some(found));
            position += found.length;
            literal_start = position;
        }
        if literal_start < self.input.len() {
            self.emit(literal_start..self.input.len(), None);
        }
    }

    fn hash(&self, position: usize) -> Option<usize> {
        let bytes: [u8; 4] = self.input.get(position..position + 4)?.try_into().ok()?;
        Some((u32::from_le_bytes(bytes).wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize)
    }

    /// Adds every position below `end` to the chains.
    fn insert_up_to(&mut self, end: usize) {
        while self.inserted < end {
            if let Some(hash) = self.hash(self.inserted) {
                self.previous[self.inserted] = self.head[hash];
                self.head[hash] = self.inserted as u32;
            }
            self.inserted += 1;
        }
    }

    fn common_length(&self, earlier: usize, position: usize) -> usize {
        let limit = self.input.len() - position;
        let (a, b) = (&self.input[earlier..earlier + limit], &self.input[position..]);
        a.iter().zip(b).take_while(|(x, y)| x == y).count()
    }

    /// The match at `position` that saves the most bytes, if any saves some.
    fn best_match(&mut self, position: usize) -> Option<Found> {
        self.insert_up_to(position);
        let mut best: Option<Found> = None;
        let mut consider = |length: usize, offset: usize, repeat: bool| {
            if length < MIN_MATCH {
                return;
            }
            let gain = length as isize - match_cost(length, if repeat { 0 } else { offset }) as isize;
            if gain > 0 && best.is_none_or(|best| gain > best.gain) {
                best = Some(Found { length, offset, gain });
            }
        };
        if self.last_offset != 0 && self.last_offset <= position {
            consider(self.common_length(position - self.last_offset, position), self.last_offset, true);
        }
        let mut candidate = self.hash(position).map_or(NONE, |hash| self.head[hash]);
        for _ in 0..MAX_CHAIN {
            if candidate == NONE {
                break;
            }
            let earlier = candidate as usize;
            let length = self.common_length(earlier, position);
            consider(length, position - earlier, position - earlier == self.last_offset);
            if length >= GOOD_ENOUGH {
                break;
            }
            candidate = self.previous[earlier];
        }
        best
    }

    /// Writes one sequence: the literals `range` of the input, then the match.
    fn emit(&mut self, range: core::ops::Range<usize>, found: Option<Found>) {
        let count = range.len();
        let match_bits = found.map_or(0, |found| (found.length - MIN_MATCH).min(NIBBLE_MAX));
        self.stream.push(((count.min(NIBBLE_MAX) << 4) | match_bits) as u8);
        if count >= NIBBLE_MAX {
            varint::write(&mut self.stream, (count - NIBBLE_MAX) as u64);
        }
        self.stream.extend_from_slice(&self.input[range]);
        let Some(found) = found else { return };
        let code = if found.offset == self.last_offset { 0 } else { found.offset };
        varint::write(&mut self.stream, code as u64);
        if found.length - MIN_MATCH >= NIBBLE_MAX {
            varint::write(&mut self.stream, (found.length - MIN_MATCH - NIBBLE_MAX) as u64);
        }
        self.last_offset = found.offset;
    }
}

/// Stream bytes a match costs beyond the token it shares with its literals:
/// the offset (`0` for a repeat) and the length's varint. One byte is added
/// for the token of the next sequence, which the match makes necessary.
fn match_cost(length: usize, offset_code: usize) -> usize {
    let extra = length - MIN_MATCH;
    let length_bytes = if extra >= NIBBLE_MAX { varint::len((extra - NIBBLE_MAX) as u64) } else { 0 };
    1 + varint::len(offset_code as u64) + length_bytes
}
