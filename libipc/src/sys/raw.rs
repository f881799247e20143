//! The `syscall` instruction, and nothing else.
//!
//! Every stub takes the syscall number and up to four arguments and returns
//! `(rax, rdx)`: the error code and the value. Separate stubs per argument
//! count would save a few register moves; one general stub keeps the unsafe
//! surface to a single function.

use barodia_abi::Syscall;

/// Makes syscall `call` with four arguments (unused ones should be 0).
///
/// # Safety
/// The arguments must satisfy the syscall's contract as documented on
/// [`Syscall`]: in particular, memory the kernel writes (or unmaps) must be
/// memory this program may give up.
#[inline(always)]
pub unsafe fn syscall4(call: Syscall, a0: u64, a1: u64, a2: u64, a3: u64) -> (u64, u64) {
    // SAFETY: the caller upholds the contract of `call`.
    unsafe { syscall4_raw(call as u64, a0, a1, a2, a3) }
}

/// Makes syscall number `number`, which need not be a valid one (tests of
/// the kernel's refusals use this).
///
/// # Safety
/// As for [`syscall4`]; an unknown number has no effect but an error.
#[inline(always)]
pub unsafe fn syscall4_raw(number: u64, a0: u64, a1: u64, a2: u64, a3: u64) -> (u64, u64) {
    let error: u64;
    let value: u64;
    // SAFETY: the caller upholds the syscall's contract; the kernel preserves
    // every register except rax, rdx (results), rcx and r11 (clobbered by
    // `syscall`).
    unsafe {
        core::arch::asm!(
            "syscall",
            inlateout("rax") number => error,
            in("rdi") a0,
            in("rsi") a1,
            inlateout("rdx") a2 => value,
            in("r10") a3,
            // Unused argument registers are 0, not whatever was there.
            in("r8") 0u64,
            in("r9") 0u64,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    (error, value)
}

/// The registers a message syscall passes and returns: `rdi`, `rsi`, `rdx`,
/// `r10`, `r8`, `r9`.
pub type MessageRegisters = [u64; 6];

/// Makes an IPC syscall that passes and returns six registers; returns the
/// error code (`rax`) and the registers after the call.
///
/// # Safety
/// As for [`syscall4`]: the arguments must satisfy the call's contract.
#[inline(always)]
pub unsafe fn syscall_message(call: Syscall, registers: MessageRegisters) -> (u64, MessageRegisters) {
    // SAFETY: the caller upholds the contract of `call`.
    unsafe { syscall_message_raw(call as u64, registers) }
}

/// Like [`syscall_message`] with any number, valid or not.
///
/// # Safety
/// As for [`syscall_message`].
#[inline(always)]
pub unsafe fn syscall_message_raw(number: u64, registers: MessageRegisters) -> (u64, MessageRegisters) {
    let [mut rdi, mut rsi, mut rdx, mut r10, mut r8, mut r9] = registers;
    let error: u64;
    // SAFETY: the caller upholds the contract; the kernel preserves every
    // register but rax (error), the six message registers (results), rcx
    // and r11 (clobbered by `syscall`).
    unsafe {
        core::arch::asm!(
            "syscall",
            inlateout("rax") number => error,
            inlateout("rdi") rdi,
            inlateout("rsi") rsi,
            inlateout("rdx") rdx,
            inlateout("r10") r10,
            inlateout("r8") r8,
            inlateout("r9") r9,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    (error, [rdi, rsi, rdx, r10, r8, r9])
}
