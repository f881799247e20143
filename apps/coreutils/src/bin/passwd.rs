//! `passwd [ACCOUNT]`: changes a password (your own unless you are root),
//! through the login session the shell was started with.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

userland::utility!("passwd", program::body);

#[cfg(target_os = "none")]
mod program {
    extern crate alloc;

    use alloc::format;
    use alloc::string::String;

    use libipc::rpc::{CallError, KernelChannel};
    use libipc::wire::BoundedString;
    use login::api::AccountError;
    use login::api::session::Client as Session;
    use userland::Environment;
    use userland::prompt::{Answer, LineReader};

    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let handle = environment.endpoint("session").map_err(|_| String::from("not in a login session"))?;
        let mut session = Session::new(KernelChannel::new(handle));
        let me = session.whoami().map_err(|error| describe(&error))?;
        let account = match arguments {
            [] => String::from(me.name.as_str()),
            [account] => String::from(*account),
            _ => return Err(String::from("usage: passwd [ACCOUNT]")),
        };
        if me.uid != 0 && account != me.name.as_str() {
            // The service refuses it too; asking for passwords first would
            // only waste the typing.
            return Err(describe(&CallError::Interface(AccountError::NotPermitted)));
        }
        environment.print(&format!("Changing the password of {account}.\n"));
        let mut reader = LineReader::new();
        let old = if me.uid == 0 { String::new() } else { ask(environment, &mut reader, "Current password: ")? };
        let new = ask(environment, &mut reader, "New password: ")?;
        let again = ask(environment, &mut reader, "Retype the new password: ")?;
        if new != again {
            return Err(String::from("the passwords differ; nothing changed"));
        }
        let too_long = || String::from("at most 64 bytes");
        session
            .change_password(
                BoundedString::try_from_str(&account).map_err(|_| String::from("no such account"))?,
                BoundedString::try_from_str(&old).map_err(|_| too_long())?,
                BoundedString::try_from_str(&new).map_err(|_| too_long())?,
            )
            .map_err(|error| describe(&error))?;
        environment.print(&format!("passwd: the password of {account} is changed.\n"));
        Ok(())
    }

    /// One hidden line; Ctrl+C or Ctrl+D gives up.
    fn ask(environment: &mut Environment, reader: &mut LineReader, prompt: &str) -> Result<String, String> {
        match reader.ask(&mut environment.terminal, prompt, true)? {
            Answer::Line(line) => Ok(line),
            Answer::Cancelled | Answer::EndOfInput => Err(String::from("cancelled; nothing changed")),
        }
    }

    fn describe(error: &CallError<AccountError>) -> String {
        String::from(match error {
            CallError::Interface(AccountError::NoSuchAccount) => "no such account",
            CallError::Interface(AccountError::WrongPassword) => "wrong password; nothing changed",
            CallError::Interface(AccountError::NotPermitted) => "only root may change another account's password",
            CallError::Interface(AccountError::InvalidPassword) => {
                "a password must be 1 to 64 characters, with no control characters"
            }
            CallError::Interface(AccountError::Unavailable) => "the password file could not be changed",
            CallError::Interface(AccountError::SessionEnded) => "the login session has ended",
            CallError::PeerGone => "the login service is gone",
            _ => "the login service refused the request",
        })
    }
}
