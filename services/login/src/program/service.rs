//! The `Session` server: who each session is, and password changes.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;

use libipc::ipc::Handle;
use libipc::println;
use libipc::rpc::{self, Dispatch, KernelChannel, KernelReceiver, Reply, Request};
use libipc::sync::Mutex;
use libipc::wire::BoundedString;
use login::accounts::{Caller, change_password};
use login::api::session::{self, Server};
use login::api::{AccountError, Identity};
use passwd::{DEFAULT_ITERATIONS, SALT_LENGTH};
use ramdisk::api::file_system::Client as FileSystem;

use super::passwords;

/// A logged-in account, as a session knows it.
#[derive(Clone, Debug)]
pub struct Account {
    name: String,
    uid: u32,
    home: String,
}

impl Account {
    /// The session's view of `account`.
    pub fn of(account: &passwd::Account) -> Account {
        Account { name: String::from(account.name()), uid: account.uid(), home: String::from(account.home()) }
    }
}

/// The live sessions by badge, shared by the login threads (which add and
/// remove them) and the server (which answers for them).
pub type Sessions = Arc<Mutex<BTreeMap<u64, Account>>>;

/// Serves `Session` on `own` for as long as login runs.
pub fn serve(own: Handle, fs: FileSystem<KernelChannel>, sessions: Sessions) -> Result<(), String> {
    let mut receiver = KernelReceiver::new(own);
    let mut server = SessionServer { fs, sessions, salts: 0 };
    let why = rpc::serve(&mut receiver, &mut server);
    Err(format!("stopped serving: {why:?}"))
}

struct SessionServer {
    /// The boot namespace, where the password file is.
    fs: FileSystem<KernelChannel>,
    sessions: Sessions,
    /// Salts made so far, mixed into the next.
    salts: u64,
}

/// One request's view: the session it came from (`None` once ended).
struct Current<'a> {
    account: Option<Account>,
    server: &'a mut SessionServer,
}

impl Dispatch for SessionServer {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        let account = self.sessions.lock().get(&request.badge).cloned();
        session::dispatch(&mut Current { account, server: self }, request)
    }
}

impl SessionServer {
    /// A fresh salt: SHA-256 of the time-stamp counter, a count and the
    /// account, so no two password changes share one.
    fn salt(&mut self, account: &str) -> [u8; SALT_LENGTH] {
        self.salts += 1;
        let mut hasher = passwd::Sha256::default();
        hasher.update(&libipc::time::cycles_since_boot().to_le_bytes());
        hasher.update(&self.salts.to_le_bytes());
        hasher.update(account.as_bytes());
        let digest = hasher.finalize();
        let mut salt = [0; SALT_LENGTH];
        salt.copy_from_slice(&digest[..SALT_LENGTH]);
        salt
    }
}

impl Server for Current<'_> {
    fn whoami(&mut self) -> Result<Identity, AccountError> {
        let account = self.account.as_ref().ok_or(AccountError::SessionEnded)?;
        Ok(Identity {
            name: BoundedString::try_from_str(&account.name).map_err(|_| AccountError::Unavailable)?,
            uid: account.uid,
            home: BoundedString::try_from_str(&account.home).map_err(|_| AccountError::Unavailable)?,
        })
    }

    fn change_password(
        &mut self,
        account: BoundedString<32>,
        old: BoundedString<64>,
        new: BoundedString<64>,
    ) -> Result<(), AccountError> {
        let caller = self.account.clone().ok_or(AccountError::SessionEnded)?;
        let mut file = passwords::read(&mut self.server.fs).map_err(|why| {
            println!("login: {why}");
            AccountError::Unavailable
        })?;
        let salt = self.server.salt(account.as_str());
        let caller_id = Caller { name: &caller.name, uid: caller.uid };
        change_password(&mut file, &caller_id, account.as_str(), old.as_str(), new.as_str(), salt, DEFAULT_ITERATIONS)?;
        passwords::write(&mut self.server.fs, &file).map_err(|why| {
            println!("login: {why}");
            AccountError::Unavailable
        })?;
        println!("login: {} changed the password of {}", caller.name, account.as_str());
        Ok(())
    }
}
