//! ELF validation and load planning for Barodia user programs.
//!
//! The kernel loads user programs from the boot ramdisk. This crate does every
//! part of that except touching page tables: it parses an ELF file with the
//! `object` crate, checks it against the rules below, and returns a
//! [`LoadPlan`] (segments, relocations, entry point) that the kernel maps. It
//! never allocates (the plan holds at most [`MAX_SEGMENTS`] segments in a fixed
//! array and reads relocations lazily from the file), has no `unsafe` and no
//! hardware access, and is tested on the host. It must never trust the file:
//! every bad input is an [`ElfError`], never a panic.
//!
//! ```
//! use elf_loader::{plan_load, ElfError, LoadLimits};
//!
//! let limits = LoadLimits {
//!     user_start: 0x0000_0000_0040_0000,
//!     user_end: 0x0000_7FFF_FFFF_0000,
//!     max_memory: 256 << 20,
//! };
//! assert_eq!(plan_load(b"MZ", 0x40_0000, &limits).unwrap_err(), ElfError::TruncatedHeader);
//! ```
//!
//! # Decisions
//!
//! - **Programs are static PIEs.** They are built for `x86_64-unknown-none`,
//!   which produces ELF64, little-endian, `EM_X86_64`, type `ET_DYN`, linked at
//!   address 0, with a `PT_DYNAMIC` segment whose `DT_RELA`/`DT_RELASZ`/
//!   `DT_RELAENT` describe `R_X86_64_RELATIVE` relocations. The kernel picks
//!   the load base (page aligned, never 0) and passes it in; the plan gives
//!   every address with the base added.
//! - **`ET_EXEC` is accepted too**, with absolute addresses; the base must then
//!   be 0.
//! - **User space is the lower half.** The caller passes the allowed range in
//!   [`LoadLimits`] (for example `0x40_0000 .. 0x7FFF_FFFF_0000`); every page a
//!   segment touches must be inside it, so kernel-half addresses are rejected.
//! - **No dynamic linking, no TLS (yet).** `PT_INTERP`, `PT_TLS`, `DT_NEEDED`,
//!   PLT relocations and every relocation type but `R_X86_64_RELATIVE` are
//!   named errors, so a program never starts half-loaded.
//! - **W^X.** No segment may be both writable and executable.
//!
//! # Validation rules
//!
//! Checked in this order; the first failure is returned.
//!
//! 1. Limits: the user range is non-empty and page aligned at both ends
//!    ([`ElfError::InvalidLimits`]).
//! 2. Identification: at least 16 bytes ([`ElfError::TruncatedHeader`]), magic
//!    `\x7fELF` ([`ElfError::BadMagic`]), `ELFCLASS64`
//!    ([`ElfError::NotElf64`]), `ELFDATA2LSB` ([`ElfError::NotLittleEndian`]),
//!    `EI_VERSION` 1 ([`ElfError::BadVersion`]).
//! 3. File header: 64 bytes present ([`ElfError::TruncatedHeader`]),
//!    `e_version` 1 ([`ElfError::BadVersion`]), `EM_X86_64`
//!    ([`ElfError::WrongMachine`]), `ET_DYN` or `ET_EXEC`
//!    ([`ElfError::UnsupportedType`]).
//! 4. Program header table: `e_phentsize` 56
//!    ([`ElfError::BadProgramHeaderSize`]), all `e_phnum` entries inside the
//!    file ([`ElfError::ProgramHeadersOutOfFile`]).
//! 5. Base: nonzero and page aligned for `ET_DYN` ([`ElfError::InvalidBase`]),
//!    zero for `ET_EXEC` ([`ElfError::BaseForAbsoluteProgram`]).
//! 6. Each program header, in table order, by type:
//!    - `PT_LOAD`: `p_filesz <= p_memsz`
//!      ([`ElfError::FileSizeExceedsMemorySize`]); file range inside the file
//!      ([`ElfError::SegmentOutOfFile`]); then, unless `p_memsz` is 0 (an
//!      empty segment, skipped): `p_align` 0, 1 or a power of two of at least
//!      4096 ([`ElfError::BadAlignment`]) with `p_vaddr ≡ p_offset (mod
//!      p_align)` ([`ElfError::MisalignedSegment`]); not both writable and
//!      executable ([`ElfError::WritableAndExecutable`]); base + `p_vaddr` +
//!      `p_memsz`, rounded up to a page, does not overflow
//!      ([`ElfError::AddressOverflow`]); its pages lie in the user range
//!      ([`ElfError::OutsideUserRange`]); its pages share none with an earlier
//!      segment's ([`ElfError::OverlappingSegments`]); the pages of all
//!      segments so far fit `max_memory` ([`ElfError::MemoryLimitExceeded`]);
//!      at most [`MAX_SEGMENTS`] of them ([`ElfError::TooManySegments`]).
//!    - `PT_DYNAMIC`: at most one ([`ElfError::DuplicateDynamicSegment`]),
//!      file range inside the file ([`ElfError::SegmentOutOfFile`]).
//!    - `PT_INTERP`: [`ElfError::InterpreterRequested`].
//!    - `PT_TLS`: [`ElfError::ThreadLocalStorageUnsupported`].
//!    - `PT_NULL`, `PT_NOTE`, `PT_PHDR`, `PT_GNU_EH_FRAME`, `PT_GNU_STACK`,
//!      `PT_GNU_RELRO`, `PT_GNU_PROPERTY`: ignored (the kernel never makes a
//!      stack executable, whatever `PT_GNU_STACK` says).
//!    - anything else: [`ElfError::UnsupportedSegmentType`].
//! 7. At least one non-empty `PT_LOAD` ([`ElfError::NoLoadableSegment`]).
//! 8. Entry: base + `e_entry` lies in a segment
//!    ([`ElfError::EntryOutsideSegments`]) that is executable
//!    ([`ElfError::EntryNotExecutable`]).
//! 9. Dynamic section (entries up to `DT_NULL`): no `DT_NEEDED`, `DT_REL`,
//!    `DT_RELR`, `DT_JMPREL` or `DT_TEXTREL`
//!    ([`ElfError::UnsupportedDynamicEntry`]); `DT_RELA`, `DT_RELASZ`,
//!    `DT_RELAENT` all or none ([`ElfError::IncompleteRelocationInfo`]);
//!    `DT_RELAENT` 24 and `DT_RELASZ` a multiple of it
//!    ([`ElfError::BadRelocationEntrySize`]).
//! 10. RELA table: inside the file-backed part of one loaded segment
//!     ([`ElfError::RelocationTableOutOfFile`]); each entry is
//!     `R_X86_64_RELATIVE` with symbol 0 ([`ElfError::UnsupportedRelocation`]),
//!     base + `r_offset` and base + `r_addend` do not overflow
//!     ([`ElfError::RelocationOverflow`]), and its 8 target bytes lie inside
//!     one writable segment ([`ElfError::RelocationOutsideWritableSegment`]).
//!
//! Every sum of file values uses `checked_add`; every file offset is read with
//! `get`. Section headers are never read: loading needs only program headers,
//! and a stripped or damaged section table must not stop a good program.
#![cfg_attr(not(test), no_std)]
// `no_std` on the target, `std` in unit tests (for the test harness, proptest
// and reading the real `hello` binary). NOTE: this hides accidental `std` use
// from `cargo test`; `cargo build --target x86_64-unknown-none` catches it.
#![forbid(unsafe_code)]

mod dynamic;
mod error;
mod header;
mod layout;
mod plan;
mod relocation;
mod segment;

#[cfg(test)]
mod tests;

pub use error::ElfError;
pub use plan::{LoadLimits, LoadPlan, plan_load};
pub use relocation::{Relocation, Relocations};
pub use segment::{Permissions, Segment};

/// The page size the kernel maps with; segments are checked at this granularity.
pub const PAGE_SIZE: u64 = 4096;

/// Most non-empty `PT_LOAD` segments a program may have. Linkers emit three or
/// four (read-only data, code, read-write data); 16 leaves room without
/// making [`LoadPlan`] large.
pub const MAX_SEGMENTS: usize = 16;
