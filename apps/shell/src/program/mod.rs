//! Startup and the read-edit-run loop.

mod builtins;
mod children;
mod jobs;
mod redirect;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use console::COLUMNS;
use console::api::terminal::Client as Terminal;
use init::starter::Starter;
use libipc::ipc::Handle;
use libipc::println;
use libipc::rpc::KernelChannel;
use libipc::wire::BoundedString;
use line_editor::{Event, LineEditor, WordKind, complete, completion_context};
use login::api::session::Client as Session;
use ramdisk::api::file_system::Client as FileSystem;
use userland::launch::handed_on_rights;

libipc::entry!(main);

/// Everything the loop works with.
pub struct Shell {
    terminal: Terminal<KernelChannel>,
    /// The terminal's handle, duplicated for each program.
    terminal_handle: Handle,
    fs: FileSystem<KernelChannel>,
    /// The namespace's handle, duplicated for each program.
    fs_handle: Handle,
    /// The login session's handle, if login started the shell.
    session_handle: Option<Handle>,
    /// The account's name and home, for the prompt and `cd`.
    user: String,
    home: String,
    /// Whether the account is root (uid 0): its prompt ends in `#`.
    root: bool,
    cwd: String,
    editor: LineEditor,
    output: Vec<u8>,
    running: children::Running,
    jobs: jobs::Jobs,
}

fn main() {
    init::starter::run("shell", run);
}

/// A second handle to what `handle` reaches, to keep or hand on.
pub fn duplicate(handle: &Handle) -> Result<Handle, String> {
    handle.duplicate(handed_on_rights()).map_err(|error| format!("duplicate: {error}"))
}

fn run() -> Result<(), String> {
    let mut starter = Starter::connect()?;
    let terminal_handle = starter.endpoint("terminal")?;
    let fs_handle = starter.endpoint("fs")?;
    // Started by hand rather than by login, a shell has no session.
    let session_handle = starter.endpoint("session").ok();
    let cwd = starter.working_directory()?;
    let (user, home, root) = match &session_handle {
        Some(handle) => {
            let identity = Session::new(KernelChannel::new(duplicate(handle)?))
                .whoami()
                .map_err(|error| format!("session: {error:?}"))?;
            (String::from(identity.name.as_str()), String::from(identity.home.as_str()), identity.uid == 0)
        }
        None => (String::from("?"), String::from("/"), false),
    };
    let fs = FileSystem::connect(KernelChannel::new(duplicate(&fs_handle)?)).map_err(|error| format!("fs: {error:?}"))?;
    let running = children::Running::default();
    children::watch_interrupts(Terminal::new(KernelChannel::new(duplicate(&terminal_handle)?)), running.clone())?;
    let mut shell = Shell {
        terminal: Terminal::new(KernelChannel::new(duplicate(&terminal_handle)?)),
        terminal_handle,
        fs,
        fs_handle,
        session_handle,
        user,
        home,
        root,
        cwd,
        editor: LineEditor::new(COLUMNS),
        output: Vec::new(),
        running,
        jobs: jobs::Jobs::default(),
    };
    println!("shell: ready for {}", shell.user);
    shell.say("Barodia shell. Type `help` for the builtins; programs are in /bin.\n");
    shell.serve()
}

impl Shell {
    /// `user:/home/user$ `; `#` for root.
    fn prompt(&self) -> String {
        let sign = if self.root { '#' } else { '$' };
        format!("{}:{}{sign} ", self.user, self.cwd)
    }

    /// Sends what the editor (or a builtin) wrote to the terminal.
    fn flush(&mut self) {
        userland::prompt::write_all(&mut self.terminal, &self.output);
        self.output.clear();
    }

    /// Writes `text` to the terminal (`\n` ends lines).
    pub fn say(&mut self, text: &str) {
        self.output.extend_from_slice(text.as_bytes());
        self.flush();
    }

    fn serve(&mut self) -> Result<(), String> {
        let prompt = self.prompt();
        self.editor.start(&prompt, &mut self.output);
        self.flush();
        let mut pending: Vec<u8> = Vec::new();
        loop {
            if pending.is_empty() {
                let typed = self.terminal.read(256).map_err(|error| format!("read: {error:?}"))?;
                pending.extend_from_slice(typed.as_slice());
            }
            let (used, event) = self.editor.feed(&pending, &mut self.output);
            pending.drain(..used.min(pending.len()));
            self.flush();
            let Some(event) = event else { continue };
            match event {
                Event::Submitted(line) => {
                    if self.run_line(&line) == builtins::Flow::Exit {
                        return Ok(());
                    }
                }
                Event::Cancelled => {}
                Event::EndOfInput => return Ok(()),
                Event::CompletionRequested { repeated } => {
                    self.complete(repeated);
                    self.flush();
                    continue;
                }
            }
            for line in self.jobs.take_ended() {
                self.say(&line);
            }
            let prompt = self.prompt();
            self.editor.start(&prompt, &mut self.output);
            self.flush();
        }
    }

    /// Tab: commands from the builtins and `/bin`, paths from the files.
    fn complete(&mut self, repeated: bool) {
        let line = String::from(self.editor.line());
        let context = completion_context(&line, self.editor.cursor());
        let candidates: Vec<String> = match context.kind {
            WordKind::Command => {
                let mut names: Vec<String> = builtins::NAMES.iter().map(|name| String::from(*name)).collect();
                names.extend(self.names_in("/bin").into_iter().map(|(name, _)| name));
                names
            }
            WordKind::Path => {
                // Candidates are spelled as typed: the directory part, then
                // each name in it (directories with their `/`).
                let (directory, _) = context.directory_and_name();
                let listed = if directory.is_empty() { "." } else { directory };
                let Ok(absolute) = vfs_path::normalize(&self.cwd, listed) else { return };
                self.names_in(&absolute)
                    .into_iter()
                    .map(|(name, is_directory)| format!("{directory}{name}{}", if is_directory { "/" } else { "" }))
                    .collect()
            }
        };
        let completion = complete(context.prefix, candidates.iter().map(String::as_str));
        if !completion.insert.is_empty() {
            let insert = completion.insert.clone();
            self.editor.insert(&insert, &mut self.output);
        } else if repeated && completion.matches.len() > 1 {
            let listing = completion.matches.join("  ");
            self.editor.write_below(&listing, &mut self.output);
        }
    }

    /// The names in directory `path`, and whether each is a directory.
    fn names_in(&mut self, path: &str) -> Vec<(String, bool)> {
        let mut names = Vec::new();
        let Ok(name) = BoundedString::<256>::try_from_str(path) else { return names };
        let mut start = 0;
        while let Ok(page) = self.fs.list(name, start) {
            for entry in page.entries.iter() {
                names.push((String::from(entry.name.as_str()), entry.metadata.kind == ramdisk::api::NodeKind::Directory));
            }
            if !page.more {
                break;
            }
            start += 16;
        }
        names
    }
}
