//! Where `mv` and `cp` put a source, and the moves they refuse.
//!
//! `mv A B` and `cp A B` make `B` when `B` is not a directory, and put
//! `B/A's name` when it is; with several sources `B` must be a directory.
//! Both work on normalized absolute paths.

use alloc::format;
use alloc::string::String;

/// Why a source cannot go where it was asked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Source and target are the same path.
    SamePath,
    /// A directory would go inside itself.
    IntoItself,
    /// The source is the root directory, which has no name to keep.
    Root,
}

/// What is being done to the source, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `mv`.
    Move,
    /// `cp`.
    Copy,
}

impl Refusal {
    /// Says it for a person, after `PROGRAM: SOURCE: `.
    pub fn describe(&self, action: Action) -> &'static str {
        match (self, action) {
            (Refusal::SamePath, _) => "source and destination are the same",
            (Refusal::IntoItself, Action::Move) => "cannot move a directory into itself",
            (Refusal::IntoItself, Action::Copy) => "cannot copy a directory into itself",
            (Refusal::Root, Action::Move) => "cannot move the root directory",
            (Refusal::Root, Action::Copy) => "cannot copy the root directory as a whole",
        }
    }
}

/// The last name of a normalized path (`""` for the root).
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether `path` is `directory` or lies under it.
pub fn is_within(path: &str, directory: &str) -> bool {
    if directory == "/" {
        return true;
    }
    path == directory || path.strip_prefix(directory).is_some_and(|rest| rest.starts_with('/'))
}

/// The path `source` gets: `destination` itself, or inside it when
/// `into_directory`. Refuses the root, a path onto itself, and a directory
/// (`source_is_directory`) into itself.
pub fn target(
    source: &str,
    destination: &str,
    into_directory: bool,
    source_is_directory: bool,
) -> Result<String, Refusal> {
    let name = file_name(source);
    if name.is_empty() {
        return Err(Refusal::Root);
    }
    let target = match (into_directory, destination) {
        (false, _) => String::from(destination),
        (true, "/") => format!("/{name}"),
        (true, directory) => format!("{directory}/{name}"),
    };
    if target == source {
        return Err(Refusal::SamePath);
    }
    if source_is_directory && is_within(&target, source) {
        return Err(Refusal::IntoItself);
    }
    Ok(target)
}

/// The target as the user would type it: `typed_destination` with the
/// source's name appended when it goes into a directory.
pub fn shown_target(typed_destination: &str, source: &str, into_directory: bool) -> String {
    if !into_directory {
        return String::from(typed_destination);
    }
    format!("{}/{}", typed_destination.trim_end_matches('/'), file_name(source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_last_component() {
        assert_eq!(file_name("/tmp/a.txt"), "a.txt");
        assert_eq!(file_name("/a"), "a");
        assert_eq!(file_name("/"), "");
    }

    #[test]
    fn within_means_itself_or_below() {
        assert!(is_within("/a", "/a"));
        assert!(is_within("/a/b/c", "/a"));
        assert!(!is_within("/ab", "/a"));
        assert!(!is_within("/", "/a"));
        assert!(is_within("/anything", "/"));
    }

    #[test]
    fn a_plain_destination_is_the_new_name() {
        assert_eq!(target("/tmp/a", "/tmp/b", false, false), Ok(String::from("/tmp/b")));
        assert_eq!(target("/tmp/dir", "/home/dir2", false, true), Ok(String::from("/home/dir2")));
    }

    #[test]
    fn a_directory_destination_keeps_the_name() {
        assert_eq!(target("/tmp/a", "/home", true, false), Ok(String::from("/home/a")));
        assert_eq!(target("/tmp/a", "/", true, false), Ok(String::from("/a")));
    }

    #[test]
    fn onto_itself_is_refused() {
        assert_eq!(target("/tmp/a", "/tmp/a", false, false), Err(Refusal::SamePath));
        assert_eq!(target("/tmp/a", "/tmp", true, false), Err(Refusal::SamePath));
        assert_eq!(target("/tmp/d", "/tmp", true, true), Err(Refusal::SamePath));
    }

    #[test]
    fn a_directory_into_itself_is_refused() {
        assert_eq!(target("/tmp/d", "/tmp/d", true, true), Err(Refusal::IntoItself));
        assert_eq!(target("/tmp/d", "/tmp/d/e", true, true), Err(Refusal::IntoItself));
        assert_eq!(target("/tmp/d", "/tmp/d/e", false, true), Err(Refusal::IntoItself));
        // A sibling whose name starts the same is elsewhere.
        assert_eq!(target("/tmp/d", "/tmp/dd", true, true), Ok(String::from("/tmp/dd/d")));
        // A file may go anywhere but onto itself.
        assert_eq!(target("/tmp/f", "/tmp/f2", false, false), Ok(String::from("/tmp/f2")));
    }

    #[test]
    fn refusals_name_the_action() {
        assert_eq!(Refusal::IntoItself.describe(Action::Move), "cannot move a directory into itself");
        assert_eq!(Refusal::IntoItself.describe(Action::Copy), "cannot copy a directory into itself");
        assert_eq!(Refusal::SamePath.describe(Action::Copy), Refusal::SamePath.describe(Action::Move));
    }

    #[test]
    fn the_root_is_refused() {
        assert_eq!(target("/", "/tmp", true, true), Err(Refusal::Root));
    }

    #[test]
    fn shown_targets_follow_what_was_typed() {
        assert_eq!(shown_target("docs", "/tmp/a", true), "docs/a");
        assert_eq!(shown_target("docs/", "/tmp/a", true), "docs/a");
        assert_eq!(shown_target("/", "/tmp/a", true), "/a");
        assert_eq!(shown_target("b", "/tmp/a", false), "b");
    }
}
