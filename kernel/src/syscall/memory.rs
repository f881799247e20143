//! Memory syscalls: anonymous mappings and system counters.

use barodia_abi::{MemoryFlags, SysError, SystemInfo};

use super::SysResult;
use crate::memory::address_space::{Access, RegionError, RegionKind};
use crate::memory::layout::PAGE_SIZE;
use crate::memory::user_copy::UserSliceWo;
use crate::memory::{frames, heap};
use crate::task::with_current_space;

/// Anonymous mappings are placed from here upward.
const MAP_HINT: u64 = 0x0000_1000_0000_0000;

/// `MemoryMap`: reserve and commit demand-zero memory.
pub fn map(length: u64, flags: u64) -> SysResult {
    let flags = MemoryFlags::try_from(flags).map_err(|_| SysError::InvalidArgument)?;
    let write = flags.contains(MemoryFlags::WRITE);
    let execute = flags.contains(MemoryFlags::EXECUTE);
    if length == 0 || (write && execute) {
        return Err(SysError::InvalidArgument);
    }
    let length = length.checked_next_multiple_of(PAGE_SIZE).ok_or(SysError::InvalidArgument)?;
    with_current_space(|space| {
        let start = space.find_free_range(MAP_HINT, length).ok_or(SysError::OutOfMemory)?;
        let end = start.checked_add(length).ok_or(SysError::OutOfMemory)?;
        match space.add_region(start, end, Access { write, execute }, RegionKind::Anonymous) {
            Ok(()) => Ok(start),
            Err(RegionError::OutOfMemory) => Err(SysError::OutOfMemory),
            Err(RegionError::BadRange) => Err(SysError::InvalidArgument),
        }
    })
    .unwrap_or(Err(SysError::InvalidArgument))
}

/// `MemoryUnmap`: release a whole region from `MemoryMap`.
pub fn unmap(start: u64, length: u64) -> SysResult {
    if !start.is_multiple_of(PAGE_SIZE) || length == 0 {
        return Err(SysError::InvalidArgument);
    }
    let length = length.checked_next_multiple_of(PAGE_SIZE).ok_or(SysError::InvalidArgument)?;
    let end = start.checked_add(length).ok_or(SysError::InvalidArgument)?;
    crate::task::with_tasks(|tasks| {
        let id = tasks.current_process_mut().ok_or(SysError::InvalidArgument)?.id;
        // Pages lent for a call in progress stay until the call ends.
        if crate::ipc::loans::lent_from(tasks, id, start, end) {
            return Err(SysError::Busy);
        }
        let process = tasks.current_process_mut().ok_or(SysError::InvalidArgument)?;
        let unmapped = process.space.take_unmappable(start, length).map_err(|_| SysError::InvalidArgument)?;
        if let Some(grant) = unmapped.grant() {
            crate::ipc::grants::forget(grant);
        }
        if !unmapped.is_anonymous() {
            process.space.release_unmapped(unmapped);
            return Ok(0);
        }
        // Pages shared out of this range must leave their receivers before
        // the frames are freed.
        crate::ipc::grants::revoke_range(tasks, id, start, end);
        if let Some(process) = tasks.processes.get_mut(&id) {
            process.space.release_unmapped(unmapped);
        }
        Ok(0)
    })
}

/// `SystemInfo`: copy counters to user memory.
pub fn system_info(address: u64, size: u64) -> SysResult {
    const SIZE: usize = core::mem::size_of::<SystemInfo>();
    if size != SIZE as u64 {
        return Err(SysError::InvalidArgument);
    }
    let target = UserSliceWo::new(address, size, SIZE)?;
    let (processes, threads, handles) = crate::task::counts();
    let fields = [
        frames::free_count(),
        frames::total_count(),
        processes,
        threads,
        crate::time::now_nanoseconds(),
        heap::used_bytes(),
        handles,
        heap::mapped_bytes(),
    ];
    // Field by field in declaration order; the ABI crate asserts the size.
    let mut bytes = [0u8; SIZE];
    for (chunk, value) in bytes.chunks_exact_mut(8).zip(fields) {
        chunk.copy_from_slice(&value.to_le_bytes());
    }
    with_current_space(|space| target.copy_out(space, &bytes)).unwrap_or(Err(SysError::BadAddress))?;
    Ok(0)
}
