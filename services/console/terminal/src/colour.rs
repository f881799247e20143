//! SGR (Select Graphic Rendition, `CSI ... m`): the pen that colours the
//! characters written after it, and the ANSI to VGA colour mapping.

use crate::cell::{Attribute, color_from_nibble};

/// ANSI colour numbers (0 black, 1 red, 2 green, 3 yellow, 4 blue,
/// 5 magenta, 6 cyan, 7 white) to VGA ones, whose red and blue bits are
/// swapped (VGA 1 is blue, 4 is red). ANSI "yellow" is VGA brown, which
/// is what the VGA palette shows for it at normal intensity.
const ANSI_TO_VGA: [u8; 8] = [0, 4, 2, 6, 1, 5, 3, 7];

/// ANSI default foreground: white (7), which is VGA light grey.
const DEFAULT_FOREGROUND: u8 = 7;
/// ANSI default background: black.
const DEFAULT_BACKGROUND: u8 = 0;

/// The VGA colour number for ANSI colour `ansi` (0-15; 8-15 are bright).
pub fn ansi_to_vga(ansi: u8) -> u8 {
    let base = ANSI_TO_VGA.get(usize::from(ansi & 7)).copied().unwrap_or(0);
    base | (ansi & 8)
}

/// The graphic rendition state set by SGR.
///
/// Bold is shown as a bright foreground, the only way a VGA text mode font
/// can show it. Bright backgrounds (SGR 100-107) set attribute bit 7, which
/// the VGA shows as blinking unless the console program turns blinking off
/// in the attribute controller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    /// ANSI foreground colour, 0-15.
    foreground: u8,
    /// ANSI background colour, 0-15.
    background: u8,
    bold: bool,
    reverse: bool,
    /// The attribute the fields above give, kept up to date by every change
    /// so that printing a character does not recompute it.
    attribute: Attribute,
}

impl Default for Pen {
    fn default() -> Self {
        Pen {
            foreground: DEFAULT_FOREGROUND,
            background: DEFAULT_BACKGROUND,
            bold: false,
            reverse: false,
            attribute: Attribute::DEFAULT,
        }
    }
}

impl Pen {
    /// The attribute for characters written with this pen.
    pub fn attribute(&self) -> Attribute {
        self.attribute
    }

    /// The attribute for erased cells: the current background (as on a
    /// VT220 and xterm) with the default foreground, never reversed.
    pub fn erase_attribute(&self) -> Attribute {
        let background = ansi_to_vga(self.background);
        let foreground = ansi_to_vga(DEFAULT_FOREGROUND);
        Attribute::new(color_from_nibble(foreground), color_from_nibble(background))
    }

    /// Applies the parameters of one `CSI ... m`; no parameters means 0.
    /// Unknown codes are ignored, as ECMA-48 asks.
    pub fn apply_sgr(&mut self, parameters: &[u16]) {
        if parameters.is_empty() {
            *self = Pen::default();
            return;
        }
        let mut index = 0;
        while let Some(&code) = parameters.get(index) {
            index += 1;
            match code {
                0 => *self = Pen::default(),
                1 => self.bold = true,
                22 => self.bold = false,
                7 => self.reverse = true,
                27 => self.reverse = false,
                30..=37 => self.foreground = (code - 30) as u8,
                90..=97 => self.foreground = (code - 90) as u8 + 8,
                39 => self.foreground = DEFAULT_FOREGROUND,
                40..=47 => self.background = (code - 40) as u8,
                100..=107 => self.background = (code - 100) as u8 + 8,
                49 => self.background = DEFAULT_BACKGROUND,
                38 | 48 => {
                    let (colour, used) = extended_colour(parameters.get(index..).unwrap_or(&[]));
                    index += used;
                    if let Some(colour) = colour {
                        if code == 38 {
                            self.foreground = colour;
                        } else {
                            self.background = colour;
                        }
                    }
                }
                _ => {}
            }
        }
        self.attribute = self.compute_attribute();
    }

    fn compute_attribute(&self) -> Attribute {
        let mut foreground = self.foreground;
        if self.bold {
            foreground |= 8;
        }
        let (foreground, background) = if self.reverse {
            (self.background, foreground)
        } else {
            (foreground, self.background)
        };
        Attribute::new(
            color_from_nibble(ansi_to_vga(foreground)),
            color_from_nibble(ansi_to_vga(background)),
        )
    }
}

/// Reads the arguments of SGR 38/48 (`5;n` for 256 colours, `2;r;g;b`
/// for true colour) so they are not taken for codes of their own. Returns
/// the ANSI colour when it is one of the 16 we can show, and how many
/// parameters were consumed.
fn extended_colour(arguments: &[u16]) -> (Option<u8>, usize) {
    match arguments.first() {
        Some(5) => {
            let colour = arguments
                .get(1)
                .and_then(|&n| u8::try_from(n).ok())
                .filter(|&n| n < 16);
            (colour, arguments.len().min(2))
        }
        Some(2) => (None, arguments.len().min(4)),
        Some(_) => (None, 1),
        None => (None, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vga::colors::Color16;

    fn attribute_after(parameters: &[u16]) -> Attribute {
        let mut pen = Pen::default();
        pen.apply_sgr(parameters);
        pen.attribute()
    }

    #[test]
    fn ansi_colours_map_to_vga_numbers() {
        assert_eq!(ansi_to_vga(1), Color16::Red as u8);
        assert_eq!(ansi_to_vga(4), Color16::Blue as u8);
        assert_eq!(ansi_to_vga(3), Color16::Brown as u8);
        assert_eq!(ansi_to_vga(6), Color16::Cyan as u8);
        assert_eq!(ansi_to_vga(9), Color16::LightRed as u8);
        assert_eq!(ansi_to_vga(11), Color16::Yellow as u8);
        assert_eq!(ansi_to_vga(15), Color16::White as u8);
    }

    #[test]
    fn sgr_sets_and_resets_colours() {
        assert_eq!(
            attribute_after(&[31]),
            Attribute::new(Color16::Red, Color16::Black)
        );
        assert_eq!(
            attribute_after(&[1, 31, 44]),
            Attribute::new(Color16::LightRed, Color16::Blue)
        );
        assert_eq!(
            attribute_after(&[1]),
            Attribute::new(Color16::White, Color16::Black)
        );
        assert_eq!(attribute_after(&[1, 22]), Attribute::DEFAULT);
        assert_eq!(attribute_after(&[94, 103]).byte(), 0xE9);
        assert_eq!(attribute_after(&[31, 44, 39, 49]), Attribute::DEFAULT);
        assert_eq!(attribute_after(&[31, 0]), Attribute::DEFAULT);
        assert_eq!(
            attribute_after(&[31, 44, 7]),
            Attribute::new(Color16::Blue, Color16::Red)
        );
        assert_eq!(attribute_after(&[7, 27]), Attribute::DEFAULT);
    }

    #[test]
    fn extended_colours_do_not_leak_into_other_codes() {
        // 38;5;1 is 256-colour red; its 5 must not be read as "blink".
        assert_eq!(
            attribute_after(&[38, 5, 1]),
            Attribute::new(Color16::Red, Color16::Black)
        );
        // True colour is not shown, and 2;255;0;7 must not turn on reverse.
        assert_eq!(attribute_after(&[38, 2, 255, 0, 7]), Attribute::DEFAULT);
        assert_eq!(
            attribute_after(&[48, 5, 200, 31]),
            Attribute::new(Color16::Red, Color16::Black)
        );
        assert_eq!(attribute_after(&[48]), Attribute::DEFAULT);
    }

    #[test]
    fn erase_uses_background_only() {
        let mut pen = Pen::default();
        pen.apply_sgr(&[1, 33, 44, 7]);
        assert_eq!(
            pen.erase_attribute(),
            Attribute::new(Color16::LightGrey, Color16::Blue)
        );
    }
}
