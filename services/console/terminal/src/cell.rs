//! One character cell of the text grid, in the VGA text mode's own layout.

use vga::colors::{Color16, TextModeColor};
use vga::writers::ScreenCharacter;

/// A VGA attribute byte: foreground colour in the low nibble, background in
/// the high nibble (bit 7 is background intensity; we never enable blink).
///
/// We keep the raw byte rather than `vga::colors::TextModeColor` because
/// that type has no getter for it, and the console server (which has no
/// `unsafe`) needs the byte to fill the text buffer and tests need it to
/// check colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attribute(u8);

impl Attribute {
    /// Light grey on black: what the BIOS leaves and what SGR 0 restores.
    pub const DEFAULT: Attribute = Attribute::new(Color16::LightGrey, Color16::Black);

    /// The attribute for `foreground` on `background`.
    pub const fn new(foreground: Color16, background: Color16) -> Attribute {
        Attribute(((background as u8) << 4) | (foreground as u8))
    }

    /// The attribute with this raw byte.
    pub const fn from_byte(byte: u8) -> Attribute {
        Attribute(byte)
    }

    /// The raw byte, as the VGA text buffer stores it.
    pub const fn byte(self) -> u8 {
        self.0
    }

    /// The foreground colour (low nibble).
    pub fn foreground(self) -> Color16 {
        color_from_nibble(self.0)
    }

    /// The background colour (high nibble).
    pub fn background(self) -> Color16 {
        color_from_nibble(self.0 >> 4)
    }
}

impl Default for Attribute {
    fn default() -> Self {
        Attribute::DEFAULT
    }
}

impl From<Attribute> for TextModeColor {
    fn from(attribute: Attribute) -> TextModeColor {
        TextModeColor::new(attribute.foreground(), attribute.background())
    }
}

/// The colour whose VGA number is the low four bits of `nibble`.
pub fn color_from_nibble(nibble: u8) -> Color16 {
    const COLORS: [Color16; 16] = [
        Color16::Black,
        Color16::Blue,
        Color16::Green,
        Color16::Cyan,
        Color16::Red,
        Color16::Magenta,
        Color16::Brown,
        Color16::LightGrey,
        Color16::DarkGrey,
        Color16::LightBlue,
        Color16::LightGreen,
        Color16::LightCyan,
        Color16::LightRed,
        Color16::Pink,
        Color16::Yellow,
        Color16::White,
    ];
    // The mask keeps the index below 16, so this never falls back.
    COLORS
        .get(usize::from(nibble & 0x0F))
        .copied()
        .unwrap_or(Color16::Black)
}

/// One cell: a code page 437 character and its attribute, laid out like a
/// cell of the VGA text buffer (character byte first, then attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct Cell {
    /// The code page 437 character.
    pub character: u8,
    /// Its colours.
    pub attribute: Attribute,
}

impl Cell {
    /// A space in the default colours: what erased cells become.
    pub const BLANK: Cell = Cell {
        character: b' ',
        attribute: Attribute::DEFAULT,
    };

    /// The cell with `character` in `attribute`.
    pub const fn new(character: u8, attribute: Attribute) -> Cell {
        Cell {
            character,
            attribute,
        }
    }

    /// The cell as the 16-bit word the VGA text buffer holds (character in
    /// the low byte, attribute in the high byte), for a single store.
    pub const fn vga_word(self) -> u16 {
        ((self.attribute.0 as u16) << 8) | self.character as u16
    }
}

impl Default for Cell {
    fn default() -> Self {
        Cell::BLANK
    }
}

impl From<Cell> for ScreenCharacter {
    fn from(cell: Cell) -> ScreenCharacter {
        ScreenCharacter::new(cell.character, cell.attribute.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_layout_is_foreground_low_background_high() {
        let attribute = Attribute::new(Color16::Yellow, Color16::Blue);
        assert_eq!(attribute.byte(), 0x1E);
        assert_eq!(attribute.foreground(), Color16::Yellow);
        assert_eq!(attribute.background(), Color16::Blue);
        assert_eq!(Attribute::DEFAULT.byte(), 0x07);
    }

    #[test]
    fn cell_converts_to_vga_types() {
        let cell = Cell::new(b'A', Attribute::new(Color16::White, Color16::Red));
        assert_eq!(cell.vga_word(), 0x4F41);
        let screen_character = ScreenCharacter::from(cell);
        assert_eq!(screen_character.get_character(), b'A');
        assert_eq!(
            screen_character.get_color(),
            TextModeColor::new(Color16::White, Color16::Red)
        );
    }
}
