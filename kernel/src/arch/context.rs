//! Switching between kernel stacks, and the first entry into user mode.
//!
//! Every thread has its own kernel stack. A thread that is not running is
//! suspended inside [`switch_stacks`], with its callee-saved registers pushed
//! on its kernel stack and the stack pointer saved in its thread record. The
//! registers a thread had in user mode are already on its kernel stack, saved
//! by the syscall or interrupt entry that brought it into the kernel.

use core::arch::naked_asm;

/// Saves the current callee-saved registers on the current stack, stores the
/// stack pointer in `*save_rsp`, loads `load_rsp`, restores the registers
/// saved there, and returns into that thread.
///
/// # Safety
/// `save_rsp` must be valid for a write; `load_rsp` must be a stack pointer
/// saved by this function (or prepared by [`prepare_new_stack`]) on a kernel
/// stack that is still mapped. Interrupts must be off.
#[unsafe(naked)]
pub unsafe extern "C" fn switch_stacks(save_rsp: *mut u64, load_rsp: u64) {
    naked_asm!(
        "push rbp",
        "push rbx",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        "mov [rdi], rsp",
        "mov rsp, rsi",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
    );
}

/// Number of words [`prepare_new_stack`] writes.
const INITIAL_FRAME_WORDS: usize = 8;

/// Prepares a fresh kernel stack so that [`switch_stacks`] to it "returns"
/// into `start`, which must never return. Returns the stack pointer to load.
///
/// `stack` is the whole kernel stack; its end must be 16-byte aligned.
pub fn prepare_new_stack(stack: &mut [u64], start: extern "C" fn() -> !) -> Option<u64> {
    let len = stack.len();
    let frame = stack.get_mut(len.checked_sub(INITIAL_FRAME_WORDS)?..)?;
    // Six callee-saved registers (zero), the return address, and one padding
    // word so `start` sees the stack alignment of a normal call.
    frame.copy_from_slice(&[0, 0, 0, 0, 0, 0, start as *const () as u64, 0]);
    Some(frame.as_ptr() as u64)
}

/// Where and how a thread first enters user mode. The field order is read by
/// [`enter_user_mode`]; change both together.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct UserEntry {
    /// First instruction.
    pub rip: u64,
    /// Initial stack pointer.
    pub rsp: u64,
    /// Initial `rdi`, `rsi` and `rdx`: the entry function's arguments.
    pub arguments: [u64; 3],
    /// User code selector.
    pub code_selector: u64,
    /// User data (stack) selector.
    pub data_selector: u64,
}

/// Leaves the kernel for the first time on this thread, as `entry` says:
/// interrupts on, every register not named in `entry` zero.
///
/// # Safety
/// `entry.rip` and `entry.rsp` must be canonical lower-half addresses in the
/// current address space; the selectors must be the GDT's user selectors.
#[unsafe(naked)]
pub unsafe extern "C" fn enter_user_mode(entry: &UserEntry) -> ! {
    naked_asm!(
        // iretq frame: SS, RSP, RFLAGS, CS, RIP.
        "push qword ptr [rdi + 48]",
        "push qword ptr [rdi + 8]",
        "push 0x202", // IF set, reserved bit 1
        "push qword ptr [rdi + 40]",
        "push qword ptr [rdi]",
        "mov rsi, [rdi + 24]",
        "mov rdx, [rdi + 32]",
        "mov rdi, [rdi + 16]",
        "xor eax, eax",
        "xor ebx, ebx",
        "xor ecx, ecx",
        "xor ebp, ebp",
        "xor r8d, r8d",
        "xor r9d, r9d",
        "xor r10d, r10d",
        "xor r11d, r11d",
        "xor r12d, r12d",
        "xor r13d, r13d",
        "xor r14d, r14d",
        "xor r15d, r15d",
        "iretq",
    );
}

const _: () = assert!(core::mem::offset_of!(UserEntry, arguments) == 16);
const _: () = assert!(core::mem::offset_of!(UserEntry, code_selector) == 40);
const _: () = assert!(core::mem::offset_of!(UserEntry, data_selector) == 48);
