use super::*;
use crate::cell::Attribute;
use alloc::format;
use alloc::vec::Vec;
use vga::colors::Color16;

/// An 80 x 25 terminal with 500 lines of scrollback, after `bytes`.
fn terminal_after(bytes: &[u8]) -> Terminal {
    let mut terminal = Terminal::new(80, 25, 500);
    terminal.write(bytes);
    terminal
}

/// Visible row `row` without trailing blanks.
fn row_text(terminal: &Terminal, row: usize) -> String {
    String::from(terminal.text_of_row(row).trim_end())
}

fn cursor(terminal: &Terminal) -> (usize, usize) {
    terminal.cursor().expect("cursor visible")
}

// Text, wrapping and scrolling.

#[test]
fn plain_text_is_written_at_the_cursor() {
    let terminal = terminal_after(b"hello");
    assert_eq!(row_text(&terminal, 0), "hello");
    assert_eq!(cursor(&terminal), (5, 0));
    assert_eq!(
        terminal.visible_cell(0, 0),
        Cell::new(b'h', Attribute::DEFAULT)
    );
    assert_eq!(terminal.visible_row(0).len(), 80);
}

#[test]
fn newline_returns_and_feeds() {
    let terminal = terminal_after(b"ab\ncd\r\nef\rX");
    assert_eq!(row_text(&terminal, 0), "ab");
    assert_eq!(row_text(&terminal, 1), "cd");
    assert_eq!(row_text(&terminal, 2), "Xf");
    assert_eq!(cursor(&terminal), (1, 2));
}

#[test]
fn wrapping_is_deferred_until_the_next_character() {
    let mut terminal = terminal_after(&[b'x'; 80]);
    assert_eq!(cursor(&terminal), (79, 0));
    assert_eq!(row_text(&terminal, 1), "");
    terminal.write(b"y");
    assert_eq!(row_text(&terminal, 1), "y");
    assert_eq!(cursor(&terminal), (1, 1));
    // A newline after a full row does not leave an empty row.
    let terminal = terminal_after(&[[b'x'; 80].as_slice(), b"\nz"].concat());
    assert_eq!(row_text(&terminal, 1), "z");
    // Carriage return cancels the pending wrap.
    let terminal = terminal_after(&[[b'x'; 80].as_slice(), b"\rz"].concat());
    assert_eq!(&terminal.text_of_row(0)[..2], "zx");
}

#[test]
fn the_last_cell_of_the_screen_does_not_scroll_until_needed() {
    let mut terminal = terminal_after(b"\x1b[25;80H*");
    assert_eq!(terminal.scrollback_len(), 0);
    assert_eq!(cursor(&terminal), (79, 24));
    terminal.write(b"+");
    assert_eq!(terminal.scrollback_len(), 1);
    assert_eq!(row_text(&terminal, 23), format!("{}*", " ".repeat(79)));
    assert_eq!(row_text(&terminal, 24), "+");
}

fn numbered_lines(count: usize) -> Vec<u8> {
    (0..count)
        .flat_map(|line| format!("line {line}\n").into_bytes())
        .collect()
}

#[test]
fn scrolling_pushes_top_lines_into_the_scrollback() {
    let terminal = terminal_after(&numbered_lines(30));
    // 30 lines and the cursor on a 31st: 6 lines went up.
    assert_eq!(terminal.scrollback_len(), 6);
    assert_eq!(row_text(&terminal, 0), "line 6");
    assert_eq!(row_text(&terminal, 23), "line 29");
    assert_eq!(cursor(&terminal), (0, 24));
}

#[test]
fn the_scrollback_is_bounded() {
    let mut terminal = Terminal::new(80, 25, 10);
    terminal.write(&numbered_lines(100));
    assert_eq!(terminal.scrollback_len(), 10);
    terminal.scroll_view(isize::MAX);
    assert_eq!(terminal.view_offset(), 10);
    assert_eq!(row_text(&terminal, 0), "line 66");
}

#[test]
fn viewing_the_scrollback_and_snapping_back_on_output() {
    let mut terminal = terminal_after(&numbered_lines(30));
    terminal.take_damage();
    terminal.scroll_view(2);
    assert_eq!(terminal.view_offset(), 2);
    assert_eq!(row_text(&terminal, 0), "line 4");
    assert_eq!(row_text(&terminal, 24), "line 28");
    // The cursor's row (24) is 2 rows below the visible screen.
    assert_eq!(terminal.cursor(), None);
    assert!(terminal.take_damage().is_all());
    terminal.scroll_view(100);
    assert_eq!(terminal.view_offset(), 6);
    terminal.scroll_view(-1);
    assert_eq!(terminal.view_offset(), 5);
    terminal.scroll_view(isize::MIN);
    assert_eq!(terminal.view_offset(), 0);
    terminal.scroll_view(3);
    terminal.write(b"x");
    assert_eq!(terminal.view_offset(), 0);
    assert_eq!(row_text(&terminal, 24), "x");
    terminal.scroll_view(3);
    terminal.scroll_view_to_bottom();
    assert_eq!(terminal.view_offset(), 0);
}

#[test]
fn the_cursor_stays_visible_while_its_row_is_on_screen() {
    let mut terminal = terminal_after(&numbered_lines(30));
    terminal.write(b"\x1b[3;4H");
    terminal.scroll_view(5);
    assert_eq!(terminal.cursor(), Some((3, 7)));
}

#[test]
fn no_scrollback_is_fine() {
    let mut terminal = Terminal::new(80, 25, 0);
    terminal.write(&numbered_lines(30));
    terminal.scroll_view(5);
    assert_eq!(terminal.view_offset(), 0);
    assert_eq!(row_text(&terminal, 0), "line 6");
}

#[test]
fn absurd_sizes_are_clamped() {
    let mut terminal = Terminal::new(0, 0, usize::MAX);
    terminal.write(b"abc\n\x1b[5;5Hd");
    assert_eq!((terminal.columns(), terminal.rows()), (1, 1));
    assert_eq!(terminal.scrollback_capacity(), MAX_SCROLLBACK);
    assert_eq!(terminal.text_of_row(0), "d");
    let terminal = Terminal::new(usize::MAX, usize::MAX, 0);
    assert_eq!(
        (terminal.columns(), terminal.rows()),
        (MAX_COLUMNS, MAX_ROWS)
    );
}

// Characters.

#[test]
fn utf8_split_across_writes_is_one_character() {
    let mut terminal = Terminal::new(80, 25, 0);
    terminal.write(b"\xE2");
    terminal.write(b"\x94");
    terminal.write(b"\x80\xC3");
    terminal.write(b"\xA9");
    assert_eq!(terminal.visible_cell(0, 0).character, 0xC4);
    assert_eq!(terminal.visible_cell(1, 0).character, 0x82);
    assert_eq!(cursor(&terminal), (2, 0));
}

#[test]
fn characters_are_shown_in_code_page_437() {
    let terminal = terminal_after("┌─┐ é ░ €".as_bytes());
    let characters: Vec<u8> = terminal.visible_row(0)[..9]
        .iter()
        .map(|cell| cell.character)
        .collect();
    assert_eq!(
        characters,
        [
            0xDA,
            0xC4,
            0xBF,
            b' ',
            0x82,
            b' ',
            0xB0,
            b' ',
            cp437::PLACEHOLDER
        ]
    );
    assert_eq!(row_text(&terminal, 0), "┌─┐ é ░ ■");
}

#[test]
fn invalid_utf8_shows_placeholders_and_resynchronises() {
    let terminal = terminal_after(b"a\xFFb\xE2\x94c\x80");
    assert_eq!(row_text(&terminal, 0), "a■b■c■");
}

#[test]
fn tabs_go_to_the_next_multiple_of_eight() {
    let mut terminal = terminal_after(b"\tx");
    assert_eq!(cursor(&terminal), (9, 0));
    terminal.write(b"1234567\t");
    assert_eq!(cursor(&terminal), (24, 0));
    terminal.write(b"\x1b[1;78H\t");
    assert_eq!(cursor(&terminal), (79, 0));
    terminal.write(b"\t");
    assert_eq!(cursor(&terminal), (79, 0));
    assert_eq!(row_text(&terminal, 0), "        x1234567");
}

#[test]
fn backspace_moves_left_without_erasing() {
    let mut terminal = terminal_after(b"abc\x08\x08");
    assert_eq!(cursor(&terminal), (1, 0));
    assert_eq!(row_text(&terminal, 0), "abc");
    terminal.write(b"\x08\x08\x08");
    assert_eq!(cursor(&terminal), (0, 0));
    terminal.write(b"X");
    assert_eq!(row_text(&terminal, 0), "Xbc");
}

#[test]
fn backspace_cancels_a_pending_wrap_so_erasing_the_last_column_works() {
    let mut terminal = terminal_after(&[b'x'; 80]);
    terminal.write(b"\x08 \x08");
    assert_eq!(cursor(&terminal), (79, 0));
    assert_eq!(terminal.text_of_row(0), format!("{} ", "x".repeat(79)));
    terminal.write(b"y");
    assert_eq!(terminal.text_of_row(0), format!("{}y", "x".repeat(79)));
    assert_eq!(row_text(&terminal, 1), "");
}

#[test]
fn bell_and_other_controls_are_ignored() {
    let terminal = terminal_after(b"a\x07\x00\x01\x7f\x0eb");
    assert_eq!(row_text(&terminal, 0), "ab");
}

// Colours.

#[test]
fn sgr_colours_the_following_characters() {
    let terminal =
        terminal_after(b"\x1b[1;31;44mA\x1b[mB\x1b[32mC\x1b[0;7mD\x1b[0;93;100mE\x1b[39;49mF");
    let attribute = |column| terminal.visible_cell(column, 0).attribute.byte();
    assert_eq!(attribute(0), 0x1C); // light red on blue
    assert_eq!(attribute(1), 0x07); // reset by the empty SGR
    assert_eq!(attribute(2), 0x02); // green
    assert_eq!(attribute(3), 0x70); // reversed default
    assert_eq!(attribute(4), 0x8E); // yellow on dark grey
    assert_eq!(attribute(5), 0x07);
}

#[test]
fn erasing_uses_the_current_background() {
    let terminal = terminal_after(b"\x1b[31;44m\x1b[2J");
    let cell = terminal.visible_cell(40, 12);
    assert_eq!(
        cell,
        Cell::new(b' ', Attribute::new(Color16::LightGrey, Color16::Blue))
    );
}

// Cursor movement.

#[test]
fn cursor_position_is_one_based_with_defaults_and_clamping() {
    let mut terminal = terminal_after(b"\x1b[5;10H");
    assert_eq!(cursor(&terminal), (9, 4));
    terminal.write(b"\x1b[H");
    assert_eq!(cursor(&terminal), (0, 0));
    terminal.write(b"\x1b[3f");
    assert_eq!(cursor(&terminal), (0, 2));
    terminal.write(b"\x1b[;7H");
    assert_eq!(cursor(&terminal), (6, 0));
    terminal.write(b"\x1b[0;0H");
    assert_eq!(cursor(&terminal), (0, 0));
    terminal.write(b"\x1b[999;999H");
    assert_eq!(cursor(&terminal), (79, 24));
    terminal.write(b"\x1b[99999999999999999999;1H");
    assert_eq!(cursor(&terminal), (0, 24));
}

#[test]
fn relative_moves_default_to_one_and_clamp() {
    let mut terminal = terminal_after(b"\x1b[10;10H");
    terminal.write(b"\x1b[A");
    assert_eq!(cursor(&terminal), (9, 8));
    terminal.write(b"\x1b[3B");
    assert_eq!(cursor(&terminal), (9, 11));
    terminal.write(b"\x1b[C");
    assert_eq!(cursor(&terminal), (10, 11));
    terminal.write(b"\x1b[0D");
    assert_eq!(cursor(&terminal), (9, 11));
    terminal.write(b"\x1b[99A\x1b[99D");
    assert_eq!(cursor(&terminal), (0, 0));
    terminal.write(b"\x1b[999B\x1b[999C");
    assert_eq!(cursor(&terminal), (79, 24));
    terminal.write(b"\x1b[G");
    assert_eq!(cursor(&terminal), (0, 24));
    terminal.write(b"\x1b[40G");
    assert_eq!(cursor(&terminal), (39, 24));
    terminal.write(b"\x1b[500G");
    assert_eq!(cursor(&terminal), (79, 24));
}

#[test]
fn cursor_moves_cancel_a_pending_wrap() {
    let mut terminal = terminal_after(&[b'x'; 80]);
    terminal.write(b"\x1b[Cy");
    assert_eq!(terminal.text_of_row(0), format!("{}y", "x".repeat(79)));
    assert_eq!(row_text(&terminal, 1), "");
}

#[test]
fn save_and_restore_cursor_with_both_spellings() {
    let mut terminal = terminal_after(b"\x1b[3;4H\x1b[31m\x1b7\x1b[10;10H\x1b[32m\x1b8x");
    assert_eq!(cursor(&terminal), (4, 2));
    assert_eq!(
        terminal.visible_cell(3, 2).attribute.foreground(),
        Color16::Red
    );
    terminal.write(b"\x1b[5;6H\x1b[s\x1b[H\x1b[u");
    assert_eq!(cursor(&terminal), (5, 4));
    // Restoring without a save goes home.
    let terminal = terminal_after(b"\x1b[5;5H\x1b8");
    assert_eq!(cursor(&terminal), (0, 0));
}

#[test]
fn the_cursor_can_be_hidden_and_shown() {
    let mut terminal = terminal_after(b"\x1b[?25l");
    assert_eq!(terminal.cursor(), None);
    terminal.write(b"\x1b[?25h");
    assert_eq!(terminal.cursor(), Some((0, 0)));
    terminal.write(b"\x1b[?1049;25l");
    assert_eq!(terminal.cursor(), None);
    // Without the private marker, mode 25 is something else.
    terminal.write(b"\x1b[25h");
    assert_eq!(terminal.cursor(), None);
}

#[test]
fn index_and_reverse_index() {
    let mut terminal = terminal_after(b"top\x1b[2;5H\x1bM\x1bM");
    assert_eq!(row_text(&terminal, 0), "");
    assert_eq!(row_text(&terminal, 1), "top");
    assert_eq!(cursor(&terminal), (4, 0));
    assert_eq!(terminal.scrollback_len(), 0);
    terminal.write(b"\x1bDa\x1bEb");
    assert_eq!(row_text(&terminal, 1), "top a");
    assert_eq!(row_text(&terminal, 2), "b");
}

#[test]
fn full_reset_clears_the_screen_and_modes() {
    let terminal = terminal_after(b"\x1b[31mabc\x1b[?25l\x1bcd");
    assert_eq!(row_text(&terminal, 0), "d");
    assert_eq!(terminal.visible_cell(0, 0).attribute, Attribute::DEFAULT);
    assert_eq!(terminal.cursor(), Some((1, 0)));
}

// Erasing.

/// Fills three rows with "abcdefgh" and puts the cursor on row 2, column 4.
fn three_filled_rows() -> Terminal {
    let mut terminal = Terminal::new(8, 3, 5);
    terminal.write(b"abcdefghabcdefghabcdefgh\x1b[2;4H");
    terminal
}

#[test]
fn erase_in_line_modes() {
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[K");
    assert_eq!(terminal.text_of_row(1), "abc     ");
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[0K");
    assert_eq!(terminal.text_of_row(1), "abc     ");
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[1K");
    assert_eq!(terminal.text_of_row(1), "    efgh");
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[2K");
    assert_eq!(terminal.text_of_row(1), "        ");
    assert_eq!(terminal.text_of_row(0), "abcdefgh");
    assert_eq!(cursor(&terminal), (3, 1));
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[9K");
    assert_eq!(terminal.text_of_row(1), "abcdefgh");
}

#[test]
fn erase_in_display_modes() {
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[J");
    assert_eq!(
        [
            row_text(&terminal, 0),
            row_text(&terminal, 1),
            row_text(&terminal, 2)
        ],
        ["abcdefgh", "abc", ""]
    );
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[1J");
    assert_eq!(
        [
            terminal.text_of_row(0),
            terminal.text_of_row(1),
            terminal.text_of_row(2)
        ],
        ["        ", "    efgh", "abcdefgh"]
    );
    let mut terminal = three_filled_rows();
    terminal.write(b"\x1b[2J");
    assert!((0..3).all(|row| row_text(&terminal, row).is_empty()));
    assert_eq!(cursor(&terminal), (3, 1));
}

#[test]
fn erase_in_display_3_also_clears_the_scrollback() {
    let mut terminal = terminal_after(&numbered_lines(40));
    assert_eq!(terminal.scrollback_len(), 16);
    terminal.write(b"\x1b[2J");
    assert_eq!(terminal.scrollback_len(), 16);
    terminal.write(b"\x1b[3J");
    assert_eq!(terminal.scrollback_len(), 0);
    assert_eq!(row_text(&terminal, 0), "");
    terminal.scroll_view(5);
    assert_eq!(terminal.view_offset(), 0);
}

// Damage.

#[test]
fn a_new_terminal_is_entirely_damaged() {
    let mut terminal = Terminal::new(80, 25, 0);
    let damage = terminal.take_damage();
    assert!(damage.is_all());
    assert!(damage.cursor_changed());
    assert!(terminal.take_damage().is_empty());
}

#[test]
fn damage_names_the_rows_written() {
    let mut terminal = Terminal::new(80, 25, 10);
    terminal.take_damage();
    terminal.write(b"\x1b[3;1Hx\x1b[10;1Hy");
    let damage = terminal.take_damage();
    assert_eq!(damage.rows().collect::<Vec<_>>(), [2, 9]);
    assert!(damage.cursor_changed());
    // Moving the cursor alone damages no row.
    terminal.write(b"\x1b[H");
    let damage = terminal.take_damage();
    assert_eq!(damage.rows().count(), 0);
    assert!(damage.cursor_changed());
    // Nothing happened.
    terminal.write(b"\x1b[H");
    assert!(terminal.take_damage().is_empty());
    terminal.write(b"\x1b[5;1H\x1b[K");
    assert_eq!(terminal.take_damage().rows().collect::<Vec<_>>(), [4]);
}

#[test]
fn scrolling_and_view_changes_damage_everything() {
    let mut terminal = Terminal::new(80, 25, 10);
    terminal.write(&numbered_lines(25));
    terminal.take_damage();
    terminal.write(b"x\n");
    assert!(terminal.take_damage().is_all());
    terminal.scroll_view(1);
    assert!(terminal.take_damage().is_all());
    terminal.scroll_view(-1);
    assert!(terminal.take_damage().is_all());
    terminal.scroll_view(-1);
    assert!(terminal.take_damage().is_empty());
    terminal.mark_all_damaged();
    assert!(terminal.take_damage().is_all());
}

#[test]
fn hiding_the_cursor_is_a_cursor_change() {
    let mut terminal = Terminal::new(80, 25, 0);
    terminal.take_damage();
    terminal.write(b"\x1b[?25l");
    let damage = terminal.take_damage();
    assert!(damage.cursor_changed());
    assert_eq!(damage.rows().count(), 0);
}

#[test]
fn garbage_inside_sequences_never_sticks() {
    let mut terminal = Terminal::new(80, 25, 10);
    terminal.write(
        b"\x1b[\x1b]\xff\x1bP\x18\x1b[?\x1b(\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18m",
    );
    terminal.write(b"\x1b[0mok");
    // The 0xFF was inside the OSC string that `ESC ]` opened.
    assert_eq!(row_text(&terminal, 0), "ok");
    terminal.write(b"\x1b[1;2");
    terminal.write(b";3Hz");
    // Row 1, column 2; the extra parameter is ignored.
    assert_eq!(cursor(&terminal), (2, 0));
    assert_eq!(row_text(&terminal, 0), "oz");
}
