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
    assert_eq!(editor.message(), "wrote 2 bytes");
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
