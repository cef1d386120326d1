//! Copying inside tmux: under tmux's default `set-clipboard external` an application's OSC 52
//! is dropped, so `stance` also hands the text to `tmux load-buffer`. These run the real binary
//! in a private tmux server, with tmux's defaults and with `set-clipboard on`, and read tmux's
//! paste buffer. `.ci/run` installs tmux where it is missing.

mod common;

use common::tmux::Tmux;

const SENTENCE: &str = "Beijing is prioritizing its long-term goal of semiconductor \
    self-sufficiency, which requires creating a protected market for domestic firms like \
    Huawei, even if Chinese tech companies prefer superior foreign hardware.";

fn search_pick_and_copy(config: &str) {
    let t = Tmux::start(&config.len().to_string(), config, &[], 120, 40);
    t.wait_for("the reader", |t| t.screen().contains("Insights 1/10"));
    t.keys(&["/", "huawei", "Enter"]);
    t.wait_for("the search", |t| {
        t.screen().contains("/huawei 2 of 10 match")
    });
    t.keys(&["l", "l", "y"]);
    t.wait_for("the copy report", |t| {
        t.screen()
            .contains("copied 217 chars (tmux buffer; OSC 52 sent)")
    });
    t.wait_for("the sentence in tmux's buffer", |t| t.buffer() == SENTENCE);

    t.keys(&["Y"]);
    let cited = format!(
        "“{SENTENCE}”\n— China's Tech Indigenization Drive Pre-Dates and is Unaffected by US \
         Export Controls, RiffOn (insight 3, agrees with the thesis)"
    );
    t.wait_for("the cited quote in tmux's buffer", |t| t.buffer() == cited);
    t.keys(&["q"]);
}

#[test]
fn copy_reaches_tmux_with_its_defaults() {
    search_pick_and_copy("");
}

#[test]
fn copy_reaches_tmux_with_set_clipboard_on() {
    search_pick_and_copy("set -g set-clipboard on\n");
}
