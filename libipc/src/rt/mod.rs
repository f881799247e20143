//! Program start-up and panic handling on the bare-metal target.

use core::panic::PanicInfo;

unsafe extern "Rust" {
    /// Defined by the program through [`crate::entry!`].
    fn __barodia_main();
}

/// The first instruction of every user program runs here.
///
/// The kernel enters with a valid stack and nothing else set up.
#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    // SAFETY: `__barodia_main` is defined by `entry!` with exactly this
    // signature; a program that forgets `entry!` fails to link instead.
    unsafe { __barodia_main() };
    // NOTE: there is no exit syscall until the kernel core lands (issue 4);
    // until then a finished program parks here.
    loop {
        core::hint::spin_loop();
    }
}

#[panic_handler]
fn panic(_info: &PanicInfo) -> ! {
    loop {
        core::hint::spin_loop();
    }
}
