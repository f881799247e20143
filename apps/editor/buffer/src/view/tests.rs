use super::*;
use alloc::vec;

const STATUS: Status<'static> = Status {
    file_name: "notes",
    modified: false,
    message: "hi",
};

fn rendered(view: &mut View, buffer: &Buffer) -> String {
    let mut output = Vec::new();
    view.render(buffer, &STATUS, &mut output);
    String::from_utf8(output).unwrap()
}

#[test]
fn a_full_render_draws_every_row_and_places_the_cursor() {
    let buffer = Buffer::load(b"one\ntwo\n").unwrap();
    let mut view = View::new(20, 4);
    let output = rendered(&mut view, &buffer);
    assert_eq!(
        output,
        "\x1b[1;1H\x1b[Kone\x1b[2;1H\x1b[Ktwo\x1b[3;1H\x1b[K~\
         \x1b[4;1H\x1b[7m notes  hi      1:1 \x1b[m\x1b[1;1H"
    );
}

#[test]
fn only_what_changed_is_sent_again() {
    let mut buffer = Buffer::load(b"one\ntwo\n").unwrap();
    let mut view = View::new(20, 4);
    rendered(&mut view, &buffer);
    buffer.set_cursor(Position { line: 1, column: 1 });
    buffer.insert_char('X').unwrap();
    let output = rendered(&mut view, &buffer);
    assert_eq!(
        output,
        "\x1b[2;2H\x1b[KXwo\x1b[4;17H\x1b[7m2:3 \x1b[m\x1b[2;3H"
    );
    // Shorter than before: erased from the first difference on.
    buffer.backspace().unwrap();
    buffer.move_end();
    buffer.backspace().unwrap();
    let output = rendered(&mut view, &buffer);
    assert_eq!(output, "\x1b[2;2H\x1b[Kw\x1b[2;3H");
    view.invalidate();
    assert!(rendered(&mut view, &buffer).contains("one"));
}

#[test]
fn scrolls_down_and_up_to_the_cursor() {
    let text: String = (0..50)
        .map(|number| alloc::format!("line {number}\n"))
        .collect();
    let mut buffer = Buffer::load(text.as_bytes()).unwrap();
    let mut view = View::new(20, 5);
    buffer.set_cursor(Position {
        line: 10,
        column: 0,
    });
    rendered(&mut view, &buffer);
    assert_eq!(view.scroll(), Position { line: 7, column: 0 });
    assert_eq!(view.cursor_on_screen(&buffer), (3, 0));
    buffer.set_cursor(Position { line: 2, column: 0 });
    rendered(&mut view, &buffer);
    assert_eq!(view.scroll().line, 2);
}

#[test]
fn long_lines_scroll_sideways() {
    let line: String = ('a'..='z').collect();
    let mut buffer = Buffer::load(line.as_bytes()).unwrap();
    let mut view = View::new(10, 3);
    buffer.move_end();
    let output = rendered(&mut view, &buffer);
    assert_eq!(
        view.scroll(),
        Position {
            line: 0,
            column: 17
        }
    );
    assert!(output.contains("\x1b[Krstuvwxyz"));
    assert!(output.ends_with("\x1b[1;10H"));
    buffer.move_home();
    rendered(&mut view, &buffer);
    assert_eq!(view.scroll().column, 0);
}

#[test]
fn control_characters_show_as_question_marks() {
    let buffer = Buffer::load(b"a\tb\r").unwrap();
    let mut view = View::new(10, 2);
    assert!(rendered(&mut view, &buffer).contains("\x1b[Ka?b?"));
}

#[test]
fn the_status_line_fits_the_width() {
    let view = View::new(30, 5);
    let status = Status {
        file_name: "a-very-long-file-name.txt",
        modified: true,
        message: "Ctrl-S save",
    };
    let text = view.status_row(
        Position {
            line: 99,
            column: 4,
        },
        &status,
    );
    assert_eq!(text, " a-very-long-file-name  100:5 ");
    assert_eq!(text.chars().count(), 30);
    let narrow = View::new(3, 2);
    assert_eq!(
        narrow
            .status_row(Position::default(), &status)
            .chars()
            .count(),
        3
    );
    let modified = View::new(40, 2).status_row(
        Position::default(),
        &Status {
            file_name: "f",
            modified: true,
            message: "",
        },
    );
    assert!(modified.starts_with(" f [+] "));
}

#[test]
fn tiny_screens_do_not_break() {
    let buffer = Buffer::load(b"abc\ndef").unwrap();
    for (width, height) in [(0, 0), (1, 1), (1, 2), (2, 3)] {
        let mut view = View::new(width, height);
        let mut output = vec![];
        view.render(&buffer, &STATUS, &mut output);
        assert!(!output.is_empty());
    }
}
