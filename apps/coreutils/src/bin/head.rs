//! `head [-n COUNT] FILE...`: the first lines of each file (10 unless
//! `-n` says otherwise), under a `==> FILE <==` heading when there are
//! several.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("head", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use coreutils::files::read_whole;
    use coreutils::text::head;
    use userland::Environment;

    const USAGE: &str = "usage: head [-n COUNT] FILE...";

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let (count, files) = match arguments {
            ["-n", count, files @ ..] => {
                (count.parse::<usize>().map_err(|_| format!("{count}: not a line count\n{USAGE}"))?, files)
            }
            files => (10, files),
        };
        if files.is_empty() {
            return Err(String::from(USAGE));
        }
        let mut failed = false;
        for (index, typed) in files.iter().enumerate() {
            if files.len() > 1 {
                let gap = if index == 0 { "" } else { "\n" };
                environment.print(&format!("{gap}==> {typed} <==\n"));
            }
            match read_whole(environment, typed) {
                Ok(bytes) => environment.write(head(&bytes, count)),
                Err(why) => {
                    environment.print(&format!("head: {typed}: {why}\n"));
                    failed = true;
                }
            }
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }
}
