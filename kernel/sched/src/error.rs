//! The queues' error type.

use core::fmt;

/// Why a queue refused an insertion. A refused insertion changes nothing.
///
/// Only the queues report errors: they are strict so that a kernel bug (a
/// thread queued twice) shows up at the call that made it. The [`Scheduler`]
/// above them never fails; it states what each call does to a thread wherever
/// it is.
///
/// [`Scheduler`]: crate::Scheduler
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueError {
    /// The thread is already in this queue. It keeps its old place (and, in
    /// the sleep queue, its old deadline).
    AlreadyQueued,
}

impl fmt::Display for QueueError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Self::AlreadyQueued => "thread is already in this queue",
        })
    }
}

impl core::error::Error for QueueError {}
