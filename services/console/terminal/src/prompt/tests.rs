use super::*;
use crate::Terminal;
use alloc::vec;

const PROMPT: &str = "barodia> ";

fn typed_bytes(prompt: &mut EchoPrompt, input: &[u8]) -> Vec<u8> {
    let mut output = Vec::new();
    prompt.feed_bytes(input, &mut output);
    output
}

fn typed_chars(prompt: &mut EchoPrompt, input: &str) -> Vec<u8> {
    let mut output = Vec::new();
    for character in input.chars() {
        prompt.feed_char(character, &mut output);
    }
    output
}

#[test]
fn start_gives_the_prompt() {
    let mut output = vec![];
    EchoPrompt::new(PROMPT, 80).start(&mut output);
    assert_eq!(output, PROMPT.as_bytes());
}

#[test]
fn printable_characters_are_echoed_and_kept() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    assert_eq!(typed_chars(&mut prompt, "ls -l"), b"ls -l");
    assert_eq!(prompt.line(), "ls -l");
}

#[test]
fn enter_answers_the_line_and_prompts_again() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    let output = typed_chars(&mut prompt, "hi\r");
    assert_eq!(output, b"hi\nyou typed: hi\nbarodia> ");
    assert_eq!(prompt.line(), "");
}

#[test]
fn carriage_return_line_feed_is_one_enter() {
    let mut prompt = EchoPrompt::new("> ", 80);
    assert_eq!(
        typed_bytes(&mut prompt, b"a\r\nb\n"),
        b"a\nyou typed: a\n> b\nyou typed: b\n> "
    );
    // Split across two reads, too.
    assert_eq!(typed_bytes(&mut prompt, b"c\r"), b"c\nyou typed: c\n> ");
    assert_eq!(typed_bytes(&mut prompt, b"\n"), b"");
    // But two Enters are two lines.
    assert_eq!(typed_bytes(&mut prompt, b"\n"), b"\nyou typed: \n> ");
}

#[test]
fn backspace_erases_one_character_and_nothing_on_an_empty_line() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    assert_eq!(typed_chars(&mut prompt, "\u{8}\u{7f}"), b"");
    assert_eq!(typed_chars(&mut prompt, "ab\u{7f}"), b"ab\x08 \x08");
    assert_eq!(prompt.line(), "a");
    assert_eq!(typed_bytes(&mut prompt, b"\x08\x08"), b"\x08 \x08");
    assert_eq!(prompt.line(), "");
}

#[test]
fn backspace_erases_a_multibyte_character_whole() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    assert_eq!(typed_bytes(&mut prompt, "é😀".as_bytes()), "é😀".as_bytes());
    assert_eq!(typed_bytes(&mut prompt, b"\x7f"), b"\x08 \x08");
    assert_eq!(prompt.line(), "é");
    assert_eq!(typed_chars(&mut prompt, "\u{8}"), b"\x08 \x08");
    assert_eq!(prompt.line(), "");
}

#[test]
fn a_character_split_across_reads_is_echoed_whole() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    assert_eq!(typed_bytes(&mut prompt, b"\xE2\x94"), b"");
    assert_eq!(typed_bytes(&mut prompt, b"\x80"), "─".as_bytes());
    assert_eq!(prompt.line(), "─");
}

#[test]
fn ctrl_u_clears_the_line() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    typed_chars(&mut prompt, "abc");
    assert_eq!(
        typed_chars(&mut prompt, "\u{15}"),
        b"\x08 \x08\x08 \x08\x08 \x08"
    );
    assert_eq!(prompt.line(), "");
}

#[test]
fn escape_sequences_from_the_serial_line_are_swallowed() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    // Up, Left, Delete, F1 (SS3), Alt+x, then text.
    let output = typed_bytes(&mut prompt, b"\x1b[A\x1b[D\x1b[3~\x1bOP\x1bxok");
    assert_eq!(output, b"ok");
    assert_eq!(prompt.line(), "ok");
    // Split across reads.
    assert_eq!(typed_bytes(&mut prompt, b"\x1b"), b"");
    assert_eq!(typed_bytes(&mut prompt, b"[1;5"), b"");
    assert_eq!(typed_bytes(&mut prompt, b"Cz"), b"z");
}

#[test]
fn other_controls_and_malformed_input_are_ignored() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    assert_eq!(typed_bytes(&mut prompt, b"\x01\x07\t\x00\xff\xc3"), b"");
    assert_eq!(typed_chars(&mut prompt, "\u{1b}\u{9b}"), b"");
    assert_eq!(prompt.line(), "");
}

#[test]
fn a_full_line_beeps_and_drops_the_key() {
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    let full = "x".repeat(EchoPrompt::LINE_CAPACITY);
    assert_eq!(typed_chars(&mut prompt, &full), full.as_bytes());
    assert_eq!(typed_chars(&mut prompt, "y"), [BELL]);
    assert_eq!(prompt.line(), full);
    // A multibyte character that does not fit whole is dropped whole.
    let mut prompt = EchoPrompt::new(PROMPT, 80);
    typed_chars(&mut prompt, &"x".repeat(EchoPrompt::LINE_CAPACITY - 1));
    assert_eq!(typed_chars(&mut prompt, "é"), [BELL]);
    assert_eq!(prompt.line().len(), EchoPrompt::LINE_CAPACITY - 1);
}

/// Types `input` into a prompt on a terminal of `columns` and returns the
/// terminal, so tests can check what is on the screen.
fn on_terminal(columns: usize, input: &str) -> Terminal {
    let mut terminal = Terminal::new(columns, 5, 0);
    let mut prompt = EchoPrompt::new("> ", columns);
    let mut output = Vec::new();
    prompt.start(&mut output);
    for character in input.chars() {
        prompt.feed_char(character, &mut output);
    }
    terminal.write(&output);
    terminal
}

#[test]
fn erasing_works_across_a_wrapped_line() {
    // "> " plus 8 characters fills a 10-column row exactly.
    let terminal = on_terminal(10, "abcdefgh\u{8}");
    assert_eq!(terminal.text_of_row(0), "> abcdefg ");
    assert_eq!(terminal.cursor(), Some((9, 0)));
    let terminal = on_terminal(10, "abcdefghi\u{8}\u{8}\u{8}x");
    assert_eq!(terminal.text_of_row(0), "> abcdefx ");
    assert_eq!(terminal.text_of_row(1), "          ");
    let terminal = on_terminal(10, "abcdefghij\u{8}\u{8}\u{8}\u{8}yz");
    assert_eq!(terminal.text_of_row(0), "> abcdefyz");
    assert_eq!(terminal.text_of_row(1), "          ");
    let terminal = on_terminal(10, &alloc::format!("{}\u{15}ok\r", "w".repeat(25)));
    assert_eq!(terminal.text_of_row(0), "> ok      ");
    assert_eq!(terminal.text_of_row(1), "you typed:");
    assert_eq!(terminal.text_of_row(2), " ok       ");
    assert_eq!(terminal.text_of_row(3), ">         ");
}
