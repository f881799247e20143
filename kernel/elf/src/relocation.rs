//! `R_X86_64_RELATIVE` relocations: finding, checking and reading them.
//!
//! The table is checked in full when the plan is made, then read again, lazily
//! and infallibly, by [`Relocations`]: the plan needs no storage per
//! relocation, and a program may have thousands.

use object::LittleEndian;
use object::elf::{self, Rela64};
use object::pod;

use crate::ElfError;
use crate::dynamic::RelaTable;
use crate::header::ENDIAN;
use crate::layout::SegmentList;

/// Bytes a relative relocation writes: one little-endian `u64`.
const TARGET_SIZE: u64 = 8;

/// One relocation to apply: write `value` as a little-endian `u64` at
/// `address`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relocation {
    /// Absolute virtual address of the 8 bytes to write; they lie inside one
    /// writable segment.
    pub address: u64,
    /// The value to write: load base + addend.
    pub value: u64,
}

/// The relocations of a [`LoadPlan`](crate::LoadPlan), read lazily from the
/// ELF file; every one was checked when the plan was made.
#[derive(Clone, Debug)]
pub struct Relocations<'a> {
    entries: core::slice::Iter<'a, Rela64<LittleEndian>>,
    base: u64,
}

impl<'a> Relocations<'a> {
    /// Relocations over an already validated table.
    pub(crate) fn new(entries: &'a [Rela64<LittleEndian>], base: u64) -> Self {
        Self {
            entries: entries.iter(),
            base,
        }
    }
}

impl Iterator for Relocations<'_> {
    type Item = Relocation;

    fn next(&mut self) -> Option<Relocation> {
        let entry = self.entries.next()?;
        // `validate` proved both sums stay in range, so wrapping never
        // happens; it only keeps this path free of overflow panics.
        Some(Relocation {
            address: self.base.wrapping_add(entry.r_offset.get(ENDIAN)),
            value: self.base.wrapping_add_signed(entry.r_addend.get(ENDIAN)),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for Relocations<'_> {}

/// Finds the RELA table in the file and checks every entry in it.
///
/// The table is found through the loaded segments: `DT_RELA` is a virtual
/// address, and the segment whose file-backed part contains the whole table
/// says where those bytes are in the file.
pub(crate) fn validate<'a>(
    table: RelaTable,
    segments: &SegmentList<'a>,
    base: u64,
) -> Result<&'a [Rela64<LittleEndian>], ElfError> {
    let bytes = table_bytes(table, segments, base)?;
    let count = bytes.len() / size_of::<Rela64<LittleEndian>>();
    // Cannot fail: `count` entries fit in `bytes`, and the `unaligned` feature
    // gives `Rela64` alignment 1.
    let entries = pod::slice_from_bytes::<Rela64<LittleEndian>>(bytes, count)
        .map_or(&[][..], |(entries, _)| entries);
    for (index, entry) in entries.iter().enumerate() {
        check_entry(index, entry, segments, base)?;
    }
    Ok(entries)
}

/// The table's bytes, borrowed from the file data of the segment holding it.
fn table_bytes<'a>(
    table: RelaTable,
    segments: &SegmentList<'a>,
    base: u64,
) -> Result<&'a [u8], ElfError> {
    let out_of_file = ElfError::RelocationTableOutOfFile;
    let start = base.checked_add(table.address).ok_or(out_of_file)?;
    let size = usize::try_from(table.size).map_err(|_| out_of_file)?;
    segments
        .as_slice()
        .iter()
        .find_map(|segment| {
            let offset = usize::try_from(start.checked_sub(segment.start())?).ok()?;
            segment.file_bytes().get(offset..offset.checked_add(size)?)
        })
        .ok_or(out_of_file)
}

/// Checks one entry: its type, its target and its value.
fn check_entry(
    index: usize,
    entry: &Rela64<LittleEndian>,
    segments: &SegmentList<'_>,
    base: u64,
) -> Result<(), ElfError> {
    // x86-64 is not MIPS64, whose `r_info` layout differs.
    let relocation_type = entry.r_type(ENDIAN, false);
    if relocation_type != elf::R_X86_64_RELATIVE || entry.r_sym(ENDIAN, false) != 0 {
        return Err(ElfError::UnsupportedRelocation {
            index,
            relocation_type,
        });
    }
    let overflow = ElfError::RelocationOverflow { index };
    let address = base
        .checked_add(entry.r_offset.get(ENDIAN))
        .ok_or(overflow)?;
    base.checked_add_signed(entry.r_addend.get(ENDIAN))
        .ok_or(overflow)?;
    let writable = segments
        .as_slice()
        .iter()
        .any(|segment| segment.permissions().write && segment.contains(address, TARGET_SIZE));
    if !writable {
        return Err(ElfError::RelocationOutsideWritableSegment { index });
    }
    Ok(())
}
