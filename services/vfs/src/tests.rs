//! Namespaces over in-memory file servers: ramdisks (`ramfs`) served over
//! a loopback channel, so the IPC backend is tested too.

use alloc::string::String;
use alloc::vec::Vec;

use libipc::rpc::Loopback;
use ramdisk::api::file_system::{Client, Dispatcher};
use ramdisk::api::{FsError, NodeKind};
use ramdisk::service::Ramdisk;
use ramfs::{FileSystem, Limits};

use crate::api::NamespaceError;
use crate::{BOOT_NAMESPACE, MAX_NAMESPACES, Vfs};

type Server = Client<Loopback<Dispatcher<Ramdisk>>>;

/// A ramdisk with `/bin/ls`, `/etc/motd`, `/home/user` and `/home/root`.
fn ramdisk() -> Server {
    let mut fs = FileSystem::new(Limits::default());
    for directory in ["/bin", "/etc", "/home/user", "/home/root", "/tmp"] {
        fs.create_directories(directory).unwrap();
    }
    fs.create("/bin/ls", ramfs::NodeKind::File).unwrap();
    fs.create("/etc/motd", ramfs::NodeKind::File).unwrap();
    fs.write("/etc/motd", 0, b"Welcome").unwrap();
    Client::new(Loopback::new(Dispatcher(Ramdisk { fs })))
}

/// A server that has gone away.
fn dead() -> Server {
    let mut channel = Loopback::new(Dispatcher(Ramdisk { fs: FileSystem::new(Limits::default()) }));
    channel.disconnect();
    Client::new(channel)
}

/// A namespace with `/home/user` writable and `/etc` read-only.
fn user(vfs: &mut Vfs<Server>) -> u64 {
    vfs.narrow(BOOT_NAMESPACE, &[("/home/user", true), ("/etc", false)]).unwrap()
}

fn names(vfs: &mut Vfs<Server>, badge: u64, path: &str) -> Vec<String> {
    let page = vfs.list(badge, path, 0).unwrap();
    page.entries.iter().map(|entry| String::from(entry.name.as_str())).collect()
}

fn read_all(vfs: &mut Vfs<Server>, badge: u64, path: &str) -> Result<Vec<u8>, FsError> {
    let mut buffer = [0u8; 64];
    let count = vfs.read(badge, path, 0, &mut buffer)?;
    Ok(buffer[..count as usize].to_vec())
}

#[test]
fn the_boot_namespace_reaches_the_whole_boot_file_system() {
    let mut vfs = Vfs::new(ramdisk());
    assert_eq!(read_all(&mut vfs, BOOT_NAMESPACE, "/etc/motd"), Ok(b"Welcome".to_vec()));
    vfs.create(BOOT_NAMESPACE, "/tmp/a", NodeKind::File).unwrap();
    assert_eq!(vfs.write(BOOT_NAMESPACE, "/tmp/a", 0, b"hello"), Ok(5));
    assert_eq!(vfs.stat(BOOT_NAMESPACE, "/tmp/a").unwrap().size, 5);
    assert_eq!(names(&mut vfs, BOOT_NAMESPACE, "/"), ["bin", "etc", "home", "tmp"]);
    assert_eq!(vfs.usage().bytes, 12);
}

#[test]
fn paths_that_are_not_normalized_are_refused_as_the_ramdisk_refuses_them() {
    let mut vfs = Vfs::new(ramdisk());
    for bad in ["relative", "/etc/../bin", "/etc//motd", "/etc/", ""] {
        assert_eq!(vfs.stat(BOOT_NAMESPACE, bad).map(drop), Err(FsError::InvalidPath), "{bad:?}");
    }
    let long = alloc::format!("/{}", "x".repeat(65));
    assert_eq!(vfs.stat(BOOT_NAMESPACE, &long).map(drop), Err(FsError::NameTooLong));
}

#[test]
fn a_narrowed_namespace_reaches_only_what_it_kept() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    vfs.create(user, "/home/user/notes", NodeKind::File).unwrap();
    assert_eq!(vfs.write(user, "/home/user/notes", 0, b"mine"), Ok(4));
    assert_eq!(read_all(&mut vfs, BOOT_NAMESPACE, "/home/user/notes"), Ok(b"mine".to_vec()));
    assert_eq!(read_all(&mut vfs, user, "/etc/motd"), Ok(b"Welcome".to_vec()));
    for outside in ["/bin/ls", "/home/root", "/tmp/x"] {
        assert_eq!(vfs.stat(user, outside).map(drop), Err(FsError::PermissionDenied), "{outside}");
    }
    assert_eq!(vfs.create(user, "/home/root/x", NodeKind::File), Err(FsError::PermissionDenied));
}

#[test]
fn read_only_mounts_refuse_every_change() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    assert_eq!(vfs.write(user, "/etc/motd", 0, b"x"), Err(FsError::ReadOnly));
    assert_eq!(vfs.create(user, "/etc/x", NodeKind::File), Err(FsError::ReadOnly));
    assert_eq!(vfs.truncate(user, "/etc/motd", 0), Err(FsError::ReadOnly));
    assert_eq!(vfs.remove(user, "/etc/motd"), Err(FsError::ReadOnly));
    assert_eq!(vfs.rename(user, "/etc/motd", "/home/user/motd"), Err(FsError::ReadOnly));
    assert_eq!(read_all(&mut vfs, user, "/etc/motd"), Ok(b"Welcome".to_vec()));
}

#[test]
fn narrowing_can_never_widen() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    // Asking for writing where the parent cannot write gets reading only.
    let child = vfs.narrow(user, &[("/etc", true)]).unwrap();
    assert_eq!(vfs.create(child, "/etc/x", NodeKind::File), Err(FsError::ReadOnly));
    // The parent's virtual directories and anything outside cannot be kept.
    for wider in ["/", "/home", "/bin", "/home/root"] {
        assert_eq!(vfs.narrow(user, &[(wider, false)]), Err(NamespaceError::OutsideNamespace), "{wider}");
    }
    assert_eq!(vfs.narrow(user, &[("/etc/../bin", false)]), Err(NamespaceError::NotNormalized));
    let mounts = vfs.mounts(child, 0).unwrap();
    assert_eq!(mounts.mounts.len(), 1);
    assert!(!mounts.mounts.as_slice()[0].writable);
}

#[test]
fn directories_above_mounts_are_virtual_and_read_only() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    assert_eq!(names(&mut vfs, user, "/"), ["etc", "home"]);
    assert_eq!(names(&mut vfs, user, "/home"), ["user"]);
    let root = vfs.stat(user, "/").unwrap();
    assert_eq!((root.kind, root.size), (NodeKind::Directory, 2));
    let listed = vfs.list(user, "/", 0).unwrap();
    assert!(listed.entries.iter().all(|entry| entry.metadata.kind == NodeKind::Directory));
    assert_eq!(vfs.create(user, "/home", NodeKind::Directory), Err(FsError::ReadOnly));
    assert_eq!(vfs.truncate(user, "/", 0), Err(FsError::ReadOnly));
    // A new name beside the mounts is outside the namespace.
    assert_eq!(vfs.create(user, "/x", NodeKind::Directory), Err(FsError::PermissionDenied));
    assert_eq!(vfs.remove(user, "/home"), Err(FsError::ReadOnly));
    assert_eq!(vfs.read(user, "/home", 0, &mut [0; 4]), Err(FsError::IsADirectory));
    // The mount point itself is the namespace's, not the mount's.
    assert_eq!(vfs.remove(user, "/home/user"), Err(FsError::PermissionDenied));
}

#[test]
fn renames_stay_on_one_server() {
    let mut vfs = Vfs::new(ramdisk());
    vfs.mount(BOOT_NAMESPACE, "/mnt", ramdisk(), "/tmp", true).unwrap();
    vfs.create(BOOT_NAMESPACE, "/tmp/a", NodeKind::File).unwrap();
    assert_eq!(vfs.rename(BOOT_NAMESPACE, "/tmp/a", "/mnt/a"), Err(FsError::InvalidMove));
    // Two mounts of the same server may move between them.
    let user = vfs.narrow(BOOT_NAMESPACE, &[("/home/user", true), ("/tmp", true)]).unwrap();
    assert_eq!(vfs.rename(user, "/tmp/a", "/home/user/a"), Ok(()));
    assert_eq!(vfs.stat(BOOT_NAMESPACE, "/home/user/a").map(|stat| stat.kind), Ok(NodeKind::File));
}

#[test]
fn mounts_belong_to_one_namespace_and_copies_are_independent() {
    let mut vfs = Vfs::new(ramdisk());
    let copy = vfs.copy(BOOT_NAMESPACE).unwrap();
    vfs.mount(copy, "/mnt", ramdisk(), "/", false).unwrap();
    assert_eq!(read_all(&mut vfs, copy, "/mnt/etc/motd"), Ok(b"Welcome".to_vec()));
    assert_eq!(vfs.stat(BOOT_NAMESPACE, "/mnt").map(drop), Err(FsError::NotFound));
    assert_eq!(vfs.mounts(BOOT_NAMESPACE, 0).unwrap().mounts.len(), 1);
    let page = vfs.mounts(copy, 0).unwrap();
    let second = &page.mounts.as_slice()[1];
    assert_eq!((second.at.as_str(), second.server, second.root.as_str(), second.writable), ("/mnt", 1, "/", false));
    assert_eq!(vfs.create(copy, "/mnt/x", NodeKind::File), Err(FsError::ReadOnly));
    assert_eq!(vfs.mount(copy, "/mnt", ramdisk(), "/", true), Err(NamespaceError::AlreadyMounted));
    assert_eq!(vfs.mount(copy, "mnt", ramdisk(), "/", true), Err(NamespaceError::NotNormalized));
    assert_eq!(vfs.live_servers(), 2);
    vfs.unmount(copy, "/mnt").unwrap();
    assert_eq!(vfs.unmount(copy, "/mnt"), Err(NamespaceError::NotMounted));
    assert_eq!(vfs.live_servers(), 1, "the unmounted server's handle is closed");
}

#[test]
fn mounts_come_in_pages_of_seven() {
    let mut vfs = Vfs::new(ramdisk());
    for index in 0..9 {
        vfs.mount(BOOT_NAMESPACE, &alloc::format!("/m{index}"), ramdisk(), "/", true).unwrap();
    }
    let first = vfs.mounts(BOOT_NAMESPACE, 0).unwrap();
    assert_eq!((first.mounts.len(), first.more), (7, true));
    let second = vfs.mounts(BOOT_NAMESPACE, 7).unwrap();
    assert_eq!((second.mounts.len(), second.more), (3, false));
    assert_eq!(vfs.mounts(BOOT_NAMESPACE, u32::MAX).unwrap().mounts.len(), 0);
}

#[test]
fn a_released_namespace_is_gone_for_good() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    vfs.release(user).unwrap();
    assert_eq!(vfs.release(user), Err(NamespaceError::Released));
    assert_eq!(vfs.mounts(user, 0).map(drop), Err(NamespaceError::Released));
    assert_eq!(vfs.copy(user), Err(NamespaceError::Released));
    assert_eq!(vfs.stat(user, "/etc/motd").map(drop), Err(FsError::PermissionDenied));
    assert_eq!(vfs.release(BOOT_NAMESPACE), Err(NamespaceError::Permanent));
    // Badges are not reused: the next namespace is not the released one.
    let next = vfs.copy(BOOT_NAMESPACE).unwrap();
    assert!(next > user);
    assert_eq!(vfs.stat(user, "/etc/motd").map(drop), Err(FsError::PermissionDenied));
    // A badge the VFS never gave is no namespace either.
    assert_eq!(vfs.stat(u64::MAX, "/etc/motd").map(drop), Err(FsError::PermissionDenied));
}

#[test]
fn a_namespace_ends_when_its_last_handle_is_gone() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    let mounted = vfs.copy(BOOT_NAMESPACE).unwrap();
    vfs.mount(mounted, "/mnt", ramdisk(), "/etc", false).unwrap();
    assert_eq!((vfs.live_namespaces(), vfs.live_servers()), (3, 2));
    vfs.handles_closed(user);
    vfs.handles_closed(mounted);
    assert_eq!(vfs.mounts(user, 0).map(drop), Err(NamespaceError::Released));
    // Its mounted server goes with it; the boot namespace and server stay.
    assert_eq!((vfs.live_namespaces(), vfs.live_servers()), (1, 1));
    vfs.handles_closed(BOOT_NAMESPACE);
    assert!(vfs.stat(BOOT_NAMESPACE, "/etc/motd").is_ok());
    // After an explicit release the notification changes nothing.
    let released = vfs.copy(BOOT_NAMESPACE).unwrap();
    vfs.release(released).unwrap();
    vfs.handles_closed(released);
    assert_eq!(vfs.live_namespaces(), 1);
}

#[test]
fn live_namespaces_are_capped() {
    let mut vfs = Vfs::new(ramdisk());
    let mut made = Vec::new();
    loop {
        match vfs.copy(BOOT_NAMESPACE) {
            Ok(badge) => made.push(badge),
            Err(error) => {
                assert_eq!(error, NamespaceError::TooManyNamespaces);
                break;
            }
        }
    }
    assert_eq!(made.len(), MAX_NAMESPACES - 1);
    assert_eq!(vfs.live_namespaces(), MAX_NAMESPACES);
    vfs.release(made[0]).unwrap();
    assert!(vfs.narrow(BOOT_NAMESPACE, &[("/etc", false)]).is_ok());
}

#[test]
fn a_dead_server_gives_a_clean_error() {
    let mut vfs = Vfs::new(ramdisk());
    vfs.mount(BOOT_NAMESPACE, "/dead", dead(), "/", true).unwrap();
    assert_eq!(vfs.stat(BOOT_NAMESPACE, "/dead/x").map(drop), Err(FsError::Unavailable));
    assert_eq!(vfs.read(BOOT_NAMESPACE, "/dead/x", 0, &mut [0; 4]), Err(FsError::Unavailable));
    assert_eq!(vfs.write(BOOT_NAMESPACE, "/dead/x", 0, b"x"), Err(FsError::Unavailable));
    assert_eq!(vfs.list(BOOT_NAMESPACE, "/dead", 0).map(drop), Err(FsError::Unavailable));
    // A dead boot server: zero usage, not a panic.
    let mut orphan = Vfs::new(dead());
    assert_eq!(orphan.usage().max_bytes, 0);
    assert_eq!(orphan.stat(BOOT_NAMESPACE, "/").map(drop), Err(FsError::Unavailable));
}

#[test]
fn a_mount_whose_root_makes_paths_too_long_is_refused_by_name() {
    let mut vfs = Vfs::new(ramdisk());
    let deep = alloc::format!("/{}/{}/{}/{}", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60));
    vfs.mount(BOOT_NAMESPACE, "/x", ramdisk(), &deep, true).unwrap();
    let path = alloc::format!("/x/{}", "e".repeat(60));
    assert_eq!(vfs.stat(BOOT_NAMESPACE, &path).map(drop), Err(FsError::NameTooLong));
}

/// A client of the VFS through a handle with `badge`, as the program's
/// router makes it.
struct Badged {
    vfs: Vfs<Server>,
    badge: u64,
}

impl libipc::rpc::Dispatch for Badged {
    fn dispatch(&mut self, request: libipc::rpc::Request<'_>) -> libipc::rpc::Reply {
        let mut session = crate::Session { vfs: &mut self.vfs, badge: self.badge };
        ramdisk::api::file_system::dispatch(&mut session, request)
    }
}

#[test]
fn leases_bounce_through_the_vfs_to_the_server() {
    let mut vfs = Vfs::new(ramdisk());
    let user = user(&mut vfs);
    let mut client = Client::new(Loopback::new(Badged { vfs, badge: user }));
    let path = |text: &str| libipc::wire::BoundedString::<256>::try_from_str(text).unwrap();
    client.create(path("/home/user/big"), NodeKind::File).unwrap();
    let big: Vec<u8> = (0..65536u32).map(|index| (index % 251) as u8).collect();
    assert_eq!(client.write(path("/home/user/big"), 0, &big), Ok(65536));
    let mut back = alloc::vec![0u8; 65536];
    assert_eq!(client.read(path("/home/user/big"), 0, &mut back), Ok(65536));
    assert_eq!(back, big);
    let denied = client.read(path("/bin/ls"), 0, &mut back);
    assert_eq!(denied, Err(libipc::rpc::CallError::Interface(FsError::PermissionDenied)));
    assert_eq!(client.usage().unwrap().bytes, 65536 + 7);
}
