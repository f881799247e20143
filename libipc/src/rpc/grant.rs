//! Page grants: whole pages shared with, or moved to, the server.
//!
//! NOTE: a stand-in until the kernel's memory objects exist; it carries what
//! the dispatcher checks (page count, rights, mode) and no mapping yet.

use super::rights::Rights;

/// Whether granted pages stay mapped in the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantMode {
    /// Both sides map the pages.
    Shared,
    /// The caller gives the pages up.
    Moved,
}

/// Pages attached to a message.
#[derive(Debug, PartialEq, Eq)]
pub struct Grant {
    /// How many pages.
    pub pages: u32,
    /// The mapping rights (`Rights::MAP_READ`, `Rights::MAP_WRITE`).
    pub rights: Rights,
    /// Shared or moved.
    pub mode: GrantMode,
}
