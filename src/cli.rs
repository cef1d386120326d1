//! The command line.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::config::ColorSetting;
use crate::debate::Stance;

const AFTER_HELP: &str = "\
Settings: $XDG_CONFIG_HOME/stance/config.toml (by default ~/.config/stance/config.toml) may set
`theme`, `mouse` and `color`; your themes go in $XDG_CONFIG_HOME/stance/themes/NAME.toml. The command
line wins over the config. NO_COLOR=1 draws without colour. Press ? in the reader for its keys.";

/// A terminal reader for debates: a thesis, and the insights that agree or conflict with it.
#[derive(Debug, Default, Parser)]
#[command(name = "stance", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The debates to open: files (TOML, plain pages, Kialo exports, Argdown maps) and folders
    /// (every debate under them); `-` reads one from standard input. Without any, standard
    /// input when that is a pipe or a file, else the built-in debate.
    #[arg(value_name = "FILE|FOLDER")]
    pub files: Vec<PathBuf>,

    /// Write the debate to standard output (see --format) and exit, without touching the
    /// terminal.
    #[arg(long)]
    pub print: bool,

    /// Only insights with this stance (with --print, or to start the reader filtered).
    #[arg(long, value_name = "STANCE")]
    pub only: Option<StanceArg>,

    /// Only insights whose text or note contains TEXT; lower-case ignores case.
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,

    /// The format of --print (with several debates, json writes one debate a line).
    #[arg(long, value_enum, default_value_t = Format::Text, requires = "print")]
    pub format: Format,

    /// With --print, only the Nth of the debates named, counting from 1 in the order they
    /// are written (a file may hold several: a Kialo discussion with several theses).
    #[arg(long, value_name = "N", requires = "print")]
    pub debate: Option<usize>,

    /// Keep your reading (your stances and notes) of the one debate opened in this file,
    /// instead of the data folder (for example beside the debate, in a git repository).
    #[arg(long, value_name = "FILE")]
    pub reading: Option<PathBuf>,

    /// The colour theme: a name (see --list-themes) or a path to a .toml file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,

    /// The colours to draw with (by default, as many as the terminal says it shows).
    #[arg(long, value_enum, value_name = "COLORS", alias = "colour")]
    pub color: Option<ColorSetting>,

    /// List the built-in and user themes, marking the active one, and exit.
    #[arg(long)]
    pub list_themes: bool,

    /// Capture the mouse: the wheel scrolls, a click selects (the default).
    #[arg(long, overrides_with = "no_mouse")]
    pub mouse: bool,

    /// Leave mouse capture off, so the terminal's own text selection works.
    #[arg(long, overrides_with = "mouse")]
    pub no_mouse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StanceArg {
    Agrees,
    Conflicts,
    Mixed,
    Unrated,
}

impl From<StanceArg> for Stance {
    fn from(s: StanceArg) -> Stance {
        match s {
            StanceArg::Agrees => Stance::Agrees,
            StanceArg::Conflicts => Stance::Conflicts,
            StanceArg::Mixed => Stance::Mixed,
            StanceArg::Unrated => Stance::Unrated,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
    /// The debate file format: a tree read from Kialo or Argdown, written so that it reads
    /// back to the same debate.
    Toml,
}
