//! Threads: spawn a closure, join it for its exit code.

extern crate alloc;

use alloc::boxed::Box;

use barodia_abi::SysError;

use crate::sys::{self, syscall4};

type Body = Box<dyn FnOnce() -> u64 + Send + 'static>;

/// A running thread; [`JoinHandle::join`] waits for it.
#[derive(Debug)]
pub struct JoinHandle {
    id: u64,
}

impl JoinHandle {
    /// Waits for the thread to end and returns its exit code.
    pub fn join(self) -> Result<u64, SysError> {
        sys::join_thread(self.id)
    }

    /// The kernel's id for the thread.
    pub fn id(&self) -> u64 {
        self.id
    }
}

/// Runs `body` on a new thread; its return value is the thread's exit code.
pub fn spawn(body: impl FnOnce() -> u64 + Send + 'static) -> Result<JoinHandle, SysError> {
    let body: Box<Body> = Box::new(Box::new(body));
    let argument = Box::into_raw(body) as u64;
    // SAFETY: the entry is this crate's trampoline; the argument is a leaked
    // box that only the new thread reclaims (or we do, if the spawn fails).
    let (error, value) =
        unsafe { syscall4(barodia_abi::Syscall::ThreadSpawn, trampoline as *const () as u64, argument, 0, 0) };
    if error != 0 {
        // SAFETY: the kernel started no thread, so the box is still ours.
        drop(unsafe { Box::from_raw(argument as *mut Body) });
        return Err(SysError::try_from(error).unwrap_or(SysError::InvalidArgument));
    }
    Ok(JoinHandle { id: value })
}

/// First code of every spawned thread.
extern "C" fn trampoline(argument: u64) -> ! {
    // SAFETY: `spawn` passed a pointer from `Box::into_raw` of a `Box<Body>`,
    // handed to exactly this one thread.
    let body = unsafe { Box::from_raw(argument as *mut Body) };
    let code = body();
    sys::exit_thread(code)
}
