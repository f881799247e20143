//! Handle rights and kernel object types, as a received handle reports them.
//!
//! `Rights` is the ABI crate's own type, re-exported; `ObjectType` is still a
//! stand-in until the kernel reports object types on received handles.

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

pub use barodia_abi::Rights;
