//! A small ELF64 writer for tests: headers, program headers, dynamic entries
//! and RELA entries, written byte by byte at the offsets a test chooses.
//!
//! It writes exactly what it is told, including nonsense, so each malformed
//! file is "the valid one with one field changed".

use object::elf;

/// Size of the ELF64 file header.
pub(crate) const FILE_HEADER_SIZE: u64 = 64;
/// Size of one ELF64 program header.
pub(crate) const PROGRAM_HEADER_SIZE: u64 = 56;

/// One program header, field by field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProgramHeader {
    pub(crate) segment_type: u32,
    pub(crate) flags: u32,
    pub(crate) offset: u64,
    pub(crate) vaddr: u64,
    pub(crate) filesz: u64,
    pub(crate) memsz: u64,
    pub(crate) align: u64,
}

impl ProgramHeader {
    /// A `PT_LOAD` with page alignment.
    pub(crate) fn load(flags: u32, offset: u64, vaddr: u64, filesz: u64, memsz: u64) -> Self {
        Self {
            segment_type: elf::PT_LOAD,
            flags,
            offset,
            vaddr,
            filesz,
            memsz,
            align: 0x1000,
        }
    }

    /// A header of any other type covering `offset .. offset + size`.
    pub(crate) fn other(segment_type: u32, flags: u32, offset: u64, vaddr: u64, size: u64) -> Self {
        Self {
            segment_type,
            flags,
            offset,
            vaddr,
            filesz: size,
            memsz: size,
            align: 8,
        }
    }
}

/// One RELA entry.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rela {
    pub(crate) offset: u64,
    pub(crate) info: u64,
    pub(crate) addend: i64,
}

impl Rela {
    /// An `R_X86_64_RELATIVE` entry.
    pub(crate) fn relative(offset: u64, addend: i64) -> Self {
        Self {
            offset,
            info: u64::from(elf::R_X86_64_RELATIVE),
            addend,
        }
    }
}

/// Everything a test ELF file is made of; `build` lays it out.
#[derive(Clone, Debug)]
pub(crate) struct ElfBuilder {
    pub(crate) magic: [u8; 4],
    pub(crate) class: u8,
    pub(crate) encoding: u8,
    pub(crate) ident_version: u8,
    pub(crate) file_type: u16,
    pub(crate) machine: u16,
    pub(crate) version: u32,
    pub(crate) entry: u64,
    pub(crate) phoff: u64,
    pub(crate) phentsize: u16,
    /// `e_phnum`; `None` writes the number of `headers`.
    pub(crate) phnum: Option<u16>,
    pub(crate) headers: Vec<ProgramHeader>,
    /// Dynamic entries (tag, value), written at `dynamic_offset`.
    pub(crate) dynamic: Vec<(u64, u64)>,
    pub(crate) dynamic_offset: u64,
    /// RELA entries, written at `rela_offset`.
    pub(crate) relocations: Vec<Rela>,
    pub(crate) rela_offset: u64,
    /// Minimum file length; the file grows past it if something is written
    /// further out.
    pub(crate) file_len: u64,
}

/// Layout of [`ElfBuilder::pie`], shared by the tests that poke at it.
pub(crate) mod pie {
    /// Index of the read-only segment (headers and RELA table; room for 29
    /// program headers before the table).
    pub(crate) const READ_ONLY: usize = 0;
    /// Index of the code segment.
    pub(crate) const CODE: usize = 1;
    /// Index of the data segment (file data, then `.bss`).
    pub(crate) const DATA: usize = 2;
    /// Index of `PT_DYNAMIC`.
    pub(crate) const DYNAMIC: usize = 3;
    /// Link-time entry point, at the start of the code segment.
    pub(crate) const ENTRY: u64 = 0x1000;
    /// Link-time address and file offset of the RELA table.
    pub(crate) const RELA: u64 = 0x700;
    /// Length of the file.
    pub(crate) const FILE_LEN: u64 = 0x2100;
}

impl ElfBuilder {
    /// A valid static PIE shaped like what `x86_64-unknown-none` produces:
    ///
    /// ```text
    /// 0  PT_LOAD R    off 0x0000 vaddr 0x0000 filesz 0x800 memsz 0x800
    /// 1  PT_LOAD R X  off 0x1000 vaddr 0x1000 filesz 0x100 memsz 0x100 (entry)
    /// 2  PT_LOAD R W  off 0x2000 vaddr 0x2000 filesz 0x100 memsz 0x3000 (.bss)
    /// 3  PT_DYNAMIC   off 0x2000 vaddr 0x2000 size 0x40
    /// 4  PT_GNU_STACK R W
    /// ```
    ///
    /// with two relative relocations at 0x700 targeting the data segment.
    pub(crate) fn pie() -> Self {
        let rela_size = 2 * 24;
        Self {
            magic: elf::ELFMAG,
            class: elf::ELFCLASS64,
            encoding: elf::ELFDATA2LSB,
            ident_version: elf::EV_CURRENT,
            file_type: elf::ET_DYN,
            machine: elf::EM_X86_64,
            version: 1,
            entry: pie::ENTRY,
            phoff: FILE_HEADER_SIZE,
            phentsize: 56,
            phnum: None,
            headers: vec![
                ProgramHeader::load(elf::PF_R, 0, 0, 0x800, 0x800),
                ProgramHeader::load(elf::PF_R | elf::PF_X, 0x1000, 0x1000, 0x100, 0x100),
                ProgramHeader::load(elf::PF_R | elf::PF_W, 0x2000, 0x2000, 0x100, 0x3000),
                ProgramHeader::other(elf::PT_DYNAMIC, elf::PF_R | elf::PF_W, 0x2000, 0x2000, 0x40),
                ProgramHeader::other(elf::PT_GNU_STACK, elf::PF_R | elf::PF_W, 0, 0, 0),
            ],
            dynamic: vec![
                (elf::DT_RELA.into(), pie::RELA),
                (elf::DT_RELASZ.into(), rela_size),
                (elf::DT_RELAENT.into(), 24),
                (elf::DT_NULL.into(), 0),
            ],
            dynamic_offset: 0x2000,
            relocations: vec![
                Rela::relative(0x2080, 0x1000),
                Rela::relative(0x2088, 0x2010),
            ],
            rela_offset: pie::RELA,
            file_len: pie::FILE_LEN,
        }
    }

    /// The same program as [`Self::pie`], as an `ET_EXEC` linked at
    /// `0x40_0000`.
    pub(crate) fn exec() -> Self {
        let mut builder = Self::pie();
        builder.file_type = elf::ET_EXEC;
        builder.entry += 0x40_0000;
        for header in &mut builder.headers {
            if header.memsz != 0 {
                header.vaddr += 0x40_0000;
            }
        }
        builder.dynamic[0].1 += 0x40_0000;
        for rela in &mut builder.relocations {
            rela.offset += 0x40_0000;
            rela.addend += 0x40_0000;
        }
        builder
    }

    /// Replaces the dynamic entry with `tag`, or inserts it before `DT_NULL`.
    pub(crate) fn set_dynamic(&mut self, tag: u32, value: u64) {
        let tag = u64::from(tag);
        match self.dynamic.iter_mut().find(|(t, _)| *t == tag) {
            Some(entry) => entry.1 = value,
            None => self.dynamic.insert(0, (tag, value)),
        }
    }

    /// Removes the dynamic entry with `tag`.
    pub(crate) fn remove_dynamic(&mut self, tag: u32) {
        self.dynamic.retain(|(t, _)| *t != u64::from(tag));
    }

    /// Lays the file out.
    pub(crate) fn build(&self) -> Vec<u8> {
        let mut file = vec![0; usize::try_from(self.file_len).unwrap()];
        self.write_file_header(&mut file);
        for (index, header) in self.headers.iter().enumerate() {
            let at = self
                .phoff
                .saturating_add(PROGRAM_HEADER_SIZE * index as u64);
            write_program_header(&mut file, at, header);
        }
        for (index, (tag, value)) in self.dynamic.iter().enumerate() {
            let at = self.dynamic_offset.saturating_add(16 * index as u64);
            put(&mut file, at, &tag.to_le_bytes());
            put(&mut file, at.saturating_add(8), &value.to_le_bytes());
        }
        for (index, rela) in self.relocations.iter().enumerate() {
            let at = self.rela_offset + 24 * index as u64;
            put(&mut file, at, &rela.offset.to_le_bytes());
            put(&mut file, at + 8, &rela.info.to_le_bytes());
            put(&mut file, at + 16, &rela.addend.to_le_bytes());
        }
        file
    }

    fn write_file_header(&self, file: &mut Vec<u8>) {
        let phnum = self
            .phnum
            .unwrap_or(u16::try_from(self.headers.len()).unwrap());
        put(file, 0, &self.magic);
        put(file, 4, &[self.class, self.encoding, self.ident_version]);
        put(file, 16, &self.file_type.to_le_bytes());
        put(file, 18, &self.machine.to_le_bytes());
        put(file, 20, &self.version.to_le_bytes());
        put(file, 24, &self.entry.to_le_bytes());
        put(file, 32, &self.phoff.to_le_bytes());
        put(file, 40, &0u64.to_le_bytes()); // e_shoff: no section headers
        put(file, 48, &0u32.to_le_bytes()); // e_flags
        put(file, 52, &64u16.to_le_bytes()); // e_ehsize
        put(file, 54, &self.phentsize.to_le_bytes());
        put(file, 56, &phnum.to_le_bytes());
        put(file, 58, &64u16.to_le_bytes()); // e_shentsize
    }
}

fn write_program_header(file: &mut Vec<u8>, at: u64, header: &ProgramHeader) {
    if at >= MAX_FILE_LEN {
        return;
    }
    put(file, at, &header.segment_type.to_le_bytes());
    put(file, at + 4, &header.flags.to_le_bytes());
    put(file, at + 8, &header.offset.to_le_bytes());
    put(file, at + 16, &header.vaddr.to_le_bytes());
    put(file, at + 24, &header.vaddr.to_le_bytes()); // p_paddr = p_vaddr
    put(file, at + 32, &header.filesz.to_le_bytes());
    put(file, at + 40, &header.memsz.to_le_bytes());
    put(file, at + 48, &header.align.to_le_bytes());
}

/// Files never grow past this; writes further out are dropped, so a test can
/// set `e_phoff` (say) to `u64::MAX` without the builder trying to follow it.
const MAX_FILE_LEN: u64 = 1 << 20;

/// Writes `bytes` at `at`, growing the file if needed.
fn put(file: &mut Vec<u8>, at: u64, bytes: &[u8]) {
    if at >= MAX_FILE_LEN {
        return;
    }
    let at = usize::try_from(at).unwrap();
    let end = at + bytes.len();
    if file.len() < end {
        file.resize(end, 0);
    }
    file[at..end].copy_from_slice(bytes);
}
