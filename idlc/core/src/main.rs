//! The `idlc` command: checks `.idl` files and prints rustc-style diagnostics.
//!
//! ```text
//! idlc check <files>...   check files; exit 1 if any has an error
//! idlc ir <file>          print the checked schema (types, sizes, hashes)
//! idlc hash <file>        print each interface's schema hash
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;

use idlc::{SourceFile, check_source, pretty::pretty_print, render_all};

const USAGE: &str =
    "usage: idlc check <file.idl>...\n       idlc ir <file.idl>\n       idlc hash <file.idl>\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((command, files)) if command == "check" && !files.is_empty() => check(files),
        Some((command, [file])) if command == "ir" => print_schema(file, pretty_print),
        Some((command, [file])) if command == "hash" => print_schema(file, |schema| {
            schema
                .interfaces
                .iter()
                .map(|interface| format!("{} {:#018x}\n", interface.name, interface.schema_hash))
                .collect()
        }),
        Some((command, _)) if command == "help" || command == "--help" || command == "-h" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Checks every file, reporting all errors; fails if any file has one.
fn check(paths: &[String]) -> ExitCode {
    let mut failed = 0usize;
    for path in paths {
        if load_and_check(path).is_none() {
            failed += 1;
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_schema(path: &str, render: impl Fn(&idlc::ir::Schema) -> String) -> ExitCode {
    match load_and_check(path) {
        Some(schema) => {
            print!("{}", render(&schema));
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}

/// Reads and checks one file; prints its errors to stderr.
fn load_and_check(path: &str) -> Option<idlc::ir::Schema> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read `{path}`: {error}");
            return None;
        }
    };
    let file = SourceFile::new(path, text);
    match check_source(&file) {
        Ok(schema) => Some(schema),
        Err(diagnostics) => {
            eprintln!("{}", render_all(&diagnostics, &file));
            let plural = if diagnostics.len() == 1 { "" } else { "s" };
            eprintln!("error: `{path}` has {} error{plural}", diagnostics.len());
            None
        }
    }
}
