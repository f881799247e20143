//! Tab completion: which word is being completed, and what to insert.

use alloc::string::String;
use alloc::vec::Vec;

/// What the word being completed names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// The first word, without a `/`: a program in the command path or a
    /// builtin.
    Command,
    /// Any later word, a redirection target, or a first word with a `/`:
    /// a file or directory.
    Path,
}

/// The word under the cursor and what it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompletionContext<'line> {
    /// Where the word starts: a byte offset into the line.
    pub start: usize,
    /// The word from its start to the cursor.
    pub prefix: &'line str,
    /// Whether it is a command or a path.
    pub kind: WordKind,
}

impl<'line> CompletionContext<'line> {
    /// For a path, the directory part (up to and including the last `/`,
    /// empty for the working directory) and the name being typed: list
    /// the directory and [`complete`] the name.
    pub fn directory_and_name(&self) -> (&'line str, &'line str) {
        match self.prefix.rfind('/') {
            Some(slash) => self.prefix.split_at(slash + 1),
            None => ("", self.prefix),
        }
    }
}

/// The word that ends at `cursor` (a byte offset into `line`; clamped to
/// the line and to a character boundary). Words are separated by
/// whitespace and `>`; quotes and backslashes are not interpreted, so a
/// quoted name with spaces completes only from its last space.
pub fn completion_context(line: &str, cursor: usize) -> CompletionContext<'_> {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let before = line.get(..cursor).unwrap_or("");
    let start = before
        .char_indices()
        .rfind(|&(_, character)| is_separator(character))
        .map_or(0, |(index, separator)| index + separator.len_utf8());
    let prefix = before.get(start..).unwrap_or("");
    let first_word = before.get(..start).unwrap_or("").trim().is_empty();
    let kind = if first_word && !prefix.contains('/') {
        WordKind::Command
    } else {
        WordKind::Path
    };
    CompletionContext {
        start,
        prefix,
        kind,
    }
}

fn is_separator(character: char) -> bool {
    character.is_whitespace() || character == '>'
}

/// What a Tab should do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The text to insert at the cursor: what all matches share beyond the
    /// prefix (the rest of the name when there is one match). Empty when
    /// nothing can be added.
    pub insert: String,
    /// The candidates that start with the prefix, sorted, without
    /// duplicates. One match: the word is complete (the program may add
    /// `/` for a directory or a space). Several: show them on the second
    /// Tab ([`Event::CompletionRequested`](crate::Event)`{ repeated: true }`).
    pub matches: Vec<String>,
}

/// Completes `prefix` from `candidates` (names, not paths: for a path,
/// pass the name part of [`CompletionContext::directory_and_name`]).
pub fn complete<'a>(prefix: &str, candidates: impl IntoIterator<Item = &'a str>) -> Completion {
    let mut matches: Vec<String> = candidates
        .into_iter()
        .filter(|candidate| candidate.starts_with(prefix))
        .map(String::from)
        .collect();
    matches.sort_unstable();
    matches.dedup();
    let insert = match matches.split_first() {
        Some((first, rest)) => {
            let shared = rest.iter().fold(first.len(), |shared, other| {
                shared.min(common_prefix_length(first, other))
            });
            String::from(first.get(prefix.len()..shared).unwrap_or(""))
        }
        None => String::new(),
    };
    Completion { insert, matches }
}

/// Bytes at the start of both, ending on a character boundary.
fn common_prefix_length(left: &str, right: &str) -> usize {
    left.char_indices()
        .zip(right.chars())
        .find(|((_, a), b)| a != b)
        .map_or(left.len().min(right.len()), |((index, _), _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn the_first_word_is_a_command() {
        let context = completion_context("ec", 2);
        assert_eq!(
            context,
            CompletionContext {
                start: 0,
                prefix: "ec",
                kind: WordKind::Command
            }
        );
        let context = completion_context("  ", 2);
        assert_eq!(
            context,
            CompletionContext {
                start: 2,
                prefix: "",
                kind: WordKind::Command
            }
        );
    }

    #[test]
    fn later_words_and_slashes_are_paths() {
        let context = completion_context("cat /home/us", 12);
        assert_eq!(
            context,
            CompletionContext {
                start: 4,
                prefix: "/home/us",
                kind: WordKind::Path
            }
        );
        assert_eq!(context.directory_and_name(), ("/home/", "us"));
        assert_eq!(completion_context("./bi", 4).kind, WordKind::Path);
        let context = completion_context("echo hi >/tm", 12);
        assert_eq!(
            (context.start, context.prefix, context.kind),
            (9, "/tm", WordKind::Path)
        );
        assert_eq!(completion_context("> f", 3).kind, WordKind::Path);
    }

    #[test]
    fn the_word_ends_at_the_cursor() {
        let context = completion_context("cat abcdef", 7);
        assert_eq!(context.prefix, "abc");
        assert_eq!(context.directory_and_name(), ("", "abc"));
    }

    #[test]
    fn wide_whitespace_separates_words() {
        let context = completion_context("ls\u{3000}fo", 7);
        assert_eq!((context.start, context.prefix), (5, "fo"));
    }

    #[test]
    fn a_cursor_out_of_range_or_inside_a_character_is_clamped() {
        assert_eq!(completion_context("ls", 99).prefix, "ls");
        assert_eq!(completion_context("é", 1).prefix, "");
    }

    #[test]
    fn one_match_inserts_the_rest() {
        let completion = complete("ec", ["echo", "cat", "ls"]);
        assert_eq!(completion.insert, "ho");
        assert_eq!(completion.matches, ["echo"]);
    }

    #[test]
    fn several_matches_insert_what_they_share() {
        let completion = complete("c", ["cat", "cd", "cat", "clear", "chmod"]);
        assert_eq!(completion.insert, "");
        assert_eq!(completion.matches, ["cat", "cd", "chmod", "clear"]);
        let completion = complete("", ["readme", "read"]);
        assert_eq!(completion.insert, "read");
        assert_eq!(completion.matches, ["read", "readme"]);
    }

    #[test]
    fn no_match_inserts_nothing() {
        assert_eq!(complete("x", ["a"]), Completion::default());
        assert_eq!(complete("x", vec![]), Completion::default());
    }

    #[test]
    fn shared_prefixes_end_on_character_boundaries() {
        // "é" and "è" share their first UTF-8 byte.
        let completion = complete("", ["aé", "aè"]);
        assert_eq!(completion.insert, "a");
    }
}
