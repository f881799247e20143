//! `> FILE`: a `Terminal` the shell serves a program in place of its own,
//! whose writes go into a file. Reading it gives end of input (0 bytes),
//! as from an empty file; waiting on it for Ctrl+C is abandoned at once.

use alloc::format;
use alloc::string::String;

use console::api::TerminalSize;
use console::api::terminal::{self, InterruptResponder, ReadResponder, Server};
use console::{COLUMNS, ROWS};
use libipc::rpc::{Dispatch, KernelChannel, Reply, Request};
use libipc::wire::{BoundedBytes, BoundedString};
use ramdisk::api::NodeKind;
use ramdisk::api::file_system::Client as FileSystem;
use userland::describe;

/// A terminal that appends to a file.
pub struct FileTerminal {
    fs: FileSystem<KernelChannel>,
    path: BoundedString<256>,
    /// Where the next write goes.
    offset: u64,
    /// The first write that failed, told once the program has ended.
    failure: Option<String>,
}

impl FileTerminal {
    /// Opens `path` for output: created if missing, emptied unless `append`.
    pub fn open(mut fs: FileSystem<KernelChannel>, path: &str, append: bool) -> Result<FileTerminal, String> {
        let name = BoundedString::try_from_str(path).map_err(|_| String::from("path too long"))?;
        match fs.stat(name) {
            Ok(metadata) if metadata.kind == NodeKind::Directory => return Err(String::from("is a directory")),
            Ok(_) => {}
            Err(_) => fs.create(name, NodeKind::File).map_err(|error| String::from(describe(&error)))?,
        }
        let offset = if append {
            fs.stat(name).map_err(|error| String::from(describe(&error)))?.size
        } else {
            fs.truncate(name, 0).map_err(|error| String::from(describe(&error)))?;
            0
        };
        Ok(FileTerminal { fs, path: name, offset, failure: None })
    }

    /// Why output was lost, if it was.
    pub fn failure(self) -> Option<String> {
        self.failure
    }

    /// Serves this terminal's requests.
    pub fn dispatcher(&mut self) -> Serving<'_> {
        Serving(self)
    }
}

/// [`FileTerminal`] as a dispatcher.
pub struct Serving<'a>(&'a mut FileTerminal);

impl Dispatch for Serving<'_> {
    fn dispatch(&mut self, request: Request<'_>) -> Reply {
        terminal::dispatch(self.0, request)
    }
}

impl Server for FileTerminal {
    fn write(&mut self, text: BoundedBytes<4000>) {
        if self.failure.is_some() {
            return;
        }
        match self.fs.write(self.path, self.offset, text.as_slice()) {
            Ok(written) => self.offset += u64::from(written),
            Err(error) => self.failure = Some(format!("{}: {}", self.path.as_str(), describe(&error))),
        }
    }

    fn read(&mut self, _max: u16, responder: ReadResponder) {
        responder.reply(Ok(BoundedBytes::default()));
    }

    fn interrupt(&mut self, responder: InterruptResponder) {
        // Dropped: the program hears `Abandoned`, never a Ctrl+C.
        drop(responder);
    }

    fn size(&mut self) -> TerminalSize {
        // The constants fit in u16.
        TerminalSize { columns: COLUMNS as u16, rows: ROWS as u16 }
    }
}
