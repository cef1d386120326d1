use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use stance::cli::Cli;
use stance::debate;
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
    let theme = match Theme::dark() {
        Ok(theme) => theme,
        Err(e) => return fail(BAD_INPUT, &e.to_string()),
    };
    if !std::io::stdout().is_terminal() {
        return fail(
            BAD_INPUT,
            "standard output is not a terminal; stance reads interactively",
        );
    }
    match stance::run::run(debate, &theme) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("{e:#}")),
    }
}

fn fail(status: u8, message: &str) -> ExitCode {
    eprintln!("stance: {message}");
    ExitCode::from(status)
}
