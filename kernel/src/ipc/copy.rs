//! Copies between two processes' memory, for message data and leases.
//!
//! Neither side need be the running process: each page piece is found
//! through its owner's page table (faulting demand pages in, as the owner's
//! own access would) and copied frame to frame through the physical-memory
//! window, so no bounce buffer and no address-space switch is needed.

use barodia_abi::SysError;

use crate::memory::layout::PAGE_SIZE;
use crate::memory::physical;
use crate::memory::user_copy::check_range;
use crate::task::{ProcessId, Tasks};

/// Copies `len` bytes from `source` in process `from` to `destination` in
/// process `to`. Fails with `BadAddress` if either range is not user memory
/// with the access needed (read at the source, write at the destination).
pub fn copy_across(
    tasks: &mut Tasks,
    from: ProcessId,
    source: u64,
    to: ProcessId,
    destination: u64,
    len: usize,
) -> Result<(), SysError> {
    check_range(source, len as u64, usize::MAX)?;
    check_range(destination, len as u64, usize::MAX)?;
    let mut done = 0usize;
    while done < len {
        let (source_address, destination_address) = (source + done as u64, destination + done as u64);
        let source_room = (PAGE_SIZE - source_address % PAGE_SIZE) as usize;
        let destination_room = (PAGE_SIZE - destination_address % PAGE_SIZE) as usize;
        let piece = (len - done).min(source_room).min(destination_room);
        let source_frame = tasks
            .processes
            .get_mut(&from)
            .ok_or(SysError::PeerGone)?
            .space
            .frame_for_access(source_address, false)
            .map_err(|_| SysError::BadAddress)?;
        let destination_frame = tasks
            .processes
            .get_mut(&to)
            .ok_or(SysError::PeerGone)?
            .space
            .frame_for_access(destination_address, true)
            .map_err(|_| SysError::BadAddress)?;
        physical::copy_between_frames(
            source_frame,
            (source_address % PAGE_SIZE) as usize,
            destination_frame,
            (destination_address % PAGE_SIZE) as usize,
            piece,
        );
        done += piece;
    }
    Ok(())
}

/// Writes `words` to `destination` in process `to`.
pub fn write_to(tasks: &mut Tasks, to: ProcessId, destination: u64, words: &[u64]) -> Result<(), SysError> {
    let len = core::mem::size_of_val(words);
    let target = crate::memory::user_copy::UserSliceWo::new(destination, len as u64, len)?;
    let space = &mut tasks.processes.get_mut(&to).ok_or(SysError::PeerGone)?.space;
    target.copy_out_words(space, words)
}

/// Checks that `len` bytes at `destination` in process `to` are writable
/// (faulting them in) without writing them.
pub fn probe_writable(tasks: &mut Tasks, to: ProcessId, destination: u64, len: usize) -> Result<(), SysError> {
    let target = crate::memory::user_copy::UserSliceWo::new(destination, len as u64, len)?;
    let space = &mut tasks.processes.get_mut(&to).ok_or(SysError::PeerGone)?.space;
    target.probe(space)
}

/// Reads `words.len()` words from `source` in process `from`.
pub fn read_from(tasks: &mut Tasks, from: ProcessId, source: u64, words: &mut [u64]) -> Result<(), SysError> {
    let len = core::mem::size_of_val(words);
    let range = crate::memory::user_copy::UserSliceRo::new(source, len as u64, len)?;
    let space = &mut tasks.processes.get_mut(&from).ok_or(SysError::PeerGone)?.space;
    range.copy_in_words(space, words)
}
