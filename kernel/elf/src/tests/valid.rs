//! Valid programs: the plan is checked field by field.

use object::elf;

use super::builder::{ElfBuilder, ProgramHeader, pie};
use super::{BASE, LIMITS, plan, plan_absolute};
use crate::{ElfError, LoadLimits, Permissions, Relocation, plan_load};

const READ: Permissions = Permissions {
    read: true,
    write: false,
    execute: false,
};
const READ_EXECUTE: Permissions = Permissions {
    read: true,
    write: false,
    execute: true,
};
const READ_WRITE: Permissions = Permissions {
    read: true,
    write: true,
    execute: false,
};

#[test]
fn pie_plan_has_absolute_segments() {
    let file = ElfBuilder::pie().build();
    let plan = plan(&file).unwrap();
    let segments = plan.segments();
    assert_eq!(segments.len(), 3);

    let expected = [
        (0u16, 0x0000u64, 0x800u64, 0x0000usize, 0x800usize, READ),
        (1, 0x1000, 0x100, 0x1000, 0x100, READ_EXECUTE),
        (2, 0x2000, 0x3000, 0x2000, 0x100, READ_WRITE),
    ];
    for (segment, (index, vaddr, memsz, offset, filesz, permissions)) in
        segments.iter().zip(expected)
    {
        assert_eq!(segment.program_header_index(), index);
        assert_eq!(segment.start(), BASE + vaddr);
        assert_eq!(segment.memory_size(), memsz);
        assert_eq!(segment.end(), BASE + vaddr + memsz);
        assert_eq!(segment.file_bytes(), &file[offset..offset + filesz]);
        assert_eq!(segment.permissions(), permissions);
        assert_eq!(segment.page_start(), BASE + vaddr);
    }
    assert_eq!(segments[2].page_end(), BASE + 0x5000);
}

#[test]
fn pie_plan_has_absolute_entry_and_image_end() {
    let file = ElfBuilder::pie().build();
    let plan = plan(&file).unwrap();
    assert_eq!(plan.base(), BASE);
    assert_eq!(plan.entry(), BASE + pie::ENTRY);
    assert_eq!(plan.image_end(), BASE + 0x5000);
}

#[test]
fn pie_relocations_add_the_base() {
    let file = ElfBuilder::pie().build();
    let plan = plan(&file).unwrap();
    let relocations = plan.relocations();
    assert_eq!(relocations.len(), 2);
    let relocations: Vec<Relocation> = relocations.collect();
    assert_eq!(
        relocations,
        [
            Relocation {
                address: BASE + 0x2080,
                value: BASE + 0x1000
            },
            Relocation {
                address: BASE + 0x2088,
                value: BASE + 0x2010
            },
        ]
    );
}

#[test]
fn exec_plan_uses_linked_addresses() {
    let file = ElfBuilder::exec().build();
    let plan = plan_absolute(&file).unwrap();
    assert_eq!(plan.base(), 0);
    assert_eq!(plan.entry(), 0x40_1000);
    assert_eq!(plan.segments()[1].start(), 0x40_1000);
    assert_eq!(plan.image_end(), 0x40_5000);
    let first = plan.relocations().next().unwrap();
    assert_eq!(
        first,
        Relocation {
            address: 0x40_2080,
            value: 0x40_1000
        }
    );
}

#[test]
fn program_without_dynamic_segment_has_no_relocations() {
    let mut builder = ElfBuilder::pie();
    builder.headers.remove(pie::DYNAMIC);
    let file = builder.build();
    assert_eq!(plan(&file).unwrap().relocations().count(), 0);
}

#[test]
fn dynamic_segment_without_relocations_is_accepted() {
    let mut builder = ElfBuilder::pie();
    builder.dynamic = vec![(elf::DT_FLAGS.into(), 8), (elf::DT_NULL.into(), 0)];
    let file = builder.build();
    assert_eq!(plan(&file).unwrap().relocations().len(), 0);
}

#[test]
fn empty_loadable_segment_is_skipped() {
    let mut builder = ElfBuilder::pie();
    builder.headers.push(ProgramHeader::load(
        elf::PF_R | elf::PF_W | elf::PF_X,
        0,
        0,
        0,
        0,
    ));
    let file = builder.build();
    assert_eq!(plan(&file).unwrap().segments().len(), 3);
}

#[test]
fn alignment_zero_and_one_mean_unconstrained() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::READ_ONLY].align = 0;
    builder.headers[pie::CODE].align = 1;
    builder.headers[pie::CODE].offset = 0x1010;
    assert!(plan(&builder.build()).is_ok());
}

#[test]
fn large_power_of_two_alignment_is_accepted() {
    let mut builder = ElfBuilder::pie();
    builder.headers[pie::CODE].align = 0x20_0000;
    builder.headers[pie::CODE].vaddr = 0x20_2000;
    builder.headers[pie::CODE].offset = 0x1000;
    builder.entry = 0x20_2000;
    // vaddr and offset differ modulo 2 MiB, so this is misaligned...
    assert_eq!(
        plan(&builder.build()).unwrap_err(),
        ElfError::MisalignedSegment { segment: 1 }
    );
    // ...and this is not.
    builder.headers[pie::CODE].vaddr = 0x40_1000;
    builder.entry = 0x40_1000;
    assert!(plan(&builder.build()).is_ok());
}

#[test]
fn segment_ending_exactly_at_user_end_is_accepted() {
    let limits = LoadLimits {
        user_end: BASE + 0x5000,
        ..LIMITS
    };
    let file = ElfBuilder::pie().build();
    assert_eq!(
        plan_load(&file, BASE, &limits).unwrap().image_end(),
        limits.user_end
    );
    let tighter = LoadLimits {
        user_end: BASE + 0x4000,
        ..LIMITS
    };
    assert_eq!(
        plan_load(&file, BASE, &tighter).unwrap_err(),
        ElfError::OutsideUserRange { segment: 2 }
    );
}

#[test]
fn memory_limit_is_inclusive() {
    // Five pages in all.
    let file = ElfBuilder::pie().build();
    let exact = LoadLimits {
        max_memory: 0x5000,
        ..LIMITS
    };
    assert!(plan_load(&file, BASE, &exact).is_ok());
    let short = LoadLimits {
        max_memory: 0x4fff,
        ..LIMITS
    };
    assert_eq!(
        plan_load(&file, BASE, &short).unwrap_err(),
        ElfError::MemoryLimitExceeded { segment: 2 }
    );
}

#[test]
fn informational_headers_are_ignored() {
    let mut builder = ElfBuilder::pie();
    for segment_type in [
        elf::PT_NULL,
        elf::PT_NOTE,
        elf::PT_PHDR,
        elf::PT_GNU_EH_FRAME,
        elf::PT_GNU_RELRO,
        elf::PT_GNU_PROPERTY,
    ] {
        builder.headers.push(ProgramHeader::other(
            segment_type,
            elf::PF_R,
            0x40,
            0x40,
            0x10,
        ));
    }
    assert!(plan(&builder.build()).is_ok());
}

#[test]
fn plan_does_not_depend_on_buffer_alignment() {
    // The ELF bytes start at an odd address; object's `unaligned` feature
    // makes that a non-event.
    let file = ElfBuilder::pie().build();
    let mut shifted = vec![0u8];
    shifted.extend_from_slice(&file);
    let plan = plan(&shifted[1..]).unwrap();
    assert_eq!(plan.relocations().count(), 2);
}

#[test]
fn every_error_has_a_message_naming_its_segment() {
    let error = ElfError::WritableAndExecutable { segment: 7 };
    assert_eq!(error.to_string(), "segment 7: both writable and executable");
    let error = ElfError::OverlappingSegments {
        first: 1,
        second: 2,
    };
    assert_eq!(error.to_string(), "segments 1 and 2 share a page");
}
