use super::*;
use alloc::string::ToString;

fn words(line: &str) -> Vec<String> {
    parse(line).unwrap().words
}

#[test]
fn words_split_on_whitespace() {
    assert_eq!(words("  ls   -l\t/home  "), ["ls", "-l", "/home"]);
    assert!(words("").is_empty());
    assert!(words("   ").is_empty());
}

#[test]
fn quotes_group_and_disappear() {
    assert_eq!(
        words("echo 'a  b' \"c d\" e'f'\"g\""),
        ["echo", "a  b", "c d", "efg"]
    );
    assert_eq!(words("echo '' \"\""), ["echo", "", ""]);
    assert_eq!(words("echo '\\n' '\"'"), ["echo", "\\n", "\""]);
}

#[test]
fn backslash_escapes() {
    assert_eq!(
        words("echo a\\ b \\> \\\\ \\'"),
        ["echo", "a b", ">", "\\", "'"]
    );
    assert_eq!(words("echo \"\\\" \\\\ \\$ \\a\""), ["echo", "\" \\ $ \\a"]);
}

#[test]
fn output_redirection() {
    let command = parse("echo hi > /home/user/f").unwrap();
    assert_eq!(command.words, ["echo", "hi"]);
    assert_eq!(
        command.redirect,
        Some(Redirect {
            path: "/home/user/f".to_string(),
            append: false
        })
    );
    let command = parse("echo hi>>log").unwrap();
    assert_eq!(command.words, ["echo", "hi"]);
    assert_eq!(
        command.redirect,
        Some(Redirect {
            path: "log".to_string(),
            append: true
        })
    );
    let command = parse(">out echo 'x > y'").unwrap();
    assert_eq!(command.words, ["echo", "x > y"]);
    assert_eq!(command.redirect.unwrap().path, "out");
    let command = parse("echo > 'my file'").unwrap();
    assert_eq!(command.redirect.unwrap().path, "my file");
}

#[test]
fn named_errors() {
    assert_eq!(parse("echo 'abc"), Err(ParseError::UnterminatedSingleQuote));
    assert_eq!(
        parse("echo \"abc"),
        Err(ParseError::UnterminatedDoubleQuote)
    );
    assert_eq!(
        parse("echo \"\\\""),
        Err(ParseError::UnterminatedDoubleQuote)
    );
    assert_eq!(parse("echo abc\\"), Err(ParseError::TrailingBackslash));
    assert_eq!(parse("echo >"), Err(ParseError::MissingRedirectTarget));
    assert_eq!(parse("echo >>   "), Err(ParseError::MissingRedirectTarget));
    assert_eq!(parse("echo > > f"), Err(ParseError::MissingRedirectTarget));
    assert_eq!(parse("echo >>> f"), Err(ParseError::MissingRedirectTarget));
    assert_eq!(parse("echo > ''"), Err(ParseError::MissingRedirectTarget));
    assert_eq!(parse("echo > a > b"), Err(ParseError::MultipleRedirects));
    assert_eq!(parse("echo > a >> b"), Err(ParseError::MultipleRedirects));
    assert_eq!(
        ParseError::MultipleRedirects.to_string(),
        "more than one redirection"
    );
}

#[test]
fn other_shell_characters_are_ordinary() {
    assert_eq!(
        words("echo $HOME * a|b ;"),
        ["echo", "$HOME", "*", "a|b", ";"]
    );
}
