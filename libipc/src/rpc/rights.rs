//! Handle rights and kernel object types, as a received handle reports them.
//!
//! `Rights` is the ABI crate's own type, re-exported. `ObjectType` is what
//! decoding checks a received handle against; the kernel reports its own
//! [`barodia_abi::ObjectType`] on each handle, converted with `From`.

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
    /// The platform capability (claims IRQ lines and ports).
    Platform,
}

impl From<barodia_abi::ObjectType> for ObjectType {
    fn from(object: barodia_abi::ObjectType) -> Self {
        match object {
            barodia_abi::ObjectType::Endpoint => ObjectType::Endpoint,
            barodia_abi::ObjectType::Reply => ObjectType::Reply,
            barodia_abi::ObjectType::Irq => ObjectType::Irq,
            barodia_abi::ObjectType::IoPorts => ObjectType::IoPorts,
            barodia_abi::ObjectType::Process => ObjectType::Process,
            barodia_abi::ObjectType::Platform => ObjectType::Platform,
            barodia_abi::ObjectType::Memory => ObjectType::Memory,
        }
    }
}

pub use barodia_abi::Rights;
