//! System-call dispatch: decode the number, check the arguments once, call a
//! handler, and encode the result. The ABI (numbers, registers, errors) is
//! `barodia_abi`; each handler's rules are documented on its `Syscall` variant.

mod ipc;
mod memory;
mod process;

use barodia_abi::{SysError, Syscall};

use crate::arch::syscall_entry::SyscallFrame;

/// What every handler returns: a value for `rdx`, or an error for `rax`.
pub type SysResult = Result<u64, SysError>;

/// Called by the entry stub with the saved user registers.
pub extern "C" fn dispatch_from_entry(frame: &mut SyscallFrame) {
    // IPC calls return several registers; they write the frame themselves.
    let message_result = match Syscall::try_from(frame.rax) {
        Ok(Syscall::Call) => Some(ipc::call(frame, true)),
        Ok(Syscall::Send) => Some(ipc::call(frame, false)),
        Ok(Syscall::Receive) => Some(ipc::receive(frame)),
        Ok(Syscall::Reply) => Some(ipc::reply(frame)),
        _ => None,
    };
    if let Some(result) = message_result {
        frame.rax = match result {
            Ok(()) => 0,
            Err(error) => error as u64,
        };
        return;
    }
    let result = dispatch(frame);
    match result {
        Ok(value) => {
            frame.rax = 0;
            frame.rdx = value;
        }
        Err(error) => {
            frame.rax = error as u64;
            frame.rdx = 0;
        }
    }
}

fn dispatch(frame: &SyscallFrame) -> SysResult {
    let Ok(call) = Syscall::try_from(frame.rax) else { return Err(SysError::UnknownSyscall) };
    let (a0, a1, a2, a3, a4) = (frame.rdi, frame.rsi, frame.rdx, frame.r10, frame.r8);
    match call {
        Syscall::LogWrite => process::log_write(a0, a1),
        Syscall::ProcessExit => crate::task::exit_current_process(a0),
        Syscall::Yield => {
            crate::task::yield_current();
            Ok(0)
        }
        Syscall::ThreadSpawn => process::thread_spawn(a0, a1),
        Syscall::ThreadExit => crate::task::exit_current_thread(a0),
        Syscall::ThreadJoin => process::thread_join(a0),
        Syscall::MemoryMap => memory::map(a0, a1),
        Syscall::MemoryUnmap => memory::unmap(a0, a1),
        Syscall::Sleep => process::sleep(a0),
        Syscall::ProcessSpawn => process::process_spawn(a0, a1, a2, a3, a4),
        Syscall::ProcessWait => crate::task::wait_child(a0),
        Syscall::SystemInfo => memory::system_info(a0, a1),
        Syscall::Nop => Ok(0),
        Syscall::EndpointCreate => crate::ipc::create_endpoint(),
        Syscall::HandleClose => crate::ipc::close_handle(a0),
        Syscall::HandleDuplicate => crate::ipc::duplicate_handle(a0, a1),
        // Handled above, with the registers they return.
        Syscall::Call | Syscall::Send | Syscall::Receive | Syscall::Reply => Err(SysError::UnknownSyscall),
    }
}
