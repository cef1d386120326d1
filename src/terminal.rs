//! Entering and leaving the terminal, and making sure every way out leaves it as it was:
//! a normal quit, an error, a panic, or a signal.

use std::io::{self, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::EnableBracketedPaste;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor::Hide, queue};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGTSTP, SIGXFSZ};

use crate::cells::backend::Settled;
use signal_hook::iterator::Signals;

pub type Tui = Terminal<Settled<CrosstermBackend<Output>>>;

/// The terminal's output, gathered and written once a frame: a frame is tens of kilobytes of
/// escape sequences, which stdout's own line buffer would send a kilobyte at a time. Once the
/// terminal has been given back, whatever is still gathered (a frame cut short by a panic) is
/// dropped, not written over the user's shell.
pub struct Output {
    buffer: Vec<u8>,
    /// The terminal knows only the sixteen colours: see [`crate::sgr`].
    sixteen_colours: bool,
}

impl Output {
    /// Writes colours as a terminal of only sixteen colours reads them (#10), the first
    /// frame and ratatui's alike.
    pub fn write_sixteen_colours(&mut self) {
        self.sixteen_colours = true;
    }
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = if ENTERED.load(Ordering::SeqCst) {
            let mut out = io::stdout().lock();
            // Set before writing: a write cut short may still have taken the screen.
            SHOWN.store(true, Ordering::SeqCst);
            SCREEN_TAKEN.store(true, Ordering::SeqCst);
            // Whole frames are flushed, never part of an escape sequence: each can be read.
            if self.sixteen_colours {
                out.write_all(&crate::sgr::to_sixteen_colours(&self.buffer))
            } else {
                out.write_all(&self.buffer)
            }
            .and_then(|()| out.flush())
        } else {
            Ok(())
        };
        self.buffer.clear();
        result
    }
}

/// DECSTBM with no margins: the whole screen scrolls, as it does until a program says
/// otherwise. crossterm has no command for it.
struct ResetScrollRegion;

impl crossterm::Command for ResetScrollRegion {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[r")
    }
}

/// Mouse reports for clicks, drags and the wheel (button-event mode, 1002) in SGR form
/// (1006). crossterm's `EnableMouseCapture` also asks for every motion of the pointer (1003),
/// which only floods the reader with events it ignores (#10). Leaving uses crossterm's
/// `DisableMouseCapture`, which turns off every mode.
struct EnableMouseButtons;

impl crossterm::Command for EnableMouseButtons {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
    }
}

/// Whether the terminal is ours right now; restoring twice must not print twice.
/// What must happen before the process ends on a signal or stops: saving a reader's work
/// (#13). Set once by the event loop.
type LastWords = Box<dyn Fn() + Send + Sync>;
static LAST_WORDS: std::sync::OnceLock<LastWords> = std::sync::OnceLock::new();

/// Runs `words` before the signal thread ends or stops the process.
pub fn set_last_words(words: impl Fn() + Send + Sync + 'static) {
    let _ = LAST_WORDS.set(Box::new(words));
}

fn last_words() {
    if let Some(words) = LAST_WORDS.get() {
        words();
    }
}

static ENTERED: AtomicBool = AtomicBool::new(false);

/// Whether the sequences that take the screen have gone out. They wait for the first frame;
/// a panic before it must not leave an alternate screen that was never entered (xterm would
/// put the cursor at the top left, and the message over the shell's text).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Whether the screen has been taken and not yet fully given back: [`SHOWN`] until
/// [`restore`] has written its last bytes, which a handler of last resort must not miss while
/// the restore is under way (an abort ends the process in the middle of it).
static SCREEN_TAKEN: AtomicBool = AtomicBool::new(false);

/// The signals that end the program; each restores the terminal first. The ones a user sends
/// to stop it exit with 128 and the signal's number, as a shell reports them.
const FATAL_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// The other signals whose default is to end the program (#14): each restores the terminal,
/// then ends it by that same signal. (SIGILL, SIGFPE and SIGABRT are also handled at once: see
/// [`SIGNALS_OF_LAST_RESORT`]. SIGSEGV and SIGBUS are the Rust runtime's, for overflowed
/// stacks, which it reports and then aborts; SIGKILL and SIGSTOP cannot be handled at all.)
const OTHER_FATAL_SIGNALS: &[i32] = &[
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
    signal_hook::consts::SIGABRT,
    signal_hook::consts::SIGTRAP,
    signal_hook::consts::SIGXCPU,
    signal_hook::consts::SIGVTALRM,
    signal_hook::consts::SIGPROF,
    signal_hook::consts::SIGSYS,
    #[cfg(target_os = "linux")]
    SIGPWR,
];

/// The signals whose default ends the program that have no name in `signal-hook`: the stack
/// fault signal and the real-time ones (#14). The signal thread handles them as the others.
fn more_fatal_signals() -> Vec<i32> {
    #[cfg(target_os = "linux")]
    {
        let mut signals = vec![libc::SIGSTKFLT];
        signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
        signals
    }
    #[cfg(not(target_os = "linux"))]
    Vec::new()
}

/// Ends the process by `signal`, as its default action would.
fn die_by(signal: i32) {
    if signal_hook::low_level::emulate_default_handler(signal).is_err() {
        // A signal signal-hook knows nothing of (a real-time one): its default ends the
        // process. SAFETY: both calls take any signal number and touch no memory of ours.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }
}

/// The ends no thread can wait for (#14): an abort (a failed allocation ends that way too)
/// kills the process as soon as its handler returns, and SIGILL and SIGFPE may come from the
/// program's own fault, which returns to the same instruction. These give the terminal back
/// from inside the handler, with the calls a handler may make, then die by the signal.
const SIGNALS_OF_LAST_RESORT: [i32; 3] = [
    signal_hook::consts::SIGABRT,
    signal_hook::consts::SIGILL,
    signal_hook::consts::SIGFPE,
];

/// What the terminal's settings were before raw mode, and a descriptor to set them back on.
static COOKED: OnceLock<(std::os::fd::RawFd, libc::termios)> = OnceLock::new();

/// What gives the screen back: crossterm's `DisableBracketedPaste`, `DisableMouseCapture`,
/// `LeaveAlternateScreen` and `Show` (a test keeps them the same), as bytes ready to go out
/// in one `write`, from a signal handler too.
const GIVE_BACK: &[u8] =
    b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// Remembers the terminal's settings and installs the handlers of last resort. Best effort:
/// where there is no terminal to remember, the signal thread's way out is all there is.
fn arm_last_resort() {
    use std::os::fd::IntoRawFd;
    if COOKED.get().is_none() {
        let Ok(tty) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
        else {
            return;
        };
        // Kept open for the life of the process: a handler cannot open a file.
        let fd = tty.into_raw_fd();
        // SAFETY: `termios` is plain data, and `tcgetattr` fills it from an open descriptor.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut settings) } != 0 {
            return;
        }
        let _ = COOKED.set((fd, settings));
    }
    for signal in SIGNALS_OF_LAST_RESORT {
        // SAFETY: the action only makes async-signal-safe calls (atomics, `tcsetattr`,
        // `write`, `signal`, `raise`). SIGILL and SIGFPE are refused by the checked
        // `register`, since returning from a fault repeats it; the action never returns with
        // them handled: it puts the default back and raises the signal again.
        let _ = unsafe {
            signal_hook_registry::register_signal_unchecked(signal, move || give_back_now(signal))
        };
    }
}

/// The terminal given back from inside a signal handler, then death by `signal`.
fn give_back_now(signal: i32) {
    // The signal thread hears these signals too, and may be giving the terminal back at this
    // very moment; an abort ends the process as soon as this returns, in the middle of that.
    // So it is done here whatever the thread has done: twice is harmless.
    if let Some((fd, settings)) = COOKED.get() {
        // SAFETY: an open descriptor and settings read from it; async-signal-safe.
        unsafe { libc::tcsetattr(*fd, libc::TCSANOW, settings) };
    }
    if SCREEN_TAKEN.load(Ordering::SeqCst) {
        // SAFETY: a static buffer of the length given; async-signal-safe.
        unsafe {
            libc::write(
                libc::STDOUT_FILENO,
                GIVE_BACK.as_ptr().cast(),
                GIVE_BACK.len(),
            )
        };
    }
    ENTERED.store(false, Ordering::SeqCst);
    if signal != signal_hook::consts::SIGABRT {
        // SAFETY: both async-signal-safe. The signal stays blocked until the handler returns,
        // then ends the process, whether it came from a fault or from `kill`.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }
}

/// SIGPWR, which `signal-hook` does not name.
#[cfg(target_os = "linux")]
const SIGPWR: i32 = 30;

/// Takes over the terminal: raw mode, the alternate screen, a hidden cursor, and mouse capture
/// if `mouse`. Installs the panic hook and signal handlers that give it back. The returned
/// guard gives it back on drop. The escape sequences wait in the returned output, to go out
/// with the first frame in one write.
pub fn enter(mouse: bool) -> io::Result<(Output, Guard)> {
    install_panic_hook();
    // The handlers are in place before the terminal changes; a signal that comes before
    // [`Guard::watch_signals`] starts waits for it.
    let signals = Signals::new(
        FATAL_SIGNALS
            .iter()
            .chain(OTHER_FATAL_SIGNALS)
            .copied()
            .chain(more_fatal_signals())
            .chain([SIGTSTP, SIGCONT, SIGXFSZ]),
    )?;
    arm_last_resort();
    ENTERED.store(true, Ordering::SeqCst);
    let guard = Guard {
        signals: Some(signals),
    };
    enable_raw_mode()?;
    let mut output = Output {
        buffer: Vec::with_capacity(64 * 1024),
        sixteen_colours: false,
    };
    output.buffer.extend(enter_sequence(mouse)?);
    Ok((output, guard))
}

/// What takes the screen: the alternate screen, a hidden cursor, bracketed paste, and mouse
/// capture if `mouse`. The first frame is painted onto a blank screen without a scrolling
/// region: whatever a terminal does on entering the alternate screen (some have none), make it
/// so.
pub fn enter_sequence(mouse: bool) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    queue!(
        bytes,
        EnterAlternateScreen,
        ResetScrollRegion,
        Clear(ClearType::All),
        Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        queue!(bytes, EnableMouseButtons)?;
    }
    Ok(bytes)
}

/// Hands the terminal to ratatui once the first frame, `on_screen`, has been written by
/// [`crate::paint`]: later frames are diffed against it. Should the terminal have changed size
/// meanwhile, the screen is cleared for a full redraw instead.
pub fn hand_to_ratatui(output: Output, on_screen: Buffer) -> io::Result<Tui> {
    let mut backend = Settled::new(CrosstermBackend::new(output));
    backend.adopt(&on_screen);
    let mut terminal = Terminal::new(backend)?;
    if !adopt(&mut terminal, on_screen) {
        let size = terminal.size()?;
        terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    }
    Ok(terminal)
}

/// Makes `on_screen` the frame `terminal` takes to be on the screen, so that its next draw
/// changes only what differs from it. False when the terminal is another size now.
pub fn adopt<B: Backend>(terminal: &mut Terminal<B>, on_screen: Buffer) -> bool {
    if terminal.current_buffer_mut().area != on_screen.area {
        return false;
    }
    *terminal.current_buffer_mut() = on_screen;
    terminal.swap_buffers();
    true
}

/// After a stop (`Ctrl-Z` or SIGTSTP) and `fg`: takes the terminal again and clears it for a
/// full redraw.
pub fn resume(tui: &mut Tui, mouse: bool) -> io::Result<()> {
    ENTERED.store(true, Ordering::SeqCst);
    // After a stop the reader did not see (`kill -STOP`), crossterm still believes the
    // terminal raw, and would not set it again: forget, then set it from what it is now.
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    let out = tui.backend_mut();
    queue!(out, EnterAlternateScreen, Hide)?;
    if mouse {
        queue!(out, EnableMouseButtons)?;
    }
    queue!(out, EnableBracketedPaste)?;
    Write::flush(out)?;
    // Not `Terminal::clear`: it asks the terminal where the cursor is, and the answer would go
    // to the input thread, leaving it to wait forever. A resize to the current size clears the
    // screen and forgets the last frame without asking.
    let size = tui.size()?;
    tui.resize(Rect::new(0, 0, size.width, size.height))
}

/// `Ctrl-Z`: asks for a stop as a shell's `Ctrl-Z` would. The signal thread does the rest, as
/// for a SIGTSTP from anywhere else.
pub fn request_suspend() -> io::Result<()> {
    signal_hook::low_level::raise(SIGTSTP).map(drop)
}

/// What the signal thread tells the event loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalEvent {
    /// Stopped and continued: take the terminal again and redraw.
    Resumed,
    /// A stop was asked for, but nothing could continue the process afterwards.
    CannotSuspend,
}

/// Whether a stopped process could be continued: its parent (a shell with job control) is in
/// the same session but another process group. Otherwise (an orphaned process group) a stop
/// would be for ever. Where /proc cannot tell, assume a shell.
fn job_control_available() -> bool {
    let ids = |pid: &str| -> Option<(u32, u32)> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let after_name = stat.rsplit(')').next()?;
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        // After the name: state, ppid, pgrp, session.
        Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?))
    };
    let parent = std::os::unix::process::parent_id().to_string();
    match (ids("self"), ids(&parent)) {
        (Some((group, session)), Some((parent_group, parent_session))) => {
            session == parent_session && group != parent_group
        }
        _ => true,
    }
}

/// Gives the terminal back when dropped, including during unwinding.
pub struct Guard {
    signals: Option<Signals>,
}

impl Guard {
    /// Starts the thread that handles signals: on a fatal one it restores the terminal and
    /// exits; on SIGTSTP (`Ctrl-Z` here, or from anywhere) it restores the terminal, stops, and
    /// once continued tells `notify` to take the terminal again. Started after the first frame
    /// is drawn, to put that frame on screen sooner.
    pub fn watch_signals(
        &mut self,
        notify: impl Fn(SignalEvent) + Send + 'static,
    ) -> io::Result<()> {
        let Some(mut signals) = self.signals.take() else {
            return Ok(());
        };
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    // Continued after a stop the reader did not see coming (`kill -STOP`):
                    // the shell had the terminal meanwhile and left it cooked, with its own
                    // text on the screen. Take it back and redraw (#14).
                    if signal == SIGCONT {
                        if ENTERED.load(Ordering::SeqCst) {
                            notify(SignalEvent::Resumed);
                        }
                        continue;
                    }
                    // Past the file-size limit (`ulimit -f`): handled, a write fails instead
                    // of ending the reader, and the save that made it says so (#14).
                    if signal == SIGXFSZ {
                        continue;
                    }
                    if signal != SIGTSTP {
                        restore();
                        last_words();
                        if !FATAL_SIGNALS.contains(&signal) {
                            die_by(signal);
                        }
                        std::process::exit(128 + signal);
                    }
                    if !job_control_available() {
                        notify(SignalEvent::CannotSuspend);
                        continue;
                    }
                    restore();
                    last_words();
                    // SIGSTOP, as the default action of SIGTSTP would: we handle SIGTSTP.
                    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
                    notify(SignalEvent::Resumed);
                }
            })?;
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Raw mode off, alternate screen left, mouse capture off, cursor shown. Safe to call from
/// any path, any number of times: only the first call after [`enter`] writes anything.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    if !SHOWN.swap(false, Ordering::SeqCst) {
        return;
    }
    write_past_the_lock(GIVE_BACK, RESTORE_PATIENCE);
    SCREEN_TAKEN.store(false, Ordering::SeqCst);
}

/// How long the way out waits for the terminal to take its last bytes.
const RESTORE_PATIENCE: std::time::Duration = std::time::Duration::from_millis(500);

/// Writes `bytes` to standard output without its lock, and waits for them at most `patience`.
/// A frame written to a terminal that is not reading (stopped, or its window frozen) blocks
/// with the lock held; a signal must still end the reader then (#14), with raw mode off (the
/// caller's first step, which needs no write) and, if the terminal takes them, these bytes.
fn write_past_the_lock(bytes: &'static [u8], patience: std::time::Duration) {
    use std::os::fd::AsFd;
    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
        return;
    };
    let mut out = std::fs::File::from(fd);
    let (done, finished) = std::sync::mpsc::channel();
    let writer = std::thread::Builder::new()
        .name("restore".into())
        .spawn(move || {
            let _ = out.write_all(bytes);
            let _ = done.send(());
        });
    if writer.is_ok() {
        let _ = finished.recv_timeout(patience);
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, or the message lands on the alternate screen and vanishes.
        restore();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use crossterm::cursor::Show;
    use crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
    use crossterm::queue;
    use crossterm::terminal::LeaveAlternateScreen;

    #[test]
    fn what_gives_the_screen_back_is_what_crossterm_writes_for_it() {
        let mut bytes = Vec::new();
        queue!(
            bytes,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            Show
        )
        .expect("queue");
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(super::GIVE_BACK)
        );
    }
}
