//! The fixed limits every message must fit, known when the `.idl` is checked.
//!
//! They mirror what the kernel's message carries (see `docs/idl.md`, "Limits"):
//! the checker proves each method's worst case fits, so neither side ever needs
//! a buffer sized at run time.

/// The largest inline payload of a request or a reply, in bytes.
pub const MAX_INLINE_PAYLOAD: usize = 4096;

/// The most handles one message carries.
pub const MAX_HANDLES: usize = 4;

/// The largest lease, in bytes.
pub const MAX_LEASE_BYTES: u64 = 64 * 1024;

/// The most pages one grant carries.
pub const MAX_GRANT_PAGES: u64 = 256;
