//! The bitmap tree: set bits mean "free", and summary levels find them fast.
//!
//! This module is the mechanism only; it knows bits, not frames, and trusts its
//! caller (the allocator) to pass bit ranges inside the tree. Even so it never
//! indexes unchecked: a word past the end of a level reads as 0 (nothing free
//! there) and writes to it are dropped, so a caller bug cannot panic the kernel.
//!
//! Invariants, kept by every method that writes:
//! - leaf bits at or past `bit_count` are 0;
//! - bit `i` of level `l + 1` is 1 exactly when word `i` of level `l` is not 0;
//! - bits of a level past the word count of the level below are 0.

use crate::layout::{Layout, MAX_LEVELS, WORD_BITS};

/// A bitmap over `bit_count` bits with summary levels above it.
pub(crate) struct BitTree<'a> {
    /// The levels, leaves first; levels from `level_count` on are empty slices.
    levels: [&'a mut [u64]; MAX_LEVELS],
    /// How many entries of `levels` are in use.
    level_count: usize,
    /// How many leaf bits are meaningful.
    bit_count: usize,
}

impl<'a> BitTree<'a> {
    /// Splits `storage` into the levels `layout` describes and clears every
    /// bit, so all `bit_count` bits start out 0 ("used").
    ///
    /// Returns `None` if `storage` is shorter than `layout.total_words`. Words
    /// past that are left alone.
    pub(crate) fn new(storage: &'a mut [u64], layout: &Layout, bit_count: usize) -> Option<Self> {
        let mut levels: [&'a mut [u64]; MAX_LEVELS] = Default::default();
        let mut rest = storage;
        for (level, &words) in levels.iter_mut().zip(&layout.level_words) {
            let (this, remaining) = rest.split_at_mut_checked(words)?;
            // The storage is carved from RAM that held whatever the firmware
            // left there; a stale 1 bit would hand out a frame in use.
            this.fill(0);
            *level = this;
            rest = remaining;
        }
        Some(Self {
            levels,
            level_count: layout.level_count,
            bit_count,
        })
    }

    /// Whether leaf bit `bit` is set; bits past the end read as clear.
    pub(crate) fn is_set(&self, bit: usize) -> bool {
        self.word(0, bit / WORD_BITS) & (1 << (bit % WORD_BITS)) != 0
    }

    /// Sets (`value == true`) or clears leaf bits `start..end`, and updates
    /// the summaries above. The range must lie within `bit_count`.
    pub(crate) fn write_range(&mut self, start: usize, end: usize, value: bool) {
        let end = end.min(self.bit_count);
        let mut bit = start;
        while bit < end {
            let offset = bit % WORD_BITS;
            let length = (WORD_BITS - offset).min(end - bit);
            self.write_word_bits(0, bit / WORD_BITS, run_mask(offset, length), value);
            bit += length;
        }
    }

    /// The first set leaf bit at or after `from`, found in O(levels) steps.
    pub(crate) fn next_set(&self, from: usize) -> Option<usize> {
        self.next_set_in_level(0, from)
    }

    /// The first clear leaf bit in `start..end`, by scanning the leaf words
    /// (the summaries only track set bits, so they cannot help here).
    pub(crate) fn first_clear_in(&self, start: usize, end: usize) -> Option<usize> {
        let mut bit = start;
        while bit < end {
            let offset = bit % WORD_BITS;
            let length = (WORD_BITS - offset).min(end - bit);
            let clear = !self.word(0, bit / WORD_BITS) & run_mask(offset, length);
            if clear != 0 {
                return Some(bit - offset + clear.trailing_zeros() as usize);
            }
            bit += length;
        }
        None
    }

    /// Word `index` of `level`; words past the end of a level read as 0.
    fn word(&self, level: usize, index: usize) -> u64 {
        self.levels
            .get(level)
            .and_then(|words| words.get(index))
            .copied()
            .unwrap_or(0)
    }

    /// Sets or clears `mask` in word `index` of `level`, then fixes the
    /// summaries above it.
    fn write_word_bits(&mut self, level: usize, index: usize, mask: u64, value: bool) {
        let Some(word) = self
            .levels
            .get_mut(level)
            .and_then(|words| words.get_mut(index))
        else {
            return;
        };
        let old = *word;
        let new = if value { old | mask } else { old & !mask };
        *word = new;
        // A summary bit only says "this word has a set bit", so the level above
        // changes only when the word goes from empty to not, or back. That is
        // what makes a single allocate or free touch O(1) words amortised and
        // O(levels) at worst.
        let parent = level + 1;
        if (old == 0) != (new == 0) && parent < self.level_count {
            self.write_word_bits(
                parent,
                index / WORD_BITS,
                1 << (index % WORD_BITS),
                new != 0,
            );
        }
    }

    /// The first set bit at or after `from` in `level`: look in `from`'s own
    /// word first; if nothing is left there, ask the level above for the next
    /// non-empty word and take its lowest set bit.
    fn next_set_in_level(&self, level: usize, from: usize) -> Option<usize> {
        let words = self.levels.get(level)?;
        let index = from / WORD_BITS;
        let here = words.get(index)? & (u64::MAX << (from % WORD_BITS));
        if here != 0 {
            return Some(index * WORD_BITS + here.trailing_zeros() as usize);
        }
        if level + 1 >= self.level_count {
            return None;
        }
        let next_word = self.next_set_in_level(level + 1, index + 1)?;
        let word = *words.get(next_word)?;
        // By the summary invariant `word` is not 0; if it were, its
        // `trailing_zeros` of 64 would name a bit of the next word.
        (word != 0).then(|| next_word * WORD_BITS + word.trailing_zeros() as usize)
    }

    /// Whether all three invariants in the module docs hold (for tests).
    #[cfg(test)]
    pub(crate) fn invariants_hold(&self) -> bool {
        let leaf_padding_clear =
            (self.bit_count..self.levels[0].len() * WORD_BITS).all(|bit| !self.is_set(bit));
        let summaries_match = (1..self.level_count).all(|level| {
            let below = &self.levels[level - 1];
            (0..self.levels[level].len() * WORD_BITS).all(|index| {
                let summary = self.word(level, index / WORD_BITS) & (1 << (index % WORD_BITS)) != 0;
                summary == below.get(index).is_some_and(|&word| word != 0)
            })
        });
        let top_is_one_word = self.levels[self.level_count - 1].len() == 1;
        leaf_padding_clear && summaries_match && top_is_one_word
    }
}

/// A mask of `length` bits starting at bit `offset`; needs `1 <= length` and
/// `offset + length <= 64`.
fn run_mask(offset: usize, length: usize) -> u64 {
    (u64::MAX >> (WORD_BITS - length)) << offset
}
