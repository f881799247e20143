//! The frame type: one 4 KiB page of physical memory, named by its number.

/// The size of one frame in bytes (4 KiB, the x86_64 base page size).
pub const FRAME_SIZE: u64 = 4096;

/// How far a frame number is shifted to get its start address.
const FRAME_SHIFT: u32 = FRAME_SIZE.trailing_zeros();

/// The largest frame number whose start address fits in a `u64`.
pub const MAX_FRAME_NUMBER: u64 = u64::MAX >> FRAME_SHIFT;

/// One 4 KiB frame of physical memory, named by its frame number
/// (its start address divided by [`FRAME_SIZE`]).
///
/// A `Frame` is only a name: holding one grants nothing. The number is at most
/// [`MAX_FRAME_NUMBER`], so [`Frame::start_address`] cannot overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Frame(u64);

impl Frame {
    /// The frame with this number, or `None` if its start address would not fit
    /// in a `u64` (the number is above [`MAX_FRAME_NUMBER`]).
    #[must_use]
    pub const fn new(number: u64) -> Option<Self> {
        if number > MAX_FRAME_NUMBER {
            None
        } else {
            Some(Self(number))
        }
    }

    /// The frame that contains the physical address `address`.
    #[must_use]
    pub const fn containing_address(address: u64) -> Self {
        Self(address >> FRAME_SHIFT)
    }

    /// The frame that starts at `address`, or `None` if `address` is not a
    /// multiple of [`FRAME_SIZE`].
    #[must_use]
    pub const fn from_start_address(address: u64) -> Option<Self> {
        if address.is_multiple_of(FRAME_SIZE) {
            Some(Self::containing_address(address))
        } else {
            None
        }
    }

    /// A frame whose number the caller knows is in range, such as an index
    /// into the allocator's bitmap, which stays below
    /// [`MAX_FRAMES`](crate::MAX_FRAMES).
    pub(crate) const fn from_index(index: usize) -> Self {
        // Lossless: `usize` is at most 64 bits (asserted in `layout`), and the
        // index is below `MAX_FRAMES`, far below `MAX_FRAME_NUMBER`.
        Self(index as u64)
    }

    /// The frame number: the start address divided by [`FRAME_SIZE`].
    #[must_use]
    pub const fn number(self) -> u64 {
        self.0
    }

    /// The physical address of the frame's first byte.
    #[must_use]
    pub const fn start_address(self) -> u64 {
        // Cannot overflow: `new` and `containing_address` keep the number at
        // most `MAX_FRAME_NUMBER`.
        self.0 << FRAME_SHIFT
    }
}
