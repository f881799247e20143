//! Mount tables: a namespace as path prefixes mapped into file servers.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::normalize::{is_normalized, join};

/// Most mounts in one namespace.
pub const MAX_MOUNTS: usize = 32;

/// One mount: the names under `at` are the names under `root` on `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount<T> {
    /// Where it appears in the namespace (normalized).
    pub at: String,
    /// The file server (a capability, in the VFS).
    pub target: T,
    /// The directory (or file) on the server that `at` shows.
    pub root: String,
    /// Whether writes may go through.
    pub writable: bool,
}

/// Where a path leads in a namespace.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved<'a, T> {
    /// To `path` on the server of `mount`.
    Mounted {
        /// The mount that covers the path (the longest matching prefix).
        mount: &'a Mount<T>,
        /// The path in the server's own tree.
        path: String,
    },
    /// To a directory that only exists because mounts lie below it: these
    /// are its entries, in name order (`/` in a namespace that mounts
    /// `/bin` and `/home/user` lists `bin` and `home`).
    Virtual {
        /// The names of the directory's entries.
        entries: Vec<String>,
    },
    /// Nowhere: the namespace does not reach it.
    Outside,
}

/// Why a mount table change was refused; the table is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountError {
    /// A path that is not normalized (see [`is_normalized`]).
    NotNormalized,
    /// Something is mounted there already.
    AlreadyMounted,
    /// Nothing is mounted there.
    NotMounted,
    /// The table holds [`MAX_MOUNTS`] already.
    TooManyMounts,
    /// The parent's namespace does not reach the path to hand on.
    OutsideNamespace,
}

impl fmt::Display for MountError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            MountError::NotNormalized => "not an absolute, normalized path",
            MountError::AlreadyMounted => "something is mounted there already",
            MountError::NotMounted => "nothing is mounted there",
            MountError::TooManyMounts => "too many mounts",
            MountError::OutsideNamespace => "not in this namespace",
        })
    }
}

/// A namespace (see the crate docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountTable<T> {
    mounts: Vec<Mount<T>>,
}

impl<T> Default for MountTable<T> {
    fn default() -> Self {
        MountTable { mounts: Vec::new() }
    }
}

/// The part of `path` below `prefix`, if `prefix` covers `path` on a
/// component boundary: `/home/user` covers `/home/user` (giving `""`) and
/// `/home/user/a` (giving `"/a"`), not `/home/username`.
fn below<'p>(prefix: &str, path: &'p str) -> Option<&'p str> {
    if prefix == "/" {
        return Some(if path == "/" { "" } else { path });
    }
    let rest = path.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

impl<T> MountTable<T> {
    /// An empty namespace: every path is outside it (except the empty root).
    pub fn new() -> Self {
        MountTable::default()
    }

    /// The mounts, in the order they were made.
    pub fn mounts(&self) -> &[Mount<T>] {
        &self.mounts
    }

    /// Mounts `root` on `target` at `at`, writable or not.
    pub fn mount(&mut self, at: &str, target: T, root: &str, writable: bool) -> Result<(), MountError> {
        if !is_normalized(at) || !is_normalized(root) {
            return Err(MountError::NotNormalized);
        }
        if self.mounts.iter().any(|mount| mount.at == at) {
            return Err(MountError::AlreadyMounted);
        }
        if self.mounts.len() >= MAX_MOUNTS {
            return Err(MountError::TooManyMounts);
        }
        self.mounts.push(Mount { at: String::from(at), target, root: String::from(root), writable });
        Ok(())
    }

    /// Removes the mount at `at`; returns its target.
    pub fn unmount(&mut self, at: &str) -> Result<T, MountError> {
        let index = self.mounts.iter().position(|mount| mount.at == at).ok_or(MountError::NotMounted)?;
        Ok(self.mounts.remove(index).target)
    }

    /// Where the normalized `path` leads (see [`Resolved`]). A path that is
    /// not normalized is [`Resolved::Outside`]: callers normalize first.
    pub fn resolve(&self, path: &str) -> Resolved<'_, T> {
        if !is_normalized(path) {
            return Resolved::Outside;
        }
        let covering = self
            .mounts
            .iter()
            .filter_map(|mount| below(&mount.at, path).map(|rest| (mount, rest)))
            .max_by_key(|(mount, _)| mount.at.len());
        if let Some((mount, rest)) = covering {
            let path = if rest.is_empty() { mount.root.clone() } else { join(&mount.root, rest) };
            return Resolved::Mounted { mount, path };
        }
        // Above some mounts: list the next name on the way to each.
        let entries: BTreeSet<String> = self
            .mounts
            .iter()
            .filter_map(|mount| below(path, &mount.at))
            .filter_map(|rest| rest.trim_start_matches('/').split('/').next())
            .filter(|name| !name.is_empty())
            .map(String::from)
            .collect();
        if entries.is_empty() && path != "/" {
            Resolved::Outside
        } else {
            Resolved::Virtual { entries: entries.into_iter().collect() }
        }
    }
}

impl<T: Clone> MountTable<T> {
    /// A child's namespace made of this one: each `(at, writable)` shows
    /// what this namespace shows at `at`, at the same place, writable only
    /// if it is writable here too. Only mounted paths can be handed on (a
    /// virtual directory would hand on everything below it); a child can
    /// never see more than its parent.
    pub fn narrowed(&self, keep: &[(&str, bool)]) -> Result<MountTable<T>, MountError> {
        let mut child = MountTable::new();
        for &(at, writable) in keep {
            match self.resolve(at) {
                Resolved::Mounted { mount, path } => {
                    child.mount(at, mount.target.clone(), &path, writable && mount.writable)?;
                }
                Resolved::Virtual { .. } | Resolved::Outside => return Err(MountError::OutsideNamespace),
            }
        }
        Ok(child)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::normalize::normalize;

    fn user_namespace() -> MountTable<&'static str> {
        let mut table = MountTable::new();
        table.mount("/bin", "ramdisk", "/bin", false).unwrap();
        table.mount("/etc/motd", "ramdisk", "/etc/motd", false).unwrap();
        table.mount("/home/user", "ramdisk", "/home/user", true).unwrap();
        table.mount("/tmp", "scratch", "/", true).unwrap();
        table
    }

    fn mounted(table: &MountTable<&'static str>, path: &str) -> Option<(&'static str, String, bool)> {
        match table.resolve(path) {
            Resolved::Mounted { mount, path } => Some((mount.target, path, mount.writable)),
            _ => None,
        }
    }

    #[test]
    fn the_longest_prefix_wins_on_component_boundaries() {
        let mut table = MountTable::new();
        table.mount("/", "root", "/", true).unwrap();
        table.mount("/home/user", "home", "/users/1", true).unwrap();
        assert_eq!(mounted(&table, "/home/user/notes"), Some(("home", "/users/1/notes".into(), true)));
        assert_eq!(mounted(&table, "/home/user"), Some(("home", "/users/1".into(), true)));
        assert_eq!(mounted(&table, "/home/username"), Some(("root", "/home/username".into(), true)));
        assert_eq!(mounted(&table, "/"), Some(("root", "/".into(), true)));
    }

    #[test]
    fn directories_above_mounts_are_virtual() {
        let table = user_namespace();
        assert_eq!(table.resolve("/"), Resolved::Virtual { entries: ["bin", "etc", "home", "tmp"].map(String::from).to_vec() });
        assert_eq!(table.resolve("/home"), Resolved::Virtual { entries: alloc::vec![String::from("user")] });
        assert_eq!(table.resolve("/etc"), Resolved::Virtual { entries: alloc::vec![String::from("motd")] });
        assert_eq!(table.resolve("/home/root"), Resolved::Outside);
        assert_eq!(table.resolve("/etc/passwd"), Resolved::Outside);
        assert_eq!(mounted(&table, "/tmp/x"), Some(("scratch", "/x".into(), true)));
    }

    #[test]
    fn dot_dot_cannot_climb_out_of_a_mount() {
        let table = user_namespace();
        for typed in ["/home/user/../root/secret", "../root/secret", "../../etc/passwd", "/home/user/../../../etc/passwd"] {
            let path = normalize("/home/user", typed).unwrap();
            assert!(matches!(table.resolve(&path), Resolved::Outside), "{typed} reached {path}");
        }
    }

    #[test]
    fn mount_changes_are_checked() {
        let mut table = user_namespace();
        assert_eq!(table.mount("/bin", "x", "/", true), Err(MountError::AlreadyMounted));
        assert_eq!(table.mount("bin", "x", "/", true), Err(MountError::NotNormalized));
        assert_eq!(table.mount("/x", "x", "/a/../b", true), Err(MountError::NotNormalized));
        assert_eq!(table.unmount("/tmp"), Ok("scratch"));
        assert_eq!(table.unmount("/tmp"), Err(MountError::NotMounted));
        for index in table.mounts().len()..MAX_MOUNTS {
            table.mount(&alloc::format!("/m{index}"), "x", "/", false).unwrap();
        }
        assert_eq!(table.mount("/one-more", "x", "/", false), Err(MountError::TooManyMounts));
        assert!(matches!(table.resolve("not/normalized"), Resolved::Outside));
    }

    #[test]
    fn a_narrowed_namespace_never_sees_more() {
        let mut root = MountTable::new();
        root.mount("/", "ramdisk", "/", true).unwrap();
        root.mount("/bin", "ramdisk", "/bin", false).unwrap();
        let user = root.narrowed(&[("/bin", true), ("/home/user", true)]).unwrap();
        // /bin stays read-only although the child asked for writing.
        assert_eq!(mounted(&user, "/bin/ls"), Some(("ramdisk", "/bin/ls".into(), false)));
        assert_eq!(mounted(&user, "/home/user/a"), Some(("ramdisk", "/home/user/a".into(), true)));
        assert_eq!(user.resolve("/home/root"), Resolved::Outside);
        // A grandchild gets a part of the child's namespace only.
        assert_eq!(user.narrowed(&[("/etc", false)]), Err(MountError::OutsideNamespace));
        assert_eq!(user.narrowed(&[("/home", false)]), Err(MountError::OutsideNamespace));
        let editor = user.narrowed(&[("/home/user", false)]).unwrap();
        assert_eq!(mounted(&editor, "/home/user/a"), Some(("ramdisk", "/home/user/a".into(), false)));
        assert!(matches!(editor.resolve("/bin/ls"), Resolved::Outside));
    }

    proptest! {
        /// Whatever is typed, a path that resolves into the home mount stays
        /// inside the home directory on the server.
        #[test]
        fn typed_paths_never_leave_their_mount(parts in proptest::collection::vec(
            prop_oneof![Just(".."), Just("."), Just(""), Just("user"), Just("root"), Just("x"), Just("home")], 0..12)) {
            let typed = parts.join("/");
            let table = user_namespace();
            if let Ok(path) = normalize("/home/user", if typed.is_empty() { "." } else { &typed })
                && let Resolved::Mounted { mount, path: inner } = table.resolve(&path)
            {
                let inner_prefix = join(&mount.root, "");
                let outer_prefix = join(&mount.at, "");
                prop_assert!(inner == mount.root || inner.starts_with(&inner_prefix), "{} left {}", inner, mount.root);
                prop_assert!(path == mount.at || path.starts_with(&outer_prefix), "{} outside {}", path, mount.at);
            }
        }
    }
}
