//! `ls [PATH...]`: lists directories (the working directory without a
//! path); directories are shown with a trailing `/`, files with their size.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("ls", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    use ramdisk::api::NodeKind;
    use userland::{Environment, describe};

    /// Lists every path, reporting each that fails, and exits 1 if any did.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let mut paths: Vec<String> = arguments.iter().map(|path| String::from(*path)).collect();
        if paths.is_empty() {
            paths.push(environment.cwd.clone());
        }
        let mut failed = false;
        for path in &paths {
            if let Err(why) = list(environment, path, paths.len() > 1) {
                environment.print(&format!("ls: {path}: {why}\n"));
                failed = true;
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    fn list(environment: &mut Environment, typed: &str, heading: bool) -> Result<(), String> {
        let path = environment.resolve(typed).map_err(|error| format!("{error}"))?;
        let name = Environment::fs_path(&path)?;
        let metadata = environment.fs.stat(name).map_err(|error| String::from(describe(&error)))?;
        if metadata.kind == NodeKind::File {
            environment.print(&format!("{typed}  {} bytes\n", metadata.size));
            return Ok(());
        }
        let mut text = if heading { format!("{typed}:\n") } else { String::new() };
        let mut start = 0;
        loop {
            let page = environment.fs.list(name, start).map_err(|error| String::from(describe(&error)))?;
            for entry in page.entries.iter() {
                match entry.metadata.kind {
                    NodeKind::Directory => text.push_str(&format!("{}/\n", entry.name.as_str())),
                    NodeKind::File => text.push_str(&format!("{}  {} bytes\n", entry.name.as_str(), entry.metadata.size)),
                }
            }
            if !page.more {
                break;
            }
            start += 16;
        }
        environment.print(&text);
        Ok(())
    }
}
