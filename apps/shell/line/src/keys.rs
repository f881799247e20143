//! The line editor's key bindings: what each [`term_keys::Key`] does,
//! Emacs-style control keys included (Ctrl-B is Left, Ctrl-U kills to the
//! start of the line).

use term_keys::Key;

/// What a key press asks the line editor to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyAction {
    /// A key the line editor handles as it is: a character, Enter,
    /// Backspace, Delete, the arrows, Home, End, or Tab (a completion
    /// request). The Emacs movement keys come as the key they stand for.
    Key(Key),
    /// Ctrl-C: abandon the line.
    Interrupt,
    /// Ctrl-D: end of input on an empty line, else Delete.
    EndOfFile,
    /// Ctrl-U: erase from the start of the line to the cursor.
    KillToStart,
    /// Ctrl-K: erase from the cursor to the end of the line.
    KillToEnd,
    /// Ctrl-W: erase the word before the cursor.
    KillWord,
    /// Ctrl-L: clear the screen and redraw the line.
    ClearScreen,
}

/// What `key` does in the line editor; `None` for keys it ignores (Page
/// Up, Page Down and unbound control keys).
pub(crate) fn key_action(key: Key) -> Option<KeyAction> {
    Some(match key {
        Key::Control('a') => KeyAction::Key(Key::Home),
        Key::Control('b') => KeyAction::Key(Key::Left),
        Key::Control('e') => KeyAction::Key(Key::End),
        Key::Control('f') => KeyAction::Key(Key::Right),
        Key::Control('n') => KeyAction::Key(Key::Down),
        Key::Control('p') => KeyAction::Key(Key::Up),
        Key::Control('c') => KeyAction::Interrupt,
        Key::Control('d') => KeyAction::EndOfFile,
        Key::Control('u') => KeyAction::KillToStart,
        Key::Control('k') => KeyAction::KillToEnd,
        Key::Control('w') => KeyAction::KillWord,
        Key::Control('l') => KeyAction::ClearScreen,
        Key::PageUp | Key::PageDown | Key::Control(_) => return None,
        key => KeyAction::Key(key),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emacs_control_keys_are_bound() {
        let bound = [
            ('a', KeyAction::Key(Key::Home)),
            ('b', KeyAction::Key(Key::Left)),
            ('c', KeyAction::Interrupt),
            ('d', KeyAction::EndOfFile),
            ('e', KeyAction::Key(Key::End)),
            ('f', KeyAction::Key(Key::Right)),
            ('k', KeyAction::KillToEnd),
            ('l', KeyAction::ClearScreen),
            ('n', KeyAction::Key(Key::Down)),
            ('p', KeyAction::Key(Key::Up)),
            ('u', KeyAction::KillToStart),
            ('w', KeyAction::KillWord),
        ];
        for (letter, action) in bound {
            assert_eq!(
                key_action(Key::Control(letter)),
                Some(action),
                "Ctrl-{letter}"
            );
        }
    }

    #[test]
    fn page_keys_and_other_control_keys_do_nothing() {
        for key in [
            Key::PageUp,
            Key::PageDown,
            Key::Control('@'),
            Key::Control('g'),
            Key::Control('s'),
            Key::Control('z'),
            Key::Control('\\'),
        ] {
            assert_eq!(key_action(key), None, "{key:?}");
        }
    }
}
