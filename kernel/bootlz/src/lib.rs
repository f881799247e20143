//! Bootlz: the LZ77 compression of Barodia's boot archive.
//!
//! Every byte of the disk image's ramdisk is loaded through the BIOS at boot,
//! at about a microsecond a byte under QEMU TCG (docs/bench.md, "Boot time").
//! The image builder compresses the `bootfs` archive with `compress`
//! (cargo feature `alloc`), and the kernel expands it with [`decode`] into
//! memory it owns before parsing the archive. The crate is the format and
//! nothing else: no hardware access, no `unsafe`, and a decoder that never
//! allocates and never panics, whatever the bytes. It is tested on the host.
//!
//! ```
//! use bootlz::{DecodeError, Header};
//!
//! // "abc" as literals, then 5 bytes copied from 3 back: "abcabcab".
//! let stream = [0x31, b'a', b'b', b'c', 3];
//! let mut packed = Vec::from(bootlz::MAGIC);
//! packed.extend(1u16.to_le_bytes()); // version
//! packed.extend(32u16.to_le_bytes()); // header size
//! packed.extend(0u32.to_le_bytes()); // reserved
//! packed.extend(8u64.to_le_bytes()); // decoded size
//! packed.extend((stream.len() as u64).to_le_bytes());
//! packed.extend(stream);
//!
//! let mut output = vec![0; Header::parse(&packed)?.decoded_size()];
//! bootlz::decode(&packed, &mut output)?;
//! assert_eq!(output, b"abcabcab");
//! assert_eq!(Header::parse(b"BDBOOTFS"), Err(DecodeError::TruncatedHeader));
//! # Ok::<(), DecodeError>(())
//! ```
//!
//! # Format, version 1
//!
//! A 32-byte header, then a stream of sequences. All integers in the header
//! are little-endian.
//!
//! | Offset | Size | Field          | Value or rule                                  |
//! |-------:|-----:|----------------|------------------------------------------------|
//! |      0 |    8 | `magic`        | [`MAGIC`], the ASCII bytes `BDBOOTLZ`          |
//! |      8 |    2 | `version`      | [`VERSION`] (1)                                |
//! |     10 |    2 | `header_size`  | [`HEADER_SIZE`] (32)                           |
//! |     12 |    4 | reserved       | 0                                              |
//! |     16 |    8 | `decoded_size` | bytes the stream expands to                    |
//! |     24 |    8 | `stream_size`  | bytes of the stream after the header; at most what follows it |
//!
//! A sequence is some bytes to copy from the stream (literals), then a copy of
//! earlier output (a match):
//!
//! ```text
//! token        one byte: literal count in the high 4 bits, match length - 4 in the low 4
//! [count]      if the high bits are 15: a varint added to 15
//! literals     that many bytes
//! offset       a varint: how far back the match starts; 0 repeats the last offset
//! [length]     if the low bits are 15: a varint added to 15 + 4
//! ```
//!
//! Varints are LEB128: seven bits a byte, low bits first, the top bit set on
//! every byte but the last. The stream ends when the output reaches
//! `decoded_size` right after a sequence's literals; that last sequence has no
//! offset and the low bits of its token are 0. A match may overlap the bytes
//! it produces (offset 1 repeats one byte), as in every LZ77.
//!
//! The decoder checks every rule and returns a [`DecodeError`]: a count or
//! length past the end of the output or the stream, an offset before the
//! start of the output, a repeat with no earlier offset, a varint longer than
//! 64 bits, bytes left over. There is no checksum: what the kernel expands is
//! a `bootfs` archive, which checksums its metadata and every file.
//!
//! ## Why it is this way
//!
//! - **LZ77 without entropy coding.** Decoding costs a few instructions a
//!   byte, plus copies, so the kernel spends milliseconds where loading the
//!   saved bytes would have cost tenths of a second. A Huffman or range coder
//!   would save more bytes but cost tens of instructions a byte and a larger
//!   kernel (which is loaded too).
//! - **Offsets reach back to the start of the output.** The archive's
//!   programs share the runtime and `core`, copies of which lie hundreds of
//!   kilobytes apart. A 32 or 64 KiB window (deflate, LZ4) misses them; here
//!   the decoder's window is simply its output buffer.
//! - **Repeat offsets.** Code and tables that differ from an earlier copy in a
//!   few bytes (an address, a length) continue at the same offset after the
//!   difference; offset 0 says so in one byte.
//! - **Varints** keep short offsets and lengths to one byte and let long ones
//!   grow without limits in the format.

// `no_std` everywhere but in this crate's own unit tests, which need `std` for
// the test harness and proptest (as in `bootfs`).
#![cfg_attr(not(test), no_std)]
// A decoder of untrusted bytes is exactly where a memory-safety bug would be
// exploitable; it needs no unsafe.
#![forbid(unsafe_code)]

#[cfg(any(feature = "alloc", test))]
extern crate alloc;

mod decode;
#[cfg(any(feature = "alloc", test))]
mod encode;
mod error;
mod format;
mod varint;

#[cfg(test)]
mod tests;

pub use decode::decode;
#[cfg(any(feature = "alloc", test))]
pub use encode::compress;
pub use error::DecodeError;
pub use format::{HEADER_SIZE, Header, MAGIC, MIN_MATCH, VERSION};
