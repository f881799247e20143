//! The ramdisk's first contents: every file of the boot image's archive
//! (`bin/init` becomes `/bin/init`), and the directories a fresh system
//! needs.

use alloc::format;
use alloc::string::String;

use bootfs::Archive;
use ramfs::{FileSystem, FsError, NodeKind};

/// Directories that exist even when the archive has nothing in them.
pub const DIRECTORIES: [&str; 6] = ["/bin", "/etc", "/home", "/home/guest", "/root", "/tmp"];

/// Copies each file of `archive` into `fs` under `/`, after creating
/// [`DIRECTORIES`]. Stops at the first file that does not fit and names it.
pub fn populate(fs: &mut FileSystem, archive: &Archive<'_>) -> Result<usize, (String, FsError)> {
    for directory in DIRECTORIES {
        fs.create_directories(directory).map_err(|error| (String::from(directory), error))?;
    }
    let mut copied = 0;
    for entry in archive.entries() {
        let path = format!("/{}", entry.name());
        let fail = |error| (path.clone(), error);
        if let Some((parent, _)) = path.rsplit_once('/')
            && !parent.is_empty()
        {
            fs.create_directories(parent).map_err(fail)?;
        }
        fs.create(&path, NodeKind::File).map_err(fail)?;
        fs.write(&path, 0, entry.data()).map_err(fail)?;
        copied += 1;
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use bootfs::ArchiveBuilder;
    use ramfs::Limits;

    use super::*;

    #[test]
    fn copies_the_archive_under_the_root() {
        let mut builder = ArchiveBuilder::new();
        builder.add_file("bin/hello", b"\x7fELF").unwrap();
        builder.add_file("etc/motd", b"welcome").unwrap();
        builder.add_file("home/user/readme", b"hi").unwrap();
        let bytes = builder.build();
        let archive = Archive::parse(&bytes).unwrap();
        let mut fs = FileSystem::new(Limits::default());
        assert_eq!(populate(&mut fs, &archive), Ok(3));
        assert_eq!(fs.stat("/etc/motd").unwrap().size, 7);
        assert_eq!(fs.stat("/home/user/readme").unwrap().size, 2);
        assert_eq!(fs.stat("/tmp").unwrap().kind, NodeKind::Directory);
    }

    #[test]
    fn a_file_that_does_not_fit_is_named() {
        let mut builder = ArchiveBuilder::new();
        builder.add_file("bin/big", &[0u8; 100]).unwrap();
        let bytes = builder.build();
        let archive = Archive::parse(&bytes).unwrap();
        let mut fs = FileSystem::new(Limits { max_bytes: 10, max_nodes: 100, max_file_size: 10 });
        assert_eq!(populate(&mut fs, &archive), Err((String::from("/bin/big"), FsError::FileTooLarge)));
    }
}
