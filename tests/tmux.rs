//! Copying inside tmux: under tmux's default `set-clipboard external` an application's OSC 52
//! is dropped, so `stance` also hands the text to `tmux load-buffer`. These run the real binary
//! in a private tmux server, with tmux's defaults and with `set-clipboard on`, and read tmux's
//! paste buffer. `.ci/run` installs tmux where it is missing.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own, on a socket of our own, killed when dropped.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn start(config: &str) -> Tmux {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "tmux-{}-{}",
            std::process::id(),
            config.len()
        ));
        std::fs::create_dir_all(&dir).expect("tmux dir");
        let conf = dir.join("tmux.conf");
        std::fs::write(&conf, config).expect("tmux.conf");
        let tmux = Tmux {
            socket: dir.join("socket"),
        };
        let program = format!(
            "env -u DISPLAY -u WAYLAND_DISPLAY -u SSH_CONNECTION {}",
            env!("CARGO_BIN_EXE_stance")
        );
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&tmux.socket)
            .arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-x", "120", "-y", "40", &program])
            .env_remove("TMUX")
            .env("XDG_DATA_HOME", dir.join("data"))
            .status()
            .expect("tmux is needed for this test; .ci/run installs it");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "0", key]);
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&Tmux) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if pred(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.screen()
        );
    }

    fn buffer(&self) -> String {
        self.run(&["show-buffer"])
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

const SENTENCE: &str = "Beijing is prioritizing its long-term goal of semiconductor \
    self-sufficiency, which requires creating a protected market for domestic firms like \
    Huawei, even if Chinese tech companies prefer superior foreign hardware.";

fn search_pick_and_copy(config: &str) {
    let t = Tmux::start(config);
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
