//! What the bootloader hands the kernel, checked once and turned into plain facts.
//!
//! The bootloader is configured (see [`BOOTLOADER_CONFIG`]) to map all physical
//! memory and to place every dynamic mapping in the upper half, so the lower
//! half stays free for user processes.

use bootloader_api::BootInfo;
use bootloader_api::config::{BootloaderConfig, Mapping};
use bootloader_api::info::MemoryRegionKind;

/// Start of the canonical upper half; the kernel lives at or above it.
const UPPER_HALF_START: u64 = 0xFFFF_8000_0000_0000;

/// Where the kernel image is loaded: the top 2 GiB, the traditional place.
///
/// The kernel is position independent (the target's default), so the
/// bootloader could put it anywhere; a fixed base makes addresses in logs and
/// `just gdb` sessions the same on every boot. `just gdb` reads this line to
/// offset the symbols, so keep its form.
pub const KERNEL_BASE: u64 = 0xFFFF_FFFF_8000_0000;

/// How the bootloader must set the machine up for this kernel.
pub const BOOTLOADER_CONFIG: BootloaderConfig = {
    let mut config = BootloaderConfig::new_default();
    config.mappings.physical_memory = Some(Mapping::Dynamic);
    config.mappings.dynamic_range_start = Some(UPPER_HALF_START);
    config.mappings.kernel_base = Mapping::FixedAddress(KERNEL_BASE);
    config.kernel_stack_size = 128 * 1024;
    config
};

/// The boot facts the rest of the kernel uses.
pub struct BootFacts {
    /// Virtual address at which all physical memory is mapped.
    pub physical_memory_offset: u64,
    /// The ramdisk image, mapped by the bootloader for the kernel's lifetime.
    pub ramdisk: &'static [u8],
    /// Bytes of usable RAM in the memory map.
    pub usable_memory: u64,
    /// Number of usable regions in the memory map.
    pub usable_regions: usize,
}

impl BootFacts {
    /// Extracts the facts; panics only if the bootloader broke its contract
    /// with [`BOOTLOADER_CONFIG`], which no input can cause.
    pub fn from_boot_info(boot_info: &'static BootInfo) -> Self {
        let Some(physical_memory_offset) = boot_info.physical_memory_offset.into_option() else {
            panic!("bootloader did not map physical memory, though the config asks for it");
        };
        let usable = || boot_info.memory_regions.iter().filter(|r| r.kind == MemoryRegionKind::Usable);
        BootFacts {
            physical_memory_offset,
            ramdisk: ramdisk_bytes(boot_info),
            usable_memory: usable().map(|region| region.end - region.start).sum(),
            usable_regions: usable().count(),
        }
    }
}

fn ramdisk_bytes(boot_info: &'static BootInfo) -> &'static [u8] {
    let Some(address) = boot_info.ramdisk_addr.into_option() else {
        return &[];
    };
    let Ok(len) = usize::try_from(boot_info.ramdisk_len) else {
        return &[];
    };
    // SAFETY: the bootloader mapped `ramdisk_len` bytes at `ramdisk_addr`
    // (readable, never unmapped, never written by anyone) before entering the
    // kernel; the kernel keeps that mapping for its whole lifetime.
    unsafe { core::slice::from_raw_parts(address as *const u8, len) }
}

/// Kernel tests for this module.
pub const TESTS: &[crate::ktest::KernelTest] = &[crate::ktest::KernelTest {
    name: "boot::kernel_runs_at_its_fixed_base",
    run: || {
        // `just gdb` offsets symbols by KERNEL_BASE; this keeps that honest.
        let code_address = BootFacts::from_boot_info as *const () as u64;
        crate::kassert!(code_address >= KERNEL_BASE, "kernel code at {code_address:#x}, below {KERNEL_BASE:#x}");
        Ok(())
    },
}];
