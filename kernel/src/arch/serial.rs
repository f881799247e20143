//! A polled driver for the 16550 UART on COM1, the kernel's log and test channel.
//!
//! Output only, and polled: the kernel writes a line at a time and the UART in
//! QEMU drains instantly. Interrupt-driven input belongs to the serial console
//! service, which will own the port later.

use core::fmt;

use super::port;

/// I/O base of COM1.
const COM1: u16 = 0x3F8;

// Register offsets from the base (with DLAB = 0 unless noted).
const DATA: u16 = 0;
const INTERRUPT_ENABLE: u16 = 1;
const FIFO_CONTROL: u16 = 2;
const LINE_CONTROL: u16 = 3;
const MODEM_CONTROL: u16 = 4;
const LINE_STATUS: u16 = 5;

/// Line status bit: the transmit holding register is empty.
const TRANSMIT_EMPTY: u8 = 1 << 5;
/// Line control bit that maps offsets 0 and 1 to the baud-rate divisor.
const DIVISOR_LATCH: u8 = 1 << 7;

/// The UART on COM1.
///
/// Holds no state: every method talks straight to the hardware, so a panic
/// path can make its own `Uart` without taking the logger's lock.
pub struct Uart {
    base: u16,
}

impl Uart {
    /// Returns a handle to COM1 (it must have been set up by [`Uart::init`]).
    pub const fn com1() -> Self {
        Uart { base: COM1 }
    }

    /// Programs COM1 for 115200 baud, 8 data bits, no parity, one stop bit,
    /// FIFOs on, interrupts off.
    pub fn init(&self) {
        port::write_u8(self.base + INTERRUPT_ENABLE, 0);
        port::write_u8(self.base + LINE_CONTROL, DIVISOR_LATCH);
        port::write_u8(self.base + DATA, 1); // divisor low byte: 115200 / 1
        port::write_u8(self.base + INTERRUPT_ENABLE, 0); // divisor high byte
        port::write_u8(self.base + LINE_CONTROL, 0x03); // 8N1, divisor latch off
        port::write_u8(self.base + FIFO_CONTROL, 0xC7); // enable, clear, 14-byte threshold
        port::write_u8(self.base + MODEM_CONTROL, 0x0B); // DTR, RTS, OUT2
    }

    /// Sends one byte, waiting until the transmitter can take it.
    pub fn write_byte(&self, byte: u8) {
        while port::read_u8(self.base + LINE_STATUS) & TRANSMIT_EMPTY == 0 {
            core::hint::spin_loop();
        }
        port::write_u8(self.base + DATA, byte);
    }
}

impl fmt::Write for Uart {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for byte in text.bytes() {
            // Terminals expect CR LF; the kernel writes plain LF.
            if byte == b'\n' {
                self.write_byte(b'\r');
            }
            self.write_byte(byte);
        }
        Ok(())
    }
}
