//! The terminal loop: typed bytes into the editor, its screen updates
//! out, and the file saved when asked.

use alloc::string::String;
use alloc::vec::Vec;

use editor_buffer::{Action, Editor};
use userland::Environment;

/// The most bytes one `read` returns (`Terminal::read`'s limit).
const READ_MAX: u16 = 256;

/// Edits until Ctrl-Q, then clears the screen (also when the terminal
/// fails) so the shell's prompt comes back on a clean one.
pub fn run(environment: &mut Environment, editor: &mut Editor, path: &str) -> Result<(), String> {
    let result = edit(environment, editor, path);
    let mut output = Vec::new();
    editor.leave(&mut output);
    environment.write(&output);
    result
}

fn edit(environment: &mut Environment, editor: &mut Editor, path: &str) -> Result<(), String> {
    let mut output = Vec::new();
    loop {
        // One render per read: keys that arrive together (a paste, an
        // escape sequence, fast typing) cost one screen update.
        editor.render(&mut output);
        environment.write(&output);
        output.clear();
        let typed = environment
            .terminal
            .read(READ_MAX)
            .map_err(|error| alloc::format!("reading the terminal: {error:?}"))?;
        let mut rest = typed.as_slice();
        while !rest.is_empty() {
            let (used, action) = editor.feed(rest);
            rest = rest.get(used..).unwrap_or(&[]);
            match action {
                Some(Action::Save) => save(environment, editor, path),
                Some(Action::Quit) => return Ok(()),
                None => {}
            }
        }
    }
}

fn save(environment: &mut Environment, editor: &mut Editor, path: &str) {
    let bytes = editor.buffer().to_bytes();
    match crate::file::save(environment, path, &bytes) {
        Ok(()) => editor.saved(),
        Err(why) => editor.save_failed(why),
    }
}
