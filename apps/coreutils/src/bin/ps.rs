//! `ps`: the running processes: id, parent, threads, handles, program.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("ps", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use userland::Environment;

    pub fn body(environment: &mut Environment, _arguments: &[&str]) -> Result<(), String> {
        let processes = libipc::sys::process_list().map_err(|error| format!("{error}"))?;
        let mut text = String::from("  PID  PARENT  THREADS  HANDLES  PROGRAM\n");
        for process in &processes {
            text.push_str(&format!(
                "{:>5}  {:>6}  {:>7}  {:>7}  {}\n",
                process.id,
                process.parent,
                process.threads,
                process.handles,
                process.name()
            ));
        }
        environment.print(&text);
        Ok(())
    }
}
