//! Process ids as the shell's `kill` builtin reads them.

/// Why a typed word is not a process id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadId {
    /// Not a decimal number.
    NotANumber,
    /// Zero: no process has id 0.
    Zero,
}

impl BadId {
    /// Says it for a person, after `kill: WORD: `.
    pub fn describe(self) -> &'static str {
        match self {
            BadId::NotANumber => "not a process id (a number from ps)",
            BadId::Zero => "no process has id 0",
        }
    }
}

/// The process id `word` names: a positive decimal number.
pub fn parse(word: &str) -> Result<u64, BadId> {
    // `u64::from_str` takes a leading `+`; a process id is digits only.
    if word.is_empty() || !word.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(BadId::NotANumber);
    }
    match word.parse::<u64>() {
        Ok(0) => Err(BadId::Zero),
        Ok(id) => Ok(id),
        Err(_) => Err(BadId::NotANumber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_ids() {
        assert_eq!(parse("7"), Ok(7));
        assert_eq!(parse("0012"), Ok(12));
    }

    #[test]
    fn other_words_are_refused() {
        for word in ["", "abc", "-3", "+3", "1.5", " 4", "99999999999999999999999"] {
            assert_eq!(parse(word), Err(BadId::NotANumber), "{word:?}");
        }
        assert_eq!(parse("0"), Err(BadId::Zero));
    }
}
