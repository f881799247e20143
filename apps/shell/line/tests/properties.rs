//! Property tests: random input never panics the editor, and the model
//! terminal always shows exactly the prompt and the line, with the cursor
//! in place; random lines never panic the parser or completion.

mod model;

use line_editor::{Event, LineEditor, complete, completion_context, parse};
use model::Screen;
use proptest::prelude::*;

/// Bytes biased towards keys: text, controls, escape sequence pieces.
fn key_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        6 => b'a'..=b'z',
        1 => Just(b' '),
        1 => any::<u8>(),
        1 => prop::sample::select(b"\x01\x02\x03\x04\x05\x06\x08\t\x0b\x0c\x0e\x10\x15\x17\x7f\r\n".to_vec()),
        2 => prop::sample::select(vec![0x1b, b'[', b'O', b'~', b'A', b'B', b'C', b'D', b'H', b'F', b'1', b'3', b'4']),
        1 => prop::sample::select(vec![0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xE3, 0x80]),
    ];
    prop::collection::vec(byte, 0..150)
}

/// The line the prompt must be on for the cursor to be right.
fn prompt_line_from_cursor(screen: &Screen, editor: &LineEditor, prompt: &str) -> usize {
    let position = prompt.chars().count() + editor.line()[..editor.cursor()].chars().count();
    screen.row - position / screen.columns
}

proptest! {
    #[test]
    fn the_screen_always_matches_the_line(
        columns in 8usize..100,
        prompt in "[a-z$>#]{0,9}",
        input in key_bytes(),
        chunk in 1usize..8,
    ) {
        let rows = 30;
        let mut editor = LineEditor::new(columns);
        let mut screen = Screen::new(columns, rows);
        let mut output = Vec::new();
        editor.start(&prompt, &mut output);
        screen.write(&output);
        let mut prompt_line = 0;
        // Submitted lines: where they start and what they show, which must
        // stay on the screen until Ctrl-L clears it.
        let mut finished: Vec<(usize, String)> = Vec::new();
        for piece in input.chunks(chunk) {
            let mut rest = piece;
            while !rest.is_empty() {
                let mut output = Vec::new();
                // Ctrl-L alone, so that the prompt's line can be updated.
                let limit = match rest.iter().position(|&byte| byte == 0x0C) {
                    Some(0) => 1,
                    Some(position) => position,
                    None => rest.len(),
                };
                let (used, event) = editor.feed(&rest[..limit], &mut output);
                screen.write(&output);
                if rest[0] == 0x0C && event.is_none() {
                    // Ctrl-L may have moved the prompt to the top; where it
                    // is follows from the cursor, checked below.
                    prompt_line = prompt_line_from_cursor(&screen, &editor, &prompt);
                    finished.clear();
                }
                rest = &rest[used..];
                match event {
                    None => {}
                    Some(Event::CompletionRequested { .. }) => {
                        let context = completion_context(editor.line(), editor.cursor());
                        let completion = complete(context.prefix, ["alpha", "alps", "beta"]);
                        let mut output = Vec::new();
                        editor.insert(&completion.insert, &mut output);
                        if completion.matches.len() > 1 {
                            editor.write_below(&completion.matches.join(" "), &mut output);
                        }
                        screen.write(&output);
                        prompt_line = prompt_line_from_cursor(&screen, &editor, &prompt);
                    }
                    Some(event) => {
                        match &event {
                            Event::Submitted(line) => finished.push((prompt_line, format!("{prompt}{line}"))),
                            Event::Cancelled => {
                                // "^C" may be split by the row's end.
                                let shown = screen.text(screen.row.saturating_sub(2)) + &screen.text(screen.row - 1);
                                prop_assert!(shown.trim_end().ends_with("^C"), "{:?}", shown);
                            }
                            _ => {}
                        }
                        prop_assert_eq!(screen.column, 0);
                        prop_assert!(!screen.pending_wrap);
                        let mut output = Vec::new();
                        prompt_line = screen.row;
                        editor.start(&prompt, &mut output);
                        screen.write(&output);
                    }
                }
                let cursor = editor.line()[..editor.cursor()].chars().count();
                screen.assert_shows(prompt_line, &prompt, editor.line(), cursor);
                for (line, text) in &finished {
                    screen.assert_text_at(*line, text);
                }
            }
        }
    }

    #[test]
    fn parsing_never_panics(line in "[a-z '\"\\\\> \t]{0,40}") {
        if let Ok(Some(redirect)) = parse(&line).map(|command| command.redirect) {
            prop_assert!(!redirect.path.is_empty());
        }
    }

    #[test]
    fn unquoted_words_parse_to_themselves(words in prop::collection::vec("[a-z0-9/._-]{1,8}", 0..6)) {
        let command = parse(&words.join("  ")).unwrap();
        prop_assert_eq!(command.words, words);
        prop_assert_eq!(command.redirect, None);
    }

    #[test]
    fn completion_never_panics_and_inserts_a_shared_prefix(
        line in "[a-z /é>]{0,20}",
        cursor in 0usize..30,
        candidates in prop::collection::vec("[a-cé]{0,5}", 0..6),
    ) {
        let context = completion_context(&line, cursor);
        prop_assert!(line[..context.start.min(line.len())].len() == context.start);
        let completion = complete(context.prefix, candidates.iter().map(String::as_str));
        for candidate in &completion.matches {
            let completed = format!("{}{}", context.prefix, completion.insert);
            prop_assert!(candidate.starts_with(&completed));
        }
    }
}
