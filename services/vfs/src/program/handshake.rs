//! Checking that a capability to mount answers as a `FileSystem`, without
//! trusting it to answer at all.
//!
//! The VFS serves on one thread, and a call blocks until it is answered: a
//! client could hand it an endpoint nobody receives on, or a handle of the
//! VFS itself (which would then wait for its own answer for ever). So the
//! handshake runs on a thread of its own, and the VFS waits for it a
//! bounded time. A handshake with the VFS itself completes once the VFS
//! serves again, after it gave up; one with a silent endpoint leaves that
//! thread waiting, and when no thread can be started the mount is refused.

use alloc::sync::Arc;
use core::time::Duration;

use libipc::ipc::Handle;
use libipc::rpc::KernelChannel;
use libipc::sync::Mutex;
use vfs::api::NamespaceError;

use super::Server;

/// How long a file server may take to answer the handshake. Generous:
/// emulated machines on busy hosts are slow, and only a mount waits.
const PATIENCE: Duration = Duration::from_secs(2);

/// How often the VFS looks whether the handshake has finished.
const POLL: Duration = Duration::from_millis(10);

/// What the handshake thread leaves behind.
type Outcome = Arc<Mutex<Option<Result<Server, NamespaceError>>>>;

/// A `FileSystem` client of `server`, if it answers the handshake as one
/// within [`PATIENCE`].
pub fn connect(server: Handle) -> Result<Server, NamespaceError> {
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let for_thread = Arc::clone(&outcome);
    libipc::thread::spawn(move || {
        let connected = Server::connect(KernelChannel::new(server)).map_err(|_| NamespaceError::NotAFileSystem);
        // If the VFS gave up waiting, this drops with the last `Arc`,
        // closing the handle.
        *for_thread.lock() = Some(connected);
        0
    })
    .map_err(|_| NamespaceError::Unavailable)?;
    let polls = PATIENCE.as_millis() / POLL.as_millis();
    for _ in 0..polls {
        if let Some(connected) = outcome.lock().take() {
            return connected;
        }
        libipc::time::sleep(POLL);
    }
    Err(NamespaceError::NotAFileSystem)
}
