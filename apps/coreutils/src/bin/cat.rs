//! `cat FILE...`: writes the files' contents to the terminal.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("cat", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use userland::{Environment, describe};

    /// Bytes read per call (one lease).
    const CHUNK: usize = 4096;

    /// Shows every file, reporting each that fails, and exits 1 if any did.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let mut failed = false;
        for typed in arguments {
            if let Err(why) = show(environment, typed) {
                environment.print(&format!("cat: {typed}: {why}\n"));
                failed = true;
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    fn show(environment: &mut Environment, typed: &str) -> Result<(), String> {
        let path = environment.resolve(typed).map_err(|error| format!("{error}"))?;
        let name = Environment::fs_path(&path)?;
        let mut buffer = alloc::vec![0u8; CHUNK];
        let mut offset = 0u64;
        loop {
            let count = environment
                .fs
                .read(name, offset, &mut buffer)
                .map_err(|error| String::from(describe(&error)))?;
            if count == 0 {
                return Ok(());
            }
            let bytes = buffer.get(..count as usize).unwrap_or(&[]);
            environment.write(bytes);
            offset += u64::from(count);
        }
    }
}
