//! Entering and leaving the terminal, and making sure every way out leaves it as it was:
//! a normal quit, an error, a panic, or a signal.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor::Hide, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::iterator::Signals;

pub type Tui = Terminal<CrosstermBackend<Output>>;

/// The terminal's output, gathered and written once a frame: a frame is tens of kilobytes of
/// escape sequences, which stdout's own line buffer would send a kilobyte at a time. Once the
/// terminal has been given back, whatever is still gathered (a frame cut short by a panic) is
/// dropped, not written over the user's shell.
pub struct Output {
    buffer: Vec<u8>,
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = if ENTERED.load(Ordering::SeqCst) {
            let mut out = io::stdout().lock();
            out.write_all(&self.buffer).and_then(|()| out.flush())
        } else {
            Ok(())
        };
        self.buffer.clear();
        result
    }
}

/// Whether the terminal is ours right now; restoring twice must not print twice.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// The signals that end the program; each restores the terminal first.
const FATAL_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Takes over the terminal: raw mode, the alternate screen, a hidden cursor, and mouse capture
/// if `mouse`. Installs the panic hook and signal handlers that give it back. The returned
/// guard gives it back on drop.
pub fn enter(mouse: bool) -> io::Result<(Tui, Guard)> {
    install_panic_hook();
    // The handlers are in place before the terminal changes; a signal that comes before
    // [`Guard::watch_signals`] starts waits for it.
    let signals = Signals::new(FATAL_SIGNALS)?;
    ENTERED.store(true, Ordering::SeqCst);
    let guard = Guard {
        signals: Some(signals),
    };
    enable_raw_mode()?;
    let mut output = Output {
        buffer: Vec::with_capacity(64 * 1024),
    };
    queue!(output, EnterAlternateScreen, Hide)?;
    if mouse {
        queue!(output, EnableMouseCapture)?;
    }
    output.flush()?;
    let terminal = Terminal::new(CrosstermBackend::new(output))?;
    Ok((terminal, guard))
}

/// `Ctrl-Z`: gives the terminal back, stops the process as the shell's own `Ctrl-Z` would,
/// and when it is resumed (`fg`) takes the terminal again and clears it for a full redraw.
pub fn suspend(tui: &mut Tui, mouse: bool) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Here again after SIGCONT.
    ENTERED.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let out = tui.backend_mut();
    queue!(out, EnterAlternateScreen, Hide)?;
    if mouse {
        queue!(out, EnableMouseCapture)?;
    }
    out.flush()?;
    // Not `Terminal::clear`: it asks the terminal where the cursor is, and the answer would go
    // to the input thread, leaving it to wait forever. A resize to the current size clears the
    // screen and forgets the last frame without asking.
    let size = tui.size()?;
    tui.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Gives the terminal back when dropped, including during unwinding.
pub struct Guard {
    signals: Option<Signals>,
}

impl Guard {
    /// Starts the thread that restores the terminal and exits on a fatal signal. Started after
    /// the first frame is drawn, to put that frame on screen sooner.
    pub fn watch_signals(&mut self) -> io::Result<()> {
        let Some(mut signals) = self.signals.take() else {
            return Ok(());
        };
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    restore();
                    std::process::exit(128 + signal);
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
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = out.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, or the message lands on the alternate screen and vanishes.
        restore();
        previous(info);
    }));
}
