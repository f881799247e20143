//! From a terminal's cells to the bytes of the VGA text buffer: each cell
//! is two bytes, the code page 437 character, then its colour attribute
//! (low nibble foreground, high nibble background).

use console_terminal::Cell;

use crate::COLUMNS;

/// Bytes of one screen row in the text buffer.
pub const ROW_BYTES: usize = COLUMNS * 2;

/// Writes `cells` (at most a row's worth) into `out` as text-buffer bytes;
/// returns how many bytes it wrote.
pub fn encode_row(cells: &[Cell], out: &mut [u8; ROW_BYTES]) -> usize {
    let mut len = 0;
    for (cell, pair) in cells.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = cell.character;
        pair[1] = cell.attribute.byte();
        len += 2;
    }
    len
}

/// The CRT controller's cursor location for `column`, `row`: the cell's
/// index in the buffer.
pub fn cursor_offset(column: usize, row: usize) -> u16 {
    u16::try_from(row.saturating_mul(COLUMNS).saturating_add(column)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use console_terminal::Attribute;
    use vga::colors::Color16;

    use super::*;

    #[test]
    fn cells_become_character_and_attribute_pairs() {
        let colour = Attribute::new(Color16::Yellow, Color16::Blue);
        let cells = [Cell::new(b'H', colour), Cell::new(b'i', colour)];
        let mut out = [0u8; ROW_BYTES];
        assert_eq!(encode_row(&cells, &mut out), 4);
        assert_eq!(&out[..4], &[b'H', 0x1E, b'i', 0x1E]);
    }

    #[test]
    fn cursor_offsets_count_cells() {
        assert_eq!(cursor_offset(0, 0), 0);
        assert_eq!(cursor_offset(5, 2), 165);
        assert_eq!(cursor_offset(usize::MAX, usize::MAX), u16::MAX);
    }
}
