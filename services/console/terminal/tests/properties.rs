//! Property tests: random bytes and random sequences of operations never
//! panic the terminal, the consoles or the prompt, and leave them in a
//! consistent state.

use console_terminal::{Consoles, EchoPrompt, Terminal};
use proptest::prelude::*;

/// Bytes biased towards what makes parsers interesting: escapes, the
/// characters that start and end sequences, digits, controls and UTF-8
/// lead and continuation bytes.
fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        any::<u8>(),
        Just(0x1B),
        Just(b'['),
        Just(b']'),
        Just(b';'),
        Just(b'?'),
        b'0'..=b'9',
        prop::sample::select(b"HfABCDGJKmsuhlM78c\n\r\x08\t\x07\x18\x1a".to_vec()),
        0x80u8..=0xFF,
    ];
    prop::collection::vec(byte, 0..200)
}

#[derive(Clone, Debug)]
enum Operation {
    Write(Vec<u8>),
    ScrollView(isize),
    ScrollToBottom,
    TakeDamage,
    MarkAllDamaged,
    Switch(usize),
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        4 => interesting_bytes().prop_map(Operation::Write),
        1 => any::<isize>().prop_map(Operation::ScrollView),
        1 => (-30isize..30).prop_map(Operation::ScrollView),
        1 => Just(Operation::ScrollToBottom),
        1 => Just(Operation::TakeDamage),
        1 => Just(Operation::MarkAllDamaged),
        1 => (0usize..6).prop_map(Operation::Switch),
    ]
}

fn check_invariants(terminal: &Terminal, scrollback: usize) {
    assert!(terminal.scrollback_len() <= scrollback);
    assert!(terminal.view_offset() <= terminal.scrollback_len());
    if let Some((column, row)) = terminal.cursor() {
        assert!(column < terminal.columns() && row < terminal.rows());
    }
    for row in 0..terminal.rows() {
        assert_eq!(terminal.visible_row(row).len(), terminal.columns());
    }
    assert!(terminal.visible_row(terminal.rows()).is_empty());
}

fn screen(terminal: &Terminal) -> Vec<String> {
    (0..terminal.rows())
        .map(|row| terminal.text_of_row(row))
        .collect()
}

proptest! {
    #[test]
    fn random_bytes_never_break_a_terminal(
        columns in 1usize..100,
        rows in 1usize..40,
        scrollback in 0usize..30,
        chunks in prop::collection::vec(interesting_bytes(), 0..8),
    ) {
        let mut terminal = Terminal::new(columns, rows, scrollback);
        for chunk in &chunks {
            terminal.write(chunk);
            check_invariants(&terminal, scrollback);
            let damage = terminal.take_damage();
            prop_assert!(damage.rows().all(|row| row < rows));
        }
        // Whatever came before, a reset and text are shown as text. Only
        // what fits on the row is written: on a 1x1 terminal a second
        // character would wrap and scroll the first away.
        let text = &"ok"[..2.min(columns)];
        terminal.write(b"\x18\x1bc\x1b[H");
        terminal.write(text.as_bytes());
        prop_assert_eq!(&terminal.text_of_row(0)[..text.len()], text);
    }

    #[test]
    fn splitting_a_write_changes_nothing(bytes in interesting_bytes(), split in any::<prop::sample::Index>()) {
        let mut whole = Terminal::new(20, 6, 10);
        whole.write(&bytes);
        let mut split_up = Terminal::new(20, 6, 10);
        let (first, second) = bytes.split_at(split.index(bytes.len() + 1));
        split_up.write(first);
        split_up.write(second);
        prop_assert_eq!(screen(&whole), screen(&split_up));
        prop_assert_eq!(whole.cursor(), split_up.cursor());
        prop_assert_eq!(whole.scrollback_len(), split_up.scrollback_len());
    }

    #[test]
    fn random_operations_keep_the_consoles_consistent(
        operations in prop::collection::vec(operation(), 0..40),
    ) {
        let scrollback = 15;
        let mut consoles = Consoles::new(4, 30, 8, scrollback);
        for operation in operations {
            let active = consoles.active();
            let terminal = consoles.active_terminal_mut();
            match operation {
                Operation::Write(bytes) => {
                    terminal.write(&bytes);
                    if !bytes.is_empty() {
                        prop_assert_eq!(terminal.view_offset(), 0);
                    }
                }
                Operation::ScrollView(delta) => terminal.scroll_view(delta),
                Operation::ScrollToBottom => terminal.scroll_view_to_bottom(),
                Operation::TakeDamage => {
                    terminal.take_damage();
                }
                Operation::MarkAllDamaged => terminal.mark_all_damaged(),
                Operation::Switch(index) => {
                    let switched = consoles.switch_to(index);
                    prop_assert_eq!(switched, index < 4);
                    prop_assert_eq!(consoles.active(), if switched { index } else { active });
                    if switched && index != active {
                        prop_assert!(consoles.active_terminal_mut().take_damage().is_all());
                    }
                }
            }
            for terminal in consoles.iter() {
                check_invariants(terminal, scrollback);
            }
        }
    }

    #[test]
    fn random_input_never_breaks_the_prompt(
        chunks in prop::collection::vec(interesting_bytes(), 0..8),
        keys in prop::collection::vec(any::<char>(), 0..300),
    ) {
        let mut prompt = EchoPrompt::new("barodia> ", 30);
        let mut terminal = Terminal::new(30, 8, 5);
        let mut output = Vec::new();
        prompt.start(&mut output);
        for chunk in &chunks {
            prompt.feed_bytes(chunk, &mut output);
            prop_assert!(prompt.line().len() <= EchoPrompt::LINE_CAPACITY);
        }
        for key in keys {
            prompt.feed_char(key, &mut output);
            prop_assert!(prompt.line().len() <= EchoPrompt::LINE_CAPACITY);
        }
        terminal.write(&output);
        check_invariants(&terminal, 5);
    }

    #[test]
    fn the_echo_shows_exactly_the_line(
        edits in prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(vec!['a', 'b', 'é', '─', '😀', 'z']),
                2 => Just('\u{7f}'),
                1 => Just('\u{15}'),
            ],
            0..120,
        ),
        columns in 5usize..30,
    ) {
        // Whatever mix of typing, backspace and Ctrl-U, what the terminal
        // shows after the prompt is the line the prompt holds, even when
        // it wraps (the prompt starts at the top left, and the screen is
        // tall enough for the longest line).
        let mut prompt = EchoPrompt::new("> ", columns);
        let mut terminal = Terminal::new(columns, 300 / columns + 2, 0);
        let mut output = Vec::new();
        prompt.start(&mut output);
        for edit in edits {
            prompt.feed_char(edit, &mut output);
        }
        terminal.write(&output);
        let shown: String = (0..terminal.rows()).map(|row| terminal.text_of_row(row)).collect();
        let expected: String = prompt.line().chars()
            .map(|c| console_terminal::cp437::decode(console_terminal::cp437::encode(c)))
            .collect();
        let expected = format!("> {expected}");
        prop_assert_eq!(shown.trim_end(), expected.trim_end());
        let cells = 2 + prompt.line().chars().count();
        let (column, row) = terminal.cursor().unwrap();
        // The cursor is on the next cell, or on the last one with a wrap pending.
        let position = row * columns + column;
        prop_assert!(position == cells || (position + 1 == cells && cells.is_multiple_of(columns)));
    }
}
