//! Malformed dynamic sections and relocation tables.

use object::elf;

use super::builder::{ElfBuilder, ProgramHeader, Rela, pie};
use super::plan;
use crate::ElfError;

#[test]
fn second_dynamic_segment_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers.push(builder.headers[pie::DYNAMIC]);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::DuplicateDynamicSegment { segment: 5 }
    );
}

#[test]
fn dynamic_segment_past_end_of_file_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DYNAMIC].filesz = 0x1000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::SegmentOutOfFile {
            segment: u16::try_from(pie::DYNAMIC).unwrap()
        }
    );
}

#[test]
fn shared_library_dependency_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_NEEDED, 1);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedDynamicEntry {
            tag: elf::DT_NEEDED.into()
        }
    );
}

#[test]
fn packed_relative_relocations_are_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(36, 0x1c0); // DT_RELR
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedDynamicEntry { tag: 36 }
    );
}

#[test]
fn plt_relocations_are_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_JMPREL, 0x1c0);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedDynamicEntry {
            tag: elf::DT_JMPREL.into()
        }
    );
}

#[test]
fn entries_after_dynamic_null_are_ignored() {
    let mut builder = ElfBuilder::pie();
    builder.dynamic.push((elf::DT_NEEDED.into(), 1));
    assert!(plan(&builder.build()).is_ok());
}

#[test]
fn missing_relocation_size_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.remove_dynamic(elf::DT_RELASZ);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::IncompleteRelocationInfo
    );
}

#[test]
fn relocation_size_without_table_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.remove_dynamic(elf::DT_RELA);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::IncompleteRelocationInfo
    );
}

#[test]
fn wrong_relocation_entry_size_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_RELAENT, 16);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::BadRelocationEntrySize
    );
}

#[test]
fn relocation_table_size_not_a_multiple_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_RELASZ, 30);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::BadRelocationEntrySize
    );
}

#[test]
fn relocation_table_outside_segments_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_RELA, 0x9000);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationTableOutOfFile
    );
}

#[test]
fn relocation_table_running_past_file_data_is_rejected() {
    // Starts in the read-only segment's file data (0x800 bytes) but is
    // declared far longer.
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_RELASZ, 24 * 1000);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationTableOutOfFile
    );
}

#[test]
fn relocation_table_in_bss_is_rejected() {
    // Inside the data segment's memory, but past its file data: those bytes
    // are zeros at run time and are not in the file at all.
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_RELA, 0x2200);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationTableOutOfFile
    );
}

#[test]
fn relocation_table_address_overflow_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.set_dynamic(elf::DT_RELA, u64::MAX - 8);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationTableOutOfFile
    );
}

#[test]
fn absolute_relocation_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.relocations[1].info = u64::from(elf::R_X86_64_64);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedRelocation {
            index: 1,
            relocation_type: elf::R_X86_64_64
        }
    );
}

#[test]
fn relative_relocation_with_symbol_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.relocations[0].info = (1 << 32) | u64::from(elf::R_X86_64_RELATIVE);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedRelocation {
            index: 0,
            relocation_type: elf::R_X86_64_RELATIVE
        }
    );
}

#[test]
fn relocation_into_code_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.relocations[1] = Rela::relative(0x1008, 0);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationOutsideWritableSegment { index: 1 }
    );
}

#[test]
fn relocation_outside_every_segment_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.relocations[0] = Rela::relative(0x9000, 0);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationOutsideWritableSegment { index: 0 }
    );
}

#[test]
fn relocation_straddling_the_segment_end_is_rejected() {
    // The data segment ends at 0x5000; an 8-byte write at 0x4ffc crosses it.
    let mut builder = ElfBuilder::pie();
    builder.relocations[1] = Rela::relative(0x4ffc, 0);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationOutsideWritableSegment { index: 1 }
    );
}

#[test]
fn relocation_offset_overflow_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.relocations[0] = Rela::relative(u64::MAX - 4, 0);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationOverflow { index: 0 }
    );
}

#[test]
fn relocation_value_underflow_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.relocations[1] = Rela::relative(0x2088, -0x100_0000);
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::RelocationOverflow { index: 1 }
    );
}

#[test]
fn relocation_into_writable_segment_added_later_is_accepted() {
    // A second writable segment after the first: targets in either are fine.
    let mut builder = ElfBuilder::pie();
    builder.headers.push(ProgramHeader::load(
        elf::PF_R | elf::PF_W,
        0x2000,
        0x8000,
        0x100,
        0x100,
    ));
    builder.relocations[1] = Rela::relative(0x8010, 0);
    assert!(plan(&builder.build()).is_ok());
}
