//! `cp [-r] SOURCE... DEST`: copies files, to DEST or into DEST when it is
//! a directory; with `-r`, directories too, with all they hold.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("cp", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    use coreutils::destination::{self, Action, Refusal};
    use coreutils::files::{Destination, kind_of};
    use ramdisk::api::NodeKind;
    use userland::files::PIECE;
    use userland::{Environment, describe};

    /// Entries per `list` page (idl/fs.idl).
    const LIST_PAGE: u32 = 16;

    const USAGE: &str = "usage: cp [-r] SOURCE... DEST";

    /// Copies every source, reporting each that fails, and exits 1 if any did.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let (recursive, arguments) = match arguments.split_first() {
            Some((&("-r" | "-R"), rest)) => (true, rest),
            Some((option, _)) if option.starts_with('-') && option.len() > 1 => {
                return Err(format!("{option}: unknown option ({USAGE})"));
            }
            _ => (false, arguments),
        };
        let Some((typed_destination, sources)) = arguments.split_last().filter(|(_, sources)| !sources.is_empty())
        else {
            return Err(String::from(USAGE));
        };
        let destination = Destination::find(environment, typed_destination, sources.len())?;
        let mut copier = Copier { environment, buffer: alloc::vec![0u8; PIECE], recursive };
        let mut failed = false;
        for typed in sources {
            if let Err(why) = copier.copy_source(typed, &destination) {
                copier.environment.print(&format!("cp: {why}\n"));
                failed = true;
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    /// Copies with one buffer; errors name the path they are about.
    struct Copier<'a> {
        environment: &'a mut Environment,
        buffer: Vec<u8>,
        recursive: bool,
    }

    impl Copier<'_> {
        /// Copies the source the user typed to where `destination` says.
        fn copy_source(&mut self, typed: &str, destination: &Destination) -> Result<(), String> {
            let source = self.environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
            let is_directory = match kind_of(self.environment, &source).map_err(|why| format!("{typed}: {why}"))? {
                None => return Err(format!("{typed}: no such file or directory")),
                Some(NodeKind::Directory) if !self.recursive => {
                    return Err(format!("{typed}: is a directory (cp -r copies directories)"));
                }
                Some(kind) => kind == NodeKind::Directory,
            };
            let target = destination::target(&source, &destination.path, destination.is_directory, is_directory)
                .map_err(|refusal: Refusal| format!("{typed}: {}", refusal.describe(Action::Copy)))?;
            let shown = destination::shown_target(&destination.typed, &source, destination.is_directory);
            if is_directory {
                self.copy_directory(&source, &target, &shown)
            } else {
                self.copy_file(&source, typed, &target, &shown)
            }
        }

        /// Copies the file at `source` (shown as `typed`) to `target`
        /// (shown as `shown`), replacing a file there.
        fn copy_file(&mut self, source: &str, typed: &str, target: &str, shown: &str) -> Result<(), String> {
            let target_name = Environment::fs_path(target)?;
            let failed = |error| format!("{shown}: {}", describe(&error));
            match kind_of(self.environment, target).map_err(|why| format!("{shown}: {why}"))? {
                None => self.environment.fs.create(target_name, NodeKind::File).map_err(failed)?,
                Some(NodeKind::Directory) => return Err(format!("{shown}: is a directory")),
                Some(NodeKind::File) => self.environment.fs.truncate(target_name, 0).map_err(failed)?,
            }
            let source_name = Environment::fs_path(source)?;
            let mut offset = 0u64;
            loop {
                let count = self
                    .environment
                    .fs
                    .read(source_name, offset, &mut self.buffer)
                    .map_err(|error| format!("{typed}: {}", describe(&error)))?;
                if count == 0 {
                    return Ok(());
                }
                let piece = self.buffer.get(..count as usize).unwrap_or(&[]);
                self.environment.fs.write(target_name, offset, piece).map_err(failed)?;
                offset += u64::from(count);
            }
        }

        /// Copies the directory at `source` and everything in it to
        /// `target`, merging with a directory already there.
        fn copy_directory(&mut self, source: &str, target: &str, shown: &str) -> Result<(), String> {
            match kind_of(self.environment, target).map_err(|why| format!("{shown}: {why}"))? {
                None => self
                    .environment
                    .fs
                    .create(Environment::fs_path(target)?, NodeKind::Directory)
                    .map_err(|error| format!("{shown}: {}", describe(&error)))?,
                Some(NodeKind::File) => return Err(format!("{shown}: not a directory")),
                Some(NodeKind::Directory) => {}
            }
            for (name, kind) in self.entries(source)? {
                let from = format!("{source}/{name}");
                let to = format!("{target}/{name}");
                let shown = format!("{}/{name}", shown.trim_end_matches('/'));
                match kind {
                    NodeKind::Directory => self.copy_directory(&from, &to, &shown)?,
                    NodeKind::File => self.copy_file(&from, &from, &to, &shown)?,
                }
            }
            Ok(())
        }

        /// The names and kinds in the directory at `path`, read whole before
        /// copying so the copy's own entries are never read back.
        fn entries(&mut self, path: &str) -> Result<Vec<(String, NodeKind)>, String> {
            let name = Environment::fs_path(path)?;
            let mut entries = Vec::new();
            let mut start = 0;
            loop {
                let page = self.environment.fs.list(name, start).map_err(|error| format!("{path}: {}", describe(&error)))?;
                entries.extend(page.entries.iter().map(|entry| (String::from(entry.name.as_str()), entry.metadata.kind)));
                if !page.more {
                    return Ok(entries);
                }
                start += LIST_PAGE;
            }
        }
    }
}
