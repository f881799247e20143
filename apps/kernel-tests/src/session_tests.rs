//! The `session-attack` role: run from a user's shell (the test image has
//! kernel-tests in /bin), it turns its login session and its namespace
//! against login and the VFS: another account's password, a guessed
//! password, malformed requests, a wider namespace, a session handle
//! mounted as a file system. Each is refused by name, and both services
//! still answer afterwards.

use alloc::format;
use alloc::string::String;

use barodia_abi::Rights;
use init::starter::Starter;
use libipc::ipc::Handle;
use libipc::rpc::{self, CallError, Channel, KernelChannel, ObjectType, ProtocolError, Request};
use libipc::wire::{BoundedString, BoundedVec};
use login::api::AccountError;
use login::api::session::Client as Session;
use vfs::api::namespace::Client as Namespace;
use vfs::api::{Keep, NamespaceError};

use crate::checks::{check, expect_protocol};

fn text<const N: usize>(text: &str) -> Result<BoundedString<N>, String> {
    BoundedString::try_from_str(text).map_err(|error| format!("{error:?}"))
}

fn refused<T, E: PartialEq>(result: Result<T, CallError<E>>, expected: E) -> bool {
    matches!(result, Err(CallError::Interface(error)) if error == expected)
}

fn copy_of(handle: &Handle) -> Result<Handle, String> {
    handle.duplicate(Rights::from_constants(&[Rights::SEND, Rights::TRANSFER])).map_err(|error| format!("duplicate: {error}"))
}

/// The role; prints `session-attack: ok: N refusals` on the kernel log.
pub fn run() -> Result<String, String> {
    let mut starter = Starter::connect()?;
    let session_handle = starter.endpoint("session")?;
    let fs_handle = starter.endpoint("fs")?;
    let mut raw = KernelChannel::new(copy_of(&session_handle)?);
    let mounted = rpc::Handle::from_ipc(copy_of(&session_handle)?, ObjectType::Endpoint, Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]));
    let mut session = Session::connect(KernelChannel::new(session_handle)).map_err(|error| format!("connect: {error:?}"))?;
    let mut names = Namespace::connect(KernelChannel::new(fs_handle)).map_err(|error| format!("connect: {error:?}"))?;

    let me = session.whoami().map_err(|error| format!("whoami: {error:?}"))?;
    check("whoami is user", me.name.as_str() == "user" && me.uid == 1000)?;
    check("root's password", refused(session.change_password(text("root")?, text("")?, text("x")?), AccountError::NotPermitted))?;
    check("a guessed password", refused(session.change_password(text("user")?, text("guess")?, text("x")?), AccountError::WrongPassword))?;
    check("an empty password", refused(session.change_password(text("user")?, text("user")?, text("")?), AccountError::InvalidPassword))?;
    expect_protocol("an unknown operation", raw.call(Request::new(99, &[])), ProtocolError::UnknownOperation)?;
    expect_protocol("a short payload", raw.call(Request::new(2, &[7])), ProtocolError::BadLength)?;
    let mut wider: BoundedVec<Keep, 15> = BoundedVec::new();
    wider.push(Keep { at: text("/")?, writable: true }).map_err(|_| String::from("keep"))?;
    check("a namespace wider than its own", refused(names.narrow(wider), NamespaceError::OutsideNamespace))?;
    check("a session mounted as files", refused(names.mount(text("/mnt")?, mounted, text("/")?, true), NamespaceError::NotAFileSystem))?;
    let refusals = 7;
    let me = session.whoami().map_err(|error| format!("whoami after: {error:?}"))?;
    check("login still answers", me.name.as_str() == "user")?;
    check("the VFS still answers", names.mounts(0).is_ok())?;
    libipc::println!("session-attack: ok: {refusals} kinds of hostile request refused, login and the VFS still serving");
    Ok(String::new())
}
