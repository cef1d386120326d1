//! Colour that fits the terminal (#10): the real binary in a pseudo-terminal, with the
//! environment a terminal gives it, and every colour code it writes read back. The harness
//! clears COLORTERM, FORCE_COLOR and TERM_PROGRAM, so only what each test sets counts; CI
//! variables change nothing here, since TERM is always set.

mod common;

use std::path::{Path, PathBuf};

use common::Session;

/// The colour parameters of every SGR sequence in `bytes`, as (introducer, rest): `("38",
/// "5;78")`, `("31", "")`.
fn colour_codes(bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut codes = Vec::new();
    for sequence in text.split("\x1b[").skip(1) {
        let Some(end) = sequence.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !sequence[end..].starts_with('m') {
            continue;
        }
        let params: Vec<&str> = sequence[..end].split(';').collect();
        let mut i = 0;
        while i < params.len() {
            let p = params[i];
            let taken = match (p, params.get(i + 1)) {
                ("38" | "48" | "58", Some(&"5")) => 3,
                ("38" | "48" | "58", Some(&"2")) => 5,
                _ => 1,
            };
            let end = (i + taken).min(params.len());
            let is_colour = taken > 1
                || matches!(
                    p.parse::<u8>(),
                    Ok(30..=37 | 39 | 40..=47 | 49 | 90..=97 | 100..=107)
                );
            if is_colour {
                codes.push((p.to_string(), params[i + 1..end].join(";")));
            }
            i = end;
        }
    }
    codes
}

/// What the reader writes for its first frame and for the frame after a key (ratatui's), in
/// a terminal with `env`.
fn frames(args: &[&str], env: &[(&str, &str)]) -> (Vec<u8>, Vec<u8>) {
    let mut s = Session::start_with_env(args, env, 100, 30);
    s.wait_for_text("Insights 1/10");
    let first = s.output();
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let all = s.output();
    let later = all[first.len()..].to_vec();
    (first, later)
}

fn has(codes: &[(String, String)], intro: &str, rest_starts: &str) -> bool {
    codes
        .iter()
        .any(|(i, r)| i == intro && r.starts_with(rest_starts))
}

#[test]
fn without_colorterm_a_256_colour_terminal_gets_256_colour_codes() {
    let (first, later) = frames(&[], &[("TERM", "xterm-256color")]);
    for (name, bytes) in [("first frame", first), ("a later frame", later)] {
        let codes = colour_codes(&bytes);
        assert!(has(&codes, "38", "5;"), "{name}: {codes:?}");
        assert!(
            !codes.iter().any(|(_, r)| r.starts_with("2;")),
            "{name}: no 24-bit colour: {codes:?}"
        );
    }
}

#[test]
fn colorterm_truecolor_gets_24_bit_colour() {
    let (first, later) = frames(&[], &[("COLORTERM", "truecolor")]);
    for (name, bytes) in [("first frame", first), ("a later frame", later)] {
        let codes = colour_codes(&bytes);
        assert!(has(&codes, "38", "2;"), "{name}: {codes:?}");
    }
}

/// Every colour is one of the sixteen's classic codes: 30–37, 90–97 and their backgrounds.
fn assert_sixteen_only(name: &str, bytes: &[u8]) {
    let codes = colour_codes(bytes);
    assert!(
        codes
            .iter()
            .any(|(i, _)| i.len() == 2 && i != "39" && i != "49"),
        "{name}: some colour at all: {codes:?}"
    );
    for (intro, rest) in &codes {
        assert!(
            rest.is_empty() && intro != "38" && intro != "48" && intro != "58",
            "{name}: {intro};{rest} is not one of the sixteen's codes"
        );
    }
}

#[test]
fn a_sixteen_colour_terminal_gets_only_the_classic_codes() {
    // TERM=xterm, TERM=linux, TERM=screen: what the Linux console and screen announce.
    for term in ["xterm", "linux", "screen"] {
        let (first, later) = frames(&[], &[("TERM", term)]);
        assert_sixteen_only(&format!("{term}, first frame"), &first);
        assert_sixteen_only(&format!("{term}, a later frame"), &later);
    }
}

#[test]
fn every_theme_fits_a_sixteen_colour_terminal() {
    for theme in ["light", "high-contrast", "colorblind"] {
        let (first, later) = frames(&["--theme", theme], &[("TERM", "xterm")]);
        assert_sixteen_only(&format!("{theme}, first frame"), &first);
        assert_sixteen_only(&format!("{theme}, a later frame"), &later);
    }
}

#[test]
fn the_command_line_chooses_the_colours_over_the_terminal() {
    let truecolor = [("TERM", "xterm-256color"), ("COLORTERM", "truecolor")];
    let (first, later) = frames(&["--color", "16"], &truecolor);
    assert_sixteen_only("--color 16", &first);
    assert_sixteen_only("--color 16, a later frame", &later);
    let (first, _) = frames(&["--colour", "256"], &truecolor);
    let codes = colour_codes(&first);
    assert!(has(&codes, "38", "5;"), "--colour 256: {codes:?}");
    assert!(!has(&codes, "38", "2;"), "--colour 256: {codes:?}");
    let (first, _) = frames(&["--color", "truecolor"], &[("TERM", "xterm")]);
    assert!(has(&colour_codes(&first), "38", "2;"), "--color truecolor");
    // `never` is NO_COLOR's look; a depth given on the command line wins over NO_COLOR.
    let (first, later) = frames(&["--color", "never"], &truecolor);
    let codes: Vec<_> = colour_codes(&first)
        .into_iter()
        .chain(colour_codes(&later))
        .filter(|(i, _)| i != "39" && i != "49")
        .collect();
    assert!(codes.is_empty(), "--color never: {codes:?}");
    let (first, _) = frames(&["--color", "256"], &[("NO_COLOR", "1")]);
    assert!(has(&colour_codes(&first), "38", "5;"), "over NO_COLOR");
}

fn config_home(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("colour-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("stance")).expect("config dir");
    dir
}

#[test]
fn the_config_chooses_the_colours_and_the_command_line_wins_over_it() {
    let home = config_home("setting");
    std::fs::write(home.join("stance/config.toml"), "color = 256\n").expect("config");
    let home_env = home.display().to_string();
    let env = [
        ("XDG_CONFIG_HOME", home_env.as_str()),
        ("COLORTERM", "truecolor"),
    ];
    let (first, _) = frames(&[], &env);
    let codes = colour_codes(&first);
    assert!(
        has(&codes, "38", "5;") && !has(&codes, "38", "2;"),
        "{codes:?}"
    );
    std::fs::write(home.join("stance/config.toml"), "colour = \"16\"\n").expect("config");
    let (first, _) = frames(&[], &env);
    assert_sixteen_only("colour = \"16\"", &first);
    let (first, _) = frames(&["--color", "auto"], &env);
    assert!(has(&colour_codes(&first), "38", "2;"), "--color auto");
}

#[test]
fn a_bad_colour_setting_names_the_file_and_the_choices() {
    let home = config_home("bad");
    let config = home.join("stance/config.toml");
    std::fs::write(&config, "theme = \"dark\"\ncolor = \"lots\"\n").expect("config");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .env("XDG_CONFIG_HOME", &home)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end(),
        format!(
            "stance: {}:2:9: color \"lots\" is not one of \"auto\", \"truecolor\", \"256\", \
             \"16\" or \"never\"",
            config.display()
        )
    );
}
