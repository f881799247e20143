//! The kernel heap: `talc` over a virtual range that grows on demand.
//!
//! The heap starts empty at [`KERNEL_HEAP_START`]. When `talc` runs out, its
//! [`Source`] maps more zeroed frames at the end of the range (at least
//! [`GROWTH_STEP`] at a time) and extends the heap, up to [`KERNEL_HEAP_MAX`].
//! So there is no fixed heap size to exhaust (EuraliOS stops at 4 MiB); the
//! limit is physical memory. A failed growth makes the allocation fail, and
//! kernel code that allocates on behalf of a user (process tables, queues)
//! uses fallible allocation, so that failure becomes an error for the caller.

use core::alloc::Layout;
use core::ptr::NonNull;

use talc::base::Talc;
use talc::base::binning::Binning;
use talc::source::Source;
use talc::TalcLock;
use x86_64::VirtAddr;
use x86_64::structures::paging::{Page, PageTableFlags};

use super::frames;
use super::layout::{KERNEL_HEAP_MAX, KERNEL_HEAP_START, PAGE_SIZE};
use super::paging;

/// The least the heap grows by, so small allocations do not map page by page.
const GROWTH_STEP: u64 = 64 * 1024;

/// Maps frames at the end of the heap range when `talc` asks for memory.
#[derive(Debug)]
pub struct GrowingHeap {
    /// End of the mapped part of the range.
    mapped_end: u64,
    /// End of the heap as `talc` knows it, once claimed.
    heap_end: Option<NonNull<u8>>,
}

// SAFETY: the pointer is only an address inside the kernel heap range, used
// under talc's lock; the kernel is single-CPU.
unsafe impl Send for GrowingHeap {}

// SAFETY: the source never touches the allocator except through the `talc`
// reference it is given, and maps memory without allocating from the heap.
unsafe impl Source for GrowingHeap {
    fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
        // Room for the request, its alignment, and talc's own metadata.
        let wanted = (layout.size() as u64).checked_add(layout.align() as u64 + PAGE_SIZE).ok_or(())?;
        let grow = wanted.max(GROWTH_STEP).next_multiple_of(PAGE_SIZE);
        let old_end = talc.source.mapped_end;
        let new_end = old_end.checked_add(grow).ok_or(())?;
        if new_end > KERNEL_HEAP_START + KERNEL_HEAP_MAX {
            return Err(());
        }
        let mapped_end = map_range(old_end, new_end);
        if mapped_end == old_end {
            return Err(());
        }
        talc.source.mapped_end = mapped_end;
        MAPPED_BYTES.store(mapped_end - KERNEL_HEAP_START, core::sync::atomic::Ordering::Relaxed);
        let end_pointer = mapped_end as *mut u8;
        let heap_end = match talc.source.heap_end {
            // SAFETY: the whole range from the heap start is mapped, writable
            // kernel memory that nothing else uses.
            None => unsafe { talc.claim(KERNEL_HEAP_START as *mut u8, (mapped_end - KERNEL_HEAP_START) as usize) },
            // SAFETY: `end` is the current heap end returned by talc; the
            // memory up to `mapped_end` was just mapped and is unused.
            Some(end) => Some(unsafe { talc.extend(end, end_pointer) }),
        };
        talc.source.heap_end = heap_end;
        if heap_end.is_some() { Ok(()) } else { Err(()) }
    }
}

/// Maps fresh frames over `start..end`; returns how far it got.
fn map_range(start: u64, end: u64) -> u64 {
    let flags = PageTableFlags::PRESENT | PageTableFlags::WRITABLE | PageTableFlags::NO_EXECUTE;
    let mut address = start;
    while address < end {
        let Ok(frame) = frames::allocate_for_kernel() else { break };
        let page = Page::containing_address(VirtAddr::new(address));
        if paging::map(paging::kernel_level_4(), page, frame, flags).is_err() {
            frames::free(frame);
            break;
        }
        address += PAGE_SIZE;
    }
    address
}

#[global_allocator]
static HEAP: TalcLock<spin::Mutex<()>, GrowingHeap> =
    TalcLock::new(GrowingHeap { mapped_end: KERNEL_HEAP_START, heap_end: None });

/// Bytes mapped for the heap so far (it never shrinks).
static MAPPED_BYTES: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(0);

/// Bytes of the heap's range that are mapped to frames.
pub fn mapped_bytes() -> u64 {
    MAPPED_BYTES.load(core::sync::atomic::Ordering::Relaxed)
}

/// Bytes currently allocated from the kernel heap.
pub fn used_bytes() -> u64 {
    HEAP.lock().counters().allocated_bytes as u64
}
