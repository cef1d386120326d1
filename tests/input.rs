//! Input as a terminal sends it (#14): tmux's own paste, with the end marker hidden in the
//! pasted text, and an escape sequence left unfinished. Run through tmux, whose bytes these are.

mod common;

use common::tmux::Tmux;

fn reader(name: &str) -> Tmux {
    let t = Tmux::start(name, "", &[], 100, 30);
    t.wait_for("the reader", |t| t.screen().contains("Insights 1/10"));
    t
}

#[test]
fn nothing_inside_a_paste_acts_as_a_key() {
    let t = reader("paste-marker");
    // tmux sends ESC[200~ harmless text ESC[201~ q ESC[201~: the q is pasted text, not `q`.
    let hidden_end = "harmless text\u{1b}[201~q";
    // Both markers in the text: what is between them is pasted too, not `jjjj` and a quit.
    let both = "a\u{1b}[201~jjjjq\u{1b}[200~b";
    for buffer in [hidden_end, both] {
        t.run(&["set-buffer", buffer]);
        t.run(&["paste-buffer", "-p", "-t", "0"]);
        // A person's next key comes later than the 50 ms that keeps a paste's tail text.
        std::thread::sleep(std::time::Duration::from_millis(150));
        assert!(
            t.screen().contains("Insights 1/10"),
            "{buffer:?}:\n{}",
            t.screen()
        );
    }
    // In the prompt, the whole paste is typed in, the escape sequences cleaned out of it.
    for (buffer, typed) in [(hidden_end, "/harmless textq "), (both, "/ajjjjqb ")] {
        t.keys(&["/"]);
        t.run(&["set-buffer", buffer]);
        t.run(&["paste-buffer", "-p", "-t", "0"]);
        t.wait_for("the paste in the prompt", |t| t.screen().contains(typed));
        std::thread::sleep(std::time::Duration::from_millis(150));
        t.keys(&["Escape"]);
        t.wait_for("the prompt closed", |t| !t.screen().contains(typed));
    }
    // Still running, and keys are keys.
    t.keys(&["j"]);
    t.wait_for("j moved", |t| t.screen().contains("Insights 2/10"));
    t.keys(&["q"]);
}

#[test]
fn an_unfinished_escape_sequence_does_not_swallow_later_keys() {
    let t = reader("unfinished");
    // The start of a mouse report, then nothing more of it; then the start of a paste that
    // never ends, which ends after a second of silence, as text.
    let unfinished = [
        ("1b 5b 3c 30 3b 31", 200, 2),
        ("1b 5b 32 30 30 7e 71", 1500, 3),
    ];
    for (bytes, pause, then) in unfinished {
        let mut args = vec!["send-keys", "-t", "0", "-H"];
        args.extend(bytes.split(' '));
        t.run(&args);
        std::thread::sleep(std::time::Duration::from_millis(pause));
        t.keys(&["j"]);
        let moved = format!("Insights {then}/10");
        t.wait_for(&format!("j after {bytes}"), |t| t.screen().contains(&moved));
    }
    t.keys(&["q"]);
}

#[test]
fn esc_then_a_key_at_once_is_both_keys() {
    // One send: ESC and the key in the same read, as a terminal's Alt sends them. Alt-q means
    // nothing, so it is Esc and then q, which quits; so is Esc and then Ctrl-C.
    for (name, key) in [("esc-q", "q"), ("esc-ctrl-c", "C-c")] {
        let t = reader(name);
        t.keys(&["/"]);
        t.wait_for("the prompt", |t| t.screen().contains(" / "));
        t.run(&["send-keys", "-t", "0", "Escape", key]);
        t.wait_for(&format!("Esc and {key} to quit"), |t| {
            t.run(&["list-panes", "-a"]).is_empty()
        });
    }
}
