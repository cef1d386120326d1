//! Launch-to-first-screen and key-to-screen latency, measured as a user sees them: the release
//! binary in a pseudo-terminal of 120×40, its output fed to a terminal emulator (vt100), the
//! clock stopped when the screen first shows what the step should show. `less` on the same
//! page is measured in the same run, alternating with `stance`, as the reference.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example bench-startup            # 21 runs of each, built-in debate
//! cargo run --release --example bench-startup -- 51      # more runs
//! cargo run --release --example bench-startup -- 101 --launch-only   # the launch row alone
//! STANCE_BIN=/abs/path/stance cargo run --release --example bench-startup -- 201 --launch-only
//!                                                         # another build (an older commit's)
//! cargo run --release --example bench-startup -- 21 --folder-only  # a folder of 1,000 (#11)
//! STANCE_BIN=… cargo run --release --example bench-startup -- 11 --big-only  # 100,000 alone
//! ```
//!
//! It makes its own 100,000-insight debate (with the `gen-debate` generator) under the target
//! directory. Timings are medians, with the ratio to `less` where there is one: the machine is
//! shared and noisy, so single runs mean little.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// What the screen should show for a step to be over.
type Condition = Box<dyn Fn(&str) -> bool + Send>;

/// The screen and, once it first satisfies the awaited condition, when that was.
struct Watch {
    parser: vt100::Parser,
    want: Option<Condition>,
    seen: Option<Instant>,
}

struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    watch: Arc<Mutex<Watch>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Running {
    fn start(program: &Path, args: &[&str]) -> (Running, Instant) {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LESS", "");
        // No reading of the machine's puts the reader anywhere but the start.
        cmd.env(
            "XDG_DATA_HOME",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/target/bench-startup/no-readings"
            ),
        );
        for name in [
            "TMUX",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "NO_COLOR",
            "XDG_CONFIG_HOME",
        ] {
            cmd.env_remove(name);
        }
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
        let watch = Arc::new(Mutex::new(Watch {
            parser: vt100::Parser::new(size(ROWS), size(COLS), 0),
            want: None,
            seen: None,
        }));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let w = Arc::clone(&watch);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let now = Instant::now();
                let mut w = w.lock().expect("watch");
                w.parser.process(&buf[..n]);
                if w.seen.is_none()
                    && w.want
                        .as_ref()
                        .is_some_and(|f| f(&w.parser.screen().contents()))
                {
                    w.seen = Some(now);
                }
            }
        });
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        (
            Running {
                child,
                writer,
                watch,
                _master: pty.master,
            },
            started,
        )
    }

    /// Waits for the screen to satisfy `want` and returns when it first did.
    fn until(&self, want: impl Fn(&str) -> bool + Send + 'static) -> Instant {
        {
            let mut w = self.watch.lock().expect("watch");
            if want(&w.parser.screen().contents()) {
                w.want = None;
                return Instant::now();
            }
            w.seen = None;
            w.want = Some(Box::new(want));
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(seen) = self.watch.lock().expect("watch").seen {
                return seen;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let screen = self.watch.lock().expect("watch").parser.screen().contents();
        panic!("timed out; the screen shows:\n{screen}");
    }

    /// Sends `keys` and returns how long until the screen satisfies `want`.
    fn key(&mut self, keys: &str, want: impl Fn(&str) -> bool + Send + 'static) -> Duration {
        {
            let mut w = self.watch.lock().expect("watch");
            w.seen = None;
            w.want = Some(Box::new(want));
        }
        let sent = Instant::now();
        self.writer.write_all(keys.as_bytes()).expect("keys");
        self.writer.flush().expect("flush");
        let deadline = sent + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(seen) = self.watch.lock().expect("watch").seen {
                return seen.saturating_duration_since(sent);
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        let screen = self.watch.lock().expect("watch").parser.screen().contents();
        panic!("no screen for {keys:?}; the screen shows:\n{screen}");
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The screen `program` settles on once it has started and drawn.
fn settled(program: &Path, args: &[&str]) -> String {
    let (run, _) = Running::start(program, args);
    run.until(|s| !s.trim().is_empty());
    std::thread::sleep(Duration::from_millis(500));
    let screen = run.watch.lock().expect("watch").parser.screen().contents();
    run.stop();
    screen
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

/// Peak resident memory of a process, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(21);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // STANCE_BIN measures another build (an older commit's, say) against the same `less`.
    let stance = std::env::var_os("STANCE_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target/release/stance"));
    assert!(
        stance.exists(),
        "build the release binary first: cargo build --release"
    );
    let work = root.join("target/bench-startup");
    std::fs::create_dir_all(&work).expect("work dir");

    // The built-in debate, and the same page for less. "First full screen" is the screen each
    // settles on, taken once beforehand: `less` writes its screen a kilobyte at a time, so its
    // first line shows well before the rest of it.
    let page = work.join("seed-page.txt");
    std::fs::copy(root.join("tests/fixtures/seed-page.txt"), &page).expect("page");
    let page_arg = page.display().to_string();
    let stance_screen = settled(&stance, &[]);
    let less_screen = settled(Path::new("less"), &[&page_arg]);
    assert!(stance_screen.contains("Insights 1/10") && less_screen.contains("seed-page.txt"));
    let race = against_less(
        &stance,
        &[],
        &stance_screen,
        &[&page_arg],
        &less_screen,
        runs,
    );
    let (s, l, paired_median) = (race.stance, race.less, race.paired_median);
    let faster = race.stance_first;
    println!(
        "machine: {} cores; {runs} runs of each, alternating",
        cores()
    );
    println!();
    println!("| what | median | reference | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| built-in debate: launch to first full screen | {} | less on the same page: {} | {:.2}× (median of the {runs} paired ratios {:.2}×; stance first in {faster} of {runs}) |",
        ms(s),
        ms(l),
        s.as_secs_f64() / l.as_secs_f64(),
        paired_median,
    );

    if std::env::args().any(|a| a == "--launch-only") {
        return;
    }
    if !std::env::args().any(|a| a == "--big-only" || a == "--folder-only") {
        kialo(&stance, &work, runs);
    }
    if std::env::args().any(|a| a == "--kialo-only") {
        return;
    }
    if !std::env::args().any(|a| a == "--big-only") {
        folder(&stance, &work, runs, s);
    }
    if std::env::args().any(|a| a == "--folder-only") {
        return;
    }

    // 100,000 insights, both formats.
    for (plain, name) in [(false, "big.toml"), (true, "big.txt")] {
        let path = work.join(name);
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("big file"));
        stance::synthetic::write_debate(100_000, plain, &mut file).expect("write");
        drop(file);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let arg = path.display().to_string();
        let mut times = Vec::new();
        let mut peaks = Vec::new();
        let big_runs = runs.min(7);
        for _ in 0..big_runs {
            let (run, started) = Running::start(&stance, &[&arg]);
            let shown = run.until(|s| s.contains("Insights 1/100000"));
            times.push(shown - started);
            peaks.push(peak_kib(run.pid()));
            run.stop();
        }
        let peak = *peaks.iter().max().unwrap_or(&0);
        println!(
            "| 100,000 insights, {} ({:.0} MB): launch to first screen | {} | target ≤ 1 s | |",
            if plain { "plain page" } else { "TOML" },
            size as f64 / 1e6,
            ms(median(times))
        );
        println!(
            "| 100,000 insights, {}: peak memory | {:.0} MB | {:.2}× the file (target ≤ 3×) | |",
            if plain { "plain page" } else { "TOML" },
            peak as f64 * 1024.0 / 1e6,
            peak as f64 * 1024.0 / size as f64
        );
        if plain {
            continue;
        }

        // Keys at 100,000, in one session: each step's screen is different from the last.
        let (mut run, _) = Running::start(&stance, &[&arg]);
        run.until(|s| s.contains("Insights 1/100000"));
        let mut keys: Vec<(&str, Vec<Duration>)> = vec![
            ("j (next)", vec![]),
            ("G (last)", vec![]),
            ("PgUp", vec![]),
            ("g (first)", vec![]),
            ("a (filter: agrees)", vec![]),
            ("a (filter: all again)", vec![]),
            ("search keystroke (/ then 5 letters, each)", vec![]),
        ];
        for _ in 0..runs {
            keys[0]
                .1
                .push(run.key("j", |s| s.contains("Insights 2/100000")));
            keys[1]
                .1
                .push(run.key("G", |s| s.contains("Insights 100000/100000")));
            keys[2].1.push(run.key("\x1b[5~", |s| {
                !s.contains("Insights 100000/100000") && s.contains("/100000 ")
            }));
            keys[3]
                .1
                .push(run.key("g", |s| s.contains("Insights 1/100000")));
            // From the first insight, which agrees with nothing: the filter moves the selection.
            keys[4].1.push(run.key("a", |s| s.contains("agrees only")));
            keys[5].1.push(run.key("a", |s| {
                !s.contains("agrees only") && s.contains("/100000 ")
            }));
            // Back to the first insight for the next round (not timed).
            run.key("g", |s| s.contains("Insights 1/100000"));
            run.key("/", |s| {
                s.contains("of 100000 match") || s.contains("Enter keep")
            });
            for (i, c) in "china".chars().enumerate() {
                let typed: String = "china".chars().take(i + 1).collect();
                let shown = format!(" /{typed} ");
                keys[6]
                    .1
                    .push(run.key(&c.to_string(), move |s| s.contains(&shown)));
            }
            run.key("\x1b", |s| !s.contains("Enter keep"));
        }
        for (what, times) in keys {
            let target = if what.starts_with('a') || what.starts_with("search") {
                "≤ 50 ms"
            } else {
                "≤ 16 ms"
            };
            println!(
                "| 100,000 insights: {what}, key to screen | {} | target {target} | |",
                ms(median(times))
            );
        }

        // Idle: nobody types for two seconds.
        let before = cpu_ticks(run.pid());
        std::thread::sleep(Duration::from_secs(2));
        let used = cpu_ticks(run.pid()) - before;
        println!(
            "| idle for 2 s at 100,000 insights: CPU used | {used} clock ticks | target 0 | |"
        );
        run.stop();
    }
}

/// A Kialo export of 3,000 claims (#12), about 700 KB: launch to the first full screen,
/// against `less` on the same file, alternating, with the ratio of each pair.
fn kialo(stance: &Path, work: &Path, runs: usize) {
    let path = work.join("kialo-3000.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("kialo file"));
    stance::synthetic::write_kialo(3000, &mut file).expect("write");
    drop(file);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let arg = path.display().to_string();
    let stance_screen = settled(stance, &[&arg]);
    let less_screen = settled(Path::new("less"), &[&arg]);
    assert!(
        stance_screen.contains("Insights 1/3000"),
        "stance did not open the export:\n{stance_screen}"
    );
    let race = against_less(stance, &[&arg], &stance_screen, &[&arg], &less_screen, runs);
    let (s, l) = (race.stance, race.less);
    println!(
        "| Kialo export, 3,000 claims ({:.0} KB): launch to first full screen | {} | less on the same file: {} | {:.2}× (median of the {runs} paired ratios {:.2}×; target ≤ 2×) |",
        size as f64 / 1e3,
        ms(s),
        ms(l),
        s.as_secs_f64() / l.as_secs_f64(),
        race.paired_median,
    );
}

/// Medians of stance and `less` launched to their settled screens, alternating.
struct Race {
    stance: Duration,
    less: Duration,
    /// Each stance run against the less run next to it, so that the machine's drifting load
    /// cancels out.
    paired_median: f64,
    stance_first: usize,
}

fn against_less(
    stance: &Path,
    stance_args: &[&str],
    stance_screen: &str,
    less_args: &[&str],
    less_screen: &str,
    runs: usize,
) -> Race {
    let (mut stance_times, mut less_times) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        for (program, args, screen, times) in [
            (stance, stance_args, stance_screen, &mut stance_times),
            (Path::new("less"), less_args, less_screen, &mut less_times),
        ] {
            let (run, started) = Running::start(program, args);
            let full = screen.to_string();
            times.push(run.until(move |s| s == full) - started);
            run.stop();
        }
    }
    let mut paired: Vec<f64> = stance_times
        .iter()
        .zip(&less_times)
        .map(|(s, l)| s.as_secs_f64() / l.as_secs_f64())
        .collect();
    paired.sort_by(f64::total_cmp);
    Race {
        stance: median(stance_times),
        less: median(less_times),
        paired_median: paired[paired.len() / 2],
        stance_first: paired.iter().filter(|&&r| r <= 1.0).count(),
    }
}

/// A folder of 1,000 debates (#11): the picker on screen, a keystroke in its filter, opening a
/// debate from it, and memory; each against the same step for the built-in debate (or that
/// debate's file alone) in the same run.
fn folder(stance: &Path, work: &Path, runs: usize, builtin_launch: Duration) {
    let dir = work.join("folder-1000");
    let _ = std::fs::remove_dir_all(&dir);
    stance::synthetic::write_folder(&dir, 1000).expect("the folder");
    let arg = dir.display().to_string();
    let bytes: u64 = walk_size(&dir);

    // Launch: the picker, with its filter line and a first row, before every file is read.
    let mut launches = Vec::new();
    let mut all_read = Vec::new();
    let mut early = 0;
    for _ in 0..runs {
        let (run, started) = Running::start(stance, &[&arg]);
        let shown = run.until(|s| s.contains("Debates") && s.contains("▶"));
        launches.push(shown - started);
        let screen = run.watch.lock().expect("watch").parser.screen().contents();
        if screen.contains("not read yet") {
            early += 1;
        }
        let done = run.until(|s| s.contains("Debates") && !s.contains("not read yet"));
        all_read.push(done - started);
        run.stop();
    }
    println!(
        "| folder of 1,000 debates ({:.1} MB): launch to the picker on screen | {} | the built-in debate's launch: {} | {:.2}× (target ≤ 100 ms; files still being read when it showed in {early} of {runs}) |",
        bytes as f64 / 1e6,
        ms(median(launches.clone())),
        ms(builtin_launch),
        median(launches).as_secs_f64() / builtin_launch.as_secs_f64(),
    );
    println!(
        "| folder of 1,000 debates: launch to every row read | {} | | |",
        ms(median(all_read))
    );

    // Keystrokes in the picker's filter, each letter to the screen showing it, against `j` in
    // the built-in debate.
    let (mut run, _) = Running::start(stance, &[&arg]);
    run.until(|s| s.contains("Debates") && !s.contains("not read yet"));
    let mut typed = Vec::new();
    for _ in 0..runs {
        for (i, _) in "export".char_indices() {
            let text = &"export"[..=i];
            let want = format!("> {text} ");
            typed.push(run.key(&text[i..], move |s| s.contains(&want)));
        }
        // Ctrl-U clears the filter for the next round (not timed).
        run.key("\x15", |s| s.contains(">  "));
    }
    let peak_listed = peak_kib(run.pid());
    // Idle once every file is read: the reading thread has finished, nothing ticks.
    let before = cpu_ticks(run.pid());
    std::thread::sleep(Duration::from_secs(2));
    let idle = cpu_ticks(run.pid()) - before;
    run.stop();
    let (mut reference, _) = Running::start(stance, &[]);
    reference.until(|s| s.contains("Insights 1/10"));
    let mut moved = Vec::new();
    for _ in 0..runs {
        moved.push(reference.key("j", |s| s.contains("Insights 2/10")));
        moved.push(reference.key("k", |s| s.contains("Insights 1/10")));
    }
    let peak_builtin = peak_kib(reference.pid());
    reference.stop();
    let (t, m) = (median(typed), median(moved));
    println!(
        "| folder of 1,000 debates: a keystroke in the picker's filter (\"export\", each letter) | {} | j/k in the built-in debate: {} | {:.2}× (target ≤ 16 ms) |",
        ms(t),
        ms(m),
        t.as_secs_f64() / m.as_secs_f64()
    );

    // Opening: the filter narrowed to one debate, Enter to its first screen, against
    // launching stance on that file alone.
    let mut opened = Vec::new();
    let mut alone = Vec::new();
    for round in 0..runs {
        let n = 100 + round * 37 % 900;
        let (mut run, _) = Running::start(stance, &[&arg]);
        run.until(|s| s.contains("Debates") && !s.contains("not read yet"));
        let wanted = format!("({n})");
        let row = "▶ ".to_string();
        let mark = wanted.clone();
        run.key(&wanted, move |s| {
            s.lines().any(|l| l.contains(&row) && l.contains(&mark))
        });
        opened.push(run.key("\r", |s| s.contains("Thesis · debate")));
        run.stop();
        let file = std::fs::read_dir(dir.join(format!("part-{:02}", (n - 1) / 100)))
            .expect("part")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_stem()
                    .is_some_and(|s| s.to_string_lossy() == format!("debate-{n:04}"))
            })
            .expect("the debate's file");
        let file = file.display().to_string();
        let (run, started) = Running::start(stance, &[&file]);
        let shown = run.until(|s| s.contains("Insights 1/"));
        alone.push(shown - started);
        run.stop();
    }
    let (o, a) = (median(opened), median(alone));
    println!(
        "| folder of 1,000 debates: Enter in the picker to the debate on screen | {} | launching stance on that file alone: {} | {:.2}× (target ≤ 50 ms) |",
        ms(o),
        ms(a),
        o.as_secs_f64() / a.as_secs_f64()
    );
    println!(
        "| folder of 1,000 debates, every row read: idle for 2 s, CPU used | {idle} clock ticks | target 0 | |"
    );
    println!(
        "| folder of 1,000 debates, every row read: peak memory | {:.1} MB | the built-in debate alone: {:.1} MB | {:.2}× (the folder is {:.1} MB) |",
        peak_listed as f64 * 1024.0 / 1e6,
        peak_builtin as f64 * 1024.0 / 1e6,
        peak_listed as f64 / peak_builtin.max(1) as f64,
        bytes as f64 / 1e6,
    );
}

/// The bytes of every file under `dir`.
fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        walk_size(&path)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
