//! The boot ramdisk: a `bootfs` archive of user programs loaded by the bootloader.

use bootfs::{Archive, ArchiveError};
use spin::Once;

use crate::ktest::KernelTest;

static RAMDISK: Once<Archive<'static>> = Once::new();

/// Validates the ramdisk image and keeps it for later lookups.
///
/// A malformed image is reported and leaves the kernel without programs; it
/// never stops the boot.
pub fn init(bytes: &'static [u8]) -> Result<&'static Archive<'static>, ArchiveError> {
    let archive = Archive::parse(bytes)?;
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
