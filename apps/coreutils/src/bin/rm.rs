//! `rm PATH...`: removes files and empty directories.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("rm", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use userland::{Environment, describe};

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        if arguments.is_empty() {
            return Err(String::from("usage: rm PATH..."));
        }
        for typed in arguments {
            let path = environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
            environment
                .fs
                .remove(Environment::fs_path(&path)?)
                .map_err(|error| format!("{typed}: {}", describe(&error)))?;
        }
        Ok(())
    }
}
