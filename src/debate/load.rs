//! Reading a debate from a file: refuse what is not a readable text file, then recognise the
//! format by content.

use std::path::Path;

use super::{Debate, FileError, Progress, plain, toml_file};

/// The largest file `stance` reads. A debate of 100,000 insights is about 55 MB; anything
/// several times that is not a debate, and reading it would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and parses the debate at `path`.
pub fn load_path(path: &Path) -> Result<Debate, FileError> {
    load_path_with_progress(path, &Progress::default())
}

/// [`load_path`], telling `progress` how far it has got.
pub fn load_path_with_progress(path: &Path, progress: &Progress) -> Result<Debate, FileError> {
    let text = crate::read::read_text(path, MAX_FILE_BYTES)?;
    parse_with_progress(&text, path, progress)
}

/// Reads and parses the debate on standard input, telling `progress` how far it has got;
/// errors name it [`crate::stdin::NAME`].
pub fn load_stdin_with_progress(progress: &Progress) -> Result<Debate, FileError> {
    let text = crate::stdin::read_text(MAX_FILE_BYTES)?;
    parse_with_progress(&text, Path::new(crate::stdin::NAME), progress)
}

/// Whether `text` is meant as a debate at all: TOML that sets a thesis or insights, or a page
/// with a `Related Insights` heading. A folder holds other files too (a README, notes, a
/// `Cargo.toml`): those are passed over, while a file that is meant as a debate and is broken
/// is shown as broken (#11).
pub fn is_debate(text: &str) -> bool {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.contains('\0') {
        return false;
    }
    if toml_file::looks_like_toml(text) {
        return text.lines().map(str::trim_start).any(|line| {
            line.starts_with("[[insights]]")
                || ["thesis", "insights"].iter().any(|key| {
                    line.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
        });
    }
    plain::has_heading(text)
}

/// Parses `text` as a debate, recognising TOML or the plain page by content. `path` names it
/// in errors.
pub fn parse(text: &str, path: &Path) -> Result<Debate, FileError> {
    parse_with_progress(text, path, &Progress::default())
}

fn parse_with_progress(text: &str, path: &Path, progress: &Progress) -> Result<Debate, FileError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::new(path, "the file is empty"));
    }
    if text.contains('\0') {
        let offset = text.find('\0').unwrap_or(0);
        return Err(FileError::at_offset(
            path,
            text,
            offset,
            "contains a NUL byte (is this a binary file?)",
        ));
    }
    let debate = if toml_file::looks_like_toml(text) {
        toml_file::parse(text, path, progress)?
    } else {
        plain::parse(text, path)?
    };
    let debate = debate.sanitized();
    // Text that was nothing but control or invisible characters is empty now.
    if debate.title.is_empty() {
        return Err(FileError::new(path, "the title has no visible text"));
    }
    if debate.thesis.is_empty() {
        return Err(FileError::new(path, "the thesis has no visible text"));
    }
    if let Some(n) = debate.insights.iter().position(|i| i.text.is_empty()) {
        return Err(FileError::new(
            path,
            format!("insight {} has no visible text", n + 1),
        ));
    }
    Ok(debate)
}
