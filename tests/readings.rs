//! Your reading (#13) end to end: the real binary in a pseudo-terminal rates and notes, its
//! reading files are read as TOML, and `--print` shows what it kept.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::Session;

/// A plain page: ten insights, every one unrated.
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed-page.txt");
const SEED_TITLE: &str =
    "China's Tech Indigenization Drive Pre-Dates and is Unaffected by US Export Controls";

/// How long to wait for something on disk before failing.
const PATIENCE: Duration = Duration::from_secs(15);

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a data folder")
}

fn readings_dir(data: &Path) -> PathBuf {
    data.join("stance").join("readings")
}

/// The reading files in the data folder: every `*.toml`, the hidden temporary files aside.
fn reading_files(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(readings_dir(data)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn parse(path: &Path) -> toml::Value {
    let text = std::fs::read_to_string(path).expect("read the reading");
    toml::from_str::<toml::Value>(&text)
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}\n{text}", path.display()))
}

/// The `[[insight]]` entries of a reading file.
fn entries(reading: &toml::Value) -> &[toml::Value] {
    reading
        .get("insight")
        .and_then(toml::Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn field<'a>(entry: &'a toml::Value, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(toml::Value::as_str)
}

/// The stances a reading file holds, sorted.
fn stances(reading: &toml::Value) -> Vec<String> {
    let mut out: Vec<String> = entries(reading)
        .iter()
        .filter_map(|e| field(e, "stance").map(str::to_string))
        .collect();
    out.sort();
    out
}

/// Polls until `pred` holds, or fails saying `what`.
fn wait_until(what: &str, pred: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if pred() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

/// The reader on `args`, keeping readings under `data`.
fn open(data: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
    let data = data.to_str().expect("a UTF-8 path");
    Session::start_with_env(args, &[("XDG_DATA_HOME", data)], cols, rows)
}

/// `stance ARGS` with readings under `data`, not in a terminal.
fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("run stance")
}

/// `stance --print ARGS`: its standard output, after checking it succeeded without a word on
/// standard error (a reading that does not read is a warning there).
fn print(data: &Path, args: &[&str]) -> String {
    let mut all = vec!["--print"];
    all.extend_from_slice(args);
    let out = run(data, &all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stance {all:?} failed: {stderr}");
    assert!(stderr.is_empty(), "stance {all:?} warned: {stderr}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The label lines (`[N] ...`) of `stance --print`'s text.
fn labels(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with('[')).collect()
}

fn quit(s: &mut Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "q quits cleanly");
    s.assert_restored();
}

#[test]
fn rating_the_seed_page_from_scratch_survives_a_restart() {
    let data = data_dir();
    let mut s = open(data.path(), &[SEED], 200, 40);
    s.wait_for_text("Insights 1/10");
    s.wait_for_text("·10 unrated");
    s.send("u");
    s.wait_for_text("Insights 1/10 · unrated only");
    // Each rating takes the insight out of the list and selects the next unrated one.
    s.send("A");
    s.wait_for_text("insight 1 yours: agrees");
    s.wait_for_text("Insights 1/9 · unrated only");
    s.wait_for_text("· UNRATED · insight 2");
    s.send("C");
    s.wait_for_text("insight 2 yours: conflicts");
    s.wait_for_text("Insights 1/8 · unrated only");
    s.wait_for_text("· UNRATED · insight 3");
    s.send("M");
    s.wait_for_text("insight 3 yours: mixed · 3/10 rated");
    s.wait_for_text("Insights 1/7 · unrated only");
    s.wait_for_text("· UNRATED · insight 4");
    s.send("e");
    s.wait_for_text("note on ");
    s.send("Backfire is real");
    s.wait_for_text(": Backfire is real");
    s.send("\r");
    s.wait_for_text("your note on insight 4 kept");
    quit(&mut s);

    let files = reading_files(data.path());
    assert_eq!(files.len(), 1, "one reading for one debate: {files:?}");
    let name = files[0].file_name().expect("a name").to_string_lossy();
    assert!(
        name.starts_with("china-s-tech-indigenization-drive-pre-da-"),
        "{name}"
    );
    let reading = parse(&files[0]);
    assert_eq!(
        reading.get("title").and_then(toml::Value::as_str),
        Some(SEED_TITLE)
    );
    assert!(reading.get("thesis").is_some_and(toml::Value::is_str));
    assert_eq!(stances(&reading), ["agrees", "conflicts", "mixed"]);
    let notes: Vec<&str> = entries(&reading)
        .iter()
        .filter_map(|e| field(e, "note"))
        .collect();
    assert_eq!(notes, ["Backfire is real"]);
    for entry in entries(&reading) {
        let fingerprint = field(entry, "fingerprint").expect("a fingerprint");
        assert_eq!(fingerprint.len(), 16, "{fingerprint}");
        assert!(!field(entry, "text").unwrap_or_default().is_empty());
        assert!(
            entry
                .get("changed")
                .and_then(toml::Value::as_integer)
                .is_some_and(|ms| ms > 1_600_000_000_000),
            "changed is in ms since 1970: {entry}"
        );
    }
    let place = reading.get("place").expect("a [place]");
    assert_eq!(
        place.get("filter").and_then(toml::Value::as_str),
        Some("unrated")
    );

    // Reopened: the counts, the filter, the place and the note are back.
    let mut s = open(data.path(), &[SEED], 200, 40);
    s.wait_for_text("+1 agree  −1 conflict  ±1 mixed  ·7 unrated");
    s.wait_for_text("3/10 rated");
    s.wait_for_text("Insights 1/7 · unrated only");
    s.wait_for_text("· UNRATED · insight 4");
    s.wait_for_text("Your note: Backfire is real");
    quit(&mut s);

    let text = print(data.path(), &[SEED]);
    assert_eq!(
        labels(&text)[..4],
        [
            "[1] AGREES with the thesis (yours)",
            "[2] CONFLICTS with the thesis (yours)",
            "[3] MIXED (yours)",
            "[4] UNRATED",
        ]
    );
    assert!(text.contains("\nYour note: Backfire is real\n"), "{text}");
    assert_eq!(text.matches("(yours)").count(), 3, "{text}");
}

#[test]
fn undo_and_redo_in_the_reader() {
    let data = data_dir();
    let mut s = open(data.path(), &[SEED], 200, 40);
    s.wait_for_text("Insights 1/10");
    s.send("A");
    s.wait_for_text("insight 1 yours: agrees");
    s.wait_for_text("AGREES with the thesis · yours · insight 1");
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.send("C");
    s.wait_for_text("insight 2 yours: conflicts");
    s.wait_for_text("CONFLICTS with the thesis · yours · insight 2");
    s.wait_for_text("+1 −1 ±0 ·8");
    // Each undo and redo is a change like any other, saved soon after without quitting.
    let on_disk = |wanted: &[&str]| {
        wait_until(&format!("{wanted:?} saved"), || {
            reading_files(data.path())
                .first()
                .is_some_and(|f| stances(&parse(f)) == wanted)
        });
    };
    on_disk(&["agrees", "conflicts"]);

    s.send("z");
    s.wait_for_text("undone: your change to insight 2");
    s.wait_for_text("· UNRATED · insight 2");
    s.wait_for_text("+1 −0 ±0 ·9");
    on_disk(&["agrees"]);
    s.send("z");
    s.wait_for_text("undone: your change to insight 1");
    s.wait_for_text("+0 −0 ±0 ·10");
    on_disk(&[]);
    s.send("z");
    s.wait_for_text("nothing to undo");

    s.send("Z");
    s.wait_for_text("redone: your change to insight 1");
    s.wait_for_text("+1 −0 ±0 ·9");
    on_disk(&["agrees"]);
    quit(&mut s);

    let text = print(data.path(), &[SEED]);
    assert_eq!(
        labels(&text)[..3],
        [
            "[1] AGREES with the thesis (yours)",
            "[2] UNRATED",
            "[3] UNRATED"
        ]
    );
    assert_eq!(text.matches("(yours)").count(), 1, "{text}");

    // A note is undone and redone too, and what is left on disk is what the screen showed.
    let mut s = open(data.path(), &[SEED], 200, 40);
    s.wait_for_text("+1 −0 ±0 ·9");
    s.send("g");
    s.wait_for_text("Insights 1/10");
    s.send("e");
    s.wait_for_text("note on ");
    s.send("Second thoughts\r");
    s.wait_for_text("Your note: Second thoughts");
    s.send("z");
    s.wait_for("the note to be undone", |screen| {
        !screen.contains("Your note: Second thoughts")
    });
    s.send("C"); // a new change after an undo: nothing is left to redo
    s.wait_for_text("+0 −1 ±0 ·9");
    s.send("Z");
    s.wait_for_text("nothing to redo");
    s.send("U");
    s.wait_for_text("+0 −0 ±0 ·10");
    s.send("z");
    s.wait_for_text("+0 −1 ±0 ·9");
    quit(&mut s);
    let text = print(data.path(), &[SEED]);
    assert!(!text.contains("Second thoughts"), "{text}");
    assert_eq!(
        labels(&text)[..2],
        ["[1] CONFLICTS with the thesis (yours)", "[2] UNRATED"],
        "{text}"
    );
}

/// The temporary files of saves in the readings folder: one is there while a save is under
/// way, and stays if the save was killed.
fn temp_files(data: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(readings_dir(data)).map_or_else(
        |_| Vec::new(),
        |entries| {
            entries
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| n.to_string_lossy().ends_with(".tmp"))
                .collect()
        },
    )
}

#[test]
fn sigkill_during_a_stream_of_edits_leaves_a_valid_reading() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;

    let data = data_dir();
    // Ratings, drops, moves, undos and redos: every key a change or a move.
    let keys = "AjCjMkUjAzZjCkMjjAkkC";
    let mut saved = false;
    let mut mid_save = 0;
    let mut readings_read = 0;
    // A kill at a moment after the stream starts, and then (`None`) one as soon as a save is
    // seen under way, for each a fresh process on the same reading.
    let rounds = [
        Some(150u64),
        Some(400),
        Some(650),
        Some(900),
        None,
        None,
        None,
    ];
    for (round, delay) in rounds.into_iter().enumerate() {
        let mut s = open(data.path(), &[SEED], 120, 30);
        s.wait_for_text("Insights ");
        let pid = s.pid().expect("pid");
        let before = temp_files(data.path());
        let start = Instant::now();
        let deadline = Duration::from_millis(delay.unwrap_or(1500));
        'stream: while start.elapsed() < deadline {
            s.send(keys);
            let polled = Instant::now();
            while polled.elapsed() < Duration::from_millis(2) {
                // Whoever reads the reading while it is saved sees it whole, old or new.
                if let Some(file) = reading_files(data.path()).first() {
                    match std::fs::read_to_string(file) {
                        Ok(text) => {
                            let reading =
                                toml::from_str::<toml::Value>(&text).unwrap_or_else(|e| {
                                    panic!("a torn reading, read during a save: {e}\n{text:?}")
                                });
                            assert_eq!(
                                reading.get("title").and_then(toml::Value::as_str),
                                Some(SEED_TITLE),
                                "{text}"
                            );
                            readings_read += 1;
                        }
                        // Renamed over between the listing and the reading.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => panic!("{}: {e}", file.display()),
                    }
                }
                if delay.is_none() && temp_files(data.path()).iter().any(|n| !before.contains(n)) {
                    mid_save += 1;
                    break 'stream;
                }
            }
        }
        kill(Pid::from_raw(pid as i32), Signal::SIGKILL).expect("SIGKILL");
        s.wait_exit();

        let files = reading_files(data.path());
        assert!(files.len() <= 1, "{files:?}");
        for file in &files {
            let reading = parse(file);
            assert_eq!(
                reading.get("title").and_then(toml::Value::as_str),
                Some(SEED_TITLE),
                "{} after SIGKILL in round {round}",
                file.display()
            );
        }
        saved |= !files.is_empty();
        // What a save killed half way leaves is its hidden temporary file, never a torn
        // reading: the next run reads the reading without complaint.
        print(data.path(), &[SEED]);
    }
    eprintln!(
        "SIGKILL hit a save under way {mid_save} times of 3; the reading was read whole {readings_read} times while saved"
    );
    assert!(
        saved,
        "a stream of changes over more than a second was never saved before SIGKILL"
    );
    let mut s = open(data.path(), &[SEED], 200, 40);
    s.wait_for_text("Insights ");
    s.wait_for_text("q quit");
    let screen = s.screen();
    assert!(!screen.contains("cannot use your reading"), "{screen}");
    quit(&mut s);
}

#[test]
fn two_processes_keep_each_others_changes() {
    let data = data_dir();
    let mut first = open(data.path(), &[SEED], 200, 40);
    let mut second = open(data.path(), &[SEED], 200, 40);
    first.wait_for_text("Insights 1/10");
    second.wait_for_text("Insights 1/10");
    // The stances on disk of insights 1, 2 and 3, found by the start of their text.
    let on_disk = || -> [Option<String>; 3] {
        let Some(file) = reading_files(data.path()).into_iter().next() else {
            return [None, None, None];
        };
        let reading = parse(&file);
        let of = |start: &str| {
            entries(&reading)
                .iter()
                .find(|e| field(e, "text").is_some_and(|t| t.starts_with(start)))
                .and_then(|e| field(e, "stance"))
                .map(str::to_string)
        };
        [
            of("Instead of a total ban"),
            of("Evaluating export controls"),
            of("Despite the U.S. easing"),
        ]
    };
    let shows = |wanted: [Option<&str>; 3]| on_disk() == wanted.map(|w| w.map(str::to_string));

    first.send("A");
    first.wait_for_text("insight 1 yours: agrees");
    wait_until("the first process's save", || {
        shows([Some("agrees"), None, None])
    });

    // The second opened before that save, so knows nothing of it: its save must merge.
    second.send("j");
    second.wait_for_text("Insights 2/10");
    second.send("C");
    second.wait_for_text("insight 2 yours: conflicts");
    wait_until("the second process's save", || {
        shows([Some("agrees"), Some("conflicts"), None])
    });
    // It took the first's change in, and shows it.
    second.wait_for_text("+1 −1 ±0 ·8");

    // The first changes its mind on insight 1: its save keeps the second's insight 2.
    first.send("M");
    first.wait_for_text("insight 1 yours: mixed");
    wait_until("the first process's second save", || {
        shows([Some("mixed"), Some("conflicts"), None])
    });
    first.wait_for_text("+0 −1 ±1 ·8");

    // The second's copy of insight 1 is older than the file's: its next save must not put it
    // back.
    second.send("j");
    second.wait_for_text("Insights 3/10");
    second.send("A");
    second.wait_for_text("insight 3 yours: agrees");
    wait_until("the second process's second save", || {
        shows([Some("mixed"), Some("conflicts"), Some("agrees")])
    });
    second.wait_for_text("+1 −1 ±1 ·7");

    quit(&mut first);
    quit(&mut second);
    assert_eq!(
        on_disk(),
        [Some("mixed"), Some("conflicts"), Some("agrees")].map(|w| w.map(str::to_string)),
        "after both quit"
    );
    let text = print(data.path(), &[SEED]);
    assert_eq!(
        labels(&text)[..4],
        [
            "[1] MIXED (yours)",
            "[2] CONFLICTS with the thesis (yours)",
            "[3] AGREES with the thesis (yours)",
            "[4] UNRATED",
        ],
        "{text}"
    );
}

#[test]
fn a_read_only_data_folder_says_so_and_keeps_the_change() {
    use std::os::unix::fs::PermissionsExt;

    let tmp = data_dir();
    let root = nix::unistd::geteuid().is_root();
    // Root writes to a read-only folder regardless: for root the data folder is under a
    // regular file, so it cannot be made at all, which fails a save the same way.
    let under = tmp.path().join("under");
    let data = under.join("data");
    let readings = readings_dir(&data);
    let break_it = || {
        if root {
            std::fs::write(&under, "not a folder").expect("write");
        } else {
            std::fs::create_dir_all(&readings).expect("mkdir");
            std::fs::set_permissions(&readings, std::fs::Permissions::from_mode(0o555))
                .expect("chmod");
        }
    };
    let mend_it = || {
        if root {
            std::fs::remove_file(&under).expect("rm");
            std::fs::create_dir(&under).expect("mkdir");
        } else {
            std::fs::set_permissions(&readings, std::fs::Permissions::from_mode(0o755))
                .expect("chmod back");
        }
    };
    break_it();

    // 120 columns: the question and the reason come before the file's long name.
    let mut s = open(&data, &[SEED], 120, 30);
    s.wait_for_text("Insights 1/10");
    // Quitting at once, before the change's own save: the save on the way out fails, and the
    // reader stays to say so.
    s.send("Aq");
    s.wait_for_text("cannot save your reading: ");
    // The message names the file.
    s.wait_for_text("(china-s-tech-indigenization-drive-pre-da-");
    // The change is kept in memory and shown.
    s.wait_for_text("AGREES with the thesis · yours · insight 1");
    s.wait_for_text("+1 −0 ±0 ·9");
    // Quitting asks first; any other key stays.
    s.send("q");
    s.wait_for_text("q again quits without saving");
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.wait_for("the question to go", |screen| {
        !screen.contains("q again quits without saving")
    });
    s.send("q");
    s.wait_for_text("q again quits without saving");
    s.send("q");
    // Quitting without the change is a failure a script can see, and says so.
    assert_eq!(s.wait_exit(), 1);
    s.assert_restored();
    assert!(reading_files(&data).is_empty());

    // The change waits in memory, and is saved once the folder takes it.
    let mut s = open(&data, &[SEED], 120, 30);
    s.wait_for_text("Insights 1/10");
    s.send("C");
    // The change's own save, soon after it, fails too.
    s.wait_for_text("cannot save your reading: ");
    s.wait_for_text("CONFLICTS with the thesis · yours · insight 1");
    mend_it();
    wait_until("the retried save", || {
        reading_files(&data)
            .first()
            .is_some_and(|f| stances(&parse(f)) == ["conflicts"])
    });
    // Nothing unsaved is left: q quits at once.
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let text = print(&data, &[SEED]);
    assert_eq!(labels(&text)[0], "[1] CONFLICTS with the thesis (yours)");
}

#[test]
fn export_as_toml_reads_back() {
    let data = data_dir();
    let mut s = open(data.path(), &[SEED], 200, 40);
    s.wait_for_text("Insights 1/10");
    s.send("A");
    s.wait_for_text("insight 1 yours: agrees");
    s.send("e");
    s.wait_for_text("note on ");
    s.send("A \"quoted\" reason\r");
    s.wait_for_text("your note on insight 1 kept");
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.send("C");
    s.wait_for_text("insight 2 yours: conflicts");
    s.send("jj");
    s.wait_for_text("Insights 4/10");
    s.send("e");
    s.wait_for_text("note on ");
    s.send("Only a note\r");
    s.wait_for_text("your note on insight 4 kept");
    s.send("j");
    s.wait_for_text("Insights 5/10");
    s.send("M");
    s.wait_for_text("insight 5 yours: mixed");
    quit(&mut s);

    let exported = print(data.path(), &["--format", "toml", SEED]);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("exported.toml");
    std::fs::write(&file, &exported).expect("write");
    let file = file.to_str().expect("UTF-8");
    // It reads back to itself, with the reading (whose debate it still is) and without.
    let fresh = data_dir();
    assert_eq!(print(fresh.path(), &["--format", "toml", file]), exported);
    assert_eq!(print(data.path(), &["--format", "toml", file]), exported);

    // Now the file's own stances and notes, not yours.
    let text = print(fresh.path(), &[file]);
    assert_eq!(
        labels(&text)[..6],
        [
            "[1] AGREES with the thesis",
            "[2] CONFLICTS with the thesis",
            "[3] UNRATED",
            "[4] UNRATED",
            "[5] MIXED",
            "[6] UNRATED",
        ],
        "{text}"
    );
    assert!(!text.contains("(yours)"), "{text}");
    assert!(!text.contains("Your note"), "{text}");
    assert!(text.contains("\nWhy: A \"quoted\" reason\n"), "{text}");
    assert!(text.contains("\nWhy: Only a note\n"), "{text}");

    // The seed itself, with the reading: the same stances, as yours.
    let json = print(data.path(), &["--format", "json", SEED]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let insights = json["insights"].as_array().expect("insights");
    assert_eq!(insights[0]["your_stance"], true);
    assert_eq!(insights[0]["your_note"], true);
    assert_eq!(insights[0]["note"], "A \"quoted\" reason");
    assert_eq!(insights[1]["stance"], "conflicts");
    assert_eq!(insights[2].get("your_stance"), None, "{}", insights[2]);
    assert_eq!(insights[3]["your_note"], true);
    assert_eq!(insights[3].get("your_stance"), None, "{}", insights[3]);
}

#[test]
fn the_reading_flag_keeps_it_in_the_named_file() {
    let data = data_dir();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("beside-the-debate.toml");
    let path_str = path.to_str().expect("UTF-8");
    let mut s = open(data.path(), &["--reading", path_str, SEED], 200, 40);
    s.wait_for_text("Insights 1/10");
    s.send("j");
    s.wait_for_text("Insights 2/10");
    s.send("C");
    s.wait_for_text("insight 2 yours: conflicts");
    quit(&mut s);

    let reading = parse(&path);
    assert_eq!(
        reading.get("title").and_then(toml::Value::as_str),
        Some(SEED_TITLE)
    );
    assert_eq!(stances(&reading), ["conflicts"]);
    assert!(
        !readings_dir(data.path()).exists(),
        "nothing goes to the data folder"
    );
    // The named file is where it is read from, too.
    let text = print(data.path(), &["--reading", path_str, SEED]);
    assert_eq!(labels(&text)[1], "[2] CONFLICTS with the thesis (yours)");
    assert!(!print(data.path(), &[SEED]).contains("(yours)"));

    // With two debates it is an error, said before the terminal is touched.
    let other = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.toml");
    let mut s = open(data.path(), &["--reading", path_str, SEED, other], 80, 24);
    assert_eq!(s.wait_exit(), 2);
    let out = String::from_utf8_lossy(&s.output()).to_string();
    assert!(out.contains("--reading"), "{out:?}");
    assert!(out.contains("one debate"), "{out:?}");
    assert!(
        !out.contains('\x1b'),
        "no escape sequence was written: {out:?}"
    );
    s.assert_restored();
    let reading = parse(&path);
    assert_eq!(stances(&reading), ["conflicts"], "the file is untouched");
}
