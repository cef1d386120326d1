//! Reading a debate from a file: refuse what is not a readable text file, then recognise the
//! format by content.

use std::path::Path;

use super::tree::{self, Link};
use super::{Debate, FileError, Progress, argdown, kialo, plain, toml_file};

/// What a format makes of a file: a debate, and the relations of its map that are not an
/// insight's own reply (they count toward stances, and are not kept).
pub(super) struct Parsed {
    pub debate: Debate,
    pub links: Vec<Link>,
}

impl From<Debate> for Parsed {
    fn from(debate: Debate) -> Parsed {
        Parsed {
            debate,
            links: Vec::new(),
        }
    }
}

/// The largest file `stance` reads. A debate of 100,000 insights is about 55 MB; anything
/// several times that is not a debate, and reading it would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and parses the one debate at `path`; a file that holds several is an error here.
pub fn load_path(path: &Path) -> Result<Debate, FileError> {
    let text = crate::read::read_text(path, MAX_FILE_BYTES)?;
    parse(&text, path)
}

/// Reads and parses the debates at `path`: one, or several where the file holds several
/// (a Kialo discussion with several theses, an Argdown map with several roots).
pub fn load_all(path: &Path) -> Result<Vec<Debate>, FileError> {
    load_all_with_progress(path, &Progress::default())
}

/// [`load_all`], telling `progress` how far it has got.
pub fn load_all_with_progress(path: &Path, progress: &Progress) -> Result<Vec<Debate>, FileError> {
    let text = crate::read::read_text(path, MAX_FILE_BYTES)?;
    parse_with_progress(&text, path, progress)
}

/// Reads and parses the debates on standard input, telling `progress` how far it has got;
/// errors name it [`crate::stdin::NAME`].
pub fn load_stdin_with_progress(progress: &Progress) -> Result<Vec<Debate>, FileError> {
    let text = crate::stdin::read_text(MAX_FILE_BYTES)?;
    parse_with_progress(&text, Path::new(crate::stdin::NAME), progress)
}

/// Whether `text`, read from `path`, is meant as a debate at all: a Kialo export, an Argdown
/// map (by content, or a `.argdown` ending), TOML that sets a thesis or insights, or a page
/// with a `Related Insights` heading. A folder holds other files too (a README, notes, a
/// `Cargo.toml`): those are passed over, while a file that is meant as a debate and is broken
/// is shown as broken (#11).
pub fn is_debate(text: &str, path: &Path) -> bool {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.contains('\0') {
        return false;
    }
    if kialo::looks_like_kialo(text) || argdown::looks_like_argdown(text, path) {
        return true;
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

/// Parses `text` as one debate, recognising its format by content. `path` names it in errors.
/// A file that holds several debates is an error here: [`parse_all`] reads them all.
pub fn parse(text: &str, path: &Path) -> Result<Debate, FileError> {
    let mut debates = parse_all(text, path)?;
    if debates.len() != 1 {
        return Err(FileError::new(
            path,
            format!("holds {} debates where one was expected", debates.len()),
        ));
    }
    Ok(debates.remove(0))
}

/// Parses every debate in `text`, recognising its format by content. `path` names it in
/// errors.
pub fn parse_all(text: &str, path: &Path) -> Result<Vec<Debate>, FileError> {
    parse_with_progress(text, path, &Progress::default())
}

fn parse_with_progress(
    text: &str,
    path: &Path,
    progress: &Progress,
) -> Result<Vec<Debate>, FileError> {
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
    let parsed: Vec<Parsed> = if kialo::looks_like_kialo(text) {
        kialo::parse(text, path)?
    } else if argdown::looks_like_argdown(text, path) {
        argdown::parse(text, path)?
    } else if toml_file::looks_like_toml(text) {
        vec![toml_file::parse(text, path, progress)?.into()]
    } else {
        vec![plain::parse(text, path)?.into()]
    };
    if parsed.is_empty() {
        return Err(FileError::new(path, "holds no debate"));
    }
    parsed
        .into_iter()
        .map(
            |Parsed {
                 mut debate,
                 mut links,
             }| {
                tree::into_outline_order(&mut debate.insights, &mut links);
                tree::derive(&mut debate.insights, &links);
                checked(debate.sanitized(), path)
            },
        )
        .collect()
}

/// A cleaned debate, refused when cleaning left a part of it empty.
fn checked(debate: Debate, path: &Path) -> Result<Debate, FileError> {
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
