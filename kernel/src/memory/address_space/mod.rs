//! A process's address space: its page table and its regions.
//!
//! A region is a range of pages with one access mode and one kind. Program
//! images and the argument page are mapped eagerly when the process starts;
//! anonymous memory and stacks are demand-zero: the first touch of a page
//! faults, and [`AddressSpace::resolve_fault`] maps a zeroed frame there.
//! Anonymous memory is committed when it is created (see `frames`), so its
//! faults cannot fail; stacks are not, so a stack fault can fail when memory is
//! exhausted, which ends the process, not the kernel. A guard region below each
//! stack has no access at all, so an overflow is recognised as one.

mod grants;
mod loan_window;

use alloc::collections::BTreeMap;

use barodia_abi::{USER_SPACE_END, USER_SPACE_START};
use x86_64::VirtAddr;
use x86_64::structures::paging::{Page, PageTableFlags, PhysFrame};

use super::frames::{self, OutOfFrames};
use super::layout::PAGE_SIZE;
use super::paging::{self, NOT_OWNED};

/// What a region allows, beyond reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// Pages may be written.
    pub write: bool,
    /// Pages may be executed.
    pub execute: bool,
}

impl Access {
    /// Read-only, not executable.
    pub const READ: Access = Access { write: false, execute: false };
    /// Read and write, not executable.
    pub const READ_WRITE: Access = Access { write: true, execute: false };

    fn page_flags(self) -> PageTableFlags {
        let mut flags = PageTableFlags::PRESENT | PageTableFlags::USER_ACCESSIBLE;
        if self.write {
            flags |= PageTableFlags::WRITABLE;
        }
        if !self.execute {
            flags |= PageTableFlags::NO_EXECUTE;
        }
        flags
    }
}

/// What a region holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionKind {
    /// A segment of the program image, mapped at start.
    Image,
    /// The process arguments, mapped at start.
    Arguments,
    /// The shared read-only timing page.
    Timing,
    /// `MemoryMap` memory: demand-zero, committed.
    Anonymous,
    /// A thread stack: demand-zero, not committed.
    Stack,
    /// The unmapped page below a stack.
    Guard,
    /// Pages another process granted, shared: mapped eagerly, owned by the
    /// granter; the number names the grant, so revoking it removes this
    /// region and no other.
    Granted(u64),
    /// Device memory (not RAM): mapped eagerly and uncached, never freed.
    Device,
    /// The boot archive, read-only: RAM the kernel keeps, mapped eagerly
    /// and cached, never freed.
    BootArchive,
    /// A thread's loan window: reserved room where a caller's lent pages
    /// are mapped for one call at a time (`ipc::loans`); never faulted in.
    LoanWindow,
}

#[derive(Debug, Clone, Copy)]
struct Region {
    end: u64,
    access: Access,
    kind: RegionKind,
    /// Pages of a committed region not yet given a frame.
    promised: u64,
}

/// Why a user page fault could not be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultError {
    /// No region covers the address.
    Unmapped,
    /// The address is in the guard page below a stack.
    StackOverflow,
    /// The region does not allow the access (write to read-only, execute).
    Protection,
    /// No frame was left for the page.
    OutOfMemory,
}

/// Why a region could not be added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionError {
    /// Outside user space, empty, misaligned, or overlapping another region.
    BadRange,
    /// Not enough memory to commit or map it.
    OutOfMemory,
}

/// A user address space. Dropping it frees every frame it owns.
#[derive(Debug)]
pub struct AddressSpace {
    level_4: PhysFrame,
    regions: BTreeMap<u64, Region>,
}

impl AddressSpace {
    /// A new address space holding only the kernel's upper half.
    pub fn new() -> Result<AddressSpace, OutOfFrames> {
        Ok(AddressSpace { level_4: paging::new_user_level_4()?, regions: BTreeMap::new() })
    }

    /// The level-4 page table frame, for CR3.
    pub fn level_4(&self) -> PhysFrame {
        self.level_4
    }

    /// Adds a region over `start..end` (page aligned, inside user space,
    /// not overlapping). Anonymous regions commit their pages.
    pub fn add_region(&mut self, start: u64, end: u64, access: Access, kind: RegionKind) -> Result<(), RegionError> {
        let in_user_space = (start >= USER_SPACE_START || kind == RegionKind::Timing) && end <= USER_SPACE_END;
        if start >= end || !start.is_multiple_of(PAGE_SIZE) || !end.is_multiple_of(PAGE_SIZE) || !in_user_space {
            return Err(RegionError::BadRange);
        }
        if self.overlaps(start, end) {
            return Err(RegionError::BadRange);
        }
        if access.write && access.execute {
            return Err(RegionError::BadRange);
        }
        let pages = (end - start) / PAGE_SIZE;
        let promised = if kind == RegionKind::Anonymous {
            frames::commit(pages).map_err(|OutOfFrames| RegionError::OutOfMemory)?;
            pages
        } else {
            0
        };
        self.regions.insert(start, Region { end, access, kind, promised });
        Ok(())
    }

    fn overlaps(&self, start: u64, end: u64) -> bool {
        let before = self.regions.range(..end).next_back();
        before.is_some_and(|(_, region)| region.end > start)
    }

    fn region_at(&self, address: u64) -> Option<(u64, &Region)> {
        let (start, region) = self.regions.range(..=address).next_back()?;
        (address < region.end).then_some((*start, region))
    }

    /// True if `address` is in an executable region (a valid thread entry).
    pub fn is_executable(&self, address: u64) -> bool {
        self.region_at(address).is_some_and(|(_, region)| region.access.execute)
    }

    /// Maps `frame` at `page` now, inside an existing region, with the
    /// region's access. The address space owns the frame unless `shared`.
    pub fn map_now(&mut self, address: u64, frame: PhysFrame, shared: bool) -> Result<(), RegionError> {
        let Some((_, region)) = self.region_at(address) else { return Err(RegionError::BadRange) };
        let mut flags = region.access.page_flags();
        if shared {
            flags |= NOT_OWNED;
        }
        let page = Page::containing_address(VirtAddr::new(address));
        paging::map(self.level_4, page, frame, flags).map_err(|_| RegionError::OutOfMemory)
    }

    /// Resolves a user page fault at `address`: maps a zeroed frame if the
    /// address is in a demand-paged region and the access is allowed.
    pub fn resolve_fault(&mut self, address: u64, write: bool, execute: bool) -> Result<(), FaultError> {
        let Some((start, region)) = self.region_at(address) else { return Err(FaultError::Unmapped) };
        let region = *region;
        if region.kind == RegionKind::Guard {
            return Err(FaultError::StackOverflow);
        }
        if (write && !region.access.write) || (execute && !region.access.execute) {
            return Err(FaultError::Protection);
        }
        let page = Page::containing_address(VirtAddr::new(address));
        if paging::translate(self.level_4, page.start_address()).is_some() {
            // Mapped with the region's access, yet the access faulted.
            return Err(FaultError::Protection);
        }
        let frame = match region.kind {
            RegionKind::Anonymous => frames::allocate_committed(),
            RegionKind::Stack => frames::allocate_uncommitted(),
            // Eagerly mapped regions have no page to fault in.
            _ => return Err(FaultError::Unmapped),
        }
        .map_err(|OutOfFrames| FaultError::OutOfMemory)?;
        if paging::map(self.level_4, page, frame, region.access.page_flags()).is_err() {
            frames::free(frame);
            return Err(FaultError::OutOfMemory);
        }
        if let Some(region) = self.regions.get_mut(&start) {
            region.promised = region.promised.saturating_sub(1);
        }
        Ok(())
    }

    /// The frame behind `address` for a kernel copy, faulting it in if it is
    /// demand-paged; fails if the region does not allow the access.
    pub fn frame_for_access(&mut self, address: u64, write: bool) -> Result<PhysFrame, FaultError> {
        // Fast path: a present user page whose entry allows the access. The
        // entries carry their region's access, so this agrees with the
        // region check below, which only demand-paged pages need.
        if let Some((frame, flags)) = paging::translate(self.level_4, VirtAddr::new(address))
            && flags.contains(PageTableFlags::USER_ACCESSIBLE)
            && (!write || flags.contains(PageTableFlags::WRITABLE))
        {
            return Ok(frame);
        }
        let Some((_, region)) = self.region_at(address) else { return Err(FaultError::Unmapped) };
        if write && !region.access.write {
            return Err(FaultError::Protection);
        }
        if region.kind == RegionKind::Guard {
            return Err(FaultError::StackOverflow);
        }
        if let Some((frame, _)) = paging::translate(self.level_4, VirtAddr::new(address)) {
            return Ok(frame);
        }
        self.resolve_fault(address, write, false)?;
        paging::translate(self.level_4, VirtAddr::new(address)).map(|(frame, _)| frame).ok_or(FaultError::Unmapped)
    }

    /// Finds a free range of `length` bytes (page multiple) with a free page
    /// on each side, at or above `hint`.
    pub fn find_free_range(&self, hint: u64, length: u64) -> Option<u64> {
        let mut candidate = hint.max(USER_SPACE_START).checked_add(PAGE_SIZE)?;
        for (start, region) in self.regions.range(hint..) {
            let needed_end = candidate.checked_add(length)?.checked_add(PAGE_SIZE)?;
            if needed_end <= *start {
                return Some(candidate);
            }
            candidate = candidate.max(region.end.checked_add(PAGE_SIZE)?);
        }
        let end = candidate.checked_add(length)?;
        (end <= USER_SPACE_END).then_some(candidate)
    }

    /// Removes the region at `start` (any kind), freeing its frames.
    pub fn remove_region(&mut self, start: u64) {
        if let Some(region) = self.regions.remove(&start) {
            self.release_region(start, region);
        }
    }

    /// Unmaps the pages of `region` (at `start`, already out of the map),
    /// frees those it owns and returns its unused commitment.
    fn release_region(&mut self, start: u64, region: Region) {
        let mut address = start;
        while address < region.end {
            let page = Page::containing_address(VirtAddr::new(address));
            if let Some((frame, flags)) = paging::unmap(self.level_4, page)
                && !flags.contains(NOT_OWNED)
            {
                frames::free(frame);
            }
            address += PAGE_SIZE;
        }
        frames::uncommit(region.promised);
    }
}

impl Drop for AddressSpace {
    fn drop(&mut self) {
        let promised: u64 = self.regions.values().map(|region| region.promised).sum();
        frames::uncommit(promised);
        paging::free_user_address_space(self.level_4);
    }
}
