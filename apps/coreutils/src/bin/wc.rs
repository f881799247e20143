//! `wc FILE...`: lines, words and bytes of each file, and their total when
//! there are several.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("wc", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use coreutils::files::read_whole;
    use coreutils::text::Counts;
    use userland::Environment;

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        if arguments.is_empty() {
            return Err(String::from("usage: wc FILE..."));
        }
        let mut total = Counts::default();
        let mut failed = false;
        for typed in arguments {
            match read_whole(environment, typed) {
                Ok(bytes) => {
                    let counts = Counts::of(&bytes);
                    environment.print(&line(counts, typed));
                    total = total.plus(counts);
                }
                Err(why) => {
                    environment.print(&format!("wc: {typed}: {why}\n"));
                    failed = true;
                }
            }
        }
        if arguments.len() > 1 {
            environment.print(&line(total, "total"));
        }
        if failed {
            libipc::sys::exit(1);
        }
        Ok(())
    }

    fn line(counts: Counts, name: &str) -> String {
        format!("{:>7} {:>7} {:>7} {name}\n", counts.lines, counts.words, counts.bytes)
    }
}
