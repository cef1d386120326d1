//! The real binary in a pseudo-terminal, driven as a person would drive it.

mod common;

use common::Session;

#[test]
fn reads_filters_and_restores_the_terminal_on_quit() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for_text("Insights 1/10");
    assert!(
        s.with_screen(|sc| sc.alternate_screen()),
        "draws on the alternate screen"
    );
    assert!(s.screen().contains("CONFLICTS with the thesis"));
    assert!(!s.cooked(), "raw mode while running");

    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.wait_for_text("AGREES with the thesis");

    s.send("c");
    s.wait_for_text("Insights 1/4"); // 2 agrees; 1 is the nearest that conflicts
    s.wait_for_text("conflicts only");

    s.send("m");
    s.wait_for_text("No mixed insights.");

    s.send("\x1b"); // Esc clears the filter
    s.wait_for_text("Insights 1/10");

    s.send("?");
    s.wait_for_text("focus the previous pane");
    s.send("?");
    s.wait_for("the help to close", |screen| {
        !screen.contains("focus the previous pane")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Insights 1/10");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn resizing_redraws_in_the_new_layout() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for_text("Insights 1/10");
    s.resize(60, 20);
    s.wait_for("the stacked layout", |screen| {
        // Stacked: the list's title sits at the left edge, the detail's below it.
        screen.lines().any(|l| l.starts_with("┏ Insights 1/10"))
            && screen
                .lines()
                .any(|l| l.starts_with("┌ − CONFLICTS with the thesis · insight 1"))
    });
    s.resize(25, 8);
    s.wait_for_text("needs 30×12, has 25×8");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bad_file_is_reported_before_the_terminal_is_touched() {
    let mut s = Session::start(&["/no/such/debate.toml"], 80, 24);
    assert_eq!(s.wait_exit(), 2);
    let out = String::from_utf8_lossy(&s.output()).to_string();
    assert!(
        out.contains("stance: /no/such/debate.toml: no such file or directory"),
        "{out:?}"
    );
    assert!(
        !out.contains('\x1b'),
        "no escape sequence was written: {out:?}"
    );
    s.assert_restored();
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_fail() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    for (signal, code) in [
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
        (Signal::SIGINT, 130),
    ] {
        let mut s = Session::start(&[], 80, 24);
        s.wait_for_text("Insights 1/10");
        let pid = s.pid().expect("pid") as i32;
        kill(Pid::from_raw(pid), signal).expect("kill");
        assert_eq!(s.wait_exit(), code, "{signal:?}");
        s.assert_restored();
    }
}

#[test]
fn a_panic_restores_the_terminal_and_shows_the_message() {
    let mut s = Session::start_with_env(&[], &[("STANCE_TEST_PANIC", "1")], 80, 24);
    s.wait_for_text("Insights 1/10");
    s.send("\x1b[24~"); // F12
    assert_eq!(s.wait_exit(), 101);
    s.assert_restored();
    s.wait_for_text("test panic requested");
}

/// The payloads of every OSC 52 sequence in `output`, decoded.
fn osc52_payloads(output: &[u8]) -> Vec<String> {
    use base64::Engine;
    let text = String::from_utf8_lossy(output);
    text.split("\x1b]52;")
        .skip(1)
        .map(|rest| {
            let end = rest.find(['\x07', '\x1b']).expect("terminated");
            let (_, encoded) = rest[..end].split_once(';').expect("selection;data");
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .expect("base64");
            String::from_utf8(bytes).expect("UTF-8")
        })
        .collect()
}

#[test]
fn y_sends_exactly_one_osc52_with_exactly_the_picked_sentence() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for_text("Insights 1/10");
    s.send("/huawei");
    s.wait_for_text("2 of 10 match");
    s.send("\r"); // Enter keeps the query
    s.wait_for_text("/huawei 2 of 10 match");
    s.send("l"); // the first sentence of insight 3
    s.send("l"); // its second
    s.send("y");
    s.wait_for_text("sent 217 chars (OSC 52)");
    let payloads = osc52_payloads(&s.output());
    assert_eq!(
        payloads,
        vec![
            "Beijing is prioritizing its long-term goal of semiconductor self-sufficiency, \
             which requires creating a protected market for domestic firms like Huawei, even if \
             Chinese tech companies prefer superior foreign hardware."
                .to_string()
        ]
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn mouse_capture_is_on_unless_no_mouse_and_a_click_selects() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for_text("Insights 1/10");
    // Button events (clicks, drags, the wheel), not every motion of the pointer (#10).
    assert_eq!(
        s.with_screen(|sc| sc.mouse_protocol_mode()),
        vt100::MouseProtocolMode::ButtonMotion
    );
    let sent = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(
        !sent.contains("\x1b[?1003h"),
        "all-motion reports asked for"
    );
    assert!(sent.contains("\x1b[?1006h"), "SGR reports");
    // SGR mouse: left press and release on the list's fourth row (row 12, 1-based column 5).
    let row = s
        .screen()
        .lines()
        .position(|l| l.contains("   4 − conflicts"))
        .expect("row 4")
        + 1;
    s.send(&format!("\x1b[<0;5;{row}M\x1b[<0;5;{row}m"));
    s.wait_for_text("Insights 4/10");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    let mut s = Session::start(&["--no-mouse"], 120, 40);
    s.wait_for_text("Insights 1/10");
    assert_eq!(
        s.with_screen(|sc| sc.mouse_protocol_mode()),
        vt100::MouseProtocolMode::None
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn no_color_draws_without_colour_but_keeps_bold_and_reverse() {
    let mut s = Session::start_with_env(&[], &[("NO_COLOR", "1")], 100, 30);
    s.wait_for_text("Insights 1/10");
    s.with_screen(|sc| {
        let (rows, cols) = sc.size();
        let (rows, cols) = (rows.get(), cols.get());
        let mut reversed = 0;
        for row in 0..rows {
            for col in 0..cols {
                let cell = sc.cell(row, col).expect("cell");
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "({row},{col})");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "({row},{col})");
                reversed += usize::from(cell.inverse());
            }
        }
        assert!(reversed > 20, "the selected row is in reverse video");
        let title = sc
            .contents()
            .lines()
            .position(|l| l.contains("Insights 1/10"))
            .expect("title");
        let col = sc
            .contents()
            .lines()
            .nth(title)
            .expect("row")
            .find("Insights")
            .expect("col");
        assert!(
            sc.cell(title as u16, col as u16).expect("cell").bold(),
            "bold survives NO_COLOR"
        );
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// #10: the debate comes on standard input, the keys from the terminal (`/dev/tty`), and
/// the terminal is restored when the reader quits.
#[test]
fn a_debate_piped_or_redirected_in_is_read_and_keys_come_from_the_terminal() {
    let stance = env!("CARGO_BIN_EXE_stance");
    let page = fixture("pages/title-without-source.txt");
    for command in [
        format!("cat '{page}' | '{stance}'"),
        format!("'{stance}' < '{page}'"),
        format!("'{stance}' - < '{page}'"),
    ] {
        let mut s = Session::start_program("sh", &["-c", &command], &[], 100, 30);
        s.wait_for_text("Insights 1/2");
        assert!(s.screen().contains("Working From Home"), "{command}");
        assert!(!s.cooked(), "{command}: raw mode on the terminal");
        s.send("j");
        s.wait_for_text("Insights 2/2");
        s.wait_for_text("Mentoring suffers when nobody shares a room.");
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{command}");
        s.assert_restored();
    }
}

#[test]
fn print_dash_writes_the_debate_on_standard_input() {
    let stance = env!("CARGO_BIN_EXE_stance");
    let page = fixture("seed-page-folded.txt");
    let command = format!("cat '{page}' | '{stance}' --print -");
    let mut s = Session::start_program("sh", &["-c", &command], &[], 120, 40);
    assert_eq!(s.wait_exit(), 0);
    let out = String::from_utf8_lossy(&s.output()).to_string();
    assert!(out.contains("Source: RiffOn"), "{out}");
    assert!(
        out.contains("Instead of a total ban, a more strategic approach is to \"slow ball\""),
        "reflowed: {out}"
    );
}

/// Without a controlling terminal there is nowhere to read keys from once standard input is
/// the debate: say so, and touch nothing.
#[test]
fn a_pipe_with_no_terminal_for_the_keys_is_refused_before_the_terminal_is_touched() {
    let stance = env!("CARGO_BIN_EXE_stance");
    let page = fixture("seed-page.txt");
    let command = format!("cat '{page}' | '{stance}'");
    let mut s = Session::start_program("setsid", &["-w", "sh", "-c", &command], &[], 100, 30);
    assert_eq!(s.wait_exit(), 2);
    let out = String::from_utf8_lossy(&s.output()).to_string();
    assert!(
        out.contains("stance: standard input is not a terminal, and there is no terminal to read keys from (/dev/tty: "),
        "{out:?}"
    );
    assert!(out.contains("--print"), "{out:?}");
    assert!(!out.contains('\x1b'), "no escape sequence: {out:?}");
}

#[test]
fn a_dash_when_standard_input_is_the_terminal_is_refused() {
    let mut s = Session::start(&["-"], 80, 24);
    assert_eq!(s.wait_exit(), 2);
    let out = String::from_utf8_lossy(&s.output()).to_string();
    assert!(
        out.contains("stance: standard input: is a terminal"),
        "{out:?}"
    );
    s.assert_restored();
}
