//! Port I/O with the unsafety stated once.
//!
//! The kernel owns every I/O port; this module is where it touches them. Each
//! function is a single `in`/`out` instruction.

use x86_64::instructions::port::Port;

/// Writes one byte to an I/O port.
///
/// Safe to call because the kernel runs in ring 0 and only its own drivers
/// (serial, fw_cfg, VGA setup, debug exit) call it, each on ports it owns;
/// user space never reaches this function.
pub fn write_u8(port: u16, value: u8) {
    // SAFETY: ring 0 may write any port; callers in this crate only write the
    // ports of devices the kernel drives (see the module docs).
    unsafe { Port::<u8>::new(port).write(value) }
}

/// Writes one 16-bit word to an I/O port.
pub fn write_u16(port: u16, value: u16) {
    // SAFETY: as for `write_u8`.
    unsafe { Port::<u16>::new(port).write(value) }
}

/// Writes one 32-bit word to an I/O port.
pub fn write_u32(port: u16, value: u32) {
    // SAFETY: as for `write_u8`.
    unsafe { Port::<u32>::new(port).write(value) }
}

/// Reads one byte from an I/O port.
pub fn read_u8(port: u16) -> u8 {
    // SAFETY: reading a port has no memory-safety effect; the devices the
    // kernel reads (UART status, fw_cfg data) have no read side effects that
    // could break an invariant of this kernel.
    unsafe { Port::<u8>::new(port).read() }
}

/// Reads one 16-bit word from an I/O port.
pub fn read_u16(port: u16) -> u16 {
    // SAFETY: as for `read_u8`; user drivers reach this only through a
    // port-range capability checked by the caller.
    unsafe { Port::<u16>::new(port).read() }
}

/// Reads one 32-bit word from an I/O port.
pub fn read_u32(port: u16) -> u32 {
    // SAFETY: as for `read_u16`.
    unsafe { Port::<u32>::new(port).read() }
}
