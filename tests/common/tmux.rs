//! The real binary in a tmux server of its own: tmux's view of the screen is a real
//! terminal's, with the C library's widths. `.ci/run` installs tmux where it is missing.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own, on a socket of our own, killed when dropped.
pub struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// Runs the reader with `args` in a new server with `config`, in a window of `cols` by
    /// `rows`. `name` keeps the servers of tests running at once apart.
    pub fn start(name: &str, config: &str, args: &[&str], cols: u16, rows: u16) -> Tmux {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("tmux-{}-{name}", std::process::id(),));
        std::fs::create_dir_all(&dir).expect("tmux dir");
        let conf = dir.join("tmux.conf");
        std::fs::write(&conf, config).expect("tmux.conf");
        let tmux = Tmux {
            socket: dir.join("socket"),
        };
        let mut program = format!(
            "env -u DISPLAY -u WAYLAND_DISPLAY -u SSH_CONNECTION {}",
            env!("CARGO_BIN_EXE_stance")
        );
        for arg in args {
            program.push_str(&format!(" '{}'", arg.replace('\'', "'\\''")));
        }
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&tmux.socket)
            .arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-x", &cols, "-y", &rows, &program])
            .env_remove("TMUX")
            .env("XDG_DATA_HOME", dir.join("data"))
            .status()
            .expect("tmux is needed for this test; .ci/run installs it");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "0", key]);
        }
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    pub fn wait_for(&self, what: &str, pred: impl Fn(&Tmux) -> bool) {
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

    pub fn buffer(&self) -> String {
        self.run(&["show-buffer"])
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
    }
}
