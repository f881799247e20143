//! The allocator's error types: one small closed enum per operation family.

use core::fmt;

/// Why [`FrameAllocator::new`](crate::FrameAllocator::new) refused its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitError {
    /// The frame count is above [`MAX_FRAMES`](crate::MAX_FRAMES), or does not
    /// fit in a `usize` on this machine.
    TooManyFrames,
    /// The storage slice is shorter than [`storage_words`](crate::storage_words)
    /// says the frame count needs.
    StorageTooSmall {
        /// The number of `u64` words needed.
        needed: usize,
        /// The number of `u64` words given.
        given: usize,
    },
}

/// Why [`FrameAllocator::add_free_range`](crate::FrameAllocator::add_free_range)
/// rejected a range. A rejected range changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddRangeError {
    /// The range's start lies after its end.
    Reversed,
    /// The range reaches past the last frame the allocator was sized for.
    BeyondCapacity,
    /// Some frame in the range is already free: the memory map has overlapping
    /// regions, or the same region was added twice.
    AlreadyFree,
}

/// Why an allocation failed. A failed allocation changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// No free frame, or no free run of frames of the requested size and
    /// alignment, exists.
    OutOfFrames,
    /// A contiguous allocation asked for zero frames.
    ZeroCount,
    /// A contiguous allocation's alignment is not a power of two.
    BadAlignment,
}

/// Why a free failed. A failed free changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeError {
    /// The frame, or some frame of the run, lies past the last frame the
    /// allocator was sized for.
    OutOfRange,
    /// The frame, or some frame of the run, is already free: a double free.
    AlreadyFree,
}

impl fmt::Display for InitError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyFrames => formatter.write_str("too many frames for one allocator"),
            Self::StorageTooSmall { needed, given } => write!(
                formatter,
                "bitmap storage too small: {needed} words needed, {given} given"
            ),
        }
    }
}

impl fmt::Display for AddRangeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Self::Reversed => "range start lies after its end",
            Self::BeyondCapacity => "range reaches past the allocator's capacity",
            Self::AlreadyFree => "range overlaps frames that are already free",
        })
    }
}

impl fmt::Display for AllocError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Self::OutOfFrames => "out of physical frames",
            Self::ZeroCount => "zero frames requested",
            Self::BadAlignment => "alignment is not a power of two",
        })
    }
}

impl fmt::Display for FreeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Self::OutOfRange => "frame lies past the allocator's capacity",
            Self::AlreadyFree => "frame is already free",
        })
    }
}

impl core::error::Error for InitError {}
impl core::error::Error for AddRangeError {}
impl core::error::Error for AllocError {}
impl core::error::Error for FreeError {}
