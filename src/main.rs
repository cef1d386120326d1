use stance::annotations::store::{self, Location};
use stance::annotations::yours::Yours;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use std::path::PathBuf;

use stance::app::App;
use stance::cli::{Cli, Format};
use stance::clipboard::Clipboard;
use stance::config::{self, Config};
use stance::debate;
use stance::filter::StanceFilter;
use stance::library::{self, Entry, Library, Origin, State, Summary, read_found};
use stance::run::Options;
use stance::search::Query;
use stance::stdin::{self, Input};
use stance::theme::Origin as ThemeOrigin;
use stance::theme::{BUILTIN, Catalog, ColorDepth};

/// Exit status for a file or setting that cannot be used, as for a usage error.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    // Plain `stance` is how most sessions start: spare it the building of the parser.
    let cli = if std::env::args_os().len() == 1 {
        Cli::default()
    } else {
        match parse_cli() {
            Ok(cli) => cli,
            Err(code) => return code,
        }
    };
    // A closed standard output takes writes without a word (Rust's standard library treats
    // EBADF on it as success): --print and --list-themes would report success for nothing.
    if (cli.print || cli.list_themes) && stdout_is_closed() {
        return fail(1, "standard output is closed: nothing can be written");
    }
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

    let filter = cli
        .only
        .map_or(StanceFilter::All, |s| StanceFilter::Only(s.into()));
    // Shown in the status bar and matched against cleaned text: clean it the same way.
    let query = cli
        .grep
        .as_deref()
        .map(stance::text::sanitize)
        .and_then(|q| Query::new(&q.replace('\n', " ")));
    // A search for nothing visible matches nothing, as grep's would: it is not "no search",
    // which would show everything (#14).
    if let (Some(asked), None) = (&cli.grep, &query) {
        stance::error::say(format_args!(
            "stance: --grep \"{}\" has no visible text, so no insight can match it",
            stance::text::sanitize(asked).escape_debug()
        ));
        return ExitCode::from(1);
    }

    // Every debate named, before the terminal is touched: a broken file named here is an
    // error that stays on screen (#11).
    let gathered = match gather(&cli) {
        Ok(gathered) => gathered,
        Err(e) => return fail(BAD_INPUT, &e.to_string()),
    };

    // Your readings (#13): in the data folder, or the one file --reading names.
    let readings = Location::new(cli.reading.as_deref());
    if cli.reading.is_some() && (gathered.library.len() > 1 || gathered.folders) {
        return fail(
            BAD_INPUT,
            &format!(
                "--reading keeps the reading of one debate, and {} are opened here",
                gathered.library.len().max(2)
            ),
        );
    }

    if cli.print {
        return print(&cli, gathered, filter, query.as_ref(), readings.as_ref());
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
    let Gathered {
        library,
        open,
        unread,
        ..
    } = gathered;
    let mut annotations = Vec::new();
    for (index, debate) in &open {
        let Some(location) = &readings else { break };
        let loaded = store::load(&location.path_for(debate), debate);
        // A reading file named on the command line that does not read is an error, as any
        // file named there is; one in the data folder is said in the status bar.
        if let (Some(_), Err(e)) = (&cli.reading, &loaded) {
            return fail(BAD_INPUT, &e.to_string());
        }
        annotations.push((*index, loaded));
    }
    let mut app = App::with_library(library, open, width, height);
    for (index, loaded) in annotations {
        app.annotate(index, loaded);
    }
    // With several debates, back to the one last read among them.
    let sources = (app.library().listed().count() > 1).then(|| store::sources_key(&cli.files));
    if let (Some(key), Some(location)) = (&sources, &readings) {
        resume(&mut app, location, key);
    }
    // What the command line asks for wins over where the reading says the reader was.
    if cli.only.is_some() || query.is_some() {
        app = app.with_filter(filter, query);
    }
    let options = Options {
        readings: readings.clone(),
        mouse,
        clipboard: Clipboard::from_env(),
        depth: depth.unwrap_or(ColorDepth::Truecolor),
        unread,
    };
    match stance::run::run(app, &theme, options) {
        Ok(app) => {
            if let (Some(key), Some(location)) = (&sources, &readings) {
                remember(&app, location, key);
            }
            // Quitting without them was asked for; it is still worth a word, and a status a
            // script can see.
            match (app.quitting_anyway(), app.save_failed()) {
                (true, Some(why)) => fail(1, &format!("your reading was not saved: {why}")),
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => fail(1, &format!("{e:#}")),
    }
}

/// The file and part of entry `index`'s debate, its path made absolute.
fn place_of(app: &App, index: usize) -> Option<(PathBuf, usize)> {
    let (path, part) = match &app.library().get(index)?.origin {
        Origin::File(path) => (path, 0),
        Origin::Part(path, part) => (path, *part),
        _ => return None,
    };
    Some((
        std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
        part,
    ))
}

/// Opens the debate last read among the debates named by `key`, if it is still among them.
fn resume(app: &mut App, location: &Location, key: &str) {
    let Some(last) = store::last_read(location, key) else {
        return;
    };
    let Some(index) = (0..app.library().len()).find(|&i| place_of(app, i).as_ref() == Some(&last))
    else {
        return;
    };
    if let stance::app::Outcome::Open(index) = app.resume(index) {
        stance::run::open_entry(app, index, Some(location));
    }
}

/// Remembers which debate was being read among those `key` names.
fn remember(app: &App, location: &Location, key: &str) {
    let Some((path, part)) = app.current().and_then(|i| place_of(app, i)) else {
        return;
    };
    if let Err(e) = store::remember_last_read(location, key, &path, part) {
        warn(&format!("cannot remember which debate was being read: {e}"));
    }
}

/// The debates the command line names, as the reader opens them.
struct Gathered {
    library: Library,
    /// Debates read already and kept open: the only one, or standard input's (it cannot be
    /// read twice).
    open: Vec<(usize, debate::Debate)>,
    /// Files found in folders, to read in the background.
    unread: Vec<(usize, PathBuf)>,
    /// A folder was named: `--print` then writes a stream of debates, however many it holds.
    folders: bool,
}

/// Reads every file named (a broken one is an error) and finds the files in every folder
/// named, which are left to read later.
fn gather(cli: &Cli) -> Result<Gathered, debate::FileError> {
    let mut entries = Vec::new();
    let mut open = Vec::new();
    let mut unread = Vec::new();
    let mut add = |origin: Origin, loaded: Option<debate::Debate>| {
        let state = match &loaded {
            Some(debate) => State::Read(Summary::of(debate)),
            None => State::Unread,
        };
        let index = entries.len();
        match (&origin, loaded) {
            (_, Some(debate)) => open.push((index, debate)),
            (Origin::File(path), None) => unread.push((index, path.clone())),
            _ => {}
        }
        entries.push(Entry { origin, state });
    };
    if cli.files.is_empty() {
        // #10: no file and a pipe or a redirect is the debate on standard input.
        match stdin::choose(None, stdin::is_piped) {
            Input::StandardInput => {
                for debate in load_stdin()? {
                    add(Origin::StandardInput, Some(debate));
                }
            }
            _ => add(Origin::Builtin, Some(debate::builtin())),
        }
    }
    let mut stdin_read = false;
    let mut folders = false;
    for path in &cli.files {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin_read, true) {
                for debate in load_stdin()? {
                    add(Origin::StandardInput, Some(debate));
                }
            }
            continue;
        }
        folders |= path.is_dir();
        for found in library::find(std::slice::from_ref(path))? {
            if found.named {
                let name = found.path.display().to_string();
                let debates = load_showing_progress(&name, |progress| {
                    debate::load_all_with_progress(&found.path, progress)
                })?;
                // A file of several debates (#12) is opened as several.
                let several = debates.len() > 1;
                for (part, debate) in debates.into_iter().enumerate() {
                    let origin = if several {
                        Origin::Part(found.path.clone(), part)
                    } else {
                        Origin::File(found.path.clone())
                    };
                    add(origin, Some(debate));
                }
            } else {
                add(Origin::File(found.path), None);
            }
        }
    }
    // Debates not being read are held as their picker rows: only the one debate, or standard
    // input's, stays parsed (#11).
    if entries.len() > 1 {
        open.retain(|(index, _)| entries[*index].origin == Origin::StandardInput);
    }
    Ok(Gathered {
        library: Library::new(entries),
        open,
        unread,
        folders,
    })
}

fn load_stdin() -> Result<Vec<debate::Debate>, debate::FileError> {
    load_showing_progress(stdin::NAME, debate::load_stdin_with_progress)
}

/// `--print`: each debate in turn; with several, JSON is one debate a line (JSON Lines). A
/// broken file found in a folder is a warning, and the others are written.
fn print(
    cli: &Cli,
    gathered: Gathered,
    filter: StanceFilter,
    query: Option<&Query>,
    readings: Option<&Location>,
) -> ExitCode {
    let mut kept: std::collections::HashMap<usize, debate::Debate> =
        gathered.open.into_iter().collect();
    let entries = gathered.library.entries();
    // A folder is a stream of debates even when it holds one: a script reads JSON Lines
    // whatever the folder holds.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut matched, mut any_insights, mut written_debates) = (false, false, 0);
    let mut debates = 0;
    // Each entry's debates: a file found in a folder may hold several (#12).
    let mut debates_of = |index: usize, entry: &Entry| -> Result<Vec<debate::Debate>, ExitCode> {
        if let Some(debate) = kept.remove(&index) {
            return Ok(vec![debate]);
        }
        match &entry.origin {
            Origin::File(path) if entry.state == State::Unread => match read_found(path) {
                Some(Ok(debates)) => Ok(debates),
                Some(Err(e)) => {
                    warn(&format!("{e}; left out"));
                    Ok(Vec::new())
                }
                None => Ok(Vec::new()),
            },
            // Named files were read when gathered, and the parts of one are read again here.
            other => match library::load(other) {
                Ok(debate) => Ok(vec![debate]),
                Err(e) => Err(fail(BAD_INPUT, &e.to_string())),
            },
        }
    };
    let mut all = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        match debates_of(index, entry) {
            Ok(debates) => all.extend(debates),
            Err(code) => return code,
        }
    }
    if let Some(n) = cli.debate {
        if n == 0 || n > all.len() {
            return fail(
                BAD_INPUT,
                &match all.len() {
                    1 => format!("--debate {n}: there is one debate, --debate 1"),
                    count => format!("--debate {n}: there are {count} debates, from 1 to {count}"),
                },
            );
        }
        all = vec![all.swap_remove(n - 1)];
    }
    let several = all.len() > 1 || gathered.folders && cli.debate.is_none();
    if cli.format == Format::Toml && all.len() > 1 {
        return fail(
            BAD_INPUT,
            &format!(
                "--format toml writes one debate, and there are {} here; choose one with --debate N",
                all.len()
            ),
        );
    }
    for mut debate in all {
        // Your stances and notes are printed as the reader shows them, and said to be yours.
        let yours: Vec<stance::print::Yours> = match readings {
            Some(location) => match store::load(&location.path_for(&debate), &debate) {
                Ok(annotations) => {
                    let yours = Yours::new(&mut debate, annotations);
                    (0..debate.insights.len())
                        .map(|i| {
                            let insight = &debate.insights[i];
                            (
                                yours.mark(i).0.is_some(),
                                yours.note_is_yours_alone(i, insight),
                            )
                        })
                        .collect()
                }
                Err(e) => {
                    warn(&format!("{e}; your reading is left out"));
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        let format = match (cli.format, several) {
            (Format::Json, true) => stance::print::Format::JsonLine,
            (Format::Json, false) => stance::print::Format::Json,
            (Format::Markdown, _) => stance::print::Format::Markdown,
            (Format::Text, _) => stance::print::Format::Text,
            (Format::Toml, _) => stance::print::Format::Toml,
        };
        debates += 1;
        any_insights |= !debate.insights.is_empty();
        let mut buffer = Vec::new();
        let count = match stance::print::print_marked(
            &debate,
            &yours,
            filter,
            query,
            format,
            &mut buffer,
        ) {
            Ok(count) => count,
            Err(e) => return fail(1, &format!("writing to standard output: {e}")),
        };
        if count == 0 && !debate.insights.is_empty() {
            continue;
        }
        matched = true;
        // Text and Markdown debates are set apart by a rule; JSON Lines need nothing.
        let separator: &[u8] = match format {
            stance::print::Format::Text if written_debates > 0 => TEXT_RULE.as_bytes(),
            stance::print::Format::Markdown if written_debates > 0 => b"\n---\n\n",
            _ => b"",
        };
        written_debates += 1;
        let written = out
            .write_all(separator)
            .and_then(|()| out.write_all(&buffer));
        if let Err(e) = written {
            // The reader of a pipe stopped listening (`| head`): nothing is wrong.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            return fail(1, &format!("writing to standard output: {e}"));
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return fail(1, &format!("writing to standard output: {e}"));
        }
        _ => {}
    }
    // Folders named, and not one debate in them that could be read: say so, as for a file.
    if debates == 0 {
        let named: Vec<String> = cli.files.iter().map(|p| p.display().to_string()).collect();
        return fail(
            BAD_INPUT,
            &format!(
                "{}: no debate could be read there",
                stance::text::sanitize(&named.join(", "))
            ),
        );
    }
    // Like grep: choosing nothing in any debate is worth a status a script can test.
    if !matched && any_insights {
        stance::error::say(format_args!(
            "stance: no insight matches {}",
            what_was_asked(cli, filter, query)
        ));
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Between two debates in `--print`'s text: more than the blank line between insights, so that
/// a debate's title does not read as one more insight.
const TEXT_RULE: &str = "\n========================================\n\n";

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
            || matches!(&entry.origin, ThemeOrigin::User { path, .. } if path.as_os_str() == active);
        marked |= is_active;
        let mark = if is_active { "*" } else { " " };
        let origin = match &entry.origin {
            ThemeOrigin::Builtin => "built-in".to_string(),
            ThemeOrigin::User { path, shadows } => {
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
        let written = writeln!(out, "{}", sanitize(&line).replace('\n', "\\n"));
        match written {
            Ok(()) => {}
            // The reader of a pipe stopped listening (`| head`): nothing is wrong.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
            Err(e) => return fail(1, &format!("writing to standard output: {e}")),
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            fail(1, &format!("writing to standard output: {e}"))
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Whether standard output was closed when `stance` started (`stance --print >&-`), where the
/// system can say. Rust's runtime puts `/dev/null` on a closed standard descriptor, opened for
/// reading and writing; a shell's `> /dev/null` opens it for writing only.
fn stdout_is_closed() -> bool {
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
        return false;
    };
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    let flags = info
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
    // O_ACCMODE is 3, O_RDWR 2.
    target == std::path::Path::new("/dev/null") && flags.is_some_and(|f| f & 3 == 2)
}

/// Loads the debate `name`d with `load`; if that takes longer than a moment, says how far it has
/// got on standard error (when that is a terminal), and clears the line when done. The terminal
/// is not taken over yet, so a load error still prints as a plain line.
fn load_showing_progress(
    name: &str,
    load: impl FnOnce(&debate::Progress) -> Result<Vec<debate::Debate>, debate::FileError> + Send,
) -> Result<Vec<debate::Debate>, debate::FileError> {
    use std::time::Duration;
    const QUIET_FOR: Duration = Duration::from_millis(150);
    const EVERY: Duration = Duration::from_millis(100);
    let progress = debate::Progress::default();
    std::thread::scope(|scope| {
        let (done, finished) = std::sync::mpsc::channel();
        let shared = &progress;
        let loading = scope.spawn(move || {
            let loaded = load(shared);
            // The waiting side may have stopped listening only by panicking.
            let _ = done.send(());
            loaded
        });
        // A small file is read well within the quiet time: no line, and no wait either (a
        // sleep-and-check loop here cost every launch its first 10 ms, #11).
        let mut shown = false;
        let mut wait = QUIET_FOR;
        let stderr = std::io::stderr();
        while finished.recv_timeout(wait) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            wait = EVERY;
            if !stderr.is_terminal() {
                continue;
            }
            let percent = progress.fraction().map_or(0.0, |f| f * 100.0);
            let name = clean_line(name);
            let _ = write!(stderr.lock(), "\rstance: loading {name}… {percent:3.0}%");
            shown = true;
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
/// `message` as one harmless line: it may quote a path or an argument, which may hold
/// anything (#14).
fn clean_line(message: &str) -> String {
    stance::text::sanitize(message).replace('\n', " ")
}

fn warn(message: &str) {
    stance::error::say(format_args!("stance: warning: {}", clean_line(message)));
}

fn fail(status: u8, message: &str) -> ExitCode {
    stance::error::say(format_args!("stance: {}", clean_line(message)));
    ExitCode::from(status)
}

/// The command line, or clap's word on why it is wrong, cleaned: clap quotes the argument it
/// could not use, and an argument may hold an escape sequence (#14).
fn parse_cli() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help and version are ours, and go to standard output as asked.
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            let text = e.render().to_string();
            let clean: Vec<String> = text.lines().map(stance::text::sanitize).collect();
            stance::error::say(format_args!("{}", clean.join("\n").trim_end()));
            Err(ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)))
        }
    }
}
