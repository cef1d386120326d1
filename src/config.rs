//! The user's settings: `$XDG_CONFIG_HOME/stance/config.toml`, and their themes beside it.
//! The command line wins over the config, and the config over the defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::FileError;

/// Every setting the config file may hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A theme's name or path.
    pub theme: Option<String>,
    /// Whether to capture the mouse.
    pub mouse: Option<bool>,
}

/// A config file is small; anything larger is a mistake.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// `stance`'s directory in the user's config directory (`$XDG_CONFIG_HOME/stance`, by default
/// `~/.config/stance`), if there is a home to put it in.
pub fn dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("stance"))
}

impl Config {
    /// The config in `dir`, or the defaults when there is no config file.
    pub fn load(dir: Option<&Path>) -> Result<Config, FileError> {
        let Some(path) = dir.map(|d| d.join("config.toml")) else {
            return Ok(Config::default());
        };
        if !path.exists() {
            return Ok(Config::default());
        }
        let text = crate::read::read_text(&path, MAX_CONFIG_BYTES)?;
        toml::from_str(&text).map_err(|e| FileError::from_toml(&e, &text, &path))
    }
}
