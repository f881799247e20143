//! Diagnostics: what went wrong, where, and how to fix it, rendered like rustc.

use crate::code::ErrorCode;
use crate::source::{SourceFile, Span};

/// One error found in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable error code.
    pub code: ErrorCode,
    /// The main message, one line, lower case, no final period.
    pub message: String,
    /// Where the problem is.
    pub span: Span,
    /// A short label printed after the carets.
    pub label: String,
    /// How to fix it, if `idlc` can tell.
    pub hint: Option<String>,
    /// A related place, such as the first definition of a duplicate name.
    pub note: Option<(Span, String)>,
}

impl Diagnostic {
    /// Creates a diagnostic with a message and a span, and no label, hint or note.
    pub fn new(code: ErrorCode, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span,
            label: String::new(),
            hint: None,
            note: None,
        }
    }

    /// Sets the label printed after the carets.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the hint if there is one.
    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }

    /// Points at a related place.
    pub fn note(mut self, span: Span, note: impl Into<String>) -> Self {
        self.note = Some((span, note.into()));
        self
    }

    /// Renders the diagnostic in rustc's format, for example:
    ///
    /// ```text
    /// error[E0012]: unknown type `u33`
    ///  --> echo.idl:4:19
    ///   |
    /// 4 |     @1 echo(text: u33) -> u32;
    ///   |                   ^^^ not a known type
    ///   |
    ///   = hint: did you mean `u32`?
    /// ```
    pub fn render(&self, file: &SourceFile) -> String {
        let start = file.line_col(self.span.start);
        let gutter = " ".repeat(start.line.to_string().len());
        let line_text = file.line_text(start.line);
        let caret_count = self.caret_count(file, line_text, start.col);
        let mut out = format!("error[{}]: {}\n", self.code, self.message);
        out += &format!("{gutter}--> {}:{}:{}\n", file.name(), start.line, start.col);
        out += &format!("{gutter} |\n");
        out += &format!("{} | {}\n", start.line, line_text);
        let padding: String = line_text
            .chars()
            .take(start.col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let carets = "^".repeat(caret_count);
        let label = if self.label.is_empty() {
            String::new()
        } else {
            format!(" {}", self.label)
        };
        out += &format!("{gutter} | {padding}{carets}{label}\n");
        if self.note.is_some() || self.hint.is_some() {
            out += &format!("{gutter} |\n");
        }
        if let Some((span, note)) = &self.note {
            let at = file.line_col(span.start);
            out += &format!(
                "{gutter} = note: {note} at {}:{}:{}\n",
                file.name(),
                at.line,
                at.col
            );
        }
        if let Some(hint) = &self.hint {
            out += &format!("{gutter} = hint: {hint}\n");
        }
        out
    }

    /// How many carets to draw: the span's width in characters, cut at the end of
    /// the line, and at least one (an empty span at the end of input still gets one).
    fn caret_count(&self, file: &SourceFile, line_text: &str, col: usize) -> usize {
        let width = file
            .text()
            .get(self.span.start..self.span.end)
            .map_or(0, |text| text.chars().take_while(|c| *c != '\n').count());
        let room = line_text
            .chars()
            .count()
            .saturating_sub(col.saturating_sub(1));
        width.min(room).max(1)
    }
}

/// Renders every diagnostic, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], file: &SourceFile) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.render(file))
        .collect::<Vec<_>>()
        .join("\n")
}
