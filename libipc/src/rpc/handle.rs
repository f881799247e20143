//! Owned handles and the handle slots of a message.

use super::message::MAX_HANDLES;
use super::rights::{ObjectType, Rights};

/// An owned handle: closed when dropped, unless it was handed on.
///
/// A received handle reports its kernel object type and rights, which is what
/// decoding checks against a `cap<Interface, rights(...)>` parameter.
#[derive(Debug, PartialEq, Eq)]
pub struct Handle {
    raw: u64,
    object: ObjectType,
    rights: Rights,
}

impl Handle {
    /// Wraps a handle the kernel (or a test transport) reported.
    pub fn from_raw_parts(raw: u64, object: ObjectType, rights: Rights) -> Self {
        Handle {
            raw,
            object,
            rights,
        }
    }

    /// The handle's number in this process's table.
    pub fn raw(&self) -> u64 {
        self.raw
    }

    /// Wraps a runtime handle, with what the kernel says it names.
    #[cfg(target_os = "none")]
    pub fn from_ipc(handle: crate::ipc::Handle, object: ObjectType, rights: Rights) -> Self {
        Handle { raw: handle.into_raw(), object, rights }
    }

    /// The runtime handle, to pass to the kernel (it stays open).
    #[cfg(target_os = "none")]
    pub fn into_ipc(self) -> crate::ipc::Handle {
        let raw = self.raw;
        core::mem::forget(self);
        crate::ipc::Handle::from_raw(raw)
    }

    /// The kind of object it names.
    pub fn object(&self) -> ObjectType {
        self.object
    }

    /// Its rights.
    pub fn rights(&self) -> Rights {
        self.rights
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        close(self.raw);
    }
}

#[cfg(not(target_os = "none"))]
fn close(raw: u64) {
    test_handles::close(raw);
}

#[cfg(target_os = "none")]
fn close(raw: u64) {
    // Dropping the runtime handle closes it in the kernel's table.
    drop(crate::ipc::Handle::from_raw(raw));
}

/// The handles of one message, in the order the method's `cap` parameters are
/// declared. Any left in the set when it drops are closed.
#[derive(Debug, Default)]
pub struct HandleSet {
    slots: [Option<Handle>; MAX_HANDLES],
    len: usize,
}

impl HandleSet {
    /// An empty set.
    pub fn new() -> Self {
        HandleSet::default()
    }

    /// Appends a handle, or gives it back if the set is full.
    pub fn push(&mut self, handle: Handle) -> Result<(), Handle> {
        match self.slots.get_mut(self.len) {
            Some(slot) => {
                *slot = Some(handle);
                self.len += 1;
                Ok(())
            }
            None => Err(handle),
        }
    }

    /// How many handles were pushed (taking one does not change it).
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if none were pushed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Removes the handle at `index`, if present.
    pub fn take(&mut self, index: usize) -> Option<Handle> {
        self.slots.get_mut(index).and_then(Option::take)
    }

    /// Looks at the handle at `index`.
    pub fn get(&self, index: usize) -> Option<&Handle> {
        self.slots.get(index).and_then(Option::as_ref)
    }
}

/// A handle table for host tests, standing in for the kernel's.
///
/// Tests create handles here, pass them through a loopback, and then check
/// which ones are still open: that is how they verify that a serve loop closes
/// every handle it did not hand on.
#[cfg(not(target_os = "none"))]
pub mod test_handles {
    use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use super::Handle;
    use crate::rpc::{ObjectType, Rights};

    const TABLE_SIZE: usize = 4096;

    static OPEN: [AtomicBool; TABLE_SIZE] = [const { AtomicBool::new(false) }; TABLE_SIZE];
    static NEXT: AtomicU64 = AtomicU64::new(1);

    /// Creates an open handle with a fresh number.
    pub fn create(object: ObjectType, rights: Rights) -> Handle {
        let raw = NEXT.fetch_add(1, Ordering::Relaxed);
        if let Some(flag) = slot(raw) {
            flag.store(true, Ordering::Relaxed);
        }
        Handle::from_raw_parts(raw, object, rights)
    }

    /// True while the handle numbered `raw` is open.
    pub fn is_open(raw: u64) -> bool {
        slot(raw).is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    pub(super) fn close(raw: u64) {
        if let Some(flag) = slot(raw) {
            flag.store(false, Ordering::Relaxed);
        }
    }

    fn slot(raw: u64) -> Option<&'static AtomicBool> {
        usize::try_from(raw).ok().and_then(|index| OPEN.get(index))
    }
}
