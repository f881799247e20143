//! CPU exception handlers.
//!
//! From user mode every exception but a resolvable page fault ends the
//! process: [`crate::task::kill_current`] logs one line naming the process, the
//! fault and where it happened, and switches away. From kernel mode they are
//! bugs: [`kernel_fault`] prints the full frame on serial and screen and stops.

use barodia_abi::vector;
use x86_64::PrivilegeLevel;
use x86_64::registers::control::Cr2;
use x86_64::structures::idt::{InterruptDescriptorTable, InterruptStackFrame, PageFaultErrorCode};

use crate::task::{self, Fault};

fn from_user(frame: &InterruptStackFrame) -> bool {
    frame.code_segment.rpl() == PrivilegeLevel::Ring3
}

/// Reports a kernel-mode exception and stops for good.
fn kernel_fault(name: &str, frame: &InterruptStackFrame, detail: core::fmt::Arguments<'_>) -> ! {
    panic!(
        "{name} in the kernel at {:#x} ({detail})\n  rsp {:#x}  rflags {:#x}  cs {:#x}  ss {:#x}",
        frame.instruction_pointer.as_u64(),
        frame.stack_pointer.as_u64(),
        frame.cpu_flags.bits(),
        frame.code_segment.0,
        frame.stack_segment.0,
    )
}

/// Handles an exception with no special treatment in user mode. Its name
/// comes from the ABI crate, which user programs decode exit statuses with.
fn simple(vector: u8, frame: &InterruptStackFrame, error_code: Option<u64>) {
    if from_user(frame) {
        task::kill_current(Fault::Exception { vector, rip: frame.instruction_pointer.as_u64(), error_code });
    }
    let name = barodia_abi::exception_name(vector).unwrap_or("CPU exception");
    kernel_fault(name, frame, format_args!("error code {error_code:?}"));
}

macro_rules! handler {
    ($function:ident, $vector:ident) => {
        extern "x86-interrupt" fn $function(frame: InterruptStackFrame) {
            simple(vector::$vector, &frame, None);
        }
    };
    ($function:ident, $vector:ident, error_code) => {
        extern "x86-interrupt" fn $function(frame: InterruptStackFrame, error_code: u64) {
            simple(vector::$vector, &frame, Some(error_code));
        }
    };
}

handler!(divide_error, DIVIDE_ERROR);
handler!(debug, DEBUG);
handler!(non_maskable, NON_MASKABLE_INTERRUPT);
handler!(breakpoint, BREAKPOINT);
handler!(overflow, OVERFLOW);
handler!(bound_range, BOUND_RANGE_EXCEEDED);
handler!(invalid_opcode, INVALID_OPCODE);
handler!(device_not_available, DEVICE_NOT_AVAILABLE);
handler!(x87_floating_point, X87_FLOATING_POINT);
handler!(simd_floating_point, SIMD_FLOATING_POINT);
handler!(virtualization, VIRTUALIZATION);
handler!(invalid_tss, INVALID_TSS, error_code);
handler!(segment_not_present, SEGMENT_NOT_PRESENT, error_code);
handler!(stack_segment, STACK_SEGMENT_FAULT, error_code);
handler!(general_protection, GENERAL_PROTECTION_FAULT, error_code);
handler!(alignment_check, ALIGNMENT_CHECK, error_code);

extern "x86-interrupt" fn machine_check(frame: InterruptStackFrame) -> ! {
    kernel_fault("machine check", &frame, format_args!("hardware error"))
}

/// Runs on its own IST stack, so it reports even a kernel stack overflow.
pub extern "x86-interrupt" fn double_fault(frame: InterruptStackFrame, _error_code: u64) -> ! {
    kernel_fault("double fault", &frame, format_args!("often a kernel stack overflow"))
}

extern "x86-interrupt" fn page_fault(frame: InterruptStackFrame, error_code: PageFaultErrorCode) {
    let address = Cr2::read_raw();
    let write = error_code.contains(PageFaultErrorCode::CAUSED_BY_WRITE);
    let execute = error_code.contains(PageFaultErrorCode::INSTRUCTION_FETCH);
    if from_user(&frame) {
        task::handle_user_page_fault(address, write, execute, frame.instruction_pointer.as_u64());
        return;
    }
    kernel_fault("page fault", &frame, format_args!("address {address:#x}, {error_code:?}"));
}

/// Points every exception vector at its handler (the double fault is set up
/// by the caller, with its own stack).
pub fn install(idt: &mut InterruptDescriptorTable) {
    idt.divide_error.set_handler_fn(divide_error);
    idt.debug.set_handler_fn(debug);
    idt.non_maskable_interrupt.set_handler_fn(non_maskable);
    // Ring 3 may execute `int3`: a breakpoint ends the process like any fault.
    idt.breakpoint.set_handler_fn(breakpoint).set_privilege_level(x86_64::PrivilegeLevel::Ring3);
    idt.overflow.set_handler_fn(overflow);
    idt.bound_range_exceeded.set_handler_fn(bound_range);
    idt.invalid_opcode.set_handler_fn(invalid_opcode);
    idt.device_not_available.set_handler_fn(device_not_available);
    idt.invalid_tss.set_handler_fn(invalid_tss);
    idt.segment_not_present.set_handler_fn(segment_not_present);
    idt.stack_segment_fault.set_handler_fn(stack_segment);
    idt.general_protection_fault.set_handler_fn(general_protection);
    idt.page_fault.set_handler_fn(page_fault);
    idt.x87_floating_point.set_handler_fn(x87_floating_point);
    idt.alignment_check.set_handler_fn(alignment_check);
    idt.machine_check.set_handler_fn(machine_check);
    idt.simd_floating_point.set_handler_fn(simd_floating_point);
    idt.virtualization.set_handler_fn(virtualization);
}
