//! Access to physical memory through the bootloader's full mapping.

use core::sync::atomic::{AtomicU64, Ordering};

use x86_64::structures::paging::{PageTable, PhysFrame};
use x86_64::{PhysAddr, VirtAddr};

use super::layout::PAGE_SIZE;

static OFFSET: AtomicU64 = AtomicU64::new(0);

/// Records where the bootloader mapped physical memory. Call once at boot.
pub fn init(offset: u64) {
    OFFSET.store(offset, Ordering::Relaxed);
}

/// The virtual address at which physical address 0 is mapped.
pub fn physical_memory_offset() -> VirtAddr {
    VirtAddr::new(OFFSET.load(Ordering::Relaxed))
}

/// The virtual address through which the kernel reaches `address`.
pub fn to_virtual(address: PhysAddr) -> VirtAddr {
    physical_memory_offset() + address.as_u64()
}

/// Fills a frame with zeros.
pub fn zero_frame(frame: PhysFrame) {
    let start = to_virtual(frame.start_address()).as_mut_ptr::<u8>();
    // SAFETY: every physical frame is mapped writable at the offset; callers
    // own `frame` (fresh from the allocator), so nothing else uses it.
    unsafe { core::ptr::write_bytes(start, 0, PAGE_SIZE as usize) };
}

/// Copies `data` into `frame` at `offset`; the range must fit in the frame.
pub fn write_frame(frame: PhysFrame, offset: usize, data: &[u8]) {
    let Some(end) = offset.checked_add(data.len()) else { return };
    assert!(end <= PAGE_SIZE as usize, "write past the end of a frame");
    let start = to_virtual(frame.start_address()).as_mut_ptr::<u8>();
    // SAFETY: the range lies inside the frame (checked above), which is
    // mapped at the offset; the caller owns the frame.
    unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), start.add(offset), data.len()) };
}

/// Entry `index` (taken modulo 512) of the page table at physical address
/// `table` (rounded down to its frame), read through the window at
/// `window` (the value of [`physical_memory_offset`], which a walk reads
/// once). For walks: the masks keep every read inside one frame, so it
/// needs no checks, and a walk does one load per level.
#[inline]
pub(super) fn read_table_entry(window: u64, table: u64, index: u64) -> u64 {
    let offset = (table & !(PAGE_SIZE - 1)) + (index & 0x1FF) * 8;
    let word = window.wrapping_add(offset) as *const u64;
    // SAFETY: the masks keep the word aligned and inside one frame, and
    // every physical frame is mapped at the window; page tables are only
    // written under the task lock, which the walker holds (single CPU).
    unsafe { core::ptr::read_volatile(word) }
}

/// Sets entry `index` of the page table at `table`, addressed as for
/// [`read_table_entry`], to `value`: the last step of mapping or unmapping
/// a page, whose caller flushes the TLB.
pub(super) fn write_table_entry(window: u64, table: u64, index: u64, value: u64) {
    let offset = (table & !(PAGE_SIZE - 1)) + (index & 0x1FF) * 8;
    let word = window.wrapping_add(offset) as *mut u64;
    // SAFETY: as for `read_table_entry`, the word is an aligned entry of a
    // page table inside the window; page tables are only edited under the
    // task lock (single CPU, interrupts off), so nothing else writes it.
    unsafe { core::ptr::write_volatile(word, value) };
}

/// Copies bytes out of `frame` at `offset` into `buffer`.
pub fn read_frame(frame: PhysFrame, offset: usize, buffer: &mut [u8]) {
    let Some(end) = offset.checked_add(buffer.len()) else { return };
    assert!(end <= PAGE_SIZE as usize, "read past the end of a frame");
    let start = to_virtual(frame.start_address()).as_ptr::<u8>();
    // SAFETY: as for `write_frame`; reading a frame of user memory while the
    // user may write it concurrently is impossible on one CPU with
    // interrupts off.
    unsafe { core::ptr::copy_nonoverlapping(start.add(offset), buffer.as_mut_ptr(), buffer.len()) };
}

/// The page table stored in `frame`.
///
/// # Safety
/// `frame` must hold a page table that nothing else references mutably for
/// the returned lifetime.
pub unsafe fn page_table_mut(frame: PhysFrame) -> &'static mut PageTable {
    let pointer = to_virtual(frame.start_address()).as_mut_ptr::<PageTable>();
    // SAFETY: the caller guarantees exclusive access; the frame is mapped.
    unsafe { &mut *pointer }
}

/// Copies `len` bytes from `source` at `source_offset` to `destination` at
/// `destination_offset`; both ranges must fit in their frames.
pub fn copy_between_frames(
    source: PhysFrame,
    source_offset: usize,
    destination: PhysFrame,
    destination_offset: usize,
    len: usize,
) {
    let fits = |offset: usize| offset.checked_add(len).is_some_and(|end| end <= PAGE_SIZE as usize);
    assert!(fits(source_offset) && fits(destination_offset), "copy past the end of a frame");
    let from = to_virtual(source.start_address()).as_ptr::<u8>();
    let to = to_virtual(destination.start_address()).as_mut_ptr::<u8>();
    // SAFETY: both ranges lie inside their frames (checked above), which are
    // mapped at the offset. `copy` (not `copy_nonoverlapping`) because a
    // process may share a frame with itself through a grant.
    unsafe { core::ptr::copy(from.add(source_offset), to.add(destination_offset), len) };
}
