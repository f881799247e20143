//! Handles: the numbers user space holds, encoding a slot and a generation.
//!
//! # Encoding
//!
//! A handle is a `u64`:
//!
//! | bits | field |
//! | --- | --- |
//! | 0..20 | slot index ([`INDEX_BITS`]: up to [`MAX_SLOTS`] = 2^20 slots) |
//! | 20..63 | generation ([`GENERATION_BITS`]), never 0 |
//! | 63 | always 0 |
//!
//! Generations start at 1, so no handle is 0 and 0 can mean "no handle" in
//! the ABI. Bit 63 is reserved: always 0 in an issued handle, and a value
//! with it set is [`HandleError::Invalid`](crate::HandleError::Invalid), so
//! the ABI keeps one bit free for a later flag.
//!
//! # Why 64 bits
//!
//! A slot's generation goes up each time its handle is closed; a handle whose
//! generation is not the slot's current one is stale. When a slot's
//! generation would wrap, the slot is retired for good (see
//! [`HandleTable`](crate::HandleTable)), so a stale handle can never name a
//! later object. With 32-bit handles the index and generation share 32 bits,
//! so a table could hand out about 2^32 handles in its life before every slot
//! were retired: a server churning a million reply handles a second would run
//! out in about an hour. Letting generations wrap instead would let a stale
//! handle name a later object. With 43 generation bits, one slot reused ten
//! million times a second retires after about 10 days, and the 2^20 indices
//! (far above any per-process limit) take tens of thousands of years to use
//! up. A handle still fits one register, and a message's few handles cost a
//! few extra bytes.
//!
//! The index takes 20 bits because per-process limits stay far below 2^20;
//! the spare indices replace retired slots.

use core::fmt;

/// How many low bits of a handle hold the slot index.
pub const INDEX_BITS: u32 = 20;
/// How many bits above the index hold the generation.
pub const GENERATION_BITS: u32 = 43;
/// The most slots a table can have: the size of the index space, and the
/// largest limit a table accepts.
pub const MAX_SLOTS: usize = 1 << INDEX_BITS;

/// The first generation a slot hands out.
pub(crate) const FIRST_GENERATION: u64 = 1;
/// The last generation a slot hands out before it retires.
pub(crate) const MAX_GENERATION: u64 = (1 << GENERATION_BITS) - 1;

const INDEX_MASK: u64 = (1 << INDEX_BITS) - 1;

/// A handle: how a process names one of its capabilities.
///
/// It is only a number, valid in the table that issued it; the table checks
/// it on every use. See the module docs for the encoding.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Handle(u64);

impl Handle {
    /// The handle a process passed in, unchecked: any value is accepted
    /// here, and the table reports a malformed one as
    /// [`HandleError::Invalid`](crate::HandleError::Invalid).
    #[inline]
    pub const fn from_raw(raw: u64) -> Handle {
        Handle(raw)
    }

    /// The number user space sees; never 0 for a handle a table issued.
    #[inline]
    pub const fn to_raw(self) -> u64 {
        self.0
    }

    /// The handle for `index` at `generation`; callers keep both in range.
    #[inline]
    pub(crate) const fn new(index: usize, generation: u64) -> Handle {
        Handle((generation << INDEX_BITS) | (index as u64 & INDEX_MASK))
    }

    /// The slot index, whether or not the handle is well formed.
    #[inline]
    pub(crate) fn index(self) -> usize {
        // `INDEX_BITS` < 32, so the index fits any `usize` we build for.
        (self.0 & INDEX_MASK) as usize
    }

    /// The slot index and generation, or `None` if the value is no handle a
    /// table could have issued (generation 0, or bit 63 set).
    #[inline]
    pub(crate) fn decode(self) -> Option<(usize, u64)> {
        let generation = self.0 >> INDEX_BITS;
        if !(FIRST_GENERATION..=MAX_GENERATION).contains(&generation) {
            return None;
        }
        Some((self.index(), generation))
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decode() {
            Some((index, generation)) => write!(formatter, "Handle({index}@{generation})"),
            None => write!(formatter, "Handle(malformed {:#x})", self.0),
        }
    }
}

// Index, generation and the clear top bit fill the 64 bits exactly.
const _: () = assert!(INDEX_BITS + GENERATION_BITS + 1 == u64::BITS);
// `MAX_SLOTS` indices fit the `u32` free-list links.
const _: () = assert!(INDEX_BITS < u32::BITS);
// A handle crosses the syscall boundary as a bare `u64`.
const _: () = assert!(core::mem::size_of::<Handle>() == 8);
