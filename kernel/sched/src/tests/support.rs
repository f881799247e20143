//! Helpers shared by the tests.

use core::num::NonZeroU32;

use crate::{Scheduler, ThreadId};

/// The thread in slot `index`, generation 0.
pub(crate) fn thread(index: u32) -> ThreadId {
    ThreadId::new(index, 0)
}

/// A scheduler whose turns last `ticks` ticks (nonzero).
pub(crate) fn scheduler(ticks: u32) -> Scheduler {
    Scheduler::new(NonZeroU32::new(ticks).unwrap())
}

/// A scheduler with one-tick turns and `indices` made ready in that order.
pub(crate) fn with_ready(indices: &[u32]) -> Scheduler {
    let mut scheduler = scheduler(1);
    for &index in indices {
        assert_eq!(scheduler.make_ready(thread(index)), None);
    }
    scheduler
}
