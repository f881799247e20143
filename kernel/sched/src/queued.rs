//! Where the scheduler holds a thread.

/// Which of the scheduler's queues holds a thread.
///
/// A thread is in at most one of them. A thread in neither is running,
/// blocked, or unknown to the scheduler: the kernel's thread table tells those
/// apart, the scheduler does not need to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queued {
    /// In the ready queue, waiting for the CPU.
    Ready,
    /// In the sleep queue.
    Sleeping {
        /// When it is due to wake.
        deadline: u64,
    },
}
