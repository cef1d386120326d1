//! The event loop: block until something happens, update, draw only when something changed.

use std::sync::mpsc::{self, Receiver, Sender};

use anyhow::{Context, Result};
use crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::action::Action;
use crate::app::{App, Outcome};
use crate::clipboard::{self, Clipboard, RouteResult};
use crate::keymap;
use crate::terminal::{self, Tui};
use crate::theme::Theme;
use crate::ui::View;

/// What wakes the loop.
enum Message {
    Input(std::io::Result<Event>),
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
}

/// Runs the reader on the terminal until the user quits.
pub fn run(mut app: App, theme: &Theme, options: Options) -> Result<()> {
    let (mut tui, mut guard) = terminal::enter(options.mouse).context("setting up the terminal")?;
    let size = tui.size().context("reading the terminal size")?;
    if size != app.area().as_size() {
        app.update(Action::Resize(size.width, size.height));
    }
    // The first frame goes out before anything else is started: that is the wait a reader
    // feels.
    draw(&mut tui, &app, theme)?;
    guard.watch_signals().context("watching for signals")?;
    let (sender, messages) = mpsc::channel();
    spawn_input(sender.clone());
    loop {
        // Block until something happens: an idle reader uses no CPU.
        let first = messages.recv().context("the input thread stopped")?;
        let mut outcome = handle(&mut app, first, &mut tui, &options, &sender)?;
        // Take everything already waiting before drawing once, so held-down keys and bursts
        // of resizes do not queue up frames.
        while outcome != Outcome::Quit {
            let Some(next) = try_next(&messages) else {
                break;
            };
            outcome = merge(
                outcome,
                handle(&mut app, next, &mut tui, &options, &sender)?,
            );
        }
        match outcome {
            Outcome::Quit => return Ok(()),
            Outcome::Suspend => {
                terminal::suspend(&mut tui, options.mouse).context("suspending")?;
                // The screen was the shell's meanwhile, and its size may have changed.
                let size = tui.size().context("reading the terminal size")?;
                app.update(Action::Resize(size.width, size.height));
                draw(&mut tui, &app, theme)?;
            }
            Outcome::Redraw | Outcome::Copy(_) => draw(&mut tui, &app, theme)?,
            Outcome::Unchanged => {}
        }
    }
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
            loop {
                let event = event::read();
                let failed = event.is_err();
                if sender.send(Message::Input(event)).is_err() || failed {
                    return;
                }
            }
        })
        .map(drop)
        .unwrap_or_else(|e| eprintln!("stance: cannot start the input thread: {e}"));
}

fn handle(
    app: &mut App,
    message: Message,
    tui: &mut Tui,
    options: &Options,
    sender: &Sender<Message>,
) -> Result<Outcome> {
    let event = match message {
        Message::Input(event) => event.context("reading input")?,
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
    let action = match event {
        Event::Key(key) => keymap::action_for(app.mode(), &key),
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
    let Some(action) = action else {
        return Ok(Outcome::Unchanged);
    };
    let outcome = app.update(action);
    if let Outcome::Copy(text) = &outcome {
        copy(app, text, tui, options, sender);
    }
    Ok(outcome)
}

/// Sends `text` by OSC 52 now and hands it to the clipboard programs on a worker thread,
/// whose report replaces the status line when it comes.
fn copy(app: &mut App, text: &str, tui: &mut Tui, options: &Options, sender: &Sender<Message>) {
    let chars = text.chars().count();
    let osc52 = clipboard::write_osc52(tui.backend_mut(), text).map_err(|e| e.to_string());
    if !options.clipboard.has_programs() {
        let (line, is_error) = clipboard::report(chars, &osc52, &[]);
        app.set_notice(line, is_error);
        return;
    }
    app.set_notice(format!("copying {chars} chars…"), false);
    let clipboard = options.clipboard.clone();
    let text = text.to_string();
    let sender = sender.clone();
    let spawned = std::thread::Builder::new()
        .name("clipboard".into())
        .spawn(move || {
            let programs = clipboard.run_programs(&text);
            let _ = sender.send(Message::Copied {
                chars,
                osc52,
                programs,
            });
        });
    if let Err(e) = spawned {
        app.set_notice(format!("copy failed: cannot start a thread: {e}"), true);
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

/// Debug builds only: F12 panics when `STANCE_TEST_PANIC` is set, so the end-to-end tests can
/// prove the panic path restores the terminal. Release builds have no such key.
#[cfg(debug_assertions)]
fn test_panic(event: &Event) {
    if let Event::Key(key) = event
        && key.code == crossterm::event::KeyCode::F(12)
        && std::env::var_os("STANCE_TEST_PANIC").is_some()
    {
        panic!("test panic requested with F12");
    }
}
