//! Scheduler: Barodia's ready queue, sleep queue and round-robin policy.
//!
//! The kernel keeps its threads in its own table and names them by
//! [`ThreadId`]; this crate holds only the scheduling data structures over
//! those ids. It touches no hardware, has no `unsafe`, does not switch
//! contexts or program timers, and is tested on the host. It needs a heap
//! (`alloc`): queue memory grows with the number of queued threads.
//!
//! # Use
//!
//! The kernel is single-CPU and does not pre-empt itself (interrupts are off
//! in kernel mode), so it owns one [`Scheduler`] with no lock. User threads
//! are pre-empted by the timer:
//!
//! ```
//! use core::num::NonZeroU32;
//! use scheduler::{Queued, Scheduler, ThreadId};
//!
//! let (a, b, c) = (ThreadId::new(1, 0), ThreadId::new(2, 0), ThreadId::new(3, 0));
//! let mut scheduler = Scheduler::new(NonZeroU32::new(2).ok_or("zero slice")?);
//! scheduler.make_ready(a);
//! scheduler.make_ready(b);
//! let mut running = scheduler.pick_next(None, false);
//! assert_eq!(running, Some(a));
//!
//! // `a` sleeps until t = 50 (a sleep syscall): it gives up the CPU.
//! scheduler.sleep_until(a, 50);
//! running = scheduler.pick_next(running, false);
//! assert_eq!(running, Some(b));
//!
//! // Timer interrupts: wake expired sleepers, then count the tick.
//! for now in [10, 20] {
//!     assert_eq!(scheduler.wake_expired(now).count(), 0);
//!     if scheduler.tick() {
//!         running = scheduler.pick_next(running, true);
//!     }
//! }
//! assert_eq!(running, Some(b)); // Nobody else was ready: `b` runs on.
//!
//! // `b` calls `c`, which was blocked in receive: hand the CPU straight over.
//! assert_eq!(scheduler.switch_to(c), None);
//! running = Some(c);
//! assert_eq!(scheduler.next_deadline(), Some(50));
//! let woken: Vec<_> = scheduler.wake_expired(50).collect();
//! assert_eq!(woken, [a]);
//! assert_eq!(scheduler.queued(a), Some(Queued::Ready));
//! # Ok::<(), &str>(())
//! ```
//!
//! The parts are public too: [`RunQueue`] and [`SleepQueue`] are strict (a
//! second insertion of a thread is [`QueueError::AlreadyQueued`]); the
//! [`Scheduler`] never fails and documents what each call does to a thread
//! wherever it is.
//!
//! # Design
//!
//! - **Round robin, one priority.** A turn is a fixed number of timer ticks
//!   ([`Scheduler::tick`]); a thread whose turn ends, or that yields, goes to
//!   the back. With `K` threads ready, each runs within `K` turns, so a thread
//!   that spins forever cannot starve the rest. Priorities can come later as
//!   one [`RunQueue`] per level.
//! - **IPC hand-off keeps the turn.** [`Scheduler::switch_to`] runs an IPC
//!   receiver at once but on the remainder of the caller's turn, so client
//!   and server ping-pong cannot hold the CPU past one slice.
//! - **O(1) ready queue, no scans.** The ready queue is on every switch (IPC,
//!   yield, pre-emption), so it is an intrusive doubly linked list in a slab,
//!   found through a table indexed by the thread's slot
//!   ([`ThreadId::index`]): push, pop, removal from the middle (a thread
//!   killed while ready) and membership are O(1) for any number of threads.
//! - **O(log n) sleep queue.** Sleepers are ordered by deadline in a pair of
//!   `BTreeMap`s (order, and membership by thread). Insertion tickets make
//!   equal deadlines wake in insertion order; when the 64-bit ticket counter
//!   runs out (after 2^64 insertions) the queue renumbers itself rather than
//!   overflow. The hot paths only ask it about threads that are not asleep,
//!   which an empty sleep queue answers without a search.
//! - **Allocation.** The ready queue's memory grows to the highest slot index
//!   and the most threads ready at once, and is then reused: after
//!   [`Scheduler::reserve`] for each thread (the kernel calls it at thread
//!   creation, where failure is an error it can return), readying threads
//!   never allocates. Sleeping allocates B-tree nodes from the kernel heap,
//!   at most O(sleeping threads) in total.
//! - **Time has no unit here.** Deadlines and `now` are `u64` points on the
//!   kernel's monotonic clock (nanoseconds or ticks); the crate only compares
//!   them. A deadline `d` has expired at `now` when `d <= now`.

// `no_std` everywhere but in this crate's own unit tests, which need `std` for
// the test harness and proptest. NOTE: this means an accidental use of `std` in
// library code compiles under `cargo test`; `cargo build --target
// x86_64-unknown-none` is the check that catches it.
#![cfg_attr(not(test), no_std)]
// Queue bookkeeping needs no unsafe, and a thread lost from (or run twice out
// of) the queues is a kernel bug: keep the compiler's guarantees here.
#![forbid(unsafe_code)]

extern crate alloc;

mod error;
mod keyed;
mod queued;
mod run_queue;
mod scheduler;
mod sleep_queue;
mod thread_id;
mod ticket;
mod time_slice;

#[cfg(test)]
mod tests;

pub use error::QueueError;
pub use queued::Queued;
pub use run_queue::RunQueue;
pub use scheduler::{Scheduler, WakeExpired};
pub use sleep_queue::SleepQueue;
pub use thread_id::ThreadId;
