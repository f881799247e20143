//! The dynamic section: where the RELA table is, and what else is asked for.
//!
//! A static PIE's `PT_DYNAMIC` holds bookkeeping the loader ignores (symbol
//! and hash tables, `DT_FLAGS`, `DT_DEBUG`, ...) and the three entries it
//! needs: `DT_RELA`, `DT_RELASZ` and `DT_RELAENT`. Entries that ask for work the
//! loader does not do are errors, so a program never starts half-relocated.

use object::LittleEndian;
use object::elf::{self, Dyn64, Rela64};
use object::pod;

use crate::ElfError;
use crate::header::ENDIAN;

// `d_tag` is 64 bits wide; object defines the tags as `u32`. Widening is
// lossless, and named constants can be used as `match` patterns.
const TAG_NULL: u64 = elf::DT_NULL as u64;
const TAG_RELA: u64 = elf::DT_RELA as u64;
const TAG_RELASZ: u64 = elf::DT_RELASZ as u64;
const TAG_RELAENT: u64 = elf::DT_RELAENT as u64;

/// `DT_RELR` (packed relative relocations, `ld -z pack-relative-relocs`),
/// which object 0.37 does not define.
const DT_RELR: u64 = 36;

/// Entries that ask for something the loader does not implement:
/// shared libraries, REL or RELR relocations, PLT relocations, and text
/// relocations (which would need writable code, against W^X).
const UNSUPPORTED_TAGS: [u64; 5] = [
    elf::DT_NEEDED as u64,
    elf::DT_REL as u64,
    DT_RELR,
    elf::DT_JMPREL as u64,
    elf::DT_TEXTREL as u64,
];

/// Where the RELA table lies, as linked (not yet offset by the load base).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RelaTable {
    /// `DT_RELA`: the table's link-time virtual address.
    pub(crate) address: u64,
    /// `DT_RELASZ`: the table's size in bytes, a multiple of 24.
    pub(crate) size: u64,
}

/// Reads the dynamic entries up to `DT_NULL` (or the end of the segment);
/// `None` when the program has no relocations.
pub(crate) fn rela_table(dynamic: &[u8]) -> Result<Option<RelaTable>, ElfError> {
    let count = dynamic.len() / size_of::<Dyn64<LittleEndian>>();
    // Cannot fail: `count` entries fit in `dynamic` by construction, and the
    // `unaligned` feature gives `Dyn64` alignment 1. Trailing bytes that do not
    // make a whole entry are ignored, as every ELF reader does.
    let entries = pod::slice_from_bytes::<Dyn64<LittleEndian>>(dynamic, count)
        .map_or(&[][..], |(entries, _)| entries);
    let (mut address, mut size, mut entry_size) = (None, None, None);
    for entry in entries {
        let tag = entry.d_tag.get(ENDIAN);
        let value = entry.d_val.get(ENDIAN);
        match tag {
            TAG_NULL => break,
            TAG_RELA => address = Some(value),
            TAG_RELASZ => size = Some(value),
            TAG_RELAENT => entry_size = Some(value),
            tag if UNSUPPORTED_TAGS.contains(&tag) => {
                return Err(ElfError::UnsupportedDynamicEntry { tag });
            }
            _ => {}
        }
    }
    match (address, size, entry_size) {
        (None, None, None) => Ok(None),
        (Some(address), Some(size), Some(entry_size)) => {
            let expected = size_of::<Rela64<LittleEndian>>() as u64;
            if entry_size != expected || !size.is_multiple_of(expected) {
                return Err(ElfError::BadRelocationEntrySize);
            }
            Ok(Some(RelaTable { address, size }))
        }
        _ => Err(ElfError::IncompleteRelocationInfo),
    }
}
