//! The name the scheduler knows a thread by.

use core::fmt;

/// A thread, as the kernel's thread table names it: a slot index plus the
/// generation of that slot.
///
/// The kernel bumps a slot's generation each time it reuses the slot, so an id
/// kept past its thread's exit never matches the slot's next thread. The
/// scheduler treats two ids with the same index but different generations as
/// different threads; it never looks inside an id beyond comparing it.
///
/// The ordering (index, then generation) exists only so ids can key ordered
/// maps; it means nothing for scheduling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ThreadId {
    /// The slot in the kernel's thread table.
    index: u32,
    /// How many times that slot had been reused when this thread got it.
    generation: u32,
}

impl ThreadId {
    /// The thread in slot `index` at generation `generation`.
    #[must_use]
    pub const fn new(index: u32, generation: u32) -> Self {
        Self { index, generation }
    }

    /// The slot in the kernel's thread table.
    #[must_use]
    pub const fn index(self) -> u32 {
        self.index
    }

    /// The generation of the slot this id names.
    #[must_use]
    pub const fn generation(self) -> u32 {
        self.generation
    }
}

impl fmt::Display for ThreadId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "thread {}.{}", self.index, self.generation)
    }
}
