//! The keys of a theme file. Shared with `build.rs`, which compiles the default theme in, so
//! this file holds nothing but the lists.

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
