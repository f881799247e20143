use super::*;
use crate::account::{MIN_ITERATIONS, SCHEME};
use crate::error::AccountError;
use alloc::format;
use alloc::string::ToString;

const SALT: [u8; SALT_LENGTH] = [0x11; SALT_LENGTH];

fn account(name: &str, password: &str) -> Account {
    Account::new(
        name,
        1000,
        "/home/x",
        "/bin/sh",
        password.as_bytes(),
        SALT,
        MIN_ITERATIONS,
    )
    .unwrap()
}

fn sample() -> PasswordFile {
    let mut file = PasswordFile::new();
    file.add(account("root", "secret")).unwrap();
    file.add(account("user", "hunter2")).unwrap();
    file
}

fn error_of(text: &str) -> ParseError {
    PasswordFile::parse(text.as_bytes()).unwrap_err()
}

fn line_with(field: usize, value: &str) -> String {
    let line = account("root", "x").to_line();
    let mut fields: Vec<&str> = line.split(':').collect();
    fields[field] = value;
    fields.join(":")
}

#[test]
fn verify_accepts_the_right_password() {
    let file = sample();
    let account = file.verify("user", b"hunter2").unwrap();
    assert_eq!(account.name(), "user");
    assert_eq!(account.uid(), 1000);
}

#[test]
fn wrong_password_and_unknown_user_give_the_same_error() {
    let file = sample();
    assert_eq!(
        file.verify("user", b"hunter3").unwrap_err(),
        LoginError::Denied
    );
    assert_eq!(
        file.verify("nobody", b"hunter2").unwrap_err(),
        LoginError::Denied
    );
    assert_eq!(file.verify("", b"").unwrap_err(), LoginError::Denied);
}

#[test]
fn text_round_trips_with_comments_and_blank_lines() {
    let mut text = String::from("# accounts\n\n");
    text.push_str(&account("root", "a").to_line());
    text.push_str("\n  \t\n# end\n");
    text.push_str(&account("user", "b").to_line());
    text.push('\n');
    let file = PasswordFile::parse(text.as_bytes()).unwrap();
    assert_eq!(file.to_text(), text);
    assert_eq!(file.accounts().count(), 2);
}

#[test]
fn last_line_may_lack_a_newline() {
    let text = account("root", "a").to_line();
    let file = PasswordFile::parse(text.as_bytes()).unwrap();
    assert_eq!(file.to_text(), format!("{text}\n"));
}

#[test]
fn empty_file_has_no_accounts() {
    let file = PasswordFile::parse(b"").unwrap();
    assert_eq!(file.accounts().count(), 0);
    assert_eq!(file.to_text(), "");
}

#[test]
fn uppercase_hex_is_accepted_and_written_lowercase() {
    let line = account("root", "pw").to_line();
    let fields: Vec<&str> = line.split(':').collect();
    let upper = line_with(4, &fields[4].to_uppercase());
    let file = PasswordFile::parse(upper.as_bytes()).unwrap();
    assert!(file.verify("root", b"pw").is_ok());
    assert_eq!(file.to_text(), format!("{line}\n"));
}

#[test]
fn set_password_changes_the_hash_and_salt() {
    let mut file = sample();
    file.set_password("user", b"new", [0x22; SALT_LENGTH], MIN_ITERATIONS + 1)
        .unwrap();
    assert!(file.verify("user", b"hunter2").is_err());
    let account = file.verify("user", b"new").unwrap();
    assert_eq!(account.iterations(), MIN_ITERATIONS + 1);
    let reparsed = PasswordFile::parse(file.to_text().as_bytes()).unwrap();
    assert_eq!(reparsed, file);
    assert!(reparsed.to_text().contains(&"22".repeat(SALT_LENGTH)));
}

#[test]
fn set_password_errors_leave_the_file_unchanged() {
    let mut file = sample();
    let before = file.clone();
    assert_eq!(
        file.set_password("ghost", b"x", SALT, MIN_ITERATIONS),
        Err(SetPasswordError::UnknownUser)
    );
    assert_eq!(
        file.set_password("user", b"x", SALT, 0),
        Err(SetPasswordError::IterationsOutOfRange)
    );
    assert_eq!(file, before);
}

#[test]
fn add_rejects_a_duplicate_name() {
    let mut file = sample();
    assert_eq!(
        file.add(account("root", "z")),
        Err(AddAccountError::DuplicateName)
    );
}

#[test]
fn no_plain_text_in_the_file() {
    let text = sample().to_text();
    assert!(!text.contains("hunter2"));
    assert!(text.contains(SCHEME));
}

#[test]
fn errors_name_the_line() {
    let good = account("root", "a").to_line();
    let text = format!("# c\n{good}\nbroken\n");
    assert_eq!(
        error_of(&text),
        ParseError {
            line: 3,
            kind: ParseErrorKind::FieldCount { found: 1 }
        }
    );
}

#[test]
fn duplicate_names_are_rejected() {
    let good = account("root", "a").to_line();
    let text = format!("{good}\n{good}\n");
    assert_eq!(
        error_of(&text),
        ParseError {
            line: 2,
            kind: ParseErrorKind::DuplicateName
        }
    );
}

#[test]
fn each_bad_field_has_its_error() {
    let cases = [
        (0, "Root", ParseErrorKind::BadName),
        (0, "", ParseErrorKind::BadName),
        (0, "9lives", ParseErrorKind::BadName),
        (0, "-x", ParseErrorKind::BadName),
        (0, &"a".repeat(33), ParseErrorKind::BadName),
        (1, "md5", ParseErrorKind::UnknownScheme),
        (2, "ten", ParseErrorKind::BadIterations),
        (2, "+1000", ParseErrorKind::BadIterations),
        (2, "99999999999", ParseErrorKind::BadIterations),
        (2, "999", ParseErrorKind::IterationsOutOfRange),
        (2, "1000001", ParseErrorKind::IterationsOutOfRange),
        (3, "abc", ParseErrorKind::BadHex),
        (3, "zz11223344556677", ParseErrorKind::BadHex),
        (3, "00112233445566", ParseErrorKind::BadSaltLength),
        (3, &"00".repeat(65), ParseErrorKind::BadSaltLength),
        (4, "0011", ParseErrorKind::BadHashLength),
        (4, "g", ParseErrorKind::BadHex),
        (5, "-1", ParseErrorKind::BadUid),
        (5, "4294967296", ParseErrorKind::BadUid),
        (5, "", ParseErrorKind::BadUid),
        (6, "home", ParseErrorKind::BadPath),
        (6, "", ParseErrorKind::BadPath),
        (7, "/bin/sh\r", ParseErrorKind::BadPath),
        (7, &format!("/{}", "a".repeat(255)), ParseErrorKind::BadPath),
    ];
    for (field, value, kind) in cases {
        let line = line_with(field, value);
        assert_eq!(
            error_of(&line),
            ParseError { line: 1, kind },
            "field {field} = {value:?}"
        );
    }
}

#[test]
fn extra_and_missing_fields_are_counted() {
    let line = account("root", "a").to_line();
    assert_eq!(
        error_of(&format!("{line}:extra")).kind,
        ParseErrorKind::FieldCount { found: 9 }
    );
    let short = line.rsplit_once(':').unwrap().0;
    assert_eq!(
        error_of(short).kind,
        ParseErrorKind::FieldCount { found: 7 }
    );
}

#[test]
fn invalid_utf8_is_a_named_error() {
    let mut text = b"# ok\n".to_vec();
    text.extend_from_slice(b"ro\xFFot:x\n");
    let error = PasswordFile::parse(&text).unwrap_err();
    assert_eq!(
        error,
        ParseError {
            line: 2,
            kind: ParseErrorKind::NotUtf8
        }
    );
    assert_eq!(error.to_string(), "line 2: not valid UTF-8");
}

#[test]
fn account_new_checks_its_values() {
    let new =
        |name, home, iterations| Account::new(name, 0, home, "/bin/sh", b"pw", SALT, iterations);
    assert_eq!(
        new("a:b", "/", MIN_ITERATIONS).unwrap_err(),
        AccountError::BadName
    );
    assert_eq!(
        new("ok", "/a:b", MIN_ITERATIONS).unwrap_err(),
        AccountError::BadPath
    );
    assert_eq!(
        new("ok", "/", 1).unwrap_err(),
        AccountError::IterationsOutOfRange
    );
    assert!(new("_ok-1", "/", MIN_ITERATIONS).is_ok());
}
