//! Entering and leaving the terminal, and making sure every way out leaves it as it was:
//! a normal quit, an error, a panic, or a signal.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor::Hide, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

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
    install_signal_handlers()?;
    ENTERED.store(true, Ordering::SeqCst);
    let guard = Guard(());
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard))
}

/// Gives the terminal back when dropped, including during unwinding.
pub struct Guard(());

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

fn install_signal_handlers() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(FATAL_SIGNALS)?;
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
