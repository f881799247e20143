//! The `syscall` instruction's entry and exit path.
//!
//! `syscall` leaves the user stack pointer in place and disables nothing but
//! what SFMASK says; the entry stub moves to the current thread's kernel stack,
//! saves the user registers as a [`SyscallFrame`], and calls
//! [`crate::syscall::dispatch_from_entry`]. Interrupts stay off for the whole syscall (the
//! kernel is not pre-emptible); a blocking syscall switches threads explicitly.
//!
//! This kernel runs on one CPU, so the scratch slot for the user stack pointer
//! and the kernel stack top are plain statics rather than per-CPU data reached
//! through `swapgs`.

use core::arch::naked_asm;
use core::sync::atomic::{AtomicU64, Ordering};

use x86_64::VirtAddr;
use x86_64::registers::model_specific::{Efer, EferFlags, LStar, SFMask, Star};
use x86_64::registers::rflags::RFlags;

use super::gdt::Selectors;

/// The user registers saved on the kernel stack at syscall entry, lowest
/// address first. The layout is the push order in [`syscall_entry`]; change
/// both together.
#[derive(Debug)]
#[repr(C)]
pub struct SyscallFrame {
    /// Argument 5.
    pub r9: u64,
    /// Argument 4.
    pub r8: u64,
    /// Argument 3.
    pub r10: u64,
    /// Argument 2 on entry; the result value on return.
    pub rdx: u64,
    /// Argument 1.
    pub rsi: u64,
    /// Argument 0.
    pub rdi: u64,
    /// The syscall number on entry; the error code (0 = success) on return.
    pub rax: u64,
    /// User RFLAGS, saved by the CPU in `r11`.
    pub rflags: u64,
    /// User return address, saved by the CPU in `rcx`.
    pub rip: u64,
    /// User stack pointer.
    pub rsp: u64,
}

const _: () = assert!(core::mem::size_of::<SyscallFrame>() == 80);

/// Scratch slot for the user stack pointer between the first two entry
/// instructions. Written only by the entry stub with interrupts off.
static USER_RSP_SCRATCH: AtomicU64 = AtomicU64::new(0);
/// Top of the running thread's kernel stack; set at every context switch.
static KERNEL_STACK_TOP: AtomicU64 = AtomicU64::new(0);

/// Sets the stack that the next `syscall` runs on.
pub fn set_kernel_stack(top: VirtAddr) {
    KERNEL_STACK_TOP.store(top.as_u64(), Ordering::Relaxed);
}

/// Enables `syscall`/`sysret` and points them at the entry stub.
pub fn init(selectors: &Selectors) {
    // SAFETY: enabling SCE only adds the syscall instruction; NXE makes the
    // NO_EXECUTE bit valid in page tables, which the kernel relies on for W^X.
    unsafe { Efer::update(|flags| flags.insert(EferFlags::SYSTEM_CALL_EXTENSIONS | EferFlags::NO_EXECUTE_ENABLE)) };
    LStar::write(VirtAddr::new(syscall_entry as *const () as u64));
    // Interrupts off, direction flag clear, no single-stepping, no alignment
    // checks and no I/O privilege on entry, whatever user space had set.
    SFMask::write(
        RFlags::INTERRUPT_FLAG
            | RFlags::DIRECTION_FLAG
            | RFlags::TRAP_FLAG
            | RFlags::ALIGNMENT_CHECK
            | RFlags::IOPL_HIGH
            | RFlags::IOPL_LOW
            | RFlags::NESTED_TASK,
    );
    // The GDT order (kernel code, kernel data, user data, user code) is what
    // `Star::write` checks for.
    if let Err(error) =
        Star::write(selectors.user_code, selectors.user_data, selectors.kernel_code, selectors.kernel_data)
    {
        panic!("GDT layout does not suit syscall/sysret: {error}");
    }
}

/// The `syscall` entry point (LSTAR). See the module docs.
#[unsafe(naked)]
extern "C" fn syscall_entry() {
    naked_asm!(
        "mov [rip + {scratch}], rsp",
        "mov rsp, [rip + {kernel_stack}]",
        "push qword ptr [rip + {scratch}]", // rsp
        "push rcx",                         // rip
        "push r11",                         // rflags
        "push rax",
        "push rdi",
        "push rsi",
        "push rdx",
        "push r10",
        "push r8",
        "push r9",
        // Ten pushes from a 16-byte aligned top keep the call aligned.
        "mov rdi, rsp",
        "call {dispatch}",
        "pop r9",
        "pop r8",
        "pop r10",
        "pop rdx",
        "pop rsi",
        "pop rdi",
        "pop rax",
        "pop r11",
        "pop rcx",
        "pop rsp",
        "sysretq",
        scratch = sym USER_RSP_SCRATCH,
        kernel_stack = sym KERNEL_STACK_TOP,
        dispatch = sym crate::syscall::dispatch_from_entry,
    );
}
