//! Malformed file headers and program header tables, and bad caller input.

use object::elf;

use super::builder::{ElfBuilder, FILE_HEADER_SIZE, PROGRAM_HEADER_SIZE};
use super::{BASE, LIMITS, plan, plan_absolute};
use crate::{ElfError, LoadLimits, plan_load};

#[test]
fn empty_file_is_truncated() {
    assert_eq!(plan(&[]).unwrap_err(), ElfError::TruncatedHeader);
}

#[test]
fn file_shorter_than_ident_is_truncated() {
    let file = ElfBuilder::pie().build();
    assert_eq!(plan(&file[..10]).unwrap_err(), ElfError::TruncatedHeader);
}

#[test]
fn file_shorter_than_header_is_truncated() {
    let file = ElfBuilder::pie().build();
    assert_eq!(plan(&file[..63]).unwrap_err(), ElfError::TruncatedHeader);
}

#[test]
fn bad_magic_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.magic = *b"\x7fELG";
    assert_eq!(plan(&builder.build()).unwrap_err(), ElfError::BadMagic);
}

#[test]
fn elf32_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.class = elf::ELFCLASS32;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::NotElf64 { class: 1 }
    );
}

#[test]
fn short_elf32_file_gets_class_error_not_truncation() {
    // A 52-byte ELF32 header is shorter than an ELF64 one; the class is
    // the more useful thing to report.
    let mut builder = ElfBuilder::pie();
    builder.class = elf::ELFCLASS32;
    let file = builder.build();
    assert_eq!(
        plan(&file[..52]).unwrap_err(),
        ElfError::NotElf64 { class: 1 }
    );
}

#[test]
fn big_endian_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.encoding = elf::ELFDATA2MSB;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::NotLittleEndian { encoding: 2 }
    );
}

#[test]
fn bad_ident_version_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.ident_version = 2;
    assert_eq!(plan(&builder.build()).unwrap_err(), ElfError::BadVersion);
}

#[test]
fn bad_header_version_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.version = 0;
    assert_eq!(plan(&builder.build()).unwrap_err(), ElfError::BadVersion);
}

#[test]
fn wrong_machine_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.machine = elf::EM_AARCH64;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::WrongMachine {
            machine: elf::EM_AARCH64
        }
    );
}

#[test]
fn relocatable_object_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.file_type = elf::ET_REL;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedType {
            file_type: elf::ET_REL
        }
    );
}

#[test]
fn core_dump_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.file_type = elf::ET_CORE;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedType {
            file_type: elf::ET_CORE
        }
    );
}

#[test]
fn wrong_program_header_size_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.phentsize = 32;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::BadProgramHeaderSize { size: 32 }
    );
}

#[test]
fn truncated_program_headers_are_rejected() {
    let file = ElfBuilder::pie().build();
    // The header and one and a half program headers of five.
    let cut = usize::try_from(FILE_HEADER_SIZE + PROGRAM_HEADER_SIZE * 3 / 2).unwrap();
    assert_eq!(
        plan(&file[..cut]).unwrap_err(),
        ElfError::ProgramHeadersOutOfFile
    );
}

#[test]
fn program_header_offset_past_end_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.phoff = u64::MAX;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::ProgramHeadersOutOfFile
    );
}

#[test]
fn program_header_count_past_end_is_rejected() {
    let mut builder = ElfBuilder::pie();
    // PN_XNUM: extended numbering is not followed, so this claims 65,535.
    builder.phnum = Some(elf::PN_XNUM);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::ProgramHeadersOutOfFile
    );
}

#[test]
fn no_program_headers_means_nothing_to_load() {
    let mut builder = ElfBuilder::pie();
    builder.headers.clear();
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::NoLoadableSegment
    );
}

#[test]
fn pie_at_base_zero_is_rejected() {
    let file = ElfBuilder::pie().build();
    assert_eq!(plan_absolute(&file).unwrap_err(), ElfError::InvalidBase);
}

#[test]
fn pie_at_unaligned_base_is_rejected() {
    let file = ElfBuilder::pie().build();
    assert_eq!(
        plan_load(&file, BASE + 0x10, &LIMITS).unwrap_err(),
        ElfError::InvalidBase
    );
}

#[test]
fn exec_with_nonzero_base_is_rejected() {
    let file = ElfBuilder::exec().build();
    assert_eq!(plan(&file).unwrap_err(), ElfError::BaseForAbsoluteProgram);
}

#[test]
fn unaligned_or_empty_limits_are_rejected() {
    let file = ElfBuilder::pie().build();
    let unaligned = LoadLimits {
        user_start: LIMITS.user_start + 1,
        ..LIMITS
    };
    let empty = LoadLimits {
        user_end: LIMITS.user_start,
        ..LIMITS
    };
    assert_eq!(
        plan_load(&file, BASE, &unaligned).unwrap_err(),
        ElfError::InvalidLimits
    );
    assert_eq!(
        plan_load(&file, BASE, &empty).unwrap_err(),
        ElfError::InvalidLimits
    );
}
