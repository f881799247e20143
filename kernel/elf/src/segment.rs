//! One loadable segment: its checks and what the plan says about it.

use object::LittleEndian;
use object::elf::{self, ProgramHeader64};

use crate::header::ENDIAN;
use crate::{ElfError, LoadLimits, PAGE_SIZE};

/// Access rights of a segment's pages, from `p_flags`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Permissions {
    /// `PF_R`: the pages may be read.
    pub read: bool,
    /// `PF_W`: the pages may be written.
    pub write: bool,
    /// `PF_X`: the pages may be executed.
    pub execute: bool,
}

impl Permissions {
    /// Decodes `p_flags`; bits other than `PF_R`, `PF_W`, `PF_X` are ignored.
    fn from_flags(flags: u32) -> Self {
        Self {
            read: flags & elf::PF_R != 0,
            write: flags & elf::PF_W != 0,
            execute: flags & elf::PF_X != 0,
        }
    }
}

/// A validated `PT_LOAD` segment, at its final (absolute) address.
///
/// The kernel maps the pages `page_start() .. page_end()` with
/// `permissions()`, copies `file_bytes()` to `start()`, and zeroes the rest of
/// those pages. Every address here lies inside the caller's user range and the
/// arithmetic between them cannot overflow; the fields are private so that
/// stays true.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    program_header_index: u16,
    start: u64,
    memory_size: u64,
    end: u64,
    page_start: u64,
    page_end: u64,
    file_bytes: &'a [u8],
    permissions: Permissions,
}

impl<'a> Segment<'a> {
    /// A placeholder for the unused slots of a fixed-size segment array.
    pub(crate) const EMPTY: Segment<'static> = Segment {
        program_header_index: 0,
        start: 0,
        memory_size: 0,
        end: 0,
        page_start: 0,
        page_end: 0,
        file_bytes: &[],
        permissions: Permissions {
            read: false,
            write: false,
            execute: false,
        },
    };

    /// Index of this segment's header in the program header table.
    pub fn program_header_index(&self) -> u16 {
        self.program_header_index
    }

    /// Absolute virtual address of the segment's first byte.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// Size in memory (`p_memsz`), at least 1.
    pub fn memory_size(&self) -> u64 {
        self.memory_size
    }

    /// Absolute virtual address one past the segment's last byte.
    pub fn end(&self) -> u64 {
        self.end
    }

    /// `start()` rounded down to a page boundary: the first page to map.
    pub fn page_start(&self) -> u64 {
        self.page_start
    }

    /// `end()` rounded up to a page boundary: one past the last page to map.
    pub fn page_end(&self) -> u64 {
        self.page_end
    }

    /// The bytes to copy to `start()`, borrowed from the ELF file. Shorter
    /// than `memory_size()` when the segment has a zero-filled tail (`.bss`).
    pub fn file_bytes(&self) -> &'a [u8] {
        self.file_bytes
    }

    /// Access rights of the segment's pages; never both write and execute.
    pub fn permissions(&self) -> Permissions {
        self.permissions
    }

    /// Whether `start <= address` and `address + length <= end`.
    pub(crate) fn contains(&self, address: u64, length: u64) -> bool {
        address >= self.start
            && address
                .checked_add(length)
                .is_some_and(|end| end <= self.end)
    }
}

/// The file bytes a program header describes, `p_offset .. p_offset + p_filesz`.
pub(crate) fn file_range<'a>(
    index: u16,
    header: &ProgramHeader64<LittleEndian>,
    file: &'a [u8],
) -> Result<&'a [u8], ElfError> {
    let out_of_file = ElfError::SegmentOutOfFile { segment: index };
    let offset = header.p_offset.get(ENDIAN);
    let end = offset
        .checked_add(header.p_filesz.get(ENDIAN))
        .ok_or(out_of_file)?;
    let offset = usize::try_from(offset).map_err(|_| out_of_file)?;
    let end = usize::try_from(end).map_err(|_| out_of_file)?;
    file.get(offset..end).ok_or(out_of_file)
}

/// Checks one `PT_LOAD` header on its own; `None` for an empty segment.
///
/// Checks against other segments (overlap, total size) are in
/// [`crate::layout`].
pub(crate) fn load_segment<'a>(
    index: u16,
    header: &ProgramHeader64<LittleEndian>,
    file: &'a [u8],
    base: u64,
    limits: &LoadLimits,
) -> Result<Option<Segment<'a>>, ElfError> {
    let memory_size = header.p_memsz.get(ENDIAN);
    if header.p_filesz.get(ENDIAN) > memory_size {
        return Err(ElfError::FileSizeExceedsMemorySize { segment: index });
    }
    let file_bytes = file_range(index, header, file)?;
    // NOTE: an empty PT_LOAD maps nothing, so it cannot overlap or hold the
    // entry point; linkers emit them rarely, and skipping them is harmless.
    if memory_size == 0 {
        return Ok(None);
    }
    let link_address = header.p_vaddr.get(ENDIAN);
    check_alignment(index, header, link_address)?;
    let permissions = Permissions::from_flags(header.p_flags.get(ENDIAN));
    if permissions.write && permissions.execute {
        return Err(ElfError::WritableAndExecutable { segment: index });
    }
    let overflow = ElfError::AddressOverflow { segment: index };
    let start = base.checked_add(link_address).ok_or(overflow)?;
    let end = start.checked_add(memory_size).ok_or(overflow)?;
    let page_start = start & !(PAGE_SIZE - 1);
    let page_end = end.checked_add(PAGE_SIZE - 1).ok_or(overflow)? & !(PAGE_SIZE - 1);
    if page_start < limits.user_start || page_end > limits.user_end {
        return Err(ElfError::OutsideUserRange { segment: index });
    }
    Ok(Some(Segment {
        program_header_index: index,
        start,
        memory_size,
        end,
        page_start,
        page_end,
        file_bytes,
        permissions,
    }))
}

/// Checks `p_align` and that `p_vaddr` and `p_offset` agree modulo it.
///
/// 0 and 1 mean "no constraint" in the ELF specification, so they pass: the
/// plan hands out file bytes for the kernel to copy, which needs no
/// congruence between address and offset. Any other value must be a power of two of at least a page: 2..4095 is legal ELF,
/// but no linker emits it for a program that is mapped by page, so such a
/// value means a corrupted header rather than something to guess around.
fn check_alignment(
    index: u16,
    header: &ProgramHeader64<LittleEndian>,
    link_address: u64,
) -> Result<(), ElfError> {
    let align = header.p_align.get(ENDIAN);
    if align <= 1 {
        return Ok(());
    }
    if !align.is_power_of_two() || align < PAGE_SIZE {
        return Err(ElfError::BadAlignment { segment: index });
    }
    // A power of two: `x & (align - 1)` is `x % align` without a division.
    let mask = align - 1;
    if link_address & mask != header.p_offset.get(ENDIAN) & mask {
        return Err(ElfError::MisalignedSegment { segment: index });
    }
    Ok(())
}
