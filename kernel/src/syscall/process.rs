//! Process and thread syscalls, and the log.

use barodia_abi::{MAX_LOG_WRITE, MAX_PATH_LEN, MAX_SPAWN_ARGS_LEN, MAX_SPAWN_IMAGE_LEN, SysError};
use scheduler::ThreadId;

use super::SysResult;
use crate::memory::user_copy::UserSliceRo;
use crate::task::{self, with_current_space};

/// `LogWrite`: one line to the kernel log, prefixed with the process.
pub fn log_write(address: u64, length: u64) -> SysResult {
    let length = length.min(MAX_LOG_WRITE as u64);
    let source = UserSliceRo::new(address, length, MAX_LOG_WRITE)?;
    let mut buffer = [0u8; MAX_LOG_WRITE];
    let text = with_current_space(|space| {
        let bytes = source.copy_in(space, &mut buffer)?;
        // A cut at MAX_LOG_WRITE may split a character; drop the fragment.
        match core::str::from_utf8(bytes) {
            Ok(text) => Ok(text.len()),
            Err(error) if error.error_len().is_none() => Ok(error.valid_up_to()),
            Err(_) => Err(SysError::InvalidUtf8),
        }
    })
    .unwrap_or(Err(SysError::BadAddress))?;
    let text = core::str::from_utf8(buffer.get(..text).unwrap_or(&[])).unwrap_or("");
    if text.is_empty() {
        return Ok(0);
    }
    let (id, name) = task::current_process_label();
    log::info!(target: "user", "{name}[{id}]: {}", text.trim_end_matches('\n'));
    Ok(0)
}

/// `ThreadSpawn`.
pub fn thread_spawn(entry: u64, argument: u64) -> SysResult {
    let id = task::spawn_thread(entry, argument)?;
    Ok(u64::from(id.index()) | (u64::from(id.generation()) << 32))
}

/// `ThreadJoin`.
pub fn thread_join(raw: u64) -> SysResult {
    let id = ThreadId::new(raw as u32, (raw >> 32) as u32);
    task::join_thread(id)
}

/// `Sleep`.
pub fn sleep(nanoseconds: u64) -> SysResult {
    let deadline = crate::time::now_nanoseconds().saturating_add(nanoseconds);
    task::sleep_current(deadline);
    Ok(0)
}

/// `ProcessSpawn`: start a ramdisk program with arguments.
pub fn process_spawn(
    path_address: u64,
    path_length: u64,
    arguments_address: u64,
    arguments_length: u64,
    handle: u64,
) -> SysResult {
    let path = UserSliceRo::new(path_address, path_length, MAX_PATH_LEN)?;
    let arguments = UserSliceRo::new(arguments_address, arguments_length, MAX_SPAWN_ARGS_LEN)?;
    let mut path_buffer = [0u8; MAX_PATH_LEN];
    let mut arguments_buffer = [0u8; MAX_SPAWN_ARGS_LEN];
    copy_in_both((&path, &mut path_buffer), (&arguments, &mut arguments_buffer))?;
    let path = utf8(&path_buffer, path.len())?;
    let arguments = utf8(&arguments_buffer, arguments.len())?;
    let file = crate::ramdisk::archive().and_then(|archive| archive.find(path)).ok_or(SysError::NotFound)?;
    task::spawn_process(path, file.data(), arguments.as_bytes(), (handle != 0).then_some(handle))
}

/// `ProcessSpawnImage`.
pub fn process_spawn_image(
    image_address: u64,
    image_length: u64,
    arguments_address: u64,
    arguments_length: u64,
    handle: u64,
) -> SysResult {
    let image = UserSliceRo::new(image_address, image_length, MAX_SPAWN_IMAGE_LEN)
        .map_err(|error| if image_length as usize > MAX_SPAWN_IMAGE_LEN { SysError::InvalidArgument } else { error })?;
    let arguments = UserSliceRo::new(arguments_address, arguments_length, MAX_SPAWN_ARGS_LEN)?;
    let mut image_buffer = alloc::vec::Vec::new();
    image_buffer.try_reserve_exact(image.len()).map_err(|_| SysError::OutOfMemory)?;
    image_buffer.resize(image.len(), 0);
    let mut arguments_buffer = [0u8; MAX_SPAWN_ARGS_LEN];
    copy_in_both((&image, &mut image_buffer), (&arguments, &mut arguments_buffer))?;
    let text = utf8(&arguments_buffer, arguments.len())?;
    let name = text.split('\0').next().filter(|name| !name.is_empty()).ok_or(SysError::InvalidArgument)?;
    task::spawn_process(name, &image_buffer, text.as_bytes(), (handle != 0).then_some(handle))
}

/// Copies two ranges of the current process's memory, each into the start
/// of its buffer.
fn copy_in_both(first: (&UserSliceRo, &mut [u8]), second: (&UserSliceRo, &mut [u8])) -> Result<(), SysError> {
    with_current_space(|space| {
        first.0.copy_in(space, first.1)?;
        second.0.copy_in(space, second.1)?;
        Ok(())
    })
    .unwrap_or(Err(SysError::BadAddress))
}

/// The first `len` bytes of `buffer` as UTF-8.
fn utf8(buffer: &[u8], len: usize) -> Result<&str, SysError> {
    core::str::from_utf8(buffer.get(..len).unwrap_or(&[])).map_err(|_| SysError::InvalidUtf8)
}

/// Most records one `ProcessList` call fills in.
const MAX_PROCESS_RECORDS: u64 = 256;

/// `ProcessList`.
pub fn process_list(address: u64, capacity: u64) -> SysResult {
    use barodia_abi::{PROCESS_NAME_LEN, ProcessRecord};
    const RECORD: usize = core::mem::size_of::<ProcessRecord>();
    if capacity > MAX_PROCESS_RECORDS {
        return Err(SysError::InvalidArgument);
    }
    let limit = MAX_PROCESS_RECORDS as usize * RECORD;
    // The whole array must be user memory, even the part left unwritten.
    crate::memory::user_copy::UserSliceWo::new(address, capacity * RECORD as u64, limit)?;
    // Field by field in declaration order, as the ABI crate lays it out.
    let (total, bytes) = crate::task::with_tasks(|tasks| {
        let mut bytes = alloc::vec::Vec::new();
        for process in tasks.processes.values().take(capacity as usize) {
            let name = process.name.as_bytes();
            let name_len = name.len().min(PROCESS_NAME_LEN);
            let fields = [
                process.id,
                process.parent.unwrap_or(0),
                process.threads.len() as u64,
                process.handles.len() as u64,
                name_len as u64,
            ];
            for field in fields {
                bytes.extend_from_slice(&field.to_le_bytes());
            }
            let mut padded = [0u8; PROCESS_NAME_LEN];
            padded[..name_len].copy_from_slice(&name[..name_len]);
            bytes.extend_from_slice(&padded);
        }
        (tasks.processes.len() as u64, bytes)
    });
    if !bytes.is_empty() {
        let target = crate::memory::user_copy::UserSliceWo::new(address, bytes.len() as u64, limit)?;
        with_current_space(|space| target.copy_out(space, &bytes)).unwrap_or(Err(SysError::BadAddress))?;
    }
    Ok(total)
}
