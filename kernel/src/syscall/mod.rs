//! System-call dispatch: decode the number, check the arguments once, call a
//! handler, and encode the result. The ABI (numbers, registers, errors) is
//! `barodia_abi`; each handler's rules are documented on its `Syscall` variant.

mod ipc;
mod memory;
mod process;

use barodia_abi::{SysError, Syscall};

use crate::arch::syscall_entry::SyscallFrame;
use crate::ipc::lease::Direction;
use crate::ipc::{device_memory, devices, watch};

/// What every handler returns: a value for `rdx`, or an error for `rax`.
pub type SysResult = Result<u64, SysError>;

/// Called by the entry stub with the saved user registers.
pub extern "C" fn dispatch_from_entry(frame: &mut SyscallFrame) {
    match dispatch(frame) {
        Ok(Some(value)) => {
            frame.rax = 0;
            frame.rdx = value;
        }
        // IPC calls have written the registers they return.
        Ok(None) => frame.rax = 0,
        Err(error) => frame.rax = error as u64,
    }
}

/// Decodes and runs one syscall. `Ok(Some(value))` returns `value` in
/// `rdx`; `Ok(None)` means the handler wrote the returned registers itself.
fn dispatch(frame: &mut SyscallFrame) -> Result<Option<u64>, SysError> {
    let Ok(call) = Syscall::try_from(frame.rax) else { return Err(SysError::UnknownSyscall) };
    let (a0, a1, a2, a3, a4) = (frame.rdi, frame.rsi, frame.rdx, frame.r10, frame.r8);
    let value = match call {
        // Ordered by how hot they are: the IPC fast path first.
        Syscall::Nop => Ok(0),
        Syscall::Call => return ipc::call(frame, true).map(|()| None),
        Syscall::Send => return ipc::call(frame, false).map(|()| None),
        Syscall::Receive => return ipc::receive(frame).map(|()| None),
        Syscall::Reply => return ipc::reply(frame).map(|()| None),
        Syscall::CallMessage => return ipc::call_message(frame).map(|()| None),
        Syscall::SendMessage => return ipc::send_message(frame).map(|()| None),
        Syscall::ReplyMessage => return ipc::reply_message(frame).map(|()| None),
        Syscall::ReplyAndReceive => return ipc::reply_and_receive(frame).map(|()| None),
        Syscall::ReplyAndWait => return ipc::reply_and_wait(frame).map(|()| None),
        Syscall::CallLoan => return ipc::call_loan(frame).map(|()| None),
        Syscall::LoanWindowCreate => crate::ipc::loans::create_window(a0),
        Syscall::LeaseRead => ipc::lease_copy(frame, Direction::Read),
        Syscall::LeaseWrite => ipc::lease_copy(frame, Direction::Write),
        Syscall::IrqClaim => devices::irq_claim(a0, a1),
        Syscall::IrqBind => devices::irq_bind(a0, a1, a2),
        Syscall::IrqAck => devices::irq_ack(a0),
        Syscall::PortsClaim => devices::ports_claim(a0, a1, a2),
        Syscall::PortRead => devices::port_read(a0, a1, a2),
        Syscall::PortWrite => devices::port_write(a0, a1, a2, a3),
        Syscall::ProcessOpen => watch::open(a0),
        Syscall::ProcessNotify => watch::notify_on_exit(a0, a1, a2),
        Syscall::DeviceMemoryClaim => device_memory::claim(a0, a1, a2),
        Syscall::MemoryObjectMap => device_memory::map(a0, a1),
        Syscall::ProcessKill => watch::kill(a0),
        Syscall::BootArchiveClaim => device_memory::claim_boot_archive(a0),
        Syscall::MemoryObjectSize => device_memory::size(a0),
        Syscall::ProcessList => process::process_list(a0, a1),
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
        Syscall::ProcessSpawnImage => process::process_spawn_image(a0, a1, a2, a3, a4),
        Syscall::ProcessWait => crate::task::wait_child(a0),
        Syscall::SystemInfo => memory::system_info(a0, a1),
        Syscall::EndpointCreate => crate::ipc::create_endpoint(),
        Syscall::HandleClose => crate::ipc::close_handle(a0),
        Syscall::HandleDuplicate => crate::ipc::duplicate_handle(a0, a1, a2),
        Syscall::EndpointNotifyClosed => crate::ipc::clients::notify_closed(a0, a1),
    };
    value.map(Some)
}
