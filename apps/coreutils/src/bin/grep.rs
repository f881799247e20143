//! `grep PATTERN FILE...`: the lines that contain PATTERN (plain text, not
//! a regular expression), after `FILE:` when there are several files.
//! Exits 1 if no line matched, 2 if a file could not be read.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("grep", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use coreutils::files::read_whole;
    use coreutils::text::matching;
    use userland::Environment;

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let [pattern, files @ ..] = arguments else { return Err(String::from("usage: grep PATTERN FILE...")) };
        if files.is_empty() {
            return Err(String::from("usage: grep PATTERN FILE..."));
        }
        let (mut found, mut failed) = (false, false);
        for typed in files {
            let bytes = match read_whole(environment, typed) {
                Ok(bytes) => bytes,
                Err(why) => {
                    environment.print(&format!("grep: {typed}: {why}\n"));
                    failed = true;
                    continue;
                }
            };
            for line in matching(&bytes, pattern.as_bytes()) {
                found = true;
                if files.len() > 1 {
                    environment.print(&format!("{typed}:"));
                }
                environment.write(line);
                if !line.ends_with(b"\n") {
                    environment.print("\n");
                }
            }
        }
        match (failed, found) {
            (true, _) => libipc::sys::exit(2),
            (false, false) => libipc::sys::exit(1),
            (false, true) => Ok(()),
        }
    }
}
