//! One endpoint, two interfaces, many namespaces: the badge a request came
//! with names its namespace, and its operation the interface (`FileSystem`
//! below 64, `Namespace` from 64), or the kernel's notification that the
//! namespace's last handle is gone.

use libipc::ipc::Handle;
use libipc::rpc::{CONNECT_OPERATION, Dispatch, Reply, Request, Status, answer_connect};
use ramdisk::api::file_system;
use vfs::api::namespace;
use vfs::{HANDLES_CLOSED_OPERATION, Session, Vfs};

use super::Server;
use super::namespace::Namespaces;

/// The first `Namespace` ordinal (`idl/vfs.idl`).
const FIRST_NAMESPACE_OPERATION: u32 = 64;

/// Sends each request to its interface, in its namespace.
pub struct Router {
    /// Every namespace.
    pub vfs: Vfs<Server>,
    /// A send handle of the VFS's own endpoint, to mint namespace handles.
    pub minter: Handle,
}

/// The handshake: either interface's clients may connect to any handle.
fn connect(request: &Request<'_>) -> Reply {
    let as_file_system = answer_connect(request, file_system::SCHEMA_HASH);
    if as_file_system.status == Status::Ok {
        return as_file_system;
    }
    answer_connect(request, namespace::SCHEMA_HASH)
}

impl Dispatch for Router {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        let badge = request.badge;
        match request.operation {
            CONNECT_OPERATION => connect(&request),
            HANDLES_CLOSED_OPERATION => {
                self.vfs.handles_closed(badge);
                // A notification waits for no reply; this goes nowhere.
                Reply::with_value(Status::Ok, &())
            }
            operation if operation >= FIRST_NAMESPACE_OPERATION => {
                let mut namespaces = Namespaces { vfs: &mut self.vfs, minter: &self.minter, badge };
                namespace::dispatch(&mut namespaces, request)
            }
            _ => file_system::dispatch(&mut Session { vfs: &mut self.vfs, badge }, request),
        }
    }
}
