//! The password file, `/etc/passwd`, read and written whole.

use alloc::format;
use alloc::string::String;

use libipc::rpc::KernelChannel;
use libipc::wire::BoundedString;
use passwd::PasswordFile;
use ramdisk::api::file_system::Client as FileSystem;
use userland::describe;
use userland::files::{read_file, write_file};

/// Where the accounts are.
pub const PATH: &str = "/etc/passwd";

/// Largest password file read: far more accounts than anyone types.
const LIMIT: u64 = 64 * 1024;

fn path() -> BoundedString<256> {
    BoundedString::try_from_str(PATH).unwrap_or_default()
}

/// The accounts, or why they cannot be read.
pub fn read(fs: &mut FileSystem<KernelChannel>) -> Result<PasswordFile, String> {
    let text = read_file(fs, path(), LIMIT).map_err(|error| format!("{PATH}: {}", describe(&error)))?;
    PasswordFile::parse(&text).map_err(|error| format!("{PATH}: {error}"))
}

/// Writes `file` back.
pub fn write(fs: &mut FileSystem<KernelChannel>, file: &PasswordFile) -> Result<(), String> {
    write_file(fs, path(), file.to_text().as_bytes()).map_err(|error| format!("{PATH}: {}", describe(&error)))
}
