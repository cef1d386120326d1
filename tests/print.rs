//! `stance --print`: the debate on standard output in each format, without a terminal.

use std::path::Path;
use std::process::{Command, Output};

fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(args)
        .output()
        .expect("run stance")
}

fn stdout(args: &[&str]) -> String {
    let out = stance(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path)
        .display()
        .to_string()
}

#[test]
fn text_has_title_source_thesis_and_every_insight_with_stance_and_note() {
    let out = stdout(&["--print"]);
    assert!(
        out.starts_with("China's Tech Indigenization Drive"),
        "{out}"
    );
    assert!(out.contains("Source: RiffOn"));
    assert!(out.contains("The argument that U.S. export controls accelerate"));
    assert_eq!(out.matches("\n[").count(), 10, "{out}");
    assert!(out.contains("[4] CONFLICTS with the thesis\nInstead of crippling China"));
    assert!(out.contains("Why: Says the sanctions forced China"));
}

#[test]
fn json_parses_back_into_the_same_debate() {
    let out = stdout(&["--print", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let debate = stance::debate::builtin();
    assert_eq!(v["title"], debate.title.as_str());
    assert_eq!(v["source"], "RiffOn");
    assert_eq!(v["thesis"], debate.thesis.as_str());
    let insights = v["insights"].as_array().expect("insights");
    assert_eq!(insights.len(), debate.insights.len());
    for (j, (i, n)) in insights
        .iter()
        .zip(&debate.insights)
        .zip(1..)
        .map(|((j, i), n)| (j, (i, n)))
    {
        assert_eq!(j["number"], n);
        assert_eq!(j["text"], i.text.as_str());
        assert_eq!(j["stance"], i.stance.name());
        assert_eq!(j["note"].as_str(), i.note.as_deref());
    }
}

#[test]
fn json_of_a_plain_page_has_null_notes_and_unrated_stances() {
    let out = stdout(&[
        "--print",
        "--format",
        "json",
        &fixture("fixtures/seed-page.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(
        v["insights"]
            .as_array()
            .expect("insights")
            .iter()
            .all(|i| i["note"].is_null() && i["stance"] == "unrated")
    );
}

#[test]
fn markdown_groups_insights_under_a_heading_per_stance() {
    let out = stdout(&["--print", "--format", "markdown"]);
    assert!(out.starts_with("# China's Tech Indigenization Drive"));
    let agrees = out
        .find("## Agrees with the thesis (6)")
        .expect("agrees heading");
    let conflicts = out
        .find("## Conflicts with the thesis (4)")
        .expect("conflicts heading");
    assert!(agrees < conflicts);
    assert!(!out.contains("## Mixed"), "no empty groups");
    assert!(out[agrees..conflicts].contains("**2.** Evaluating export controls"));
    assert!(out[conflicts..].contains("**1.** Instead of a total ban"));
}

/// The numbers of the insights `--print --format json` with `args` writes.
fn printed_numbers(args: &[&str]) -> Vec<u64> {
    let out = stdout(&[&["--print", "--format", "json"], args].concat());
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    v["insights"]
        .as_array()
        .expect("insights")
        .iter()
        .map(|i| i["number"].as_u64().expect("n"))
        .collect()
}

#[test]
fn only_and_grep_choose_the_insights() {
    assert_eq!(printed_numbers(&["--only", "conflicts"]), vec![1, 4, 6, 10]);
    assert_eq!(printed_numbers(&["--grep", "huawei"]), vec![3, 5]);
    assert_eq!(
        printed_numbers(&["--grep", "huawei", "--only", "agrees"]),
        vec![3, 5]
    );
    let none = stance(&["--print", "--grep", "Huawei", "--only", "conflicts"]);
    assert_eq!(
        none.status.code(),
        Some(1),
        "like grep, nothing chosen is status 1"
    );
    assert_eq!(
        String::from_utf8_lossy(&none.stderr),
        "stance: no insight matches --only conflicts --grep \"Huawei\"\n"
    );
    // As grep: nothing chosen, nothing written, in every format.
    for format in ["text", "markdown", "json"] {
        let none = stance(&["--print", "--format", format, "--only", "mixed"]);
        assert_eq!(none.status.code(), Some(1));
        assert!(
            none.stdout.is_empty(),
            "{format}: {:?}",
            String::from_utf8_lossy(&none.stdout)
        );
        assert_eq!(
            String::from_utf8_lossy(&none.stderr),
            "stance: no insight matches --only mixed\n"
        );
    }
}

#[test]
fn a_broken_theme_or_config_warns_but_does_not_stop_print() {
    let dir = std::env::temp_dir().join(format!("stance-print-config-{}", std::process::id()));
    let config = dir.join("stance");
    std::fs::create_dir_all(&config).expect("config dir");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_stance"))
            .env(
                "XDG_DATA_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
            )
            .args(args)
            .env("XDG_CONFIG_HOME", &dir)
            .output()
            .expect("run stance")
    };
    // A theme that does not exist, named on the command line.
    let out = run(&["--print", "--theme", "no-such-theme"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Source: RiffOn"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("stance: warning: no theme named"), "{err}");
    // A config that does not parse.
    std::fs::write(config.join("config.toml"), "theme = \n").expect("config");
    let out = run(&["--print"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Source: RiffOn"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:1:"),
        "names the file and place: {err}"
    );
    assert!(err.contains("warning"), "{err}");
    // The reader itself still refuses both, before touching the terminal.
    let out = run(&["--theme", "no-such-theme"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_never_carries_a_control_character_from_the_document() {
    for format in ["text", "markdown", "json"] {
        let out = stdout(&[
            "--print",
            "--format",
            format,
            &fixture("hostile/controls.toml"),
        ]);
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
            })
            .collect();
        assert!(bad.is_empty(), "{format}: {bad:?} in {out:?}");
        assert!(
            out.contains("Insight one red."),
            "{format}: text survives: {out}"
        );
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(["--print", "--format", "json"])
        // Not the test's own standard input: a pipe there would be read as the debate.
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    assert!(status.success(), "{status:?}: {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn print_errors_like_the_reader_does() {
    let out = stance(&["--print", "/no/such.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "stance: /no/such.toml: no such file or directory\n"
    );
}

#[test]
fn the_reader_refuses_a_pipe_and_points_to_print() {
    let out = stance(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--print"));
    assert!(out.stdout.is_empty(), "the terminal was not touched");
}

/// Runs `stance ARGS` with `input` on a pipe to its standard input.
fn stance_with_input(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write the page");
    drop(stdin);
    child.wait_with_output().expect("wait")
}

/// #10: `--print -`, and `--print` with a pipe, read the debate from standard input; a
/// redirect from /dev/null (nothing is piped in) is the built-in debate, as with no input.
#[test]
fn print_reads_the_debate_from_a_pipe() {
    let page = std::fs::read(fixture("fixtures/pages/title-without-source.txt")).expect("page");
    for args in [&["--print", "-"][..], &["--print"][..]] {
        let out = stance_with_input(args, &page);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.starts_with("Working From Home\n"), "{args:?}: {text}");
        assert!(text.contains("Mentoring suffers when nobody shares a room."));
    }
    assert!(stdout(&["--print"]).starts_with("China's Tech Indigenization Drive"));
}

#[test]
fn an_empty_or_bad_standard_input_is_named_with_status_2() {
    let cases: [(&[&str], &[u8], &str); 4] = [
        (
            &[],
            b"",
            "stance: standard input: is empty; pipe a debate in, or name a file\n",
        ),
        (
            &["--print"],
            b" \n\n",
            "stance: standard input: is empty; pipe a debate in, or name a file\n",
        ),
        (
            &["--print", "-"],
            b"Just prose.\n",
            "stance: standard input: not a debate: expected TOML (title = \"\u{2026}\"), a Kialo export (Discussion Name:), an Argdown map ([Title]: text, then + or - replies), or a plain page with a line \"Related Insights\"\n",
        ),
        (
            &["-"],
            b"title = \"t\"\nthesis = \"x\"\ncolour = 1\n",
            "stance: standard input:3:1: unknown field `colour`",
        ),
    ];
    for (args, input, message) in cases {
        let out = stance_with_input(args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?} {input:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(message), "{args:?}: {err}");
    }
}
