//! Deliberate faults, for testing that the kernel isolates them.
//!
//! Test programs must stay free of `unsafe` like every app, so the faults
//! they provoke live here, one small function each. Each ends the process
//! (the kernel kills it); none returns.

/// A fault to provoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Read from address 0.
    NullRead,
    /// Write to a read-only page (the program's own code).
    WriteToCode,
    /// Execute a non-executable page (the stack).
    ExecuteData,
    /// Read a kernel address.
    KernelRead,
    /// `ud2`.
    InvalidOpcode,
    /// Integer division by zero.
    DivideByZero,
    /// A privileged instruction (`hlt`): general protection fault.
    Privileged,
    /// Unbounded recursion into the stack's guard page.
    StackOverflow,
    /// An x87 instruction, which user programs may not use.
    FloatingPoint,
    /// `int3`.
    Breakpoint,
    /// `in` from the keyboard port: user code has no I/O privilege and no
    /// I/O bitmap, so a driver reaches ports only through a port capability.
    PortInput,
}

impl Fault {
    /// Every fault, in a fixed order.
    pub const ALL: [Fault; 11] = [
        Fault::NullRead,
        Fault::WriteToCode,
        Fault::ExecuteData,
        Fault::KernelRead,
        Fault::InvalidOpcode,
        Fault::DivideByZero,
        Fault::Privileged,
        Fault::StackOverflow,
        Fault::FloatingPoint,
        Fault::Breakpoint,
        Fault::PortInput,
    ];

    /// A short name, also accepted by [`Fault::from_name`].
    pub fn name(self) -> &'static str {
        match self {
            Fault::NullRead => "null-read",
            Fault::WriteToCode => "write-code",
            Fault::ExecuteData => "execute-data",
            Fault::KernelRead => "kernel-read",
            Fault::InvalidOpcode => "invalid-opcode",
            Fault::DivideByZero => "divide-by-zero",
            Fault::Privileged => "privileged",
            Fault::StackOverflow => "stack-overflow",
            Fault::FloatingPoint => "floating-point",
            Fault::Breakpoint => "breakpoint",
            Fault::PortInput => "port-input",
        }
    }

    /// The fault with this [`Fault::name`].
    pub fn from_name(name: &str) -> Option<Fault> {
        Fault::ALL.into_iter().find(|fault| fault.name() == name)
    }

    /// The CPU exception it raises, which the process's exit status
    /// reports ([`barodia_abi::ExitReason::Fault`]).
    pub fn vector(self) -> u8 {
        use barodia_abi::vector;
        match self {
            Fault::NullRead | Fault::WriteToCode | Fault::ExecuteData | Fault::KernelRead | Fault::StackOverflow => {
                vector::PAGE_FAULT
            }
            Fault::InvalidOpcode => vector::INVALID_OPCODE,
            Fault::DivideByZero => vector::DIVIDE_ERROR,
            // Without I/O privilege, `in` is refused like `hlt`.
            Fault::Privileged | Fault::PortInput => vector::GENERAL_PROTECTION_FAULT,
            // The kernel sets CR0.EM, so any x87 instruction traps.
            Fault::FloatingPoint => vector::DEVICE_NOT_AVAILABLE,
            Fault::Breakpoint => vector::BREAKPOINT,
        }
    }
}

/// Provokes `fault`. The kernel ends the process, so this never returns.
///
/// Each unsafe block performs exactly one faulting access or instruction on
/// purpose; the kernel ends the process at the fault, so the program never
/// observes any undefined state.
pub fn provoke(fault: Fault) -> ! {
    match fault {
        // SAFETY: a deliberate fault; see the function docs.
        Fault::NullRead => unsafe {
            core::ptr::read_volatile(core::ptr::null::<u64>());
        },
        // SAFETY: a deliberate fault; see the function docs.
        Fault::WriteToCode => unsafe {
            core::ptr::write_volatile(provoke as *const () as *mut u8, 0xC3);
        },
        Fault::ExecuteData => {
            let code = [0xC3u8; 16];
            // SAFETY: a deliberate fault; see the function docs.
            let function: extern "C" fn() = unsafe { core::mem::transmute(code.as_ptr()) };
            function();
        }
        // SAFETY: a deliberate fault; see the function docs.
        Fault::KernelRead => unsafe {
            core::ptr::read_volatile(0xFFFF_FFFF_8000_0000 as *const u64);
        },
        // SAFETY: a deliberate fault; see the function docs.
        Fault::InvalidOpcode => unsafe { core::arch::asm!("ud2") },
        // SAFETY: a deliberate fault; see the function docs.
        Fault::DivideByZero => unsafe {
            core::arch::asm!(
                "xor edx, edx",
                "xor ecx, ecx",
                "mov eax, 1",
                "div ecx",
                out("eax") _,
                out("ecx") _,
                out("edx") _
            )
        },
        // SAFETY: a deliberate fault; see the function docs.
        Fault::Privileged => unsafe { core::arch::asm!("hlt") },
        Fault::StackOverflow => {
            recurse(core::hint::black_box(0));
        }
        // SAFETY: a deliberate fault; see the function docs.
        Fault::FloatingPoint => unsafe { core::arch::asm!("fldz") },
        // SAFETY: a deliberate fault; see the function docs.
        Fault::Breakpoint => unsafe { core::arch::asm!("int3") },
        // SAFETY: a deliberate fault; see the function docs.
        Fault::PortInput => unsafe {
            core::arch::asm!("in al, dx", in("dx") 0x60u16, out("al") _);
        },
    }
    crate::sys::exit(0xFA11)
}

/// Uses a page of stack per call, until the guard page stops it.
fn recurse(depth: u64) -> u64 {
    if depth == u64::MAX {
        return 0;
    }
    let mut frame = [0u8; 4096];
    frame[0] = depth as u8;
    let frame = core::hint::black_box(frame);
    recurse(depth + 1) + u64::from(frame[0])
}

/// A syscall with arguments the kernel must refuse, for hostile-input tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadCall {
    /// A syscall number that does not exist: `UnknownSyscall`.
    UnknownNumber,
    /// `LogWrite` from a kernel address: `BadAddress`.
    LogFromKernelAddress,
    /// `LogWrite` from an unmapped user address: `BadAddress`.
    LogFromUnmappedAddress,
    /// `LogWrite` whose range wraps around the address space: `BadAddress`.
    LogWrappingRange,
    /// `LogWrite` of bytes that are not UTF-8: `InvalidUtf8`.
    LogInvalidUtf8,
    /// `SystemInfo` into read-only memory (the program's code): `BadAddress`.
    InfoIntoReadOnlyMemory,
    /// `SystemInfo` with the wrong size: `InvalidArgument`.
    InfoWrongSize,
    /// `ProcessSpawn` of a path that does not exist: `NotFound`.
    SpawnMissingProgram,
    /// `ProcessSpawn` with a path pointer into the kernel: `BadAddress`.
    SpawnFromKernelAddress,
    /// `ProcessSpawn` of a file that is not an executable: `BadExecutable`.
    SpawnNonExecutable,
    /// `MemoryMap` of zero bytes: `InvalidArgument`.
    MapZeroBytes,
    /// `MemoryMap` writable and executable: `InvalidArgument`.
    MapWriteExecute,
    /// `MemoryMap` of more than all memory: `OutOfMemory`.
    MapHuge,
    /// `MemoryUnmap` of something never mapped: `InvalidArgument`.
    UnmapNotMapped,
    /// `ThreadSpawn` with an entry point outside code: `BadAddress`.
    ThreadAtDataAddress,
    /// `ThreadJoin` of a thread that does not exist: `NotFound`.
    JoinNoSuchThread,
    /// `ProcessWait` for a process that is not a child: `NotFound`.
    WaitNotAChild,
    /// `CallMessage` whose message record is in the kernel: `BadAddress`.
    CallRecordInKernel,
    /// `SendMessage` whose message record is not mapped: `BadAddress`.
    SendRecordUnmapped,
    /// `LeaseRead` through handle 0: `InvalidHandle`.
    LeaseReadWithoutCall,
    /// `PortRead` through handle 0: `InvalidHandle`.
    PortReadWithoutCapability,
    /// `ProcessSpawnImage` of an image in the kernel: `BadAddress`.
    SpawnImageFromKernelAddress,
    /// `ProcessSpawnImage` of an image over the size limit: `InvalidArgument`.
    SpawnImageTooLarge,
    /// `ProcessSpawnImage` with no name (an empty argument block):
    /// `InvalidArgument`.
    SpawnImageWithoutName,
    /// `ProcessSpawnImage` whose arguments are not UTF-8: `InvalidUtf8`.
    SpawnImageInvalidUtf8,
}

impl BadCall {
    /// Every bad call with the error the kernel must return.
    pub const ALL: [(BadCall, barodia_abi::SysError); 25] = {
        use barodia_abi::SysError::*;
        [
            (BadCall::UnknownNumber, UnknownSyscall),
            (BadCall::LogFromKernelAddress, BadAddress),
            (BadCall::LogFromUnmappedAddress, BadAddress),
            (BadCall::LogWrappingRange, BadAddress),
            (BadCall::LogInvalidUtf8, InvalidUtf8),
            (BadCall::InfoIntoReadOnlyMemory, BadAddress),
            (BadCall::InfoWrongSize, InvalidArgument),
            (BadCall::SpawnMissingProgram, NotFound),
            (BadCall::SpawnFromKernelAddress, BadAddress),
            (BadCall::SpawnNonExecutable, BadExecutable),
            (BadCall::MapZeroBytes, InvalidArgument),
            (BadCall::MapWriteExecute, InvalidArgument),
            (BadCall::MapHuge, OutOfMemory),
            (BadCall::UnmapNotMapped, InvalidArgument),
            (BadCall::ThreadAtDataAddress, BadAddress),
            (BadCall::JoinNoSuchThread, NotFound),
            (BadCall::WaitNotAChild, NotFound),
            (BadCall::CallRecordInKernel, BadAddress),
            (BadCall::SendRecordUnmapped, BadAddress),
            (BadCall::LeaseReadWithoutCall, InvalidHandle),
            (BadCall::PortReadWithoutCapability, InvalidHandle),
            (BadCall::SpawnImageFromKernelAddress, BadAddress),
            (BadCall::SpawnImageTooLarge, InvalidArgument),
            (BadCall::SpawnImageWithoutName, InvalidArgument),
            (BadCall::SpawnImageInvalidUtf8, InvalidUtf8),
        ]
    };
}

/// Makes the bad call and returns what the kernel said.
pub fn try_bad_call(call: BadCall) -> Result<u64, barodia_abi::SysError> {
    use barodia_abi::Syscall;
    const KERNEL: u64 = 0xFFFF_FFFF_8000_0000;
    const UNMAPPED: u64 = 0x0000_6000_0000_0000;
    let invalid = [0xFFu8, 0xFE, 0xFD];
    let code = provoke as *const () as u64;
    let path = "bin/does-not-exist";
    let data_file = "etc/motd";
    let data = invalid.as_ptr() as u64;
    let (number, arguments): (u64, [u64; 4]) = match call {
        BadCall::UnknownNumber => (9999, [0; 4]),
        BadCall::LogFromKernelAddress => (Syscall::LogWrite as u64, [KERNEL, 16, 0, 0]),
        BadCall::LogFromUnmappedAddress => (Syscall::LogWrite as u64, [UNMAPPED, 16, 0, 0]),
        BadCall::LogWrappingRange => (Syscall::LogWrite as u64, [u64::MAX - 4, 16, 0, 0]),
        BadCall::LogInvalidUtf8 => (Syscall::LogWrite as u64, [data, 3, 0, 0]),
        BadCall::InfoIntoReadOnlyMemory => (Syscall::SystemInfo as u64, [code, 64, 0, 0]),
        BadCall::InfoWrongSize => (Syscall::SystemInfo as u64, [data, 3, 0, 0]),
        BadCall::SpawnMissingProgram => (Syscall::ProcessSpawn as u64, [path.as_ptr() as u64, path.len() as u64, 0, 0]),
        BadCall::SpawnFromKernelAddress => (Syscall::ProcessSpawn as u64, [KERNEL, 8, 0, 0]),
        BadCall::SpawnNonExecutable => {
            (Syscall::ProcessSpawn as u64, [data_file.as_ptr() as u64, data_file.len() as u64, 0, 0])
        }
        BadCall::MapZeroBytes => (Syscall::MemoryMap as u64, [0, 1, 0, 0]),
        BadCall::MapWriteExecute => (Syscall::MemoryMap as u64, [4096, 3, 0, 0]),
        BadCall::MapHuge => (Syscall::MemoryMap as u64, [1 << 46, 1, 0, 0]),
        BadCall::UnmapNotMapped => (Syscall::MemoryUnmap as u64, [UNMAPPED, 4096, 0, 0]),
        BadCall::ThreadAtDataAddress => (Syscall::ThreadSpawn as u64, [data, 0, 0, 0]),
        BadCall::JoinNoSuchThread => (Syscall::ThreadJoin as u64, [0x7777_0000_1234, 0, 0, 0]),
        BadCall::WaitNotAChild => (Syscall::ProcessWait as u64, [1, 0, 0, 0]),
        BadCall::CallRecordInKernel => (Syscall::CallMessage as u64, [1, KERNEL, 0, 0]),
        BadCall::SendRecordUnmapped => (Syscall::SendMessage as u64, [1, UNMAPPED, 0, 0]),
        BadCall::LeaseReadWithoutCall => (Syscall::LeaseRead as u64, [0, 0, data, 3]),
        BadCall::PortReadWithoutCapability => (Syscall::PortRead as u64, [0, 0x60, 1, 0]),
        // Each is refused before the handle register (r8, not set here)
        // is looked at.
        BadCall::SpawnImageFromKernelAddress => (Syscall::ProcessSpawnImage as u64, [KERNEL, 4096, data, 1]),
        BadCall::SpawnImageTooLarge => {
            (Syscall::ProcessSpawnImage as u64, [code, barodia_abi::MAX_SPAWN_IMAGE_LEN as u64 + 1, data, 1])
        }
        BadCall::SpawnImageWithoutName => (Syscall::ProcessSpawnImage as u64, [code, 64, data, 0]),
        BadCall::SpawnImageInvalidUtf8 => (Syscall::ProcessSpawnImage as u64, [code, 64, data, 3]),
    };
    let [a0, a1, a2, a3] = arguments;
    // SAFETY: none of these calls can succeed in a way that changes this
    // program's memory: each is refused by the kernel (that is what the tests
    // check), and the one that could map memory (MapHuge) maps fresh memory
    // that nothing here uses.
    let (error, value) = unsafe { crate::sys::syscall4_raw(number, a0, a1, a2, a3) };
    if error == 0 { Ok(value) } else { Err(barodia_abi::SysError::try_from(error).unwrap_or(barodia_abi::SysError::InvalidArgument)) }
}

/// Makes syscall `number` with arbitrary arguments, for the syscall fuzzer.
///
/// The kernel must refuse or perform any such call without harm to itself.
/// The caller's own memory is another matter, so a fuzzer must keep pointer
/// arguments away from its own writable memory, and must not pass numbers
/// that end it (ProcessExit, ThreadExit) if it wants to go on.
pub fn fuzz_syscall(number: u64, arguments: [u64; 6]) -> (u64, [u64; 6]) {
    // SAFETY: see the function docs: the fuzzer keeps pointers out of its own
    // memory, so no call the kernel accepts can change memory this program
    // uses; everything else is refused by the kernel.
    unsafe { crate::sys::syscall_message_raw(number, arguments) }
}
