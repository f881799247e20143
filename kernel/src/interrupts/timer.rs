//! The timer interrupt: time, sleepers, and pre-emption of user threads.

use x86_64::PrivilegeLevel;
use x86_64::structures::idt::InterruptStackFrame;

use crate::arch::{pic, pit};

/// Timer interrupts per second: a 10 ms tick (EuraliOS's PIT runs at 18 Hz).
pub const TICK_HZ: u64 = 100;

/// Starts the periodic tick on IRQ 0.
pub fn start() {
    pit::start_periodic(TICK_HZ);
    pic::unmask(0);
}

pub extern "x86-interrupt" fn timer_interrupt(frame: InterruptStackFrame) {
    pic::end_of_interrupt(0);
    crate::time::on_tick();
    let from_user = frame.code_segment.rpl() == PrivilegeLevel::Ring3;
    crate::task::on_tick(from_user);
}
