//! The keyboard driver's logic, tested on the host: scancodes in, key
//! events out; and the `KeyEvents` interface (`idl/keyboard.idl`) its
//! consumers serve.
#![no_std]
#![forbid(unsafe_code)]

use pc_keyboard::layouts::Us104Key;
use pc_keyboard::{DecodedKey, HandleControl, KeyCode, PS2Keyboard, ScancodeSet1};

/// `KeyEvents` and `Key`, generated from `idl/keyboard.idl`.
pub mod api {
    idlc_macro::interface!("../../idl/keyboard.idl");
}

/// Turns scancode bytes (set 1, as the 8042 delivers them by default) into
/// key presses, with the US layout and the shift state applied.
pub struct Decoder {
    keyboard: PS2Keyboard<Us104Key, ScancodeSet1>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder { keyboard: PS2Keyboard::new(ScancodeSet1::new(), Us104Key, HandleControl::Ignore) }
    }
}

impl core::fmt::Debug for Decoder {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str("Decoder")
    }
}

impl Decoder {
    /// Feeds one byte; returns the key pressed when the byte completes one.
    /// Releases, modifier presses and bytes the decoder rejects give `None`.
    pub fn feed(&mut self, byte: u8) -> Option<api::Key> {
        let event = self.keyboard.add_byte(byte).ok()??;
        match self.keyboard.process_keyevent(event)? {
            DecodedKey::Unicode(character) => Some(api::Key { character: u32::from(character), code: 0 }),
            DecodedKey::RawKey(code) if is_modifier(code) => None,
            DecodedKey::RawKey(code) => Some(api::Key { character: 0, code: code as u16 }),
        }
    }
}

/// Shift, Control, Alt and the lock keys change what other keys type; they
/// are not key presses a consumer wants on their own.
fn is_modifier(code: KeyCode) -> bool {
    matches!(
        code,
        KeyCode::LShift
            | KeyCode::RShift
            | KeyCode::LControl
            | KeyCode::RControl
            | KeyCode::LAlt
            | KeyCode::RAltGr
            | KeyCode::LWin
            | KeyCode::RWin
            | KeyCode::CapsLock
            | KeyCode::NumpadLock
            | KeyCode::ScrollLock
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set-1 make and break codes.
    const H: (u8, u8) = (0x23, 0xA3);
    const I: (u8, u8) = (0x17, 0x97);
    const LEFT_SHIFT: (u8, u8) = (0x2A, 0xAA);

    fn typed(bytes: &[u8]) -> [u32; 4] {
        let mut decoder = Decoder::default();
        let mut out = [0u32; 4];
        let mut count = 0;
        for byte in bytes {
            if let Some(key) = decoder.feed(*byte) {
                out[count] = key.character;
                count += 1;
            }
        }
        out
    }

    #[test]
    fn letters_and_shift() {
        assert_eq!(typed(&[H.0, H.1, I.0, I.1]), ['h' as u32, 'i' as u32, 0, 0]);
        assert_eq!(typed(&[LEFT_SHIFT.0, H.0, H.1, LEFT_SHIFT.1, I.0, I.1]), ['H' as u32, 'i' as u32, 0, 0]);
    }

    #[test]
    fn keys_without_characters_give_their_code() {
        let mut decoder = Decoder::default();
        // F1 press.
        let key = decoder.feed(0x3B).unwrap();
        assert_eq!(key.character, 0);
        assert_ne!(key.code, 0);
    }

    #[test]
    fn garbage_is_ignored() {
        let mut decoder = Decoder::default();
        for byte in [0xE0, 0xFF, 0x00, 0xE1] {
            let _ = decoder.feed(byte);
        }
        assert!(typed(&[H.0]).starts_with(&['h' as u32]));
    }
}
