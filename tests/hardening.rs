//! Hostile documents, files that are not debates, any size and any key, and every way out of
//! the terminal. Fixtures live in `tests/hostile/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::Session;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use stance::action::Action;
use stance::app::App;
use stance::debate::{self, load_path};
use stance::theme::Theme;
use stance::ui::View;

fn hostile(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hardening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

// ---- Hostile text ------------------------------------------------------------------------

/// Pieces of the sequences in `controls.toml`, which must not reach the terminal whole or in
/// part.
const PAYLOADS: [&str; 7] = [
    "]0;pwned",
    "cHduZWQ=",
    "aGk=",
    "[2J and CSI",
    "Pq#0;2",
    "[31mred",
    "\u{9b}",
];

#[test]
fn a_hostile_document_never_reaches_the_terminal_as_a_sequence() {
    let mut s = Session::start(&[&hostile("controls.toml")], 100, 30);
    s.wait_for_text("Insights 1/2");
    // Every pane, the help overlay, the search prompt with a match, and a copy.
    s.send("\t\t?");
    s.wait_for_text("Keys");
    s.send("\x1b");
    s.wait_for("the help to close", |screen| !screen.contains("Keys"));
    s.send("/red\r");
    s.wait_for_text("1 of 2 match");
    s.send("ly");
    s.wait_for_text("sent");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let output = String::from_utf8_lossy(&s.output()).into_owned();
    for payload in PAYLOADS {
        assert!(
            !output.contains(payload),
            "{payload:?} reached the terminal"
        );
    }
    // The one OSC 52 is ours, and carries the cleaned sentence.
    assert_eq!(output.matches("\x1b]52;").count(), 1);
    assert!(!output.contains("\x1b]0;"), "no window title was set");
    s.assert_restored();
}

#[test]
fn a_hostile_document_keeps_the_frame_whole() {
    for name in ["controls.toml", "unicode.toml", "invisible.toml"] {
        let mut s = Session::start(&[&hostile(name)], 100, 30);
        s.wait_for_text("Insights 1/");
        for keys in ["", "j", "\t", "j", "\t", "G", "?"] {
            s.send(keys);
            std::thread::sleep(Duration::from_millis(100));
            s.with_screen(|sc| {
                // The thesis pane's right border stands in the last column on each of its rows.
                for row in 1..4 {
                    let cell = sc.cell(row, 99).expect("cell");
                    assert!(
                        matches!(cell.contents(), "│" | "┃" | "┐" | "┘" | "┓" | "┛"),
                        "{name} after {keys:?}: row {row} ends in {:?}\n{}",
                        cell.contents(),
                        sc.contents()
                    );
                }
            });
        }
        s.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn hostile_text_is_clean_in_every_field_after_loading() {
    for name in ["controls.toml", "unicode.toml", "invisible.toml"] {
        let d = load_path(Path::new(&hostile(name))).expect("loads");
        let fields = [
            d.title.as_str(),
            d.source.as_deref().unwrap_or(""),
            d.thesis.as_str(),
        ]
        .into_iter()
        .chain(
            d.insights
                .iter()
                .flat_map(|i| [i.text.as_str(), i.note.as_deref().unwrap_or("")]),
        );
        for field in fields {
            let bad: Vec<char> = field
                .chars()
                .filter(|&c| {
                    (c.is_control() && c != '\n')
                        || ('\u{202a}'..='\u{202e}').contains(&c)
                        || ('\u{2066}'..='\u{2069}').contains(&c)
                        || c == '\u{200b}'
                        // What a hand-kept list missed (#14).
                        || matches!(c,
                            '\u{180B}'..='\u{180F}'
                            | '\u{17B4}'..='\u{17B5}'
                            | '\u{1BCA0}'..='\u{1BCA3}'
                            | '\u{1D173}'..='\u{1D17A}'
                            | '\u{FFF0}'..='\u{FFFB}'
                            | '\u{E0000}'..='\u{E0FFF}'
                            | '\u{13430}'..='\u{1343F}')
                })
                .collect();
            assert!(bad.is_empty(), "{name}: {bad:?} in {field:?}");
        }
    }
}

// ---- Files that are not debates ----------------------------------------------------------

/// Runs `stance FILE` and returns its status, its one line of error, and how long it took.
fn refuse(path: &str) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .arg(path)
        .output()
        .expect("run stance");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

fn assert_refused(path: &str, message: &str) {
    let (code, err, took) = refuse(path);
    assert_eq!(code, Some(2), "{path}: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(
        err.starts_with(&format!("stance: {path}")),
        "names the file: {err}"
    );
    assert!(err.contains(message), "{message:?} in {err}");
    assert!(took < Duration::from_secs(1), "{path} took {took:?}");
}

#[test]
fn files_that_are_not_debates_are_refused_quickly_by_name() {
    let binary = scratch("binary.bin");
    std::fs::write(&binary, [0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0xff, 0xfe]).expect("write");
    assert_refused(&binary.display().to_string(), "not UTF-8");

    let nul = scratch("nul.txt");
    std::fs::write(&nul, "title = \"a\"\0\n").expect("write");
    assert_refused(&nul.display().to_string(), "NUL byte");

    // 2 GiB, sparse: refused by its size before a byte is read.
    let huge = scratch("huge.toml");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(2 << 30).expect("set_len");
    assert_refused(&huge.display().to_string(), "larger than the 256 MiB limit");
    let _ = std::fs::remove_file(&huge);

    assert_refused("/dev/zero", "not a regular file");
    // A folder is opened for the debates in it (#11); one without any is refused.
    let empty = scratch("empty-folder");
    std::fs::create_dir_all(&empty).expect("mkdir");
    std::fs::write(empty.join("picture.png"), [0x89, b'P', b'N', b'G']).expect("write");
    assert_refused(
        &empty.display().to_string(),
        "no files that may hold a debate",
    );

    let fifo = scratch("pipe");
    let _ = std::fs::remove_file(&fifo);
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
    assert_refused(&fifo.display().to_string(), "not a regular file");
}

#[test]
fn a_file_without_read_permission_is_refused_by_name() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("perm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod dir");
    let secret = dir.join("secret.toml");
    std::fs::write(&secret, "title = \"t\"\nthesis = \"x\"\n").expect("write");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let path = secret.display().to_string();
    // Root reads anything: as root, run stance as nobody, which cannot.
    let out = if nix::unistd::geteuid().is_root() {
        // Nobody cannot read root's config folder, which is an error of its own (#14): give
        // it one it can.
        Command::new("setpriv")
            .env("XDG_CONFIG_HOME", &dir)
            .env(
                "XDG_DATA_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
            )
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_stance"),
                &path,
            ])
            .output()
            .expect("setpriv (util-linux)")
    } else {
        Command::new(env!("CARGO_BIN_EXE_stance"))
            .env(
                "XDG_DATA_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
            )
            .arg(&path)
            .output()
            .expect("run")
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end(), format!("stance: {path}: permission denied"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes_load_or_fail_naming_the_file(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let path = scratch("any.bin");
        std::fs::write(&path, &bytes).expect("write");
        if let Err(e) = load_path(&path) {
            prop_assert_eq!(&e.path, &path);
            prop_assert!(!e.message.is_empty());
            if std::str::from_utf8(&bytes).is_err() {
                prop_assert!(e.position.is_some(), "invalid UTF-8 has a position: {}", e);
            }
        }
    }

    #[test]
    fn near_valid_toml_parses_or_fails_with_a_position(
        edits in prop::collection::vec((0usize..6000, any::<u8>(), 0u8..3), 1..6)
    ) {
        let mut text = debate::BUILTIN_TOML.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let at = at % (text.len() + 1);
            match kind {
                0 => text.insert(at, byte % 128),
                1 if at < text.len() => { text.remove(at); }
                _ if at < text.len() => text[at] = byte % 128,
                _ => {}
            }
        }
        let Ok(text) = String::from_utf8(text) else { return Ok(()) };
        let path = Path::new("near.toml");
        if let Err(e) = debate::parse(&text, path) {
            prop_assert_eq!(e.path.as_path(), path);
            let positionless = e.message.contains("empty")
                || e.message.contains("no visible text")
                || e.message.starts_with("not a debate");
            prop_assert!(positionless || e.position.is_some(), "{}", e);
        }
    }

    #[test]
    fn any_text_as_a_theme_or_config_fails_cleanly(text in "\\PC{0,200}|\\[[a-z]{0,8}\\]\\n[a-z_]{1,12} = \\PC{0,20}") {
        let path = scratch("theme.toml");
        std::fs::write(&path, &text).expect("write");
        let _ = stance::theme::Catalog::new(None).load(&path.display().to_string());
        let dir = scratch("config");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("config.toml"), &text).expect("write");
        if let Err(e) = stance::config::Config::load(Some(&dir)) {
            prop_assert_eq!(e.path, dir.join("config.toml"));
        }
    }
}

// ---- Any size ------------------------------------------------------------------------------

#[test]
fn every_width_and_height_renders_without_panic() {
    let theme = Theme::default_theme();
    let debates = [
        debate::builtin(),
        load_path(Path::new(&hostile("unicode.toml"))).expect("unicode fixture"),
    ];
    for d in &debates {
        for width in 0..=200u16 {
            for height in 0..=60u16 {
                let mut app = App::new(d.clone(), width, height);
                app.update(Action::Bottom);
                app.update(Action::NextSentence);
                let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
                terminal
                    .draw(|f| f.render_widget(View::new(&app, &theme), f.area()))
                    .expect("draw");
            }
        }
    }
}

// ---- The terminal always comes back ----------------------------------------------------------

/// The reader started from an interactive bash, which has job control, at its first screen.
fn reader_in_bash() -> Session {
    let mut s = Session::start_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "$ ")],
        100,
        30,
    );
    s.wait_for_text("$");
    s.send(&format!("{}\r", env!("CARGO_BIN_EXE_stance")));
    s.wait_for_text("Insights 1/10");
    s
}

/// The pid of the reader the shell of `s` started.
fn reader_pid(s: &Session) -> i32 {
    let shell = s.pid().expect("bash");
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("children");
    children
        .split_whitespace()
        .next()
        .expect("stance")
        .parse()
        .expect("pid")
}

/// While the reader is stopped, the shell has its screen, cursor and mouse back.
fn assert_shell_has_the_terminal(s: &Session) {
    s.wait_for_text("Stopped");
    s.with_screen(|sc| {
        assert!(!sc.alternate_screen(), "the shell has its screen back");
        assert!(!sc.hide_cursor(), "and its cursor");
        assert_eq!(sc.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
}

/// `fg`, then the reader is back, fully drawn and taking keys; then quit it and the shell.
fn resume_then_quit(mut s: Session, selected: usize) {
    s.send("fg\r");
    let shown = format!("Insights {selected}/10");
    s.wait_for("the reader again", |screen| {
        screen.contains(&shown) && screen.contains("? help")
    });
    assert!(s.with_screen(|sc| sc.alternate_screen()));
    s.send("j");
    let next = format!("Insights {}/10", selected + 1);
    s.wait_for_text(&next);
    s.send("q");
    s.wait_for("the shell", |screen| !screen.contains(&next));
    s.send("exit\r");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let mut s = reader_in_bash();
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.send("\x1a"); // Ctrl-Z
    assert_shell_has_the_terminal(&s);
    resume_then_quit(s, 2);
}

#[test]
fn a_burst_of_input_larger_than_a_read_is_all_taken() {
    // crossterm's default (epoll, edge-triggered) source reads 1 KiB and waits for more
    // readiness that never comes (crossterm issue 813); every key here must arrive.
    let big = (0..3000).fold(
        String::from("title = \"t\"\nthesis = \"x\"\n"),
        |mut s, i| {
            s.push_str(&format!("[[insights]]\ntext = \"insight {i}\"\n"));
            s
        },
    );
    let path = scratch("burst.toml");
    std::fs::write(&path, big).expect("write");
    let mut s = Session::start(&[&path.display().to_string()], 100, 30);
    s.wait_for_text("Insights 1/3000");
    s.send(&"j".repeat(1500));
    s.wait_for_text("Insights 1501/3000");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_paste_is_text_never_keys() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for_text("Insights 1/10");
    // A paste outside the prompt does nothing: its `q` does not quit, its `c` does not filter.
    s.send("\x1b[200~quick c\x1b[201~j");
    s.wait_for_text("Insights 2/10");
    assert!(!s.screen().contains("conflicts only"));
    // In the prompt, a paste is typed in, one line of it.
    s.send("/");
    s.wait_for_text("Enter keep");
    s.send("\x1b[200~export\ncontrols\x1b]0;x\x07 q\x1b[201~");
    s.wait_for_text("/export controls q");
    s.send("\r");
    s.wait_for_text("/export controls q 0 of 10 match");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_sigtstp_from_outside_gives_the_terminal_back_and_fg_takes_it_again() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let s = reader_in_bash();
    let reader = reader_pid(&s);
    kill(Pid::from_raw(reader), Signal::SIGTSTP).expect("kill");
    assert_shell_has_the_terminal(&s);
    resume_then_quit(s, 1);
}

#[test]
fn a_sigstop_from_outside_then_fg_takes_the_terminal_back_and_redraws() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let mut s = reader_in_bash();
    let reader = reader_pid(&s);
    // SIGSTOP cannot be caught: the shell takes the terminal back, cooked, and writes on it.
    kill(Pid::from_raw(reader), Signal::SIGSTOP).expect("kill");
    s.wait_for_text("Stopped");
    // `fg` continues it: the reader takes keys one by one again (a cooked terminal would hold
    // `j` until Enter) and draws its whole screen over the shell's text (#14).
    s.send("fg\r");
    s.wait_for("the reader again", |screen| {
        screen.contains("Insights 1/10") && screen.contains("? help") && !screen.contains("Stopped")
    });
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.send("q");
    s.wait_for("the shell", |screen| !screen.contains("Insights 2/10"));
    s.send("exit\r");
    assert_eq!(s.wait_exit(), 0);
}
