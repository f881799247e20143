//! The kernel's physical frame pool: the `frame-alloc` bitmap tree, zeroing,
//! and the commit budget that lets `MemoryMap` fail cleanly.
//!
//! Every frame handed out is zeroed first, so no data leaks between
//! processes. Anonymous user memory is *committed* when it is mapped: the
//! pool promises frames for every page of the region, so a later demand fault
//! inside it cannot fail. Other allocations (page tables, stacks, the kernel
//! heap) come from what is left; user-caused ones must leave [`KERNEL_RESERVE`]
//! frames for the kernel itself.

use bootloader_api::info::{MemoryRegionKind, MemoryRegions};
use frame_alloc::{Frame, FrameAllocator, storage_words};
use spin::Mutex;
use x86_64::PhysAddr;
use x86_64::structures::paging::PhysFrame;

use super::layout::PAGE_SIZE;
use super::physical;

/// Frames user requests can never take: the kernel heap and page tables
/// draw on these when user memory is exhausted (2 MiB).
pub const KERNEL_RESERVE: u64 = 512;

/// No frame is left (for this kind of request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfFrames;

struct Pool {
    allocator: FrameAllocator<'static>,
    /// Frames promised to committed user regions and not yet delivered.
    promised: u64,
}

static POOL: Mutex<Option<Pool>> = Mutex::new(None);

/// One past the highest physical address of usable RAM: everything the
/// allocator may ever hand out lies below it.
static RAM_END: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(u64::MAX);

/// One past the highest usable RAM address (`u64::MAX` before `init`).
pub fn ram_end() -> u64 {
    RAM_END.load(core::sync::atomic::Ordering::Relaxed)
}

/// Builds the pool from the boot memory map. The bitmap's storage is carved
/// from the first usable region large enough to hold it.
pub fn init(regions: &MemoryRegions) {
    let usable = || regions.iter().filter(|region| region.kind == MemoryRegionKind::Usable);
    let highest = usable().map(|region| region.end).max().unwrap_or(0);
    let frame_count = highest / PAGE_SIZE;
    RAM_END.store(highest, core::sync::atomic::Ordering::Relaxed);
    let Some(words) = storage_words(frame_count) else {
        panic!("memory map reaches past what the frame allocator supports");
    };
    let bytes = (words as u64 * 8).next_multiple_of(PAGE_SIZE);
    let Some(storage_region) = usable().find(|region| region.end - region.start.next_multiple_of(PAGE_SIZE) >= bytes)
    else {
        panic!("no usable region can hold the frame bitmap ({bytes} bytes)");
    };
    let storage_start = storage_region.start.next_multiple_of(PAGE_SIZE);
    let storage_end = storage_start + bytes;
    let pointer = physical::to_virtual(PhysAddr::new(storage_start)).as_mut_ptr::<u64>();
    // SAFETY: the range is usable RAM from the boot memory map, mapped at the
    // physical offset, aligned, and excluded from the pool below, so nothing
    // else will ever use it.
    let storage = unsafe { core::slice::from_raw_parts_mut(pointer, words) };
    let Ok(mut allocator) = FrameAllocator::new(storage, frame_count) else {
        panic!("frame bitmap storage was sized for {frame_count} frames and still rejected");
    };
    for region in usable() {
        // Add the region minus the bitmap's own storage.
        let pieces = [(region.start, region.end.min(storage_start)), (region.start.max(storage_end), region.end)];
        for (start, end) in pieces {
            if start < end && allocator.add_free_address_range(start, end).is_err() {
                log::warn!("memory map region {start:#x}..{end:#x} overlaps another; skipped");
            }
        }
    }
    *POOL.lock() = Some(Pool { allocator, promised: 0 });
}

fn with_pool<T>(action: impl FnOnce(&mut Pool) -> T) -> T {
    let mut pool = POOL.lock();
    let Some(pool) = pool.as_mut() else { panic!("frame pool used before init") };
    action(pool)
}

fn to_phys_frame(frame: Frame) -> PhysFrame {
    PhysFrame::containing_address(PhysAddr::new(frame.start_address()))
}

/// A zeroed frame for the kernel's own use (page tables, heap, stacks).
pub fn allocate_for_kernel() -> Result<PhysFrame, OutOfFrames> {
    let frame = with_pool(|pool| pool.allocator.allocate().map_err(|_| OutOfFrames))?;
    let frame = to_phys_frame(frame);
    physical::zero_frame(frame);
    Ok(frame)
}

/// A zeroed frame for user memory that was not committed (stacks, tables a
/// process needs): fails rather than eat into the kernel reserve or into
/// frames promised to committed regions.
pub fn allocate_uncommitted() -> Result<PhysFrame, OutOfFrames> {
    let frame = with_pool(|pool| {
        let spare = pool.allocator.free_count().saturating_sub(pool.promised);
        if spare <= KERNEL_RESERVE {
            return Err(OutOfFrames);
        }
        pool.allocator.allocate().map_err(|_| OutOfFrames)
    })?;
    let frame = to_phys_frame(frame);
    physical::zero_frame(frame);
    Ok(frame)
}

/// Delivers one frame promised by [`commit`].
pub fn allocate_committed() -> Result<PhysFrame, OutOfFrames> {
    let frame = with_pool(|pool| {
        let frame = pool.allocator.allocate().map_err(|_| OutOfFrames)?;
        pool.promised = pool.promised.saturating_sub(1);
        Ok(frame)
    })?;
    let frame = to_phys_frame(frame);
    physical::zero_frame(frame);
    Ok(frame)
}

/// Promises `count` frames to a user region, or fails if that would leave
/// less than the kernel reserve.
pub fn commit(count: u64) -> Result<(), OutOfFrames> {
    with_pool(|pool| {
        let spare = pool.allocator.free_count().saturating_sub(pool.promised);
        let needed = count.checked_add(KERNEL_RESERVE).ok_or(OutOfFrames)?;
        if spare < needed {
            return Err(OutOfFrames);
        }
        pool.promised += count;
        Ok(())
    })
}

/// Takes back promises for `count` frames that were never delivered.
pub fn uncommit(count: u64) {
    with_pool(|pool| pool.promised = pool.promised.saturating_sub(count));
}

/// Returns a frame to the pool. Freeing a frame twice is a kernel bug.
pub fn free(frame: PhysFrame) {
    let Some(frame) = Frame::from_start_address(frame.start_address().as_u64()) else {
        panic!("freeing a frame at an impossible address");
    };
    if let Err(error) = with_pool(|pool| pool.allocator.free(frame)) {
        panic!("freeing frame {:#x}: {error}", frame.start_address());
    }
}

/// A run of `count` physically contiguous frames that the kernel keeps for
/// good (the expanded boot archive, which `BootArchiveClaim` hands out as
/// one run), with its bytes. Not zeroed: the caller writes every byte
/// before anything reads them. Leaves [`KERNEL_RESERVE`] frames free.
pub fn allocate_permanent_run(count: u64) -> Result<(PhysFrame, &'static mut [u8]), OutOfFrames> {
    let bytes = count.checked_mul(PAGE_SIZE).and_then(|bytes| usize::try_from(bytes).ok()).ok_or(OutOfFrames)?;
    let first = with_pool(|pool| {
        let spare = pool.allocator.free_count().saturating_sub(pool.promised);
        if spare < count.saturating_add(KERNEL_RESERVE) {
            return Err(OutOfFrames);
        }
        pool.allocator.allocate_contiguous(count, 1).map_err(|_| OutOfFrames)
    })?;
    let first = to_phys_frame(first);
    let start = physical::to_virtual(first.start_address()).as_mut_ptr::<u8>();
    // SAFETY: the run is `bytes` long, fresh from the allocator and never
    // given back, so this is the only reference to it for the kernel's
    // lifetime; all physical memory is mapped writable at the offset.
    let run = unsafe { core::slice::from_raw_parts_mut(start, bytes) };
    Ok((first, run))
}

/// Frames currently free.
pub fn free_count() -> u64 {
    with_pool(|pool| pool.allocator.free_count())
}

/// Frames the pool manages (free or not).
pub fn total_count() -> u64 {
    with_pool(|pool| pool.allocator.total_count())
}
