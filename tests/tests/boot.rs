//! Boots the image normally and checks what a person would see.
//!
//! The kernel prints, on COM1 and in this order, the banner, one line per
//! ramdisk entry and `boot: ready`; the banner is also the first line of the
//! VGA text screen. A corrupt ramdisk is reported, not a panic.

use std::time::Duration;

use barodia_tests::{Vm, VmConfig};

const BANNER: &str = "Barodia v0.1.0";
/// Generous for TCG on 2 busy cores: boot to `boot: ready` takes a few
/// seconds alone, but tests boot several VMs in parallel.
const STEP: Duration = Duration::from_secs(60);

/// With `init=bin/hello` no console server takes the screen over, so the
/// kernel's own output stays on it.
#[test]
fn boot_shows_banner_ramdisk_and_ready() {
    let mut vm = Vm::boot(VmConfig::default().cmdline("init=bin/hello")).unwrap();

    vm.wait_for_serial(BANNER, STEP).unwrap();
    let screen = vm.wait_for_screen(BANNER, STEP).unwrap();
    let first_line = &screen.lines()[0];
    assert!(
        first_line.contains(BANNER),
        "banner not on the first screen line:\n{screen}"
    );

    let entry = vm.wait_for_serial_line("ramdisk: bin/hello", STEP).unwrap();
    assert!(
        entry.contains("bytes"),
        "ramdisk line without a size: {entry:?}"
    );
    vm.wait_for_serial("boot: ready", STEP).unwrap();
}

/// `docs/design.md`: at least one test boots with `-cpu max`, whose extra
/// features (and vendor) must not change the boot: the whole default
/// system comes up, up to a login on the serial console and a shell.
#[test]
fn boot_reaches_a_login_with_cpu_max() {
    let mut vm = Vm::boot(VmConfig::default().cpu("max")).unwrap();
    vm.wait_for_serial(BANNER, STEP).unwrap();
    vm.wait_for_serial("boot: ready", STEP).unwrap();
    vm.wait_for_serial("console: ready", STEP).unwrap();
    vm.wait_for_screen("login:", STEP).unwrap();
    vm.log_in_on_serial("user", "user", "/home/user", STEP).unwrap();
}

/// A kernel panic reports its message and location on serial and on the
/// screen, and the machine stays stopped (no reboot loop).
#[test]
fn panic_is_reported_on_serial_and_screen() {
    let mut vm = Vm::boot(VmConfig::default().cmdline("panic-at-boot")).unwrap();
    let line = vm.wait_for_serial_line("KERNEL PANIC at ", STEP).unwrap();
    assert!(line.contains("kernel/src/main.rs:"), "panic line without a location: {line:?}");
    assert!(line.contains("deliberate panic"), "panic line without its message: {line:?}");
    vm.wait_for_screen("KERNEL PANIC at kernel/src/main.rs:", STEP).unwrap();
}

/// In test mode a kernel panic ends QEMU at once with the failure code, so a
/// broken kernel fails `just test` instead of waiting for a timeout.
#[test]
fn panic_in_test_mode_exits_with_failure() {
    let mut vm = Vm::boot(VmConfig::default().cmdline("ktest panic-at-boot")).unwrap();
    vm.wait_for_serial("KERNEL PANIC at ", STEP).unwrap();
    assert_eq!(vm.wait_exit(STEP).unwrap(), barodia_tests::VmExit::Failure);
}

/// A page fault in the kernel is reported in full on serial and screen.
#[test]
fn kernel_page_fault_is_reported() {
    let mut vm = Vm::boot(VmConfig::default().cmdline("crash=page-fault")).unwrap();
    let line = vm.wait_for_serial_line("KERNEL PANIC at ", STEP).unwrap();
    assert!(line.contains("page fault in the kernel"), "not a page-fault report: {line:?}");
    assert!(line.contains("0xfffff000dead0000"), "report without the address: {line:?}");
    vm.wait_for_serial("rsp ", STEP).unwrap();
    vm.wait_for_screen("page fault in the kernel", STEP).unwrap();
}

/// A kernel stack overflow runs into the guard page; the CPU can only report
/// that as a double fault, which runs on its own stack and is reported.
#[test]
fn kernel_stack_overflow_is_reported_as_double_fault() {
    let mut vm = Vm::boot(VmConfig::default().cmdline("crash=stack-overflow")).unwrap();
    let line = vm.wait_for_serial_line("KERNEL PANIC at ", STEP).unwrap();
    assert!(line.contains("double fault in the kernel"), "not a double-fault report: {line:?}");
    // The report wraps at 80 columns; match a part that stays on one row.
    vm.wait_for_screen("double fault in the", STEP).unwrap();
}

/// The ramdisk is compressed (`bootlz`) and the kernel expands it: one
/// truncated on its way to memory is refused with a log line that says so,
/// and the kernel runs on without programs instead of panicking.
#[test]
fn truncated_compressed_ramdisk_is_reported_not_panicked() {
    let image = std::fs::read(barodia_tests::config::default_image()).unwrap();
    // The magic, version 1 and a 32-byte header: the kernel holds the magic
    // alone, as a constant.
    let header = b"BDBOOTLZ\x01\x00\x20\x00";
    let magic = image.windows(header.len()).position(|window| window == header).expect("no compressed ramdisk in the image");
    // Declare one stream byte more than the ramdisk file holds: what a
    // short read would look like to the kernel.
    let stream_size = magic + 24;
    let declared = u64::from_le_bytes(image[stream_size..stream_size + 8].try_into().unwrap());
    let mut corrupt = image;
    corrupt[stream_size..stream_size + 8].copy_from_slice(&(declared + 1).to_le_bytes());
    let path = barodia_tests::config::default_log_dir().join("truncated-ramdisk.img");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, corrupt).unwrap();

    let mut vm = Vm::boot(VmConfig::default().name("truncated-ramdisk").image(&path)).unwrap();
    let line = vm.wait_for_serial_line("ramdisk rejected: ", STEP).unwrap();
    assert!(
        line.contains(&format!("compressed archive: stream of {} bytes declared, only {declared} present", declared + 1)),
        "not the truncation: {line:?}"
    );
    vm.wait_for_serial("no program bin/init in the ramdisk", STEP).unwrap();
    vm.wait_for_serial("boot: ready", STEP).unwrap();
    assert!(!vm.serial_text().contains("KERNEL PANIC"), "the kernel panicked:\n{}", vm.serial_text());
}
