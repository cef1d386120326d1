//! The search prompt's line of text. Editing happens at its end, as in `less`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    text: String,
}

impl Prompt {
    pub fn new(text: &str) -> Prompt {
        Prompt { text: text.into() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn insert(&mut self, c: char) {
        // What is typed is shown in the status bar: it is cleaned like document text, so no
        // control, bidi or invisible character gets there.
        let clean = crate::text::sanitize(c.encode_utf8(&mut [0; 4]));
        self.text.push_str(&clean.replace('\n', " "));
    }

    pub fn backspace(&mut self) {
        self.text.pop();
    }

    /// `Ctrl-W`: the word before the cursor and the spaces after it.
    pub fn delete_word(&mut self) {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        let start = self.text.rfind(' ').map_or(0, |i| i + 1);
        self.text.truncate(start);
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_end() {
        let mut p = Prompt::new("export con");
        p.insert('t');
        assert_eq!(p.text(), "export cont");
        p.backspace();
        p.delete_word();
        assert_eq!(p.text(), "export ");
        p.delete_word();
        assert_eq!(p.text(), "");
        for c in [
            '\u{1b}', '\u{202e}', '\u{200b}', '\u{feff}', '\u{ad}', '\u{2066}',
        ] {
            p.insert(c);
        }
        assert_eq!(p.text(), "");
    }
}
