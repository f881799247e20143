//! Builds a new process image: program segments, arguments, main stack and
//! the timing page, from a validated ELF load plan.

use barodia_abi::{TIMING_PAGE_ADDRESS, USER_SPACE_END, USER_SPACE_START};
use elf_loader::{LoadLimits, LoadPlan, plan_load};
use x86_64::VirtAddr;
use x86_64::structures::paging::PhysFrame;

use crate::memory::address_space::{Access, AddressSpace, RegionError, RegionKind};
use crate::memory::frames;
use crate::memory::layout::PAGE_SIZE;
use crate::memory::{paging, physical};

/// Where program images are loaded (they are position independent).
const IMAGE_BASE: u64 = 0x0000_0000_0100_0000;
/// Where the argument block goes.
const ARGUMENTS_ADDRESS: u64 = USER_SPACE_START;
/// Largest program image, in bytes of memory.
const MAX_IMAGE_MEMORY: u64 = 256 * 1024 * 1024;
/// Search for stack space starts here, high in user space.
pub const STACK_HINT: u64 = 0x0000_7000_0000_0000;
/// The main thread's stack size.
pub const MAIN_STACK_SIZE: u64 = 256 * 1024;
/// Every other thread's stack size.
pub const THREAD_STACK_SIZE: u64 = 64 * 1024;

/// Why a program could not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadError {
    /// The ELF loader rejected the file.
    BadExecutable(elf_loader::ElfError),
    /// Memory ran out.
    OutOfMemory,
}

impl From<RegionError> for LoadError {
    fn from(_: RegionError) -> LoadError {
        LoadError::OutOfMemory
    }
}

/// A loaded image: where to start and what to pass.
pub struct LoadedImage {
    /// The entry point.
    pub entry: u64,
    /// Top of the main thread's stack.
    pub stack_top: u64,
    /// Address and length of the argument block.
    pub arguments: (u64, u64),
}

/// Loads `file` with `arguments` into `space`.
pub fn load(space: &mut AddressSpace, file: &[u8], arguments: &[u8]) -> Result<LoadedImage, LoadError> {
    let limits = LoadLimits { user_start: USER_SPACE_START, user_end: USER_SPACE_END, max_memory: MAX_IMAGE_MEMORY };
    let plan = plan_load(file, IMAGE_BASE, &limits).map_err(LoadError::BadExecutable)?;
    map_segments(space, &plan)?;
    apply_relocations(space, &plan)?;
    let arguments = map_arguments(space, arguments)?;
    map_timing_page(space)?;
    let (_, stack_top) = add_stack(space, MAIN_STACK_SIZE)?;
    Ok(LoadedImage { entry: plan.entry(), stack_top, arguments })
}

fn map_segments(space: &mut AddressSpace, plan: &LoadPlan<'_>) -> Result<(), LoadError> {
    for segment in plan.segments() {
        let permissions = segment.permissions();
        let access = Access { write: permissions.write, execute: permissions.execute };
        space.add_region(segment.page_start(), segment.page_end(), access, RegionKind::Image)?;
        let bytes = segment.file_bytes();
        let mut page = segment.page_start();
        while page < segment.page_end() {
            let frame = frames::allocate_uncommitted().map_err(|_| LoadError::OutOfMemory)?;
            copy_segment_bytes(frame, page, segment.start(), bytes);
            if let Err(error) = space.map_now(page, frame, false) {
                frames::free(frame);
                return Err(error.into());
            }
            page += PAGE_SIZE;
        }
    }
    Ok(())
}

/// Copies the part of `bytes` (loaded at `start`) that falls in the page at
/// `page` into `frame`; the rest of the frame stays zero (`.bss`).
fn copy_segment_bytes(frame: PhysFrame, page: u64, start: u64, bytes: &[u8]) {
    let data_end = start + bytes.len() as u64;
    let from = page.max(start);
    let to = (page + PAGE_SIZE).min(data_end);
    if from >= to {
        return;
    }
    let source = &bytes[(from - start) as usize..(to - start) as usize];
    physical::write_frame(frame, (from - page) as usize, source);
}

fn apply_relocations(space: &mut AddressSpace, plan: &LoadPlan<'_>) -> Result<(), LoadError> {
    // Relocations come in address order, so remember the last page's frame
    // rather than walking the page table for every one.
    let mut cached: Option<(u64, PhysFrame)> = None;
    let mut frame_of = |page: u64| -> Result<PhysFrame, LoadError> {
        if let Some((cached_page, frame)) = cached
            && cached_page == page
        {
            return Ok(frame);
        }
        let (frame, _) = paging::translate(space.level_4(), VirtAddr::new(page)).ok_or(LoadError::OutOfMemory)?;
        cached = Some((page, frame));
        Ok(frame)
    };
    for relocation in plan.relocations() {
        // The loader checked that all 8 bytes lie in one writable segment;
        // they may still straddle two pages.
        let bytes = relocation.value.to_le_bytes();
        let offset = relocation.address % PAGE_SIZE;
        let page = relocation.address - offset;
        let in_first_page = ((PAGE_SIZE - offset) as usize).min(bytes.len());
        let (first, rest) = bytes.split_at(in_first_page);
        physical::write_frame(frame_of(page)?, offset as usize, first);
        if !rest.is_empty() {
            physical::write_frame(frame_of(page + PAGE_SIZE)?, 0, rest);
        }
    }
    Ok(())
}

fn map_arguments(space: &mut AddressSpace, arguments: &[u8]) -> Result<(u64, u64), LoadError> {
    let pages = (arguments.len() as u64).div_ceil(PAGE_SIZE).max(1);
    let end = ARGUMENTS_ADDRESS + pages * PAGE_SIZE;
    space.add_region(ARGUMENTS_ADDRESS, end, Access::READ, RegionKind::Arguments)?;
    for index in 0..pages {
        let from = (index * PAGE_SIZE) as usize;
        let chunk = arguments.get(from..arguments.len().min(from + PAGE_SIZE as usize)).unwrap_or(&[]);
        let frame = frames::allocate_uncommitted().map_err(|_| LoadError::OutOfMemory)?;
        physical::write_frame(frame, 0, chunk);
        if let Err(error) = space.map_now(ARGUMENTS_ADDRESS + index * PAGE_SIZE, frame, false) {
            frames::free(frame);
            return Err(error.into());
        }
    }
    Ok((ARGUMENTS_ADDRESS, arguments.len() as u64))
}

fn map_timing_page(space: &mut AddressSpace) -> Result<(), LoadError> {
    space.add_region(TIMING_PAGE_ADDRESS, TIMING_PAGE_ADDRESS + PAGE_SIZE, Access::READ, RegionKind::Timing)?;
    space.map_now(TIMING_PAGE_ADDRESS, crate::time::timing_frame(), true)?;
    Ok(())
}

/// Adds a demand-paged stack of `size` bytes with a guard page below it;
/// returns the region start and the initial stack pointer.
pub fn add_stack(space: &mut AddressSpace, size: u64) -> Result<(u64, u64), LoadError> {
    let start = space.find_free_range(STACK_HINT, size + PAGE_SIZE).ok_or(LoadError::OutOfMemory)?;
    let stack_start = start + PAGE_SIZE;
    space.add_region(start, stack_start, Access::READ, RegionKind::Guard)?;
    space.add_region(stack_start, stack_start + size, Access::READ_WRITE, RegionKind::Stack)?;
    Ok((start, stack_start + size))
}
