//! Where the built Barodia disk image and kernel are.
//!
//! Building this crate builds the whole system: its build script compiles the
//! kernel and user programs for `x86_64-unknown-none`, packs the ramdisks and
//! writes two BIOS disk images (the system, and the system with the test
//! programs). The constants below point at the results, for the
//! QEMU test harness (`tests/`), `just qemu` and `just gdb`.

/// Absolute path of the bootable BIOS disk image (raw format): the system
/// as it ships, without the test programs.
pub const BIOS_IMAGE: &str = env!("BARODIA_BIOS_IMAGE");

/// Absolute path of the test image: the same kernel, with the test programs
/// (`hello`, `kernel-tests`, `bench`, `echo-service`) added to its ramdisk.
pub const TEST_BIOS_IMAGE: &str = env!("BARODIA_TEST_BIOS_IMAGE");

/// Absolute path of the kernel ELF with full debug info, for `gdb`.
pub const KERNEL_ELF: &str = env!("BARODIA_KERNEL_ELF");

/// Absolute path of the ramdisk's `bootfs` archive, uncompressed (the image
/// holds it compressed with `bootlz`).
pub const RAMDISK: &str = env!("BARODIA_RAMDISK");

/// Absolute path of the test image's ramdisk archive, uncompressed.
pub const TEST_RAMDISK: &str = env!("BARODIA_TEST_RAMDISK");
