//! The user's settings: `$XDG_CONFIG_HOME/stance/config.toml`, and their themes beside it.
//! The command line wins over the config, and the config over the defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::error::FileError;
use crate::theme::ColorDepth;

/// Every setting the config file may hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, expecting = "settings: theme, color and mouse")]
pub struct Config {
    /// A theme's name or path.
    pub theme: Option<String>,
    /// Whether to capture the mouse.
    pub mouse: Option<bool>,
    /// The colours to draw with; `colour` is the same setting.
    #[serde(alias = "colour")]
    pub color: Option<ColorSetting>,
}

/// The colours to draw with (#10): `--color`, and `color` in the config.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorSetting {
    /// As many as the terminal says it shows (COLORTERM, TERM); none under NO_COLOR.
    #[default]
    Auto,
    /// 24-bit colour, as the theme has it.
    #[value(alias = "24bit")]
    Truecolor,
    /// The nearest of the 256-colour palette.
    #[value(name = "256")]
    Ansi256,
    /// The nearest of the sixteen ANSI colours.
    #[value(name = "16")]
    Ansi16,
    /// No colour, as with NO_COLOR.
    Never,
}

impl ColorSetting {
    /// How the setting is written: `auto|truecolor|256|16|never`.
    const NAMES: &str = "\"auto\", \"truecolor\", \"256\", \"16\" or \"never\"";

    /// The colours to draw with, `None` for none. An explicit depth wins over `NO_COLOR`, as
    /// no-color.org asks of a setting the user made.
    pub fn depth(self, no_color: bool) -> Option<ColorDepth> {
        match self {
            ColorSetting::Auto if no_color => None,
            ColorSetting::Auto => Some(ColorDepth::detect()),
            ColorSetting::Truecolor => Some(ColorDepth::Truecolor),
            ColorSetting::Ansi256 => Some(ColorDepth::Ansi256),
            ColorSetting::Ansi16 => Some(ColorDepth::Ansi16),
            ColorSetting::Never => None,
        }
    }
}

impl<'de> Deserialize<'de> for ColorSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `color = 256` reads as naturally as `color = "256"`.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        let wrong = |what: Option<String>| {
            serde::de::Error::custom(match what {
                Some(what) => format!("color {what} is not one of {}", Self::NAMES),
                None => format!("color must be one of {}", Self::NAMES),
            })
        };
        match Raw::deserialize(d).map_err(|_| wrong(None))? {
            Raw::Number(256) => Ok(ColorSetting::Ansi256),
            Raw::Number(16) => Ok(ColorSetting::Ansi16),
            Raw::Number(n) => Err(wrong(Some(n.to_string()))),
            Raw::Text(s) => <ColorSetting as clap::ValueEnum>::from_str(&s, true)
                .map_err(|_| wrong(Some(format!("{:?}", crate::text::sanitize(&s))))),
        }
    }
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
        // Only a config that is not there at all means the defaults: a dangling link, a loop
        // of links or a folder that cannot be read is a config that cannot be used, and
        // says so (#14).
        match std::fs::metadata(&path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if std::fs::symlink_metadata(&path).is_ok() {
                    return Err(FileError::new(
                        &path,
                        "is a symbolic link to nothing (its target does not exist)",
                    ));
                }
                return Ok(Config::default());
            }
            Err(e) => return Err(FileError::new(&path, crate::read::io_message(&e))),
        }
        let text = crate::read::read_text(&path, MAX_CONFIG_BYTES)?;
        toml::from_str(&text).map_err(|e| FileError::from_toml(&e, &text, &path))
    }
}
