//! A seat: one console's login prompt, and the sessions it starts.

use alloc::format;
use alloc::string::String;
use core::sync::atomic::{AtomicU64, Ordering};
use core::time::Duration;

use console::api::console::Client as Console;
use console::api::terminal::Client as Terminal;
use libipc::ipc::Handle;
use libipc::println;
use libipc::rpc::KernelChannel;
use libipc::wire::{BoundedString, BoundedVec};
use login::reach::kept_paths;
use passwd::Account;
use ramdisk::api::file_system::Client as FileSystem;
use userland::launch::{Grants, Launcher, NothingElse, handed_on_rights};
use userland::prompt::{Answer, LineReader, write_all};
use vfs::api::Keep;
use vfs::api::namespace::Client as Namespace;

use super::passwords;
use super::service::{Account as SessionAccount, Sessions};

/// How long a wrong name or password waits before the next try: long
/// enough to make guessing slow, short enough for a typo.
const FAILURE_DELAY: Duration = Duration::from_secs(1);

/// Session badges, never reused, so a handle kept from an ended session
/// never speaks for a later one.
static NEXT_BADGE: AtomicU64 = AtomicU64::new(1);

/// Login on one console.
pub struct Login {
    /// The console's number, from 1 (5 is the serial console).
    number: u8,
    console: Console<KernelChannel>,
    /// The boot namespace: the password file and the motd.
    fs: FileSystem<KernelChannel>,
    /// The boot namespace again, to narrow into each session's.
    namespace: Namespace<KernelChannel>,
    /// Login's own endpoint, unbadged, to mint badged `Session` handles.
    minter: Handle,
    sessions: Sessions,
    reader: LineReader,
    /// Whether the first prompt has been logged (for `just bench`).
    announced: bool,
}

impl Login {
    /// Login on console `number` with these handles.
    pub fn new(
        number: u8,
        console: Console<KernelChannel>,
        fs: FileSystem<KernelChannel>,
        namespace: Handle,
        minter: Handle,
        sessions: Sessions,
    ) -> Login {
        let namespace = Namespace::new(KernelChannel::new(namespace));
        Login { number, console, fs, namespace, minter, sessions, reader: LineReader::new(), announced: false }
    }

    fn terminal(&mut self) -> Result<Terminal<KernelChannel>, String> {
        let handle = self.console.terminal(self.number - 1).map_err(|error| format!("terminal: {error:?}"))?;
        Ok(Terminal::new(KernelChannel::new(handle.into_ipc())))
    }

    /// Prompts, checks and runs sessions for as long as the console lasts.
    pub fn run(&mut self) -> u64 {
        let mut terminal = match self.terminal() {
            Ok(terminal) => terminal,
            Err(why) => {
                println!("login: console {}: {why}", self.number);
                return 1;
            }
        };
        // A fresh screen at first and after each session; after a refusal
        // the next prompt goes below, so the message stays in view.
        let mut fresh = true;
        loop {
            if fresh {
                let banner = format!("\x1b[2J\x1b[HBarodia (console {})\n\n", self.number);
                write_all(&mut terminal, banner.as_bytes());
            }
            match self.attempt(&mut terminal) {
                Ok(Some(account)) => {
                    if let Err(why) = self.session(&account, &mut terminal) {
                        write_all(&mut terminal, format!("login: {why}\n").as_bytes());
                        libipc::time::sleep(FAILURE_DELAY);
                    }
                    fresh = true;
                }
                Ok(None) => fresh = false,
                Err(why) => {
                    println!("login: console {}: {why}", self.number);
                    return 1;
                }
            }
        }
    }

    /// One try: the account if the name and password match, `None` if
    /// not (after the delay and the message). An error: the terminal is gone.
    fn attempt(&mut self, terminal: &mut Terminal<KernelChannel>) -> Result<Option<Account>, String> {
        if !self.announced {
            self.announced = true;
            // `just bench` reads this as the boot's length (under -icount
            // the counter counts guest instructions); the raw counter also
            // covers the BIOS and the bootloader loading the image.
            let since_reset = libipc::time::cycles();
            let cycles = libipc::time::cycles_since_boot();
            println!(
                "login: prompt on console {} {cycles} cycles after the kernel's time zero, {since_reset} after the machine's reset",
                self.number
            );
        }
        let name = match self.reader.ask(terminal, "login: ", false)? {
            Answer::Line(name) if !name.trim().is_empty() => String::from(name.trim()),
            _ => return Ok(None),
        };
        let Answer::Line(password) = self.reader.ask(terminal, "Password: ", true)? else { return Ok(None) };
        let file = match passwords::read(&mut self.fs) {
            Ok(file) => file,
            Err(why) => {
                write_all(terminal, format!("login: {why}\n").as_bytes());
                libipc::time::sleep(FAILURE_DELAY);
                return Ok(None);
            }
        };
        match file.verify(&name, password.as_bytes()) {
            Ok(account) => Ok(Some(account.clone())),
            Err(_) => {
                println!("login: console {}: wrong name or password for {name:?}", self.number);
                libipc::time::sleep(FAILURE_DELAY);
                write_all(terminal, b"Login incorrect: wrong name or password.\n\n");
                Ok(None)
            }
        }
    }

    /// Runs `account`'s shell in its own namespace until it exits.
    fn session(&mut self, account: &Account, terminal: &mut Terminal<KernelChannel>) -> Result<(), String> {
        let namespace = self.narrow(account)?;
        let for_release = namespace.duplicate(handed_on_rights()).map_err(|error| format!("namespace: {error}"))?;
        let badge = NEXT_BADGE.fetch_add(1, Ordering::Relaxed);
        self.sessions.lock().insert(badge, SessionAccount::of(account));
        let result = self.run_shell(account, namespace, badge, terminal);
        self.sessions.lock().remove(&badge);
        // The namespace ends with the session: handles a program kept
        // from it reach nothing any more.
        if let Err(error) = Namespace::new(KernelChannel::new(for_release)).release() {
            println!("login: releasing a namespace: {error:?}");
        }
        result
    }

    /// A namespace for `account`: what [`kept_paths`] allows.
    fn narrow(&mut self, account: &Account) -> Result<Handle, String> {
        let mut keep = BoundedVec::new();
        for (at, writable) in kept_paths(account.uid(), account.home()) {
            let at = BoundedString::try_from_str(&at).map_err(|_| format!("{at}: path too long"))?;
            keep.push(Keep { at, writable }).map_err(|_| String::from("too many paths to keep"))?;
        }
        let handle = self.namespace.narrow(keep).map_err(|error| format!("namespace: {error:?}"))?;
        Ok(handle.into_ipc())
    }

    fn run_shell(
        &mut self,
        account: &Account,
        namespace: Handle,
        badge: u64,
        terminal: &mut Terminal<KernelChannel>,
    ) -> Result<(), String> {
        if let Ok(motd) = userland::files::read_file(&mut self.fs, path("/etc/motd"), 4096) {
            write_all(terminal, &motd);
        }
        let session = self.minter.duplicate_badged(handed_on_rights(), badge).map_err(|error| format!("session: {error}"))?;
        let shell_terminal = self.console.terminal(self.number - 1).map_err(|error| format!("terminal: {error:?}"))?;
        let grants = Grants::new(account.home())
            .endpoint("terminal", shell_terminal.into_ipc())
            .endpoint("fs", namespace)
            .endpoint("session", session);
        println!("login: {} logged in on console {}", account.name(), self.number);
        let child = Launcher::new()?
            .start(&mut self.fs, account.shell(), &[], grants)
            .map_err(|why| format!("{}: {why}", account.shell()))?;
        let status = child.wait(&mut NothingElse)?;
        // "exit status 0", "killed" or "crashed: page fault".
        let ended = barodia_abi::ExitReason::from_status(status);
        println!("login: {} logged out of console {} ({ended})", account.name(), self.number);
        Ok(())
    }
}

fn path(text: &str) -> BoundedString<256> {
    BoundedString::try_from_str(text).unwrap_or_default()
}
