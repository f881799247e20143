//! The `vfs-client` role: started by init next to the ramdisk and the VFS
//! (`services/init/manifest-vfs`), it reads through the boot namespace,
//! narrows it to a user's view and checks what that view reaches, copies a
//! namespace and mounts into the copy, releases one, sees namespaces end
//! with their last handle, and then sends hostile
//! requests, each refused by name while the VFS serves on.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use barodia_abi::Rights;
use init::api::bootstrap::Client as Bootstrap;
use libipc::ipc::{self, Handle};
use libipc::rpc::{self, CallError, Channel, Dispatch, KernelChannel, KernelReceiver, ObjectType, ProtocolError, Reply, Request};
use libipc::wire::{BoundedString, BoundedVec};
use ramdisk::api::file_system::Client as Fs;
use ramdisk::api::{FsError, NodeKind};
use vfs::api::namespace::Client as Namespace;
use vfs::api::{Keep, NamespaceError};

use crate::checks::{check, expect_protocol};

type Files = Fs<KernelChannel>;
type Names = Namespace<KernelChannel>;

fn path(text: &str) -> Result<BoundedString<256>, String> {
    BoundedString::try_from_str(text).map_err(|error| format!("{error:?}"))
}

/// Whether `result` is the interface error `expected`.
fn refused<T, E: PartialEq>(result: Result<T, CallError<E>>, expected: E) -> bool {
    matches!(result, Err(CallError::Interface(error)) if error == expected)
}

/// A second handle to the same namespace (its badge kept), for a second
/// client: one speaks `FileSystem`, the other `Namespace`.
fn copy_of(handle: &Handle) -> Result<Handle, String> {
    handle.duplicate(Rights::from_constants(&[Rights::SEND, Rights::TRANSFER])).map_err(|error| format!("duplicate: {error}"))
}

/// Both clients of the namespace `handle` reaches.
fn clients(handle: rpc::Handle) -> Result<(Files, Names), String> {
    let handle = handle.into_ipc();
    let files = Fs::connect(KernelChannel::new(copy_of(&handle)?)).map_err(|error| format!("connect fs: {error:?}"))?;
    let names = Namespace::connect(KernelChannel::new(handle)).map_err(|error| format!("connect ns: {error:?}"))?;
    Ok((files, names))
}

fn names_in(fs: &mut Files, directory: &str) -> Result<Vec<String>, String> {
    let page = fs.list(path(directory)?, 0).map_err(|error| format!("list {directory}: {error:?}"))?;
    Ok(page.entries.iter().map(|entry| String::from(entry.name.as_str())).collect())
}

fn read(fs: &mut Files, file: &str) -> Result<Vec<u8>, CallError<FsError>> {
    let mut buffer = [0u8; 128];
    let count = fs.read(path(file).unwrap_or_default(), 0, &mut buffer)?;
    Ok(buffer.get(..count as usize).unwrap_or_default().to_vec())
}

fn keep(at: &str, writable: bool) -> Result<Keep, String> {
    Ok(Keep { at: path(at)?, writable })
}

fn keeps(list: &[(&str, bool)]) -> Result<BoundedVec<Keep, 15>, String> {
    let mut keeps = BoundedVec::new();
    for (at, writable) in list {
        keeps.push(keep(at, *writable)?).map_err(|_| String::from("too many keeps"))?;
    }
    Ok(keeps)
}

/// A user's view: `/home/user` writable and `/etc` read-only, nothing else.
fn a_narrowed_namespace(boot_fs: &mut Files, boot: &mut Names) -> Result<(Files, Names), String> {
    let handle = boot.narrow(keeps(&[("/home/user", true), ("/etc", false)])?).map_err(|error| format!("narrow: {error:?}"))?;
    let (mut fs, mut names) = clients(handle)?;
    fs.create(path("/home/user/notes")?, NodeKind::File).map_err(|error| format!("create: {error:?}"))?;
    let written = fs.write(path("/home/user/notes")?, 0, b"mine").map_err(|error| format!("write: {error:?}"))?;
    check("a file written in /home/user", written == 4 && read(&mut fs, "/home/user/notes").is_ok_and(|text| text == b"mine"))?;
    check("/etc/motd reads in the narrowed namespace", read(&mut fs, "/etc/motd").is_ok_and(|text| text.starts_with(b"Welcome")))?;
    check("/bin/init is outside", refused(fs.stat(path("/bin/init")?), FsError::PermissionDenied))?;
    check("/home/root is outside", refused(fs.stat(path("/home/root")?), FsError::PermissionDenied))?;
    check("reading /bin is outside", refused(read(&mut fs, "/bin/init"), FsError::PermissionDenied))?;
    check("/etc/x is read-only", refused(fs.create(path("/etc/x")?, NodeKind::File), FsError::ReadOnly))?;
    check("/etc/motd is read-only", refused(fs.write(path("/etc/motd")?, 0, b"x"), FsError::ReadOnly))?;
    check("/ lists only etc and home", names_in(&mut fs, "/")? == ["etc", "home"])?;
    let root = fs.stat(path("/")?).map_err(|error| format!("stat /: {error:?}"))?;
    check("/ is a virtual directory of two", root.kind == NodeKind::Directory && root.size == 2)?;
    let mounts = names.mounts(0).map_err(|error| format!("mounts: {error:?}"))?;
    let listed: Vec<(&str, &str, bool)> =
        mounts.mounts.iter().map(|mount| (mount.at.as_str(), mount.root.as_str(), mount.writable)).collect();
    check("two mounts listed", listed == [("/home/user", "/home/user", true), ("/etc", "/etc", false)] && !mounts.more)?;
    check("narrowing to / is refused", refused(names.narrow(keeps(&[("/", false)])?), NamespaceError::OutsideNamespace))?;
    let child = names.narrow(keeps(&[("/etc", true)])?).map_err(|error| format!("narrow /etc: {error:?}"))?;
    let (mut child, _child_names) = clients(child)?;
    check("a child cannot write what its parent only reads", refused(child.create(path("/etc/y")?, NodeKind::File), FsError::ReadOnly))?;
    check("the boot namespace sees the file", read(boot_fs, "/home/user/notes").is_ok_and(|text| text == b"mine"))?;
    Ok((fs, names))
}

/// A copy with the ramdisk mounted at `/mnt`; the original does not see it.
fn a_copy_with_a_mount(bootstrap: &mut Bootstrap<KernelChannel>, boot_fs: &mut Files, boot: &mut Names) -> Result<(), String> {
    let handle = boot.copy().map_err(|error| format!("copy: {error:?}"))?;
    let (mut fs, mut names) = clients(handle)?;
    let ramdisk = bootstrap.endpoint(BoundedString::try_from_str("ramdisk").unwrap_or_default()).map_err(|error| format!("ramdisk: {error:?}"))?;
    names.mount(path("/mnt")?, ramdisk, path("/etc")?, false).map_err(|error| format!("mount: {error:?}"))?;
    check("the mount reaches the ramdisk's /etc", read(&mut fs, "/mnt/motd").is_ok_and(|text| text.starts_with(b"Welcome")))?;
    check("the mount is read-only", refused(fs.create(path("/mnt/x")?, NodeKind::File), FsError::ReadOnly))?;
    check("the original does not see /mnt", refused(boot_fs.stat(path("/mnt")?), FsError::NotFound))?;
    let original = boot.mounts(0).map_err(|error| format!("mounts: {error:?}"))?;
    check("the original has one mount", original.mounts.len() == 1)?;
    let copied = names.mounts(0).map_err(|error| format!("mounts: {error:?}"))?;
    check("the copy has two, the second numbered 1", copied.mounts.len() == 2 && copied.mounts.as_slice()[1].server == 1)?;
    let scratch = bootstrap.endpoint(BoundedString::try_from_str("ramdisk").unwrap_or_default()).map_err(|error| format!("ramdisk: {error:?}"))?;
    names.mount(path("/scratch")?, scratch, path("/tmp")?, true).map_err(|error| format!("mount: {error:?}"))?;
    fs.create(path("/scratch/a")?, NodeKind::File).map_err(|error| format!("create in /scratch: {error:?}"))?;
    check("rename across servers", refused(fs.rename(path("/scratch/a")?, path("/home/user/a")?), FsError::InvalidMove))?;
    check("a file made on the other server", boot_fs.stat(path("/tmp/a")?).is_ok())?;
    fs.remove(path("/scratch/a")?).map_err(|error| format!("remove: {error:?}"))?;
    names.unmount(path("/scratch")?).map_err(|error| format!("unmount: {error:?}"))?;
    names.unmount(path("/mnt")?).map_err(|error| format!("unmount: {error:?}"))?;
    check("unmounted", refused(fs.stat(path("/mnt/motd")?), FsError::NotFound))?;
    names.release().map_err(|error| format!("release copy: {error:?}"))?;
    Ok(())
}

/// Release: every handle to the namespace is then refused.
fn release(mut fs: Files, mut names: Names, boot: &mut Names) -> Result<(), String> {
    names.release().map_err(|error| format!("release: {error:?}"))?;
    check("mounts after release", refused(names.mounts(0), NamespaceError::Released))?;
    check("a second release", refused(names.release(), NamespaceError::Released))?;
    check("narrow after release", refused(names.narrow(keeps(&[("/etc", false)])?), NamespaceError::Released))?;
    check("files after release", refused(fs.stat(path("/etc/motd")?), FsError::PermissionDenied))?;
    check("the boot namespace is permanent", refused(boot.release(), NamespaceError::Permanent))?;
    Ok(())
}

/// Answers every handshake with a schema that is not `FileSystem`'s.
struct NotAFileSystem;

impl Dispatch for NotAFileSystem {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        rpc::answer_connect(&request, 0x0123_4567_89AB_CDEF)
    }
}

/// A send handle of an endpoint a thread of this process serves as
/// something other than a file system.
fn not_a_file_system() -> Result<rpc::Handle, String> {
    let endpoint = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let rights = Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]);
    let sender = endpoint.duplicate(rights).map_err(|error| format!("duplicate: {error}"))?;
    libipc::thread::spawn(move || {
        let _ = rpc::serve(&mut KernelReceiver::new(endpoint), &mut NotAFileSystem);
        0
    })
    .map_err(|error| format!("spawn: {error}"))?;
    Ok(rpc::Handle::from_ipc(sender, ObjectType::Endpoint, rights))
}

/// Hostile requests, each refused by name; the VFS serves on.
fn as_a_hostile_client(boot_fs: &mut Files, boot: &mut Names, channel: &mut KernelChannel) -> Result<usize, String> {
    let mut refusals = 0;
    let mut still_serving = |what: &str, fs: &mut Files| {
        refusals += 1;
        check(&format!("VFS still serving after {what}"), fs.usage().is_ok_and(|usage| usage.max_bytes > 0))
    };
    for bad in ["relative", "/etc/../bin", "/etc//motd", "/etc/"] {
        check(bad, refused(boot_fs.stat(path(bad)?), FsError::InvalidPath))?;
    }
    still_serving("bad paths", boot_fs)?;
    check("a mount at a bad path", refused(boot.mount(path("mnt")?, not_a_file_system()?, path("/")?, true), NamespaceError::NotNormalized))?;
    check("unmounting nothing", refused(boot.unmount(path("/nothing")?), NamespaceError::NotMounted))?;
    still_serving("bad mounts", boot_fs)?;
    // A process handle where an endpoint belongs.
    let child = libipc::sys::spawn("bin/kernel-tests", &["true"]).map_err(|error| format!("spawn: {error}"))?;
    let process = libipc::ipc::device::Process::open(child).map_err(|error| format!("open: {error}"))?;
    let process = rpc::Handle::from_ipc(process.0, ObjectType::Process, Rights::ALL);
    match boot.mount(path("/p")?, process, path("/")?, true) {
        Err(CallError::Protocol(ProtocolError::WrongHandleType)) => {}
        other => return Err(format!("a process to mount: got {other:?}")),
    }
    still_serving("a process to mount", boot_fs)?;
    check("a mount of something else", refused(boot.mount(path("/x")?, not_a_file_system()?, path("/")?, true), NamespaceError::NotAFileSystem))?;
    still_serving("a mount of something else", boot_fs)?;
    // A handle of the VFS itself: it must not wait for its own answer.
    let copy = boot.copy().map_err(|error| format!("copy: {error:?}"))?;
    let copy = copy.into_ipc();
    let itself = rpc::Handle::from_ipc(copy_of(&copy)?, ObjectType::Endpoint, Rights::from_constants(&[Rights::SEND, Rights::TRANSFER]));
    let mut copy = Namespace::new(KernelChannel::new(copy));
    check("a mount of the VFS itself", refused(copy.mount(path("/self")?, itself, path("/")?, true), NamespaceError::NotAFileSystem))?;
    still_serving("a mount of the VFS itself", boot_fs)?;
    copy.release().map_err(|error| format!("release: {error:?}"))?;
    // Unknown operations in either interface's range.
    for operation in [40, 70, 1000] {
        expect_protocol("an unknown operation", channel.call(Request::new(operation, &[])), ProtocolError::UnknownOperation)?;
    }
    still_serving("unknown operations", boot_fs)?;
    too_many_namespaces(boot)?;
    still_serving("too many namespaces", boot_fs)?;
    Ok(refusals)
}

/// 300 narrows: the VFS stops at its cap, and releasing makes room again.
fn too_many_namespaces(boot: &mut Names) -> Result<(), String> {
    let mut made = Vec::new();
    let mut stopped = false;
    for _ in 0..300 {
        match boot.narrow(keeps(&[("/etc", false)])?) {
            Ok(handle) => made.push(Namespace::new(KernelChannel::new(handle.into_ipc()))),
            Err(CallError::Interface(NamespaceError::TooManyNamespaces)) => stopped = true,
            Err(other) => return Err(format!("narrow: {other:?}")),
        }
    }
    check("narrows stop at the cap", stopped && !made.is_empty() && made.len() < 300)?;
    for mut namespace in made {
        namespace.release().map_err(|error| format!("release: {error:?}"))?;
    }
    check("room again after releases", boot.narrow(keeps(&[("/etc", false)])?).is_ok())?;
    Ok(())
}

/// A namespace ends with its last handle, with no release: one of two
/// copies closed leaves it alive, and narrows whose handles are dropped at
/// once never reach the cap.
fn namespaces_end_with_their_last_handle(boot: &mut Names) -> Result<(), String> {
    let handle = boot.copy().map_err(|error| format!("copy: {error:?}"))?.into_ipc();
    let mut second = Namespace::new(KernelChannel::new(copy_of(&handle)?));
    drop(handle);
    check("alive while a copy of its handle is open", second.mounts(0).is_ok())?;
    drop(second);
    let mut made = Vec::new();
    for round in 0..300 {
        match boot.narrow(keeps(&[("/etc", false)])?) {
            Ok(handle) => made.push(handle),
            Err(CallError::Interface(NamespaceError::TooManyNamespaces)) => break,
            Err(other) => return Err(format!("narrow {round}: {other:?}")),
        }
    }
    check("narrows kept open stop at the cap", made.len() < 300)?;
    drop(made);
    for round in 0..300 {
        let handle = boot.narrow(keeps(&[("/etc", false)])?).map_err(|error| format!("narrow {round} after closing: {error:?}"))?;
        drop(handle);
    }
    Ok(())
}

/// The role: reports on the kernel log, then stays (so init does not
/// restart it and repeat the output).
pub fn run() -> Result<String, String> {
    let endpoint = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap = Bootstrap::connect(KernelChannel::new(endpoint)).map_err(|error| format!("connect: {error:?}"))?;
    let endpoint = |bootstrap: &mut Bootstrap<KernelChannel>| {
        let name = BoundedString::try_from_str("fs").map_err(|error| format!("{error:?}"))?;
        let handle = bootstrap.endpoint(name).map_err(|error| format!("fs endpoint: {error:?}"))?;
        Ok::<_, String>(KernelChannel::new(handle.into_ipc()))
    };
    let mut boot_fs = Fs::connect(endpoint(&mut bootstrap)?).map_err(|error| format!("connect fs: {error:?}"))?;
    let mut boot = Namespace::connect(endpoint(&mut bootstrap)?).map_err(|error| format!("connect ns: {error:?}"))?;
    let mut channel = endpoint(&mut bootstrap)?;
    let outcome = (|| {
        let motd = read(&mut boot_fs, "/etc/motd").map_err(|error| format!("read motd: {error:?}"))?;
        check("/etc/motd reads through the VFS", motd.starts_with(b"Welcome to Barodia"))?;
        let (fs, names) = a_narrowed_namespace(&mut boot_fs, &mut boot)?;
        a_copy_with_a_mount(&mut bootstrap, &mut boot_fs, &mut boot)?;
        release(fs, names, &mut boot)?;
        namespaces_end_with_their_last_handle(&mut boot)?;
        as_a_hostile_client(&mut boot_fs, &mut boot, &mut channel)
    })();
    match outcome {
        Ok(refusals) => libipc::println!("vfs-client: ok: {refusals} kinds of hostile request refused by name"),
        Err(why) => libipc::println!("vfs-client: FAILED: {why}"),
    }
    let idle = ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let _ = ipc::receive(&idle);
    Ok(String::new())
}
