//! Rights: what a handle lets its holder do with the object it names.
//!
//! This is the user-visible definition of the rights bits, shared by the
//! kernel (through `handle-table`) and user space; keep it free of dependencies
//! (only `core`) and of anything specific to the handle table.
//!
//! The bit values are ABI: user space passes them to `duplicate` and sees them
//! on received handles. Never renumber a right; add new ones at the next free
//! bit and extend [`Rights::ALL`].

use core::fmt;

/// A set of rights over one kernel object.
///
/// Rights only ever narrow. Besides the named constants and
/// [`from_constants`](Self::from_constants) (for building a set from them),
/// the only ways to get a `Rights` are [`from_bits`](Self::from_bits), which
/// rejects unknown bits, and [`narrow`](Self::narrow) and
/// [`without`](Self::without), which can only drop rights. There is no union
/// operator, so no code can add a right to a set it got from a handle.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rights(u32);

/// `from_bits` was given bits that name no right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownRights {
    /// The bits that name no right (the known ones are masked out).
    pub unknown: u32,
}

impl Rights {
    /// No rights: the handle still names the object, which keeps it alive.
    pub const NONE: Rights = Rights(0);
    /// May send to, or call, an endpoint.
    pub const SEND: Rights = Rights(1 << 0);
    /// May receive on (serve) an endpoint.
    pub const RECEIVE: Rights = Rights(1 << 1);
    /// May be duplicated into a second handle with equal or fewer rights.
    pub const DUPLICATE: Rights = Rights(1 << 2);
    /// May be moved to another process in a message.
    pub const TRANSFER: Rights = Rights(1 << 3);
    /// May map a memory object readable (or grant it readable).
    pub const MAP_READ: Rights = Rights(1 << 4);
    /// May map a memory object writable (or grant it writable).
    pub const MAP_WRITE: Rights = Rights(1 << 5);
    /// May map a memory object executable: program loaders need it, data
    /// buffers should never carry it.
    pub const MAP_EXECUTE: Rights = Rights(1 << 6);
    /// May wait for the object's notifications: a process's exit, an IRQ.
    pub const WAIT: Rights = Rights(1 << 7);
    /// May change the object's state: acknowledge (unmask) an IRQ line,
    /// terminate a process.
    pub const SIGNAL: Rights = Rights(1 << 8);

    /// May read through an I/O port-range capability.
    pub const PORT_READ: Rights = Rights(1 << 9);
    /// May write through an I/O port-range capability.
    pub const PORT_WRITE: Rights = Rights(1 << 10);

    /// Every right defined so far.
    pub const ALL: Rights = Rights((1 << 11) - 1);

    /// The set named by `bits`, as user space passes it.
    ///
    /// # Errors
    ///
    /// [`UnknownRights`] if any bit names no right; unknown bits are an error
    /// rather than ignored, so a program built for a newer kernel fails loudly.
    #[inline]
    pub const fn from_bits(bits: u32) -> Result<Rights, UnknownRights> {
        let unknown = bits & !Self::ALL.0;
        if unknown == 0 {
            Ok(Rights(bits))
        } else {
            Err(UnknownRights { unknown })
        }
    }

    /// The set holding each of `constants`, for naming a requirement such as
    /// "send and transfer" at compile time.
    ///
    /// NOTE: pass named constants only. A set derived from a handle's rights
    /// must go through [`narrow`](Self::narrow) or [`without`](Self::without);
    /// this is the one place sets combine, so review can find every use.
    #[inline]
    pub const fn from_constants(constants: &[Rights]) -> Rights {
        let mut bits = 0;
        let mut position = 0;
        while position < constants.len() {
            bits |= constants[position].0;
            position += 1;
        }
        Rights(bits)
    }

    /// The raw bits, as user space sees them.
    #[inline]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// True if the set holds no right.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True if every right in `required` is in `self`.
    #[inline]
    pub const fn contains(self, required: Rights) -> bool {
        self.0 & required.0 == required.0
    }

    /// True if every right in `self` is in `other`.
    #[inline]
    pub const fn is_subset_of(self, other: Rights) -> bool {
        other.contains(self)
    }

    /// The rights in both `self` and `keep`: the set left after dropping
    /// every right not in `keep`.
    #[inline]
    pub const fn narrow(self, keep: Rights) -> Rights {
        Rights(self.0 & keep.0)
    }

    /// The rights in `self` but not in `drop`; `required.without(held)` is
    /// what a holder lacks.
    #[inline]
    pub const fn without(self, drop: Rights) -> Rights {
        Rights(self.0 & !drop.0)
    }

    /// Each right's name, in bit order.
    const NAMES: [(Rights, &'static str); 11] = [
        (Self::SEND, "SEND"),
        (Self::RECEIVE, "RECEIVE"),
        (Self::DUPLICATE, "DUPLICATE"),
        (Self::TRANSFER, "TRANSFER"),
        (Self::MAP_READ, "MAP_READ"),
        (Self::MAP_WRITE, "MAP_WRITE"),
        (Self::MAP_EXECUTE, "MAP_EXECUTE"),
        (Self::WAIT, "WAIT"),
        (Self::SIGNAL, "SIGNAL"),
        (Self::PORT_READ, "PORT_READ"),
        (Self::PORT_WRITE, "PORT_WRITE"),
    ];
}

/// Lists the rights as `SEND|TRANSFER`, or `NONE` for the empty set.
impl fmt::Display for Rights {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return formatter.write_str("NONE");
        }
        let mut separator = "";
        for (right, name) in Self::NAMES {
            if self.contains(right) {
                write!(formatter, "{separator}{name}")?;
                separator = "|";
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Rights {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "Rights({self})")
    }
}

impl fmt::Display for UnknownRights {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "unknown rights bits {:#x}", self.unknown)
    }
}

impl core::error::Error for UnknownRights {}

// `Rights` crosses the syscall boundary as a bare `u32`.
const _: () = assert!(core::mem::size_of::<Rights>() == 4);
// Every right has a name, and `ALL` is exactly the named rights.
const _: () = {
    let mut bits = 0;
    let mut position = 0;
    while position < Rights::NAMES.len() {
        bits |= Rights::NAMES[position].0.0;
        position += 1;
    }
    assert!(bits == Rights::ALL.0);
};
