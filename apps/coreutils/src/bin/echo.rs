//! `echo WORD...`: writes its arguments, separated by spaces, and a newline.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::string::String;

    libipc::entry!(main);

    fn main() {
        let mut environment = match userland::Environment::connect() {
            Ok(environment) => environment,
            Err(why) => {
                libipc::println!("echo: {why}");
                libipc::sys::exit(1);
            }
        };
        let words: alloc::vec::Vec<&str> = libipc::env::args().skip(1).collect();
        let mut line: String = words.join(" ");
        line.push('\n');
        environment.print(&line);
    }
}

/// Runs only inside Barodia.
#[cfg(not(target_os = "none"))]
fn main() {}
