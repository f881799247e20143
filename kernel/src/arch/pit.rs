//! The 8254 PIT: the periodic timer tick, and a reference clock for measuring
//! the TSC's frequency at boot.

use super::port;

/// The PIT's input clock in Hz.
const INPUT_HZ: u64 = 1_193_182;
const CHANNEL_0: u16 = 0x40;
const CHANNEL_2: u16 = 0x42;
const COMMAND: u16 = 0x43;
/// Port 0x61: bit 0 gates channel 2, bit 5 reads its output.
const GATE: u16 = 0x61;

/// Starts channel 0 as a rate generator at `hz` interrupts per second (IRQ 0).
pub fn start_periodic(hz: u64) {
    let divisor = (INPUT_HZ / hz).clamp(1, 0xFFFF) as u16;
    port::write_u8(COMMAND, 0b0011_0100); // channel 0, lobyte/hibyte, mode 2
    let [low, high] = divisor.to_le_bytes();
    port::write_u8(CHANNEL_0, low);
    port::write_u8(CHANNEL_0, high);
}

/// Measures how many TSC counts pass per second, timing a 10 ms one-shot on
/// channel 2 (which raises no interrupt) by busy-waiting. Used once at boot.
pub fn measure_tsc_frequency() -> u64 {
    const MILLISECONDS: u64 = 10;
    let count = (INPUT_HZ * MILLISECONDS / 1000) as u16;
    let gate = port::read_u8(GATE);
    port::write_u8(GATE, (gate & !0b10) | 0b1); // speaker off, gate on
    port::write_u8(COMMAND, 0b1011_0000); // channel 2, lobyte/hibyte, mode 0
    let [low, high] = count.to_le_bytes();
    port::write_u8(CHANNEL_2, low);
    port::write_u8(CHANNEL_2, high);
    // Restart the count: a rising edge on the gate reloads it.
    let gate = port::read_u8(GATE);
    port::write_u8(GATE, gate & !1);
    port::write_u8(GATE, gate | 1);
    let start = super::cpu::read_tsc();
    while port::read_u8(GATE) & 0b10_0000 == 0 {
        core::hint::spin_loop();
    }
    let elapsed = super::cpu::read_tsc().saturating_sub(start);
    elapsed * (1000 / MILLISECONDS)
}
