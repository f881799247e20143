//! Program start-up, the heap, and panic handling on the bare-metal target.

mod heap;

use core::panic::PanicInfo;
use core::sync::atomic::{AtomicU64, Ordering};

unsafe extern "Rust" {
    /// Defined by the program through [`crate::entry!`].
    fn __barodia_main();
}

/// The argument block the kernel mapped: address and length.
static ARGUMENTS: (AtomicU64, AtomicU64) = (AtomicU64::new(0), AtomicU64::new(0));
/// The handle the parent gave at spawn (0 for none), until taken.
static INITIAL_HANDLE: AtomicU64 = AtomicU64::new(0);

/// The first instruction of every user program runs here.
///
/// The kernel enters with `rdi`/`rsi` = the address and length of the
/// NUL-separated argument block, `rdx` = a handle from the parent (or 0),
/// and a fresh stack.
#[unsafe(no_mangle)]
pub extern "C" fn _start(arguments_address: u64, arguments_length: u64, initial_handle: u64) -> ! {
    ARGUMENTS.0.store(arguments_address, Ordering::Relaxed);
    ARGUMENTS.1.store(arguments_length, Ordering::Relaxed);
    INITIAL_HANDLE.store(initial_handle, Ordering::Relaxed);
    // SAFETY: `__barodia_main` is defined by `entry!` with exactly this
    // signature; a program that forgets `entry!` fails to link instead.
    unsafe { __barodia_main() };
    crate::sys::exit(0)
}

/// The raw argument block, as the kernel mapped it (read-only, for the life
/// of the process).
pub(crate) fn argument_block() -> &'static [u8] {
    let address = ARGUMENTS.0.load(Ordering::Relaxed);
    let length = ARGUMENTS.1.load(Ordering::Relaxed);
    if address == 0 {
        return &[];
    }
    // SAFETY: the kernel maps `length` readable bytes at `address` before the
    // first instruction and never unmaps them while the process lives.
    unsafe { core::slice::from_raw_parts(address as *const u8, length as usize) }
}

/// Takes the handle the parent gave at spawn, once.
pub(crate) fn take_initial_handle() -> Option<u64> {
    match INITIAL_HANDLE.swap(0, Ordering::Relaxed) {
        0 => None,
        raw => Some(raw),
    }
}

/// Exit status of a program that panicked.
const PANIC_STATUS: u64 = 101;

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    let mut line = crate::fmt::LineBuffer::new();
    let _ = core::fmt::write(&mut line, format_args!("panicked: {}", info.message()));
    if let Some(location) = info.location() {
        let _ = core::fmt::write(&mut line, format_args!(" at {}:{}", location.file(), location.line()));
    }
    crate::sys::log(line.as_str());
    crate::sys::exit(PANIC_STATUS)
}
