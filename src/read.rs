//! Reading a file the user named as text, refusing what is not a readable text file.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::FileError;

/// Reads `path` as UTF-8 text of at most `limit` bytes. Looks before opening, since opening a
/// FIFO would block until a writer came along.
pub fn read_text(path: &Path, limit: u64) -> Result<String, FileError> {
    let io_error = |e: std::io::Error| FileError::new(path, io_message(&e));
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(FileError::new(path, "is a directory, not a file"));
    }
    if !meta.is_file() {
        return Err(FileError::new(
            path,
            "is not a regular file (a device, FIFO or socket)",
        ));
    }
    if meta.len() > limit {
        return Err(too_large(path, limit));
    }
    // Without waiting: a file can pass for a regular one and still block on read until
    // something happens (/proc/kmsg, #14). On a file on disk the flag changes nothing.
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        File::options()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(io_error)?
    };
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size can change between the look and the read: never take more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| {
        if e.kind() == std::io::ErrorKind::WouldBlock {
            FileError::new(
                path,
                "cannot be read without waiting (a kernel or device file, not a document)",
            )
        } else {
            io_error(e)
        }
    })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    utf8(bytes, path)
}

/// `bytes` as text, or where in them it stops being UTF-8.
pub(crate) fn utf8(bytes: Vec<u8>, path: &Path) -> Result<String, FileError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid_up_to = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
        FileError::at_offset(
            path,
            valid,
            valid.len(),
            "not UTF-8 text (is this a binary file?)",
        )
    })
}

pub(crate) fn too_large(path: &Path, limit: u64) -> FileError {
    let size = if limit >= 1024 * 1024 {
        format!("{} MiB", limit / (1024 * 1024))
    } else {
        format!("{} KiB", limit / 1024)
    };
    FileError::new(path, format!("is larger than the {size} limit"))
}

/// The operating system's reason, without Rust's "(os error N)" suffix, in lower case like
/// our own messages.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text
        .find(" (os error")
        .map_or(text.as_str(), |i| &text[..i]);
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
