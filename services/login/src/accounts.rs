//! The rules of a password change, over a parsed password file.

use passwd::{PasswordFile, SALT_LENGTH};

use crate::api::AccountError;

/// Longest password accepted (the interface's bound).
pub const MAX_PASSWORD_LENGTH: usize = 64;

/// Who asks: the account a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller<'a> {
    /// The account's name.
    pub name: &'a str,
    /// Its user id (0 for root).
    pub uid: u32,
}

/// A password's shape: 1 to [`MAX_PASSWORD_LENGTH`] bytes, no control
/// characters (they could not be typed at the login prompt).
pub fn is_acceptable(password: &str) -> bool {
    (1..=MAX_PASSWORD_LENGTH).contains(&password.len()) && !password.chars().any(char::is_control)
}

/// Sets `account`'s password to `new` in `file` if `caller` may: root may
/// set anyone's; others only their own, and only with the right `old`.
/// The new hash uses `salt` and `iterations`. On error `file` is
/// unchanged.
pub fn change_password(
    file: &mut PasswordFile,
    caller: &Caller<'_>,
    account: &str,
    old: &str,
    new: &str,
    salt: [u8; SALT_LENGTH],
    iterations: u32,
) -> Result<(), AccountError> {
    if caller.uid != 0 && caller.name != account {
        // Checked before the name, so nobody learns which accounts exist.
        return Err(AccountError::NotPermitted);
    }
    if file.find(account).is_none() {
        return Err(AccountError::NoSuchAccount);
    }
    if caller.uid != 0 && file.verify(account, old.as_bytes()).is_err() {
        return Err(AccountError::WrongPassword);
    }
    if !is_acceptable(new) {
        return Err(AccountError::InvalidPassword);
    }
    file.set_password(account, new.as_bytes(), salt, iterations).map_err(|_| AccountError::Unavailable)
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::String;

    use passwd::{Account, MIN_ITERATIONS};

    use super::*;

    fn file() -> PasswordFile {
        let root = Account::new("root", 0, "/root", "/bin/shell", b"root", [1; 16], MIN_ITERATIONS).unwrap();
        let user = Account::new("user", 1000, "/home/user", "/bin/shell", b"user", [2; 16], MIN_ITERATIONS).unwrap();
        let text = format!("{}\n{}\n", root.to_line(), user.to_line());
        PasswordFile::parse(text.as_bytes()).unwrap()
    }

    const ROOT: Caller<'static> = Caller { name: "root", uid: 0 };
    const USER: Caller<'static> = Caller { name: "user", uid: 1000 };

    fn change(file: &mut PasswordFile, caller: &Caller<'_>, account: &str, old: &str, new: &str) -> Result<(), AccountError> {
        change_password(file, caller, account, old, new, [3; 16], MIN_ITERATIONS)
    }

    #[test]
    fn a_user_changes_its_own_password_with_the_old_one() {
        let mut file = file();
        change(&mut file, &USER, "user", "user", "s3cret word").unwrap();
        assert!(file.verify("user", b"s3cret word").is_ok());
        assert!(file.verify("user", b"user").is_err());
    }

    #[test]
    fn a_wrong_old_password_changes_nothing() {
        let mut file = file();
        let before = file.to_text();
        assert_eq!(change(&mut file, &USER, "user", "guess", "new"), Err(AccountError::WrongPassword));
        assert_eq!(file.to_text(), before);
    }

    #[test]
    fn a_user_cannot_touch_another_account_even_a_missing_one() {
        let mut file = file();
        assert_eq!(change(&mut file, &USER, "root", "root", "x"), Err(AccountError::NotPermitted));
        assert_eq!(change(&mut file, &USER, "nobody", "", "x"), Err(AccountError::NotPermitted));
        assert!(file.verify("root", b"root").is_ok());
    }

    #[test]
    fn root_sets_any_password_without_the_old_one() {
        let mut file = file();
        change(&mut file, &ROOT, "user", "", "fresh").unwrap();
        assert!(file.verify("user", b"fresh").is_ok());
        assert_eq!(change(&mut file, &ROOT, "nobody", "", "x"), Err(AccountError::NoSuchAccount));
    }

    #[test]
    fn unacceptable_passwords_are_refused() {
        let mut file = file();
        let long = String::from_utf8(alloc::vec![b'a'; MAX_PASSWORD_LENGTH + 1]).unwrap();
        for new in ["", "tab\there", "bell\x07", long.as_str()] {
            assert_eq!(change(&mut file, &USER, "user", "user", new), Err(AccountError::InvalidPassword), "{new:?}");
        }
        assert!(file.verify("user", b"user").is_ok());
    }
}
