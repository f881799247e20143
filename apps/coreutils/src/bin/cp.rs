//! `cp SOURCE... DEST`: copies files, to DEST or into DEST when it is a
//! directory. Directories are not copied (there is no `-r` yet).
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("cp", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use coreutils::destination::{self, Refusal};
    use coreutils::files::{Destination, kind_of};
    use ramdisk::api::NodeKind;
    use userland::{Environment, describe};

    /// Bytes per read and write: the most one lease carries (idl/fs.idl).
    const PIECE: usize = 64 * 1024;

    /// Copies every source, reporting each that fails, and exits 1 if any did.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let Some((typed_destination, sources)) = arguments.split_last().filter(|(_, sources)| !sources.is_empty())
        else {
            return Err(String::from("usage: cp SOURCE... DEST"));
        };
        let destination = Destination::find(environment, typed_destination, sources.len())?;
        let mut buffer = alloc::vec![0u8; PIECE];
        let mut failed = false;
        for typed in sources {
            if let Err(why) = copy_one(environment, typed, &destination, &mut buffer) {
                environment.print(&format!("cp: {why}\n"));
                failed = true;
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    /// Copies `typed`; the error names the path it is about.
    fn copy_one(
        environment: &mut Environment,
        typed: &str,
        destination: &Destination,
        buffer: &mut [u8],
    ) -> Result<(), String> {
        let source = environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
        match kind_of(environment, &source).map_err(|why| format!("{typed}: {why}"))? {
            None => return Err(format!("{typed}: no such file or directory")),
            Some(NodeKind::Directory) => return Err(format!("{typed}: is a directory (cp copies files only)")),
            Some(NodeKind::File) => {}
        }
        let target = destination::target(&source, &destination.path, destination.is_directory, false)
            .map_err(|refusal: Refusal| format!("{typed}: {}", refusal.describe()))?;
        let shown = destination::shown_target(&destination.typed, &source, destination.is_directory);
        let target_name = Environment::fs_path(&target)?;
        let failed = |error| format!("{shown}: {}", describe(&error));
        match kind_of(environment, &target).map_err(|why| format!("{shown}: {why}"))? {
            None => environment.fs.create(target_name, NodeKind::File).map_err(failed)?,
            Some(NodeKind::Directory) => return Err(format!("{shown}: is a directory")),
            Some(NodeKind::File) => environment.fs.truncate(target_name, 0).map_err(failed)?,
        }
        let source_name = Environment::fs_path(&source)?;
        let mut offset = 0u64;
        loop {
            let count = environment.fs.read(source_name, offset, buffer).map_err(|error| format!("{typed}: {}", describe(&error)))?;
            if count == 0 {
                return Ok(());
            }
            let piece = buffer.get(..count as usize).unwrap_or(&[]);
            environment.fs.write(target_name, offset, piece).map_err(failed)?;
            offset += u64::from(count);
        }
    }
}
