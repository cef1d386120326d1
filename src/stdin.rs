//! A debate on standard input (`curl … | stance`, `stance < page.txt`, `stance -`, #10), and
//! the terminal the keys then come from.
//!
//! crossterm is built with `use-dev-tty`: when standard input is not a terminal, it reads
//! events from `/dev/tty`, and its raw mode and size act on `/dev/tty` too (crossterm 0.29,
//! `terminal/sys/file_descriptor.rs`, `tty_fd`), so the reader works, and the terminal is
//! restored, as it does when the keys come on standard input.

use std::io::{IsTerminal, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use crate::error::FileError;

/// How errors name standard input: `stance: standard input:3:1: …`.
pub const NAME: &str = "standard input";

/// What to read the debate from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input<'a> {
    /// No file, and nothing on standard input.
    Builtin,
    File(&'a Path),
    StandardInput,
}

/// `-` is standard input; with no file, standard input is read when `piped()` says something
/// comes on it (see [`is_piped`]), and the built-in debate shown otherwise.
pub fn choose(file: Option<&Path>, piped: impl FnOnce() -> bool) -> Input<'_> {
    match file {
        Some(path) if path.as_os_str() == "-" => Input::StandardInput,
        Some(path) => Input::File(path),
        None if piped() => Input::StandardInput,
        None => Input::Builtin,
    }
}

/// Whether standard input is a pipe, a socket (some shells make pipes of them) or a file
/// redirected in. Not a terminal, and not a device: `stance < /dev/null`, or a program run
/// by a script or a service with nothing on its input, shows the built-in debate.
pub fn is_piped() -> bool {
    use std::os::fd::AsFd;
    let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(fd).metadata().is_ok_and(|meta| {
        let kind = meta.file_type();
        kind.is_fifo() || kind.is_socket() || kind.is_file()
    })
}

/// Reads standard input as UTF-8 text of at most `limit` bytes, as [`crate::read::read_text`]
/// reads a file.
pub fn read_text(limit: u64) -> Result<String, FileError> {
    let path = Path::new(NAME);
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(FileError::new(
            path,
            "is a terminal: pipe a debate in (cat page.txt | stance), or name a file",
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::new(path, crate::read::io_message(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(crate::read::too_large(path, limit));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::new(
            path,
            "is empty; pipe a debate in, or name a file",
        ));
    }
    crate::read::utf8(bytes, path)
}

/// Whether keys can be read when standard input is not a terminal: crossterm reads them from
/// `/dev/tty`, which a process without a controlling terminal (`setsid`, a service) cannot
/// open. Checked before the terminal is touched, so the message is a plain line (#10).
pub fn check_keyboard() -> Result<(), String> {
    if std::io::stdin().is_terminal() {
        return Ok(());
    }
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map(drop)
        .map_err(|e| {
            format!(
                "standard input is not a terminal, and there is no terminal to read keys from \
                 (/dev/tty: {}); use --print to write the debate out",
                crate::read::io_message(&e)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_input_and_no_file_is_standard_input_only_when_piped() {
        let page = Path::new("page.txt");
        assert_eq!(choose(Some(Path::new("-")), || false), Input::StandardInput);
        assert_eq!(choose(Some(page), || true), Input::File(page));
        assert_eq!(choose(None, || true), Input::StandardInput);
        assert_eq!(choose(None, || false), Input::Builtin);
        assert_eq!(
            choose(Some(Path::new("./-")), || true),
            Input::File(Path::new("./-")),
            "a file named - can still be opened"
        );
    }
}
