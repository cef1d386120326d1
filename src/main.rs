use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use stance::app::App;
use stance::cli::Cli;
use stance::clipboard::Clipboard;
use stance::debate;
use stance::filter::StanceFilter;
use stance::run::Options;
use stance::search::Query;
use stance::theme::Theme;

/// Exit status for a file that cannot be used, as for a usage error.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Everything that can fail because of a file is done before the terminal is touched, so
    // the message stays on screen.
    let loaded = match &cli.file {
        Some(path) => debate::load_path(path),
        None => debate::builtin(),
    };
    let debate = match loaded {
        Ok(debate) => debate,
        Err(e) => return fail(BAD_INPUT, &e.to_string()),
    };
    let filter = cli
        .only
        .map_or(StanceFilter::All, |s| StanceFilter::Only(s.into()));
    let query = cli.grep.as_deref().and_then(Query::new);

    if cli.print {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let written = stance::print::print(&debate, filter, query.as_ref(), cli.format, &mut out)
            .and_then(|()| out.flush());
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            // The reader of a pipe stopped listening (`| head`): nothing is wrong.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(1, &format!("writing to standard output: {e}")),
        };
    }

    let theme = match Theme::dark() {
        Ok(theme) => theme,
        Err(e) => return fail(BAD_INPUT, &e.to_string()),
    };
    if !std::io::stdout().is_terminal() {
        return fail(
            BAD_INPUT,
            "standard output is not a terminal; use --print to write the debate to a pipe",
        );
    }
    let app = App::new(debate, 80, 24).with_filter(filter, query);
    let options = Options {
        mouse: !cli.no_mouse,
        clipboard: Clipboard::from_env(),
    };
    match stance::run::run(app, &theme, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("{e:#}")),
    }
}

fn fail(status: u8, message: &str) -> ExitCode {
    eprintln!("stance: {message}");
    ExitCode::from(status)
}
