//! The help overlay's text, generated from the keymap so it cannot go stale.

use crate::keymap::{self, Mode};
use crate::text;

/// The sections of the help: a heading (none for the first) and the mode whose keys it lists.
const SECTIONS: [(&str, Mode); 4] = [
    ("", Mode::Normal),
    ("In the search prompt (other keys type):", Mode::Search),
    (
        "Writing a note (e; other keys type, and edit as in the search prompt):",
        Mode::Note,
    ),
    (
        "In the debates picker (o; other keys type, and edit as in the search prompt):",
        Mode::Picker,
    ),
];

const FOOTER: &str = "Esc or ? closes this help; j/k scroll it.";

/// The width of the keys column: the widest keys, and two spaces.
fn key_width() -> usize {
    SECTIONS
        .iter()
        .flat_map(|(_, mode)| keymap::help_rows(*mode))
        .map(|(keys, _)| text::width(&keys))
        .max()
        .unwrap_or(0)
        + 2
}

/// The help's lines at `width` columns: the keys in one column and what they do beside them,
/// wrapped, section by section, then how to close it.
pub fn help_lines(width: usize) -> Vec<(String, String)> {
    let key_width = key_width();
    let mut lines = Vec::new();
    for (heading, mode) in SECTIONS {
        if !heading.is_empty() {
            lines.push((String::new(), String::new()));
            for part in text::wrap(heading, width.max(1)) {
                lines.push((String::new(), part));
            }
        }
        for (keys, help) in keymap::help_rows(mode) {
            let pad = key_width.saturating_sub(text::width(&keys));
            let mut first = Some(format!("{keys}{}", " ".repeat(pad)));
            for part in text::wrap(help, width.saturating_sub(key_width).max(1)) {
                let keys = first.take().unwrap_or_else(|| " ".repeat(key_width));
                lines.push((keys, part));
            }
        }
    }
    lines.push((String::new(), String::new()));
    for part in text::wrap(FOOTER, width.max(1)) {
        lines.push((String::new(), part));
    }
    lines
}

/// The widest line of the help when nothing needs wrapping.
pub fn natural_width() -> usize {
    let key_width = key_width();
    SECTIONS
        .iter()
        .flat_map(|(heading, mode)| {
            keymap::help_rows(*mode)
                .into_iter()
                .map(move |(_, help)| key_width + text::width(help))
                .chain([text::width(heading)])
        })
        .chain([text::width(FOOTER)])
        .max()
        .unwrap_or(0)
}
