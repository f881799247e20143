//! The two 8259 PICs: remapped above the CPU exceptions, with IRQs masked
//! until a driver (the kernel's timer, or later a user driver holding an IRQ
//! capability) wants one.

use super::port;

/// Vector of IRQ 0; IRQ n arrives on `IRQ_BASE + n`.
pub const IRQ_BASE: u8 = 32;

const PRIMARY_COMMAND: u16 = 0x20;
const PRIMARY_DATA: u16 = 0x21;
const SECONDARY_COMMAND: u16 = 0xA0;
const SECONDARY_DATA: u16 = 0xA1;
const END_OF_INTERRUPT: u8 = 0x20;

/// Remaps the PICs to vectors 32..48 and masks every IRQ but the cascade.
pub fn init() {
    // ICW1: initialise, expect ICW4. ICW2: vector offsets. ICW3: cascade on
    // IRQ 2. ICW4: 8086 mode.
    port::write_u8(PRIMARY_COMMAND, 0x11);
    port::write_u8(SECONDARY_COMMAND, 0x11);
    port::write_u8(PRIMARY_DATA, IRQ_BASE);
    port::write_u8(SECONDARY_DATA, IRQ_BASE + 8);
    port::write_u8(PRIMARY_DATA, 4);
    port::write_u8(SECONDARY_DATA, 2);
    port::write_u8(PRIMARY_DATA, 0x01);
    port::write_u8(SECONDARY_DATA, 0x01);
    port::write_u8(PRIMARY_DATA, !0b0000_0100);
    port::write_u8(SECONDARY_DATA, 0xFF);
}

/// Lets IRQ `line` (0..16) through.
pub fn unmask(line: u8) {
    let (data, bit) = if line < 8 { (PRIMARY_DATA, line) } else { (SECONDARY_DATA, line - 8) };
    let mask = port::read_u8(data);
    port::write_u8(data, mask & !(1 << bit));
}

/// Stops IRQ `line` (0..16) until it is unmasked again.
pub fn mask(line: u8) {
    let (data, bit) = if line < 8 { (PRIMARY_DATA, line) } else { (SECONDARY_DATA, line - 8) };
    let mask = port::read_u8(data);
    port::write_u8(data, mask | (1 << bit));
}

/// True if IRQ `line` is really being serviced: the PICs raise IRQ 7 and 15
/// spuriously (a glitch on the line), and those must get no end-of-interrupt
/// from the PIC that did not raise them.
pub fn in_service(line: u8) -> bool {
    const READ_IN_SERVICE: u8 = 0x0B;
    let (command, bit) = if line < 8 { (PRIMARY_COMMAND, line) } else { (SECONDARY_COMMAND, line - 8) };
    port::write_u8(command, READ_IN_SERVICE);
    port::read_u8(command) & (1 << bit) != 0
}

/// Acknowledges IRQ `line` so the PIC can deliver the next one.
pub fn end_of_interrupt(line: u8) {
    if line >= 8 {
        port::write_u8(SECONDARY_COMMAND, END_OF_INTERRUPT);
    }
    port::write_u8(PRIMARY_COMMAND, END_OF_INTERRUPT);
}
