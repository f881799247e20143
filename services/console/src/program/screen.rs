//! The VGA text screen: the text buffer at 0xB8000 (mapped device memory)
//! and the CRT controller's cursor registers (ports 0x3D4 and 0x3D5).

use console_terminal::Terminal;
use libipc::ipc::device::{DeviceMapping, Ports};

use console::render;

/// CRT controller: index and data ports, and the registers used.
const CRTC_INDEX: u16 = 0x3D4;
const CRTC_DATA: u16 = 0x3D5;
const CURSOR_START: u8 = 0x0A;
const CURSOR_END: u8 = 0x0B;
const CURSOR_HIGH: u8 = 0x0E;
const CURSOR_LOW: u8 = 0x0F;
/// Cursor start register: bit 5 hides the cursor.
const CURSOR_DISABLED: u8 = 0x20;
/// An underline cursor: scan lines 14 and 15 of the 16-line cell.
const CURSOR_FIRST_LINE: u8 = 14;
const CURSOR_LAST_LINE: u8 = 15;

/// Attribute controller: index/data port, and the input status register
/// whose read resets the controller's index/data flip-flop.
const ATTRIBUTE_INDEX: u16 = 0x3C0;
const ATTRIBUTE_READ: u16 = 0x3C1;
const INPUT_STATUS: u16 = 0x3DA;
/// The mode control register's index, with bit 5 set so the screen stays
/// on while it is written.
const MODE_CONTROL: u8 = 0x10 | 0x20;
/// Mode control: attribute bit 7 blinks instead of brightening the
/// background.
const BLINK_ENABLE: u8 = 0x08;

/// Makes attribute bit 7 a bright background rather than blinking, so
/// ANSI's bright backgrounds (SGR 100-107) look as meant. Best effort: the
/// consoles work without it.
pub fn disable_blinking(attribute: &Ports, status: &Ports) {
    let _ = status.read_u8(INPUT_STATUS);
    let _ = attribute.write_u8(ATTRIBUTE_INDEX, MODE_CONTROL);
    let Ok(mode) = attribute.read_u8(ATTRIBUTE_READ) else { return };
    // After the read the flip-flop still expects data: write the new mode.
    let _ = attribute.write_u8(ATTRIBUTE_INDEX, mode & !BLINK_ENABLE);
}

/// The screen, as the console draws it.
pub struct Screen {
    buffer: DeviceMapping,
    crtc: Option<Ports>,
    /// What the cursor registers hold, to skip writing them unchanged.
    cursor: Option<Option<(usize, usize)>>,
}

impl Screen {
    /// Draws into `buffer` (the mapped text buffer); moves the hardware
    /// cursor through `crtc`, if granted.
    pub fn new(buffer: DeviceMapping, crtc: Option<Ports>) -> Self {
        Screen { buffer, crtc, cursor: None }
    }

    /// Copies the rows of `terminal` that changed since the last draw (all
    /// of them if `everything`) to the screen, and places the cursor.
    pub fn draw(&mut self, terminal: &mut Terminal, everything: bool) {
        if everything {
            terminal.mark_all_damaged();
        }
        let damage = terminal.take_damage();
        let mut row_bytes = [0u8; render::ROW_BYTES];
        for row in damage.rows() {
            let cells = terminal.visible_row(row);
            let len = render::encode_row(cells, &mut row_bytes);
            // The mapping checks the range; a terminal taller than the
            // screen loses its extra rows, nothing more.
            let _ = self.buffer.write(row * render::ROW_BYTES, &row_bytes[..len]);
        }
        self.place_cursor(terminal.cursor());
    }

    fn place_cursor(&mut self, cursor: Option<(usize, usize)>) {
        if self.cursor == Some(cursor) {
            return;
        }
        self.cursor = Some(cursor);
        let Some(crtc) = &self.crtc else { return };
        let set = |register: u8, value: u8| {
            let _ = crtc.write_u8(CRTC_INDEX, register);
            let _ = crtc.write_u8(CRTC_DATA, value);
        };
        match cursor {
            None => set(CURSOR_START, CURSOR_DISABLED),
            Some((column, row)) => {
                let [low, high] = render::cursor_offset(column, row).to_le_bytes();
                set(CURSOR_HIGH, high);
                set(CURSOR_LOW, low);
                set(CURSOR_START, CURSOR_FIRST_LINE);
                set(CURSOR_END, CURSOR_LAST_LINE);
            }
        }
    }
}
