//! The editor's key bindings: what each [`term_keys::Key`] does.

use term_keys::Key;

/// What a key press asks the editor to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyAction {
    /// A key that edits the text or moves the cursor, handled as it is;
    /// Ctrl-A and Ctrl-E come as Home and End. Never a control key.
    Key(Key),
    /// Ctrl-S.
    Save,
    /// Ctrl-Q.
    Quit,
}

/// What `key` does in the editor; `None` for control keys it does not
/// bind (they are not typed into the text either).
pub(crate) fn key_action(key: Key) -> Option<KeyAction> {
    Some(match key {
        Key::Control('a') => KeyAction::Key(Key::Home),
        Key::Control('e') => KeyAction::Key(Key::End),
        Key::Control('s') => KeyAction::Save,
        Key::Control('q') => KeyAction::Quit,
        Key::Control(_) => return None,
        key => KeyAction::Key(key),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_keys_are_bound() {
        assert_eq!(key_action(Key::Control('s')), Some(KeyAction::Save));
        assert_eq!(key_action(Key::Control('q')), Some(KeyAction::Quit));
        assert_eq!(
            key_action(Key::Control('a')),
            Some(KeyAction::Key(Key::Home))
        );
        assert_eq!(
            key_action(Key::Control('e')),
            Some(KeyAction::Key(Key::End))
        );
    }

    #[test]
    fn other_control_keys_do_nothing() {
        for letter in ['@', 'b', 'c', 'g', 'z', '\\', '_'] {
            assert_eq!(key_action(Key::Control(letter)), None, "Ctrl-{letter}");
        }
    }
}
