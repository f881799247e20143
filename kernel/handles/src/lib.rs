//! Handle-table: Barodia's per-process tables of capability handles.
//!
//! Each process has one [`HandleTable`]. A [`Handle`] is the number the
//! process holds; the table maps it to a kernel object and the [`Rights`] the
//! process has over it. The kernel resolves every handle a syscall names
//! here, and moves handles between tables when a message carries them. The
//! crate is pure bookkeeping, generic over the object type `T` (the kernel
//! stores `Arc<KernelObject>`; tests store plain values): no kernel
//! dependencies, no hardware access, no `unsafe`, tested on the host. It
//! needs `alloc`, as the kernel has a heap by the time processes exist.
//!
//! # Use
//!
//! ```
//! use handle_table::{DuplicateError, HandleError, HandleTable, Rights};
//!
//! let mut table = HandleTable::new(64)?;
//! let send_duplicate = Rights::from_constants(&[Rights::SEND, Rights::DUPLICATE]);
//! let endpoint = table.insert("endpoint", send_duplicate)?;
//!
//! // A syscall checks the rights it needs as it resolves the handle.
//! assert_eq!(table.get_with(endpoint, Rights::SEND), Ok(&"endpoint"));
//! assert_eq!(
//!     table.get_with(endpoint, Rights::RECEIVE),
//!     Err(HandleError::MissingRights { required: Rights::RECEIVE, held: send_duplicate }),
//! );
//!
//! // Duplicates may drop rights, never add them.
//! let send_only = table.duplicate(endpoint, Rights::SEND)?;
//! assert_eq!(table.get(send_only), Ok((&"endpoint", Rights::SEND)));
//! assert!(matches!(
//!     table.duplicate(send_only, Rights::SEND),
//!     Err(DuplicateError::Handle(HandleError::MissingRights { .. })),
//! ));
//!
//! // Closing hands the object back; the handle is stale from then on, even
//! // once its slot holds another object.
//! assert_eq!(table.close(send_only), Ok("endpoint"));
//! let _reply = table.insert("reply", Rights::SEND)?;
//! assert_eq!(table.get(send_only), Err(HandleError::Stale));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Design
//!
//! - **Slots and generations.** A handle encodes a slot index and the slot's
//!   generation (see [`Handle`] for the bit layout). Closing a handle bumps
//!   its slot's generation, so the old number is reported
//!   [`Stale`](HandleError::Stale) and never reaches the slot's next object.
//!   A slot whose generation would wrap is retired for good rather than
//!   reused: with 43 generation bits that takes about 10 days of closing the
//!   same slot ten million times a second, and the 2^20-entry index space
//!   supplies fresh slots to replace retired ones.
//! - **Free list.** Free slots form a stack linked through the slots
//!   themselves: insert and close are O(1) and need no memory besides the
//!   slot vector, which grows on demand (with `try_reserve`, so a full heap
//!   is [`TableError::OutOfMemory`], not an abort) and never shrinks.
//! - **Limit.** `limit` caps live handles plus handles in transit; at the
//!   limit, inserting fails with [`TableError::Full`].
//! - **Rights only narrow.** [`Rights`] has no union; a duplicate asks for
//!   an equal or narrower set and asking for more is an error
//!   ([`DuplicateError::Widening`]) rather than silently masked, so a program
//!   that expected a right it does not have finds out at once.
//! - **Objects come back.** Closing, draining, and refused inserts hand the
//!   object back to the caller instead of dropping it: dropping a kernel
//!   object may notify other processes, which the kernel wants to do outside
//!   the table's lock.
//! - **Transfers are all or none** (module [`transfer`]): the sender's
//!   handles are validated, then taken out but kept reserved, so a failed
//!   send [`restore`](HandleTable::restore)s them under the same numbers.
//! - **Client handles are counted per badge** (module [`clients`]) for each
//!   endpoint, so its server can learn when the last one of a badge is gone.
//!
//! Failures are values, never panics, and a failed call changes nothing.
//! The table is not synchronised; the kernel wraps each one in its own lock.

// `no_std` everywhere but in this crate's own unit tests, which need `std` for
// the test harness and proptest. NOTE: this means an accidental use of `std` in
// library code compiles under `cargo test`; `cargo build --target
// x86_64-unknown-none` is the check that catches it.
#![cfg_attr(not(test), no_std)]
// Slot bookkeeping needs no unsafe, and a table bug that lets one handle
// reach another's object is a capability leak: keep the compiler's guarantees.
#![forbid(unsafe_code)]

extern crate alloc;

pub mod clients;
mod error;
mod handle;
mod iterate;
mod slot;
mod table;
pub mod transfer;
mod transit;

#[cfg(test)]
mod tests;

pub use error::{
    DuplicateError, HandleError, LimitTooLarge, NotInTransit, Rejected, TableError, TransferError,
};
pub use handle::{GENERATION_BITS, Handle, INDEX_BITS, MAX_SLOTS};
pub use iterate::{Drain, Iter};
// Rights are part of the user-visible ABI, so they live in the ABI crate.
pub use barodia_abi::{Rights, UnknownRights};
pub use table::HandleTable;
pub use transit::{Accepted, Carried, HandleList, Outgoing};
