//! The real binary in a pseudo-terminal: type keys, read the screen as a terminal shows it.

#![allow(dead_code)] // each test binary uses a different part

pub mod tmux;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks the screen cannot show.
    output: Arc<Mutex<Vec<u8>>>,
    /// The program's own data folder (its readings), unless the test gave one: a test never
    /// sees another's readings, or the machine's.
    _data: Option<tempfile::TempDir>,
}

/// How long to wait for the screen to show something before failing. Generous: machines are
/// shared and a debug build is slow to start.
const PATIENCE: Duration = Duration::from_secs(15);

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with_env(args, &[], cols, rows)
    }

    pub fn start_with_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_stance"), args, env, cols, rows)
    }

    /// Any program in the pseudo-terminal (a shell, to test job control).
    pub fn start_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        // A plain terminal: no tmux, no desktop clipboard, whatever the test runs under; and
        // as many colours as TERM says, whatever terminal `cargo test` was started from.
        for name in [
            "TMUX",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "NO_COLOR",
            "COLORTERM",
            "FORCE_COLOR",
            "CLICOLOR_FORCE",
            "TERM_PROGRAM",
        ] {
            cmd.env_remove(name);
        }
        let data = if env.iter().any(|(k, _)| *k == "XDG_DATA_HOME") {
            None
        } else {
            let dir = tempfile::tempdir().expect("a data folder");
            cmd.env("XDG_DATA_HOME", dir.path());
            Some(dir)
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn stance");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let (p, o) = (Arc::clone(&parser), Arc::clone(&output));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                o.lock().expect("output").extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pty.master,
            writer,
            child,
            parser,
            output,
            _data: data,
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .expect("parser")
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().expect("parser").screen())
    }

    pub fn output(&self) -> Vec<u8> {
        self.output.lock().expect("output").clone()
    }

    /// Waits until the screen satisfies `pred`, or fails showing what it shows.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if pred(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.screen()
        );
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text));
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_status().exit_code()
    }

    /// How the program ended: its exit code, or the signal that ended it.
    pub fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("stance did not exit; the screen shows:\n{}", self.screen());
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Whether the terminal is back in cooked mode: canonical input and echo on.
    pub fn cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("termios");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Asserts everything the program changed about the terminal is undone.
    pub fn assert_restored(&self) {
        // The last bytes may still be on their way to the reader thread on a loaded machine:
        // give them a moment, then check each thing, to say which is wrong.
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            let screen_back = self.with_screen(|s| {
                !s.alternate_screen()
                    && !s.hide_cursor()
                    && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            });
            if screen_back && self.cooked() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(self.cooked(), "raw mode is still on");
        self.with_screen(|s| {
            assert!(!s.alternate_screen(), "still on the alternate screen");
            assert!(!s.hide_cursor(), "the cursor is still hidden");
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse capture is still on"
            );
        });
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("at least 1")
}
