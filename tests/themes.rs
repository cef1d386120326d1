//! Themes and configuration: the shipped themes, user themes and config in a temporary
//! `XDG_CONFIG_HOME`, fixtures that must fail with a given message, and `NO_COLOR`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use stance::action::Action;
use stance::app::App;
use stance::debate::{self, Stance};
use stance::theme::{BUILTIN, Catalog, ColorDepth, Theme};
use stance::ui::View;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A fresh directory to serve as `XDG_CONFIG_HOME`.
fn config_home(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("config-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("stance/themes")).expect("config dir");
    dir
}

fn stance_with_config(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .output()
        .expect("run stance")
}

#[test]
fn every_shipped_theme_loads_and_they_all_differ() {
    let catalog = Catalog::new(None);
    let themes: Vec<Theme> = BUILTIN
        .iter()
        .map(|(name, _)| {
            catalog
                .load(name)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"))
        })
        .collect();
    for (i, a) in themes.iter().enumerate() {
        for (j, b) in themes.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "{} and {} are the same", BUILTIN[i].0, BUILTIN[j].0);
        }
        let stances: Vec<_> = Stance::ALL.iter().map(|&s| a.stance(s)).collect();
        let glyphs: Vec<_> = Stance::ALL.iter().map(|&s| a.glyph(s)).collect();
        for k in 0..4 {
            for l in k + 1..4 {
                assert_ne!(
                    stances[k], stances[l],
                    "{}: two stances share a colour",
                    BUILTIN[i].0
                );
                assert_ne!(
                    glyphs[k], glyphs[l],
                    "{}: two stances share a glyph",
                    BUILTIN[i].0
                );
            }
        }
    }
}

#[test]
fn the_default_theme_sets_every_key() {
    let table: toml::Table = toml::from_str(BUILTIN[0].1).expect("dark.toml");
    for key in stance::theme::keys() {
        let (section, name) = key.split_once('.').expect("section.key");
        assert!(
            table.get(section).and_then(|s| s.get(name)).is_some(),
            "dark.toml lacks {key}"
        );
    }
}

#[test]
fn the_readme_documents_every_theme_key_and_setting() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    for key in stance::theme::keys() {
        let (_, name) = key.split_once('.').expect("section.key");
        assert!(
            readme.contains(&format!("`{name}`")),
            "README lacks theme key {key}"
        );
    }
    for setting in ["theme", "mouse", "color"] {
        assert!(
            readme.contains(&format!("`{setting}`")),
            "README lacks setting {setting}"
        );
    }
}

/// Relative luminance (WCAG) of an RGB colour.
fn luminance(c: Color) -> f64 {
    let Color::Rgb(r, g, b) = c else {
        panic!("{c:?} is not RGB")
    };
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

#[test]
fn colorblind_agrees_and_conflicts_differ_in_lightness_too() {
    let theme = Catalog::new(None).load("colorblind").expect("colorblind");
    let agrees = luminance(theme.stance(Stance::Agrees).fg.expect("fg"));
    let conflicts = luminance(theme.stance(Stance::Conflicts).fg.expect("fg"));
    // A contrast ratio that survives losing hue altogether.
    let ratio = (agrees.max(conflicts) + 0.05) / (agrees.min(conflicts) + 0.05);
    assert!(ratio >= 1.5, "contrast ratio {ratio:.2}");
}

#[test]
fn a_partial_theme_takes_the_rest_from_the_default() {
    let catalog = Catalog::new(None);
    let path = fixture("themes/partial.toml");
    let partial = catalog.load(&path.display().to_string()).expect("partial");
    let dark = Theme::default_theme();
    assert_eq!(
        partial.stance(Stance::Agrees).fg,
        Some(Color::Rgb(0, 255, 0))
    );
    assert_eq!(
        partial.stance(Stance::Conflicts),
        dark.stance(Stance::Conflicts)
    );
    assert_eq!(partial.border(true), dark.border(true));
    assert_eq!(partial.glyph(Stance::Mixed), dark.glyph(Stance::Mixed));
}

#[test]
fn broken_themes_name_the_file_position_and_what_is_wrong() {
    let forms = stance::theme::COLOR_FORMS;
    let cases = [
        ("unknown-colour.toml", ":2:10: ", "unknown colour \"mauve\""),
        ("out-of-range.toml", ":2:10: ", "colour 300 is out of range"),
        ("short-hex.toml", ":2:12: ", "unknown colour \"#ff00\""),
        ("unknown-key.toml", ":2:1: ", "unknown field `backdrop`"),
        ("unknown-section.toml", ":1:2: ", "unknown field `stanse`"),
        ("wide-glyph.toml", ":2:10: ", "one cell wide; got \"OK\""),
        // Unassigned: one cell to ratatui, none to the C library and tmux (#14).
        (
            "disputed-glyph.toml",
            ":2:10: ",
            "one cell wide in every terminal, and terminals disagree on the width of \"\\u{378}\"",
        ),
        // One cell to ratatui, two to tmux: now measured as two.
        (
            "indic-glyph.toml",
            ":2:10: ",
            "one cell wide; got \"க\\u{bbe}\"",
        ),
        ("not-toml.toml", ":1:8: ", "unclosed table"),
        (
            "key-glyph.toml",
            ":2:11: ",
            "a glyph must not be a key's name, and \"?\" is the key for \"this help\"",
        ),
    ];
    let home = config_home("broken-themes");
    for (name, position, message) in cases {
        let path = fixture(&format!("themes/invalid/{name}"))
            .display()
            .to_string();
        let out = stance_with_config(&home, &["--theme", &path]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("stance: {path}{position}")),
            "{name}: {err}"
        );
        assert!(err.contains(message), "{name}: {message:?} in {err}");
        if message.contains("colour") {
            assert!(err.contains(forms), "{name}: the accepted forms in {err}");
        }
        assert!(
            out.stdout.is_empty(),
            "{name}: the terminal was not touched"
        );
    }
}

#[test]
fn broken_configs_name_the_file_position_and_what_is_wrong() {
    let cases = [
        (
            "unknown-key.toml",
            ":3:1: ",
            "unknown field `pager`, expected one of `theme`, `mouse`, `color`, `colour`",
        ),
        (
            "wrong-type.toml",
            ":1:9: ",
            "invalid type: string \"yes\", expected a boolean",
        ),
        ("not-toml.toml", ":1:9: ", "string values must be quoted"),
    ];
    for (name, position, message) in cases {
        let home = config_home(&format!("broken-config-{name}"));
        let config = home.join("stance/config.toml");
        std::fs::copy(fixture(&format!("config/invalid/{name}")), &config).expect("copy");
        let out = stance_with_config(&home, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("stance: {}{position}", config.display())),
            "{name}: {err}"
        );
        assert!(err.contains(message), "{name}: {message:?} in {err}");
    }
}

#[test]
fn an_unknown_theme_name_lists_what_exists() {
    let home = config_home("unknown-name");
    std::fs::write(
        home.join("stance/themes/mine.toml"),
        "[stance]\nagrees = \"blue\"\n",
    )
    .expect("theme");
    let out = stance_with_config(&home, &["--theme", "solarized"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no theme named \"solarized\""), "{err}");
    for name in ["dark", "light", "high-contrast", "colorblind", "mine"] {
        assert!(err.contains(name), "{name} in {err}");
    }
}

#[test]
fn a_bad_theme_in_the_config_says_where_it_was_set() {
    let home = config_home("config-theme");
    std::fs::write(home.join("stance/config.toml"), "theme = \"nope\"\n").expect("config");
    let out = stance_with_config(&home, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no theme named \"nope\""), "{err}");
    assert!(err.contains("config.toml"), "{err}");
}

#[test]
fn list_themes_shows_user_themes_and_marks_the_active_one() {
    let home = config_home("list");
    std::fs::write(
        home.join("stance/themes/mine.toml"),
        "[stance]\nagrees = \"blue\"\n",
    )
    .expect("theme");
    std::fs::write(
        home.join("stance/themes/light.toml"),
        "[ui]\ntext = \"black\"\n",
    )
    .expect("theme");
    std::fs::write(home.join("stance/config.toml"), "theme = \"mine\"\n").expect("config");
    let out = stance_with_config(&home, &["--list-themes"]);
    assert!(out.status.success());
    let list = String::from_utf8_lossy(&out.stdout);
    let line = |name: &str| {
        list.lines()
            .find(|l| l[2..].starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in {list}"))
            .to_string()
    };
    assert!(
        line("mine").starts_with("* "),
        "the config's theme is active: {list}"
    );
    assert!(line("dark").starts_with("  "), "{list}");
    assert!(line("dark").contains("built-in"), "{list}");
    assert!(line("light").contains("replaces the built-in"), "{list}");
    // The command line wins over the config.
    let out = stance_with_config(&home, &["--list-themes", "--theme", "colorblind"]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.lines().any(|l| l.starts_with("* colorblind")),
        "{list}"
    );
}

#[test]
fn a_user_theme_with_a_builtin_name_wins() {
    let dir = config_home("shadow").join("stance/themes");
    std::fs::write(dir.join("light.toml"), "[stance]\nagrees = \"#123456\"\n").expect("theme");
    let theme = Catalog::new(Some(dir)).load("light").expect("light");
    assert_eq!(
        theme.stance(Stance::Agrees).fg,
        Some(Color::Rgb(0x12, 0x34, 0x56))
    );
}

#[test]
fn without_colour_no_cell_has_a_colour_and_meaning_survives() {
    let theme = Theme::default_theme().without_colour();
    let mut app = App::new(debate::builtin(), 120, 40);
    app.update(Action::StartSearch);
    for c in "china".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchAccept);
    app.update(Action::NextSentence);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    terminal
        .draw(|f| f.render_widget(View::new(&app, &theme), f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    // The selected row is still marked: a marker and reverse video.
    let row = (0..40)
        .find(|&y| {
            (0..120)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains("▶")
        })
        .expect("a selected row");
    let x = (0..120)
        .find(|&x| buf[(x, row)].symbol() == "▶")
        .expect("marker");
    assert!(buf[(x + 5, row)].modifier.contains(Modifier::REVERSED));
    // Matches are reversed, the picked sentence underlined.
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED | Modifier::BOLD))
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::UNDERLINED))
    );
}

#[test]
fn list_themes_refuses_a_theme_that_does_not_work() {
    let home = config_home("list-bad");
    let out = stance_with_config(&home, &["--list-themes", "--theme", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let bad = fixture("themes/invalid/unknown-colour.toml")
        .display()
        .to_string();
    // --print draws no colour: a broken theme is named in a warning, and the debate printed
    // all the same (#10).
    let out = stance_with_config(&home, &["--print", "--theme", &bad]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("unknown-colour.toml:2:10"),
        "{err}"
    );
    assert!(!out.stdout.is_empty());
}

#[test]
fn a_relative_theme_path_in_the_config_is_taken_from_the_config_directory() {
    let home = config_home("relative");
    std::fs::write(
        home.join("stance/themes/mine.toml"),
        "[stance]\nagrees = \"blue\"\n",
    )
    .expect("theme");
    std::fs::write(
        home.join("stance/config.toml"),
        "theme = \"themes/mine.toml\"\n",
    )
    .expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(["--list-themes"])
        .env("XDG_CONFIG_HOME", &home)
        .current_dir("/")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn without_colour_a_match_in_the_selected_row_is_underlined_not_reversed_away() {
    let theme = Theme::default_theme().without_colour();
    let style = theme
        .selected(Stance::Agrees)
        .patch(theme.search_match_selected());
    assert!(
        !style.add_modifier.contains(Modifier::REVERSED)
            || style.sub_modifier.contains(Modifier::REVERSED)
    );
    assert!(style.add_modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn colour_names_are_the_terminal_sixteen_and_reset() {
    let home = config_home("names");
    for (name, ok) in [
        ("lightblue", true),
        ("LightBlue", true),
        ("reset", true),
        ("grey", true),
        ("darkgrey", true),
        ("DarkGrey", true),
        ("light-blue", false),
        ("silver", false),
    ] {
        let path = home.join(format!("{name}.toml"));
        std::fs::write(&path, format!("[stance]\nagrees = \"{name}\"\n")).expect("theme");
        let loaded = Catalog::new(None).load(&path.display().to_string());
        assert_eq!(loaded.is_ok(), ok, "{name}: {:?}", loaded.err());
    }
}

/// A colour as the theme file `agrees = VALUE` makes it.
fn agrees_colour(home: &Path, name: &str, value: &str) -> Color {
    let path = home.join(format!("{name}.toml"));
    std::fs::write(&path, format!("[stance]\nagrees = {value}\n")).expect("theme");
    let theme = Catalog::new(None)
        .load(&path.display().to_string())
        .unwrap_or_else(|e| panic!("{value}: {e:#}"));
    theme.stance(Stance::Agrees).fg.expect("a colour")
}

#[test]
fn grey_is_gray_and_short_hex_doubles_each_digit() {
    // #10: both spellings, and CSS's #rgb.
    let home = config_home("spellings");
    assert_eq!(agrees_colour(&home, "grey", "\"grey\""), Color::Gray);
    assert_eq!(
        agrees_colour(&home, "darkgrey", "\"darkgrey\""),
        Color::DarkGray
    );
    assert_eq!(
        agrees_colour(&home, "short", "\"#a1f\""),
        Color::Rgb(0xaa, 0x11, 0xff)
    );
    assert_eq!(
        agrees_colour(&home, "long", "\"#a1f0c3\""),
        Color::Rgb(0xa1, 0xf0, 0xc3)
    );
}

#[test]
fn a_mistyped_theme_name_suggests_the_nearest_one() {
    let home = config_home("near-miss");
    let out = stance_with_config(&home, &["--theme", "colourblind"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end(),
        "stance: no theme named \"colourblind\" — did you mean \"colorblind\"? there are: dark, \
         light, high-contrast, colorblind (or give a path to a .toml file)"
    );
}

#[test]
fn a_user_theme_named_like_a_builtin_takes_its_missing_keys_from_that_builtin() {
    let dir = config_home("shadow-base").join("stance/themes");
    std::fs::write(dir.join("light.toml"), "[stance]\nagrees = \"#123456\"\n").expect("theme");
    let mine = Catalog::new(Some(dir)).load("light").expect("light");
    let light = Catalog::new(None).load("light").expect("built-in light");
    assert_ne!(
        light.text(),
        Theme::default_theme().text(),
        "light differs from dark"
    );
    assert_eq!(mine.text(), light.text());
    assert_eq!(mine.border(true), light.border(true));
    assert_eq!(mine.selected(Stance::Mixed), light.selected(Stance::Mixed));
    assert_eq!(
        mine.stance(Stance::Conflicts),
        light.stance(Stance::Conflicts)
    );
}

#[test]
fn no_shipped_glyph_is_the_name_of_a_key() {
    // #10: high-contrast's unrated `?` stood beside `? help` in the status bar. Every key of
    // every mode, as help and hints write it, straight from the keymap table.
    use stance::keymap::{Mode, bindings};
    let labels: Vec<String> = Mode::ALL
        .into_iter()
        .flat_map(bindings)
        .flat_map(|b| b.keys.iter().map(|k| k.label()))
        .collect();
    assert!(
        labels.iter().any(|l| l == "?"),
        "the table is read: {labels:?}"
    );
    let catalog = Catalog::new(None);
    for (name, _) in BUILTIN {
        let theme = catalog.load(name).expect("built-in");
        for stance in Stance::ALL {
            let glyph = theme.glyph(stance);
            assert!(
                !labels.iter().any(|l| l == glyph),
                "{name}: the {} glyph {glyph:?} is a key's name",
                stance.name()
            );
        }
    }
}

/// The terminal background each built-in theme is made for, where it keeps the terminal's own
/// (`reset`): white for `light`, black for the others. Contrast against `reset` is judged
/// against that.
fn assumed_background(name: &str) -> Color {
    if name == "light" {
        Color::Rgb(255, 255, 255)
    } else {
        Color::Rgb(0, 0, 0)
    }
}

/// WCAG 2 contrast ratio of two colours, `reset` being `background`.
fn contrast(a: Color, b: Color, background: Color) -> f64 {
    let rgb = |c: Color| if c == Color::Reset { background } else { c };
    let (a, b) = (luminance(rgb(a)), luminance(rgb(b)));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn the_selected_row_is_unmistakable_in_every_theme() {
    // #10: the selection's background against the screen's measured 1.03 to 1.93. Now the
    // row is in reverse video, a bar of its stance colour, which must stand 3:1 off the
    // screen (WCAG's contrast for a thing to be seen), with its text 4.5:1 on the bar (for
    // text to be read).
    let catalog = Catalog::new(None);
    for (name, _) in BUILTIN {
        let theme = catalog.load(name).expect("built-in");
        let assumed = assumed_background(name);
        let screen = theme.background().bg.unwrap_or(Color::Reset);
        for stance in Stance::ALL {
            let style = theme.selected(stance);
            assert!(
                style
                    .add_modifier
                    .contains(Modifier::REVERSED | Modifier::BOLD),
                "{name}: {style:?}"
            );
            // Reversed: the foreground is the bar, the background the text.
            let bar = style.fg.expect("a stance colour");
            let text = style.bg.expect("a text colour");
            let seen = contrast(bar, screen, assumed);
            assert!(
                seen >= 3.0,
                "{name} {stance:?}: bar {seen:.2}:1 on the screen"
            );
            let read = contrast(text, bar, assumed);
            assert!(
                read >= 4.5,
                "{name} {stance:?}: text {read:.2}:1 on the bar"
            );
        }
    }
}

#[test]
fn the_focused_border_differs_by_more_than_thickness() {
    // #10: the focused border is bold and of a colour 3:1 off the unfocused one.
    let catalog = Catalog::new(None);
    for (name, _) in BUILTIN {
        let theme = catalog.load(name).expect("built-in");
        let assumed = assumed_background(name);
        let (focused, unfocused) = (theme.border(true), theme.border(false));
        assert!(focused.add_modifier.contains(Modifier::BOLD), "{name}");
        assert!(!unfocused.add_modifier.contains(Modifier::BOLD), "{name}");
        let apart = contrast(
            focused.fg.expect("colour"),
            unfocused.fg.expect("colour"),
            assumed,
        );
        assert!(apart >= 3.0, "{name}: focused and unfocused {apart:.2}:1");
        let screen = theme.background().bg.unwrap_or(Color::Reset);
        let seen = contrast(focused.fg.expect("colour"), screen, assumed);
        assert!(
            seen >= 3.0,
            "{name}: focused border {seen:.2}:1 on the screen"
        );
    }
}

/// Every colour a theme draws with, by what it is for.
fn colours(theme: &Theme) -> Vec<(String, Color)> {
    let mut all = Vec::new();
    let mut add = |what: &str, colour: Option<Color>| {
        all.push((what.to_string(), colour.unwrap_or(Color::Reset)));
    };
    for stance in Stance::ALL {
        add(stance.name(), theme.stance(stance).fg);
    }
    add("selection", theme.selected(Stance::Agrees).bg);
    add("background", theme.background().bg);
    add("text", theme.text().fg);
    add("muted", theme.muted().fg);
    add("headline", theme.headline().fg);
    add("focused", theme.border(true).fg);
    add("unfocused", theme.border(false).fg);
    add("status_fg", theme.status().fg);
    add("status_bg", theme.status().bg);
    add("key", theme.key().fg);
    add("match_fg", theme.search_match().fg);
    add("match_bg", theme.search_match().bg);
    add("picked", theme.picked().bg);
    add("error", theme.error().fg);
    add("help_fg", theme.help().fg);
    add("help_bg", theme.help().bg);
    all
}

#[test]
fn every_theme_comes_down_to_256_and_to_16_colours_and_keeps_its_meaning() {
    // #10: colours went out as 24-bit whatever the terminal.
    let catalog = Catalog::new(None);
    for (name, _) in BUILTIN {
        let full = catalog.load(name).expect("built-in");
        assert_eq!(full.for_depth(ColorDepth::Truecolor), full, "{name}");
        for depth in [ColorDepth::Ansi256, ColorDepth::Ansi16] {
            let theme = full.for_depth(depth);
            for (what, colour) in colours(&theme) {
                let fits = !matches!(
                    (depth, colour),
                    (_, Color::Rgb(..)) | (ColorDepth::Ansi16, Color::Indexed(_))
                );
                assert!(fits, "{name} at {depth:?}: {what} is {colour:?}");
            }
            let stances: Vec<_> = Stance::ALL.iter().map(|&s| theme.stance(s).fg).collect();
            for (i, a) in stances.iter().enumerate() {
                assert!(
                    !stances[i + 1..].contains(a),
                    "{name} at {depth:?}: two stances share {a:?}: {stances:?}"
                );
            }
            let pairs = [
                (theme.status().fg, theme.status().bg),
                (theme.search_match().fg, theme.search_match().bg),
                (theme.help().fg, theme.help().bg),
                (theme.border(true).fg, theme.border(false).fg),
            ];
            for (fg, bg) in pairs {
                assert_ne!(fg, bg, "{name} at {depth:?}");
            }
            for stance in Stance::ALL {
                assert_ne!(
                    theme.selected(stance).fg,
                    theme.selected(stance).bg,
                    "{name} at {depth:?}: the selection bar's text shows"
                );
                assert!(
                    theme
                        .selected(stance)
                        .add_modifier
                        .contains(Modifier::REVERSED)
                );
            }
        }
    }
}
