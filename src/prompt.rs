//! The search prompt's line of text: editing is `tui-input`'s (cursor motion by grapheme and
//! word, deletion both ways), so the prompt behaves as readline-trained hands expect (#10).

use tui_input::{Input, InputRequest};

use crate::action::Edit;

#[derive(Debug, Clone, Default)]
pub struct Prompt {
    input: Input,
}

impl PartialEq for Prompt {
    fn eq(&self, other: &Prompt) -> bool {
        self.input.value() == other.input.value() && self.input.cursor() == other.input.cursor()
    }
}

impl Eq for Prompt {}

impl Prompt {
    /// A prompt holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Prompt {
        Prompt {
            input: Input::new(clean(text)),
        }
    }

    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// The byte of [`Prompt::text`] the cursor stands before.
    pub fn cursor_byte(&self) -> usize {
        let text = self.input.value();
        text.char_indices()
            .nth(self.input.cursor())
            .map_or(text.len(), |(i, _)| i)
    }

    /// Types `text` at the cursor as one edit, whatever its length: a paste is not thousands
    /// of keystrokes.
    pub fn insert(&mut self, text: &str) {
        let clean = clean(text);
        if clean.is_empty() {
            return;
        }
        let at = self.cursor_byte();
        let mut value = self.input.value().to_string();
        value.insert_str(at, &clean);
        let cursor = self.input.cursor() + clean.chars().count();
        self.input = Input::new(value).with_cursor(cursor);
    }

    pub fn edit(&mut self, edit: Edit) {
        let request = match edit {
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::DeleteWordBack => InputRequest::DeletePrevWord,
            Edit::DeleteWordForward => InputRequest::DeleteNextWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
        };
        self.input.handle(request);
    }
}

/// What is typed is shown in the status bar: it is cleaned like document text, so no control,
/// bidi or invisible character gets there, and it is one line.
fn clean(text: &str) -> String {
    crate::text::sanitize(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Prompt {
        let mut p = Prompt::default();
        for c in text.chars() {
            p.insert(c.encode_utf8(&mut [0; 4]));
        }
        p
    }

    #[test]
    fn edits_at_the_cursor() {
        let mut p = typed("export con");
        p.edit(Edit::WordLeft);
        p.insert("x");
        assert_eq!(p.text(), "export xcon");
        p.edit(Edit::Home);
        p.edit(Edit::Delete);
        assert_eq!(p.text(), "xport xcon");
        p.edit(Edit::End);
        p.edit(Edit::DeleteWordBack);
        assert_eq!(p.text(), "xport ");
        p.edit(Edit::Left);
        p.edit(Edit::Left);
        p.edit(Edit::DeleteToEnd);
        assert_eq!(p.text(), "xpor");
        p.edit(Edit::Left);
        p.edit(Edit::DeleteToStart);
        assert_eq!((p.text(), p.cursor_byte()), ("r", 0));
    }

    #[test]
    fn moves_by_grapheme_and_word() {
        let mut p = typed("café e\u{301}t");
        p.edit(Edit::Left);
        p.edit(Edit::Left);
        // The accent and its letter are one step.
        assert_eq!(&p.text()[p.cursor_byte()..], "e\u{301}t");
        p.edit(Edit::WordLeft);
        assert_eq!(p.cursor_byte(), 0);
        p.edit(Edit::WordRight);
        assert!(p.text()[..p.cursor_byte()].starts_with("café"));
    }

    #[test]
    fn what_is_typed_is_cleaned() {
        let mut p = Prompt::default();
        for c in [
            '\u{1b}', '\u{202e}', '\u{200b}', '\u{feff}', '\u{ad}', '\u{2066}',
        ] {
            p.insert(c.encode_utf8(&mut [0; 4]));
        }
        assert_eq!(p.text(), "");
        p.insert("two\nlines");
        assert_eq!(p.text(), "two lines");
    }
}
