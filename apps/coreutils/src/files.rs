//! File-system questions the utilities share: what is at a path (`mv`,
//! `cp`), and a whole file's bytes (`wc`, `head`, `grep`).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use ramdisk::api::{FsError, NodeKind};
use userland::{Environment, describe};

/// What is at the normalized path `path`: `None` if nothing is.
pub fn kind_of(environment: &mut Environment, path: &str) -> Result<Option<NodeKind>, String> {
    match environment.fs.stat(Environment::fs_path(path)?) {
        Ok(metadata) => Ok(Some(metadata.kind)),
        Err(libipc::rpc::CallError::Interface(FsError::NotFound)) => Ok(None),
        Err(error) => Err(String::from(describe(&error))),
    }
}

/// The last argument of `mv` or `cp`: where the sources go.
pub struct Destination {
    /// As typed, for messages.
    pub typed: String,
    /// Normalized.
    pub path: String,
    /// Whether the sources go inside it (it is a directory).
    pub is_directory: bool,
}

impl Destination {
    /// Looks at `typed`, which must be an existing directory when there
    /// are several sources or it ends with `/`.
    pub fn find(environment: &mut Environment, typed: &str, sources: usize) -> Result<Destination, String> {
        let path = environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
        let kind = kind_of(environment, &path).map_err(|why| format!("{typed}: {why}"))?;
        let is_directory = kind == Some(NodeKind::Directory);
        if !is_directory && (sources > 1 || typed.ends_with('/')) {
            return Err(match kind {
                Some(_) => format!("{typed}: not a directory"),
                None => format!("{typed}: no such directory"),
            });
        }
        Ok(Destination { typed: String::from(typed), path, is_directory })
    }
}

/// The largest file `wc`, `head` and `grep` read whole.
const MAX_TEXT_FILE: u64 = 4 << 20;

/// The bytes of the file `typed` names, or why not.
pub fn read_whole(environment: &mut Environment, typed: &str) -> Result<Vec<u8>, String> {
    let path = environment.resolve(typed).map_err(|error| format!("{error}"))?;
    let name = Environment::fs_path(&path)?;
    if kind_of(environment, &path)? == Some(NodeKind::Directory) {
        return Err(String::from("is a directory"));
    }
    userland::files::read_file(&mut environment.fs, name, MAX_TEXT_FILE).map_err(|error| String::from(describe(&error)))
}
