//! The interrupt descriptor table: CPU exceptions and hardware interrupts.
//!
//! An exception raised in ring 3 ends the offending process with one log line
//! and the system runs on; an exception in ring 0 is a kernel bug and gets a
//! full report (see [`exceptions`]). The timer interrupt drives time and
//! pre-emption (see [`timer`]); the other lines go to user-space drivers
//! (see [`devices`]).

mod devices;
mod exceptions;
mod timer;

use x86_64::structures::idt::InterruptDescriptorTable;

use crate::arch::gdt::DOUBLE_FAULT_IST_INDEX;
use crate::arch::pic;

pub use timer::TICK_HZ;

static IDT: spin::Once<InterruptDescriptorTable> = spin::Once::new();

/// Builds and loads the IDT, remaps the PICs and starts the timer. Interrupts
/// stay disabled until the first thread runs.
pub fn init() {
    let idt = IDT.call_once(|| {
        let mut idt = InterruptDescriptorTable::new();
        exceptions::install(&mut idt);
        // SAFETY: the double-fault stack index names the IST entry that
        // `arch::gdt::init` filled before this runs.
        unsafe {
            idt.double_fault.set_handler_fn(exceptions::double_fault).set_stack_index(DOUBLE_FAULT_IST_INDEX);
        }
        idt[pic::IRQ_BASE].set_handler_fn(timer::timer_interrupt);
        devices::install(&mut idt);
        idt
    });
    idt.load();
    pic::init();
    timer::start();
}
