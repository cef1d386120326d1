//! Where themes come from: the built-in ones compiled in, the user's in their config
//! directory (which win over a built-in of the same name), or a file named by path.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::Theme;
use super::file::parse_over;
use crate::read::read_text;

/// The shipped themes, by name; the first is the default.
pub const BUILTIN: [(&str, &str); 4] = [
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("colorblind", include_str!("../../themes/colorblind.toml")),
];

/// A theme file is small; anything larger is a mistake.
const MAX_THEME_BYTES: u64 = 1024 * 1024;

/// The default theme, compiled from `themes/dark.toml` by `build.rs`: no parsing at launch. A
/// test checks it against what the theme parser makes of the file.
pub(super) fn builtin_default() -> Theme {
    use ratatui::style::Color;
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"))
}

/// Where a theme of a given name was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// In the user's themes directory; `shadows` when a built-in has the same name.
    User {
        path: PathBuf,
        shadows: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeEntry {
    pub name: String,
    pub origin: Origin,
}

/// The themes that can be named: the built-in ones and those in `user_dir`.
#[derive(Debug, Clone)]
pub struct Catalog {
    user_dir: Option<PathBuf>,
}

impl Catalog {
    pub fn new(user_dir: Option<PathBuf>) -> Catalog {
        Catalog { user_dir }
    }

    /// Every theme by name, user themes replacing built-ins of the same name, sorted with the
    /// built-ins first.
    pub fn entries(&self) -> Vec<ThemeEntry> {
        let user = self.user_themes();
        let mut entries: Vec<ThemeEntry> = BUILTIN
            .iter()
            .map(|(name, _)| {
                let origin = match user.iter().find(|(n, _)| n == name) {
                    Some((_, path)) => Origin::User {
                        path: path.clone(),
                        shadows: true,
                    },
                    None => Origin::Builtin,
                };
                ThemeEntry {
                    name: name.to_string(),
                    origin,
                }
            })
            .collect();
        for (name, path) in user {
            if !BUILTIN.iter().any(|(b, _)| *b == name) {
                entries.push(ThemeEntry {
                    name,
                    origin: Origin::User {
                        path,
                        shadows: false,
                    },
                });
            }
        }
        entries
    }

    /// The theme `spec` names: a path (it has a `/` or ends in `.toml`), or a name looked up
    /// among the user's themes and then the built-in ones. Keys it leaves out come from the
    /// default theme, or for a user theme named like a built-in, from that built-in.
    pub fn load(&self, spec: &str) -> Result<Theme> {
        self.load_relative_to(spec, None)
    }

    /// [`Catalog::load`], with a relative path taken from `dir` (the config's directory, for a
    /// theme the config names) and `~/` from the home directory.
    pub fn load_relative_to(&self, spec: &str, dir: Option<&Path>) -> Result<Theme> {
        if is_path(spec) {
            let path = resolve(spec, dir);
            let text = read_text(&path, MAX_THEME_BYTES)?;
            return Ok(parse_over(&builtin_default(), &text, &path)?);
        }
        if let Some((_, path)) = self.user_themes().into_iter().find(|(n, _)| n == spec) {
            // A user's `light.toml` is a change to `light`, not to `dark` (#10).
            let base = builtin(spec).unwrap_or_else(|| Ok(builtin_default()))?;
            let text = read_text(&path, MAX_THEME_BYTES)?;
            return Ok(parse_over(&base, &text, &path)?);
        }
        if let Some(theme) = builtin(spec) {
            return theme;
        }
        let names: Vec<String> = self.entries().into_iter().map(|e| e.name).collect();
        let spec = crate::text::sanitize(spec);
        let guess = match nearest(&spec, &names) {
            Some(name) => format!(" — did you mean {name:?}?"),
            None => ";".to_string(),
        };
        bail!(
            "no theme named {spec:?}{guess} there are: {} (or give a path to a .toml file)",
            names.join(", ")
        )
    }
    /// `NAME.toml` files in the user's themes directory, by name.
    fn user_themes(&self) -> Vec<(String, PathBuf)> {
        let Some(dir) = &self.user_dir else {
            return Vec::new();
        };
        let Ok(read) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<(String, PathBuf)> = read
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = crate::text::sanitize(path.file_stem()?.to_str()?);
                let is_toml = path.extension()?.eq_ignore_ascii_case("toml");
                (is_toml && path.is_file()).then_some((name, path))
            })
            .collect();
        found.sort();
        found
    }
}

/// The built-in theme called `name`, if there is one.
fn builtin(name: &str) -> Option<Result<Theme>> {
    if name == BUILTIN[0].0 {
        return Some(Ok(builtin_default()));
    }
    let (name, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    let path = format!("themes/{name}.toml");
    Some(parse_over(&builtin_default(), text, Path::new(&path)).map_err(Into::into))
}

/// The name a mistyped `spec` most likely meant (`colourblind`: `colorblind`), if one is
/// close enough to be worth suggesting: a third of its letters wrong, at most (#10).
fn nearest<'a>(spec: &str, names: &'a [String]) -> Option<&'a str> {
    let typed = spec.to_lowercase();
    names
        .iter()
        .map(|name| {
            (
                strsim::damerau_levenshtein(&typed, &name.to_lowercase()),
                name,
            )
        })
        .filter(|(distance, name)| *distance <= (name.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name.as_str())
}

/// Whether a theme is named by path rather than by name.
pub fn is_path(spec: &str) -> bool {
    spec.contains('/') || spec.to_ascii_lowercase().ends_with(".toml")
}

/// `spec` as a path: `~/` from the home directory, a relative path from `dir` when given.
fn resolve(spec: &str, dir: Option<&Path>) -> PathBuf {
    if let Some(rest) = spec.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    let path = PathBuf::from(spec);
    match dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::super::file::blank;
    use super::*;

    #[test]
    fn the_compiled_in_default_is_what_the_parser_makes_of_dark_toml() {
        let (name, text) = BUILTIN[0];
        let parsed = parse_over(&blank(), text, Path::new(&format!("themes/{name}.toml")))
            .expect("the default theme parses");
        assert_eq!(builtin_default(), parsed);
    }

    #[test]
    fn a_near_miss_suggests_the_name_it_missed() {
        let names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(nearest("colourblind", &names), Some("colorblind"));
        assert_eq!(nearest("Dark", &names), Some("dark"));
        assert_eq!(nearest("hi-contrast", &names), Some("high-contrast"));
        assert_eq!(nearest("lihgt", &names), Some("light"));
        assert_eq!(nearest("solarized", &names), None);
        assert_eq!(nearest("x", &names), None);
    }
}
