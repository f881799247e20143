//! The one error type of ELF validation.
//!
//! Every check in the crate returns one of these variants; none of them carries
//! borrowed data, so the kernel can log one and drop the ELF bytes. Variants
//! that concern one program header name its index in the program header table
//! (`segment`), and variants that concern one relocation name its index in the
//! RELA table (`index`), so `readelf -l` and `readelf -r` point at the culprit.

use core::fmt;

/// Why an ELF file cannot be loaded, or why the caller's request is invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElfError {
    /// The file is shorter than the 64-byte ELF64 file header.
    TruncatedHeader,
    /// The file does not start with `\x7fELF`.
    BadMagic,
    /// The file is not ELF64 (`EI_CLASS` is not `ELFCLASS64`).
    NotElf64 {
        /// The `EI_CLASS` byte found.
        class: u8,
    },
    /// The file is not little-endian (`EI_DATA` is not `ELFDATA2LSB`).
    NotLittleEndian {
        /// The `EI_DATA` byte found.
        encoding: u8,
    },
    /// `EI_VERSION` or `e_version` is not 1 (`EV_CURRENT`).
    BadVersion,
    /// `e_machine` is not `EM_X86_64`.
    WrongMachine {
        /// The `e_machine` value found.
        machine: u16,
    },
    /// `e_type` is neither `ET_DYN` (static PIE) nor `ET_EXEC`.
    UnsupportedType {
        /// The `e_type` value found.
        file_type: u16,
    },
    /// `e_phentsize` is not 56, the size of an ELF64 program header.
    BadProgramHeaderSize {
        /// The `e_phentsize` value found.
        size: u16,
    },
    /// The program header table does not lie entirely inside the file.
    ProgramHeadersOutOfFile,
    /// A program header's type is neither loadable nor known to be harmless.
    UnsupportedSegmentType {
        /// Index of the program header.
        segment: u16,
        /// Its `p_type`.
        segment_type: u32,
    },
    /// A `PT_INTERP` header asks for a dynamic linker, which Barodia lacks.
    InterpreterRequested {
        /// Index of the program header.
        segment: u16,
    },
    /// A `PT_TLS` header asks for thread-local storage, not supported yet.
    ThreadLocalStorageUnsupported {
        /// Index of the program header.
        segment: u16,
    },
    /// More than one `PT_DYNAMIC` header.
    DuplicateDynamicSegment {
        /// Index of the second `PT_DYNAMIC` header.
        segment: u16,
    },
    /// More than [`MAX_SEGMENTS`](crate::MAX_SEGMENTS) non-empty `PT_LOAD` headers.
    TooManySegments,
    /// No `PT_LOAD` header with a nonzero `p_memsz`: nothing to run.
    NoLoadableSegment,
    /// A segment's `p_offset .. p_offset + p_filesz` is not inside the file.
    SegmentOutOfFile {
        /// Index of the program header.
        segment: u16,
    },
    /// A `PT_LOAD` header has `p_filesz > p_memsz`.
    FileSizeExceedsMemorySize {
        /// Index of the program header.
        segment: u16,
    },
    /// `p_align` is neither 0, 1 nor a power of two of at least 4096.
    BadAlignment {
        /// Index of the program header.
        segment: u16,
    },
    /// `p_vaddr` and `p_offset` differ modulo `p_align`.
    MisalignedSegment {
        /// Index of the program header.
        segment: u16,
    },
    /// Base + `p_vaddr` + `p_memsz`, or its rounding up to a page, overflows.
    AddressOverflow {
        /// Index of the program header.
        segment: u16,
    },
    /// A segment's pages are not all inside the caller's user address range.
    OutsideUserRange {
        /// Index of the program header.
        segment: u16,
    },
    /// The pages of all segments together exceed the caller's memory limit.
    MemoryLimitExceeded {
        /// Index of the program header that crossed the limit.
        segment: u16,
    },
    /// Two loadable segments share a page of memory.
    OverlappingSegments {
        /// Index of the earlier program header.
        first: u16,
        /// Index of the later program header.
        second: u16,
    },
    /// A segment is both writable and executable (W^X).
    WritableAndExecutable {
        /// Index of the program header.
        segment: u16,
    },
    /// The entry point lies in no loadable segment.
    EntryOutsideSegments,
    /// The entry point lies in a segment without execute permission.
    EntryNotExecutable {
        /// Index of the program header holding the entry point.
        segment: u16,
    },
    /// The dynamic section names a feature the loader does not implement
    /// (`DT_NEEDED`, `DT_REL`, `DT_RELR`, `DT_JMPREL`, `DT_TEXTREL`).
    UnsupportedDynamicEntry {
        /// The `d_tag` found.
        tag: u64,
    },
    /// Only some of `DT_RELA`, `DT_RELASZ` and `DT_RELAENT` are present.
    IncompleteRelocationInfo,
    /// `DT_RELAENT` is not 24, or `DT_RELASZ` is not a multiple of it.
    BadRelocationEntrySize,
    /// The RELA table is not inside the file-backed part of one `PT_LOAD`.
    RelocationTableOutOfFile,
    /// A relocation is not `R_X86_64_RELATIVE` with symbol 0.
    UnsupportedRelocation {
        /// Index of the relocation in the RELA table.
        index: usize,
        /// Its type (low 32 bits of `r_info`).
        relocation_type: u32,
    },
    /// A relocation's 8 target bytes are not inside one writable segment.
    RelocationOutsideWritableSegment {
        /// Index of the relocation in the RELA table.
        index: usize,
    },
    /// Base + `r_addend` (or base + `r_offset`) overflows or underflows.
    RelocationOverflow {
        /// Index of the relocation in the RELA table.
        index: usize,
    },
    /// The load base is 0 or not page aligned (for `ET_DYN` programs).
    InvalidBase,
    /// A nonzero load base was given for an `ET_EXEC` program, whose
    /// addresses are absolute.
    BaseForAbsoluteProgram,
    /// The caller's limits are unusable: the user range is empty or its ends
    /// are not page aligned.
    InvalidLimits,
}

impl fmt::Display for ElfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::TruncatedHeader => write!(f, "file shorter than the ELF64 header"),
            Self::BadMagic => write!(f, "not an ELF file (bad magic)"),
            Self::NotElf64 { class } => write!(f, "not ELF64 (EI_CLASS {class})"),
            Self::NotLittleEndian { encoding } => {
                write!(f, "not little-endian (EI_DATA {encoding})")
            }
            Self::BadVersion => write!(f, "ELF version is not 1"),
            Self::WrongMachine { machine } => {
                write!(f, "machine {machine} is not x86-64 (62)")
            }
            Self::UnsupportedType { file_type } => {
                write!(f, "ELF type {file_type} is neither ET_DYN nor ET_EXEC")
            }
            Self::BadProgramHeaderSize { size } => {
                write!(f, "program header size {size}, expected 56")
            }
            Self::ProgramHeadersOutOfFile => {
                write!(f, "program header table extends past the end of the file")
            }
            Self::UnsupportedSegmentType {
                segment,
                segment_type,
            } => write!(
                f,
                "segment {segment}: unsupported program header type {segment_type:#x}"
            ),
            Self::InterpreterRequested { segment } => write!(
                f,
                "segment {segment}: PT_INTERP requests a dynamic linker, which is not supported"
            ),
            Self::ThreadLocalStorageUnsupported { segment } => write!(
                f,
                "segment {segment}: PT_TLS (thread-local storage) is not supported"
            ),
            Self::DuplicateDynamicSegment { segment } => {
                write!(f, "segment {segment}: second PT_DYNAMIC header")
            }
            Self::TooManySegments => {
                write!(f, "more than {} loadable segments", crate::MAX_SEGMENTS)
            }
            Self::NoLoadableSegment => write!(f, "no loadable segment"),
            Self::SegmentOutOfFile { segment } => {
                write!(
                    f,
                    "segment {segment}: file range extends past the end of the file"
                )
            }
            Self::FileSizeExceedsMemorySize { segment } => {
                write!(f, "segment {segment}: file size exceeds memory size")
            }
            Self::BadAlignment { segment } => write!(
                f,
                "segment {segment}: alignment is not 0, 1 or a power of two >= 4096"
            ),
            Self::MisalignedSegment { segment } => write!(
                f,
                "segment {segment}: virtual address and file offset differ modulo the alignment"
            ),
            Self::AddressOverflow { segment } => {
                write!(f, "segment {segment}: address computation overflows")
            }
            Self::OutsideUserRange { segment } => {
                write!(f, "segment {segment}: lies outside the user address range")
            }
            Self::MemoryLimitExceeded { segment } => {
                write!(
                    f,
                    "segment {segment}: program needs more memory than allowed"
                )
            }
            Self::OverlappingSegments { first, second } => {
                write!(f, "segments {first} and {second} share a page")
            }
            Self::WritableAndExecutable { segment } => {
                write!(f, "segment {segment}: both writable and executable")
            }
            Self::EntryOutsideSegments => {
                write!(f, "entry point lies in no loadable segment")
            }
            Self::EntryNotExecutable { segment } => {
                write!(f, "entry point lies in non-executable segment {segment}")
            }
            Self::UnsupportedDynamicEntry { tag } => {
                write!(f, "unsupported dynamic entry (tag {tag:#x})")
            }
            Self::IncompleteRelocationInfo => {
                write!(f, "DT_RELA, DT_RELASZ and DT_RELAENT must appear together")
            }
            Self::BadRelocationEntrySize => write!(
                f,
                "DT_RELAENT is not 24 or DT_RELASZ is not a multiple of it"
            ),
            Self::RelocationTableOutOfFile => {
                write!(
                    f,
                    "relocation table is not inside a loaded segment's file data"
                )
            }
            Self::UnsupportedRelocation {
                index,
                relocation_type,
            } => write!(
                f,
                "relocation {index}: type {relocation_type} is not R_X86_64_RELATIVE"
            ),
            Self::RelocationOutsideWritableSegment { index } => write!(
                f,
                "relocation {index}: target is not inside a writable segment"
            ),
            Self::RelocationOverflow { index } => {
                write!(f, "relocation {index}: address or value overflows")
            }
            Self::InvalidBase => write!(f, "load base is zero or not page aligned"),
            Self::BaseForAbsoluteProgram => {
                write!(f, "nonzero load base for an ET_EXEC program")
            }
            Self::InvalidLimits => {
                write!(f, "user range is empty or its ends are not page aligned")
            }
        }
    }
}

impl core::error::Error for ElfError {}
