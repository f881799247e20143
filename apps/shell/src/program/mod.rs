//! Startup and the read-edit-run loop.

mod builtins;
mod children;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use console::COLUMNS;
use console::api::console::Client as Console;
use console::api::terminal::Client as Terminal;
use init::api::bootstrap::Client as Bootstrap;
use libipc::println;
use libipc::rpc::KernelChannel;
use libipc::wire::{BoundedBytes, BoundedString};
use line_editor::{Event, LineEditor, WordKind, complete, completion_context};
use ramdisk::api::file_system::Client as FileSystem;

libipc::entry!(main);

/// Everything the loop works with.
pub struct Shell {
    terminal: Terminal<KernelChannel>,
    console: Console<KernelChannel>,
    /// Which console (0-based), for the children's terminals.
    index: u8,
    fs: FileSystem<KernelChannel>,
    /// init's `Bootstrap`, asked for a file-system handle for each program.
    bootstrap: Bootstrap<KernelChannel>,
    cwd: String,
    editor: LineEditor,
    output: Vec<u8>,
    running: children::Running,
}

pub fn name(text: &str) -> BoundedString<32> {
    BoundedString::try_from_str(text).unwrap_or_default()
}

fn main() {
    if let Err(why) = run() {
        println!("shell: {why}");
        libipc::sys::exit(1);
    }
}

fn run() -> Result<(), String> {
    let number: u8 = libipc::env::args()
        .skip_while(|argument| *argument != "--console")
        .nth(1)
        .and_then(|number| number.parse().ok())
        .unwrap_or(4);
    let index = number.checked_sub(1).ok_or("consoles count from 1")?;
    let bootstrap = libipc::env::initial_handle().ok_or("started without a bootstrap endpoint")?;
    let mut bootstrap = Bootstrap::connect(KernelChannel::new(bootstrap)).map_err(|error| format!("bootstrap: {error:?}"))?;
    let console = bootstrap.endpoint(name("console")).map_err(|error| format!("console: {error:?}"))?;
    let fs = bootstrap.endpoint(name("fs")).map_err(|error| format!("fs: {error:?}"))?.into_ipc();
    let mut console = Console::connect(KernelChannel::new(console.into_ipc())).map_err(|error| format!("console: {error:?}"))?;
    let terminal = console.terminal(index).map_err(|error| format!("terminal: {error:?}"))?;
    let watcher = console.terminal(index).map_err(|error| format!("terminal: {error:?}"))?;
    let fs = FileSystem::connect(KernelChannel::new(fs)).map_err(|error| format!("fs: {error:?}"))?;
    let running = children::Running::default();
    children::watch_interrupts(Terminal::new(KernelChannel::new(watcher.into_ipc())), running.clone())?;
    let mut shell = Shell {
        terminal: Terminal::new(KernelChannel::new(terminal.into_ipc())),
        console,
        index,
        fs,
        bootstrap,
        cwd: String::from("/"),
        editor: LineEditor::new(COLUMNS),
        output: Vec::new(),
        running,
    };
    println!("shell: ready on console {number}");
    // Clear what the console showed before (its banner and echo prompt).
    shell.say("\x1b[2J\x1b[HBarodia shell. Type `help` for the builtins; programs are in /bin.\n");
    shell.serve()
}

impl Shell {
    fn prompt(&self) -> String {
        format!("{}$ ", self.cwd)
    }

    /// Sends what the editor (or a builtin) wrote to the terminal.
    fn flush(&mut self) {
        for piece in self.output.chunks(4000) {
            if let Ok(piece) = BoundedBytes::try_from_slice(piece) {
                let _ = self.terminal.write(piece);
            }
        }
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
