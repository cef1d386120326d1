//! The event loop: block until something happens, update, draw only when something changed.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};

use anyhow::{Context, Result};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::app::{App, Outcome};
use crate::clipboard::{self, Clipboard, RouteResult};
use crate::input::{self, Input};
use crate::keymap;
use crate::paint;
use crate::save::Saver;
use crate::terminal::{self, Tui};
use crate::theme::{ColorDepth, Theme};
use crate::ui::View;

/// What wakes the loop.
enum Message {
    Input(std::io::Result<Input>),
    /// The signal thread: the process was stopped and continued, or could not stop.
    Signal(terminal::SignalEvent),
    /// A file found in a folder was read in the background: its picker row (#11).
    Summary(usize, Vec<crate::library::State>),
    /// The clipboard programs have finished a copy of this many characters.
    Copied {
        chars: usize,
        osc52: Result<(), String>,
        programs: Vec<RouteResult>,
    },
}

/// How the reader is set up beyond the debate.
pub struct Options {
    pub mouse: bool,
    pub clipboard: Clipboard,
    /// The colours the terminal shows; the theme has been brought down to them already.
    pub depth: ColorDepth,
    /// Files found in folders, by library entry, to read in the background once the first
    /// frame is out.
    pub unread: Vec<(usize, std::path::PathBuf)>,
    /// Where readings are kept (#13); none when there is no data folder.
    pub readings: Option<crate::annotations::store::Location>,
}

/// What handling a message needs besides the app and the terminal.
struct Loop {
    mouse: bool,
    copier: Option<Copier>,
    readings: Option<crate::annotations::store::Location>,
}

/// Runs the reader on the terminal until the user quits; gives back the app as it was left.
pub fn run(mut app: App, theme: &Theme, options: Options) -> Result<App> {
    let (mut output, mut guard) =
        terminal::enter(options.mouse).context("setting up the terminal")?;
    if options.depth == ColorDepth::Ansi16 {
        output.write_sixteen_colours();
    }
    // The first frame goes out before anything else is set up, ratatui's terminal included:
    // that is the wait a reader feels.
    let area = app.area();
    let mut first = Buffer::empty(area);
    View::new(&app, theme).render(area, &mut first);
    paint::write_frame(&first, crate::ui::cursor(&app, area), &mut output)
        .and_then(|()| output.flush())
        .context("drawing the screen")?;
    let mut screen = Screen {
        painted: Some((output, first)),
        tui: None,
    };
    // Resized while the first frame was made? Then draw it again, now.
    let (width, height) = crossterm::terminal::size().context("reading the terminal size")?;
    if Rect::new(0, 0, width, height) != area {
        app.update(Action::Resize(width, height));
        draw(screen.tui()?, &app, theme)?;
    }
    let (sender, messages) = mpsc::channel();
    let signals = sender.clone();
    guard
        .watch_signals(move |event| {
            let _ = signals.send(Message::Signal(event));
        })
        .context("watching for signals")?;
    let mut saver = Saver::new(options.readings.clone());
    terminal::set_last_words(saver.last_words());
    spawn_input(sender.clone());
    let library = sender.clone();
    crate::library::read_in_background(options.unread, move |index, states| {
        library.send(Message::Summary(index, states)).is_ok()
    });
    let context = Loop {
        readings: options.readings.clone(),
        mouse: options.mouse,
        copier: if options.clipboard.has_programs() {
            Copier::start(options.clipboard.clone(), sender.clone())
        } else {
            None
        },
    };
    loop {
        // Block until something happens: an idle reader uses no CPU. Only a save that is due
        // wakes it otherwise.
        let first = match saver.timeout() {
            None => messages.recv().context("the input thread stopped")?,
            Some(wait) => match messages.recv_timeout(wait) {
                Ok(message) => message,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if saver.save_if_due(&mut app) {
                        draw(screen.tui()?, &app, theme)?;
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    anyhow::bail!("the input thread stopped")
                }
            },
        };
        // Take everything already waiting before drawing once, so held-down keys and bursts
        // of resizes do not queue up frames; and lay a burst of resizes (a drag) out once, at
        // its last size (#14).
        let mut outcome = Outcome::Unchanged;
        let mut held = None;
        let mut next = Some(first);
        while let Some(message) = next.take() {
            for message in in_order(&mut held, message, is_resize) {
                outcome = merge(
                    outcome,
                    step(&mut app, message, &mut screen, &context, &mut saver)?,
                );
            }
            if outcome == Outcome::Quit {
                break;
            }
            next = try_next(&messages);
        }
        if let Some(resize) = held.filter(|_| outcome != Outcome::Quit) {
            outcome = merge(
                outcome,
                step(&mut app, resize, &mut screen, &context, &mut saver)?,
            );
        }
        saver.after_update(&mut app);
        match outcome {
            // Everything is saved on the way out; what cannot be is asked about first.
            Outcome::Quit if saver.save_all(&mut app) || app.quitting_anyway() => return Ok(app),
            Outcome::Quit => draw(screen.tui()?, &app, theme)?,
            // The signal thread gives the terminal back and stops; the loop hears again when
            // the process is continued.
            Outcome::Suspend => {
                saver.save_all(&mut app);
                terminal::request_suspend().context("suspending")?;
            }
            Outcome::Redraw | Outcome::Copy(_) | Outcome::Open(_) | Outcome::Notice(..) => {
                app.refresh_picker();
                draw(screen.tui()?, &app, theme)?;
            }
            Outcome::Unchanged => {}
        }
    }
}

/// [`handle`], and on an error, which ends the reader (the terminal hung up, say), what is
/// unsaved is saved first, as the signal thread's last words save it on SIGHUP (#14).
fn step(
    app: &mut App,
    message: Message,
    screen: &mut Screen,
    context: &Loop,
    saver: &mut Saver,
) -> Result<Outcome> {
    handle(app, message, screen, context).inspect_err(|_| {
        saver.save_all(app);
    })
}

fn is_resize(message: &Message) -> bool {
    matches!(message, Message::Input(Ok(Input::Event(Event::Resize(..)))))
}

/// The messages to handle now, in order, when `message` comes: a resize is held back (in
/// `held`) until something else comes, and a later resize takes the place of one held, so
/// that a burst of them is handled once. What comes after a resize still sees it first.
fn in_order<T>(held: &mut Option<T>, message: T, is_resize: impl Fn(&T) -> bool) -> Vec<T> {
    if is_resize(&message) {
        *held = Some(message);
        return Vec::new();
    }
    held.take().into_iter().chain([message]).collect()
}

fn try_next(messages: &Receiver<Message>) -> Option<Message> {
    messages.try_recv().ok()
}

/// Reads terminal input on its own thread, so that the loop can also hear from clipboard
/// programs without polling.
fn spawn_input(sender: Sender<Message>) {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            input::read_terminal(|input| sender.send(Message::Input(input)).is_ok());
        })
        .map(drop)
        .unwrap_or_else(|e| {
            crate::error::say(format_args!("stance: cannot start the input thread: {e}"))
        });
}

/// The screen: painted once by [`paint`], then ratatui's terminal, made when it is first
/// needed (a key, a resize) rather than at once. Its two buffers are half a megabyte of fresh
/// memory, and making them while the terminal is still reading the first frame delays that
/// frame.
struct Screen {
    painted: Option<(terminal::Output, Buffer)>,
    tui: Option<Tui>,
}

/// ratatui's terminal shows the cursor when it is dropped, and says on standard error when it
/// cannot: after a hang-up that write fails, and `eprintln!` panics. The cursor is the
/// guard's to show ([`terminal::restore`]), past stdout's lock; the terminal is let go unseen.
impl Drop for Screen {
    fn drop(&mut self) {
        if let Some(tui) = self.tui.take() {
            std::mem::forget(tui);
        }
    }
}

impl Screen {
    fn tui(&mut self) -> Result<&mut Tui> {
        if let Some((output, frame)) = self.painted.take() {
            let tui =
                terminal::hand_to_ratatui(output, frame).context("setting up the terminal")?;
            self.tui = Some(tui);
        }
        self.tui
            .as_mut()
            .context("the terminal could not be set up")
    }
}

fn handle(app: &mut App, message: Message, screen: &mut Screen, context: &Loop) -> Result<Outcome> {
    let event = match message {
        Message::Input(input) => match input.context("reading input")? {
            Input::Event(event) => event,
            Input::Paste { text, cut } => return Ok(paste(app, &text, cut)),
        },
        Message::Signal(terminal::SignalEvent::Resumed) => {
            let tui = screen.tui()?;
            terminal::resume(tui, context.mouse).context("resuming")?;
            // The screen was the shell's meanwhile, and its size may have changed.
            let size = tui.size().context("reading the terminal size")?;
            app.update(Action::Resize(size.width, size.height));
            return Ok(Outcome::Redraw);
        }
        Message::Signal(terminal::SignalEvent::CannotSuspend) => {
            app.set_notice(
                "cannot suspend: nothing here could resume stance (no job control)".into(),
                true,
            );
            return Ok(Outcome::Redraw);
        }
        Message::Summary(index, states) => {
            app.summarised(index, states);
            return Ok(if app.picker().is_some() {
                Outcome::Redraw
            } else {
                Outcome::Unchanged
            });
        }
        Message::Copied {
            chars,
            osc52,
            programs,
        } => {
            let (text, is_error) = clipboard::report(chars, &osc52, &programs);
            app.set_notice(text, is_error);
            return Ok(Outcome::Redraw);
        }
    };
    #[cfg(debug_assertions)]
    test_panic(&event);
    let mut before = Outcome::Unchanged;
    let action = match event {
        Event::Key(key) => match keymap::action_for(app.mode(), &key) {
            Some(action) => Some(action),
            // Esc and then a key, typed within the 50 ms a terminal's Alt takes, read as Alt
            // and that key. Where Alt with it means nothing, it was both keys (#14): Esc and
            // then `q` or Ctrl-C must not both be lost.
            None if key.modifiers.contains(KeyModifiers::ALT) => {
                let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                if let Some(action) = keymap::action_for(app.mode(), &esc) {
                    before = app.update(action);
                }
                let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
                keymap::action_for(app.mode(), &plain)
            }
            None => None,
        },
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    };
    let Some(action) = action.filter(|_| before != Outcome::Quit) else {
        return Ok(before);
    };
    let outcome = app.update(action);
    match &outcome {
        Outcome::Copy(text) => copy(app, text, screen.tui()?, context),
        // Opening a debate is reading its file: here, not in the pure update.
        Outcome::Open(index) => open_entry(app, *index, context.readings.as_ref()),
        _ => {}
    }
    // What Esc did before an Alt key read as Esc and the key (above) is drawn with it.
    Ok(if before == Outcome::Unchanged {
        outcome
    } else {
        merge(before, outcome)
    })
}

/// A paste is text, never keys: in the prompt it is typed in (one line of it), anywhere else
/// it is ignored, so that a pasted `q` or `y` cannot act. One that was `cut` says so (#14).
fn paste(app: &mut App, text: &str, cut: bool) -> Outcome {
    let outcome = app.paste(text);
    if !cut || outcome == Outcome::Unchanged {
        return outcome;
    }
    let limit = input::PASTE_LIMIT >> 20;
    app.set_notice(format!("paste cut to {limit} MiB"), true);
    Outcome::Redraw
}

/// Reads library entry `index`'s debate, and your reading of it from `readings`, and hands
/// both to the app: what [`Outcome::Open`] asks for.
pub fn open_entry(
    app: &mut App,
    index: usize,
    readings: Option<&crate::annotations::store::Location>,
) {
    let Some(origin) = app.library().get(index).map(|e| e.origin.clone()) else {
        return;
    };
    let loaded = crate::library::load(&origin);
    let annotations = match (&loaded, readings) {
        (Ok(debate), Some(location)) => Some(crate::annotations::store::load(
            &location.path_for(debate),
            debate,
        )),
        _ => None,
    };
    app.opened(index, loaded);
    if let Some(annotations) = annotations {
        app.annotate(index, annotations);
    }
}

/// Sends `text` by OSC 52 now and hands it to the clipboard worker, whose report replaces the
/// status line when it comes.
fn copy(app: &mut App, text: &str, tui: &mut Tui, context: &Loop) {
    let chars = text.chars().count();
    let osc52 = clipboard::write_osc52(tui.backend_mut(), text).map_err(|e| e.to_string());
    match &context.copier {
        Some(copier) => {
            app.set_notice(format!("copying {chars} chars…"), false);
            copier.copy(text.to_string(), osc52);
        }
        None => {
            let (line, is_error) = clipboard::report(chars, &osc52, &[]);
            app.set_notice(line, is_error);
        }
    }
}

/// What the clipboard worker is asked to copy: the text, and how its OSC 52 went.
type CopyRequest = (String, Result<(), String>);

/// One thread that runs the clipboard programs, one copy at a time. A copy asked for while
/// another runs replaces any that is waiting: holding `y` runs the programs twice, not a
/// hundred times over (and does not fill tmux's buffer list with duplicates).
struct Copier {
    slot: Arc<(Mutex<Option<CopyRequest>>, Condvar)>,
}

impl Copier {
    fn start(clipboard: Clipboard, sender: Sender<Message>) -> Option<Copier> {
        let slot: Arc<(Mutex<Option<CopyRequest>>, Condvar)> = Arc::default();
        let worker = Arc::clone(&slot);
        std::thread::Builder::new()
            .name("clipboard".into())
            .spawn(move || {
                let (lock, ready) = &*worker;
                loop {
                    let request = {
                        let Ok(mut waiting) = lock.lock() else { return };
                        loop {
                            if let Some(request) = waiting.take() {
                                break request;
                            }
                            let Ok(next) = ready.wait(waiting) else {
                                return;
                            };
                            waiting = next;
                        }
                    };
                    let (text, osc52) = request;
                    let programs = clipboard.run_programs(&text);
                    let chars = text.chars().count();
                    let report = Message::Copied {
                        chars,
                        osc52,
                        programs,
                    };
                    if sender.send(report).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Copier { slot })
    }

    fn copy(&self, text: String, osc52: Result<(), String>) {
        let (lock, ready) = &*self.slot;
        if let Ok(mut waiting) = lock.lock() {
            *waiting = Some((text, osc52));
            ready.notify_one();
        }
    }
}

fn merge(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::Quit, _) | (_, Outcome::Quit) => Outcome::Quit,
        (Outcome::Suspend, _) | (_, Outcome::Suspend) => Outcome::Suspend,
        (Outcome::Unchanged, Outcome::Unchanged) => Outcome::Unchanged,
        _ => Outcome::Redraw,
    }
}

fn draw(tui: &mut Tui, app: &App, theme: &Theme) -> Result<()> {
    tui.draw(|frame| {
        frame.render_widget(View::new(app, theme), frame.area());
        if let Some(position) = crate::ui::cursor(app, frame.area()) {
            frame.set_cursor_position(position);
        }
    })
    .context("drawing the screen")?;
    Ok(())
}

/// Debug builds only: F12 panics when `STANCE_TEST_PANIC` is set, or fails an allocation when
/// `STANCE_TEST_ALLOCATION_FAILURE` is, so the end-to-end tests can prove those ways out
/// restore the terminal. Release builds have no such key.
#[cfg(debug_assertions)]
fn test_panic(event: &Event) {
    if let Event::Key(key) = event
        && key.code == crossterm::event::KeyCode::F(12)
    {
        if std::env::var_os("STANCE_TEST_PANIC").is_some() {
            panic!("test panic requested with F12");
        }
        // A failed allocation: the runtime reports it and aborts.
        if std::env::var_os("STANCE_TEST_ALLOCATION_FAILURE").is_some() {
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 20]>());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::in_order;

    /// Feeds `messages` through [`in_order`] as the loop does, a batch at a time, and returns
    /// what is handled. Resizes are the ones starting with `r`.
    fn handled(batches: &[&[&'static str]]) -> Vec<&'static str> {
        let is_resize = |m: &&str| m.starts_with('r');
        let mut out = Vec::new();
        for batch in batches {
            let mut held = None;
            for &m in *batch {
                out.extend(in_order(&mut held, m, is_resize));
            }
            out.extend(held);
        }
        out
    }

    #[test]
    fn a_burst_of_resizes_is_handled_once_at_its_last_size() {
        let burst: Vec<&str> = (0..50).map(|_| "r").chain(["r50"]).collect();
        assert_eq!(handled(&[&burst]), ["r50"]);
    }

    #[test]
    fn what_comes_after_a_resize_sees_it_first() {
        assert_eq!(
            handled(&[&["r1", "r2", "j", "r3", "click", "r4"]]),
            ["r2", "j", "r3", "click", "r4"]
        );
        assert_eq!(handled(&[&["j"], &["r1"], &["k"]]), ["j", "r1", "k"]);
    }
}
