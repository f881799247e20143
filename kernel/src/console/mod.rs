//! The kernel's own output: serial log and the early VGA text screen.
//!
//! Until the console server takes the screen over, the kernel prints its banner
//! and boot log here. Serial is the primary channel (tests read it); the screen
//! mirrors it so a person watching `just qemu` sees the same.

pub mod vga_text;

use core::fmt::{self, Write};

use spin::Mutex;
use vga::colors::Color16;

use crate::arch::serial::Uart;
use vga_text::TextScreen;

/// Where kernel text goes; `None` for the screen until text mode is set up.
struct Outputs {
    serial: Uart,
    screen: Option<TextScreen>,
    /// Set once a user-space console has mapped the text buffer writable:
    /// from then on the screen is its, and only a panic report (the
    /// console cannot be running then) is drawn over it.
    screen_handed_over: bool,
}

static OUTPUTS: Mutex<Outputs> =
    Mutex::new(Outputs { serial: Uart::com1(), screen: None, screen_handed_over: false });

/// Sets up COM1. Call first thing at boot, before any logging.
pub fn init_serial() {
    OUTPUTS.lock().serial.init();
}

/// Switches the display to 80x25 text mode and mirrors output to it from now on.
pub fn init_screen(physical_memory_offset: u64) {
    let screen = TextScreen::take_over(physical_memory_offset);
    OUTPUTS.lock().screen = Some(screen);
}

/// Stops mirroring the log to the screen: a user-space console owns it now.
pub fn hand_over_screen() {
    let mut outputs = OUTPUTS.lock();
    if !outputs.screen_handed_over {
        outputs.screen_handed_over = true;
        let _ = writeln!(outputs.serial, "console: the text screen is handed over to user space");
    }
}

/// Writes `args` to serial and, if set up and not handed over, to the
/// screen in `colour`.
pub fn print(colour: Color16, args: fmt::Arguments<'_>) {
    let mut outputs = OUTPUTS.lock();
    // Output is best effort: a formatting error must not stop the kernel.
    let _ = outputs.serial.write_fmt(args);
    if outputs.screen_handed_over {
        return;
    }
    if let Some(screen) = outputs.screen.as_mut() {
        screen.set_foreground(colour);
        let _ = screen.write_fmt(args);
    }
}

/// Writes the boot banner: a bar across the top of the screen, a line on serial.
pub fn print_banner(text: &str) {
    let mut outputs = OUTPUTS.lock();
    let _ = writeln!(outputs.serial, "{text}");
    if outputs.screen_handed_over {
        return;
    }
    if let Some(screen) = outputs.screen.as_mut() {
        screen.write_banner_bar(text);
    }
}

/// Writes a panic report without taking the output lock, which the panicking
/// code may hold. Only the panic handler calls this, with interrupts off on
/// one CPU, so nothing else can be writing at the same time.
pub fn print_panic(args: fmt::Arguments<'_>) {
    let mut serial = Uart::com1();
    let _ = serial.write_fmt(args);
    // NOTE: `try_lock` fails if the panic happened while
    // printing; the serial copy above is then the only report.
    if let Some(mut outputs) = OUTPUTS.try_lock()
        && let Some(screen) = outputs.screen.as_mut()
    {
        screen.set_foreground(Color16::LightRed);
        let _ = screen.write_fmt(args);
    }
}

/// Formats and prints like `println!`, in the default colour.
#[macro_export]
macro_rules! kprintln {
    ($($arg:tt)*) => {
        $crate::console::print(
            ::vga::colors::Color16::LightGrey,
            format_args!("{}\n", format_args!($($arg)*)),
        )
    };
}
