//! Reading the terminal (#14): keys, mouse reports, pastes and resizes, from our own reader in
//! place of crossterm's `event::read`. Its parser ([`parse`]) is linear, gives unfinished
//! sequences up, and keeps pastes text; the reader ends when the terminal is gone, whatever
//! the signals (a supervisor may block SIGHUP), rather than spin on a read of nothing.

pub mod parse;

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use crossterm::event::Event;

pub use parse::{Input, PASTE_LIMIT, Parser};

/// The most read at once. A paste comes in reads of a few kilobytes; a large buffer costs one
/// allocation and keeps the reads few.
const READ_SIZE: usize = 64 * 1024;

/// Reads the terminal (`/dev/tty`, as crossterm is built to) until `deliver` says to stop
/// (returns false), handing it each input. Ends by delivering an error when the terminal is
/// gone: end of input, EIO, or a hang-up reported by `poll`.
pub fn read_terminal(mut deliver: impl FnMut(io::Result<Input>) -> bool) {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        // Its own open file: non-blocking here changes nothing for crossterm's or stdout's.
        .custom_flags(libc::O_NONBLOCK)
        .open("/dev/tty");
    let ended = tty.and_then(|tty| read_from(tty, &mut deliver));
    if let Err(e) = ended {
        deliver(Err(e));
    }
}

/// [`read_terminal`] on an open terminal: `Ok` when `deliver` said to stop, the error that
/// ended it otherwise.
pub fn read_from(
    mut tty: File,
    deliver: &mut impl FnMut(io::Result<Input>) -> bool,
) -> io::Result<()> {
    let mut parser = Parser::new();
    let mut buffer = vec![0; READ_SIZE];
    // Without the signal's pipe the reader still reads, only resizes go unseen.
    let mut resizes = Resizes::watch().ok();
    loop {
        let timeout = parser
            .deadline()
            .map(|deadline| deadline.saturating_duration_since(Instant::now()));
        let mut fds = [
            poll_for(tty.as_raw_fd()),
            poll_for(resizes.as_ref().map_or(-1, |r| r.pipe.as_raw_fd())),
        ];
        match poll(&mut fds, timeout) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            result => result?,
        }
        let now = Instant::now();
        let mut inputs = parser.expire(now);
        if fds[1].revents & libc::POLLIN != 0 {
            inputs.extend(resizes.as_mut().and_then(Resizes::take));
        } else if fds[1].revents != 0 {
            resizes = None;
        }
        let ready = fds[0].revents;
        let hung_up = ready & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0;
        let mut ended = None;
        if ready & libc::POLLNVAL != 0 {
            ended = Some(gone());
        } else if ready != 0 {
            match tty.read(&mut buffer) {
                Ok(0) => ended = Some(gone()),
                Ok(n) => inputs.extend(parser.feed(&buffer[..n], now)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // Woken for nothing; unless the terminal said it is gone, which would wake
                // the reader again at once, for ever.
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    ended = hung_up.then(gone);
                }
                Err(e) if e.raw_os_error() == Some(libc::EIO) => ended = Some(gone()),
                Err(e) => ended = Some(e),
            }
        }
        if ended.is_some() {
            inputs.extend(parser.finish());
        }
        for input in inputs {
            if !deliver(Ok(input)) {
                return Ok(());
            }
        }
        if let Some(e) = ended {
            return Err(e);
        }
    }
}

/// The error a terminal that is gone ends the reader with.
fn gone() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the terminal hung up")
}

fn poll_for(fd: RawFd) -> libc::pollfd {
    // A negative descriptor is skipped by poll.
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}

/// Waits until one of `fds` is ready or `timeout` passes (none: no limit), then each
/// `revents` says what happened to it.
fn poll(fds: &mut [libc::pollfd], timeout: Option<Duration>) -> io::Result<()> {
    // Rounded up: waking before the deadline would only mean waking again.
    let millis = timeout.map_or(-1, |t| {
        i32::try_from(t.as_nanos().div_ceil(1_000_000)).unwrap_or(i32::MAX)
    });
    let count = libc::nfds_t::try_from(fds.len()).unwrap_or(libc::nfds_t::MAX);
    // SAFETY: `fds` is a live, exclusively borrowed slice of `pollfd` for the whole call, and
    // `count` is its length, so poll reads and writes only within it.
    let ready = unsafe { libc::poll(fds.as_mut_ptr(), count, millis) };
    if ready < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// SIGWINCH, heard through a pipe the reader polls with the terminal, as crossterm's reader
/// heard it: a resize comes in order with the keys around it.
struct Resizes {
    pipe: UnixStream,
    id: signal_hook::SigId,
}

impl Resizes {
    fn watch() -> io::Result<Resizes> {
        let (pipe, writer) = UnixStream::pair()?;
        pipe.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        let id = signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, writer)?;
        Ok(Resizes { pipe, id })
    }

    /// The terminal's size now. Any number of signals since the last time are one resize.
    fn take(&mut self) -> Option<Input> {
        let mut drained = [0; 64];
        while matches!(self.pipe.read(&mut drained), Ok(n) if n > 0) {}
        let (width, height) = crossterm::terminal::size().ok()?;
        Some(Input::Event(Event::Resize(width, height)))
    }
}

impl Drop for Resizes {
    fn drop(&mut self) {
        signal_hook::low_level::unregister(self.id);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::mpsc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use nix::fcntl::{FcntlArg, OFlag, fcntl};
    use nix::sys::termios::{SetArg, cfmakeraw, tcgetattr, tcsetattr};

    use super::*;

    /// Runs the reader on `tty` on a thread; its inputs, then how it ended, come on the
    /// channel.
    fn reader_on(tty: File) -> mpsc::Receiver<io::Result<Input>> {
        fcntl(tty.as_raw_fd(), FcntlArg::F_SETFL(OFlag::O_NONBLOCK)).expect("non-blocking");
        let (sender, inputs) = mpsc::channel();
        std::thread::spawn(move || {
            let mut deliver = |input| sender.send(input).is_ok();
            let ended = read_from(tty, &mut deliver);
            let _ = sender.send(ended.and(Err(io::Error::other("stopped"))));
        });
        inputs
    }

    /// Patience for a thread that should be quick; it fails a test rather than hang it.
    const PATIENCE: Duration = Duration::from_secs(20);

    fn is_q(input: &io::Result<Input>) -> bool {
        matches!(
            input,
            Ok(Input::Event(Event::Key(KeyEvent {
                code: KeyCode::Char('q'),
                modifiers: KeyModifiers::NONE,
                ..
            })))
        )
    }

    // Issue #14: with SIGHUP blocked, a hung-up terminal left crossterm's reader looping on
    // poll and read at 80% CPU. The reader asks no signal: the hang-up itself ends it.
    #[test]
    fn the_reader_ends_when_the_terminal_hangs_up() {
        let pty = nix::pty::openpty(None, None).expect("a pseudo-terminal");
        let mut raw = tcgetattr(&pty.slave).expect("its modes");
        cfmakeraw(&mut raw);
        tcsetattr(&pty.slave, SetArg::TCSANOW, &raw).expect("raw mode");
        let inputs = reader_on(File::from(pty.slave));
        let mut master = File::from(pty.master);
        master.write_all(b"q").expect("typing");
        assert!(is_q(&inputs.recv_timeout(PATIENCE).expect("a key")));
        drop(master);
        let ended = inputs.recv_timeout(PATIENCE).expect("the reader ends");
        let error = ended.expect_err("with an error");
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof, "{error}");
    }

    #[test]
    fn the_reader_ends_at_the_end_of_input() {
        let (read, write) = nix::unistd::pipe().expect("a pipe");
        let inputs = reader_on(File::from(read));
        let mut write = File::from(write);
        write.write_all(b"q\x1b").expect("writing");
        drop(write);
        assert!(is_q(&inputs.recv_timeout(PATIENCE).expect("a key")));
        // What was read is read to its end before the reader stops: the ESC is the Esc key.
        let esc = inputs.recv_timeout(PATIENCE).expect("the Esc key");
        assert!(
            matches!(&esc, Ok(Input::Event(Event::Key(k))) if k.code == KeyCode::Esc),
            "{esc:?}"
        );
        let ended = inputs.recv_timeout(PATIENCE).expect("the reader ends");
        assert_eq!(
            ended.expect_err("with an error").kind(),
            io::ErrorKind::UnexpectedEof
        );
    }
}
