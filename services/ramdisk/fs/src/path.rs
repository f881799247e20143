//! The only path spelling the file system accepts: absolute and
//! normalized. `/` is the root; `/a/b` has components `a` and `b`.

use crate::FsError;

/// Longest name of one file or directory, in bytes.
pub const MAX_NAME_LEN: usize = 64;
/// Longest path, in bytes.
pub const MAX_PATH_LEN: usize = 256;

/// The components of `path`, checked: it starts with `/`, has no empty,
/// `.` or `..` component, no NUL, and fits the length limits. The root
/// has no components.
pub fn components(path: &str) -> Result<impl Iterator<Item = &str>, FsError> {
    if path.len() > MAX_PATH_LEN {
        return Err(FsError::NameTooLong);
    }
    let rest = path.strip_prefix('/').ok_or(FsError::InvalidPath)?;
    if !rest.is_empty() {
        for name in rest.split('/') {
            check_name(name)?;
        }
    }
    Ok(rest.split('/').filter(|name| !name.is_empty()))
}

/// A path's parent and last name: `/a/b` is (`/a`, `b`); the root has none.
pub fn parent_and_name(path: &str) -> Result<(&str, &str), FsError> {
    // Validates the whole path; the components themselves are not needed.
    let _ = components(path)?;
    let (parent, name) = path.rsplit_once('/').ok_or(FsError::InvalidPath)?;
    if name.is_empty() {
        return Err(FsError::InvalidPath);
    }
    Ok((if parent.is_empty() { "/" } else { parent }, name))
}

fn check_name(name: &str) -> Result<(), FsError> {
    if name.is_empty() || name == "." || name == ".." || name.contains('\0') {
        return Err(FsError::InvalidPath);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(FsError::NameTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::*;

    fn parts(path: &str) -> Result<Vec<&str>, FsError> {
        components(path).map(Iterator::collect)
    }

    #[test]
    fn normalized_absolute_paths_only() {
        assert_eq!(parts("/"), Ok(Vec::new()));
        assert_eq!(parts("/a/b"), Ok(alloc::vec!["a", "b"]));
        for bad in ["", "a/b", "/a//b", "/a/", "/a/./b", "/a/../b", "/..", "/a\0"] {
            assert_eq!(parts(bad), Err(FsError::InvalidPath), "{bad:?}");
        }
        let long_name = alloc::format!("/{}", "n".repeat(MAX_NAME_LEN + 1));
        assert_eq!(parts(&long_name), Err(FsError::NameTooLong));
        let long_path = "/abc".repeat(MAX_PATH_LEN / 4 + 1);
        assert_eq!(parts(&long_path), Err(FsError::NameTooLong));
    }

    #[test]
    fn parents_and_names() {
        assert_eq!(parent_and_name("/a"), Ok(("/", "a")));
        assert_eq!(parent_and_name("/a/b"), Ok(("/a", "b")));
        assert_eq!(parent_and_name("/"), Err(FsError::InvalidPath));
        assert_eq!(parent_and_name("/a/"), Err(FsError::InvalidPath));
    }
}
