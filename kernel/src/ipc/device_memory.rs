//! Device memory: memory objects over physical pages that are not RAM (the
//! VGA text buffer, a device's registers), claimed with the platform
//! capability and mapped by whoever holds a handle with the map rights.
//!
//! Only the legacy VGA window and addresses above all RAM can be claimed, so
//! no handle can ever reach a frame the allocator owns; mappings are marked
//! not-owned and uncached, and unmapping frees nothing.
//!
//! One memory object is RAM: the boot archive, which the bootloader loaded
//! and the kernel keeps for its lifetime. `BootArchiveClaim` hands it out
//! read-only (the ramdisk server reads its files from it); it is mapped
//! cached, and never freed either.

use alloc::vec::Vec;

use barodia_abi::{MAX_GRANT_PAGES, MemoryFlags, Rights, SysError};
use x86_64::PhysAddr;
use x86_64::structures::paging::PhysFrame;

use super::handles::{insert_current, resolve_as};
use super::object::KernelObject;
use crate::memory::address_space::{Access, RegionError, RegionKind};
use crate::memory::frames;
use crate::memory::layout::PAGE_SIZE;
use crate::task;

/// The colour text buffer: whoever maps it writable owns the screen, and
/// the kernel stops drawing its log there.
const TEXT_BUFFER: u64 = 0xB_8000;
/// The legacy VGA window: text and graphics buffers, never RAM on a PC.
const VGA_WINDOW: (u64, u64) = (0xA_0000, 0xC_0000);

/// Rights of a fresh device-memory handle.
const MEMORY_RIGHTS: Rights =
    Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE, Rights::DUPLICATE, Rights::TRANSFER]);

/// Rights of the boot archive's handle: it is never writable.
const ARCHIVE_RIGHTS: Rights = Rights::from_constants(&[Rights::MAP_READ, Rights::DUPLICATE, Rights::TRANSFER]);

/// A range of physical pages that no process owns: device memory, or the
/// boot archive.
#[derive(Debug, Clone, Copy)]
pub struct DeviceMemory {
    /// First physical address (page aligned).
    pub base: u64,
    /// Number of pages.
    pub pages: u64,
    /// Which kind, and so how it is mapped.
    pub kind: MemoryKind,
}

/// What a [`DeviceMemory`] object covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryKind {
    /// Not RAM: mapped uncached, so the device sees every access.
    Device,
    /// The boot archive: RAM the kernel keeps, mapped cached, read-only.
    BootArchive,
}

/// True if `start..end` is device memory: inside the VGA window, or wholly
/// above every byte of RAM.
fn is_device_range(start: u64, end: u64) -> bool {
    let in_vga = start >= VGA_WINDOW.0 && end <= VGA_WINDOW.1;
    in_vga || start >= frames::ram_end()
}

/// `DeviceMemoryClaim`.
pub fn claim(platform: u64, base: u64, pages: u64) -> Result<u64, SysError> {
    if pages == 0 || pages > MAX_GRANT_PAGES || !base.is_multiple_of(PAGE_SIZE) {
        return Err(SysError::InvalidArgument);
    }
    let end = base.checked_add(pages * PAGE_SIZE).ok_or(SysError::InvalidArgument)?;
    // 52 bits of physical address on x86-64.
    if end > 1 << 52 || !is_device_range(base, end) {
        return Err(SysError::InvalidArgument);
    }
    task::with_tasks(|tasks| {
        resolve_as(tasks, platform, Rights::NONE, |object| matches!(object, KernelObject::Platform).then_some(()))?;
        insert_current(
            tasks,
            KernelObject::DeviceMemory(DeviceMemory { base, pages, kind: MemoryKind::Device }),
            MEMORY_RIGHTS,
        )
    })
}

/// `MemoryObjectMap`.
pub fn map(handle: u64, flags: u64) -> Result<u64, SysError> {
    let flags = MemoryFlags::try_from(flags).map_err(|_| SysError::InvalidArgument)?;
    if flags.contains(MemoryFlags::EXECUTE) {
        return Err(SysError::InvalidArgument);
    }
    let write = flags.contains(MemoryFlags::WRITE);
    let needed = if write { Rights::from_constants(&[Rights::MAP_READ, Rights::MAP_WRITE]) } else { Rights::MAP_READ };
    task::with_tasks(|tasks| {
        let memory = resolve_as(tasks, handle, needed, |object| match object {
            KernelObject::DeviceMemory(memory) => Some(*memory),
            _ => None,
        })?;
        let frames: Vec<PhysFrame> = (0..memory.pages)
            .map(|page| PhysFrame::containing_address(PhysAddr::new(memory.base + page * PAGE_SIZE)))
            .collect();
        let access = if write { Access::READ_WRITE } else { Access::READ };
        let process = tasks.current_process_mut().ok_or(SysError::InvalidArgument)?;
        let region = match memory.kind {
            MemoryKind::Device => RegionKind::Device,
            MemoryKind::BootArchive => RegionKind::BootArchive,
        };
        let address = process.space.attach_frames(&frames, access, region, false).map_err(|error| match error {
            RegionError::BadRange => SysError::InvalidArgument,
            RegionError::OutOfMemory => SysError::OutOfMemory,
        })?;
        if write && memory.base <= TEXT_BUFFER && TEXT_BUFFER < memory.base + memory.pages * PAGE_SIZE {
            crate::console::hand_over_screen();
        }
        Ok(address)
    })
}

/// `BootArchiveClaim`.
pub fn claim_boot_archive(platform: u64) -> Result<u64, SysError> {
    let (base, pages) = crate::ramdisk::physical_range().ok_or(SysError::NotFound)?;
    task::with_tasks(|tasks| {
        resolve_as(tasks, platform, Rights::NONE, |object| matches!(object, KernelObject::Platform).then_some(()))?;
        insert_current(
            tasks,
            KernelObject::DeviceMemory(DeviceMemory { base, pages, kind: MemoryKind::BootArchive }),
            ARCHIVE_RIGHTS,
        )
    })
}

/// `MemoryObjectSize`.
pub fn size(handle: u64) -> Result<u64, SysError> {
    task::with_tasks(|tasks| {
        resolve_as(tasks, handle, Rights::MAP_READ, |object| match object {
            KernelObject::DeviceMemory(memory) => Some(memory.pages),
            _ => None,
        })
    })
}
