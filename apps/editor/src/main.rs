//! `edit PATH`: a full-screen text editor for one file.
//!
//! Opens `PATH` (relative to the working directory), or an empty buffer
//! if no file is there yet, on the whole terminal; Ctrl-S saves, Ctrl-Q
//! quits (twice with unsaved changes). This program is only the I/O:
//! the file system ([`mod@file`]) and the terminal ([`session`]). What the
//! keys do and what the screen shows is `editor-buffer`, tested on the
//! host. A file that is not UTF-8, has a line too long or is larger than
//! [`editor_buffer::MAX_FILE_SIZE`] is refused before the screen changes.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![forbid(unsafe_code)]

#[cfg(target_os = "none")]
extern crate alloc;

#[cfg(target_os = "none")]
mod file;
#[cfg(target_os = "none")]
mod session;

userland::utility!("edit", program::body);

#[cfg(target_os = "none")]
mod program {
    use alloc::format;
    use alloc::string::String;

    use editor_buffer::{Buffer, Editor};
    use userland::Environment;

    /// Loads the file, then edits it until Ctrl-Q.
    pub fn body(environment: &mut Environment, arguments: &[&str]) -> Result<(), String> {
        let [typed] = arguments else {
            return Err(String::from("usage: edit PATH"));
        };
        let path = environment.resolve(typed).map_err(|error| format!("{typed}: {error}"))?;
        let buffer = match crate::file::load(environment, &path) {
            Ok(Some(buffer)) => buffer,
            Ok(None) => Buffer::new(),
            Err(why) => return Err(format!("{typed}: {why}")),
        };
        let size = environment.terminal.size().map_err(|error| format!("terminal size: {error:?}"))?;
        let mut editor = Editor::new(buffer, typed, usize::from(size.columns), usize::from(size.rows));
        crate::session::run(environment, &mut editor, &path)
    }
}
