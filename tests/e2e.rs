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
    s.wait_for_text("Esc or ? closes this help");
    s.send("?");
    s.wait_for("the help to close", |screen| {
        !screen.contains("closes this help")
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
            && screen.lines().any(|l| l.starts_with("┌ − Insight 1"))
    });
    s.resize(25, 8);
    s.wait_for_text("Enlarge");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bad_file_is_reported_before_the_terminal_is_touched() {
    let mut s = Session::start(&["/no/such/debate.toml"], 80, 24);
    assert_eq!(s.wait_exit(), 2);
    let out = String::from_utf8_lossy(&s.output()).to_string();
    assert!(
        out.contains("stance: /no/such/debate.toml: No such file or directory"),
        "{out:?}"
    );
    assert!(
        !out.contains('\x1b'),
        "no escape sequence was written: {out:?}"
    );
    s.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_fail() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    for (signal, code) in [(Signal::SIGTERM, 143), (Signal::SIGHUP, 129)] {
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
