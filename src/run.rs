//! The event loop: block on input, update, draw only when something changed.

use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, Event};

use crate::action::Action;
use crate::app::{App, Outcome};
use crate::debate::Debate;
use crate::keymap;
use crate::terminal;
use crate::theme::Theme;
use crate::ui::View;

/// Runs the reader on the terminal until the user quits.
pub fn run(debate: Debate, theme: &Theme) -> Result<()> {
    let (mut tui, _guard) = terminal::enter().context("setting up the terminal")?;
    let size = tui.size().context("reading the terminal size")?;
    let mut app = App::new(debate, size.width, size.height);
    draw(&mut tui, &app, theme)?;
    loop {
        // Block until something happens: an idle reader uses no CPU.
        let mut outcome = handle(&mut app, event::read().context("reading input")?);
        // Take everything already waiting before drawing once, so held-down keys and bursts
        // of resizes do not queue up frames.
        while outcome != Outcome::Quit && event::poll(Duration::ZERO).context("reading input")? {
            outcome = merge(
                outcome,
                handle(&mut app, event::read().context("reading input")?),
            );
        }
        match outcome {
            Outcome::Quit => return Ok(()),
            Outcome::Redraw => draw(&mut tui, &app, theme)?,
            Outcome::Unchanged => {}
        }
    }
}

fn handle(app: &mut App, event: Event) -> Outcome {
    #[cfg(debug_assertions)]
    test_panic(&event);
    let action = match event {
        Event::Key(key) => keymap::action_for(app.mode(), &key),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    };
    action.map_or(Outcome::Unchanged, |a| app.update(a))
}

fn merge(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::Quit, _) | (_, Outcome::Quit) => Outcome::Quit,
        (Outcome::Redraw, _) | (_, Outcome::Redraw) => Outcome::Redraw,
        _ => Outcome::Unchanged,
    }
}

fn draw(tui: &mut terminal::Tui, app: &App, theme: &Theme) -> Result<()> {
    tui.draw(|frame| frame.render_widget(View::new(app, theme), frame.area()))
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
