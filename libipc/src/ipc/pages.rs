//! Whole pages of memory that can be granted to another process.
//!
//! [`Pages`] owns a range from `MemoryMap` (or one received in a grant) and
//! unmaps it when dropped, which also revokes any shared grant made from it.
//! Another process may be reading or writing shared pages at any time, like
//! a device doing DMA, so the contents are reached only by copying in and
//! out ([`Pages::read`], [`Pages::write`]), never through a Rust reference
//! that would promise nobody else changes them.

use barodia_abi::{MemoryFlags, SysError, Syscall};

use crate::sys::{self, result};

/// Bytes in a page.
pub const PAGE_SIZE: u64 = 4096;

/// An owned, page-aligned range of this process's memory.
#[derive(Debug, PartialEq, Eq)]
pub struct Pages {
    address: u64,
    pages: u64,
}

impl Pages {
    /// Maps `pages` fresh zeroed, writable pages.
    pub fn allocate(pages: u64) -> Result<Pages, SysError> {
        let length = pages.checked_mul(PAGE_SIZE).ok_or(SysError::InvalidArgument)?;
        let address = sys::map_memory(length, MemoryFlags::WRITE)?;
        Ok(Pages { address, pages })
    }

    /// Takes ownership of pages the kernel mapped for a received grant.
    pub(crate) fn adopt(address: u64, pages: u64) -> Pages {
        Pages { address, pages }
    }

    /// Gives up the range without unmapping it (the kernel moved it away).
    pub(crate) fn forget(self) {
        core::mem::forget(self);
    }

    /// First address.
    pub fn address(&self) -> u64 {
        self.address
    }

    /// Number of pages.
    pub fn page_count(&self) -> u64 {
        self.pages
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.pages * PAGE_SIZE) as usize
    }

    /// True for no pages (never, for a real range).
    pub fn is_empty(&self) -> bool {
        self.pages == 0
    }

    fn range(&self, offset: usize, len: usize) -> Result<*mut u8, SysError> {
        let end = offset.checked_add(len).ok_or(SysError::OutOfRange)?;
        if end > self.len() {
            return Err(SysError::OutOfRange);
        }
        Ok((self.address as usize + offset) as *mut u8)
    }

    /// Copies bytes from offset `offset` into `buffer`.
    pub fn read(&self, offset: usize, buffer: &mut [u8]) -> Result<(), SysError> {
        let source = self.range(offset, buffer.len())?;
        // SAFETY: the range lies inside pages this value owns, mapped and
        // readable until it is dropped; another process writing them at the
        // same time changes only the bytes copied, never Rust-visible state.
        unsafe { core::ptr::copy_nonoverlapping(source, buffer.as_mut_ptr(), buffer.len()) };
        Ok(())
    }

    /// Copies `data` to offset `offset`. Fails with `BadAddress` semantics
    /// (the process is killed) if the pages are a read-only grant: check
    /// the grant's flags first.
    pub fn write(&self, offset: usize, data: &[u8]) -> Result<(), SysError> {
        let target = self.range(offset, data.len())?;
        // SAFETY: as for `read`; the pages are this value's, mapped until
        // it is dropped.
        unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), target, data.len()) };
        Ok(())
    }
}

impl Pages {
    /// Unmaps the range now and reports how that went: `InvalidArgument`
    /// means it was no longer mapped (a shared grant its granter revoked);
    /// `Busy` that it is lent for a call in progress and stays mapped, out
    /// of reach ([`try_unmap`](Self::try_unmap) gives it back instead).
    pub fn unmap(self) -> Result<(), SysError> {
        self.try_unmap().unwrap_or_else(|pages| {
            // Still mapped, lent for a call in progress: forgotten rather
            // than dropped, as before, so the drop does not try again.
            core::mem::forget(pages);
            Err(SysError::Busy)
        })
    }

    /// Unmaps the range now and reports how that went, as [`unmap`](Self::unmap)
    /// does; but if the kernel refuses because the pages are lent for a call
    /// in progress (`Busy`), they stay mapped and come back as `Err`.
    pub fn try_unmap(self) -> Result<Result<(), SysError>, Pages> {
        let (address, length) = (self.address, self.pages * PAGE_SIZE);
        // SAFETY: the range is owned by this value, and no reference into it
        // outlives it (contents are only copied in and out).
        match result(unsafe { sys::syscall4(Syscall::MemoryUnmap, address, length, 0, 0) }) {
            Err(SysError::Busy) => Err(self),
            answer => {
                core::mem::forget(self);
                Ok(answer.map(|_| ()))
            }
        }
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        // SAFETY: the range is owned by this value and no reference into it
        // outlives it (contents are only copied in and out).
        let answer = unsafe { sys::syscall4(Syscall::MemoryUnmap, self.address, self.pages * PAGE_SIZE, 0, 0) };
        let _ = result(answer);
    }
}
