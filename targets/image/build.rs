//! Builds the disk image at compile time.
//!
//! Cargo builds the kernel and the user programs for `x86_64-unknown-none`
//! (artifact dependencies) and hands their paths to this script. The script
//! strips debug info from copies (every byte the BIOS stages load is boot
//! time), packs the programs into `bootfs` ramdisks, compresses them with
//! `bootlz` (the kernel expands them at boot), asks the `bootloader`
//! crate for BIOS disk images, rewrites their FAT partitions with large
//! clusters (`build/clusters.rs`) and drops the zero padding after the
//! bootloader's stage 2 (`build/stage2.rs`). The paths are exported to the library as
//! environment variables.
//!
//! Two images: the default one (`just qemu`), with the system's programs
//! only, and the test image, which adds the programs only tests and
//! `just bench` run ([`TEST_PROGRAMS`]). The QEMU harness boots the test image
//! whenever a test passes a kernel command line (tests/src/config.rs).

#[path = "build/clusters.rs"]
mod clusters;
#[path = "build/stage2.rs"]
mod stage2;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every user program of the system, in both ramdisks: the artifact's
/// environment variable and its path inside the archive.
const PROGRAMS: &[(&str, &str)] = &[
    ("CARGO_BIN_FILE_INIT_init", "bin/init"),
    ("CARGO_BIN_FILE_KEYBOARD_keyboard", "bin/keyboard"),
    ("CARGO_BIN_FILE_CONSOLE_console", "bin/console"),
    ("CARGO_BIN_FILE_RAMDISK_ramdisk", "bin/ramdisk"),
    ("CARGO_BIN_FILE_VFS_vfs", "bin/vfs"),
    ("CARGO_BIN_FILE_SHELL_shell", "bin/shell"),
    ("CARGO_BIN_FILE_COREUTILS_echo", "bin/echo"),
    ("CARGO_BIN_FILE_COREUTILS_ls", "bin/ls"),
    ("CARGO_BIN_FILE_COREUTILS_cat", "bin/cat"),
    ("CARGO_BIN_FILE_COREUTILS_mkdir", "bin/mkdir"),
    ("CARGO_BIN_FILE_COREUTILS_rm", "bin/rm"),
    ("CARGO_BIN_FILE_COREUTILS_mv", "bin/mv"),
    ("CARGO_BIN_FILE_COREUTILS_cp", "bin/cp"),
    ("CARGO_BIN_FILE_COREUTILS_sleep", "bin/sleep"),
    ("CARGO_BIN_FILE_COREUTILS_ps", "bin/ps"),
    ("CARGO_BIN_FILE_COREUTILS_free", "bin/free"),
    ("CARGO_BIN_FILE_COREUTILS_uptime", "bin/uptime"),
    ("CARGO_BIN_FILE_COREUTILS_passwd", "bin/passwd"),
    ("CARGO_BIN_FILE_COREUTILS_whoami", "bin/whoami"),
    ("CARGO_BIN_FILE_COREUTILS_mounts", "bin/mounts"),
    ("CARGO_BIN_FILE_COREUTILS_touch", "bin/touch"),
    ("CARGO_BIN_FILE_COREUTILS_wc", "bin/wc"),
    ("CARGO_BIN_FILE_COREUTILS_head", "bin/head"),
    ("CARGO_BIN_FILE_COREUTILS_grep", "bin/grep"),
    ("CARGO_BIN_FILE_LOGIN_login", "bin/login"),
    ("CARGO_BIN_FILE_EDITOR_edit", "bin/edit"),
];

/// Programs only the tests and `just bench` run, in the test image's ramdisk
/// only: `hello` (boot tests; the kernel's ramdisk self-test looks for it),
/// `kernel-tests` (every scenario and the init manifests' test clients),
/// `bench`, and `echo-service` (spawned by `bench` and a kernel-tests
/// scenario).
const TEST_PROGRAMS: &[(&str, &str)] = &[
    ("CARGO_BIN_FILE_HELLO_hello", "bin/hello"),
    ("CARGO_BIN_FILE_KERNEL_TESTS_kernel-tests", "bin/kernel-tests"),
    ("CARGO_BIN_FILE_BENCH_bench", "bin/bench"),
    ("CARGO_BIN_FILE_ECHO_SERVICE_echo-service", "bin/echo-service"),
];

/// Plain files for the ramdisk live under this folder, at their archive path.
const FILES_DIR: &str = "ramdisk";

fn main() {
    let out_dir = PathBuf::from(env_var("OUT_DIR"));
    let kernel_elf = PathBuf::from(env_var("CARGO_BIN_FILE_KERNEL_kernel"));
    let objcopy = find_llvm_objcopy();

    let kernel_stripped = out_dir.join("kernel.stripped");
    strip(&objcopy, &kernel_elf, &kernel_stripped);

    let system = write_ramdisk(&objcopy, &out_dir, "ramdisk.bootfs", &[PROGRAMS]);
    let test = write_ramdisk(&objcopy, &out_dir, "ramdisk-test.bootfs", &[PROGRAMS, TEST_PROGRAMS]);
    let image = write_image(&kernel_stripped, &compress(&system), &out_dir.join("barodia-bios.img"));
    let test_image = write_image(&kernel_stripped, &compress(&test), &out_dir.join("barodia-test-bios.img"));

    println!("cargo:rustc-env=BARODIA_BIOS_IMAGE={}", image.display());
    println!("cargo:rustc-env=BARODIA_TEST_BIOS_IMAGE={}", test_image.display());
    println!("cargo:rustc-env=BARODIA_KERNEL_ELF={}", kernel_elf.display());
    println!("cargo:rustc-env=BARODIA_RAMDISK={}", system.display());
    println!("cargo:rustc-env=BARODIA_TEST_RAMDISK={}", test.display());
}

/// A BIOS disk image at `image` that boots `kernel` with `ramdisk`.
fn write_image(kernel: &Path, ramdisk: &Path, image: &Path) -> PathBuf {
    bootloader::BiosBoot::new(kernel)
        .set_ramdisk(ramdisk)
        .set_boot_config(&boot_config())
        .create_disk_image(image)
        .unwrap_or_else(|error| panic!("creating the BIOS disk image failed: {error:#}"));
    clusters::widen(image);
    stage2::trim(image);
    image.to_path_buf()
}

/// The bootloader's own settings. Its stages log only warnings, and only to
/// serial: drawing log text on the VESA framebuffer is slow under emulation,
/// and the serial console should start with the kernel's banner.
fn boot_config() -> bootloader::BootConfig {
    let mut config = bootloader::BootConfig::default();
    config.frame_buffer_logging = false;
    config.serial_logging = true;
    config.log_level = bootloader_boot_config::LevelFilter::Warn;
    config
}

/// Packs `programs` (stripped) and the plain files into `out_dir/name`.
fn write_ramdisk(objcopy: &Path, out_dir: &Path, name: &str, programs: &[&[(&str, &str)]]) -> PathBuf {
    let mut builder = bootfs::ArchiveBuilder::new();
    for (variable, path) in programs.iter().flat_map(|list| list.iter()) {
        let elf = PathBuf::from(env_var(variable));
        let stripped = out_dir.join(path.replace('/', "_"));
        strip(objcopy, &elf, &stripped);
        builder
            .add_file(path, &read(&stripped))
            .unwrap_or_else(|error| panic!("cannot add {path} to the ramdisk: {error}"));
    }
    add_plain_files(&mut builder, &Path::new(&env_var("CARGO_MANIFEST_DIR")).join(FILES_DIR), "");
    let ramdisk = out_dir.join(name);
    fs::write(&ramdisk, builder.build()).unwrap_or_else(|error| panic!("writing {}: {error}", ramdisk.display()));
    ramdisk
}

/// Writes `archive` compressed with `bootlz` beside it (`.bootlz`): what
/// goes into the image. It loads in a quarter of the time (docs/bench.md,
/// "Boot time") and the kernel expands it in a few milliseconds.
fn compress(archive: &Path) -> PathBuf {
    let packed = bootlz::compress(&read(archive));
    let path = archive.with_extension("bootlz");
    fs::write(&path, packed).unwrap_or_else(|error| panic!("writing {}: {error}", path.display()));
    path
}

/// Adds every file under `dir` with its path relative to the files folder.
fn add_plain_files(builder: &mut bootfs::ArchiveBuilder, dir: &Path, prefix: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
    entries.sort();
    for path in entries {
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
        let archive_name = format!("{prefix}{name}");
        if path.is_dir() {
            add_plain_files(builder, &path, &format!("{archive_name}/"));
        } else {
            println!("cargo:rerun-if-changed={}", path.display());
            builder
                .add_file(&archive_name, &read(&path))
                .unwrap_or_else(|error| panic!("cannot add {archive_name} to the ramdisk: {error}"));
        }
    }
}

/// Copies `input` to `output` without symbols or debug info (gdb reads the
/// unstripped kernel; the disk only needs what runs).
fn strip(objcopy: &Path, input: &Path, output: &Path) {
    let status = Command::new(objcopy)
        .arg("--strip-all")
        .arg(input)
        .arg(output)
        .status()
        .unwrap_or_else(|error| panic!("running {}: {error}", objcopy.display()));
    assert!(status.success(), "{} failed on {}", objcopy.display(), input.display());
}

/// `llvm-objcopy` ships with the `llvm-tools-preview` component of the pinned
/// toolchain (rust-toolchain.toml); `just setup` installs it.
fn find_llvm_objcopy() -> PathBuf {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .unwrap_or_else(|error| panic!("running {rustc} --print sysroot: {error}"));
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_owned();
    let host = env_var("HOST");
    let objcopy = Path::new(&sysroot).join("lib/rustlib").join(host).join("bin/llvm-objcopy");
    assert!(
        objcopy.exists(),
        "{} not found: install the llvm-tools-preview component (`just setup`)",
        objcopy.display()
    );
    objcopy
}

fn env_var(name: &str) -> String {
    env::var(name).unwrap_or_else(|_| panic!("cargo did not set {name}"))
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()))
}
