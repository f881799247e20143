//! The checked schema: every name resolved, every bound known, every rule met.
//!
//! The code generator and the schema hash read only this, never the syntax tree,
//! so they can rely on what the checker proved (for example: no recursive
//! structs, every payload within [`limits`](crate::limits)).

use core::fmt;

/// Everything declared in one `.idl` file, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// The interfaces.
    pub interfaces: Vec<Interface>,
    /// The structs.
    pub structs: Vec<Struct>,
    /// The enums, error enums included.
    pub enums: Vec<Enum>,
}

impl Schema {
    /// The struct named `name`.
    pub fn find_struct(&self, name: &str) -> Option<&Struct> {
        self.structs.iter().find(|item| item.name == name)
    }

    /// The enum named `name`.
    pub fn find_enum(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|item| item.name == name)
    }
}

/// A checked interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// Its `///` lines.
    pub docs: Vec<String>,
    /// Its name.
    pub name: String,
    /// Its methods, in source order.
    pub methods: Vec<Method>,
    /// Its reserved ordinals, in source order.
    pub reserved: Vec<u32>,
    /// The schema hash client and server compare at connect (see [`crate::hash`]).
    pub schema_hash: u64,
}

/// A checked method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    /// Its `///` lines.
    pub docs: Vec<String>,
    /// Its ordinal: the operation number on the wire.
    pub ordinal: u32,
    /// Its name.
    pub name: String,
    /// Its parameters, in order.
    pub params: Vec<Field>,
    /// What it answers; `None` for a one-way method, which gets no reply.
    pub reply: Option<Reply>,
    /// True for a `deferred` method: the server may answer after dispatch
    /// returns, through a responder. Never one-way (E0034), and without a
    /// lease or grant (E0035). Not part of the schema hash: the wire and the
    /// client are the same either way.
    pub deferred: bool,
    /// The largest inline request payload, in bytes.
    pub request_max_bytes: usize,
    /// The largest inline reply payload, in bytes (0 for one-way methods).
    pub reply_max_bytes: usize,
}

impl Method {
    /// True for a one-way method.
    pub fn is_oneway(&self) -> bool {
        self.reply.is_none()
    }
}

/// The reply of a two-way method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The success value (`()` when none is declared).
    pub ok: Type,
    /// The error enum's name, for a method declared `-> Result<T, E>`.
    pub error: Option<String>,
}

/// A struct field or a method parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Its `///` lines.
    pub docs: Vec<String>,
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
}

/// A checked struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Struct {
    /// Its `///` lines.
    pub docs: Vec<String>,
    /// Its name.
    pub name: String,
    /// Its fields, in wire order.
    pub fields: Vec<Field>,
}

/// A checked enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    /// Its `///` lines.
    pub docs: Vec<String>,
    /// Its name.
    pub name: String,
    /// The integer type its discriminants travel as.
    pub repr: IntType,
    /// Its variants, in source order.
    pub variants: Vec<Variant>,
    /// True if some method uses it as the `E` of `Result<T, E>`.
    pub is_error: bool,
}

/// One variant of an enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Its `///` lines.
    pub docs: Vec<String>,
    /// Its name.
    pub name: String,
    /// Its discriminant.
    pub value: u64,
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    /// `()`: nothing.
    Unit,
    /// `bool`: one byte, 0 or 1.
    Bool,
    /// A fixed-width integer.
    Int(IntType),
    /// `string<N>`: UTF-8, at most `N` bytes.
    String {
        /// The bound in bytes.
        max: u32,
    },
    /// `bytes<N>`: at most `N` bytes.
    Bytes {
        /// The bound in bytes.
        max: u32,
    },
    /// `vec<T, N>`: at most `N` elements.
    Vec {
        /// The element type.
        element: Box<Type>,
        /// The bound in elements.
        max: u32,
    },
    /// `array<T, N>`: exactly `N` elements.
    Array {
        /// The element type.
        element: Box<Type>,
        /// The length.
        len: u32,
    },
    /// A declared struct.
    Struct(String),
    /// A declared enum.
    Enum(String),
    /// `cap<Interface, rights(...)>`: a handle to an endpoint of `Interface`;
    /// or `cap<endpoint | irq | ports | memory | process, rights(...)>`: a
    /// handle to a kernel object (see [`KERNEL_OBJECTS`]).
    Cap {
        /// The interface the endpoint serves, or the kernel object's keyword.
        interface: String,
        /// The rights the handle must carry, sorted.
        rights: Vec<CapRight>,
    },
    /// `lease_in<N>` or `lease_out<N>`: a region of the caller's memory.
    Lease {
        /// Which way the bytes go.
        direction: LeaseDirection,
        /// The largest region, in bytes.
        max: u32,
    },
    /// `grant<N, rights(...), shared|moved>`: whole pages.
    Grant {
        /// The largest number of pages.
        max_pages: u32,
        /// The mapping rights, sorted.
        rights: Vec<GrantRight>,
        /// Shared with, or moved to, the server.
        mode: GrantMode,
    },
}

/// The fixed-width integer types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntType {
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
}

impl IntType {
    /// Every integer type.
    pub const ALL: [IntType; 8] = [
        IntType::U8,
        IntType::U16,
        IntType::U32,
        IntType::U64,
        IntType::I8,
        IntType::I16,
        IntType::I32,
        IntType::I64,
    ];

    /// The IDL (and Rust) name.
    pub fn name(self) -> &'static str {
        match self {
            IntType::U8 => "u8",
            IntType::U16 => "u16",
            IntType::U32 => "u32",
            IntType::U64 => "u64",
            IntType::I8 => "i8",
            IntType::I16 => "i16",
            IntType::I32 => "i32",
            IntType::I64 => "i64",
        }
    }

    /// Looks a name up.
    pub fn from_name(name: &str) -> Option<IntType> {
        IntType::ALL.into_iter().find(|int| int.name() == name)
    }

    /// Size (and wire alignment) in bytes.
    pub fn size(self) -> usize {
        match self {
            IntType::U8 | IntType::I8 => 1,
            IntType::U16 | IntType::I16 => 2,
            IntType::U32 | IntType::I32 => 4,
            IntType::U64 | IntType::I64 => 8,
        }
    }

    /// True for the unsigned types.
    pub fn is_unsigned(self) -> bool {
        matches!(
            self,
            IntType::U8 | IntType::U16 | IntType::U32 | IntType::U64
        )
    }

    /// The largest value of an unsigned type (as `u64`).
    pub fn unsigned_max(self) -> u64 {
        match self.size() {
            1 => u64::from(u8::MAX),
            2 => u64::from(u16::MAX),
            4 => u64::from(u32::MAX),
            _ => u64::MAX,
        }
    }
}

/// The rights a capability handle can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CapRight {
    /// May send (call) on the endpoint.
    Send,
    /// May receive on the endpoint (serve it).
    Receive,
    /// May be duplicated.
    Duplicate,
    /// May be passed on in a message.
    Transfer,
    /// May wait for the object's notifications (an IRQ, a process's exit).
    Wait,
    /// May change the object's state (acknowledge an IRQ, kill a process).
    Signal,
    /// May read the ports of a port range.
    PortRead,
    /// May write the ports of a port range.
    PortWrite,
    /// May map device memory readable.
    MapRead,
    /// May map device memory writable.
    MapWrite,
}

/// The kernel objects a `cap<...>` may name instead of an interface, with
/// the rights each can carry.
pub const KERNEL_OBJECTS: [(&str, [CapRight; 4]); 5] = [
    // An endpoint of no particular interface (a supervisor handing on
    // whatever a manifest names).
    ("endpoint", CapRight::ALL),
    ("irq", [CapRight::Duplicate, CapRight::Transfer, CapRight::Wait, CapRight::Signal]),
    ("ports", [CapRight::Duplicate, CapRight::Transfer, CapRight::PortRead, CapRight::PortWrite]),
    ("memory", [CapRight::Duplicate, CapRight::Transfer, CapRight::MapRead, CapRight::MapWrite]),
    ("process", [CapRight::Duplicate, CapRight::Transfer, CapRight::Wait, CapRight::Signal]),
];

impl CapRight {
    /// The rights of an endpoint capability, in canonical order.
    pub const ALL: [CapRight; 4] = [
        CapRight::Send,
        CapRight::Receive,
        CapRight::Duplicate,
        CapRight::Transfer,
    ];

    /// The rights a capability to `target` (an interface or a kernel
    /// object's keyword) can carry.
    pub fn allowed_for(target: &str) -> &'static [CapRight] {
        KERNEL_OBJECTS
            .iter()
            .find(|(name, _)| *name == target)
            .map_or(&CapRight::ALL[..], |(_, rights)| &rights[..])
    }

/// The IDL name.
    pub fn name(self) -> &'static str {
        match self {
            CapRight::Send => "send",
            CapRight::Receive => "receive",
            CapRight::Duplicate => "duplicate",
            CapRight::Transfer => "transfer",
            CapRight::Wait => "wait",
            CapRight::Signal => "signal",
            CapRight::PortRead => "port_read",
            CapRight::PortWrite => "port_write",
            CapRight::MapRead => "map_read",
            CapRight::MapWrite => "map_write",
        }
    }
}

/// The mapping rights of a page grant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrantRight {
    /// The server may read the pages.
    Read,
    /// The server may write the pages.
    Write,
}

impl GrantRight {
    /// Every right, in canonical order.
    pub const ALL: [GrantRight; 2] = [GrantRight::Read, GrantRight::Write];

    /// The IDL name.
    pub fn name(self) -> &'static str {
        match self {
            GrantRight::Read => "read",
            GrantRight::Write => "write",
        }
    }
}

/// Which way a lease's bytes go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeaseDirection {
    /// `lease_in`: the server reads the caller's bytes.
    In,
    /// `lease_out`: the server writes into the caller's buffer.
    Out,
}

/// Whether granted pages stay mapped in the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GrantMode {
    /// Both sides map the pages.
    Shared,
    /// The pages leave the caller.
    Moved,
}

/// Writes a list of names separated by `, `.
fn write_list(
    formatter: &mut fmt::Formatter<'_>,
    names: impl Iterator<Item = &'static str>,
) -> fmt::Result {
    for (index, name) in names.enumerate() {
        if index > 0 {
            formatter.write_str(", ")?;
        }
        formatter.write_str(name)?;
    }
    Ok(())
}

/// The canonical IDL spelling, used by the pretty printer and the schema hash.
impl fmt::Display for Type {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Unit => formatter.write_str("()"),
            Type::Bool => formatter.write_str("bool"),
            Type::Int(int) => formatter.write_str(int.name()),
            Type::String { max } => write!(formatter, "string<{max}>"),
            Type::Bytes { max } => write!(formatter, "bytes<{max}>"),
            Type::Vec { element, max } => write!(formatter, "vec<{element}, {max}>"),
            Type::Array { element, len } => write!(formatter, "array<{element}, {len}>"),
            Type::Struct(name) | Type::Enum(name) => formatter.write_str(name),
            Type::Cap { interface, rights } => {
                write!(formatter, "cap<{interface}, rights(")?;
                write_list(formatter, rights.iter().map(|right| right.name()))?;
                formatter.write_str(")>")
            }
            Type::Lease {
                direction: LeaseDirection::In,
                max,
            } => write!(formatter, "lease_in<{max}>"),
            Type::Lease {
                direction: LeaseDirection::Out,
                max,
            } => write!(formatter, "lease_out<{max}>"),
            Type::Grant {
                max_pages,
                rights,
                mode,
            } => {
                write!(formatter, "grant<{max_pages}, rights(")?;
                write_list(formatter, rights.iter().map(|right| right.name()))?;
                let mode = match mode {
                    GrantMode::Shared => "shared",
                    GrantMode::Moved => "moved",
                };
                write!(formatter, "), {mode}>")
            }
        }
    }
}
