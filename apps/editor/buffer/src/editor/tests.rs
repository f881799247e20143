use super::*;
use crate::buffer::Position;

fn editor(text: &str) -> Editor {
    Editor::new(Buffer::load(text.as_bytes()).unwrap(), "f", 80, 25)
}

/// Feeds all of `input`, collecting the actions.
fn feed_all(editor: &mut Editor, input: &[u8]) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let (used, action) = editor.feed(rest);
        rest = &rest[used..];
        actions.extend(action);
    }
    actions
}

#[test]
fn keys_edit_the_buffer() {
    let mut editor = editor("");
    feed_all(&mut editor, b"ab\rcd\x1b[D\x1b[D\x7f\x1b[3~\t!");
    assert_eq!(editor.buffer().to_bytes(), b"ab  !d");
}

#[test]
fn navigation_keys_move() {
    let mut editor = editor("abc\nde\nfgh\n");
    feed_all(&mut editor, b"\x1b[F\x1b[B");
    assert_eq!(editor.buffer().cursor(), Position { line: 1, column: 2 });
    feed_all(&mut editor, b"\x1b[B\x1b[H");
    assert_eq!(editor.buffer().cursor(), Position { line: 2, column: 0 });
    feed_all(&mut editor, b"\x1b[5~");
    assert_eq!(editor.buffer().cursor(), Position { line: 0, column: 0 });
    feed_all(&mut editor, b"\x1b[6~\x05");
    assert_eq!(editor.buffer().cursor(), Position { line: 2, column: 3 });
}

#[test]
fn save_is_requested_and_acknowledged() {
    let mut editor = editor("x");
    let (used, action) = editor.feed(b"y\x13z");
    assert_eq!((used, action), (2, Some(Action::Save)));
    assert_eq!(editor.buffer().to_bytes(), b"yx");
    editor.saved();
    assert!(!editor.buffer().is_modified());
    assert_eq!(editor.message(), "saved 2 bytes");
}

#[test]
fn quit_without_changes_is_immediate() {
    let mut editor = editor("x");
    assert_eq!(feed_all(&mut editor, b"\x1b[C\x11"), [Action::Quit]);
}

#[test]
fn quit_with_changes_needs_a_second_ctrl_q_in_a_row() {
    let mut editor = editor("x");
    assert_eq!(feed_all(&mut editor, b"y\x11"), []);
    assert_eq!(editor.message(), UNSAVED_MESSAGE);
    assert_eq!(feed_all(&mut editor, b"\x1b[D\x11"), []);
    assert_eq!(feed_all(&mut editor, b"\x11"), [Action::Quit]);
}

#[test]
fn unbound_control_keys_change_nothing_and_keep_a_pending_quit() {
    let mut editor = editor("x");
    assert_eq!(feed_all(&mut editor, b"y\x11"), []);
    assert_eq!(feed_all(&mut editor, b"\x00\x07\x02\x1a\x1c"), []);
    assert_eq!(editor.buffer().to_bytes(), b"yx");
    assert_eq!(feed_all(&mut editor, b"\x11"), [Action::Quit]);
}

#[test]
fn refused_edits_explain_themselves() {
    let line = alloc::vec![b'a'; crate::MAX_LINE_LENGTH];
    let mut editor = Editor::new(Buffer::load(&line).unwrap(), "f", 80, 25);
    feed_all(&mut editor, b"b");
    assert_eq!(editor.message(), "line too long");
    assert!(!editor.buffer().is_modified());
}

#[test]
fn the_status_line_shows_name_flag_and_place() {
    let mut editor = editor("abc");
    let mut output = Vec::new();
    feed_all(&mut editor, b"\x1b[Cx");
    editor.render(&mut output);
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains(" f [+]  Ctrl-S save  Ctrl-Q quit"));
    assert!(text.contains("  1:3 \x1b[m"));
    assert!(text.ends_with("\x1b[1;3H"));
}

#[test]
fn a_failed_save_keeps_the_changes_unsaved_and_says_why() {
    let mut editor = editor("x");
    assert_eq!(feed_all(&mut editor, b"y\x13"), [Action::Save]);
    editor.save_failed("read-only");
    assert_eq!(editor.message(), "not saved: read-only");
    assert!(editor.buffer().is_modified());
    assert_eq!(feed_all(&mut editor, b"\x11"), []);
    assert_eq!(editor.message(), UNSAVED_MESSAGE);
}

#[test]
fn leaving_clears_the_screen_and_a_later_render_redraws_all() {
    let mut editor = editor("abc\n");
    let mut output = Vec::new();
    editor.render(&mut output);
    output.clear();
    editor.leave(&mut output);
    assert_eq!(output, b"\x1b[m\x1b[2J\x1b[H");
    output.clear();
    editor.render(&mut output);
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("abc") && text.contains("\x1b[25;1H\x1b[7m f "));
}

/// The bytes one keypress sends once the screen is drawn.
fn bytes_for_key(editor: &mut Editor, key: &[u8]) -> usize {
    feed_all(editor, key);
    let mut output = Vec::new();
    editor.render(&mut output);
    output.len()
}

/// A full 80x25 screen of text, cursor mid-way down and in a line.
fn busy_editor() -> Editor {
    let text: String = (0..60)
        .map(|number| alloc::format!("line {number} of a file with some words on it\n"))
        .collect();
    let mut editor = editor(&text);
    feed_all(&mut editor, b"\x1b[B\x1b[B\x1b[B\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C");
    let mut output = Vec::new();
    editor.render(&mut output);
    assert!(output.len() > 24 * 40, "the first render draws the screen");
    editor
}

/// Measured on 80x25: typing `x` mid-line 140 bytes (the status line's
/// message shifts for `[+]`), the next character 66, an arrow 23,
/// Backspace 64, Enter 889 (the 20 rows below move down).
#[test]
fn a_keypress_sends_only_what_changed() {
    let mut editor = busy_editor();
    // Typing mid-line: the rest of that line, the changed end of the
    // status line (`[+]` appears, the column moves), the cursor.
    let typed = bytes_for_key(&mut editor, b"x");
    assert!(typed < 160, "typing a character sent {typed} bytes");
    let typed_again = bytes_for_key(&mut editor, b"y");
    assert!(typed_again < 70, "typing a second character sent {typed_again} bytes");
    // Moving: only the status line's column and the cursor.
    let moved = bytes_for_key(&mut editor, b"\x1b[C");
    assert!(moved < 30, "an arrow sent {moved} bytes");
    let erased = bytes_for_key(&mut editor, b"\x7f");
    assert!(erased < 70, "Backspace sent {erased} bytes");
    // A new line shifts every row below it: a redraw of those rows, still
    // far from a full screen.
    let split = bytes_for_key(&mut editor, b"\r");
    assert!(split < 24 * 50, "Enter sent {split} bytes");
}

#[test]
fn another_terminal_size_is_used_whole() {
    let text: String = (0..100).map(|number| alloc::format!("{number}\n")).collect();
    for (width, height) in [(132, 43), (40, 10)] {
        let mut editor = Editor::new(Buffer::load(text.as_bytes()).unwrap(), "f", width, height);
        let mut output = Vec::new();
        editor.render(&mut output);
        let text = String::from_utf8(output).unwrap();
        let last_text_row = alloc::format!("\x1b[{};1H\x1b[K{}", height - 1, height - 2);
        assert!(text.contains(&last_text_row), "{width}x{height}: rows 1..{}", height - 1);
        let status = alloc::format!("\x1b[{height};1H\x1b[7m f  {HELP_MESSAGE}");
        assert!(text.contains(&status), "{width}x{height}: the status line on the last row");
        let status_width = text.rsplit("\x1b[7m").next().unwrap().split("\x1b[m").next().unwrap();
        assert_eq!(status_width.chars().count(), width);
        // Page Down moves by the screen's text rows.
        feed_all(&mut editor, b"\x1b[6~");
        assert_eq!(editor.buffer().cursor().line, height - 1);
    }
}
