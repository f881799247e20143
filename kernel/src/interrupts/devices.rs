//! Hardware interrupts for user-space drivers: IRQ 1 and 3 to 15.
//!
//! Each handler masks its line, acknowledges the PIC and hands the line to
//! the IPC layer, which notifies the driver bound to it (see
//! `ipc::devices`). The line stays masked until the driver acknowledges, so
//! a driver that is slow, or dead, cannot be flooded or flood the kernel.

use x86_64::structures::idt::{InterruptDescriptorTable, InterruptStackFrame};

use crate::arch::pic;

/// Masks, acknowledges and forwards IRQ `line`.
fn on_irq(line: u8) {
    // IRQ 7 and 15 can be spurious: then nothing is in service and the PIC
    // that did not raise it must get no end-of-interrupt.
    if (line == 7 || line == 15) && !pic::in_service(line) {
        if line == 15 {
            pic::end_of_interrupt(0);
        }
        return;
    }
    pic::mask(line);
    pic::end_of_interrupt(line);
    crate::ipc::devices::irq_fired(line);
}

macro_rules! irq_handlers {
    ($($name:ident = $line:literal),* $(,)?) => {
        $(
            extern "x86-interrupt" fn $name(_frame: InterruptStackFrame) {
                on_irq($line);
            }
        )*

        /// Installs the handlers of the lines drivers may claim.
        pub fn install(idt: &mut InterruptDescriptorTable) {
            $( idt[pic::IRQ_BASE + $line].set_handler_fn($name); )*
        }
    };
}

irq_handlers!(
    irq1 = 1, irq3 = 3, irq4 = 4, irq5 = 5, irq6 = 6, irq7 = 7, irq8 = 8, irq9 = 9,
    irq10 = 10, irq11 = 11, irq12 = 12, irq13 = 13, irq14 = 14, irq15 = 15,
);
