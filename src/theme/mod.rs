//! Colours and glyphs by meaning. Widgets ask the theme what a thing means (`stance`,
//! `selected`, `border`) and never pick a colour themselves.

mod catalog;
mod depth;
mod file;
mod keys;

use ratatui::style::{Color, Modifier, Style};

use crate::debate::Stance;

pub use catalog::{BUILTIN, Catalog, Origin, ThemeEntry};
pub use depth::ColorDepth;
pub use file::{COLOR_FORMS, keys};

/// Every colour and glyph that carries meaning. Built from the default theme, with a chosen
/// theme's keys laid over it.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    stance: [Color; 4],
    glyphs: [String; 4],
    background: Color,
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
    help_fg: Color,
    help_bg: Color,
    /// No colour at all (`NO_COLOR`): meaning is carried by glyphs, words and attributes.
    monochrome: bool,
}

impl Theme {
    /// The default theme, `dark`.
    pub fn default_theme() -> Theme {
        catalog::builtin_default()
    }

    /// This theme with every colour removed, for `NO_COLOR`. The glyphs stay; selection and
    /// matches are shown in reverse video, the picked sentence underlined, focus by a thick
    /// border.
    pub fn without_colour(&self) -> Theme {
        Theme {
            glyphs: self.glyphs.clone(),
            monochrome: true,
            ..file::blank()
        }
    }

    /// This theme with every colour the nearest that `depth` can show (#10).
    pub fn for_depth(&self, depth: ColorDepth) -> Theme {
        let fit = |c: Color| depth.fit(c);
        Theme {
            stance: self.stance.map(fit),
            glyphs: self.glyphs.clone(),
            background: fit(self.background),
            text: fit(self.text),
            muted: fit(self.muted),
            headline: fit(self.headline),
            selection_bg: fit(self.selection_bg),
            focused_border: fit(self.focused_border),
            unfocused_border: fit(self.unfocused_border),
            status_fg: fit(self.status_fg),
            status_bg: fit(self.status_bg),
            key: fit(self.key),
            match_fg: fit(self.match_fg),
            match_bg: fit(self.match_bg),
            picked_bg: fit(self.picked_bg),
            error: fit(self.error),
            help_fg: fit(self.help_fg),
            help_bg: fit(self.help_bg),
            monochrome: self.monochrome,
        }
    }

    pub fn is_monochrome(&self) -> bool {
        self.monochrome
    }

    /// The colour that means `stance`.
    pub fn stance(&self, stance: Stance) -> Style {
        Style::new().fg(self.stance[stance.index()])
    }

    /// The one-cell glyph that goes with `stance` wherever its colour does.
    pub fn glyph(&self, stance: Stance) -> &str {
        &self.glyphs[stance.index()]
    }

    /// The selected row of a list, in reverse video: a bar of its stance colour, with its
    /// text in `selection_bg`, in bold. A background a shade off the screen's was too faint
    /// to find (contrast 1.3 to 1.9 in the built-in themes, #10); the bar stands out in every
    /// theme, at every colour depth, and without colour.
    pub fn selected(&self, stance: Stance) -> Style {
        self.stance(stance)
            .bg(self.selection_bg)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// The whole screen's background (`reset`: the terminal's own).
    pub fn background(&self) -> Style {
        Style::new().bg(self.background)
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

    /// A pane's border: the focused pane's stands out in its own colour and in bold, which
    /// most terminals draw brighter (it is also drawn thick; thickness alone was too little
    /// to tell, #10).
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::new()
                .fg(self.focused_border)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(self.unfocused_border)
        }
    }

    pub fn status(&self) -> Style {
        Style::new().fg(self.status_fg).bg(self.status_bg)
    }

    /// Text that matches the search: also bold, so it shows without colour.
    pub fn search_match(&self) -> Style {
        let style = Style::new()
            .fg(self.match_fg)
            .bg(self.match_bg)
            .add_modifier(Modifier::BOLD);
        self.reversed_if_monochrome(style)
    }

    /// A search match inside the selected row, which is in reverse video. In colour the
    /// match is reversed with it (a dark mark in a bright bar, or the other way) and
    /// underlined, so that it shows even where the bar and the match share a colour. Without
    /// colour, reversing the match again would hide it: it is underlined instead.
    pub fn search_match_selected(&self) -> Style {
        if self.monochrome {
            Style::new()
                .remove_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            self.search_match().add_modifier(Modifier::UNDERLINED)
        }
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

    /// The help overlay's text and background.
    pub fn help(&self) -> Style {
        Style::new().fg(self.help_fg).bg(self.help_bg)
    }

    fn reversed_if_monochrome(&self, style: Style) -> Style {
        if self.monochrome {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        }
    }
}
