use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use stance::app::App;
use stance::cli::Cli;
use stance::clipboard::Clipboard;
use stance::config::{self, Config};
use stance::debate;
use stance::filter::StanceFilter;
use stance::run::Options;
use stance::search::Query;
use stance::stdin::{self, Input};
use stance::theme::{BUILTIN, Catalog, ColorDepth, Origin};

/// Exit status for a file or setting that cannot be used, as for a usage error.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    // Plain `stance` is how most sessions start: spare it the building of the parser.
    let cli = if std::env::args_os().len() == 1 {
        Cli::default()
    } else {
        Cli::parse()
    };
    // Everything that can fail because of a file is done before the terminal is touched, so
    // the message stays on screen.
    let config_dir = config::dir();
    let config = match Config::load(config_dir.as_deref()) {
        Ok(config) => config,
        // --print draws no colour and captures no mouse: what the config sets cannot matter
        // to it, so a broken config is worth a warning, not a failure (#10).
        Err(e) if cli.print => {
            warn(&format!("{e}; --print goes on without the config"));
            Config::default()
        }
        Err(e) => return fail(BAD_INPUT, &e.to_string()),
    };
    let catalog = Catalog::new(config_dir.as_ref().map(|d| d.join("themes")));
    let theme_name = cli
        .theme
        .clone()
        .or(config.theme.clone())
        .unwrap_or_else(|| BUILTIN[0].0.to_string());
    // The theme is checked even where it is not drawn (--print, --list-themes): a name the
    // user gave that does not work is an error, never silently passed over.
    let from_config = cli.theme.is_none() && config.theme.is_some();
    let relative_to = if from_config {
        config_dir.as_deref()
    } else {
        None
    };
    let theme = match catalog.load_relative_to(&theme_name, relative_to) {
        Ok(theme) => theme,
        Err(e) => {
            let message = if from_config {
                let place = config_dir.as_deref().map(|d| d.join("config.toml"));
                let place = place.map_or("the config".to_string(), |p| p.display().to_string());
                format!("{e:#} (the theme set in {place})")
            } else {
                format!("{e:#}")
            };
            // --print draws no colour: the theme cannot matter to it (#10).
            if !cli.print {
                return fail(BAD_INPUT, &message);
            }
            warn(&format!("{message}; --print draws no colour and goes on"));
            stance::theme::Theme::default_theme()
        }
    };
    if cli.list_themes {
        return list_themes(&catalog, &theme_name, config_dir.as_deref());
    }

    // #10: `-`, or no file and a pipe or a redirect, is the debate on standard input.
    let input = stdin::choose(cli.file.as_deref(), stdin::is_piped);
    let loaded = match input {
        Input::File(path) => load_showing_progress(&path.display().to_string(), |progress| {
            debate::load_path_with_progress(path, progress)
        }),
        Input::StandardInput => {
            load_showing_progress(stdin::NAME, debate::load_stdin_with_progress)
        }
        Input::Builtin => Ok(debate::builtin()),
    };
    let debate = match loaded {
        Ok(debate) => debate,
        Err(e) => return fail(BAD_INPUT, &e.to_string()),
    };
    let filter = cli
        .only
        .map_or(StanceFilter::All, |s| StanceFilter::Only(s.into()));
    // Shown in the status bar and matched against cleaned text: clean it the same way.
    let query = cli
        .grep
        .as_deref()
        .map(stance::text::sanitize)
        .and_then(|q| Query::new(&q.replace('\n', " ")));

    if cli.print {
        return print(&cli, &debate, filter, query.as_ref());
    }

    // NO_COLOR (https://no-color.org): no colour at all. crossterm would honour it by
    // dropping every attribute too, bold and reverse included, which carry meaning here; so we
    // draw with a colourless theme instead and keep crossterm's output as we give it.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color {
        crossterm::style::force_color_output(true);
    }
    // Only as many colours as the terminal shows (#10).
    let depth = cli
        .color
        .or(config.color)
        .unwrap_or_default()
        .depth(no_color);
    let theme = match depth {
        Some(depth) => theme.for_depth(depth),
        None => theme.without_colour(),
    };
    if !std::io::stdout().is_terminal() {
        return fail(
            BAD_INPUT,
            "standard output is not a terminal; use --print to write the debate to a pipe",
        );
    }
    if let Err(message) = stdin::check_keyboard() {
        return fail(BAD_INPUT, &message);
    }
    let mouse = if cli.mouse || cli.no_mouse {
        cli.mouse
    } else {
        config.mouse.unwrap_or(true)
    };
    // The size now, so the app is laid out once, for the screen it will have.
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let app = App::new(debate, width, height).with_filter(filter, query);
    let options = Options {
        mouse,
        clipboard: Clipboard::from_env(),
        depth: depth.unwrap_or(ColorDepth::Truecolor),
    };
    match stance::run::run(app, &theme, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("{e:#}")),
    }
}

fn print(
    cli: &Cli,
    debate: &debate::Debate,
    filter: StanceFilter,
    query: Option<&Query>,
) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = stance::print::print(debate, filter, query, cli.format, &mut out)
        .and_then(|count| out.flush().map(|()| count));
    match written {
        // Like grep: choosing nothing is worth a status a script can test.
        Ok(0) if !debate.insights.is_empty() => {
            eprintln!(
                "stance: no insight matches {}",
                what_was_asked(cli, filter, query)
            );
            ExitCode::from(1)
        }
        Ok(_) => ExitCode::SUCCESS,
        // The reader of a pipe stopped listening (`| head`): nothing is wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("writing to standard output: {e}")),
    }
}

/// What chose the insights, as the command line said it: `--only mixed --grep "chips"`.
fn what_was_asked(cli: &Cli, filter: StanceFilter, query: Option<&Query>) -> String {
    let mut asked = Vec::new();
    if let StanceFilter::Only(stance) = filter {
        asked.push(format!("--only {}", stance.name()));
    }
    match (query, &cli.grep) {
        (Some(q), _) => asked.push(format!("--grep \"{}\"", q.text())),
        // A --grep of nothing but spaces or invisible characters matches everything, so
        // this is only for completeness.
        (None, Some(_)) => asked.push("--grep".into()),
        (None, None) => {}
    }
    asked.join(" ")
}

/// `--list-themes`: every theme, where it comes from, the active one marked; then where
/// the user's themes go.
fn list_themes(catalog: &Catalog, active: &str, config_dir: Option<&std::path::Path>) -> ExitCode {
    use stance::text::sanitize;
    let mut lines = Vec::new();
    let mut marked = false;
    for entry in catalog.entries() {
        let is_active = entry.name == active
            || matches!(&entry.origin, Origin::User { path, .. } if path.as_os_str() == active);
        marked |= is_active;
        let mark = if is_active { "*" } else { " " };
        let origin = match &entry.origin {
            Origin::Builtin => "built-in".to_string(),
            Origin::User { path, shadows } => {
                let over = if *shadows {
                    " (replaces the built-in)"
                } else {
                    ""
                };
                let broken = match catalog.load(&path.display().to_string()) {
                    Ok(_) => String::new(),
                    Err(e) => format!(" — broken: {e:#}"),
                };
                format!("{}{over}{broken}", path.display())
            }
        };
        lines.push(format!("{mark} {:<16} {origin}", entry.name));
    }
    if !marked {
        lines.push(format!("* {active}"));
    }
    if let Some(dir) = config_dir {
        lines.push(String::new());
        lines.push(format!(
            "Your themes go in {}",
            dir.join("themes").display()
        ));
    }
    let mut out = std::io::stdout().lock();
    for line in lines {
        // Theme names come from file names, which may hold anything.
        if writeln!(out, "{}", sanitize(&line)).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

/// Loads the debate `name`d with `load`; if that takes longer than a moment, says how far it has
/// got on standard error (when that is a terminal), and clears the line when done. The terminal
/// is not taken over yet, so a load error still prints as a plain line.
fn load_showing_progress(
    name: &str,
    load: impl FnOnce(&debate::Progress) -> Result<debate::Debate, debate::FileError> + Send,
) -> Result<debate::Debate, debate::FileError> {
    use std::time::Duration;
    const QUIET_FOR: Duration = Duration::from_millis(150);
    const EVERY: Duration = Duration::from_millis(100);
    let progress = debate::Progress::default();
    std::thread::scope(|scope| {
        let loading = scope.spawn(|| load(&progress));
        let started = std::time::Instant::now();
        let mut shown = false;
        let stderr = std::io::stderr();
        while !loading.is_finished() {
            std::thread::sleep(Duration::from_millis(10));
            if started.elapsed() < QUIET_FOR || !stderr.is_terminal() {
                continue;
            }
            let percent = progress.fraction().map_or(0.0, |f| f * 100.0);
            let name = stance::text::sanitize(name);
            let _ = write!(stderr.lock(), "\rstance: loading {name}… {percent:3.0}%");
            shown = true;
            std::thread::sleep(EVERY);
        }
        if shown {
            // Back to the start of the line, and clear it.
            let _ = write!(stderr.lock(), "\r\x1b[2K");
        }
        loading
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// A problem that does not stop what was asked for.
fn warn(message: &str) {
    eprintln!("stance: warning: {message}");
}

fn fail(status: u8, message: &str) -> ExitCode {
    eprintln!("stance: {message}");
    ExitCode::from(status)
}
