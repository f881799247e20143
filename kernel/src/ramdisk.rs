//! The boot ramdisk: a `bootfs` archive of user programs loaded by the bootloader.
//!
//! The image builder compresses the archive with `bootlz` (every byte the
//! BIOS stages load costs boot time, docs/bench.md). The kernel expands it
//! into a run of frames it keeps for good: the archive the kernel reads, and
//! the one `BootArchiveClaim` hands to the ramdisk server. An archive that is
//! not compressed (a hand-made image) is used where the bootloader put it.

use core::fmt;

use bootfs::{Archive, ArchiveError};
use bootlz::DecodeError;
use spin::Once;

use crate::ktest::KernelTest;
use crate::memory::frames;
use crate::memory::layout::PAGE_SIZE;

static RAMDISK: Once<Archive<'static>> = Once::new();
/// Where the archive's bytes are.
static PLACE: Once<Place> = Once::new();

/// Where the archive's bytes are.
#[derive(Clone, Copy)]
enum Place {
    /// Expanded by the kernel into the frames starting at this physical address.
    Expanded(u64),
    /// Where the bootloader mapped it (virtual address), uncompressed.
    Loaded(u64),
}

/// Why the ramdisk was not taken.
#[derive(Debug)]
pub enum RamdiskError {
    /// The compressed image is corrupt.
    Compressed(DecodeError),
    /// No run of free frames can hold the expanded archive.
    NoMemory {
        /// The expanded archive's size.
        bytes: usize,
    },
    /// The (expanded) archive is not a valid `bootfs` archive.
    Archive(ArchiveError),
}

impl fmt::Display for RamdiskError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RamdiskError::Compressed(error) => write!(formatter, "compressed archive: {error}"),
            RamdiskError::NoMemory { bytes } => write!(formatter, "no contiguous {bytes} bytes to expand it into"),
            RamdiskError::Archive(error) => write!(formatter, "archive: {error}"),
        }
    }
}

/// Expands (if compressed) and validates the ramdisk image and keeps it for
/// later lookups.
///
/// A malformed image is reported and leaves the kernel without programs; it
/// never stops the boot.
pub fn init(bytes: &'static [u8]) -> Result<&'static Archive<'static>, RamdiskError> {
    let (archive, place) = if bytes.starts_with(&bootlz::MAGIC) {
        let (physical, expanded) = expand(bytes)?;
        (expanded, Place::Expanded(physical))
    } else {
        (bytes, Place::Loaded(bytes.as_ptr() as u64))
    };
    let archive = Archive::parse(archive).map_err(RamdiskError::Archive)?;
    PLACE.call_once(|| place);
    Ok(RAMDISK.call_once(|| archive))
}

/// Decodes `packed` into a permanent run of frames: its physical address
/// and the archive's bytes. The run's tail past the archive is zeroed, since
/// the ramdisk server maps whole pages. On a corrupt stream the run is not
/// given back: the boot goes on without programs either way.
fn expand(packed: &[u8]) -> Result<(u64, &'static [u8]), RamdiskError> {
    let header = bootlz::Header::parse(packed).map_err(RamdiskError::Compressed)?;
    let bytes = header.decoded_size();
    let pages = (bytes as u64).div_ceil(PAGE_SIZE).max(1);
    let (first, run) = frames::allocate_permanent_run(pages).map_err(|_| RamdiskError::NoMemory { bytes })?;
    let (archive, tail) = run.split_at_mut(bytes);
    tail.fill(0);
    let started = crate::arch::cpu::read_tsc();
    bootlz::decode(packed, archive).map_err(RamdiskError::Compressed)?;
    log::info!(
        "expanded {} compressed bytes to {bytes} ({} TSC ticks)",
        packed.len(),
        crate::arch::cpu::read_tsc().wrapping_sub(started)
    );
    Ok((first.start_address().as_u64(), archive))
}

/// Logs one line per entry.
pub fn log_entries(archive: &Archive<'_>) {
    log::info!("{} entries, {} bytes", archive.len(), archive.total_size());
    for entry in archive.entries() {
        log::info!("{} ({} bytes)", entry.name(), entry.data().len());
    }
}

/// The archive, if [`init`] succeeded.
pub fn archive() -> Option<&'static Archive<'static>> {
    RAMDISK.get()
}

/// The archive's physical pages, as `(first address, pages)`, for the
/// read-only memory object `BootArchiveClaim` hands out. `None` without a
/// valid archive, or if an uncompressed archive's pages are not one physical
/// run (the bootloader loads it contiguously; anything else is refused
/// rather than guessed).
pub fn physical_range() -> Option<(u64, u64)> {
    use crate::memory::paging;
    use x86_64::VirtAddr;

    let bytes = archive()?.total_size();
    if bytes == 0 {
        return None;
    }
    let pages = (bytes as u64).div_ceil(PAGE_SIZE);
    let start = match *PLACE.get()? {
        Place::Expanded(physical) => return Some((physical, pages)),
        Place::Loaded(start) => start,
    };
    if start % PAGE_SIZE != 0 {
        return None;
    }
    let level_4 = paging::kernel_level_4();
    let first = paging::translate(level_4, VirtAddr::new(start))?.0.start_address().as_u64();
    for page in 1..pages {
        let (frame, _) = paging::translate(level_4, VirtAddr::new(start + page * PAGE_SIZE))?;
        if frame.start_address().as_u64() != first + page * PAGE_SIZE {
            return None;
        }
    }
    Some((first, pages))
}

/// Kernel tests for this module.
pub const TESTS: &[KernelTest] = &[KernelTest {
    name: "ramdisk::holds_the_hello_program_as_elf",
    run: || {
        let Some(archive) = archive() else {
            return Err(crate::ktest::Failure::new(
                format_args!("no valid ramdisk"),
                core::panic::Location::caller(),
            ));
        };
        let hello = archive.find("bin/hello");
        crate::kassert!(hello.is_some(), "bin/hello is missing from the ramdisk");
        let data = hello.map(|entry| entry.data()).unwrap_or(&[]);
        crate::kassert_eq!(data.get(..4), Some(&b"\x7fELF"[..]));
        Ok(())
    },
}];
