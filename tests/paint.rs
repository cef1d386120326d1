//! The first frame is written by `stance::paint`, not by ratatui. A terminal (vt100) must show
//! exactly what ratatui's own backend would have shown for the same frame: every symbol, and
//! every colour and attribute that can be seen. A space's foreground, which cannot be seen, is
//! the one thing allowed to differ.

use std::cell::RefCell;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;
use ratatui::{TerminalOptions, Viewport};

use stance::action::Action;
use stance::app::App;
use stance::debate;
use stance::paint::write_frame;
use stance::theme::{Catalog, Theme};
use stance::ui::View;

/// Bytes written through a backend, kept where the test can read them.
#[derive(Clone, Default)]
struct Written(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What ratatui's crossterm backend writes for `frame` on a blank screen.
fn by_ratatui(frame: &Buffer) -> Vec<u8> {
    let written = Written::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(frame.area),
        },
    )
    .expect("terminal");
    terminal
        .draw(|f| *f.buffer_mut() = frame.clone())
        .expect("draw");
    written.0.take()
}

fn by_paint(frame: &Buffer) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_frame(frame, None, &mut bytes).expect("write");
    bytes
}

fn shown(bytes: &[u8], area: Rect) -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n.max(1)).expect("non-zero");
    let mut parser = vt100::Parser::new(size(area.height), size(area.width), 0);
    parser.process(bytes);
    parser
}

/// How a cell looks: its text and, unless it is an unstyled-looking blank, its style.
fn look(cell: &vt100::Cell) -> (String, Option<String>) {
    let text = cell.contents().to_string();
    let blank = text.trim().is_empty()
        && cell.bgcolor() == vt100::Color::Default
        && !cell.inverse()
        && !cell.underline();
    let style = (!blank).then(|| {
        format!(
            "fg {:?} bg {:?} bold {} dim {} italic {} underline {} inverse {}",
            cell.fgcolor(),
            cell.bgcolor(),
            cell.bold(),
            cell.dim(),
            cell.italic(),
            cell.underline(),
            cell.inverse()
        )
    });
    (if blank { String::new() } else { text }, style)
}

/// The first cell where painting and ratatui's backend make the screen differ, if any.
fn difference(frame: &Buffer) -> Option<String> {
    let area = frame.area;
    let ours = shown(&by_paint(frame), area);
    let theirs = shown(&by_ratatui(frame), area);
    screens_differ(&ours, &theirs, area)
}

/// The first cell where two screens differ, if any.
fn screens_differ(ours: &vt100::Parser, theirs: &vt100::Parser, area: Rect) -> Option<String> {
    for row in 0..area.height {
        for col in 0..area.width {
            let (a, b) = (ours.screen().cell(row, col), theirs.screen().cell(row, col));
            let (a, b) = (a.map(look), b.map(look));
            if a != b {
                return Some(format!("at row {row}, column {col}: {a:?} against {b:?}"));
            }
        }
    }
    None
}

fn frame(app: &App, theme: &Theme) -> Buffer {
    let mut buffer = Buffer::empty(app.area());
    View::new(app, theme).render(app.area(), &mut buffer);
    buffer
}

fn themes() -> Vec<(String, Theme)> {
    let catalog = Catalog::new(None);
    let mut themes: Vec<(String, Theme)> = ["dark", "light", "high-contrast", "colorblind"]
        .into_iter()
        .map(|name| {
            let theme = catalog
                .load_relative_to(name, None)
                .expect("built-in theme");
            (name.to_string(), theme)
        })
        .collect();
    themes.push(("NO_COLOR".into(), Theme::default_theme().without_colour()));
    themes
}

#[test]
fn the_reader_looks_the_same_painted_or_drawn_by_ratatui() {
    let unicode = debate::load_path(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/unicode.toml"),
    )
    .expect("unicode fixture");
    let states: [&[Action]; 4] = [
        &[],
        &[Action::Down, Action::FocusNext, Action::NextSentence],
        &[
            Action::StartSearch,
            Action::SearchInput('c'),
            Action::SearchInput('h'),
        ],
        &[Action::ToggleHelp],
    ];
    let mut checked = 0;
    for (name, theme) in themes() {
        for debate in [debate::builtin(), unicode.clone()] {
            for (width, height) in [(120, 40), (80, 24), (45, 16), (20, 8)] {
                for actions in states {
                    let mut app = App::new(debate.clone(), width, height);
                    for &action in actions {
                        app.update(action);
                    }
                    let frame = frame(&app, &theme);
                    if let Some(d) = difference(&frame) {
                        panic!("{name} theme, {width}×{height}, after {actions:?}: {d}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 2 * 4 * 4);
}

/// vt100, like some terminals, draws an emoji with a skin tone as two emoji, four cells wide:
/// what follows on its row must be drawn after it, as ratatui would, even when its colour was
/// seen first.
#[test]
fn what_a_wide_cluster_spills_over_is_drawn_after_it() {
    let mut frame = Buffer::empty(Rect::new(0, 0, 10, 3));
    let red = Style::new().fg(Color::Red);
    frame.set_string(0, 0, "x", red);
    frame.set_string(0, 1, "🧑🏽", Style::new());
    frame.set_string(2, 1, "ab", red);
    assert_eq!(difference(&frame), None);
}

/// A terminal without an alternate screen still shows the frame and nothing else: the
/// sequence that takes the screen clears it and drops any scrolling region left behind.
#[test]
fn the_frame_covers_a_dirty_screen_without_an_alternate_one() {
    let mut app = App::new(debate::builtin(), 80, 24);
    app.update(Action::Down);
    let frame = frame(&app, &Theme::default_theme());
    let painted = by_paint(&frame);
    let enter = stance::terminal::enter_sequence(true).expect("sequence");
    let alternate = b"\x1b[?1049h";
    let at = enter
        .windows(alternate.len())
        .position(|w| w == alternate)
        .expect("the sequence asks for the alternate screen");
    let mut ignored = enter.clone();
    ignored.drain(at..at + alternate.len());

    let mut dirty = shown(
        b"$ ls\r\nleftover\x1b[4;30Hmore leftover\x1b[4;9r",
        frame.area,
    );
    dirty.process(&ignored);
    dirty.process(&painted);
    let clean = shown(&painted, frame.area);
    assert_eq!(dirty.screen().contents(), clean.screen().contents());
}

/// ratatui carries on from the painted frame: it must take that frame to be on the screen, so
/// that each later draw, a diff, leaves the screen just as a full drawing would.
#[test]
fn ratatui_carries_on_from_the_painted_frame() {
    let theme = Theme::default_theme();
    let mut app = App::new(debate::builtin(), 120, 40);
    let first = frame(&app, &theme);
    let written = Written::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(first.area),
        },
    )
    .expect("terminal");
    let mut screen = shown(&by_paint(&first), first.area);
    assert!(stance::terminal::adopt(&mut terminal, first));
    for action in [
        Action::Down,
        Action::FocusNext,
        Action::NextSentence,
        Action::Bottom,
        Action::ToggleHelp,
        Action::ToggleHelp,
        Action::ToggleStance(debate::Stance::Conflicts),
    ] {
        app.update(action);
        terminal
            .draw(|f| f.render_widget(View::new(&app, &theme), f.area()))
            .expect("draw");
        screen.process(&written.0.take());
        let full = shown(&by_ratatui(&frame(&app, &theme)), app.area());
        if let Some(d) = screens_differ(&screen, &full, app.area()) {
            panic!("after {action:?}: {d}");
        }
    }
}

/// A blank screen stays blank, and the frame says so in no bytes at all.
#[test]
fn a_blank_frame_writes_nothing() {
    let frame = Buffer::empty(Rect::new(0, 0, 80, 24));
    assert!(by_paint(&frame).is_empty());
}

#[test]
fn the_cursor_is_shown_where_asked() {
    let frame = Buffer::empty(Rect::new(0, 0, 10, 3));
    let mut bytes = Vec::new();
    write_frame(&frame, Some(Position::new(4, 2)), &mut bytes).expect("write");
    let parser = shown(&bytes, frame.area);
    assert_eq!(parser.screen().cursor_position(), (2, 4));
    assert!(!parser.screen().hide_cursor());
}

fn colour() -> impl Strategy<Value = Color> {
    use Color::*;
    prop_oneof![
        prop::sample::select(vec![
            Reset,
            Black,
            Red,
            Green,
            Yellow,
            Blue,
            Magenta,
            Cyan,
            Gray,
            DarkGray,
            LightRed,
            LightGreen,
            LightYellow,
            LightBlue,
            LightMagenta,
            LightCyan,
            White,
        ]),
        any::<u8>().prop_map(Color::Indexed),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    (colour(), colour(), any::<u16>()).prop_map(|(fg, bg, bits)| {
        Style::new()
            .fg(fg)
            .bg(bg)
            .add_modifier(Modifier::from_bits_truncate(bits))
    })
}

/// Text as a frame holds it: words, runs of spaces, wide and combining characters. (Not an
/// emoji with a skin tone: vt100 draws it four cells wide where Unicode says two, and where it
/// spills past the last column the screen scrolls, whoever draws it.)
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "word", " ", "   ", "日本", "e\u{301}", "─", "🧑", "│", "x",
        ]),
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    /// Any frame of styled strings, at any place, looks the same both ways.
    #[test]
    fn any_frame_looks_the_same(
        width in 1u16..40,
        height in 1u16..6,
        strings in prop::collection::vec((0u16..40, 0u16..6, text(), style()), 0..12),
    ) {
        let mut frame = Buffer::empty(Rect::new(0, 0, width, height));
        for (x, y, text, style) in strings {
            if x < width && y < height {
                frame.set_stringn(x, y, &text, usize::from(width - x), style);
            }
        }
        // Bold and dim together are two flags to a terminal but one intensity to vt100, which
        // keeps whichever came last; the reader never draws both.
        for cell in &mut frame.content {
            if cell.modifier.contains(Modifier::BOLD) {
                cell.modifier.remove(Modifier::DIM);
            }
        }
        prop_assert_eq!(difference(&frame), None);
    }
}
