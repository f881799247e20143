//! Where the kernel puts things in the upper half of every address space.
//!
//! The bootloader's mappings (all physical memory, boot info, ramdisk) start
//! at the beginning of the upper half and the kernel image sits in its last
//! 2 GiB. The regions below are the kernel's own, each in its own level-4
//! slot, created at boot so that every process's page table, which copies the
//! kernel's level-4 entries when it is made, sees later changes inside them.

/// Start of the kernel heap's virtual range; it grows upward from here.
pub const KERNEL_HEAP_START: u64 = 0xFFFF_E000_0000_0000;
/// Largest the kernel heap may grow.
pub const KERNEL_HEAP_MAX: u64 = 1 << 30;

/// Start of the kernel-stack area: one slot per thread, each a guard page
/// followed by the stack.
pub const KERNEL_STACKS_START: u64 = 0xFFFF_E800_0000_0000;
/// Pages of one kernel stack (without its guard page).
pub const KERNEL_STACK_PAGES: u64 = 8;
/// Bytes between the starts of two stack slots (guard page included).
pub const KERNEL_STACK_SLOT: u64 = (KERNEL_STACK_PAGES + 1) * PAGE_SIZE;
/// Most kernel stacks (and so threads) the system can have at once.
pub const MAX_KERNEL_STACKS: u64 = 16 * 1024;

/// Size of a page and of a frame.
pub const PAGE_SIZE: u64 = 4096;

/// Level-4 slot of an upper-half address.
pub const fn level_4_index(address: u64) -> usize {
    ((address >> 39) & 0x1FF) as usize
}

const _: () = assert!(level_4_index(KERNEL_HEAP_START) != level_4_index(KERNEL_STACKS_START));
const _: () = assert!(KERNEL_HEAP_START + KERNEL_HEAP_MAX <= KERNEL_STACKS_START);
