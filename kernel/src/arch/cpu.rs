//! CPU control: feature switches at boot and small instructions.

use x86_64::registers::control::{Cr0, Cr0Flags, Cr4, Cr4Flags};

/// Sets up CPU features the kernel relies on.
///
/// - CR0.WP: the kernel honours read-only pages too, so a kernel bug cannot
///   write through a user's read-only mapping.
/// - No FPU or SSE for user code: Barodia's target is soft-float, so the
///   kernel saves no FPU state on a switch. CR0.EM makes x87 and SSE
///   instructions fault (#NM or #UD), which ends only the offending process.
pub fn init() {
    // SAFETY: setting WP and EM and clearing MP only adds protection and
    // removes FPU/SSE use, which nothing in the kernel needs (soft-float).
    unsafe {
        Cr0::update(|flags| {
            flags.insert(Cr0Flags::WRITE_PROTECT | Cr0Flags::EMULATE_COPROCESSOR);
            flags.remove(Cr0Flags::MONITOR_COPROCESSOR);
        });
        Cr4::update(|flags| flags.remove(Cr4Flags::OSFXSR | Cr4Flags::OSXMMEXCPT_ENABLE));
    }
}

/// Reads the time-stamp counter. Under `qemu -icount shift=0` it counts
/// guest instructions exactly (docs/toolchain.md).
pub fn read_tsc() -> u64 {
    // SAFETY: `rdtsc` only reads a counter.
    unsafe { core::arch::x86_64::_rdtsc() }
}
