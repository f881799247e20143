//! `echo WORD...`: writes its arguments, separated by spaces, and a newline.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("echo", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::string::String;

    use userland::Environment;

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let mut line: String = arguments.join(" ");
        line.push('\n');
        environment.print(&line);
        Ok(())
    }
}
