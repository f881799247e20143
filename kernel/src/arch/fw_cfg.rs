//! Reads named files from QEMU's firmware configuration device (fw_cfg).
//!
//! The host passes the kernel command line as the fw_cfg file
//! `opt/barodia/cmdline` (`qemu -fw_cfg name=opt/barodia/cmdline,string=...`),
//! since the BIOS bootloader has no command line of its own. Layout facts come
//! from QEMU's `docs/specs/fw_cfg.rst`: a 16-bit selector port, an 8-bit data
//! port, a signature item, and a file directory item with big-endian fields.

use super::port;

const SELECTOR_PORT: u16 = 0x510;
const DATA_PORT: u16 = 0x511;

const SIGNATURE_KEY: u16 = 0x0000;
const FILE_DIRECTORY_KEY: u16 = 0x0019;
/// Length of the name field in each directory entry.
const NAME_LEN: usize = 56;

/// Reads file `name` into `buffer` and returns how many bytes it wrote, or
/// `None` if there is no fw_cfg device or no such file. A file longer than the
/// buffer is cut to the buffer's length.
pub fn read_file(name: &str, buffer: &mut [u8]) -> Option<usize> {
    if !device_present() {
        return None;
    }
    let (key, size) = find_file(name)?;
    port::write_u16(SELECTOR_PORT, key);
    let len = buffer.len().min(size as usize);
    for byte in buffer.iter_mut().take(len) {
        *byte = port::read_u8(DATA_PORT);
    }
    Some(len)
}

fn device_present() -> bool {
    port::write_u16(SELECTOR_PORT, SIGNATURE_KEY);
    let mut signature = [0u8; 4];
    read_bytes(&mut signature);
    &signature == b"QEMU"
}

/// Walks the file directory; returns the selector key and size of `name`.
fn find_file(name: &str) -> Option<(u16, u32)> {
    port::write_u16(SELECTOR_PORT, FILE_DIRECTORY_KEY);
    let count = read_u32_be();
    for _ in 0..count {
        let size = read_u32_be();
        let key = read_u16_be();
        let _reserved = read_u16_be();
        let mut entry_name = [0u8; NAME_LEN];
        read_bytes(&mut entry_name);
        let len = entry_name.iter().position(|&b| b == 0).unwrap_or(NAME_LEN);
        if entry_name.get(..len) == Some(name.as_bytes()) {
            return Some((key, size));
        }
    }
    None
}

fn read_bytes(buffer: &mut [u8]) {
    for byte in buffer {
        *byte = port::read_u8(DATA_PORT);
    }
}

fn read_u32_be() -> u32 {
    let mut bytes = [0u8; 4];
    read_bytes(&mut bytes);
    u32::from_be_bytes(bytes)
}

fn read_u16_be() -> u16 {
    let mut bytes = [0u8; 2];
    read_bytes(&mut bytes);
    u16::from_be_bytes(bytes)
}
