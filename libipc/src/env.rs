//! The program's arguments, as the kernel passed them.

/// The program's arguments; the first is the program's path.
///
/// Arguments that are not valid UTF-8 (the kernel checks, so only a bug
/// could cause it) are skipped.
pub fn args() -> impl Iterator<Item = &'static str> {
    let block = crate::rt::argument_block();
    let block = block.strip_suffix(&[0]).unwrap_or(block);
    block.split(|&byte| byte == 0).filter_map(|argument| core::str::from_utf8(argument).ok()).filter(|_| !block.is_empty())
}

/// The handle the parent passed at spawn, if any; the first call takes it.
pub fn initial_handle() -> Option<crate::ipc::Handle> {
    crate::rt::take_initial_handle().map(crate::ipc::Handle::from_raw)
}
