//! Hardware access: the only kernel module (with the page tables later) where
//! `unsafe` port and memory access lives.
//!
//! # Safety
//! Everything here assumes ring 0 with I/O privilege, a single CPU, and the
//! bootloader's mapping of all physical memory at `physical_memory_offset`.

pub mod context;
pub mod cpu;
pub mod fw_cfg;
pub mod gdt;
pub mod pic;
pub mod pit;
pub mod port;
pub mod qemu_exit;
pub mod serial;
pub mod syscall_entry;
