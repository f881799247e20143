//! Line and word logic of `wc`, `head` and `grep`, over bytes: files need
//! not be UTF-8, and a file that does not end in a newline still has a last
//! line.

/// What `wc` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Newline characters, as POSIX `wc -l` counts them.
    pub lines: u64,
    /// Runs of bytes between ASCII whitespace.
    pub words: u64,
    /// Bytes.
    pub bytes: u64,
}

impl Counts {
    /// The counts of `bytes`.
    pub fn of(bytes: &[u8]) -> Counts {
        let lines = bytes.iter().filter(|byte| **byte == b'\n').count() as u64;
        let words = bytes.split(u8::is_ascii_whitespace).filter(|word| !word.is_empty()).count() as u64;
        Counts { lines, words, bytes: bytes.len() as u64 }
    }

    /// These counts and `other`'s together (the `total` line).
    pub fn plus(self, other: Counts) -> Counts {
        Counts { lines: self.lines + other.lines, words: self.words + other.words, bytes: self.bytes + other.bytes }
    }
}

/// The lines of `bytes`, each with its newline if it has one.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|byte| *byte == b'\n')
}

/// The first `count` lines of `bytes`, newlines included.
pub fn head(bytes: &[u8], count: usize) -> &[u8] {
    let end = lines(bytes).take(count).map(<[u8]>::len).sum();
    bytes.get(..end).unwrap_or(bytes)
}

/// The lines of `bytes` that contain `pattern` (every line, for an empty
/// pattern).
pub fn matching<'a>(bytes: &'a [u8], pattern: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    lines(bytes).filter(move |line| contains(line, pattern))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_words_and_bytes() {
        assert_eq!(Counts::of(b""), Counts::default());
        assert_eq!(Counts::of(b"one two\nthree\n"), Counts { lines: 2, words: 3, bytes: 14 });
        // No newline at the end: POSIX counts newlines, so one line.
        assert_eq!(Counts::of(b"a\n  b c"), Counts { lines: 1, words: 3, bytes: 7 });
        assert_eq!(Counts::of(b" \t\n\n "), Counts { lines: 2, words: 0, bytes: 5 });
        let total = Counts::of(b"a\n").plus(Counts::of(b"b c\n"));
        assert_eq!(total, Counts { lines: 2, words: 3, bytes: 6 });
    }

    #[test]
    fn head_keeps_whole_lines() {
        assert_eq!(head(b"1\n2\n3\n", 2), b"1\n2\n");
        assert_eq!(head(b"1\n2\n3", 5), b"1\n2\n3");
        assert_eq!(head(b"1\n2\n", 0), b"");
        assert_eq!(head(b"", 3), b"");
    }

    #[test]
    fn matching_lines_contain_the_pattern() {
        let text = b"root:x:0\nuser:x:1000\nguest:x:1001";
        let found: Vec<&[u8]> = matching(text, b"x:10").collect();
        assert_eq!(found, [&b"user:x:1000\n"[..], &b"guest:x:1001"[..]]);
        assert_eq!(matching(text, b"nobody").count(), 0);
        assert_eq!(matching(text, b"").count(), 3);
    }
}
