//! Handle rights and kernel object types, as a received handle reports them.
//!
//! NOTE: these are stand-ins until the ABI module of this crate defines the
//! kernel's own values; they then become re-exports, not copies.

/// The kind of kernel object a handle names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectType {
    /// A rendezvous endpoint: what `cap<Interface, ...>` carries.
    Endpoint,
    /// A one-shot reply capability.
    Reply,
    /// A memory object.
    Memory,
    /// An interrupt line.
    Irq,
    /// A range of I/O ports.
    IoPorts,
    /// A process or thread.
    Process,
}

/// A set of rights. Operations only narrow: there is no way to add a right to
/// a set except by building a new one from constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Rights(u32);

impl Rights {
    /// No rights.
    pub const NONE: Rights = Rights(0);
    /// May call (send on) an endpoint.
    pub const SEND: Rights = Rights(1 << 0);
    /// May receive on (serve) an endpoint.
    pub const RECEIVE: Rights = Rights(1 << 1);
    /// May be duplicated.
    pub const DUPLICATE: Rights = Rights(1 << 2);
    /// May be passed on in a message.
    pub const TRANSFER: Rights = Rights(1 << 3);
    /// May map memory readable.
    pub const MAP_READ: Rights = Rights(1 << 4);
    /// May map memory writable.
    pub const MAP_WRITE: Rights = Rights(1 << 5);

    /// The union of two constant sets (for building requirements).
    pub const fn union(self, other: Rights) -> Rights {
        Rights(self.0 | other.0)
    }

    /// True if every right in `required` is in `self`.
    pub const fn contains(self, required: Rights) -> bool {
        self.0 & required.0 == required.0
    }

    /// The rights in both sets: the only way to derive a set from another.
    pub const fn narrow(self, keep: Rights) -> Rights {
        Rights(self.0 & keep.0)
    }

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
}
