//! The line editor's behaviour, checked on a model terminal.

mod model;

use line_editor::{Event, LineEditor};
use model::Screen;

const PROMPT: &str = "$ ";

/// An editor and a screen, with the prompt drawn on the screen's line 0.
struct Session {
    editor: LineEditor,
    screen: Screen,
    prompt_line: usize,
    events: Vec<Event>,
}

impl Session {
    fn new(columns: usize, rows: usize) -> Session {
        let mut session = Session {
            editor: LineEditor::new(columns),
            screen: Screen::new(columns, rows),
            prompt_line: 0,
            events: Vec::new(),
        };
        session.start();
        session
    }

    fn start(&mut self) {
        let mut output = Vec::new();
        self.prompt_line = self.screen.row;
        assert_eq!(self.screen.column, 0);
        self.editor.start(PROMPT, &mut output);
        self.screen.write(&output);
    }

    /// Feeds `input`; restarts the prompt after each event.
    fn type_bytes(&mut self, input: &[u8]) {
        let mut input = input;
        while !input.is_empty() {
            let mut output = Vec::new();
            let (used, event) = self.editor.feed(input, &mut output);
            self.screen.write(&output);
            input = &input[used..];
            if let Some(event) = event {
                let restart = !matches!(event, Event::CompletionRequested { .. });
                self.events.push(event);
                if restart {
                    self.start();
                }
            }
        }
    }

    fn assert_screen(&self) {
        let cursor = self.editor.line()[..self.editor.cursor()].chars().count();
        self.screen
            .assert_shows(self.prompt_line, PROMPT, self.editor.line(), cursor);
    }
}

#[test]
fn typing_echoes_and_enter_submits() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"ls -l");
    assert_eq!(session.editor.line(), "ls -l");
    session.assert_screen();
    session.type_bytes(b"\r\n");
    assert_eq!(session.events, [Event::Submitted("ls -l".into())]);
    session.screen.assert_text_at(0, "$ ls -l");
    assert_eq!(session.prompt_line, 1);
    session.assert_screen();
}

#[test]
fn typing_at_the_end_sends_only_the_character() {
    let mut editor = LineEditor::new(80);
    let mut output = Vec::new();
    editor.start(PROMPT, &mut output);
    output.clear();
    editor.feed(b"a", &mut output);
    assert_eq!(output, b"a");
}

#[test]
fn one_enter_per_line_ending() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"a\r\nb\nc\r");
    let lines: Vec<Event> = ["a", "b", "c"]
        .map(|line| Event::Submitted(line.into()))
        .into();
    assert_eq!(session.events, lines);
}

#[test]
fn editing_in_the_middle_redraws_the_tail() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"helo\x1b[D\x1b[Dl");
    assert_eq!(session.editor.line(), "hello");
    session.assert_screen();
    session.type_bytes(b"\x1b[D\x7f\x1b[3~");
    assert_eq!(session.editor.line(), "hlo");
    assert_eq!(session.editor.cursor(), 1);
    session.assert_screen();
}

#[test]
fn home_end_and_kills() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"one two three\x01X\x05Y");
    assert_eq!(session.editor.line(), "Xone two threeY");
    session.type_bytes(b"\x1b[H\x1b[C\x1b[C\x0b");
    assert_eq!(session.editor.line(), "Xo");
    session.type_bytes(b"\x1b[4~ne two\x17");
    assert_eq!(session.editor.line(), "Xone ");
    session.type_bytes(b"\x1bOH\x1b[C\x15");
    assert_eq!(session.editor.line(), "one ");
    assert_eq!(session.editor.cursor(), 0);
    session.assert_screen();
}

#[test]
fn page_keys_and_unbound_control_keys_change_nothing() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"ab\x1b[D\x1b[5~\x1b[6~\x00\x07\x13\x1a\x1c");
    assert_eq!(session.editor.line(), "ab");
    assert_eq!(session.editor.cursor(), 1);
    assert!(session.events.is_empty());
    session.assert_screen();
}

#[test]
fn multibyte_characters_are_one_cell_and_one_step() {
    let mut session = Session::new(80, 25);
    session.type_bytes("héllo".as_bytes());
    session.type_bytes(b"\x1b[D\x1b[D\x1b[D\x1b[D\x7f");
    assert_eq!(session.editor.line(), "éllo");
    session.assert_screen();
}

#[test]
fn control_c_abandons_the_line() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"oops\x03");
    assert_eq!(session.events, [Event::Cancelled]);
    assert_eq!(session.screen.text(0).trim_end(), "$ oops^C");
    assert!(session.editor.history().is_empty());
    session.assert_screen();
}

#[test]
fn control_d_ends_input_only_on_an_empty_line() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"ab\x01\x04");
    assert_eq!(session.editor.line(), "b");
    assert!(session.events.is_empty());
    session.type_bytes(b"\x05\x15\x04");
    assert_eq!(session.events, [Event::EndOfInput]);
}

#[test]
fn tab_requests_completion_and_a_second_tab_says_so() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"ca\t\t");
    assert_eq!(
        session.events,
        [
            Event::CompletionRequested { repeated: false },
            Event::CompletionRequested { repeated: true },
        ]
    );
    assert_eq!(session.editor.line(), "ca");
    session.type_bytes(b"t\t");
    assert_eq!(
        session.events.last(),
        Some(&Event::CompletionRequested { repeated: false })
    );
}

#[test]
fn completion_insert_and_list() {
    let mut editor = LineEditor::new(20);
    let mut screen = Screen::new(20, 25);
    let mut output = Vec::new();
    editor.start(PROMPT, &mut output);
    editor.feed(b"cat re\x1b[D", &mut output);
    let (_, event) = editor.feed(b"\x1b[C\t", &mut output);
    assert_eq!(event, Some(Event::CompletionRequested { repeated: false }));
    editor.insert("ad", &mut output);
    editor.write_below("readme  read.me\nreader", &mut output);
    screen.write(&output);
    assert_eq!(editor.line(), "cat read");
    assert_eq!(screen.text(0).trim_end(), "$ cat read");
    assert_eq!(screen.text(1).trim_end(), "readme  read.me");
    assert_eq!(screen.text(2).trim_end(), "reader");
    screen.assert_shows(3, PROMPT, "cat read", 8);
}

#[test]
fn long_lines_wrap_and_edit_correctly() {
    let mut session = Session::new(10, 25);
    session.type_bytes(b"abcdefghijklmnopqrstuvwxyz");
    session.assert_screen();
    session.type_bytes(b"\x01\x1b[C\x1b[C\x1b[C");
    session.type_bytes(b"0123456789");
    session.assert_screen();
    session.type_bytes(b"\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f");
    assert_eq!(session.editor.line(), "adefghijklmnopqrstuvwxyz");
    session.assert_screen();
    session.type_bytes(b"\r");
    assert_eq!(session.screen.text(0).trim_end(), "$ adefghij");
    session.assert_screen();
}

#[test]
fn a_line_filling_whole_rows_leaves_no_blank_row_after_enter() {
    // "$ " and 8 characters fill a 10-column row exactly.
    let mut session = Session::new(10, 25);
    session.type_bytes(b"12345678");
    session.assert_screen();
    session.type_bytes(b"\r");
    assert_eq!(session.prompt_line, 1);
    session.assert_screen();
}

#[test]
fn editing_at_the_bottom_of_the_screen_after_scrolling() {
    let mut session = Session::new(10, 4);
    for _ in 0..5 {
        session.type_bytes(b"x\r");
    }
    session.type_bytes(b"abcdefghijklmnopqrstuvwxyz\x01\x1b[CZ");
    assert!(session.screen.top > 0);
    session.assert_screen();
    session.type_bytes(b"\x05\x15");
    session.assert_screen();
}

#[test]
fn history_walk_keeps_the_unsubmitted_line() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"first\rsecond\rsecond\r\rdraft");
    assert_eq!(
        session.editor.history().iter().collect::<Vec<_>>(),
        ["first", "second"]
    );
    session.type_bytes(b"\x1b[A");
    assert_eq!(session.editor.line(), "second");
    session.type_bytes(b"\x1b[A\x1b[A");
    assert_eq!(session.editor.line(), "first");
    session.assert_screen();
    session.type_bytes(b"\x1b[B");
    assert_eq!(session.editor.line(), "second");
    session.type_bytes(b"\x1b[B");
    assert_eq!(session.editor.line(), "draft");
    session.assert_screen();
    session.type_bytes(b"\x1b[A!\r");
    assert_eq!(
        session.events.last(),
        Some(&Event::Submitted("second!".into()))
    );
    assert_eq!(session.editor.history().iter().last(), Some("second!"));
}

#[test]
fn the_line_has_a_limit() {
    let mut session = Session::new(80, 40);
    let input = vec![b'x'; LineEditor::MAX_LINE_CHARACTERS + 5];
    session.type_bytes(&input);
    assert_eq!(session.editor.line().len(), LineEditor::MAX_LINE_CHARACTERS);
    session.assert_screen();
}

#[test]
fn clear_screen_redraws_at_the_top() {
    let mut session = Session::new(80, 25);
    session.type_bytes(b"a\rb\rc\x0c");
    session.prompt_line = session.screen.top;
    assert_eq!(session.screen.row, 0);
    session.assert_screen();
}

#[test]
fn control_c_at_a_row_end() {
    let mut editor = LineEditor::new(11);
    let mut output = Vec::new();
    editor.start("a>##aa#", &mut output);
    editor.feed(b"[[\x03", &mut output);
    let mut screen = Screen::new(11, 5);
    screen.write(&output);
    assert_eq!(
        screen.text(0),
        "a>##aa#[[^C",
        "{:?}",
        String::from_utf8_lossy(&output)
    );
    assert_eq!((screen.row, screen.column), (1, 0));
}

#[test]
fn control_w_after_wide_whitespace() {
    let mut session = Session::new(80, 25);
    session.type_bytes("ab\u{3000}cd\x17".as_bytes());
    assert_eq!(session.editor.line(), "ab\u{3000}");
    session.type_bytes(b"\x17");
    assert_eq!(session.editor.line(), "");
}

#[test]
fn a_hidden_line_shows_nothing_and_is_not_remembered() {
    let mut editor = LineEditor::new(10);
    let mut screen = Screen::new(10, 5);
    let mut output = Vec::new();
    editor.start_hidden("Password: ", &mut output);
    let (_, event) = editor.feed(b"secret\x7fT\x1b[A\t\x01\x1b[3~", &mut output);
    assert_eq!(event, None);
    assert_eq!(editor.line(), "ecreT");
    let (_, event) = editor.feed(b"\r", &mut output);
    assert_eq!(event, Some(Event::Submitted("ecreT".into())));
    screen.write(&output);
    assert!(!String::from_utf8(output).unwrap().contains("ecre"));
    assert_eq!(screen.text(0), "Password: ");
    assert!(screen.text(1).trim().is_empty());
    // The prompt fills the row, so the row below is where the next starts.
    assert_eq!((screen.row, screen.column), (1, 0));
    assert!(editor.history().is_empty());
    let mut output = Vec::new();
    editor.start("$ ", &mut output);
    editor.feed(b"ls\r", &mut output);
    assert_eq!(editor.history().len(), 1);
}

#[test]
fn a_submitted_line_of_several_rows_stays_above_the_next_prompt() {
    for length in [7, 8, 9, 17, 18, 19, 30] {
        let mut session = Session::new(10, 25);
        let line = "x".repeat(length);
        session.type_bytes(line.as_bytes());
        session.type_bytes(b"\x01\r");
        session.screen.assert_text_at(0, &format!("$ {line}"));
        // The prompt and the line fill (2 + length) / 10 rows, rounded up.
        assert_eq!(
            session.prompt_line,
            (2 + length).div_ceil(10),
            "length {length}"
        );
        session.assert_screen();
    }
}

#[test]
fn control_c_on_a_full_row_and_on_a_long_line() {
    for length in [6, 7, 8, 25] {
        let mut session = Session::new(10, 25);
        session.type_bytes("y".repeat(length).as_bytes());
        session.type_bytes(b"\x1b[H\x03");
        session
            .screen
            .assert_text_at(0, &format!("$ {}^C", "y".repeat(length)));
        assert_eq!(
            session.prompt_line,
            (2 + length + 2).div_ceil(10),
            "length {length}"
        );
    }
}
