//! Publishes the built image under `target/barodia/` and prints where it is.
//!
//! Cargo leaves build-script output in a hashed directory; the test harness,
//! `just qemu` and `just gdb` want a stable path, so this copies the images,
//! their ramdisks and the kernel ELF (with symbols) to `target/barodia/`. It prints both paths,
//! the image last, so `just image | tail -n 1` gives it to scripts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match publish() {
        Ok((kernel, image)) => {
            println!("kernel (with symbols): {}", kernel.display());
            println!("{}", image.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("barodia-image: {message}");
            ExitCode::FAILURE
        }
    }
}

fn publish() -> Result<(PathBuf, PathBuf), String> {
    let exe = std::env::current_exe().map_err(|error| format!("cannot find this program: {error}"))?;
    // target/<profile>/barodia-image -> target/barodia
    let target = exe.parent().and_then(Path::parent).ok_or("unexpected location of this program")?;
    let out = target.join("barodia");
    std::fs::create_dir_all(&out).map_err(|error| format!("creating {}: {error}", out.display()))?;
    let kernel = copy(barodia_image::KERNEL_ELF, &out.join("kernel"))?;
    copy(barodia_image::RAMDISK, &out.join("ramdisk.bootfs"))?;
    copy(barodia_image::TEST_RAMDISK, &out.join("ramdisk-test.bootfs"))?;
    copy(barodia_image::TEST_BIOS_IMAGE, &out.join("barodia-test-bios.img"))?;
    let image = copy(barodia_image::BIOS_IMAGE, &out.join("barodia-bios.img"))?;
    Ok((kernel, image))
}

fn copy(from: &str, to: &Path) -> Result<PathBuf, String> {
    std::fs::copy(from, to).map_err(|error| format!("copying {from} to {}: {error}", to.display()))?;
    Ok(to.to_path_buf())
}
