//! `sleep SECONDS`: waits that many seconds (a whole number), then exits;
//! with `&`, a job to watch in `jobs` and end with `kill`.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("sleep", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;
    use core::time::Duration;

    use userland::Environment;

    /// Longest wait: a day.
    const MAX_SECONDS: u64 = 24 * 60 * 60;

    pub fn body(_environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let [typed] = arguments else { return Err(String::from("usage: sleep SECONDS")) };
        let seconds: u64 = typed.parse().map_err(|_| format!("{typed}: not a whole number of seconds"))?;
        if seconds > MAX_SECONDS {
            return Err(format!("{typed}: at most {MAX_SECONDS} seconds"));
        }
        libipc::time::sleep(Duration::from_secs(seconds));
        Ok(())
    }
}
