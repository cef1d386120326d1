//! Reading a debate from a file: refuse what is not a readable text file, then recognise the
//! format by content.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::{Debate, FileError, plain, toml_file};

/// The largest file `stance` reads. A debate of 100,000 insights is about 55 MB; anything
/// several times that is not a debate, and reading it would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and parses the debate at `path`.
pub fn load_path(path: &Path) -> Result<Debate, FileError> {
    let bytes = read_bounded(path)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = crate::error::line_column(valid, valid.len());
            return Err(FileError::at(
                path,
                (line, column),
                "not UTF-8 text (is this a binary file?)",
            ));
        }
    };
    parse(text, path)
}

/// Parses `text` as a debate, recognising TOML or the plain page by content. `path` names it
/// in errors.
pub fn parse(text: &str, path: &Path) -> Result<Debate, FileError> {
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
        toml_file::parse(text, path)?
    } else {
        plain::parse(text, path)?
    };
    Ok(debate.sanitized())
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, FileError> {
    let io_error = |e: std::io::Error| FileError::new(path, io_message(&e));
    // Look before opening: opening a FIFO would block until a writer came along.
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(FileError::new(path, "is a directory, not a debate file"));
    }
    if !meta.is_file() {
        return Err(FileError::new(
            path,
            "is not a regular file (a device, FIFO or socket)",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    let file = File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size can change between the look and the read: never take more than the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    Ok(bytes)
}

fn too_large(path: &Path) -> FileError {
    FileError::new(
        path,
        format!(
            "is larger than the {} MiB limit for a debate",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// The operating system's reason, without Rust's "(os error N)" suffix, in lower case like
/// our own messages.
fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text
        .find(" (os error")
        .map_or(text.as_str(), |i| &text[..i]);
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
