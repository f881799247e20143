//! How many levels the bitmap tree has, and how many words each level takes.
//!
//! Level 0 holds one bit per frame; each level above holds one bit per word
//! of the level below; the top level is a single word. The storage slice holds
//! the levels back to back, leaves first.

/// Bits in one bitmap word.
pub(crate) const WORD_BITS: usize = u64::BITS as usize;

/// The most levels a tree can have. Six levels of 64-way fan-out cover
/// 64^6 = 2^36 frames (256 TiB), more than any machine Barodia targets, and
/// cost nothing when unused: smaller trees simply have fewer levels.
pub const MAX_LEVELS: usize = 6;

/// The most frames one allocator can manage: 64^[`MAX_LEVELS`] = 2^36
/// (256 TiB of 4 KiB frames).
pub const MAX_FRAMES: u64 = 1 << (6 * MAX_LEVELS);

// Frame indices are `usize` inside the crate and `u64` outside; converting an
// index to `u64` must never lose bits.
const _: () = assert!(usize::BITS <= u64::BITS);
// Every frame an allocator manages must have a start address that fits a `u64`.
const _: () = assert!(MAX_FRAMES - 1 <= crate::MAX_FRAME_NUMBER);

/// The shape of a bitmap tree for a given frame count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    /// How many levels are in use: 1 to [`MAX_LEVELS`].
    pub(crate) level_count: usize,
    /// Words per level, leaves first; entries from `level_count` on are 0.
    pub(crate) level_words: [usize; MAX_LEVELS],
    /// The sum of `level_words`: the storage the tree needs.
    pub(crate) total_words: usize,
}

impl Layout {
    /// The layout for `frame_count` frames, or `None` above [`MAX_FRAMES`].
    ///
    /// Even zero frames get one (empty) leaf word, so every tree has a top word
    /// and the search code needs no special case.
    pub(crate) const fn for_frames(frame_count: u64) -> Option<Self> {
        if frame_count > MAX_FRAMES {
            return None;
        }
        let mut level_words = [0; MAX_LEVELS];
        let mut level_count = 0;
        let mut total_words = 0;
        // The number of bits the current level must hold.
        let mut bits = frame_count;
        loop {
            let words = if bits == 0 {
                1
            } else {
                bits.div_ceil(WORD_BITS as u64)
            };
            if level_count >= MAX_LEVELS {
                // Unreachable given the MAX_FRAMES check, but a const fn cannot
                // index out of bounds safely, so say "unsupported" instead.
                return None;
            }
            // `words` is at most 2^30 here, so it fits any `usize` of 32 bits
            // or more, and the running total stays far below `usize::MAX`.
            level_words[level_count] = words as usize;
            total_words += words as usize;
            level_count += 1;
            if words == 1 {
                break;
            }
            bits = words;
        }
        Some(Self {
            level_count,
            level_words,
            total_words,
        })
    }
}

/// How many `u64` words of storage an allocator for `frame_count` frames
/// needs, or `None` if `frame_count` is above [`MAX_FRAMES`].
///
/// The kernel calls this at boot to know how much usable RAM to carve out for
/// the bitmap before handing it to [`FrameAllocator::new`](crate::FrameAllocator::new).
/// It is about `frame_count / 64` words, plus 1/63 more for the summaries:
/// 64 GiB of RAM (2^24 frames) needs 266,305 words, about 2 MiB.
///
/// ```
/// assert_eq!(frame_alloc::storage_words(64), Some(1));
/// assert_eq!(frame_alloc::storage_words(65), Some(3)); // two leaf words and a summary
/// ```
#[must_use]
pub const fn storage_words(frame_count: u64) -> Option<usize> {
    match Layout::for_frames(frame_count) {
        Some(layout) => Some(layout.total_words),
        None => None,
    }
}
