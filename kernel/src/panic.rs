//! The kernel panic handler: report on serial and screen, then stop.
//!
//! A kernel panic is a broken internal invariant, never a reaction to input.
//! In test mode it exits QEMU with the failure code so the host sees it at
//! once instead of waiting for a timeout.

use core::panic::PanicInfo;

use crate::arch::qemu_exit::{ExitCode, exit_qemu};
use crate::console;

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    x86_64::instructions::interrupts::disable();
    let (file, line) = info.location().map_or(("<unknown>", 0), |l| (l.file(), l.line()));
    console::print_panic(format_args!("KERNEL PANIC at {file}:{line}: {}\n", info.message()));
    if crate::in_test_mode() {
        console::print_panic(format_args!("ktest: panic\n"));
        exit_qemu(ExitCode::Failure);
    }
    crate::halt_forever()
}
