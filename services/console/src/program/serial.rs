//! The serial console on COM1 (a 16550 UART), through a port capability.
//!
//! The kernel set the line up at boot (115200 baud, 8N1, FIFOs on) and
//! still writes its log lines to it, polling the line status before each
//! byte as this driver does, so the two share the transmitter without
//! reprogramming anything. Input is this driver's alone: the UART raises
//! IRQ 4 when a byte arrives, and the interrupt comes as a message.

use libipc::ipc::device::{Irq, Ports};
use libipc::ipc::{self};

use super::Shared;

/// COM1's registers.
const DATA: u16 = 0x3F8;
const INTERRUPT_ENABLE: u16 = 0x3F9;
const LINE_STATUS: u16 = 0x3FD;
/// Interrupt enable: "received data available".
const RECEIVED_DATA_INTERRUPT: u8 = 0x01;
/// Line status: a received byte waits; the transmitter can take a byte.
const DATA_READY: u8 = 0x01;
const TRANSMIT_EMPTY: u8 = 0x20;
/// A wait for the transmitter that lasts this many polls means the line is
/// stuck; the byte is dropped rather than the console hanging.
const MAX_TRANSMIT_POLLS: u32 = 100_000;
/// The operation the IRQ notifications carry.
const SERIAL_INTERRUPT: u64 = 1;

/// The UART, as the console drives it.
pub struct Serial {
    ports: Ports,
}

impl Serial {
    /// Drives COM1 through `ports` (0x3F8..=0x3FF).
    pub fn new(ports: Ports) -> Self {
        Serial { ports }
    }

    /// Sends `bytes`, turning each `\n` into `\r\n` as a terminal expects.
    pub fn write(&self, bytes: &[u8]) {
        for &byte in bytes {
            if byte == b'\n' {
                self.write_byte(b'\r');
            }
            self.write_byte(byte);
        }
    }

    fn write_byte(&self, byte: u8) {
        for _ in 0..MAX_TRANSMIT_POLLS {
            match self.ports.read_u8(LINE_STATUS) {
                Ok(status) if status & TRANSMIT_EMPTY != 0 => {
                    let _ = self.ports.write_u8(DATA, byte);
                    return;
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    }

    /// Reads every byte the UART holds into `buffer`; returns how many.
    fn read_available(&self, buffer: &mut [u8]) -> usize {
        let mut count = 0;
        while count < buffer.len() {
            match self.ports.read_u8(LINE_STATUS) {
                Ok(status) if status & DATA_READY != 0 => {}
                _ => break,
            }
            match self.ports.read_u8(DATA) {
                Ok(byte) => buffer[count] = byte,
                Err(_) => break,
            }
            count += 1;
        }
        count
    }

    /// Asks the UART to interrupt when a byte arrives.
    fn enable_input_interrupts(&self) -> Result<(), barodia_abi::SysError> {
        self.ports.write_u8(INTERRUPT_ENABLE, RECEIVED_DATA_INTERRUPT)
    }
}

/// Waits for the serial line's interrupts and feeds what was typed to the
/// serial console, for as long as the console runs.
pub fn serve_input(irq: Irq, consoles: Shared) -> u64 {
    let interrupts = match ipc::create_endpoint() {
        Ok(endpoint) => endpoint,
        Err(error) => {
            libipc::println!("console: no serial input: {error}");
            return 1;
        }
    };
    if let Err(error) = irq.bind(&interrupts, SERIAL_INTERRUPT) {
        libipc::println!("console: no serial input: bind IRQ: {error}");
        return 1;
    }
    if let Err(error) = consoles.lock().serial().enable_input_interrupts() {
        libipc::println!("console: no serial input: {error}");
        return 1;
    }
    let mut buffer = [0u8; 64];
    loop {
        if let Err(error) = ipc::receive(&interrupts) {
            libipc::println!("console: serial input stopped: {error}");
            return 1;
        }
        // Drain the FIFO (more than one buffer's worth if a paste filled
        // it), then let the next interrupt in.
        loop {
            let mut consoles = consoles.lock();
            let count = consoles.serial().read_available(&mut buffer);
            if count == 0 {
                break;
            }
            consoles.serial_input(&buffer[..count]);
        }
        if let Err(error) = irq.acknowledge() {
            libipc::println!("console: serial input stopped: ack: {error}");
            return 1;
        }
    }
}
