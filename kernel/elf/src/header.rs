//! The ELF file header and the program header table.
//!
//! The identification bytes are checked one by one before the full header is
//! read, so a 32-bit or big-endian file gets its own error even when it is
//! shorter than an ELF64 header.

use object::LittleEndian;
use object::elf::{self, FileHeader64, ProgramHeader64};
use object::pod;

use crate::ElfError;

/// The only byte order Barodia loads; x86-64 has no other.
pub(crate) const ENDIAN: LittleEndian = LittleEndian;

/// How the program's addresses relate to the load base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AddressKind {
    /// `ET_DYN`: linked at 0, every address is relative to the load base.
    Relative,
    /// `ET_EXEC`: every address is absolute; the load base must be 0.
    Absolute,
}

/// What the rest of the loader needs from the file header.
pub(crate) struct FileHeader<'a> {
    /// `ET_DYN` or `ET_EXEC`.
    pub(crate) address_kind: AddressKind,
    /// `e_entry`, as linked (not yet offset by the load base).
    pub(crate) entry: u64,
    /// The program header table, borrowed from the file.
    pub(crate) program_headers: &'a [ProgramHeader64<LittleEndian>],
}

/// Checks the file header and borrows the program header table.
pub(crate) fn parse_file_header(file: &[u8]) -> Result<FileHeader<'_>, ElfError> {
    check_ident(file)?;
    let (header, _) = pod::from_bytes::<FileHeader64<LittleEndian>>(file)
        .map_err(|()| ElfError::TruncatedHeader)?;
    if header.e_version.get(ENDIAN) != u32::from(elf::EV_CURRENT) {
        return Err(ElfError::BadVersion);
    }
    let machine = header.e_machine.get(ENDIAN);
    if machine != elf::EM_X86_64 {
        return Err(ElfError::WrongMachine { machine });
    }
    let address_kind = match header.e_type.get(ENDIAN) {
        elf::ET_DYN => AddressKind::Relative,
        elf::ET_EXEC => AddressKind::Absolute,
        file_type => return Err(ElfError::UnsupportedType { file_type }),
    };
    Ok(FileHeader {
        address_kind,
        entry: header.e_entry.get(ENDIAN),
        program_headers: program_header_table(file, header)?,
    })
}

/// Checks `e_ident`: magic, class, byte order and version.
fn check_ident(file: &[u8]) -> Result<(), ElfError> {
    // object's `Ident` is not `Pod`, so the 16 bytes are destructured by hand.
    let ident: [u8; 16] = file
        .get(..16)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(ElfError::TruncatedHeader)?;
    let [m0, m1, m2, m3, class, encoding, version, ..] = ident;
    if [m0, m1, m2, m3] != elf::ELFMAG {
        return Err(ElfError::BadMagic);
    }
    if class != elf::ELFCLASS64 {
        return Err(ElfError::NotElf64 { class });
    }
    if encoding != elf::ELFDATA2LSB {
        return Err(ElfError::NotLittleEndian { encoding });
    }
    if version != elf::EV_CURRENT {
        return Err(ElfError::BadVersion);
    }
    Ok(())
}

/// Borrows the `e_phnum` program headers at `e_phoff`.
///
/// `PN_XNUM` (extended numbering through section header 0) is not followed:
/// 65,535 headers would not fit the loader's limits anyway, and a file that
/// claims that many is rejected for extending past its end.
fn program_header_table<'a>(
    file: &'a [u8],
    header: &FileHeader64<LittleEndian>,
) -> Result<&'a [ProgramHeader64<LittleEndian>], ElfError> {
    let size = header.e_phentsize.get(ENDIAN);
    if usize::from(size) != size_of::<ProgramHeader64<LittleEndian>>() {
        return Err(ElfError::BadProgramHeaderSize { size });
    }
    let offset = usize::try_from(header.e_phoff.get(ENDIAN))
        .map_err(|_| ElfError::ProgramHeadersOutOfFile)?;
    let table = file
        .get(offset..)
        .ok_or(ElfError::ProgramHeadersOutOfFile)?;
    let count = usize::from(header.e_phnum.get(ENDIAN));
    let (headers, _) = pod::slice_from_bytes::<ProgramHeader64<LittleEndian>>(table, count)
        .map_err(|()| ElfError::ProgramHeadersOutOfFile)?;
    Ok(headers)
}
