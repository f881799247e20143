//! Loan windows as an address space sees them: reserved room whose page
//! tables exist in advance, so lending pages into it needs no memory.

use x86_64::VirtAddr;
use x86_64::structures::paging::Page;

use super::{Access, AddressSpace, Region, RegionError, RegionKind};
use crate::memory::layout::PAGE_SIZE;
use crate::memory::paging;

/// Loan windows are placed from here upward, apart from `MemoryMap`'s and
/// the grants'.
const LOAN_WINDOW_HINT: u64 = 0x0000_3000_0000_0000;

impl AddressSpace {
    /// Reserves a loan window of `pages` pages with a free page on each
    /// side, prepares its page tables, and returns its start.
    pub fn add_loan_window(&mut self, pages: u64) -> Result<u64, RegionError> {
        let length = pages.checked_mul(PAGE_SIZE).ok_or(RegionError::BadRange)?;
        let start = self.find_free_range(LOAN_WINDOW_HINT, length).ok_or(RegionError::OutOfMemory)?;
        for index in 0..pages {
            let page = Page::containing_address(VirtAddr::new(start + index * PAGE_SIZE));
            // Tables made here stay with the address space, like any other.
            paging::prepare_user_tables(self.level_4, page).map_err(|_| RegionError::OutOfMemory)?;
        }
        let window = Region { end: start + length, access: Access::READ_WRITE, kind: RegionKind::LoanWindow, promised: 0 };
        self.regions.insert(start, window);
        Ok(start)
    }
}
