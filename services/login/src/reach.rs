//! What each account's namespace keeps of the boot namespace.
//!
//! root keeps everything, writable. Any other account keeps the programs
//! and the message of the day read-only, its own home and the shared
//! `/tmp` writable, and nothing else: not root's home (`/root`), not
//! another account's home, not the password file. The VFS enforces it: a
//! path outside the namespace is refused as "permission denied", and a
//! write to a read-only part as "read-only".

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// The paths (each with whether it stays writable) a session of the
/// account with `uid` and `home` keeps, for `Namespace::narrow`.
pub fn kept_paths(uid: u32, home: &str) -> Vec<(String, bool)> {
    if uid == 0 {
        return vec![(String::from("/"), true)];
    }
    let mut kept = vec![
        (String::from("/bin"), false),
        (String::from("/etc/motd"), false),
        (String::from("/tmp"), true),
    ];
    // A home of `/`, of `/home/..`, or under /bin would widen the reach:
    // only a normalized home below /home is kept.
    if vfs_path::is_normalized(home) && home.starts_with("/home/") {
        kept.push((String::from(home), true));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(uid: u32, home: &str) -> Vec<(&'static str, bool)> {
        kept_paths(uid, home)
            .into_iter()
            .map(|(path, writable)| (&*String::leak(path), writable))
            .collect()
    }

    #[test]
    fn root_keeps_everything() {
        assert_eq!(kept(0, "/root"), [("/", true)]);
    }

    #[test]
    fn a_user_keeps_its_home_and_reads_programs() {
        assert_eq!(
            kept(1000, "/home/user"),
            [("/bin", false), ("/etc/motd", false), ("/tmp", true), ("/home/user", true)]
        );
    }

    #[test]
    fn a_home_outside_home_is_not_kept() {
        for home in ["/", "/bin", "/home/", "/etc", "/home/../etc", "/home/./x"] {
            assert_eq!(kept(1000, home), [("/bin", false), ("/etc/motd", false), ("/tmp", true)], "{home}");
        }
    }
}
