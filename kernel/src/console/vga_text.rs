//! The early VGA text screen: 80x25 cells, a cursor, colours and scrolling.
//!
//! The BIOS bootloader leaves the display in a 1280x720 VESA framebuffer mode.
//! Text mode is what `qemu -display curses` and the test harness (which reads
//! the cells at physical 0xB8000) understand, so the kernel switches back.

use core::fmt;

use vga::colors::{Color16, DEFAULT_PALETTE, PALETTE_SIZE, TextModeColor};
use vga::vga::VGA;
use vga::writers::{ScreenCharacter, Text80x25, TextWriter};

use crate::arch::port;

const WIDTH: usize = 80;
const HEIGHT: usize = 25;
/// Physical address of the VGA window the `vga` crate addresses from.
const VGA_WINDOW_PHYSICAL: u64 = 0xA0000;

/// Bochs/QEMU "dispi" registers that control the VBE framebuffer mode.
const BOCHS_VBE_INDEX_PORT: u16 = 0x1CE;
const BOCHS_VBE_DATA_PORT: u16 = 0x1CF;
const BOCHS_VBE_INDEX_ENABLE: u16 = 4;

/// Which DAC entry each of the 16 text colours uses: the standard EGA mapping
/// that the `vga` crate writes into the attribute controller for 80x25.
const ATTRIBUTE_TO_DAC: [usize; 16] =
    [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F];

/// The 16 text colours as 6-bit RGB, in `Color16` order.
const TEXT_COLOURS: [[u8; 3]; 16] = [
    [0x00, 0x00, 0x00], [0x00, 0x00, 0x2A], [0x00, 0x2A, 0x00], [0x00, 0x2A, 0x2A],
    [0x2A, 0x00, 0x00], [0x2A, 0x00, 0x2A], [0x2A, 0x15, 0x00], [0x2A, 0x2A, 0x2A],
    [0x15, 0x15, 0x15], [0x15, 0x15, 0x3F], [0x15, 0x3F, 0x15], [0x15, 0x3F, 0x3F],
    [0x3F, 0x15, 0x15], [0x3F, 0x15, 0x3F], [0x3F, 0x3F, 0x15], [0x3F, 0x3F, 0x3F],
];

/// The `vga` crate loads its 256-colour palette, whose first 16 entries are the
/// text colours, while the attribute controller sends text colours 6 and 8..15
/// to DAC entries 0x14 and 0x38..0x3F, which that palette fills with other
/// colours (white showed as pink). Put the text colours where the attribute
/// controller looks.
const TEXT_MODE_PALETTE: [u8; PALETTE_SIZE] = {
    let mut palette = DEFAULT_PALETTE;
    let mut colour = 0;
    while colour < 16 {
        let entry = ATTRIBUTE_TO_DAC[colour] * 3;
        palette[entry] = TEXT_COLOURS[colour][0];
        palette[entry + 1] = TEXT_COLOURS[colour][1];
        palette[entry + 2] = TEXT_COLOURS[colour][2];
        colour += 1;
    }
    palette
};

/// The text screen with a cursor. Row 0 holds the banner; text scrolls below.
pub struct TextScreen {
    writer: Text80x25,
    row: usize,
    column: usize,
    colour: TextModeColor,
}

impl TextScreen {
    /// Leaves the bootloader's framebuffer mode and sets 80x25 text mode.
    pub fn take_over(physical_memory_offset: u64) -> Self {
        // The VBE extension must be off first, or the VGA registers written by
        // `set_mode` do not take effect (measured: see docs/toolchain.md).
        port::write_u16(BOCHS_VBE_INDEX_PORT, BOCHS_VBE_INDEX_ENABLE);
        port::write_u16(BOCHS_VBE_DATA_PORT, 0);
        let window = physical_memory_offset + VGA_WINDOW_PHYSICAL;
        VGA.lock().set_memory_start(window as usize);
        let writer = Text80x25::new();
        // `set_mode` also loads the 8x16 font, which the framebuffer mode had
        // replaced, and a palette; the palette needs fixing (see below).
        writer.set_mode();
        VGA.lock().color_palette_registers.load_palette(&TEXT_MODE_PALETTE);
        writer.clear_screen();
        writer.enable_cursor();
        let colour = TextModeColor::new(Color16::LightGrey, Color16::Black);
        TextScreen { writer, row: 1, column: 0, colour }
    }

    /// Sets the colour of text written from now on.
    pub fn set_foreground(&mut self, colour: Color16) {
        self.colour.set_foreground(colour);
    }

    /// Fills row 0 with `text` on a blue bar.
    pub fn write_banner_bar(&mut self, text: &str) {
        let colour = TextModeColor::new(Color16::White, Color16::Blue);
        let mut bytes = text.bytes();
        for column in 0..WIDTH {
            let byte = bytes.next().map_or(b' ', printable);
            self.writer.write_character(column, 0, ScreenCharacter::new(byte, colour));
        }
    }

    fn write_byte(&mut self, byte: u8) {
        match byte {
            b'\n' => self.new_line(),
            b'\r' => self.column = 0,
            byte => {
                if self.column == WIDTH {
                    self.new_line();
                }
                let cell = ScreenCharacter::new(printable(byte), self.colour);
                self.writer.write_character(self.column, self.row, cell);
                self.column += 1;
            }
        }
        self.writer.set_cursor_position(self.column.min(WIDTH - 1), self.row);
    }

    fn new_line(&mut self) {
        self.column = 0;
        if self.row + 1 < HEIGHT {
            self.row += 1;
        } else {
            self.scroll_up();
        }
    }

    /// Moves rows 2.. up by one, keeping the banner on row 0.
    fn scroll_up(&mut self) {
        for row in 2..HEIGHT {
            for column in 0..WIDTH {
                let cell = self.writer.read_character(column, row);
                self.writer.write_character(column, row - 1, cell);
            }
        }
        let blank = ScreenCharacter::new(b' ', self.colour);
        for column in 0..WIDTH {
            self.writer.write_character(column, HEIGHT - 1, blank);
        }
    }
}

/// Maps a byte to one the screen can show: ASCII passes, the rest becomes a
/// CP437 block so bad input is visible rather than silently dropped.
fn printable(byte: u8) -> u8 {
    if byte.is_ascii_graphic() || byte == b' ' { byte } else { 0xFE }
}

impl fmt::Write for TextScreen {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for byte in text.bytes() {
            self.write_byte(byte);
        }
        Ok(())
    }
}

/// Reads row `row` of the screen into `buffer` as ASCII (for tests).
fn read_row(row: usize, buffer: &mut [u8; WIDTH]) {
    let writer = Text80x25::new();
    for (column, byte) in buffer.iter_mut().enumerate() {
        *byte = writer.read_character(column, row).get_character();
    }
}

/// Kernel tests for this module.
pub const TESTS: &[crate::ktest::KernelTest] = &[
    crate::ktest::KernelTest {
        name: "vga_text::banner_is_on_the_top_row",
        run: || {
            let mut row = [0u8; WIDTH];
            read_row(0, &mut row);
            crate::kassert!(row.starts_with(crate::BANNER.as_bytes()), "row 0 does not start with the banner");
            Ok(())
        },
    },
    crate::ktest::KernelTest {
        name: "vga_text::printed_text_appears_on_screen",
        run: || {
            const MARKER: &str = "vga-text-test-marker 0123456789";
            crate::kprintln!("{MARKER}");
            let mut row = [0u8; WIDTH];
            let found = (1..HEIGHT).any(|index| {
                read_row(index, &mut row);
                row.starts_with(MARKER.as_bytes())
            });
            crate::kassert!(found, "the printed marker is not on the screen");
            Ok(())
        },
    },
];
