//! The `fs-client` role: started by init next to the ramdisk
//! (`services/init/manifest-fs`), it reads the image's files, makes, changes
//! and removes its own, fills a 64 KiB lease both ways, and then sends
//! malformed requests, each of which must be refused by name while the
//! ramdisk serves on.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use init::api::bootstrap::Client as Bootstrap;
use libipc::rpc::{CallError, Channel, KernelChannel, ProtocolError, Request, SliceLease};
use libipc::wire::BoundedString;
use ramdisk::api::file_system::{Client, ordinals};
use ramdisk::api::{FsError, NodeKind};

use crate::checks::{check, expect_protocol};

type Outcome = Result<String, String>;
type Fs = Client<KernelChannel>;

fn path(text: &str) -> Result<BoundedString<256>, String> {
    BoundedString::try_from_str(text).map_err(|error| format!("{error:?}"))
}

fn names(fs: &mut Fs, directory: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut start = 0;
    loop {
        let page = fs.list(path(directory)?, start).map_err(|error| format!("list {directory}: {error:?}"))?;
        names.extend(page.entries.iter().map(|entry| String::from(entry.name.as_str())));
        if !page.more {
            return Ok(names);
        }
        start += 16;
    }
}

/// The image's files are there.
fn the_image(fs: &mut Fs) -> Result<(), String> {
    let root = names(fs, "/")?;
    check("/ lists bin, etc and home", ["bin", "etc", "home"].iter().all(|name| root.iter().any(|entry| entry == name)))?;
    let init = fs.stat(path("/bin/init")?).map_err(|error| format!("stat: {error:?}"))?;
    check("/bin/init is a file with content", init.kind == NodeKind::File && init.size > 1000)?;
    let mut elf = [0u8; 4];
    fs.read(path("/bin/init")?, 0, &mut elf).map_err(|error| format!("read: {error:?}"))?;
    check("/bin/init is an ELF file", &elf == b"\x7fELF")?;
    let mut motd = [0u8; 128];
    let count = fs.read(path("/etc/motd")?, 0, &mut motd).map_err(|error| format!("read motd: {error:?}"))?;
    check("/etc/motd reads back", motd.get(..count as usize).is_some_and(|text| text.starts_with(b"Welcome to Barodia")))?;
    Ok(())
}

/// Files and directories of its own, and the errors on the way.
fn its_own_files(fs: &mut Fs) -> Result<(), String> {
    fs.create(path("/tmp/work")?, NodeKind::Directory).map_err(|error| format!("mkdir: {error:?}"))?;
    fs.create(path("/tmp/work/a")?, NodeKind::File).map_err(|error| format!("create: {error:?}"))?;
    let big: Vec<u8> = (0..65536u32).map(|index| (index % 251) as u8).collect();
    let written = fs.write(path("/tmp/work/a")?, 0, &big).map_err(|error| format!("write: {error:?}"))?;
    check("64 KiB written through a lease", written == 65536)?;
    let mut back = alloc::vec![0u8; 65536];
    let read = fs.read(path("/tmp/work/a")?, 0, &mut back).map_err(|error| format!("read: {error:?}"))?;
    check("64 KiB read back the same", read == 65536 && back == big)?;
    fs.truncate(path("/tmp/work/a")?, 10).map_err(|error| format!("truncate: {error:?}"))?;
    fs.rename(path("/tmp/work/a")?, path("/tmp/work/b")?).map_err(|error| format!("rename: {error:?}"))?;
    let stat = fs.stat(path("/tmp/work/b")?).map_err(|error| format!("stat: {error:?}"))?;
    check("truncated and renamed", stat.size == 10)?;
    let refused = |result, expected| matches!(result, Err(CallError::Interface(error)) if error == expected);
    check("a second create", refused(fs.create(path("/tmp/work/b")?, NodeKind::File), FsError::AlreadyExists))?;
    check("a missing parent", refused(fs.create(path("/nowhere/x")?, NodeKind::File), FsError::NotFound))?;
    check("a non-empty directory", refused(fs.remove(path("/tmp/work")?), FsError::NotEmpty))?;
    check("reading a directory", refused(fs.read(path("/tmp")?, 0, &mut [0; 4]).map(drop), FsError::IsADirectory))?;
    check("climbing with ..", refused(fs.stat(path("/tmp/../etc")?).map(drop), FsError::InvalidPath))?;
    check("a directory into itself", refused(fs.rename(path("/tmp")?, path("/tmp/work/inside")?), FsError::InvalidMove))?;
    fs.remove(path("/tmp/work/b")?).map_err(|error| format!("remove: {error:?}"))?;
    fs.remove(path("/tmp/work")?).map_err(|error| format!("rmdir: {error:?}"))?;
    check("all gone", names(fs, "/tmp")?.is_empty())?;
    Ok(())
}

/// Malformed requests: each refused by name, the ramdisk still serving.
fn as_a_hostile_client(channel: &mut KernelChannel, fs: &mut Fs) -> Result<usize, String> {
    // The dispatcher checks a request's lease before its payload, so the
    // lease cases need no payload.
    let mut over_bound = Vec::from(300u32.to_le_bytes());
    over_bound.extend_from_slice(&[b'a'; 300]);
    let mut bad_utf8 = Vec::from(2u32.to_le_bytes());
    bad_utf8.extend_from_slice(&[0xFF, 0xFE]);
    let cases: [(&str, u32, Vec<u8>, ProtocolError); 5] = [
        ("an unknown operation", 77, Vec::new(), ProtocolError::UnknownOperation),
        ("a path over its bound", ordinals::STAT, over_bound, ProtocolError::StringTooLong),
        ("a path that is not UTF-8", ordinals::STAT, bad_utf8, ProtocolError::InvalidUtf8),
        ("a read without a lease", ordinals::READ, Vec::new(), ProtocolError::BadLease),
        ("trailing bytes", ordinals::USAGE, alloc::vec![0], ProtocolError::BadLength),
    ];
    let mut tried = 0;
    for (what, operation, payload, expected) in &cases {
        expect_protocol(what, channel.call(Request::new(*operation, payload)), *expected)?;
        check(&format!("ramdisk still serving after {what}"), fs.usage().is_ok())?;
        tried += 1;
    }
    // A lease in the wrong direction: a readable one where the ramdisk writes.
    let data = [0u8; 8];
    let mut lease = SliceLease::Readable(&data);
    let mut request = Request::new(ordinals::READ, &[]);
    request.lease = Some(&mut lease);
    expect_protocol("a read lease where a write lease belongs", channel.call(request), ProtocolError::BadLease)?;
    check("ramdisk still serving at the end", fs.usage().is_ok())?;
    Ok(tried + 1)
}

/// The role: reports on the kernel log, then stays (so init does not
/// restart it and repeat the output).
pub fn run() -> Outcome {
    let endpoint = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap = Bootstrap::connect(KernelChannel::new(endpoint)).map_err(|error| format!("connect: {error:?}"))?;
    let mut endpoint = || {
        let name = BoundedString::try_from_str("fs").map_err(|error| format!("{error:?}"))?;
        let handle = bootstrap.endpoint(name).map_err(|error| format!("fs endpoint: {error:?}"))?;
        Ok::<_, String>(KernelChannel::new(handle.into_ipc()))
    };
    let mut fs = Client::connect(endpoint()?).map_err(|error| format!("connect: {error:?}"))?;
    let mut channel = endpoint()?;
    let outcome = the_image(&mut fs).and_then(|()| its_own_files(&mut fs)).and_then(|()| as_a_hostile_client(&mut channel, &mut fs));
    match outcome {
        Ok(classes) => libipc::println!("fs-client: ok: {classes} kinds of malformed request refused by name"),
        Err(why) => libipc::println!("fs-client: FAILED: {why}"),
    }
    let idle = libipc::ipc::create_endpoint().map_err(|error| format!("create: {error}"))?;
    let _ = libipc::ipc::receive(&idle);
    Ok(String::new())
}
