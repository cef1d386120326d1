//! Theme files: TOML whose every key is optional, laid over the default theme.

use std::path::Path;

use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

use super::Theme;
use super::keys::{COLOR_NAMES, STANCE_KEYS, UI_KEYS, hex_digits};
use crate::error::FileError;

/// How a colour may be written, for error messages and the README.
pub const COLOR_FORMS: &str = "a name (black, red, green, yellow, blue, magenta, cyan, gray or \
grey, darkgray or darkgrey, lightred, lightgreen, lightyellow, lightblue, lightmagenta, \
lightcyan, white, or reset for the terminal's own), \"#rrggbb\" or \"#rgb\", or a number 0–255";

#[derive(Deserialize, Default)]
#[serde(
    deny_unknown_fields,
    expecting = "a theme: tables [stance], [glyphs] and [ui]"
)]
struct ThemeFile {
    #[serde(default)]
    stance: StanceColors,
    #[serde(default)]
    glyphs: StanceGlyphs,
    #[serde(default)]
    ui: UiColors,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a table of colours by stance")]
struct StanceColors {
    agrees: Option<ThemeColor>,
    conflicts: Option<ThemeColor>,
    mixed: Option<ThemeColor>,
    unrated: Option<ThemeColor>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a table of glyphs by stance")]
struct StanceGlyphs {
    agrees: Option<Glyph>,
    conflicts: Option<Glyph>,
    mixed: Option<Glyph>,
    unrated: Option<Glyph>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a table of colours")]
struct UiColors {
    background: Option<ThemeColor>,
    text: Option<ThemeColor>,
    muted: Option<ThemeColor>,
    headline: Option<ThemeColor>,
    selection_bg: Option<ThemeColor>,
    focused_border: Option<ThemeColor>,
    unfocused_border: Option<ThemeColor>,
    status_fg: Option<ThemeColor>,
    status_bg: Option<ThemeColor>,
    key: Option<ThemeColor>,
    match_fg: Option<ThemeColor>,
    match_bg: Option<ThemeColor>,
    picked_bg: Option<ThemeColor>,
    error: Option<ThemeColor>,
    help_fg: Option<ThemeColor>,
    help_bg: Option<ThemeColor>,
}

/// The theme `text` describes, with what it leaves out taken from `base`. `path` names it in
/// errors.
pub(super) fn parse_over(base: &Theme, text: &str, path: &Path) -> Result<Theme, FileError> {
    let file: ThemeFile = toml::from_str(text).map_err(|e| FileError::from_toml(&e, text, path))?;
    let mut t = base.clone();
    let set = |slot: &mut Color, value: Option<ThemeColor>| {
        if let Some(ThemeColor(c)) = value {
            *slot = c;
        }
    };
    let s = file.stance;
    for (i, value) in [s.agrees, s.conflicts, s.mixed, s.unrated]
        .into_iter()
        .enumerate()
    {
        set(&mut t.stance[i], value);
    }
    let g = file.glyphs;
    for (i, value) in [g.agrees, g.conflicts, g.mixed, g.unrated]
        .into_iter()
        .enumerate()
    {
        if let Some(Glyph(glyph)) = value {
            t.glyphs[i] = glyph;
        }
    }
    let u = file.ui;
    set(&mut t.background, u.background);
    set(&mut t.text, u.text);
    set(&mut t.muted, u.muted);
    set(&mut t.headline, u.headline);
    set(&mut t.selection_bg, u.selection_bg);
    set(&mut t.focused_border, u.focused_border);
    set(&mut t.unfocused_border, u.unfocused_border);
    set(&mut t.status_fg, u.status_fg);
    set(&mut t.status_bg, u.status_bg);
    set(&mut t.key, u.key);
    set(&mut t.match_fg, u.match_fg);
    set(&mut t.match_bg, u.match_bg);
    set(&mut t.picked_bg, u.picked_bg);
    set(&mut t.error, u.error);
    set(&mut t.help_fg, u.help_fg);
    set(&mut t.help_bg, u.help_bg);
    Ok(t)
}

/// A theme with every colour the terminal's own: what the default theme is laid over (what it
/// leaves out is an error caught by a test), and the base of the colourless theme.
pub(super) fn blank() -> Theme {
    let r = Color::Reset;
    Theme {
        stance: [r; 4],
        glyphs: ["+", "−", "±", "·"].map(String::from),
        background: r,
        text: r,
        muted: r,
        headline: r,
        selection_bg: r,
        focused_border: r,
        unfocused_border: r,
        status_fg: r,
        status_bg: r,
        key: r,
        match_fg: r,
        match_bg: r,
        picked_bg: r,
        error: r,
        help_fg: r,
        help_bg: r,
        monochrome: false,
    }
}

/// Every key a complete theme sets, as `section.key`: the default theme must set them all.
pub fn keys() -> Vec<String> {
    let sections: [(&str, &[&str]); 3] = [
        ("stance", &STANCE_KEYS),
        ("glyphs", &STANCE_KEYS),
        ("ui", &UI_KEYS),
    ];
    sections
        .iter()
        .flat_map(|(section, keys)| keys.iter().map(move |k| format!("{section}.{k}")))
        .collect()
}

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
                    serde::de::Error::custom(format!(
                        "colour {n} is out of range: use {COLOR_FORMS}"
                    ))
                }),
            Raw::Text(s) => parse_color(&s).map(ThemeColor).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown colour {s:?}: use {COLOR_FORMS}"))
            }),
        }
    }
}

pub(super) fn parse_color(s: &str) -> Option<Color> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        let n = u32::from_str_radix(&hex_digits(hex)?, 16).ok()?;
        return Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse::<u8>().ok().map(Color::Indexed);
    }
    COLOR_NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .and_then(|(_, variant)| variant.parse().ok())
}

/// A stance glyph: one visible character, one cell wide, so list columns line up; and not a
/// key's name, so the status bar's counts cannot be read as hints (#10).
struct Glyph(String);

impl<'de> Deserialize<'de> for Glyph {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d).map_err(|_| {
            serde::de::Error::custom("a glyph must be a string of one visible character")
        })?;
        let clean = crate::text::sanitize(&s);
        if clean != s || s.trim().is_empty() || crate::text::width(&s) != 1 {
            return Err(serde::de::Error::custom(format!(
                "a glyph must be one visible character, one cell wide; got {s:?}"
            )));
        }
        // One cell to ratatui is not enough: the terminal must think so too (#14).
        if !crate::cells::is_one_agreed_cell(&s) {
            return Err(serde::de::Error::custom(format!(
                "a glyph must be one cell wide in every terminal, and terminals disagree on \
                 the width of {s:?}"
            )));
        }
        if let Some(binding) = crate::keymap::binding_labelled(&s) {
            return Err(serde::de::Error::custom(format!(
                "a glyph must not be a key's name, and {s:?} is the key for {:?}",
                binding.help
            )));
        }
        Ok(Glyph(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_name_means_a_colour() {
        for (name, variant) in COLOR_NAMES {
            let colour = parse_color(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(format!("{colour:?}"), variant, "{name}");
        }
    }

    #[test]
    fn hex_is_six_digits_or_three() {
        assert_eq!(parse_color("#123"), Some(Color::Rgb(0x11, 0x22, 0x33)));
        assert_eq!(parse_color("#ABCDEF"), Some(Color::Rgb(0xab, 0xcd, 0xef)));
        for bad in ["#12", "#1234", "#12345", "#1234567", "#xyz", "#+12"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }
}
