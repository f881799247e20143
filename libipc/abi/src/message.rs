//! Message records: what a message carries beyond its registers.
//!
//! The fast path of IPC is registers only: an operation number and four
//! words (`Call`, `Send`, `Receive`, `Reply`). A message that also carries
//! bytes, handles, a lease or a grant is described by an [`OutgoingMessage`]
//! record in the sender's memory (`CallMessage`, `SendMessage`,
//! `ReplyMessage`, `ReplyAndReceive`). The receiver names an
//! [`IncomingMessage`] record when it waits; when a message with any of those
//! parts arrives, the kernel fills the record in and sets
//! [`OPERATION_EXTENDED`] in the operation word it returns, so a receiver
//! learns from a register whether to look at the record at all.
//!
//! Every count and length is checked by the kernel against the limits here;
//! a record that breaks one fails the call with `InvalidArgument`, and a
//! message the receiver has no room for fails the *sender* with `TooLarge`
//! (the receiver keeps waiting).

/// The most data bytes one message carries.
pub const MAX_MESSAGE_DATA: usize = 4096;

/// The most handles one message moves.
pub const MAX_MESSAGE_HANDLES: usize = 4;

/// The longest lease: the bytes of the caller's memory a server may copy from
/// or to during one call.
pub const MAX_LEASE_LEN: u64 = 1 << 24;

/// The most pages one grant carries.
pub const MAX_GRANT_PAGES: u64 = 1024;

/// The most badges an endpoint counts client handles for at once, live or
/// with a closure notification waiting (`EndpointNotifyClosed`): what bounds
/// the kernel's memory and the notifications clients can cause.
pub const MAX_ENDPOINT_BADGES: usize = 1024;

/// Set by the kernel in a delivered operation word when the receiver's
/// [`IncomingMessage`] was filled in. Senders must leave it clear
/// (`InvalidArgument` otherwise); the low 63 bits are the sender's own.
pub const OPERATION_EXTENDED: u64 = 1 << 63;

/// Access a lease grants the server. Bits, as in the `lease_access` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeaseAccess(u64);

impl LeaseAccess {
    /// No lease.
    pub const NONE: LeaseAccess = LeaseAccess(0);
    /// The server may copy out of the caller's memory (`LeaseRead`).
    pub const READ: LeaseAccess = LeaseAccess(1);
    /// The server may copy into the caller's memory (`LeaseWrite`).
    pub const WRITE: LeaseAccess = LeaseAccess(2);
    /// Both.
    pub const READ_WRITE: LeaseAccess = LeaseAccess(3);

    /// The access named by `bits`, or `None` for unknown bits.
    pub const fn from_bits(bits: u64) -> Option<LeaseAccess> {
        if bits & !3 == 0 { Some(LeaseAccess(bits)) } else { None }
    }

    /// The raw bits.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// True if every access in `other` is allowed.
    pub const fn contains(self, other: LeaseAccess) -> bool {
        self.0 & other.0 == other.0
    }
}

/// How a grant hands pages over. Bits, as in the `grant_flags` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GrantFlags(u64);

impl GrantFlags {
    /// Shared and read-only: both sides map the pages, the receiver may only
    /// read them; the grant ends when the granter unmaps the range or exits.
    pub const SHARED_READ: GrantFlags = GrantFlags(0);
    /// The receiver may write the pages too (the granter's range must be
    /// writable).
    pub const WRITE: GrantFlags = GrantFlags(1);
    /// Move the pages: the granter loses them (the range must be exactly one
    /// whole `MemoryMap` region) and the receiver owns them from then on.
    pub const MOVE: GrantFlags = GrantFlags(2);

    /// The flags named by `bits`, or `None` for unknown bits.
    pub const fn from_bits(bits: u64) -> Option<GrantFlags> {
        if bits & !3 == 0 { Some(GrantFlags(bits)) } else { None }
    }

    /// The raw bits.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Combines two sets of flags.
    pub const fn union(self, other: GrantFlags) -> GrantFlags {
        GrantFlags(self.0 | other.0)
    }

    /// True if every flag in `other` is set.
    pub const fn contains(self, other: GrantFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The kind of kernel object a handle names, as a received handle reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ObjectType {
    /// A rendezvous endpoint.
    Endpoint = 1,
    /// A one-shot reply capability.
    Reply = 2,
    /// An interrupt line.
    Irq = 3,
    /// A range of I/O ports.
    IoPorts = 4,
    /// A process (exit notifications).
    Process = 5,
    /// The platform: authority to claim IRQ lines and I/O ports; only the
    /// first process gets it.
    Platform = 6,
    /// A memory object (device memory), mapped with `MemoryObjectMap`.
    Memory = 7,
}

impl ObjectType {
    /// The type for a raw value, if it names one.
    pub const fn from_raw(raw: u32) -> Option<ObjectType> {
        Some(match raw {
            1 => ObjectType::Endpoint,
            2 => ObjectType::Reply,
            3 => ObjectType::Irq,
            4 => ObjectType::IoPorts,
            5 => ObjectType::Process,
            6 => ObjectType::Platform,
            7 => ObjectType::Memory,
            _ => return None,
        })
    }
}

/// A message's extra parts, in the sender's memory. Unused parts are zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C)]
pub struct OutgoingMessage {
    /// Operation number (or a reply's status word); bit 63 must be clear.
    pub operation: u64,
    /// The four register words, delivered as with the fast path.
    pub words: [u64; 4],
    /// Address of the data bytes.
    pub data: u64,
    /// Number of data bytes, at most [`MAX_MESSAGE_DATA`].
    pub data_len: u64,
    /// Handles to move to the receiver (each needs `TRANSFER`); they leave
    /// the sender only if the message is delivered.
    pub handles: [u64; MAX_MESSAGE_HANDLES],
    /// How many of `handles` are used.
    pub handle_count: u64,
    /// Start of the lease (calls only): the caller's memory the server may
    /// copy from or to until it replies.
    pub lease_address: u64,
    /// Lease length in bytes, at most [`MAX_LEASE_LEN`] (0 is an empty
    /// lease).
    pub lease_len: u64,
    /// [`LeaseAccess`] bits: none means no lease (and `lease_len` must be 0).
    pub lease_access: u64,
    /// Start of the granted pages (page aligned; calls and sends only).
    pub grant_address: u64,
    /// Number of pages granted, at most [`MAX_GRANT_PAGES`]; 0 for none.
    pub grant_pages: u64,
    /// [`GrantFlags`] bits.
    pub grant_flags: u64,
}

/// A handle as the receiver gets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C)]
pub struct ReceivedHandle {
    /// The handle in the receiver's table.
    pub handle: u64,
    /// Its [`ObjectType`] as a raw value.
    pub object_type: u32,
    /// Its [`Rights`](crate::Rights) bits.
    pub rights: u32,
}

/// Where a receiver takes a message's extra parts.
///
/// The receiver sets `data` and `data_capacity`; the kernel writes the rest
/// when it delivers a message whose operation word has
/// [`OPERATION_EXTENDED`] set, and leaves the record alone otherwise, but
/// for `badge`: that it writes for every message sent through a badged
/// handle. A receiver that tells senders apart by badge sets `badge` to 0
/// before each receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C)]
pub struct IncomingMessage {
    /// Address of the receiver's data buffer.
    pub data: u64,
    /// Its size in bytes.
    pub data_capacity: u64,
    /// Data bytes delivered.
    pub data_len: u64,
    /// Handles delivered, now in the receiver's table.
    pub handles: [ReceivedHandle; MAX_MESSAGE_HANDLES],
    /// How many of `handles` are used.
    pub handle_count: u64,
    /// Length of the caller's lease: reach it through the reply handle with
    /// `LeaseRead` and `LeaseWrite`.
    pub lease_len: u64,
    /// The lease's [`LeaseAccess`] bits; none means the call has no lease.
    pub lease_access: u64,
    /// Where the granted pages were mapped in the receiver (0 for none).
    pub grant_address: u64,
    /// How many pages.
    pub grant_pages: u64,
    /// The grant's [`GrantFlags`] bits.
    pub grant_flags: u64,
    /// The badge of the handle the message was sent through (0 for an
    /// unbadged handle, and for notifications): `HandleDuplicate` gives an
    /// endpoint handle a badge, which no holder can change, so a server
    /// that hands each client its own badged handle knows who calls.
    pub badge: u64,
}

impl IncomingMessage {
    /// A record whose data lands in the buffer at `address` of `capacity`
    /// bytes.
    pub const fn with_buffer(address: u64, capacity: u64) -> IncomingMessage {
        IncomingMessage {
            data: address,
            data_capacity: capacity,
            data_len: 0,
            handles: [ReceivedHandle { handle: 0, object_type: 0, rights: 0 }; MAX_MESSAGE_HANDLES],
            handle_count: 0,
            lease_len: 0,
            lease_access: 0,
            grant_address: 0,
            grant_pages: 0,
            grant_flags: 0,
            badge: 0,
        }
    }
}

const _: () = assert!(core::mem::size_of::<OutgoingMessage>() == 18 * 8);
const _: () = assert!(core::mem::size_of::<IncomingMessage>() == 10 * 8 + MAX_MESSAGE_HANDLES * 16);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_sets_reject_unknown_bits() {
        assert_eq!(LeaseAccess::from_bits(3), Some(LeaseAccess::READ_WRITE));
        assert_eq!(LeaseAccess::from_bits(4), None);
        assert_eq!(GrantFlags::from_bits(3), Some(GrantFlags::WRITE.union(GrantFlags::MOVE)));
        assert_eq!(GrantFlags::from_bits(8), None);
        assert!(LeaseAccess::READ_WRITE.contains(LeaseAccess::WRITE));
        assert!(!LeaseAccess::READ.contains(LeaseAccess::WRITE));
    }

    #[test]
    fn object_types_round_trip() {
        for raw in 0..10u32 {
            if let Some(object) = ObjectType::from_raw(raw) {
                assert_eq!(object as u32, raw);
            }
        }
        assert_eq!(ObjectType::from_raw(0), None);
    }
}
