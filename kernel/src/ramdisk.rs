//! The boot ramdisk: a `bootfs` archive of user programs loaded by the bootloader.

use bootfs::{Archive, ArchiveError};
use spin::Once;

use crate::ktest::KernelTest;

static RAMDISK: Once<Archive<'static>> = Once::new();
/// Where the bootloader mapped the archive (virtual address).
static RAMDISK_START: Once<u64> = Once::new();

/// Validates the ramdisk image and keeps it for later lookups.
///
/// A malformed image is reported and leaves the kernel without programs; it
/// never stops the boot.
pub fn init(bytes: &'static [u8]) -> Result<&'static Archive<'static>, ArchiveError> {
    let archive = Archive::parse(bytes)?;
    RAMDISK_START.call_once(|| bytes.as_ptr() as u64);
    Ok(RAMDISK.call_once(|| archive))
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
/// valid archive, or if its pages are not one physical run (the bootloader
/// loads it contiguously; anything else is refused rather than guessed).
pub fn physical_range() -> Option<(u64, u64)> {
    use crate::memory::layout::PAGE_SIZE;
    use crate::memory::paging;
    use x86_64::VirtAddr;

    let bytes = archive()?.total_size();
    let start = RAMDISK_START.get().copied()?;
    if start % PAGE_SIZE != 0 || bytes == 0 {
        return None;
    }
    let pages = (bytes as u64).div_ceil(PAGE_SIZE);
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
