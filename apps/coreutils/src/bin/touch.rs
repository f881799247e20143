//! `touch FILE...`: makes each file that does not exist, empty; leaves the
//! others as they are (files have no times to update yet).
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("touch", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use libipc::rpc::CallError;
    use ramdisk::api::{FsError, NodeKind};
    use userland::{Environment, describe};

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        if arguments.is_empty() {
            return Err(String::from("usage: touch FILE..."));
        }
        for typed in arguments {
            let path = environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
            match environment.fs.create(Environment::fs_path(&path)?, NodeKind::File) {
                Ok(()) | Err(CallError::Interface(FsError::AlreadyExists)) => {}
                Err(error) => return Err(format!("{typed}: {}", describe(&error))),
            }
        }
        Ok(())
    }
}
