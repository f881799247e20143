//! The image's default `/etc/passwd`: `root` (password `root`) and `user`
//! (password `user`), with fixed salts so the output is reproducible.
//!
//! `cargo test --release -p passwd --test default_accounts -- --nocapture`
//! prints the file; the test checks that it verifies.

use passwd::{Account, DEFAULT_ITERATIONS, PasswordFile, SALT_LENGTH};

/// Fixed, visibly artificial salts: these passwords are public anyway.
const ROOT_SALT: [u8; SALT_LENGTH] = *b"barodia-root-sal";
const USER_SALT: [u8; SALT_LENGTH] = *b"barodia-user-sal";

#[test]
fn default_accounts_verify() {
    let mut file = PasswordFile::new();
    let root = Account::new(
        "root",
        0,
        "/root",
        "/bin/sh",
        b"root",
        ROOT_SALT,
        DEFAULT_ITERATIONS,
    );
    let user = Account::new(
        "user",
        1000,
        "/home/user",
        "/bin/sh",
        b"user",
        USER_SALT,
        DEFAULT_ITERATIONS,
    );
    file.add(root.unwrap()).unwrap();
    file.add(user.unwrap()).unwrap();
    let text = file.to_text();
    println!("{text}");
    let parsed = PasswordFile::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed.verify("root", b"root").unwrap().uid(), 0);
    assert_eq!(parsed.verify("user", b"user").unwrap().home(), "/home/user");
    assert!(parsed.verify("root", b"user").is_err());
}
