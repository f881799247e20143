//! What to boot and how: [`VmConfig`] and the QEMU command line it makes.
//!
//! Every VM boots the raw BIOS disk image with `snapshot=on`, so any number
//! of tests can share one image file at once, under TCG (no KVM: the
//! bootloader's BIOS stages take 26 s under nested KVM against about 2 s
//! under TCG, see docs/toolchain.md).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable naming a disk image to boot instead of the default.
pub const IMAGE_VARIABLE: &str = "BARODIA_IMAGE";
/// Environment variable naming a disk image to boot instead of the test image.
pub const TEST_IMAGE_VARIABLE: &str = "BARODIA_TEST_IMAGE";
/// The fw_cfg file the kernel reads its command line from.
pub const CMDLINE_FW_CFG_NAME: &str = "opt/barodia/cmdline";
/// The QEMU binary the harness runs.
pub const QEMU: &str = "qemu-system-x86_64";

/// How to boot one VM. Build it with [`VmConfig::default`] and the
/// builder methods, or set the public fields directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VmConfig {
    /// The raw BIOS disk image to boot.
    pub image: PathBuf,
    /// Guest memory in MiB.
    pub memory_mib: u32,
    /// A `-cpu` model, or `None` for QEMU's default.
    pub cpu: Option<String>,
    /// The kernel command line, passed through fw_cfg; `None` passes none.
    pub cmdline: Option<String>,
    /// More arguments appended to QEMU's command line as they are.
    pub extra_args: Vec<String>,
    /// Wall-clock budget: the watchdog kills QEMU when it runs out.
    pub timeout: Duration,
    /// Names the VM's log file, `<log_dir>/<name>.log`.
    pub name: String,
    /// Directory for serial logs.
    pub log_dir: PathBuf,
}

impl Default for VmConfig {
    /// The default image, 128 MiB, no command line, a 120 s budget, named
    /// after the current test (libtest names each test's thread after it).
    fn default() -> Self {
        Self {
            image: default_image(),
            memory_mib: 128,
            cpu: None,
            cmdline: None,
            extra_args: Vec::new(),
            timeout: Duration::from_secs(120),
            name: default_name(),
            log_dir: default_log_dir(),
        }
    }
}

impl VmConfig {
    /// Sets the disk image.
    pub fn image(mut self, image: impl Into<PathBuf>) -> Self {
        self.image = image.into();
        self
    }

    /// Sets guest memory in MiB.
    pub fn memory_mib(mut self, memory_mib: u32) -> Self {
        self.memory_mib = memory_mib;
        self
    }

    /// Sets the `-cpu` model, e.g. `max`.
    pub fn cpu(mut self, cpu: impl Into<String>) -> Self {
        self.cpu = Some(cpu.into());
        self
    }

    /// Boots the test image (see [`test_image`]) without a command line:
    /// the default system, with the test programs to run from its shell.
    pub fn with_test_programs(mut self) -> Self {
        self.image = test_image();
        self
    }

    /// Sets the kernel command line, e.g. `ktest`. A VM with a command line
    /// runs a test's programs (`init=bin/kernel-tests:...`, an init manifest
    /// with test clients, `bin/hello`, the in-kernel tests), so unless an
    /// image was chosen with [`VmConfig::image`] it boots the test image.
    pub fn cmdline(mut self, cmdline: impl Into<String>) -> Self {
        self.cmdline = Some(cmdline.into());
        if self.image == default_image() {
            self.image = test_image();
        }
        self
    }

    /// Appends one raw QEMU argument.
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.extra_args.push(arg.into());
        self
    }

    /// Sets the wall-clock budget.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the name used for log files.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = sanitize_name(&name.into());
        self
    }

    /// Where this VM's serial log goes.
    pub fn log_path(&self) -> PathBuf {
        self.log_dir.join(format!("{}.log", self.name))
    }

    /// QEMU's arguments for this VM, with its QMP socket at `qmp_socket`.
    pub fn qemu_arguments(&self, qmp_socket: &Path) -> Vec<OsString> {
        let mut drive = OsString::from("format=raw,snapshot=on,file=");
        drive.push(escape_option(&self.image.to_string_lossy()));
        let mut qmp = OsString::from("unix:");
        qmp.push(qmp_socket);
        qmp.push(",server=on,wait=off");
        let mut args: Vec<OsString> = vec!["-drive".into(), drive];
        args.extend(
            FIXED_ARGUMENTS
                .iter()
                .flat_map(|group| group.iter())
                .map(OsString::from),
        );
        args.extend([
            "-qmp".into(),
            qmp,
            "-m".into(),
            self.memory_mib.to_string().into(),
        ]);
        if let Some(cpu) = &self.cpu {
            args.extend(["-cpu".into(), cpu.into()]);
        }
        if let Some(cmdline) = &self.cmdline {
            let value = format!(
                "name={CMDLINE_FW_CFG_NAME},string={}",
                escape_option(cmdline)
            );
            args.extend(["-fw_cfg".into(), value.into()]);
        }
        args.extend(self.extra_args.iter().map(OsString::from));
        args
    }
}

/// Arguments every VM gets, one option per row.
const FIXED_ARGUMENTS: &[&[&str]] = &[
    &["-display", "none"],
    &["-monitor", "none"],
    &["-no-reboot"],
    // No network unless a test asks for one (`.arg("-nic").arg("user,...")`
    // still adds a card): nothing in a test may reach the outside, and the
    // default card's boot ROM would try DHCP when no disk boots.
    &["-nic", "none"],
    &["-accel", "tcg"],
    // Port 0xF4, 4 bytes wide: the kernel writes a u32 (arch/qemu_exit.rs).
    &["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"],
    // COM1 on QEMU's stdio; `signal=off` passes Ctrl-C through to the guest.
    &["-chardev", "stdio,id=com1,signal=off"],
    &["-serial", "chardev:com1"],
];

/// QEMU splits option values at commas; a literal comma is written twice.
fn escape_option(value: &str) -> String {
    value.replace(',', ",,")
}

/// The image to boot: `$BARODIA_IMAGE` if set, else the one `just image`
/// (which `just test` runs first) leaves at `target/barodia/barodia-bios.img`:
/// the system as `just qemu` boots it, without the test programs.
///
/// NOTE: the image is built by its own `cargo` invocation, not as a
/// dependency of this crate: with artifact dependencies cargo unifies the
/// bare-metal crates' features with the host's dev-dependencies (proptest
/// turns on `num-traits/std`, which the kernel cannot build).
pub fn default_image() -> PathBuf {
    match std::env::var_os(IMAGE_VARIABLE) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => target_dir().join("barodia").join("barodia-bios.img"),
    }
}

/// The image for VMs with a kernel command line: `$BARODIA_TEST_IMAGE` if
/// set, else `target/barodia/barodia-test-bios.img`, which `just image` builds
/// beside the default one: the same system plus `hello`, `kernel-tests`,
/// `bench` and `echo-service` (targets/image/build.rs).
pub fn test_image() -> PathBuf {
    match std::env::var_os(TEST_IMAGE_VARIABLE) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => target_dir().join("barodia").join("barodia-test-bios.img"),
    }
}

/// `target/qemu-logs`, honouring `CARGO_TARGET_DIR`.
pub fn default_log_dir() -> PathBuf {
    target_dir().join("qemu-logs")
}

/// The cargo target directory, honouring `CARGO_TARGET_DIR`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        // This crate sits one level below the workspace root.
        _ => {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            manifest.parent().unwrap_or(manifest).join("target")
        }
    }
}

/// The current thread's name (the test's name under libtest), or `vm`.
fn default_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" => sanitize_name(name),
        _ => "vm".to_owned(),
    }
}

/// Keeps a name usable as a file name: `tests::boot` becomes `tests-boot`.
fn sanitize_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_matches('-');
    if clean.is_empty() {
        "vm".to_owned()
    } else {
        clean.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(config: &VmConfig) -> Vec<String> {
        config
            .qemu_arguments(Path::new("/tmp/x/qmp.sock"))
            .into_iter()
            .map(|arg| arg.into_string().unwrap())
            .collect()
    }

    fn value_after<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
        let at = args.iter().position(|arg| arg == flag)?;
        args.get(at + 1).map(String::as_str)
    }

    #[test]
    fn command_line_has_the_fixed_devices() {
        let config = VmConfig::default().image("/images/bios.img");
        let args = arguments(&config);
        assert_eq!(
            value_after(&args, "-drive"),
            Some("format=raw,snapshot=on,file=/images/bios.img")
        );
        assert_eq!(value_after(&args, "-display"), Some("none"));
        assert_eq!(value_after(&args, "-monitor"), Some("none"));
        assert_eq!(
            value_after(&args, "-device"),
            Some("isa-debug-exit,iobase=0xf4,iosize=0x04")
        );
        assert_eq!(value_after(&args, "-serial"), Some("chardev:com1"));
        assert_eq!(
            value_after(&args, "-qmp"),
            Some("unix:/tmp/x/qmp.sock,server=on,wait=off")
        );
        assert_eq!(value_after(&args, "-m"), Some("128"));
        assert!(args.contains(&"-no-reboot".to_owned()));
        assert_eq!(value_after(&args, "-nic"), Some("none"));
        assert_eq!(value_after(&args, "-cpu"), None);
        assert_eq!(
            value_after(&args, "-fw_cfg"),
            None,
            "no command line, no fw_cfg file"
        );
    }

    #[test]
    fn command_line_goes_through_fw_cfg_with_commas_escaped() {
        let config = VmConfig::default()
            .cmdline("ktest,verbose")
            .cpu("max")
            .memory_mib(256);
        let args = arguments(&config);
        assert_eq!(
            value_after(&args, "-fw_cfg"),
            Some("name=opt/barodia/cmdline,string=ktest,,verbose")
        );
        assert_eq!(value_after(&args, "-cpu"), Some("max"));
        assert_eq!(value_after(&args, "-m"), Some("256"));
    }

    #[test]
    fn a_command_line_picks_the_test_image_unless_one_was_chosen() {
        assert_eq!(VmConfig::default().image, default_image());
        assert_eq!(VmConfig::default().cmdline("init=bin/hello").image, test_image());
        let chosen = VmConfig::default().image("/images/mine.img").cmdline("ktest");
        assert_eq!(chosen.image, PathBuf::from("/images/mine.img"));
        assert_eq!(VmConfig::default().with_test_programs().image, test_image());
    }

    #[test]
    fn extra_arguments_come_last() {
        let config = VmConfig::default().arg("-smp").arg("2");
        let args = arguments(&config);
        assert_eq!(args[args.len() - 2..], ["-smp", "2"]);
    }

    #[test]
    fn names_are_safe_file_names() {
        assert_eq!(
            VmConfig::default().name("boot::banner shows").name,
            "boot--banner-shows"
        );
        assert_eq!(VmConfig::default().name("::").name, "vm");
        let log = VmConfig::default().name("a").log_path();
        assert!(log.ends_with("qemu-logs/a.log"), "{}", log.display());
    }
}
