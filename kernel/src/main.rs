//! The Barodia microkernel: capabilities, rendezvous IPC, and little else.
//!
//! Loaded by the `bootloader` crate's BIOS stages (see `targets/image`), it
//! sets up its own output (COM1 and VGA text mode), reads its command line from
//! QEMU's fw_cfg, validates the boot ramdisk, and then either runs the in-kernel
//! tests (`ktest`) or reports that boot is complete.
//!
//! Hardware access and every `unsafe` block live in [`arch`] and the few
//! boundary modules that name their invariants ([`boot`]).
#![no_std]
#![no_main]
#![feature(abi_x86_interrupt, allocator_api)]
#![expect(
    clippy::result_large_err,
    reason = "ktest::Failure carries its message inline so a test can fail even when the heap cannot"
)]

extern crate alloc;

mod arch;
mod boot;
mod cmdline;
mod console;
mod crash;
mod interrupts;
mod ipc;
mod ktest;
mod logger;
mod memory;
mod panic;
mod ramdisk;
mod syscall;
mod task;
mod time;

use bootloader_api::{BootInfo, entry_point};
use spin::Once;

use cmdline::CommandLine;

/// The first line on the screen and on serial.
pub const BANNER: &str = concat!("Barodia v", env!("CARGO_PKG_VERSION"), " - a capability microkernel for x86_64");

static COMMAND_LINE: Once<CommandLine> = Once::new();

entry_point!(kernel_main, config = &boot::BOOTLOADER_CONFIG);

fn kernel_main(boot_info: &'static mut BootInfo) -> ! {
    console::init_serial();
    logger::init();
    let command_line = COMMAND_LINE.call_once(CommandLine::from_firmware);
    apply_log_level(command_line);

    let facts = boot::BootFacts::from_boot_info(boot_info);
    memory::physical::init(facts.physical_memory_offset);
    console::init_screen(facts.physical_memory_offset);
    console::print_banner(BANNER);
    log::info!("command line: \"{}\"", command_line.as_str());
    for word in command_line.unknown_words() {
        log::warn!("ignoring unknown command-line word \"{word}\"");
    }
    log::info!("memory: {} KiB usable in {} regions", facts.usable_memory / 1024, facts.usable_regions);

    init_core(boot_info);

    match ramdisk::init(facts.ramdisk) {
        Ok(archive) => ramdisk::log_entries(archive),
        Err(error) => log::error!("ramdisk rejected: {error}"),
    }

    if command_line.has("panic-at-boot") {
        // Exercises the panic path end to end (tests/tests/boot.rs).
        panic!("deliberate panic requested by the command line (panic-at-boot)");
    }
    if let Some(kind) = command_line.value("crash") {
        crash::crash(kind);
    }
    if command_line.has("ktest") {
        ktest::run_and_exit(command_line.value("ktest").unwrap_or(""));
    }
    start_first_program(command_line.value("init").unwrap_or(DEFAULT_INIT));
    kprintln!("boot: ready");
    task::run()
}

/// The first program, unless the command line names another (`init=PATH`):
/// init, which starts the services of `services/init/manifest`.
const DEFAULT_INIT: &str = "bin/init";

/// Memory, CPU tables, time and the task system, in dependency order.
fn init_core(boot_info: &'static BootInfo) {
    memory::frames::init(&boot_info.memory_regions);
    let selectors = arch::gdt::init();
    arch::cpu::init();
    arch::syscall_entry::init(&selectors);
    memory::paging::kernel_level_4();
    time::init(interrupts::TICK_HZ);
    // The first heap allocation and the idle thread's kernel stack create the
    // kernel's level-4 entries for the heap and stack areas, before any
    // process copies the kernel's upper half.
    task::init(selectors);
    interrupts::init();
    log::info!(
        "memory: {} frames free, kernel heap {} bytes",
        memory::frames::free_count(),
        memory::heap::used_bytes()
    );
}

/// Starts the first process: `spec` is a ramdisk path, optionally followed by
/// colon-separated arguments (`bin/kernel-tests:faults`).
fn start_first_program(spec: &str) {
    let path = spec.split(':').next().unwrap_or(spec);
    let Some(file) = ramdisk::archive().and_then(|archive| archive.find(path)) else {
        log::error!("no program {path} in the ramdisk; nothing to run");
        return;
    };
    let mut arguments = alloc::vec::Vec::new();
    for argument in spec.split(':') {
        arguments.extend_from_slice(argument.as_bytes());
        arguments.push(0);
    }
    match task::spawn_process(path, file.data(), &arguments, None) {
        Ok(id) => {
            ipc::devices::give_platform(id);
            log::info!("started {path} as process {id}");
        }
        Err(error) => log::error!("cannot start {path}: {error}"),
    }
}

fn apply_log_level(command_line: &CommandLine) {
    let Some(name) = command_line.value("loglevel") else { return };
    match logger::parse_level(name) {
        Some(level) => logger::set_level(level),
        None => log::warn!("unknown loglevel \"{name}\"; keeping info"),
    }
}

/// True when the command line asked for kernel test mode.
pub fn in_test_mode() -> bool {
    COMMAND_LINE.get().is_some_and(|line| line.has("ktest"))
}

/// Stops the CPU for good (until the next interrupt, of which there are none).
pub fn halt_forever() -> ! {
    loop {
        x86_64::instructions::hlt();
    }
}
