//! `mv SOURCE... DEST`: renames, or moves into DEST when it is a directory.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("mv", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use coreutils::destination::{self, Action, Refusal};
    use coreutils::files::{Destination, kind_of};
    use ramdisk::api::{FsError, NodeKind};
    use userland::{Environment, describe};

    /// Moves every source, reporting each that fails, and exits 1 if any did.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let Some((typed_destination, sources)) = arguments.split_last().filter(|(_, sources)| !sources.is_empty())
        else {
            return Err(String::from("usage: mv SOURCE... DEST"));
        };
        let destination = Destination::find(environment, typed_destination, sources.len())?;
        let mut failed = false;
        for typed in sources {
            if let Err(why) = move_one(environment, typed, &destination) {
                environment.print(&format!("mv: {why}\n"));
                failed = true;
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    /// Moves `typed`; the error names the path it is about.
    fn move_one(environment: &mut Environment, typed: &str, destination: &Destination) -> Result<(), String> {
        let source = environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
        let kind = kind_of(environment, &source).map_err(|why| format!("{typed}: {why}"))?;
        let Some(kind) = kind else { return Err(format!("{typed}: no such file or directory")) };
        let is_directory = kind == NodeKind::Directory;
        let target = destination::target(&source, &destination.path, destination.is_directory, is_directory)
            .map_err(|refusal: Refusal| format!("{typed}: {}", refusal.describe(Action::Move)))?;
        let shown = destination::shown_target(&destination.typed, &source, destination.is_directory);
        match kind_of(environment, &target).map_err(|why| format!("{shown}: {why}"))? {
            None => {}
            Some(NodeKind::Directory) => return Err(format!("{shown}: is a directory")),
            Some(NodeKind::File) if is_directory => return Err(format!("{shown}: not a directory")),
            // The file system's rename never replaces: remove the old file
            // first. A rename that then fails has lost it, as a crash
            // between the two steps would.
            Some(NodeKind::File) => environment
                .fs
                .remove(Environment::fs_path(&target)?)
                .map_err(|error| format!("{shown}: {}", describe(&error)))?,
        }
        environment
            .fs
            .rename(Environment::fs_path(&source)?, Environment::fs_path(&target)?)
            .map_err(|error| match error {
                // The source was there a moment ago: the target's
                // directory is what is missing, or is a file.
                libipc::rpc::CallError::Interface(FsError::NotFound) => format!("{shown}: its directory does not exist"),
                libipc::rpc::CallError::Interface(FsError::NotADirectory) => format!("{shown}: {}", describe(&error)),
                error => format!("{typed}: {}", describe(&error)),
            })
    }
}
