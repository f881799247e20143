use super::*;
use alloc::string::ToString;

fn loaded(text: &str) -> Buffer {
    Buffer::load(text.as_bytes()).unwrap()
}

fn lines(buffer: &Buffer) -> Vec<&str> {
    (0..buffer.line_count())
        .filter_map(|index| buffer.line(index))
        .collect()
}

#[test]
fn load_and_save_round_trip() {
    for text in [
        "",
        "\n",
        "a",
        "a\n",
        "a\nb",
        "a\nb\n",
        "\n\n",
        "x\r\ny\t\n",
        "é€😀\n",
    ] {
        let buffer = loaded(text);
        assert_eq!(buffer.to_bytes(), text.as_bytes(), "{text:?}");
        assert_eq!(buffer.size(), text.len());
        assert!(!buffer.is_modified());
    }
}

#[test]
fn lines_split_on_newlines() {
    assert_eq!(lines(&loaded("")), [""]);
    assert_eq!(lines(&loaded("a\n")), ["a"]);
    assert_eq!(lines(&loaded("a\n\nb")), ["a", "", "b"]);
}

#[test]
fn a_new_buffer_is_one_empty_line_saved_as_a_newline() {
    let buffer = Buffer::new();
    assert_eq!(lines(&buffer), [""]);
    assert_eq!(buffer.to_bytes(), b"\n");
    assert_eq!(buffer.size(), 1);
}

#[test]
fn invalid_utf8_names_the_line() {
    let error = Buffer::load(b"ok\nbad \xff\n").unwrap_err();
    assert_eq!(error, LoadError::NotUtf8 { line: 2 });
    assert_eq!(error.to_string(), "line 2 is not UTF-8");
    // A character split by a newline is invalid on both lines.
    assert_eq!(
        Buffer::load("é".as_bytes().split_at(1).0).unwrap_err(),
        LoadError::NotUtf8 { line: 1 }
    );
}

#[test]
fn limits_are_named_errors() {
    let long = alloc::vec![b'a'; MAX_LINE_LENGTH + 1];
    assert_eq!(
        Buffer::load(&long).unwrap_err(),
        LoadError::LineTooLong { line: 1 }
    );
    assert!(Buffer::load(&long[1..]).is_ok());
    let huge = alloc::vec![b'\n'; MAX_FILE_SIZE + 1];
    assert_eq!(Buffer::load(&huge).unwrap_err(), LoadError::TooLarge);
    assert!(Buffer::load(&huge[1..]).is_ok());
}

#[test]
fn typing_and_splitting_lines() {
    let mut buffer = Buffer::new();
    for character in "hello".chars() {
        buffer.insert_char(character).unwrap();
    }
    buffer.move_left();
    buffer.move_left();
    buffer.insert_newline().unwrap();
    assert_eq!(lines(&buffer), ["hel", "lo"]);
    assert_eq!(buffer.cursor(), Position { line: 1, column: 0 });
    assert!(buffer.is_modified());
    assert_eq!(buffer.to_bytes(), b"hel\nlo\n");
    assert_eq!(buffer.size(), 7);
}

#[test]
fn backspace_and_delete_join_lines() {
    let mut buffer = loaded("ab\ncd\n");
    buffer.set_cursor(Position { line: 1, column: 0 });
    buffer.backspace().unwrap();
    assert_eq!(lines(&buffer), ["abcd"]);
    assert_eq!(buffer.cursor(), Position { line: 0, column: 2 });
    buffer.insert_newline().unwrap();
    buffer.move_left();
    buffer.delete().unwrap();
    assert_eq!(lines(&buffer), ["abcd"]);
    buffer.move_end();
    buffer.delete().unwrap();
    buffer.move_home();
    buffer.backspace().unwrap();
    assert_eq!(lines(&buffer), ["abcd"]);
    assert_eq!(buffer.size(), 5);
}

#[test]
fn multibyte_characters_are_one_column() {
    let mut buffer = loaded("aé😀b");
    buffer.move_end();
    assert_eq!(buffer.cursor().column, 4);
    buffer.move_left();
    buffer.backspace().unwrap();
    assert_eq!(buffer.line(0), Some("aéb"));
    buffer.insert_char('€').unwrap();
    assert_eq!(buffer.line(0), Some("aé€b"));
    assert_eq!(buffer.size(), "aé€b".len());
}

#[test]
fn left_and_right_cross_lines() {
    let mut buffer = loaded("ab\ncd");
    buffer.move_end();
    buffer.move_right();
    assert_eq!(buffer.cursor(), Position { line: 1, column: 0 });
    buffer.move_left();
    assert_eq!(buffer.cursor(), Position { line: 0, column: 2 });
    buffer.set_cursor(Position { line: 0, column: 0 });
    buffer.move_left();
    assert_eq!(buffer.cursor(), Position { line: 0, column: 0 });
    buffer.set_cursor(Position { line: 9, column: 9 });
    assert_eq!(buffer.cursor(), Position { line: 1, column: 2 });
    buffer.move_right();
    assert_eq!(buffer.cursor(), Position { line: 1, column: 2 });
}

#[test]
fn up_and_down_keep_the_desired_column() {
    let mut buffer = loaded("long line\nab\nanother long\n");
    buffer.set_cursor(Position { line: 0, column: 7 });
    buffer.move_down();
    assert_eq!(buffer.cursor(), Position { line: 1, column: 2 });
    buffer.move_down();
    assert_eq!(buffer.cursor(), Position { line: 2, column: 7 });
    buffer.move_down();
    assert_eq!(buffer.cursor(), Position { line: 2, column: 7 });
    buffer.move_up();
    buffer.move_up();
    assert_eq!(buffer.cursor(), Position { line: 0, column: 7 });
}

#[test]
fn page_moves_by_a_screenful() {
    let text: String = (0..100)
        .map(|number| alloc::format!("{number}\n"))
        .collect();
    let mut buffer = loaded(&text);
    buffer.page_down(24);
    assert_eq!(buffer.cursor().line, 24);
    buffer.page_down(200);
    assert_eq!(buffer.cursor().line, 99);
    buffer.page_up(24);
    assert_eq!(buffer.cursor().line, 75);
    buffer.page_up(0);
    assert_eq!(buffer.cursor().line, 74);
}

#[test]
fn tab_inserts_spaces_to_the_next_stop() {
    let mut buffer = Buffer::new();
    buffer.insert_tab().unwrap();
    buffer.insert_char('x').unwrap();
    buffer.insert_tab().unwrap();
    assert_eq!(buffer.line(0), Some("    x   "));
}

#[test]
fn edits_beyond_the_limits_are_refused() {
    let mut buffer = Buffer::load(&alloc::vec![b'a'; MAX_LINE_LENGTH]).unwrap();
    buffer.move_end();
    assert_eq!(buffer.insert_char('b'), Err(EditError::LineTooLong));
    assert_eq!(buffer.insert_tab(), Err(EditError::LineTooLong));
    buffer.insert_newline().unwrap();
    buffer.insert_char('b').unwrap();
    buffer.move_home();
    assert_eq!(buffer.backspace(), Err(EditError::LineTooLong));
    assert_eq!(buffer.line_count(), 2);

    let mut full = Buffer::load(&alloc::vec![b'\n'; MAX_FILE_SIZE]).unwrap();
    assert_eq!(full.insert_char('x'), Err(EditError::FileTooLarge));
    assert_eq!(full.insert_newline(), Err(EditError::FileTooLarge));
    full.delete().unwrap();
    full.insert_char('x').unwrap();
    assert_eq!(full.size(), MAX_FILE_SIZE);
    assert!(!full.to_bytes().is_empty());
}

#[test]
fn mark_saved_clears_modified() {
    let mut buffer = Buffer::new();
    buffer.insert_char('a').unwrap();
    buffer.mark_saved();
    assert!(!buffer.is_modified());
    buffer.move_left();
    assert!(!buffer.is_modified());
}
