//! Page grants as an address space sees them: handing frames out of
//! anonymous memory, and mapping frames that came from another process.
//!
//! A shared grant maps the granter's frames into the receiver as a
//! [`RegionKind::Granted`] region marked not-owned, so dropping the
//! receiver's region never frees them; the IPC layer removes that region
//! before the granter's frames can go (unmap or exit). A moved grant takes
//! the frames out of the granter's region altogether and gives them to a new
//! anonymous region in the receiver, which owns them from then on.

use alloc::collections::btree_map::Entry;

use x86_64::VirtAddr;
use x86_64::structures::paging::{Page, PageTableFlags, PhysFrame};

use super::{Access, AddressSpace, Region, RegionError, RegionKind};
use crate::memory::layout::PAGE_SIZE;
use crate::memory::paging::{self, NOT_OWNED};

/// Granted pages are placed from here upward, apart from `MemoryMap`'s.
pub const GRANT_HINT: u64 = 0x0000_2000_0000_0000;

impl AddressSpace {
    /// The access of the anonymous region that holds all of `start..end`,
    /// or `None` if no single anonymous region does.
    pub fn anonymous_access(&self, start: u64, end: u64) -> Option<Access> {
        let (region_start, region) = self.region_at(start)?;
        let inside = start >= region_start && end <= region.end && start < end;
        (inside && region.kind == RegionKind::Anonymous).then_some(region.access)
    }

    /// True if `start..end` is exactly one whole anonymous region.
    pub fn is_whole_anonymous(&self, start: u64, end: u64) -> bool {
        self.regions.get(&start).is_some_and(|region| region.kind == RegionKind::Anonymous && region.end == end)
    }

    /// Fills `frames` with the frames behind `start..end` (page aligned,
    /// inside one anonymous region, one frame per page), faulting in pages
    /// not touched yet; `write` asks for the write access the region must
    /// allow. The caller provides the room, so a small grant allocates
    /// nothing.
    pub fn frames_of(
        &mut self,
        start: u64,
        end: u64,
        write: bool,
        frames: &mut [PhysFrame],
    ) -> Result<(), RegionError> {
        let access = self.anonymous_access(start, end).ok_or(RegionError::BadRange)?;
        if write && !access.write {
            return Err(RegionError::BadRange);
        }
        if (end - start) / PAGE_SIZE != frames.len() as u64 {
            return Err(RegionError::BadRange);
        }
        for (index, frame) in frames.iter_mut().enumerate() {
            let address = start + index as u64 * PAGE_SIZE;
            *frame = self.frame_for_access(address, false).map_err(|_| RegionError::OutOfMemory)?;
        }
        Ok(())
    }

    /// Removes the region at `start` without freeing its frames: someone
    /// else owns them now (pages moved away by a grant, or a grant mapping
    /// being taken back). Its unused commitment is returned.
    pub fn forget_region(&mut self, start: u64) {
        let Some(region) = self.regions.remove(&start) else { return };
        let mut address = start;
        while address < region.end {
            let _ = paging::unmap(self.level_4, Page::containing_address(VirtAddr::new(address)));
            address += PAGE_SIZE;
        }
        crate::memory::frames::uncommit(region.promised);
    }

    /// Maps `frames` at a free range chosen by the kernel as a region of
    /// `kind`, and returns its start. With `owned` the region owns the frames
    /// (moved pages); otherwise they stay someone else's (a shared grant's,
    /// or device memory, which is never freed).
    pub fn attach_frames(
        &mut self,
        frames: &[PhysFrame],
        access: Access,
        kind: RegionKind,
        owned: bool,
    ) -> Result<u64, RegionError> {
        let length = (frames.len() as u64).checked_mul(PAGE_SIZE).ok_or(RegionError::BadRange)?;
        let start = self.find_free_range(GRANT_HINT, length).ok_or(RegionError::OutOfMemory)?;
        // Frames already exist, so nothing is promised (or committed).
        self.regions.insert(start, Region { end: start + length, access, kind, promised: 0 });
        let mut flags = access.page_flags();
        if !owned {
            flags |= NOT_OWNED;
        }
        if kind == RegionKind::Device {
            // Device registers must see every access, in order.
            flags |= PageTableFlags::NO_CACHE | PageTableFlags::WRITE_THROUGH;
        }
        for (index, frame) in frames.iter().enumerate() {
            let page = Page::containing_address(VirtAddr::new(start + index as u64 * PAGE_SIZE));
            if paging::map(self.level_4, page, *frame, flags).is_err() {
                // The frames are not this space's to free.
                self.forget_region(start);
                return Err(RegionError::OutOfMemory);
            }
        }
        Ok(start)
    }

    /// Removes the region of shared grant `grant` at `start`, if it is still
    /// there (the receiver may have unmapped it and reused the range).
    pub fn remove_grant(&mut self, start: u64, grant: u64) {
        if self.regions.get(&start).is_some_and(|region| region.kind == RegionKind::Granted(grant)) {
            self.remove_region(start);
        }
    }

    /// Takes out of the map a region the process may give back with
    /// `MemoryUnmap` (an anonymous one, or a grant it received), exactly
    /// `start..start + length`. Its pages stay mapped until
    /// [`release_unmapped`](Self::release_unmapped): pages shared out of an
    /// anonymous region must first leave their receivers. One search of the
    /// map finds the region, tells its kind and removes it.
    pub fn take_unmappable(&mut self, start: u64, length: u64) -> Result<Unmapped, RegionError> {
        let Entry::Occupied(entry) = self.regions.entry(start) else { return Err(RegionError::BadRange) };
        if entry.get().end.checked_sub(start) != Some(length) {
            return Err(RegionError::BadRange);
        }
        match entry.get().kind {
            // Device and archive pages are marked not-owned, so releasing
            // the region frees nothing.
            RegionKind::Anonymous | RegionKind::Device | RegionKind::BootArchive | RegionKind::Granted(_) => {}
            _ => return Err(RegionError::BadRange),
        }
        Ok(Unmapped { start, region: entry.remove() })
    }

    /// Unmaps the pages of a region [`take_unmappable`](Self::take_unmappable)
    /// took out, freeing those the process owns.
    pub fn release_unmapped(&mut self, unmapped: Unmapped) {
        self.release_region(unmapped.start, unmapped.region);
    }
}

/// A region out of the map whose pages are still mapped (see
/// [`AddressSpace::take_unmappable`]).
#[derive(Debug)]
#[must_use = "its pages stay mapped until released"]
pub struct Unmapped {
    start: u64,
    region: Region,
}

impl Unmapped {
    /// Whether it was anonymous memory, whose pages the process may have
    /// shared out.
    pub fn is_anonymous(&self) -> bool {
        self.region.kind == RegionKind::Anonymous
    }

    /// The grant's number, for a grant the process received.
    pub fn grant(&self) -> Option<u64> {
        match self.region.kind {
            RegionKind::Granted(grant) => Some(grant),
            _ => None,
        }
    }
}
