//! Safe wrappers for every syscall of the kernel core.
//!
//! Each function checks nothing the kernel checks again; it only turns Rust
//! values into registers and the `(error, value)` pair into a `Result`.

mod raw;

use barodia_abi::{MemoryFlags, SysError, Syscall, SystemInfo};

pub(crate) use raw::{MessageRegisters, syscall_message, syscall_message_raw, syscall4, syscall4_raw};

/// Turns the kernel's `(error, value)` into a `Result`.
pub(crate) fn result((error, value): (u64, u64)) -> Result<u64, SysError> {
    if error == 0 {
        return Ok(value);
    }
    // An unknown code means a kernel newer than this runtime; report it as
    // the most general failure rather than inventing a value.
    Err(SysError::try_from(error).unwrap_or(SysError::InvalidArgument))
}

/// Makes a syscall whose arguments cannot break this program's memory safety.
fn call(call: Syscall, a0: u64, a1: u64, a2: u64, a3: u64) -> Result<u64, SysError> {
    // SAFETY: only used below for syscalls whose pointer arguments come from
    // live Rust references of the right length (or carry no pointers), and
    // which never unmap or overwrite memory the program still uses.
    result(unsafe { syscall4(call, a0, a1, a2, a3) })
}

/// Writes one line to the kernel log.
pub fn log(text: &str) {
    // A log line that fails (it cannot, for valid &str) is not worth a panic.
    let _ = call(Syscall::LogWrite, text.as_ptr() as u64, text.len() as u64, 0, 0);
}

/// Ends the process with `code`.
pub fn exit(code: u64) -> ! {
    let _ = call(Syscall::ProcessExit, code, 0, 0, 0);
    unreachable!("ProcessExit returned")
}

/// Lets the next ready thread run.
pub fn yield_now() {
    let _ = call(Syscall::Yield, 0, 0, 0, 0);
}

/// Blocks the calling thread for at least `nanoseconds`.
pub fn sleep_nanoseconds(nanoseconds: u64) {
    let _ = call(Syscall::Sleep, nanoseconds, 0, 0, 0);
}

/// Starts `path` from the boot ramdisk with `arguments`; returns its id.
pub fn spawn(path: &str, arguments: &[&str]) -> Result<u64, SysError> {
    spawn_with_handle(path, arguments, None)
}

/// Like [`spawn`], and gives the child a copy of `handle` (which needs the
/// transfer right); the child finds it with [`crate::env::initial_handle`].
pub fn spawn_with_handle(path: &str, arguments: &[&str], handle: Option<&crate::ipc::Handle>) -> Result<u64, SysError> {
    let (block, used) = argument_block(path, arguments)?;
    let arguments = block.get(..used).unwrap_or(&[]);
    let handle = handle.map_or(0, |handle| handle.raw());
    let registers = [path.as_ptr() as u64, path.len() as u64, arguments.as_ptr() as u64, arguments.len() as u64, handle, 0];
    // SAFETY: the pointers come from live slices of the lengths given; the
    // kernel only reads them.
    let (error, registers) = unsafe { syscall_message(Syscall::ProcessSpawn, registers) };
    result((error, registers[2]))
}

/// Starts the ELF program `image` (read from a file system, say) as a new
/// process called `name`, with `arguments` after it, giving it a copy of
/// `handle` if one is given (see [`spawn_with_handle`]). Returns its id.
pub fn spawn_image(name: &str, image: &[u8], arguments: &[&str], handle: Option<&crate::ipc::Handle>) -> Result<u64, SysError> {
    let (block, used) = argument_block(name, arguments)?;
    let arguments = block.get(..used).unwrap_or(&[]);
    let handle = handle.map_or(0, |handle| handle.raw());
    let registers = [image.as_ptr() as u64, image.len() as u64, arguments.as_ptr() as u64, arguments.len() as u64, handle, 0];
    // SAFETY: the pointers come from live slices of the lengths given; the
    // kernel only reads them, and copies the image before it returns.
    let (error, registers) = unsafe { syscall_message(Syscall::ProcessSpawnImage, registers) };
    result((error, registers[2]))
}

/// The kernel's argument block: `first` and then `arguments`, each ended
/// by a NUL; and how much of it is used.
fn argument_block(first: &str, arguments: &[&str]) -> Result<([u8; barodia_abi::MAX_SPAWN_ARGS_LEN], usize), SysError> {
    let mut block = [0u8; barodia_abi::MAX_SPAWN_ARGS_LEN];
    let mut used = 0usize;
    for argument in core::iter::once(&first).chain(arguments) {
        let end = used.checked_add(argument.len() + 1).ok_or(SysError::InvalidArgument)?;
        let slot = block.get_mut(used..end).ok_or(SysError::InvalidArgument)?;
        let (text, terminator) = slot.split_at_mut(argument.len());
        text.copy_from_slice(argument.as_bytes());
        terminator.fill(0);
        used = end;
    }
    Ok((block, used))
}

/// Waits for child process `id` to end; returns its exit status, which
/// [`ExitReason`] decodes (an exit code, a kill or a fault).
pub fn wait(id: u64) -> Result<u64, SysError> {
    call(Syscall::ProcessWait, id, 0, 0, 0)
}

pub use barodia_abi::{EXIT_KILLED, ExitReason};

/// A snapshot of the system's counters.
pub fn system_info() -> Result<SystemInfo, SysError> {
    let mut info = SystemInfo::default();
    let address = &raw mut info as u64;
    call(Syscall::SystemInfo, address, core::mem::size_of::<SystemInfo>() as u64, 0, 0)?;
    Ok(info)
}

/// The running processes, by id (at most 256 of them).
pub fn process_list() -> Result<alloc::vec::Vec<barodia_abi::ProcessRecord>, SysError> {
    const MAX: usize = 256;
    let mut records = alloc::vec![barodia_abi::ProcessRecord::default(); MAX];
    let total = call(Syscall::ProcessList, records.as_mut_ptr() as u64, MAX as u64, 0, 0)?;
    records.truncate(usize::try_from(total).unwrap_or(MAX).min(MAX));
    Ok(records)
}

/// Reserves `length` bytes of demand-zero memory; returns its address.
///
/// The memory is not usable from safe code (it is raw); the heap allocator
/// and tests of the kernel's memory accounting use it.
pub fn map_memory(length: u64, flags: MemoryFlags) -> Result<u64, SysError> {
    call(Syscall::MemoryMap, length, flags.bits(), 0, 0)
}

/// Enters the kernel and returns at once (for benchmarks).
pub fn nop() {
    let _ = call(Syscall::Nop, 0, 0, 0, 0);
}

/// Ends the calling thread with `code`.
pub fn exit_thread(code: u64) -> ! {
    let _ = call(Syscall::ThreadExit, code, 0, 0, 0);
    unreachable!("ThreadExit returned")
}

/// Waits for thread `id` of this process; returns its exit code.
pub fn join_thread(id: u64) -> Result<u64, SysError> {
    call(Syscall::ThreadJoin, id, 0, 0, 0)
}
