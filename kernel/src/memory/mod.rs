//! Memory: physical frames, page tables, the kernel heap, and user address
//! spaces with demand paging.
//!
//! The bootloader maps all physical memory at [`physical::physical_memory_offset`], so
//! the kernel reaches any frame through that window; it never dereferences a
//! user virtual address (see [`user_copy`]).

pub mod address_space;
pub mod frames;
pub mod heap;
pub mod kernel_stacks;
pub mod layout;
pub mod paging;
pub mod physical;
pub mod user_copy;
