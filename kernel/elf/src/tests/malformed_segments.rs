//! Malformed program headers: bounds, sizes, alignment, addresses, layout,
//! permissions and the entry point.

use object::elf;

use super::builder::{ElfBuilder, ProgramHeader, pie};
use super::{BASE, LIMITS, plan, plan_absolute};
use crate::{ElfError, LoadLimits, MAX_SEGMENTS, plan_load};

/// Index of the program header at `position`, as errors report it.
fn index(position: usize) -> u16 {
    u16::try_from(position).unwrap()
}

#[test]
fn segment_file_range_past_end_is_rejected() {
    let mut builder = ElfBuilder::pie();
    // Offset 0x1000 + 0x1200 bytes runs past the 0x2100-byte file.
    builder.headers[pie::CODE].filesz = 0x1200;
    builder.headers[pie::CODE].memsz = 0x2000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::SegmentOutOfFile {
            segment: index(pie::CODE)
        }
    );
}

#[test]
fn segment_file_offset_overflow_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::CODE].offset = u64::MAX - 0x10;
    builder.headers[pie::CODE].align = 0;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::SegmentOutOfFile {
            segment: index(pie::CODE)
        }
    );
}

#[test]
fn file_size_above_memory_size_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DATA].filesz = 0x3001;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::FileSizeExceedsMemorySize {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn huge_memory_size_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DATA].memsz = 1 << 30;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::MemoryLimitExceeded {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn total_memory_over_the_limit_is_rejected() {
    // Each segment fits alone; the third one crosses the limit.
    let limits = LoadLimits {
        max_memory: 0x3000,
        ..LIMITS
    };
    let file = ElfBuilder::pie().build();
    assert_eq!(
        plan_load(&file, BASE, &limits).unwrap_err(),
        ElfError::MemoryLimitExceeded {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn kernel_half_address_is_rejected() {
    let mut builder = ElfBuilder::exec();
    builder.headers[pie::DATA].vaddr = 0xFFFF_8000_0000_2000;
    assert_eq!(
        plan_absolute(&builder.build()).unwrap_err(),
        ElfError::OutsideUserRange {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn pie_segment_pushed_into_kernel_half_by_its_address_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DATA].vaddr = 0x0000_8000_0000_0000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::OutsideUserRange {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn address_below_user_range_is_rejected() {
    // An ET_EXEC linked at 0 would map page 0, which user space never gets.
    let mut builder = ElfBuilder::exec();
    builder.headers[pie::READ_ONLY].vaddr = 0;
    assert_eq!(
        plan_absolute(&builder.build()).unwrap_err(),
        ElfError::OutsideUserRange {
            segment: index(pie::READ_ONLY)
        }
    );
}

#[test]
fn segment_ending_past_user_range_is_rejected() {
    let mut builder = ElfBuilder::pie();
    // Starts one page below the end of the user range, needs three pages.
    builder.headers[pie::DATA].vaddr = LIMITS.user_end - BASE - 0x1000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::OutsideUserRange {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn base_plus_address_wrapping_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DATA].vaddr = 0xFFFF_FFFF_FFFF_F000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::AddressOverflow {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn end_address_wrapping_is_rejected() {
    let mut builder = ElfBuilder::exec();
    builder.headers[pie::DATA].vaddr = 0xFFFF_FFFF_FFFF_E000;
    builder.headers[pie::DATA].memsz = 0x3000;
    assert_eq!(
        plan_absolute(&builder.build()).unwrap_err(),
        ElfError::AddressOverflow {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn page_rounding_wrapping_is_rejected() {
    // The end fits in 64 bits; rounding it up to a page does not.
    let mut builder = ElfBuilder::exec();
    builder.headers[pie::DATA].vaddr = 0xFFFF_FFFF_FFFF_F000;
    builder.headers[pie::DATA].memsz = 0x800;
    assert_eq!(
        plan_absolute(&builder.build()).unwrap_err(),
        ElfError::AddressOverflow {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn overlapping_segments_are_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DATA].vaddr = 0x1000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::OverlappingSegments {
            first: index(pie::CODE),
            second: index(pie::DATA)
        }
    );
}

#[test]
fn segments_sharing_a_page_are_rejected() {
    // Byte ranges 0x1000..0x1100 and 0x1200..0x4200 are disjoint, but both
    // need page 0x1000, once executable and once writable.
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::DATA].vaddr = 0x1200;
    builder.headers[pie::DATA].offset = 0x1200;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::OverlappingSegments {
            first: index(pie::CODE),
            second: index(pie::DATA)
        }
    );
}

#[test]
fn writable_and_executable_segment_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::CODE].flags = elf::PF_R | elf::PF_W | elf::PF_X;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::WritableAndExecutable {
            segment: index(pie::CODE)
        }
    );
}

#[test]
fn misaligned_segment_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::CODE].vaddr = 0x1010;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::MisalignedSegment {
            segment: index(pie::CODE)
        }
    );
}

#[test]
fn alignment_not_a_power_of_two_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::CODE].align = 0x1800;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::BadAlignment {
            segment: index(pie::CODE)
        }
    );
}

#[test]
fn alignment_below_a_page_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::CODE].align = 16;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::BadAlignment {
            segment: index(pie::CODE)
        }
    );
}

#[test]
fn entry_outside_every_segment_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.entry = 0x9000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::EntryOutsideSegments
    );
}

#[test]
fn entry_just_past_the_code_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.entry = 0x1100;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::EntryOutsideSegments
    );
}

#[test]
fn entry_overflowing_with_base_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.entry = u64::MAX;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::EntryOutsideSegments
    );
}

#[test]
fn entry_in_data_segment_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.entry = 0x2000;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::EntryNotExecutable {
            segment: index(pie::DATA)
        }
    );
}

#[test]
fn interpreter_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers.push(ProgramHeader::other(
        elf::PT_INTERP,
        elf::PF_R,
        0x1c0,
        0x1c0,
        0x1c,
    ));
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::InterpreterRequested { segment: 5 }
    );
}

#[test]
fn thread_local_storage_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.headers.push(ProgramHeader::other(
        elf::PT_TLS,
        elf::PF_R,
        0x2040,
        0x2040,
        0x10,
    ));
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::ThreadLocalStorageUnsupported { segment: 5 }
    );
}

#[test]
fn unknown_segment_type_is_rejected() {
    let mut builder = ElfBuilder::pie();
    builder
        .headers
        .push(ProgramHeader::other(elf::PT_SHLIB, 0, 0, 0, 0));
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::UnsupportedSegmentType {
            segment: 5,
            segment_type: elf::PT_SHLIB
        }
    );
}

#[test]
fn only_empty_loadable_segments_means_nothing_to_load() {
    let mut builder = ElfBuilder::pie();
    builder.headers = vec![ProgramHeader::load(
        elf::PF_R | elf::PF_X,
        0x1000,
        0x1000,
        0,
        0,
    )];
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::NoLoadableSegment
    );
}

#[test]
fn too_many_segments_are_rejected() {
    let mut builder = ElfBuilder::pie();
    builder.dynamic.clear();
    builder.relocations.clear();
    builder.headers = (0..=MAX_SEGMENTS as u64)
        .map(|page| ProgramHeader::load(elf::PF_R | elf::PF_X, 0, page * 0x1000, 0, 0x1000))
        .collect();
    builder.entry = 0;
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::TooManySegments
    );
}
