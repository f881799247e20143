//! Where things are on the screen and the bytes that move the cursor there.
//!
//! Positions are cells counted from the first cell of the prompt, one
//! cell per character; on a terminal `columns` wide, position `p` is row
//! `p / columns`, column `p % columns` relative to the prompt's row.
//!
//! # Wrapping
//!
//! ANSI terminals (ours included) defer the wrap: after a character in
//! the last column the cursor stays on it until the next character. The
//! editor never leaves the cursor in that state: whenever output ends
//! exactly at a row's end it sends `\r\n`, so that position
//! `k * columns` is really column 0 of the next row, as the formula says,
//! and every later movement can be relative (`ESC [ n A`/`B`, `ESC [ n G`)
//! even after the screen has scrolled.

use alloc::vec::Vec;

/// A row and a column, both from 0, relative to the prompt's first cell.
fn row_and_column(position: usize, columns: usize) -> (usize, usize) {
    (position / columns, position % columns)
}

/// Appends `ESC [ count final` to `output`.
pub(crate) fn control_sequence(output: &mut Vec<u8>, count: usize, final_byte: u8) {
    output.extend_from_slice(b"\x1b[");
    push_decimal(output, count);
    output.push(final_byte);
}

fn push_decimal(output: &mut Vec<u8>, value: usize) {
    let mut digits = [0u8; 20];
    let mut length = 0;
    let mut rest = value;
    loop {
        if let Some(slot) = digits.get_mut(length) {
            *slot = b'0' + (rest % 10) as u8;
        }
        length += 1;
        rest /= 10;
        if rest == 0 || length == digits.len() {
            break;
        }
    }
    output.extend(digits.iter().take(length).rev());
}

/// Appends the bytes that move the cursor from position `from` to
/// position `to`.
pub(crate) fn move_cursor(output: &mut Vec<u8>, from: usize, to: usize, columns: usize) {
    let (from_row, from_column) = row_and_column(from, columns);
    let (to_row, to_column) = row_and_column(to, columns);
    if to_row < from_row {
        control_sequence(output, from_row - to_row, b'A');
    } else if to_row > from_row {
        control_sequence(output, to_row - from_row, b'B');
    }
    if to_column != from_column {
        if to_column == 0 {
            output.push(b'\r');
        } else {
            control_sequence(output, to_column + 1, b'G');
        }
    }
}

/// After output that ended at `position`: leaves no wrap pending (see the
/// module docs).
pub(crate) fn settle_wrap(output: &mut Vec<u8>, position: usize, columns: usize) {
    if position > 0 && position.is_multiple_of(columns) {
        output.extend_from_slice(b"\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(from: usize, to: usize) -> Vec<u8> {
        let mut output = Vec::new();
        move_cursor(&mut output, from, to, 80);
        output
    }

    #[test]
    fn moves_are_relative() {
        assert_eq!(moved(5, 5), b"");
        assert_eq!(moved(5, 9), b"\x1b[10G");
        assert_eq!(moved(85, 3), b"\x1b[1A\x1b[4G");
        assert_eq!(moved(3, 160), b"\x1b[2B\r");
    }

    #[test]
    fn decimals_have_no_leading_zeros() {
        let mut output = Vec::new();
        control_sequence(&mut output, 0, b'C');
        control_sequence(&mut output, 1234, b'D');
        control_sequence(&mut output, usize::MAX, b'E');
        assert_eq!(output, b"\x1b[0C\x1b[1234D\x1b[18446744073709551615E");
    }

    #[test]
    fn a_full_row_moves_to_the_next() {
        let mut output = Vec::new();
        settle_wrap(&mut output, 0, 80);
        settle_wrap(&mut output, 79, 80);
        assert!(output.is_empty());
        settle_wrap(&mut output, 160, 80);
        assert_eq!(output, b"\r\n");
    }
}
