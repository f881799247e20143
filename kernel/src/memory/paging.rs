//! Page-table operations on one address space, named by its level-4 frame.
//!
//! Walks tables directly through the physical-memory window (the `x86_64`
//! crate's `OffsetPageTable` did the same at several times the instructions,
//! and IPC maps, unmaps and translates pages for every message that carries
//! more than registers). User page tables copy the kernel's upper-half
//! level-4 entries when they are made, so the kernel is mapped identically in
//! every address space; the lower half is the process's own.

use x86_64::registers::control::Cr3;
use x86_64::structures::paging::page_table::PageTableEntry;
use x86_64::structures::paging::{Page, PageTable, PageTableFlags, PhysFrame};
use x86_64::VirtAddr;

use super::frames::{self, OutOfFrames};
use super::physical;

/// Marks a user mapping whose frame the address space does not own (the
/// shared timing page): teardown must not free it. A bit the CPU ignores.
pub const NOT_OWNED: PageTableFlags = PageTableFlags::BIT_9;

/// Marks a page mapped in a loan window (`ipc::loans`): it is there for one
/// call, so it may not be lent on. A bit the CPU ignores.
pub const LOANED: PageTableFlags = PageTableFlags::BIT_10;

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

/// The level-4 table of the address space that boot left active: the
/// kernel's own, whose upper half every process copies.
pub fn kernel_level_4() -> PhysFrame {
    static KERNEL_L4: spin::Once<PhysFrame> = spin::Once::new();
    *KERNEL_L4.call_once(|| Cr3::read().0)
}

/// Maps `page` to `frame` in the address space `level_4`.
///
/// A direct walk through the physical-memory window, as [`translate`]'s,
/// that adds missing tables on the way: what `OffsetPageTable`'s
/// `map_to_with_table_flags` does, at a fraction of the instructions. As
/// there, an entry already in use (even one not present) is
/// `AlreadyMapped`, and an existing parent entry gains the parent flags it
/// lacks (a user mapping needs `USER_ACCESSIBLE` all the way down).
pub fn map(level_4: PhysFrame, page: Page, frame: PhysFrame, flags: PageTableFlags) -> Result<(), MapError> {
    let for_user = flags.contains(PageTableFlags::USER_ACCESSIBLE);
    let (window, table) = last_level_table(level_4, page, for_user)?;
    let index = (page.start_address().as_u64() >> 12) & 0x1FF;
    if physical::read_table_entry(window, table, index) != 0 {
        return Err(MapError::AlreadyMapped);
    }
    physical::write_table_entry(window, table, index, frame.start_address().as_u64() | flags.bits());
    flush_if_cached(level_4, page);
    Ok(())
}

/// Makes sure the tables down to the last level exist for user page
/// `page`, so that mapping it later needs no frame (a loan window's pages
/// are mapped while a call is delivered, where running out of memory would
/// fail the caller for the server's sake).
pub fn prepare_user_tables(level_4: PhysFrame, page: Page) -> Result<(), MapError> {
    last_level_table(level_4, page, true).map(|_| ())
}

/// Walks to the last-level table for `page`, adding missing tables: the
/// physical-memory window's offset and the table's physical address.
fn last_level_table(level_4: PhysFrame, page: Page, for_user: bool) -> Result<(u64, u64), MapError> {
    let mut parent_flags = PageTableFlags::PRESENT | PageTableFlags::WRITABLE;
    if for_user {
        parent_flags |= PageTableFlags::USER_ACCESSIBLE;
    }
    let window = physical::physical_memory_offset().as_u64();
    let address = page.start_address().as_u64();
    let mut table = level_4.start_address().as_u64();
    // The index shifts of levels 4, 3 and 2.
    for shift in [39u32, 30, 21] {
        let index = (address >> shift) & 0x1FF;
        let entry = physical::read_table_entry(window, table, index);
        let present = PageTableFlags::from_bits_truncate(entry);
        table = if entry == 0 {
            // Fresh from the pool, hence zeroed: an empty table.
            let fresh = if for_user { frames::allocate_uncommitted() } else { frames::allocate_for_kernel() };
            let fresh = fresh.map_err(|_| MapError::OutOfFrames)?.start_address().as_u64();
            physical::write_table_entry(window, table, index, fresh | parent_flags.bits());
            fresh
        } else if present.contains(PageTableFlags::HUGE_PAGE) {
            return Err(MapError::AlreadyMapped);
        } else {
            if !present.contains(parent_flags) {
                physical::write_table_entry(window, table, index, entry | parent_flags.bits());
            }
            entry & ENTRY_ADDRESS
        };
    }
    Ok((window, table))
}

/// Flushes the TLB entry of a changed page if the CPU may have it cached:
/// when its address space is active, or when it is in the kernel's upper
/// half, which every address space shares (a kernel stack freed and mapped
/// again while a process runs must not leave a stale entry behind).
fn flush_if_cached(level_4: PhysFrame, page: Page) {
    let shared = page.start_address().as_u64() >= UPPER_HALF_START;
    if shared || Cr3::read().0 == level_4 {
        x86_64::instructions::tlb::flush(page.start_address());
    }
}

/// Removes the mapping of `page`, returning the frame and its flags.
///
/// The walk of [`translate`], then the last level's entry cleared: the
/// generic `OffsetPageTable::unmap` walked the tables again, at several
/// times the cost. Intermediate tables stay, as they did with it.
pub fn unmap(level_4: PhysFrame, page: Page) -> Option<(PhysFrame, PageTableFlags)> {
    let leaf = walk(level_4, page.start_address())?;
    physical::write_table_entry(leaf.window, leaf.table, leaf.index, 0);
    flush_if_cached(level_4, page);
    Some(leaf.mapping())
}

/// Consecutive 4 KiB pages of one address space, from a start address
/// upward: each step translates, maps or unmaps the next page. The tables
/// are walked once per last-level table rather than once per page, which is
/// what a loan of many pages costs most otherwise, and whether the address
/// space is active (so whether an unmap must flush the TLB) is read once.
pub struct PageRun {
    level_4: PhysFrame,
    active: bool,
    window: u64,
    /// Physical address of the last-level table of `address`; 0 until
    /// walked, and again at each table boundary.
    table: u64,
    address: u64,
}

impl PageRun {
    /// A run from `start` (page aligned, in user space) in `level_4`.
    pub fn new(level_4: PhysFrame, start: u64) -> PageRun {
        let active = Cr3::read().0 == level_4;
        let window = physical::physical_memory_offset().as_u64();
        PageRun { level_4, active, window, table: 0, address: start }
    }

    fn index(&self) -> u64 {
        (self.address >> 12) & 0x1FF
    }

    /// The last-level table of the current page, if its tables exist.
    fn existing_table(&mut self) -> Option<u64> {
        if self.table == 0 || self.index() == 0 {
            self.table = last_level_table_if_present(self.window, self.level_4, self.address).unwrap_or(0);
        }
        (self.table != 0).then_some(self.table)
    }

    /// The present mapping of the current page, if any; moves to the next.
    pub fn translate_next(&mut self) -> Option<(PhysFrame, PageTableFlags)> {
        let entry = self.existing_table().map(|table| physical::read_table_entry(self.window, table, self.index()));
        self.address += 4096;
        present_mapping(entry?)
    }

    /// Maps the current page (user `flags`) to `frame`, adding missing
    /// tables; moves to the next. Fails as [`map`] does.
    pub fn map_next(&mut self, frame: PhysFrame, flags: PageTableFlags) -> Result<(), MapError> {
        if self.existing_table().is_none() {
            let page = Page::containing_address(VirtAddr::new_truncate(self.address));
            self.table = last_level_table(self.level_4, page, true)?.1;
        }
        let index = self.index();
        if physical::read_table_entry(self.window, self.table, index) != 0 {
            return Err(MapError::AlreadyMapped);
        }
        physical::write_table_entry(self.window, self.table, index, frame.start_address().as_u64() | flags.bits());
        // A page that was not mapped cannot be in the TLB.
        self.address += 4096;
        Ok(())
    }

    /// Removes the current page's mapping, returning its frame and flags;
    /// moves to the next.
    pub fn unmap_next(&mut self) -> Option<(PhysFrame, PageTableFlags)> {
        let table = self.existing_table();
        let address = self.address;
        self.address += 4096;
        let table = table?;
        let index = (address >> 12) & 0x1FF;
        let mapping = present_mapping(physical::read_table_entry(self.window, table, index))?;
        physical::write_table_entry(self.window, table, index, 0);
        if self.active {
            x86_64::instructions::tlb::flush(VirtAddr::new_truncate(address));
        }
        Some(mapping)
    }
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
    walk(level_4, address).map(|leaf| leaf.mapping())
}

/// A present last-level entry, and where it is.
struct Leaf {
    /// The physical-memory window's offset, read once per walk.
    window: u64,
    /// Physical address of the level-1 table holding the entry.
    table: u64,
    /// The entry's index in that table.
    index: u64,
    /// The entry.
    entry: u64,
}

impl Leaf {
    /// The frame the entry maps, and its flags.
    fn mapping(&self) -> (PhysFrame, PageTableFlags) {
        entry_mapping(self.entry)
    }
}

/// The frame a last-level entry maps, and its flags.
#[inline]
fn entry_mapping(entry: u64) -> (PhysFrame, PageTableFlags) {
    let frame = PhysFrame::containing_address(x86_64::PhysAddr::new_truncate(entry & ENTRY_ADDRESS));
    (frame, PageTableFlags::from_bits_truncate(entry))
}

/// [`entry_mapping`] of a present entry; `None` for one that is not.
#[inline]
fn present_mapping(entry: u64) -> Option<(PhysFrame, PageTableFlags)> {
    PageTableFlags::from_bits_truncate(entry).contains(PageTableFlags::PRESENT).then(|| entry_mapping(entry))
}

/// Walks to the present 4 KiB mapping of `address`, if there is one.
fn walk(level_4: PhysFrame, address: VirtAddr) -> Option<Leaf> {
    let window = physical::physical_memory_offset().as_u64();
    let address = address.as_u64();
    let table = last_level_table_if_present(window, level_4, address)?;
    let index = (address >> 12) & 0x1FF;
    let entry = physical::read_table_entry(window, table, index);
    PageTableFlags::from_bits_truncate(entry).contains(PageTableFlags::PRESENT).then_some(Leaf {
        window,
        table,
        index,
        entry,
    })
}

/// The physical address of the last-level table for `address`, if the
/// tables above it are present (through the window at `window`). The walk
/// [`translate`], [`unmap`] and [`PageRun`] share: no table is added.
#[inline]
fn last_level_table_if_present(window: u64, level_4: PhysFrame, address: u64) -> Option<u64> {
    let mut table = level_4.start_address().as_u64();
    // The index shifts of levels 4, 3 and 2.
    for shift in [39u32, 30, 21] {
        let entry = physical::read_table_entry(window, table, (address >> shift) & 0x1FF);
        let flags = PageTableFlags::from_bits_truncate(entry);
        if !flags.contains(PageTableFlags::PRESENT) || flags.contains(PageTableFlags::HUGE_PAGE) {
            return None;
        }
        table = entry & ENTRY_ADDRESS;
    }
    Some(table)
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
