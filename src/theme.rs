//! Colours and glyphs by meaning. Widgets ask the theme what a thing means (`stance`,
//! `selected`, `border`) and never pick a colour themselves.

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Deserializer};

use crate::debate::{FileError, Stance};

pub const DARK_NAME: &str = "themes/dark.toml";
pub const DARK_TOML: &str = include_str!("../themes/dark.toml");

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    stance: [Color; 4],
    glyphs: [String; 4],
    text: Color,
    muted: Color,
    headline: Color,
    selection_bg: Color,
    focused_border: Color,
    unfocused_border: Color,
    status_fg: Color,
    status_bg: Color,
    key: Color,
    match_fg: Color,
    match_bg: Color,
    picked_bg: Color,
    error: Color,
}

impl Theme {
    /// The built-in dark theme.
    pub fn dark() -> Result<Theme, FileError> {
        Theme::parse(DARK_TOML, Path::new(DARK_NAME))
    }

    /// Parses a complete theme; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Theme, FileError> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| FileError::from_toml(&e, text, path))?;
        let s = file.stance;
        let g = file.glyphs;
        let u = file.ui;
        Ok(Theme {
            stance: [s.agrees.0, s.conflicts.0, s.mixed.0, s.unrated.0],
            glyphs: [g.agrees.0, g.conflicts.0, g.mixed.0, g.unrated.0],
            text: u.text.0,
            muted: u.muted.0,
            headline: u.headline.0,
            selection_bg: u.selection_bg.0,
            focused_border: u.focused_border.0,
            unfocused_border: u.unfocused_border.0,
            status_fg: u.status_fg.0,
            status_bg: u.status_bg.0,
            key: u.key.0,
            match_fg: u.match_fg.0,
            match_bg: u.match_bg.0,
            picked_bg: u.picked_bg.0,
            error: u.error.0,
        })
    }

    /// The colour that means `stance`.
    pub fn stance(&self, stance: Stance) -> Style {
        Style::new().fg(self.stance[stance.index()])
    }

    /// The one-cell glyph that goes with `stance` wherever its colour does.
    pub fn glyph(&self, stance: Stance) -> &str {
        &self.glyphs[stance.index()]
    }

    /// The selected row of a list: its stance colour on the selection background, in bold.
    pub fn selected(&self, stance: Stance) -> Style {
        self.stance(stance)
            .bg(self.selection_bg)
            .add_modifier(Modifier::BOLD)
    }

    pub fn text(&self) -> Style {
        Style::new().fg(self.text)
    }

    pub fn muted(&self) -> Style {
        Style::new().fg(self.muted)
    }

    pub fn headline(&self) -> Style {
        Style::new().fg(self.headline).add_modifier(Modifier::BOLD)
    }

    pub fn note(&self) -> Style {
        self.muted().add_modifier(Modifier::ITALIC)
    }

    /// A pane's border: the focused pane's stands out (its border is also drawn thick, so
    /// focus does not rest on colour alone).
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::new().fg(self.focused_border)
        } else {
            Style::new().fg(self.unfocused_border)
        }
    }

    pub fn status(&self) -> Style {
        Style::new().fg(self.status_fg).bg(self.status_bg)
    }

    /// Text that matches the search: also bold, so it shows without colour.
    pub fn search_match(&self) -> Style {
        Style::new()
            .fg(self.match_fg)
            .bg(self.match_bg)
            .add_modifier(Modifier::BOLD)
    }

    /// The sentence picked for copying: also underlined, so it shows without colour.
    pub fn picked(&self) -> Style {
        Style::new()
            .bg(self.picked_bg)
            .add_modifier(Modifier::UNDERLINED)
    }

    /// A status-bar message about something that went wrong.
    pub fn error(&self) -> Style {
        Style::new().fg(self.error).add_modifier(Modifier::BOLD)
    }

    /// A key's name in the hints and the help.
    pub fn key(&self) -> Style {
        Style::new().fg(self.key).add_modifier(Modifier::BOLD)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    stance: StanceColors,
    glyphs: StanceGlyphs,
    ui: UiColors,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StanceColors {
    agrees: ThemeColor,
    conflicts: ThemeColor,
    mixed: ThemeColor,
    unrated: ThemeColor,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StanceGlyphs {
    agrees: Glyph,
    conflicts: Glyph,
    mixed: Glyph,
    unrated: Glyph,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UiColors {
    text: ThemeColor,
    muted: ThemeColor,
    headline: ThemeColor,
    selection_bg: ThemeColor,
    focused_border: ThemeColor,
    unfocused_border: ThemeColor,
    status_fg: ThemeColor,
    status_bg: ThemeColor,
    key: ThemeColor,
    match_fg: ThemeColor,
    match_bg: ThemeColor,
    picked_bg: ThemeColor,
    error: ThemeColor,
}

const COLOR_FORMS: &str = "a name (red, lightblue, reset, …), \"#rrggbb\", or a number 0–255";

/// A colour as a theme writes it.
struct ThemeColor(Color);

impl<'de> Deserialize<'de> for ThemeColor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Index(i64),
            Text(String),
        }
        let raw = Raw::deserialize(d)
            .map_err(|_| serde::de::Error::custom(format!("expected a colour: {COLOR_FORMS}")))?;
        match raw {
            Raw::Index(n) => u8::try_from(n)
                .map(|n| ThemeColor(Color::Indexed(n)))
                .map_err(|_| {
                    serde::de::Error::custom(format!("colour {n} is out of range: {COLOR_FORMS}"))
                }),
            Raw::Text(s) => parse_color(&s).map(ThemeColor).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown colour {s:?}: use {COLOR_FORMS}"))
            }),
        }
    }
}

fn parse_color(s: &str) -> Option<Color> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let n = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse::<u8>().ok().map(Color::Indexed);
    }
    s.parse::<Color>().ok()
}

/// A stance glyph: one visible character, one cell wide, so list columns line up.
struct Glyph(String);

impl<'de> Deserialize<'de> for Glyph {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let clean = crate::text::sanitize(&s);
        if clean != s || crate::text::width(&s) != 1 {
            return Err(serde::de::Error::custom(format!(
                "a glyph must be one visible character, one cell wide; got {s:?}"
            )));
        }
        Ok(Glyph(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_theme_loads() {
        let t = Theme::dark().expect("dark theme");
        assert_eq!(t.glyph(Stance::Agrees), "+");
        assert_ne!(t.stance(Stance::Agrees), t.stance(Stance::Conflicts));
    }

    #[test]
    fn colours_take_names_hex_and_indexes() {
        assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("lightblue"), Some(Color::LightBlue));
        assert_eq!(parse_color("208"), Some(Color::Indexed(208)));
        assert_eq!(parse_color("256"), None);
        assert_eq!(parse_color("#ff80"), None);
        assert_eq!(parse_color("mauve"), None);
    }

    #[test]
    fn a_bad_colour_names_the_line_and_the_forms() {
        let text = DARK_TOML.replace("agrees = \"#5fd787\"", "agrees = \"mauve\"");
        let e = Theme::parse(&text, Path::new("t.toml")).expect_err("mauve is no colour");
        let line = text
            .lines()
            .position(|l| l.contains("mauve"))
            .expect("line")
            + 1;
        assert_eq!(e.position.map(|p| p.0), Some(line));
        assert!(e.message.contains("\"mauve\""), "{e}");
        assert!(e.message.contains("#rrggbb"), "{e}");
    }

    #[test]
    fn a_wide_glyph_is_refused() {
        let text = DARK_TOML.replace("agrees = \"+\"", "agrees = \"日\"");
        assert!(Theme::parse(&text, Path::new("t.toml")).is_err());
    }
}
