//! The smallest user program: it proves the loader, the runtime and syscalls.
//!
//! Built for `x86_64-unknown-none` and packed into the boot ramdisk as
//! `bin/hello`: it greets the kernel log with its arguments and the time.
#![no_std]
#![no_main]
#![forbid(unsafe_code)]

use libipc::println;

libipc::entry!(main);

fn main() {
    let mut arguments = libipc::env::args();
    let name = arguments.next().unwrap_or("hello");
    println!("Hello from {name} at {:?} since boot", libipc::time::now());
    for argument in arguments {
        println!("argument: {argument}");
    }
}
