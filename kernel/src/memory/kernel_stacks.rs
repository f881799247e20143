//! Kernel stacks: one per thread, each with an unmapped guard page below it.
//!
//! A kernel stack overflow hits the guard page and becomes a double fault on
//! its own IST stack (see `arch::gdt`), which reports it, instead of silently
//! overwriting the next stack.

use alloc::vec::Vec;

use spin::Mutex;
use x86_64::VirtAddr;
use x86_64::structures::paging::{Page, PageTableFlags};

use super::frames::{self, OutOfFrames};
use super::layout::{KERNEL_STACKS_START, KERNEL_STACK_PAGES, KERNEL_STACK_SLOT, MAX_KERNEL_STACKS, PAGE_SIZE};
use super::paging;

/// Slots handed out so far and slots returned for reuse.
struct Slots {
    next_unused: u64,
    free: Vec<u64>,
}

static SLOTS: Mutex<Slots> = Mutex::new(Slots { next_unused: 0, free: Vec::new() });

/// A mapped kernel stack; unmapped and its frames freed on drop.
#[derive(Debug)]
pub struct KernelStack {
    slot: u64,
}

impl KernelStack {
    /// Maps a new stack, or fails if frames or slots have run out.
    pub fn allocate() -> Result<KernelStack, OutOfFrames> {
        let slot = {
            let mut slots = SLOTS.lock();
            match slots.free.pop() {
                Some(slot) => slot,
                None if slots.next_unused < MAX_KERNEL_STACKS => {
                    slots.next_unused += 1;
                    slots.next_unused - 1
                }
                None => return Err(OutOfFrames),
            }
        };
        let stack = KernelStack { slot };
        let flags = PageTableFlags::PRESENT | PageTableFlags::WRITABLE | PageTableFlags::NO_EXECUTE;
        for index in 0..KERNEL_STACK_PAGES {
            let page = Page::containing_address(VirtAddr::new(stack.bottom() + index * PAGE_SIZE));
            let frame = frames::allocate_for_kernel()?;
            if paging::map(paging::kernel_level_4(), page, frame, flags).is_err() {
                frames::free(frame);
                return Err(OutOfFrames); // `stack` drops and unmaps what was mapped
            }
        }
        Ok(stack)
    }

    /// Lowest address of the stack (just above the guard page).
    pub fn bottom(&self) -> u64 {
        KERNEL_STACKS_START + self.slot * KERNEL_STACK_SLOT + PAGE_SIZE
    }

    /// One past the highest address: the initial stack pointer.
    pub fn top(&self) -> VirtAddr {
        VirtAddr::new(self.bottom() + KERNEL_STACK_PAGES * PAGE_SIZE)
    }

    /// The stack as words, for preparing a new thread's first switch.
    pub fn as_words_mut(&mut self) -> &mut [u64] {
        let words = (KERNEL_STACK_PAGES * PAGE_SIZE / 8) as usize;
        // SAFETY: the stack is mapped writable for as long as `self` lives,
        // and only used through `self` until its thread first runs.
        unsafe { core::slice::from_raw_parts_mut(self.bottom() as *mut u64, words) }
    }
}

impl Drop for KernelStack {
    fn drop(&mut self) {
        for index in 0..KERNEL_STACK_PAGES {
            let page = Page::containing_address(VirtAddr::new(self.bottom() + index * PAGE_SIZE));
            if let Some((frame, _)) = paging::unmap(paging::kernel_level_4(), page) {
                frames::free(frame);
            }
        }
        SLOTS.lock().free.push(self.slot);
    }
}
