//! The entry point of the crate: check a whole file and produce a [`LoadPlan`].

use object::LittleEndian;
use object::elf::{self, ProgramHeader64, Rela64};

use crate::dynamic;
use crate::header::{self, AddressKind, ENDIAN};
use crate::layout::SegmentList;
use crate::relocation::{self, Relocations};
use crate::segment::{self, Segment};
use crate::{ElfError, PAGE_SIZE};

/// What the caller allows a program to occupy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadLimits {
    /// Lowest address a segment's pages may start at; page aligned.
    pub user_start: u64,
    /// One past the highest address a segment's pages may reach; page aligned.
    /// Keep it below the kernel half (for example `0x0000_7FFF_FFFF_0000`).
    pub user_end: u64,
    /// Most bytes all segments may occupy together, counted in whole pages.
    pub max_memory: u64,
}

impl LoadLimits {
    /// Checks that the range is non-empty and page aligned at both ends, so
    /// that a page-rounded segment inside it is inside it byte for byte.
    fn check(&self) -> Result<(), ElfError> {
        let aligned =
            self.user_start.is_multiple_of(PAGE_SIZE) && self.user_end.is_multiple_of(PAGE_SIZE);
        if !aligned || self.user_start >= self.user_end {
            return Err(ElfError::InvalidLimits);
        }
        Ok(())
    }
}

/// Everything the kernel needs to map and start a validated program.
///
/// Addresses are absolute: the load base is already added. The plan borrows
/// the ELF file for segment contents and relocations.
#[derive(Clone, Debug)]
pub struct LoadPlan<'a> {
    base: u64,
    entry: u64,
    segments: SegmentList<'a>,
    relocations: &'a [Rela64<LittleEndian>],
}

impl<'a> LoadPlan<'a> {
    /// The load base the plan was made for (0 for an `ET_EXEC` program).
    pub fn base(&self) -> u64 {
        self.base
    }

    /// Absolute address of the first instruction; inside an executable segment.
    pub fn entry(&self) -> u64 {
        self.entry
    }

    /// The segments to map, in program header order; at least one, at most
    /// [`MAX_SEGMENTS`](crate::MAX_SEGMENTS), no two sharing a page.
    pub fn segments(&self) -> &[Segment<'a>] {
        self.segments.as_slice()
    }

    /// The relocations to apply after the segments are mapped and filled, and
    /// before the program's pages lose write permission (if the kernel makes
    /// RELRO read-only).
    pub fn relocations(&self) -> Relocations<'a> {
        Relocations::new(self.relocations, self.base)
    }

    /// One past the highest mapped page: the heap can start here.
    pub fn image_end(&self) -> u64 {
        self.segments.image_end()
    }
}

/// Validates `file` as a Barodia user program loaded at `base`, and plans
/// its loading.
///
/// `base` must be a nonzero multiple of [`PAGE_SIZE`] for an `ET_DYN`
/// program and 0 for an `ET_EXEC` one. Every check is listed in the crate
/// documentation; the first that fails is returned.
pub fn plan_load<'a>(
    file: &'a [u8],
    base: u64,
    limits: &LoadLimits,
) -> Result<LoadPlan<'a>, ElfError> {
    limits.check()?;
    let header = header::parse_file_header(file)?;
    check_base(header.address_kind, base)?;
    let ProgramHeaders { segments, dynamic } =
        read_program_headers(header.program_headers, file, base, limits)?;
    if segments.as_slice().is_empty() {
        return Err(ElfError::NoLoadableSegment);
    }
    let entry = check_entry(header.entry, base, &segments)?;
    let relocations = match dynamic.map(dynamic::rela_table).transpose()?.flatten() {
        Some(table) => relocation::validate(table, &segments, base)?,
        None => &[],
    };
    Ok(LoadPlan {
        base,
        entry,
        segments,
        relocations,
    })
}

/// What the program header table yields once every header is checked.
struct ProgramHeaders<'a> {
    /// The non-empty `PT_LOAD` segments.
    segments: SegmentList<'a>,
    /// The file bytes of `PT_DYNAMIC`, if there is one.
    dynamic: Option<&'a [u8]>,
}

/// Checks each program header by type, in table order.
fn read_program_headers<'a>(
    program_headers: &[ProgramHeader64<LittleEndian>],
    file: &'a [u8],
    base: u64,
    limits: &LoadLimits,
) -> Result<ProgramHeaders<'a>, ElfError> {
    let mut segments = SegmentList::new();
    let mut dynamic = None;
    // Program header indices fit in `u16`: `e_phnum` is a `u16`.
    for (index, program_header) in (0..=u16::MAX).zip(program_headers) {
        match program_header.p_type.get(ENDIAN) {
            elf::PT_LOAD => {
                if let Some(segment) =
                    segment::load_segment(index, program_header, file, base, limits)?
                {
                    segments.push(segment, limits.max_memory)?;
                }
            }
            elf::PT_DYNAMIC => {
                if dynamic.is_some() {
                    return Err(ElfError::DuplicateDynamicSegment { segment: index });
                }
                dynamic = Some(segment::file_range(index, program_header, file)?);
            }
            elf::PT_INTERP => return Err(ElfError::InterpreterRequested { segment: index }),
            elf::PT_TLS => {
                return Err(ElfError::ThreadLocalStorageUnsupported { segment: index });
            }
            // Informational headers. GNU_STACK's flags are ignored because the
            // kernel never makes a stack executable; GNU_RELRO is advice the
            // kernel may follow after relocating.
            elf::PT_NULL
            | elf::PT_NOTE
            | elf::PT_PHDR
            | elf::PT_GNU_EH_FRAME
            | elf::PT_GNU_STACK
            | elf::PT_GNU_RELRO
            | elf::PT_GNU_PROPERTY => {}
            segment_type => {
                return Err(ElfError::UnsupportedSegmentType {
                    segment: index,
                    segment_type,
                });
            }
        }
    }
    Ok(ProgramHeaders { segments, dynamic })
}

/// Checks the load base against the kind of program.
fn check_base(kind: AddressKind, base: u64) -> Result<(), ElfError> {
    match kind {
        AddressKind::Relative if base == 0 || !base.is_multiple_of(PAGE_SIZE) => {
            Err(ElfError::InvalidBase)
        }
        AddressKind::Absolute if base != 0 => Err(ElfError::BaseForAbsoluteProgram),
        AddressKind::Relative | AddressKind::Absolute => Ok(()),
    }
}

/// The absolute entry point, after checking it lies in an executable segment.
fn check_entry(linked_entry: u64, base: u64, segments: &SegmentList<'_>) -> Result<u64, ElfError> {
    let entry = base
        .checked_add(linked_entry)
        .ok_or(ElfError::EntryOutsideSegments)?;
    let segment = segments
        .containing(entry)
        .ok_or(ElfError::EntryOutsideSegments)?;
    if !segment.permissions().execute {
        return Err(ElfError::EntryNotExecutable {
            segment: segment.program_header_index(),
        });
    }
    Ok(entry)
}
