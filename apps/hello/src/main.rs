//! The smallest user program: it proves the ramdisk, the loader and the runtime.
//!
//! Built for `x86_64-unknown-none` and packed into the boot ramdisk as
//! `bin/hello`. It grows a greeting once the kernel has a log syscall.
#![no_std]
#![no_main]
#![forbid(unsafe_code)]

libipc::entry!(main);

fn main() {}
