//! The copy effect: every route that can carry the text to a clipboard, and an honest account
//! of which ones did.
//!
//! - OSC 52, always: the terminal sets its clipboard; it works over SSH, but cannot be
//!   confirmed, so we only say it was sent.
//! - Inside tmux, `tmux load-buffer -w -` too: under its default `set-clipboard external`,
//!   tmux drops an application's OSC 52, and this fills its paste buffer (and, with `-w`, the
//!   outer terminal's clipboard) instead.
//! - With a local display and not over SSH, the desktop's own tool too (wl-copy, xclip, xsel,
//!   pbcopy).
//!
//! The programs run on a worker thread: the interface never waits on them.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crossterm::clipboard::CopyToClipboard;

/// How long a clipboard program may take before we give up on it.
const PROGRAM_PATIENCE: Duration = Duration::from_secs(2);

/// The routes available in this environment, decided once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clipboard {
    tmux: bool,
    native: Vec<NativeTool>,
}

/// A desktop clipboard program and its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeTool {
    pub program: &'static str,
    pub args: &'static [&'static str],
}

const WL_COPY: NativeTool = NativeTool {
    program: "wl-copy",
    args: &[],
};
const XCLIP: NativeTool = NativeTool {
    program: "xclip",
    args: &["-selection", "clipboard", "-in"],
};
const XSEL: NativeTool = NativeTool {
    program: "xsel",
    args: &["--clipboard", "--input"],
};
const PBCOPY: NativeTool = NativeTool {
    program: "pbcopy",
    args: &[],
};

impl Clipboard {
    /// The routes for this process's environment.
    pub fn from_env() -> Clipboard {
        Clipboard::from_vars(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
    }

    /// The routes for an environment in which `set(NAME)` says whether NAME is set.
    pub fn from_vars(set: impl Fn(&str) -> bool) -> Clipboard {
        let over_ssh = set("SSH_CONNECTION") || set("SSH_CLIENT") || set("SSH_TTY");
        let mut native = Vec::new();
        if !over_ssh {
            if cfg!(target_os = "macos") {
                native.push(PBCOPY);
            }
            if set("WAYLAND_DISPLAY") {
                native.push(WL_COPY);
            }
            if set("DISPLAY") {
                native.extend([XCLIP, XSEL]);
            }
        }
        Clipboard {
            tmux: set("TMUX"),
            native,
        }
    }

    /// Whether anything beyond OSC 52 will be tried (and so a report will follow).
    pub fn has_programs(&self) -> bool {
        self.tmux || !self.native.is_empty()
    }

    /// Runs the clipboard programs for `text` (blocking: call it off the interface thread).
    pub fn run_programs(&self, text: &str) -> Vec<RouteResult> {
        let mut results = Vec::new();
        if self.tmux {
            // `-w` also sets the outer terminal's clipboard; tmux before 3.2 lacks it.
            let result = run("tmux", &["load-buffer", "-w", "-"], text)
                .or_else(|_| run("tmux", &["load-buffer", "-"], text));
            results.push(RouteResult {
                route: "tmux buffer",
                error: result.err(),
            });
        }
        // The first desktop tool that is installed and works is enough; when none does, each
        // one tried is named with what went wrong (#10).
        let mut errors = Vec::new();
        for tool in &self.native {
            match run(tool.program, tool.args, text) {
                Ok(()) => {
                    results.push(RouteResult {
                        route: tool.program,
                        error: None,
                    });
                    errors.clear();
                    break;
                }
                Err(e) => errors.push(format!("{}: {e}", tool.program)),
            }
        }
        if !errors.is_empty() {
            results.push(RouteResult {
                route: "desktop clipboard",
                error: Some(errors.join(", ")),
            });
        }
        results
    }
}

/// Writes `text` to the terminal's clipboard with OSC 52.
pub fn write_osc52(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.len() > OSC52_MAX_BYTES {
        return Err(io::Error::other(format!(
            "too long for a terminal's clipboard ({} KB, at most {} KB), not sent",
            text.len().div_ceil(1000),
            OSC52_MAX_BYTES / 1000
        )));
    }
    crossterm::execute!(out, CopyToClipboard::to_clipboard_from(text))
}

/// The most text sent over OSC 52: its base64 is 100,000 bytes, what hterm and others take.
/// Terminals drop or choke on larger sequences (#14: `y` on a 50 M-character insight wrote
/// 66 MB); tmux and the clipboard programs still get the whole text.
pub const OSC52_MAX_BYTES: usize = 74_994;

/// How one route fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteResult {
    pub route: &'static str,
    pub error: Option<String>,
}

/// The status line for a copy of `chars` characters: what a route confirmed is `copied`; OSC
/// 52 cannot be confirmed (a terminal may ignore it silently), so of it we only say it was
/// `sent` (#10). Every route that failed is named, with why.
pub fn report(
    chars: usize,
    osc52: &Result<(), String>,
    programs: &[RouteResult],
) -> (String, bool) {
    let confirmed: Vec<&str> = programs
        .iter()
        .filter(|r| r.error.is_none())
        .map(|r| r.route)
        .collect();
    let failed: Vec<String> = osc52
        .as_ref()
        .err()
        .map(|e| format!("OSC 52: {e}"))
        .into_iter()
        .chain(
            programs
                .iter()
                .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.route))),
        )
        .collect();
    let noun = if chars == 1 { "char" } else { "chars" };
    let line = match (confirmed.is_empty(), osc52.is_ok()) {
        (true, false) => return (format!("copy failed: {}", failed.join("; ")), true),
        (true, true) => format!("sent {chars} {noun} (OSC 52)"),
        (false, true) => format!(
            "copied {chars} {noun} ({}; OSC 52 sent)",
            confirmed.join(", ")
        ),
        (false, false) => format!("copied {chars} {noun} ({})", confirmed.join(", ")),
    };
    if failed.is_empty() {
        (line, false)
    } else {
        (format!("{line}; failed: {}", failed.join("; ")), false)
    }
}

/// Runs `program args…` with `text` on its standard input and waits, a while, for success.
/// Its output goes nowhere: xclip keeps its stdout open while it serves the selection, so
/// waiting on that would hang.
fn run(program: &str, args: &[&str], text: &str) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => "not installed".to_string(),
            _ => e.to_string(),
        })?;
    // The patience covers the writing too: a program that never reads its input would
    // otherwise hold the write, and every later copy behind it, for ever (#14). The text is
    // written from a thread of its own, which the kill below sets free.
    let start = Instant::now();
    let writer = child.stdin.take().map(|mut stdin| {
        let text = text.to_string();
        std::thread::spawn(move || stdin.write_all(text.as_bytes()).map_err(|e| e.to_string()))
    });
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) if status.success() => {
                // It finished: the writer has finished too, or failed, which is worth saying.
                return match writer.map(std::thread::JoinHandle::join) {
                    Some(Ok(Err(e))) => Err(e),
                    _ => Ok(()),
                };
            }
            Some(status) => {
                let code = status
                    .code()
                    .map_or("a signal".to_string(), |c| format!("status {c}"));
                return Err(format!("{program} failed ({code})"));
            }
            None if start.elapsed() > PROGRAM_PATIENCE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("did not finish in time".into());
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_capped_and_says_so() {
        let mut out = Vec::new();
        let fits = "x".repeat(OSC52_MAX_BYTES);
        write_osc52(&mut out, &fits).expect("sent");
        assert!(out.len() > OSC52_MAX_BYTES, "the whole text went, encoded");
        let mut out = Vec::new();
        let e = write_osc52(&mut out, &format!("{fits}y")).expect_err("too long");
        assert!(out.is_empty(), "nothing of it is written");
        let osc52 = Err(e.to_string());
        let tmux = [RouteResult {
            route: "tmux",
            error: None,
        }];
        let (line, is_error) = report(OSC52_MAX_BYTES + 1, &osc52, &tmux);
        assert!(!is_error, "tmux has it all: {line}");
        assert!(line.starts_with("copied 74995 chars (tmux)"), "{line}");
        assert!(line.contains("too long for a terminal"), "{line}");
        let (line, is_error) = report(OSC52_MAX_BYTES + 1, &osc52, &[]);
        assert!(is_error, "nothing has it: {line}");
    }

    fn with(vars: &[&str]) -> Clipboard {
        Clipboard::from_vars(|name| vars.contains(&name))
    }

    #[test]
    fn tmux_is_a_route_inside_tmux() {
        assert!(with(&["TMUX"]).tmux);
        assert!(!with(&[]).tmux);
    }

    #[test]
    fn a_local_display_adds_desktop_tools_but_not_over_ssh() {
        assert!(with(&["DISPLAY"]).native.contains(&XCLIP));
        assert!(with(&["WAYLAND_DISPLAY"]).native.contains(&WL_COPY));
        assert!(!with(&["DISPLAY", "SSH_CONNECTION"]).native.contains(&XCLIP));
        assert!(!with(&[]).has_programs());
        assert!(with(&["TMUX"]).has_programs());
    }

    #[test]
    fn report_names_what_carried_the_text() {
        let tmux_ok = RouteResult {
            route: "tmux buffer",
            error: None,
        };
        assert_eq!(
            report(214, &Ok(()), std::slice::from_ref(&tmux_ok)),
            (
                "copied 214 chars (tmux buffer; OSC 52 sent)".to_string(),
                false
            )
        );
        // OSC 52 alone is never confirmed: it was sent, and that is all that is known.
        assert_eq!(
            report(1, &Ok(()), &[]),
            ("sent 1 char (OSC 52)".into(), false)
        );
        assert_eq!(
            report(3, &Err("broken pipe".into()), &[tmux_ok]),
            (
                "copied 3 chars (tmux buffer); failed: OSC 52: broken pipe".into(),
                false
            )
        );
    }

    #[test]
    fn report_is_an_error_when_nothing_worked() {
        let tmux_bad = RouteResult {
            route: "tmux buffer",
            error: Some("not installed".into()),
        };
        let (text, is_error) = report(5, &Err("broken pipe".into()), &[tmux_bad]);
        assert!(is_error);
        assert_eq!(
            text,
            "copy failed: OSC 52: broken pipe; tmux buffer: not installed"
        );
    }

    #[test]
    fn every_desktop_tool_tried_is_named_when_none_works() {
        let clipboard = Clipboard {
            tmux: false,
            native: vec![
                NativeTool {
                    program: "stance-no-such-tool-a",
                    args: &[],
                },
                NativeTool {
                    program: "stance-no-such-tool-b",
                    args: &[],
                },
            ],
        };
        let results = clipboard.run_programs("x");
        let (line, is_error) = report(1, &Ok(()), &results);
        assert!(!is_error);
        assert_eq!(
            line,
            "sent 1 char (OSC 52); failed: desktop clipboard: stance-no-such-tool-a: not \
             installed, stance-no-such-tool-b: not installed"
        );
    }

    #[test]
    fn a_program_that_never_reads_its_input_is_given_up_on() {
        // `sleep` reads nothing: a megabyte fills the pipe, and the write would wait for it to
        // end, ten minutes on.
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(run("sleep", &["600"], &"x".repeat(1 << 20)));
        });
        let result = result
            .recv_timeout(Duration::from_secs(60))
            .expect("the copy gave up rather than waiting on the program");
        assert_eq!(result, Err("did not finish in time".into()));
    }

    #[test]
    fn a_missing_program_says_so() {
        assert_eq!(
            run("stance-no-such-clipboard-tool", &[], "x"),
            Err("not installed".into())
        );
    }
}
