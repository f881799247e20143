//! What a message carries out of a table: objects in transit and the handle
//! lists that settle the transfer.

use crate::{Handle, Rights};

/// One handle's object and rights on their way from one table to another.
#[derive(Debug, PartialEq, Eq)]
pub struct Carried<T> {
    /// The handle it had in the sending table, reserved there until the
    /// transfer is settled.
    pub(crate) origin: Handle,
    /// The object.
    pub(crate) object: T,
    /// The rights it carries.
    pub(crate) rights: Rights,
}

impl<T> Carried<T> {
    /// The handle it had in the sending table.
    pub fn origin(&self) -> Handle {
        self.origin
    }

    /// The object it names.
    pub fn object(&self) -> &T {
        &self.object
    }

    /// The rights it carries.
    pub fn rights(&self) -> Rights {
        self.rights
    }

    /// The object and rights, giving up the way back to the sender.
    pub fn into_parts(self) -> (T, Rights) {
        (self.object, self.rights)
    }
}

/// Up to `N` handles taken out of a table for one message, in the order the
/// sender listed them.
///
/// Made by [`HandleTable::take_for_transfer`](crate::HandleTable::take_for_transfer).
/// It ends in one of two ways: the receiver's table accepts it
/// ([`accept_transfer`](crate::HandleTable::accept_transfer)) and the sender's
/// table releases the origins; or the send fails and the sender's table
/// [`restore`](crate::HandleTable::restore)s it under the same handles.
/// Dropping it drops the objects and leaves their sender slots reserved until
/// the table is drained: a leak the kernel must not allow.
#[derive(Debug)]
pub struct Outgoing<T, const N: usize> {
    /// The carried handles; the first `len` are `Some`.
    pub(crate) carried: [Option<Carried<T>>; N],
    /// How many handles it carries.
    pub(crate) len: usize,
}

impl<T, const N: usize> Outgoing<T, N> {
    /// An empty message's handles.
    pub(crate) fn new() -> Self {
        Self {
            carried: core::array::from_fn(|_| None),
            len: 0,
        }
    }

    /// How many handles it carries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if it carries none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The carried handles, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Carried<T>> {
        self.carried.iter().flatten()
    }

    /// The handles they had in the sending table, in order.
    pub fn origins(&self) -> HandleList<N> {
        let mut origins = HandleList::new();
        for carried in self.iter() {
            origins.push(carried.origin);
        }
        origins
    }

    /// Appends one; the caller never passes more than `N`.
    pub(crate) fn push(&mut self, carried: Carried<T>) -> Result<(), Carried<T>> {
        match self.carried.get_mut(self.len) {
            Some(place) => {
                *place = Some(carried);
                self.len += 1;
                Ok(())
            }
            None => Err(carried),
        }
    }
}

impl<T, const N: usize> IntoIterator for Outgoing<T, N> {
    type Item = Carried<T>;
    type IntoIter = core::iter::Flatten<core::array::IntoIter<Option<Carried<T>>, N>>;

    /// The carried handles, in order, for a caller that gives up on the
    /// transfer altogether.
    fn into_iter(self) -> Self::IntoIter {
        self.carried.into_iter().flatten()
    }
}

/// Up to `N` handles, in order: those a receiving table issued for a
/// message, or those a sending table reserved for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandleList<const N: usize> {
    /// The handles; entries past `len` are filler.
    handles: [Handle; N],
    /// How many there are.
    len: usize,
}

impl<const N: usize> HandleList<N> {
    /// An empty list.
    pub(crate) const fn new() -> Self {
        Self {
            handles: [Handle::from_raw(0); N],
            len: 0,
        }
    }

    /// Appends a handle; the caller never pushes more than `N`.
    pub(crate) fn push(&mut self, handle: Handle) {
        if let Some(place) = self.handles.get_mut(self.len) {
            *place = handle;
            self.len += 1;
        }
    }

    /// The handles, in order.
    pub fn as_slice(&self) -> &[Handle] {
        self.handles.get(..self.len).unwrap_or(&[])
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A transfer the receiving table accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted<const N: usize> {
    /// The receiver's new handles, in the order the sender listed them.
    pub received: HandleList<N>,
    /// The sender's handles for the same objects, which the sender's table
    /// must now [`release`](crate::HandleTable::release).
    pub origins: HandleList<N>,
}
