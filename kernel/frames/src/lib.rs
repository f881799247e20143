//! Frame-alloc: Barodia's physical frame allocator, a bitmap tree of 4 KiB frames.
//!
//! The kernel uses it for every page of physical memory it hands out: page
//! tables, kernel heap growth, user pages, kernel stacks, DMA buffers. It is
//! pure bookkeeping over frame numbers: no hardware access, no `unsafe`, no
//! heap (it runs before the kernel has one), and it is tested on the host.
//!
//! # Use
//!
//! At boot the kernel sizes the allocator from the highest usable frame,
//! carves [`storage_words`] `u64`s out of usable RAM for the bitmap, and hands
//! them in as a `&'static mut [u64]`. Every frame starts out used; the kernel
//! then calls [`FrameAllocator::add_free_range`] (or
//! [`add_free_address_range`](FrameAllocator::add_free_address_range)) for each
//! usable memory-map region, minus the frames it took for the bitmap itself.
//!
//! ```
//! use frame_alloc::{FrameAllocator, storage_words};
//!
//! let frame_count = 1024; // 4 MiB
//! let mut storage = vec![0; storage_words(frame_count).ok_or("too much RAM")?];
//! let mut frames = FrameAllocator::new(&mut storage, frame_count)?;
//! // The memory map says 1 MiB..4 MiB is usable RAM.
//! frames.add_free_address_range(0x10_0000, 0x40_0000)?;
//!
//! let page_table = frames.allocate()?;
//! assert_eq!(page_table.start_address(), 0x10_0000);
//! let dma = frames.allocate_contiguous(16, 16)?; // 64 KiB, 64 KiB-aligned
//! assert_eq!(dma.number() % 16, 0);
//! frames.free(page_table)?;
//! frames.free_contiguous(dma, 16)?;
//! assert_eq!(frames.free_count(), 768);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Failures are values, never panics: exhaustion is [`AllocError::OutOfFrames`],
//! a double free is [`FreeError::AlreadyFree`], a frame past the end is
//! [`FreeError::OutOfRange`]. A failed call changes nothing.
//!
//! **Frames are handed out with whatever their last user left in them.** Only
//! the kernel can zero them (it has the physical-memory mapping), and it must
//! do so before a frame reaches another process or becomes a page table.
//!
//! # Design
//!
//! A plain bitmap (one bit per frame) is compact, 32 KiB per GiB, but finding
//! a free frame scans it linearly: up to 256 Ki words for 64 GiB when memory is
//! nearly full, which is exactly when allocation matters. A free list is O(1)
//! but must live inside the free frames, so the allocator would need them
//! mapped, and it cannot detect a double free or find contiguous runs. So we
//! keep the bitmap and add summaries over it:
//!
//! - **Leaves**: one bit per frame, 1 = free.
//! - **Summary levels**: bit `i` of level `l + 1` is 1 when word `i` of level
//!   `l` has any bit set, i.e. that group of 64 has a free frame. Each level
//!   is 64 times smaller than the one below; the top is a single word. 64 GiB
//!   (2^24 frames) takes 4 levels, 2^18 + 2^12 + 64 + 1 words (about 2 MiB,
//!   0.003% of the RAM it describes); [`MAX_LEVELS`] levels cover
//!   [`MAX_FRAMES`] = 2^36 frames (256 TiB).
//!
//! Costs, with `L` levels (at most 6):
//!
//! | operation | cost |
//! | --- | --- |
//! | [`allocate`](FrameAllocator::allocate) | O(L): climb from frame 0's word to the first summary with a free frame under it, then one `trailing_zeros` per level back down |
//! | [`free`](FrameAllocator::free), [`is_free`](FrameAllocator::is_free) | O(1) to test; a free sets summary bits upward only while a word goes from empty to non-empty, O(L) at worst |
//! | [`add_free_range`](FrameAllocator::add_free_range), [`free_contiguous`](FrameAllocator::free_contiguous) | O(L) overlap check, then O(n / 64) words written |
//! | [`allocate_contiguous`](FrameAllocator::allocate_contiguous) | first fit; the summaries skip used stretches, and leaf words check candidates 64 frames at a time |
//! | [`free_count`](FrameAllocator::free_count) | O(1): a counter |
//!
//! Allocation is lowest-frame-first. That makes behaviour deterministic (tests
//! and boot logs repeat), and keeps high memory in long free runs for
//! contiguous DMA buffers.
//!
//! The allocator cannot tell a frame it handed out from one that was never
//! free (the kernel image, firmware tables): both are "used". Freeing a frame
//! that did not come from it is a kernel bug this crate cannot catch.
//!
//! The allocator is not synchronised; the kernel wraps it in its own lock.

// `no_std` everywhere but in this crate's own unit tests, which need `std` for
// the test harness and proptest. NOTE: this means an accidental use of `std` in
// library code compiles under `cargo test`; `cargo build --target
// x86_64-unknown-none` is the check that catches it.
#![cfg_attr(not(test), no_std)]
// Bit bookkeeping needs no unsafe, and a bug in the allocator that hands one
// frame out twice is a memory-safety bug for the whole system: keep the
// compiler's guarantees here.
#![forbid(unsafe_code)]

mod allocator;
mod contiguous;
mod error;
mod frame;
mod layout;
mod tree;

#[cfg(test)]
mod tests;

pub use allocator::FrameAllocator;
pub use error::{AddRangeError, AllocError, FreeError, InitError};
pub use frame::{FRAME_SIZE, Frame, MAX_FRAME_NUMBER};
pub use layout::{MAX_FRAMES, MAX_LEVELS, storage_words};
