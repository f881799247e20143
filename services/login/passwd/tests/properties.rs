//! Property tests: no input makes parsing panic, and what is written
//! parses back to the same file.

use passwd::{
    Account, MIN_ITERATIONS, PasswordFile, SALT_LENGTH, Sha256, constant_time_eq, sha256,
};
use proptest::prelude::*;

/// Bytes biased towards the format's separators and digits.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        any::<u8>(),
        Just(b':'),
        Just(b'\n'),
        Just(b'#'),
        b'0'..=b'9',
        b'a'..=b'f',
        Just(b'/'),
    ];
    prop::collection::vec(byte, 0..400)
}

proptest! {
    #[test]
    fn parsing_random_bytes_never_panics(bytes in file_bytes()) {
        if let Ok(file) = PasswordFile::parse(&bytes) {
            let again = PasswordFile::parse(file.to_text().as_bytes()).unwrap();
            prop_assert_eq!(again, file);
        }
    }

    #[test]
    fn corrupted_valid_lines_never_panic(position in 0usize..200, byte in any::<u8>()) {
        let account = Account::new("root", 0, "/root", "/bin/sh", b"pw", [1; SALT_LENGTH], MIN_ITERATIONS).unwrap();
        let mut line = account.to_line().into_bytes();
        if let Some(slot) = line.get_mut(position) {
            *slot = byte;
        }
        let _ = PasswordFile::parse(&line);
    }

    #[test]
    fn written_accounts_parse_back(
        name in "[a-z_][a-z0-9_-]{0,31}",
        uid in any::<u32>(),
        home in "/[a-zA-Z0-9/ ._-]{0,40}",
        comment in "#[ -~]{0,30}",
        salt in any::<[u8; SALT_LENGTH]>(),
    ) {
        let account = Account::new(&name, uid, &home, "/bin/sh", b"pw", salt, MIN_ITERATIONS).unwrap();
        let text = format!("{comment}\n{}\n", account.to_line());
        let file = PasswordFile::parse(text.as_bytes()).unwrap();
        prop_assert_eq!(file.to_text(), text);
        prop_assert_eq!(file.find(&name), Some(&account));
    }

    #[test]
    fn constant_time_eq_agrees_with_eq(left in prop::collection::vec(any::<u8>(), 0..40),
                                       right in prop::collection::vec(any::<u8>(), 0..40)) {
        prop_assert_eq!(constant_time_eq(&left, &right), left == right);
        prop_assert!(constant_time_eq(&left, &left));
    }

    #[test]
    fn hashing_in_pieces_equals_hashing_at_once(
        data in prop::collection::vec(any::<u8>(), 0..300),
        cuts in prop::collection::vec(0usize..300, 0..5),
    ) {
        let mut cuts: Vec<usize> = cuts.into_iter().map(|cut| cut.min(data.len())).collect();
        cuts.sort_unstable();
        let mut hash = Sha256::new();
        let mut start = 0;
        for cut in cuts {
            hash.update(&data[start..cut]);
            start = cut;
        }
        hash.update(&data[start..]);
        prop_assert_eq!(hash.finalize(), sha256(&data));
    }
}
