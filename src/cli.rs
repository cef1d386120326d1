//! The command line.

use std::path::PathBuf;

use clap::Parser;

/// A terminal reader for debates: a thesis, and the insights that agree or conflict with it.
#[derive(Debug, Parser)]
#[command(name = "stance", version, about)]
pub struct Cli {
    /// The debate to open (TOML, or a plain page). Without it, the built-in debate.
    pub file: Option<PathBuf>,
}
