//! Ends a QEMU run with a status the host test harness understands.
//!
//! QEMU's `isa-debug-exit` device (at port 0xF4 in Barodia's test setup) makes
//! QEMU exit with status `(value << 1) | 1` when `value` is written to it. On
//! real hardware or without the device the write does nothing, so callers halt
//! afterwards.

use super::port;

/// I/O port of the `isa-debug-exit` device, as `tests/` configures it.
const DEBUG_EXIT_PORT: u16 = 0xF4;

/// The two outcomes a test run reports. The harness maps QEMU's exit status
/// 33 to success and 35 to failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum ExitCode {
    /// Every test passed.
    Success = 0x10,
    /// A test failed or the kernel panicked.
    Failure = 0x11,
}

/// Asks QEMU to exit with `code`, then halts in case no device was there.
pub fn exit_qemu(code: ExitCode) -> ! {
    port::write_u32(DEBUG_EXIT_PORT, code as u32);
    crate::halt_forever()
}
