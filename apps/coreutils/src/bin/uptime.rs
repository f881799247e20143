//! `uptime`: how long the system has run, and how many processes and threads it has.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("uptime", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use userland::Environment;

    pub fn body(environment: &mut Environment, _arguments: &[&str]) -> Result<(), String> {
        let info = libipc::sys::system_info().map_err(|error| format!("{error}"))?;
        let seconds = info.uptime_nanoseconds / 1_000_000_000;
        environment.print(&format!(
            "up {}:{:02}:{:02}, {} processes, {} threads\n",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60,
            info.processes,
            info.threads
        ));
        Ok(())
    }
}
