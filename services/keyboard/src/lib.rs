//! The keyboard driver's logic, tested on the host: scancodes in, key
//! events out, in one of ten layouts; and the `KeyEvents` interface
//! (`idl/keyboard.idl`) its consumers serve.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate alloc;

use pc_keyboard::layouts::{
    AnyLayout, Azerty, Colemak, DVP104Key, De105Key, Dvorak104Key, FiSe105Key, Jis109Key, No105Key, Uk105Key, Us104Key,
};
use pc_keyboard::{DecodedKey, HandleControl, KeyCode, PS2Keyboard, ScancodeSet1};

use api::{Key, Modifiers, SpecialKey};

/// `KeyEvents` and `Key`, generated from `idl/keyboard.idl`.
pub mod api {
    idlc_macro::interface!("../../idl/keyboard.idl");
}

/// The layouts the driver knows, by the name its `--layout` argument
/// takes; the first is the default.
pub const LAYOUTS: [&str; 10] = ["us", "uk", "de", "fr", "no", "fi-se", "jp", "dvorak", "dvorak-programmer", "colemak"];

/// The `pc-keyboard` layout called `name` (see [`LAYOUTS`]).
pub fn layout(name: &str) -> Option<AnyLayout> {
    Some(match name {
        "us" => AnyLayout::Us104Key(Us104Key),
        "uk" => AnyLayout::Uk105Key(Uk105Key),
        "de" => AnyLayout::De105Key(De105Key),
        "fr" => AnyLayout::Azerty(Azerty),
        "no" => AnyLayout::No105Key(No105Key),
        "fi-se" => AnyLayout::FiSe105Key(FiSe105Key),
        "jp" => AnyLayout::Jis109Key(Jis109Key),
        "dvorak" => AnyLayout::Dvorak104Key(Dvorak104Key),
        "dvorak-programmer" => AnyLayout::DVP104Key(DVP104Key),
        "colemak" => AnyLayout::Colemak(Colemak),
        _ => return None,
    })
}

/// Turns scancode bytes (set 1, as the 8042 delivers them by default) into
/// key presses, with the layout, the shift state and Ctrl applied.
pub struct Decoder {
    keyboard: PS2Keyboard<AnyLayout, ScancodeSet1>,
}

impl Default for Decoder {
    /// A decoder for the US layout.
    fn default() -> Self {
        Decoder::new(AnyLayout::Us104Key(Us104Key))
    }
}

impl core::fmt::Debug for Decoder {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str("Decoder")
    }
}

impl Decoder {
    /// A decoder for `layout`.
    pub fn new(layout: AnyLayout) -> Self {
        // Ctrl+letter types the control character (Ctrl+C is U+0003), which
        // is what a terminal expects.
        Decoder { keyboard: PS2Keyboard::new(ScancodeSet1::new(), layout, HandleControl::MapLettersToUnicode) }
    }

    /// Feeds one byte that arrived with the interrupt stamped `stamp`;
    /// returns the key pressed when the byte completes one. Releases,
    /// modifier presses and bytes the decoder rejects give `None`.
    pub fn feed(&mut self, byte: u8, stamp: u64) -> Option<Key> {
        let event = self.keyboard.add_byte(byte).ok()??;
        let code = event.code;
        let decoded = self.keyboard.process_keyevent(event)?;
        let held = self.keyboard.get_modifiers();
        let modifiers =
            Modifiers { shift: held.lshift || held.rshift, control: held.lctrl || held.rctrl, alt: held.lalt || held.ralt };
        let key = |character: u32, special: SpecialKey| Key { character, special, modifiers, stamp };
        // The layout types U+007F for Delete; a terminal tells Delete
        // (forward) from Backspace, so it goes as a special key.
        if code == KeyCode::Delete {
            return Some(key(0, SpecialKey::Delete));
        }
        match decoded {
            DecodedKey::Unicode(character) => Some(key(u32::from(character), SpecialKey::None)),
            DecodedKey::RawKey(code) => special_key(code).map(|special| key(0, special)),
        }
    }
}

/// The keys without a character that consumers are told about; modifiers,
/// lock keys and the rest give `None`.
fn special_key(code: KeyCode) -> Option<SpecialKey> {
    Some(match code {
        KeyCode::ArrowUp => SpecialKey::Up,
        KeyCode::ArrowDown => SpecialKey::Down,
        KeyCode::ArrowLeft => SpecialKey::Left,
        KeyCode::ArrowRight => SpecialKey::Right,
        KeyCode::Home => SpecialKey::Home,
        KeyCode::End => SpecialKey::End,
        KeyCode::PageUp => SpecialKey::PageUp,
        KeyCode::PageDown => SpecialKey::PageDown,
        KeyCode::Insert => SpecialKey::Insert,
        KeyCode::Delete => SpecialKey::Delete,
        KeyCode::F1 => SpecialKey::F1,
        KeyCode::F2 => SpecialKey::F2,
        KeyCode::F3 => SpecialKey::F3,
        KeyCode::F4 => SpecialKey::F4,
        KeyCode::F5 => SpecialKey::F5,
        KeyCode::F6 => SpecialKey::F6,
        KeyCode::F7 => SpecialKey::F7,
        KeyCode::F8 => SpecialKey::F8,
        KeyCode::F9 => SpecialKey::F9,
        KeyCode::F10 => SpecialKey::F10,
        KeyCode::F11 => SpecialKey::F11,
        KeyCode::F12 => SpecialKey::F12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set-1 make and break codes.
    const H: (u8, u8) = (0x23, 0xA3);
    const I: (u8, u8) = (0x17, 0x97);
    const C: (u8, u8) = (0x2E, 0xAE);
    const LEFT_SHIFT: (u8, u8) = (0x2A, 0xAA);
    const LEFT_CONTROL: (u8, u8) = (0x1D, 0x9D);
    const LEFT_ALT: (u8, u8) = (0x38, 0xB8);
    const F2: (u8, u8) = (0x3C, 0xBC);

    fn keys(bytes: &[u8]) -> alloc::vec::Vec<Key> {
        let mut decoder = Decoder::default();
        bytes.iter().filter_map(|byte| decoder.feed(*byte, 7)).collect()
    }

    fn characters(bytes: &[u8]) -> alloc::vec::Vec<u32> {
        keys(bytes).iter().map(|key| key.character).collect()
    }

    #[test]
    fn letters_and_shift() {
        assert_eq!(characters(&[H.0, H.1, I.0, I.1]), ['h' as u32, 'i' as u32]);
        assert_eq!(characters(&[LEFT_SHIFT.0, H.0, H.1, LEFT_SHIFT.1, I.0, I.1]), ['H' as u32, 'i' as u32]);
        let shifted = keys(&[LEFT_SHIFT.0, H.0]);
        assert!(shifted[0].modifiers.shift && !shifted[0].modifiers.alt);
        assert_eq!(shifted[0].stamp, 7);
    }

    #[test]
    fn control_letters_type_control_characters() {
        let pressed = keys(&[LEFT_CONTROL.0, C.0, C.1, LEFT_CONTROL.1]);
        assert_eq!(pressed.len(), 1);
        assert_eq!(pressed[0].character, 3);
        assert!(pressed[0].modifiers.control);
    }

    #[test]
    fn alt_function_key_is_special_with_alt() {
        let pressed = keys(&[LEFT_ALT.0, F2.0, F2.1, LEFT_ALT.1]);
        assert_eq!(pressed.len(), 1);
        assert_eq!(pressed[0].special, SpecialKey::F2);
        assert_eq!(pressed[0].character, 0);
        assert!(pressed[0].modifiers.alt);
    }

    #[test]
    fn arrows_and_delete_are_special() {
        // Extended (0xE0-prefixed) codes: up arrow, then Delete.
        let pressed = keys(&[0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0x53, 0xE0, 0xD3]);
        let specials: alloc::vec::Vec<_> = pressed.iter().map(|key| key.special).collect();
        assert_eq!(specials, [SpecialKey::Up, SpecialKey::Delete]);
    }

    #[test]
    fn layouts_are_selectable() {
        // Shift+2 types `@` on a US keyboard and `"` on a UK one; the key
        // left of Enter's row (set-1 0x10) is `q` on US and `a` on AZERTY.
        const TWO: (u8, u8) = (0x03, 0x83);
        let shifted_two = [LEFT_SHIFT.0, TWO.0, TWO.1, LEFT_SHIFT.1];
        let typed = |layout: &str, bytes: &[u8]| -> alloc::vec::Vec<u32> {
            let mut decoder = Decoder::new(super::layout(layout).unwrap());
            bytes.iter().filter_map(|byte| decoder.feed(*byte, 0)).map(|key| key.character).collect()
        };
        assert_eq!(typed("us", &shifted_two), ['@' as u32]);
        assert_eq!(typed("uk", &shifted_two), ['"' as u32]);
        assert_eq!(typed("fr", &[0x10, 0x90]), ['a' as u32]);
        assert!(LAYOUTS.iter().all(|name| super::layout(name).is_some()));
        assert!(super::layout("klingon").is_none());
    }

    #[test]
    fn garbage_is_ignored() {
        let mut decoder = Decoder::default();
        for byte in [0xE0, 0xFF, 0x00, 0xE1] {
            let _ = decoder.feed(byte, 0);
        }
        // A byte after a dangling prefix may complete that prefix; the
        // decoder recovers by the next key.
        let after: alloc::vec::Vec<_> = [H.0, H.1, H.0].iter().filter_map(|byte| decoder.feed(*byte, 0)).collect();
        assert_eq!(after.last().map(|key| key.character), Some('h' as u32));
    }
}
