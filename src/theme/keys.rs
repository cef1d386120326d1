//! The keys and colour names of a theme file. Shared with `build.rs`, which compiles the
//! default theme in, so this file holds nothing but the lists.

/// The keys of `[stance]` and `[glyphs]`, in the order of the theme's arrays.
pub const STANCE_KEYS: [&str; 4] = ["agrees", "conflicts", "mixed", "unrated"];

/// The keys of `[ui]`; each is the theme's field of the same name.
pub const UI_KEYS: [&str; 16] = [
    "background",
    "text",
    "muted",
    "headline",
    "selection_bg",
    "focused_border",
    "unfocused_border",
    "status_fg",
    "status_bg",
    "key",
    "match_fg",
    "match_bg",
    "picked_bg",
    "error",
    "help_fg",
    "help_bg",
];

/// The colour names a theme may use, each with the `ratatui::style::Color` variant it means:
/// the terminal's sixteen, and its default. Both spellings of grey are accepted (#10).
pub const COLOR_NAMES: [(&str, &str); 19] = [
    ("black", "Black"),
    ("red", "Red"),
    ("green", "Green"),
    ("yellow", "Yellow"),
    ("blue", "Blue"),
    ("magenta", "Magenta"),
    ("cyan", "Cyan"),
    ("gray", "Gray"),
    ("grey", "Gray"),
    ("darkgray", "DarkGray"),
    ("darkgrey", "DarkGray"),
    ("lightred", "LightRed"),
    ("lightgreen", "LightGreen"),
    ("lightyellow", "LightYellow"),
    ("lightblue", "LightBlue"),
    ("lightmagenta", "LightMagenta"),
    ("lightcyan", "LightCyan"),
    ("white", "White"),
    ("reset", "Reset"),
];

/// The six hex digits of `#rrggbb`, or of the short form `#rgb` (each digit doubled, as in
/// CSS, #10).
pub fn hex_digits(hex: &str) -> Option<String> {
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(hex.to_string()),
        3 => Some(hex.chars().flat_map(|c| [c, c]).collect()),
        _ => None,
    }
}
