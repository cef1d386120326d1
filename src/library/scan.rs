//! Finding the debates in the folders a reader names, and reading one file down to its
//! picker row.

use std::path::{Path, PathBuf};

use super::{Origin, State, Summary};
use crate::debate::{self, FileError};
use crate::read::io_message;

/// The endings of files that may hold a debate: TOML, Argdown, and text pages (with no ending
/// too).
/// Anything else in a folder (images, archives, code) is not even opened.
const TEXT_ENDINGS: [&str; 7] = ["toml", "argdown", "ad", "txt", "text", "md", "markdown"];

/// A file to open: named on the command line, or found in a folder named there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Named on the command line: if it is broken, that is an error before anything is shown.
    pub named: bool,
}

/// The files `paths` name: each file as it is, each folder as every file under it that may
/// hold a debate (recursively, by path, hidden files and folders passed over). A path that
/// does not exist or cannot be read is an error, as a broken file named there is.
pub fn find(paths: &[PathBuf]) -> Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| FileError::new(path, io_message(&e)))?;
        if meta.is_dir() {
            let start = found.len();
            walk(path, &mut found, 0).map_err(|e| FileError::new(path, io_message(&e)))?;
            if found.len() == start {
                return Err(FileError::new(
                    path,
                    "is a folder with no files that may hold a debate (.toml, .argdown, .ad, .txt, .text, .md, .markdown, or no ending)",
                ));
            }
            found[start..].sort_by(|a, b| a.path.cmp(&b.path));
        } else {
            found.push(Found {
                path: path.clone(),
                named: true,
            });
        }
    }
    Ok(found)
}

/// Folders deeper than this are not searched: a link that loops back would go on for ever.
const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, found: &mut Vec<Found>, depth: usize) -> std::io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows links, as `ls -L` would: a linked folder of debates is a folder of debates.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            // A subfolder that cannot be read leaves the rest of the folder as it is.
            let _ = walk(&path, found, depth + 1);
        } else if meta.is_file() && may_hold_a_debate(&path) {
            found.push(Found { path, named: false });
        }
    }
    Ok(())
}

fn may_hold_a_debate(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.to_string_lossy().to_ascii_lowercase();
            TEXT_ENDINGS.contains(&ext.as_str())
        }
    }
}

/// What the picker knows of the file at `path` once it is read: the summary of each debate
/// in it; broken, with why; or not a debate at all (text that is not meant as one, a binary
/// file).
pub fn read_summary(path: &Path) -> Vec<State> {
    match read_found(path) {
        None => vec![State::NotADebate],
        Some(Ok(debates)) => debates
            .iter()
            .map(|d| State::Read(Summary::of(d)))
            .collect(),
        Some(Err(e)) => vec![State::Broken(e)],
    }
}

/// The debates in a file found in a folder: `None` when it is not meant as a debate at all.
pub fn read_found(path: &Path) -> Option<Result<Vec<debate::Debate>, FileError>> {
    let text = match crate::read::read_text(path, debate::MAX_FILE_BYTES) {
        Ok(text) => text,
        // Not text: a file with a text ending that holds something else.
        Err(e) if e.message.starts_with("not UTF-8") => return None,
        Err(e) => return Some(Err(e)),
    };
    if !debate::is_debate(&text, path) {
        return None;
    }
    Some(debate::parse_all(&text, path))
}

/// Reads the debate `origin` names, to open it.
pub fn load(origin: &Origin) -> Result<debate::Debate, FileError> {
    match origin {
        Origin::File(path) => {
            let mut debates = debate::load_all(path)?;
            // A file that held one debate when it was found and holds several now: its first.
            Ok(debates.swap_remove(0))
        }
        Origin::Part(path, part) => {
            let mut debates = debate::load_all(path)?;
            if *part >= debates.len() {
                return Err(FileError::new(
                    path,
                    format!(
                        "holds {} debates now; debate {} is gone",
                        debates.len(),
                        part + 1
                    ),
                ));
            }
            Ok(debates.swap_remove(*part))
        }
        Origin::Builtin => Ok(debate::builtin()),
        // Read once, before the reader started, and kept open since.
        Origin::StandardInput => Err(FileError::new(
            Path::new(crate::stdin::NAME),
            "was read once already",
        )),
    }
}

/// Reads each of `files` on a thread of its own, in order, and hands `done` its picker row
/// as soon as it is known. Stops when `done` says nobody listens any more.
pub fn read_in_background(
    files: Vec<(usize, PathBuf)>,
    done: impl Fn(usize, Vec<State>) -> bool + Send + 'static,
) {
    if files.is_empty() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("library".into())
        .spawn(move || {
            for (index, path) in files {
                if !done(index, read_summary(&path)) {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        crate::error::say(format_args!("stance: cannot start reading the folder: {e}"));
    }
}
