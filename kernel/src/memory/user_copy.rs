//! User memory as the kernel sees it: typed, checked ranges.
//!
//! A syscall handler never touches a raw user address. Syscall entry turns
//! each (address, length) argument into a [`UserSliceRo`] or [`UserSliceWo`]
//! once; the constructor checks the claim (lower half, no wrap-around, within
//! a length limit) without trusting it. Copies then go page by page through
//! the process's page table and the physical-memory window: a page that is
//! not mapped, or not writable for a write, is an error for the caller and
//! never a kernel fault. Demand-paged pages are faulted in as the process
//! itself would.

use barodia_abi::{SysError, USER_SPACE_END};

use super::address_space::AddressSpace;
use super::layout::PAGE_SIZE;
use super::physical;

/// A user range the kernel may read. Only syscall entry makes these.
#[derive(Debug, Clone, Copy)]
pub struct UserSliceRo {
    address: u64,
    len: usize,
}

/// A user range the kernel may write. Only syscall entry makes these.
#[derive(Debug, Clone, Copy)]
pub struct UserSliceWo {
    address: u64,
    len: usize,
}

/// Checks an (address, length) claim: inside user space, no wrap, at most
/// `max_len` bytes.
pub fn check_range(address: u64, len: u64, max_len: usize) -> Result<usize, SysError> {
    let len_usize = usize::try_from(len).map_err(|_| SysError::InvalidArgument)?;
    if len_usize > max_len {
        return Err(SysError::InvalidArgument);
    }
    let end = address.checked_add(len).ok_or(SysError::BadAddress)?;
    if end > USER_SPACE_END {
        return Err(SysError::BadAddress);
    }
    Ok(len_usize)
}

impl UserSliceRo {
    /// Accepts the claim that `address..address + len` is readable user
    /// memory, after checking it lies in user space. The pages themselves are
    /// checked when copying.
    pub fn new(address: u64, len: u64, max_len: usize) -> Result<UserSliceRo, SysError> {
        Ok(UserSliceRo { address, len: check_range(address, len, max_len)? })
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Copies the whole range into the start of `buffer` (which must be at
    /// least as long) and returns the copied bytes.
    pub fn copy_in<'b>(&self, space: &mut AddressSpace, buffer: &'b mut [u8]) -> Result<&'b [u8], SysError> {
        let target = buffer.get_mut(..self.len).ok_or(SysError::InvalidArgument)?;
        for_each_page(self.address, self.len, |address, offset, count| {
            let frame = space.frame_for_access(address, false).map_err(|_| SysError::BadAddress)?;
            let destination = target.get_mut(offset..offset + count).ok_or(SysError::InvalidArgument)?;
            physical::read_frame(frame, (address % PAGE_SIZE) as usize, destination);
            Ok(())
        })?;
        Ok(target)
    }

    /// Copies the whole range into `words`, which must be exactly as long,
    /// as native (little-endian) words: records of `u64` fields arrive
    /// without a byte-by-byte conversion.
    pub fn copy_in_words(&self, space: &mut AddressSpace, words: &mut [u64]) -> Result<(), SysError> {
        if core::mem::size_of_val(words) != self.len {
            return Err(SysError::InvalidArgument);
        }
        // SAFETY: the bytes of a `[u64]` may be written as `u8`s (no
        // alignment needed, every bit pattern is a valid `u64`), and the view
        // covers exactly the slice, borrowed mutably for its lifetime.
        let bytes = unsafe { core::slice::from_raw_parts_mut(words.as_mut_ptr().cast::<u8>(), self.len) };
        self.copy_in(space, bytes).map(|_| ())
    }
}

impl UserSliceWo {
    /// Accepts the claim that `address..address + len` is writable user
    /// memory, after checking it lies in user space.
    pub fn new(address: u64, len: u64, max_len: usize) -> Result<UserSliceWo, SysError> {
        Ok(UserSliceWo { address, len: check_range(address, len, max_len)? })
    }

    /// Checks that the whole range is writable, faulting its demand pages in
    /// as a copy would, without writing anything: a copy made later, with
    /// the task lock held throughout, then cannot fail.
    pub fn probe(&self, space: &mut AddressSpace) -> Result<(), SysError> {
        for_each_page(self.address, self.len, |address, _, _| {
            space.frame_for_access(address, true).map(|_| ()).map_err(|_| SysError::BadAddress)
        })
    }

    /// Copies `words` (exactly the range's length) out to user memory as
    /// native (little-endian) words.
    pub fn copy_out_words(&self, space: &mut AddressSpace, words: &[u64]) -> Result<(), SysError> {
        // SAFETY: any initialised `[u64]` may be read as bytes; the view
        // covers exactly the slice and lives no longer than its borrow.
        let bytes = unsafe { core::slice::from_raw_parts(words.as_ptr().cast::<u8>(), core::mem::size_of_val(words)) };
        self.copy_out(space, bytes)
    }

    /// Copies `data` (exactly the range's length) out to user memory.
    pub fn copy_out(&self, space: &mut AddressSpace, data: &[u8]) -> Result<(), SysError> {
        if data.len() != self.len {
            return Err(SysError::InvalidArgument);
        }
        for_each_page(self.address, self.len, |address, offset, count| {
            let frame = space.frame_for_access(address, true).map_err(|_| SysError::BadAddress)?;
            let source = data.get(offset..offset + count).ok_or(SysError::InvalidArgument)?;
            physical::write_frame(frame, (address % PAGE_SIZE) as usize, source);
            Ok(())
        })
    }
}

/// Calls `step(address, offset_in_range, bytes_in_this_page)` for each page
/// the range touches.
pub fn for_each_page(
    start: u64,
    len: usize,
    mut step: impl FnMut(u64, usize, usize) -> Result<(), SysError>,
) -> Result<(), SysError> {
    let mut offset = 0usize;
    while offset < len {
        let address = start + offset as u64;
        let in_page = (PAGE_SIZE - address % PAGE_SIZE) as usize;
        let count = in_page.min(len - offset);
        step(address, offset, count)?;
        offset += count;
    }
    Ok(())
}
