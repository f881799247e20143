//! The shell's history: the lines entered, oldest first, bounded.

use alloc::collections::VecDeque;
use alloc::string::String;

/// The most recent lines entered, without empty lines or consecutive
/// duplicates. When full, adding a line drops the oldest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    entries: VecDeque<String>,
    capacity: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(History::DEFAULT_CAPACITY)
    }
}

impl History {
    /// The capacity [`LineEditor`](crate::LineEditor) starts with.
    pub const DEFAULT_CAPACITY: usize = 100;

    /// An empty history keeping at most `capacity` lines.
    pub fn new(capacity: usize) -> History {
        History {
            entries: VecDeque::new(),
            capacity,
        }
    }

    /// Adds `line` as the newest entry, unless it is empty or blank or
    /// equal to the newest entry; true when it was added.
    pub fn push(&mut self, line: &str) -> bool {
        if self.capacity == 0
            || line.trim().is_empty()
            || self.entries.back().is_some_and(|newest| newest == line)
        {
            return false;
        }
        if self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(String::from(line));
        true
    }

    /// How many lines it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it holds no lines.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The line at `index`, counting from the oldest (0).
    pub fn get(&self, index: usize) -> Option<&str> {
        self.entries.get(index).map(String::as_str)
    }

    /// The lines, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.entries.iter().map(String::as_str)
    }

    /// Forgets every line.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn empty_and_blank_lines_are_not_stored() {
        let mut history = History::new(10);
        assert!(!history.push(""));
        assert!(!history.push("   \t"));
        assert!(history.is_empty());
    }

    #[test]
    fn consecutive_duplicates_are_stored_once() {
        let mut history = History::new(10);
        assert!(history.push("ls"));
        assert!(!history.push("ls"));
        assert!(history.push("pwd"));
        assert!(history.push("ls"));
        assert_eq!(history.iter().collect::<Vec<_>>(), ["ls", "pwd", "ls"]);
    }

    #[test]
    fn the_oldest_line_goes_when_full() {
        let mut history = History::new(2);
        for line in ["a", "b", "c"] {
            history.push(line);
        }
        assert_eq!(history.iter().collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(history.get(0), Some("b"));
        assert_eq!(history.get(2), None);
    }

    #[test]
    fn zero_capacity_keeps_nothing() {
        let mut history = History::new(0);
        assert!(!history.push("ls"));
        assert_eq!(history.len(), 0);
    }
}
