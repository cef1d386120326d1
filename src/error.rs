//! An error about a file the user gave us: which file, where in it, and what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file (a debate, a theme, the config) could not be used: the file, where in it (when
/// known), and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line and column (in characters).
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_path_buf(),
            position: None,
            message: message.into(),
        }
    }

    pub fn at(path: &Path, position: (usize, usize), message: impl Into<String>) -> Self {
        FileError {
            position: Some(position),
            ..FileError::new(path, message)
        }
    }

    /// A TOML parse or schema error in `text`, read from `path`.
    pub fn from_toml(e: &toml::de::Error, text: &str, path: &Path) -> Self {
        FileError::from_toml_in(e, text, 0, path)
    }

    /// [`FileError::from_toml`] for an error in the part of `text` that starts at byte `base`.
    pub fn from_toml_in(e: &toml::de::Error, text: &str, base: usize, path: &Path) -> Self {
        // In TOML's words, not serde's: an array, not a sequence; a table, not a map (#14).
        let message = e
            .message()
            .trim()
            .replace("expected a sequence", "expected an array")
            .replace("expected a map", "expected a table")
            .replace("invalid type: sequence", "invalid type: array")
            .replace("invalid type: map", "invalid type: table");
        match e.span() {
            Some(span) => FileError::at_offset(path, text, base + span.start, message),
            None => FileError::new(path, message),
        }
    }

    /// An error at byte `offset` of `text`.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        FileError::at(path, line_column(text, offset), message)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message is ours or the parser's, but it may quote the document: keep it one
        // harmless line.
        let message = crate::text::sanitize(&self.message).replace('\n', " ");
        let path = crate::text::sanitize(&self.path.display().to_string()).replace('\n', "\\n");
        match self.position {
            Some((line, column)) => write!(f, "{path}:{line}:{column}: {message}"),
            None => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for FileError {}

/// The 1-based line and column of byte `offset` in `text`, counting columns in characters.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Writes `line` to standard error, or nothing where it cannot be written: the terminal it
/// goes to may be gone (a hang-up), and `eprintln!` would panic then (#14).
pub fn say(line: impl fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é\nx", 3), (2, 1));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    #[test]
    fn display_names_file_and_position() {
        let e = FileError::at(Path::new("x.toml"), (3, 7), "bad\nthing\u{1b}[2J");
        assert_eq!(e.to_string(), "x.toml:3:7: bad thing");
    }
}
