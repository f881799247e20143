//! Page-table operations on one address space, named by its level-4 frame.
//!
//! Built on the `x86_64` crate's `OffsetPageTable`, which walks tables through
//! the physical-memory window. User page tables copy the kernel's upper-half
//! level-4 entries when they are made, so the kernel is mapped identically in
//! every address space; the lower half is the process's own.

use x86_64::registers::control::Cr3;
use x86_64::structures::paging::mapper::MapToError;
use x86_64::structures::paging::page_table::PageTableEntry;
use x86_64::structures::paging::{
    FrameAllocator, Mapper, OffsetPageTable, Page, PageTable, PageTableFlags, PhysFrame, Size4KiB,
};
use x86_64::VirtAddr;

use super::frames::{self, OutOfFrames};
use super::physical;

/// Marks a user mapping whose frame the address space does not own (the
/// shared timing page): teardown must not free it. A bit the CPU ignores.
pub const NOT_OWNED: PageTableFlags = PageTableFlags::BIT_9;

/// Start of the upper half, where the kernel's shared mappings live.
const UPPER_HALF_START: u64 = 0xFFFF_8000_0000_0000;

/// How a mapping may fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapError {
    /// No frame for an intermediate page table.
    OutOfFrames,
    /// The page is mapped already.
    AlreadyMapped,
}

/// Hands `OffsetPageTable` frames for new page tables.
struct TableFrames {
    /// User-caused tables must not eat into the kernel reserve.
    for_user: bool,
}

// SAFETY: every frame returned is fresh from the pool, zeroed, and owned by
// the page table it is given to.
unsafe impl FrameAllocator<Size4KiB> for TableFrames {
    fn allocate_frame(&mut self) -> Option<PhysFrame> {
        let frame = if self.for_user { frames::allocate_uncommitted() } else { frames::allocate_for_kernel() };
        frame.ok()
    }
}

/// The level-4 table of the address space that boot left active: the
/// kernel's own, whose upper half every process copies.
pub fn kernel_level_4() -> PhysFrame {
    static KERNEL_L4: spin::Once<PhysFrame> = spin::Once::new();
    *KERNEL_L4.call_once(|| Cr3::read().0)
}

/// Runs `action` on the address space whose level-4 table is `level_4`.
fn with_mapper<T>(level_4: PhysFrame, action: impl FnOnce(&mut OffsetPageTable<'static>) -> T) -> T {
    // SAFETY: the kernel is single-CPU with interrupts off while it edits page
    // tables, so this is the only reference to the table for the call.
    let table = unsafe { physical::page_table_mut(level_4) };
    // SAFETY: all physical memory is mapped at the offset.
    let mut mapper = unsafe { OffsetPageTable::new(table, physical::physical_memory_offset()) };
    action(&mut mapper)
}

/// Maps `page` to `frame` in the address space `level_4`.
pub fn map(level_4: PhysFrame, page: Page, frame: PhysFrame, flags: PageTableFlags) -> Result<(), MapError> {
    let for_user = flags.contains(PageTableFlags::USER_ACCESSIBLE);
    let mut parent_flags = PageTableFlags::PRESENT | PageTableFlags::WRITABLE;
    if for_user {
        parent_flags |= PageTableFlags::USER_ACCESSIBLE;
    }
    with_mapper(level_4, |mapper| {
        let mut allocator = TableFrames { for_user };
        // SAFETY: `frame` is owned by the caller and becomes owned by this
        // mapping; the page is not in use (mapping an existing page fails).
        let result = unsafe { mapper.map_to_with_table_flags(page, frame, flags, parent_flags, &mut allocator) };
        match result {
            Ok(flush) => {
                flush_if_active(level_4, page, flush);
                Ok(())
            }
            Err(MapToError::FrameAllocationFailed) => Err(MapError::OutOfFrames),
            Err(MapToError::PageAlreadyMapped(_) | MapToError::ParentEntryHugePage) => Err(MapError::AlreadyMapped),
        }
    })
}

/// Flushes the TLB entry of a changed page if the CPU may have it cached:
/// when its address space is active, or when it is in the kernel's upper
/// half, which every address space shares (a kernel stack freed and mapped
/// again while a process runs must not leave a stale entry behind).
fn flush_if_active(level_4: PhysFrame, page: Page, flush: x86_64::structures::paging::mapper::MapperFlush<Size4KiB>) {
    let shared = page.start_address().as_u64() >= UPPER_HALF_START;
    if shared || Cr3::read().0 == level_4 {
        flush.flush();
    } else {
        flush.ignore();
    }
}

/// Removes the mapping of `page`, returning the frame and its flags.
pub fn unmap(level_4: PhysFrame, page: Page) -> Option<(PhysFrame, PageTableFlags)> {
    let flags = translate(level_4, page.start_address())?.1;
    with_mapper(level_4, |mapper| {
        let (frame, flush) = mapper.unmap(page).ok()?;
        flush_if_active(level_4, page, flush);
        Some((frame, flags))
    })
}

/// The frame and flags `address` maps to, if any (4 KiB mappings only).
///
/// A direct four-level walk through the physical-memory window rather than
/// `OffsetPageTable::translate`: every user copy (message records, data,
/// leases) translates each page it touches, and the generic walk cost
/// several times as many instructions. The window's offset is read once and
/// each level is a masked load (`physical::read_table_entry`), with no
/// address checks that a walk from a valid level-4 table cannot fail.
pub fn translate(level_4: PhysFrame, address: VirtAddr) -> Option<(PhysFrame, PageTableFlags)> {
    let window = physical::physical_memory_offset().as_u64();
    let address = address.as_u64();
    let mut table = level_4.start_address().as_u64();
    let mut entry = 0;
    // The index shifts of levels 4, 3, 2 and 1.
    for shift in [39u32, 30, 21, 12] {
        entry = physical::read_table_entry(window, table, (address >> shift) & 0x1FF);
        let flags = PageTableFlags::from_bits_truncate(entry);
        if !flags.contains(PageTableFlags::PRESENT) || (shift != 12 && flags.contains(PageTableFlags::HUGE_PAGE)) {
            return None;
        }
        table = entry & ENTRY_ADDRESS;
    }
    let frame = PhysFrame::containing_address(x86_64::PhysAddr::new_truncate(table));
    Some((frame, PageTableFlags::from_bits_truncate(entry)))
}

/// The bits of a page-table entry that hold the next table's (or the
/// page's) physical address.
const ENTRY_ADDRESS: u64 = 0x000F_FFFF_FFFF_F000;

/// Makes a level-4 table for a new process: zeroed lower half, the kernel's
/// upper half.
pub fn new_user_level_4() -> Result<PhysFrame, OutOfFrames> {
    let frame = frames::allocate_uncommitted()?;
    // SAFETY: the frame is fresh and owned here; the kernel's table is only
    // read, and nothing edits it concurrently (single CPU, interrupts off).
    let (new, kernel) = unsafe { (physical::page_table_mut(frame), physical::page_table_mut(kernel_level_4())) };
    for index in 256..512 {
        new[index] = kernel[index].clone();
    }
    Ok(frame)
}

/// Frees every frame mapped in the lower half of `level_4` (except those
/// marked [`NOT_OWNED`]), every lower-half page table, and the level-4 table
/// itself. The address space must not be active.
pub fn free_user_address_space(level_4: PhysFrame) {
    assert_ne!(Cr3::read().0, level_4, "freeing the active address space");
    // SAFETY: the address space is no longer used by any thread (it is not
    // active and its process has ended), so this is the only reference.
    let table = unsafe { physical::page_table_mut(level_4) };
    for entry in table.iter_mut().take(256) {
        free_table_entry(entry, 3);
    }
    frames::free(level_4);
}

/// Frees what `entry` points to: a table at `level` 3..1 (recursively) or,
/// at level 0, a mapped frame.
fn free_table_entry(entry: &mut PageTableEntry, level: u8) {
    if !entry.flags().contains(PageTableFlags::PRESENT) {
        return;
    }
    let frame = PhysFrame::containing_address(entry.addr());
    if level > 0 {
        assert!(!entry.flags().contains(PageTableFlags::HUGE_PAGE), "huge page in a user address space");
        // SAFETY: the table belongs to the address space being freed.
        let table: &mut PageTable = unsafe { physical::page_table_mut(frame) };
        for child in table.iter_mut() {
            free_table_entry(child, level - 1);
        }
    }
    if level > 0 || !entry.flags().contains(NOT_OWNED) {
        frames::free(frame);
    }
    entry.set_unused();
}

/// Makes `level_4` the active address space.
pub fn activate(level_4: PhysFrame) {
    let (current, flags) = Cr3::read();
    if current != level_4 {
        // SAFETY: every address space maps the kernel identically in the
        // upper half, so the code and stack in use stay valid after the switch.
        unsafe { Cr3::write(level_4, flags) };
    }
}
