//! Loading debates: both formats, recognised by content, and every kind of bad file refused
//! with the file's name and, where there is one, the line and column.

use std::path::{Path, PathBuf};

use stance::debate::{self, Stance, load_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn the_builtin_debate_is_the_seed_page_annotated() {
    let annotated = debate::builtin();
    let page = load_path(&fixture("seed-page.txt")).expect("seed page");
    assert_eq!(annotated.title, page.title);
    assert_eq!(annotated.source.as_deref(), Some("RiffOn"));
    assert_eq!(annotated.thesis, page.thesis);
    assert_eq!(annotated.insights.len(), 10);
    for (a, p) in annotated.insights.iter().zip(&page.insights) {
        assert_eq!(a.text, p.text);
        assert_eq!(p.stance, Stance::Unrated, "a plain page carries no stances");
        assert_ne!(a.stance, Stance::Unrated, "every seed insight is annotated");
        assert!(
            a.note.as_deref().is_some_and(|n| !n.is_empty()),
            "and says why"
        );
    }
}

/// The built-in debate is compiled in by build.rs; the reader's own parser, cleaning and
/// checks included, must make exactly the same of the seed file.
#[test]
fn the_compiled_in_debate_is_what_the_parser_makes_of_the_seed() {
    let parsed = debate::parse(debate::BUILTIN_TOML, Path::new(debate::BUILTIN_NAME))
        .expect("the seed parses");
    assert_eq!(debate::builtin(), parsed);
}

#[test]
fn the_plain_page_reads_title_source_thesis_and_insights() {
    let d = load_path(&fixture("seed-page.txt")).expect("seed page");
    assert_eq!(
        d.title,
        "China's Tech Indigenization Drive Pre-Dates and is Unaffected by US Export Controls"
    );
    assert_eq!(d.source.as_deref(), Some("RiffOn"));
    assert!(
        d.thesis
            .starts_with("The argument that U.S. export controls")
    );
    assert!(d.insights[0].text.starts_with("Instead of a total ban"));
    assert!(
        d.insights[9]
            .text
            .ends_with("diminishing the policy's long-term effectiveness.")
    );
}

/// #10: a page hard-wrapped at 50 columns (`fold -s -w 50`) is the same debate as the page
/// it was folded from: its paragraphs reflowed, so sentences and copies have no hard breaks.
#[test]
fn a_hard_wrapped_page_reads_as_the_page_it_was_wrapped_from() {
    let folded = load_path(&fixture("seed-page-folded.txt")).expect("folded page");
    let page = load_path(&fixture("seed-page.txt")).expect("seed page");
    assert_eq!(folded, page);
    assert!(!folded.thesis.contains('\n'));
    let insight = &folded.insights[2].text;
    let sentences: Vec<&str> = stance::quote::sentences(insight)
        .into_iter()
        .map(|r| &insight[r])
        .collect();
    assert_eq!(sentences.len(), 2, "{sentences:?}");
    assert!(sentences[1].starts_with("Beijing is prioritizing its long-term goal"));
}

#[test]
fn a_list_keeps_its_lines_and_a_wrapped_sentence_does_not_become_one() {
    let d = load_path(&fixture("pages/list-in-thesis.txt")).expect("page");
    assert_eq!(
        d.thesis,
        "Remote work makes teams more productive, for three reasons:\n\
         - nobody loses an hour a day to the commute;\n\
         - quiet rooms beat open offices for focus;\n\
         - meetings get shorter when they are calls."
    );
    assert_eq!(
        d.insights[0].text,
        "Mentoring suffers when nobody shares a room, and juniors learn more slowly - by \
         months, not weeks."
    );
}

/// #10: pages a person would call the same format as the seed.
#[test]
fn plain_pages_in_the_same_format_as_the_seed_load() {
    let cases = [
        (
            "lower-case-heading.txt",
            "Working From Home",
            Some("Field Notes"),
        ),
        (
            "colon-heading.txt",
            "Working From Home",
            Some("Field Notes"),
        ),
        (
            "no-spaces-around-bar.txt",
            "Working From Home",
            Some("Field Notes"),
        ),
        ("title-without-source.txt", "Working From Home", None),
        ("title-and-bar.txt", "Does Working From Home Work?", None),
    ];
    for (name, title, source) in cases {
        let d = load_path(&fixture(&format!("pages/{name}"))).expect(name);
        assert_eq!(d.title, title, "{name}");
        assert_eq!(d.source.as_deref(), source, "{name}");
        assert_eq!(
            d.thesis, "Remote work makes teams more productive.",
            "{name}"
        );
        let texts: Vec<&str> = d.insights.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Quiet rooms beat open offices for focus.",
                "Mentoring suffers when nobody shares a room."
            ],
            "{name}"
        );
    }
}

/// The rule that tells a title without a source from a last insight: a last paragraph
/// without `|` is the title unless it ends like a sentence.
#[test]
fn a_last_paragraph_that_ends_like_a_sentence_is_not_taken_for_the_title() {
    let page = |last: &str| format!("A thesis.\n\nRelated Insights\n\nAn insight.\n\n{last}\n");
    for title in [
        "Working From Home",
        "Working From Home: A Field Guide (2024)",
    ] {
        let d = stance::debate::parse(&page(title), Path::new("p.txt")).expect(title);
        assert_eq!(d.title, title);
        assert_eq!(d.insights.len(), 1);
    }
    for last in [
        "Another insight.",
        "Is it?",
        "They said \"so it goes.\"",
        "Wait…",
    ] {
        let e = stance::debate::parse(&page(last), Path::new("p.txt")).expect_err(last);
        assert_eq!(e.position, Some((7, 1)), "{last}: {e}");
        assert!(e.message.contains("reads as an insight"), "{last}: {e}");
        assert!(
            e.message.contains("\" |\""),
            "says how to make it the title: {e}"
        );
    }
}

#[test]
fn the_format_is_recognised_by_content_not_extension() {
    let dir = tempdir();
    let page_as_toml = dir.join("page.toml");
    std::fs::copy(fixture("seed-page.txt"), &page_as_toml).expect("copy");
    assert_eq!(load_path(&page_as_toml).expect("page").insights.len(), 10);
    let toml_as_txt = dir.join("debate.txt");
    std::fs::copy(fixture("minimal.toml"), &toml_as_txt).expect("copy");
    assert_eq!(load_path(&toml_as_txt).expect("toml").title, "Minimal");
}

#[test]
fn stance_defaults_to_unrated_and_note_is_optional() {
    let d = load_path(&fixture("minimal.toml")).expect("minimal");
    assert_eq!(d.insights[0].stance, Stance::Unrated);
    assert_eq!(d.insights[0].note, None);
    assert_eq!(d.insights[1].stance, Stance::Agrees);
    assert_eq!(d.insights[1].note.as_deref(), Some("Because."));
    assert_eq!(d.source, None);
}

/// Loads an invalid fixture and returns its error as the user sees it.
fn error_of(name: &str) -> String {
    let path = fixture(&format!("invalid/{name}"));
    let e = load_path(&path).expect_err(name);
    let shown = e.to_string();
    assert!(
        shown.starts_with(&path.display().to_string()),
        "names the file: {shown}"
    );
    shown
}

#[test]
fn invalid_files_give_the_expected_messages() {
    let cases = [
        ("unknown-key.toml", ":3:1: ", "unknown field `colour`"),
        (
            "bad-stance.toml",
            ":5:10: ",
            "string \"maybe\", expected one of \"agrees\"",
        ),
        (
            "stance-number.toml",
            ":5:10: ",
            "integer `5`, expected one of \"agrees\"",
        ),
        ("empty-title.toml", ":1:9: ", "the title is empty"),
        (
            "no-title-line.txt",
            ":5:1: ",
            "expected the last line to be the title (\"Title | Source\", or a title alone",
        ),
        (
            "no-title-before-bar.txt",
            ":7:1: ",
            "the last line has no title before \"|\"",
        ),
        ("malformed.toml", ":2:", "invalid basic string"),
        ("missing-title.toml", ":1:1: ", "missing field `title`"),
        ("empty.toml", ": ", "the file is empty"),
        ("blank.txt", ": ", "the file is empty"),
        ("latin1.toml", ":1:13: ", "not UTF-8"),
        (
            "not-a-debate.txt",
            ": ",
            "expected TOML (title = \"…\"), a Kialo export (Discussion Name:), an Argdown map ([Title]: text, then + or - replies), or a plain page with a line \"Related Insights\"",
        ),
        ("no-thesis.txt", ":1:1: ", "no thesis"),
    ];
    for (name, position, message) in cases {
        let shown = error_of(name);
        let after_path = &shown[fixture(&format!("invalid/{name}"))
            .display()
            .to_string()
            .len()..];
        assert!(
            after_path.starts_with(position),
            "{name}: position {position:?} in {shown}"
        );
        assert!(shown.contains(message), "{name}: {message:?} in {shown}");
        assert!(!shown.contains('\n'), "{name}: one line: {shown:?}");
    }
}

#[test]
fn files_that_cannot_be_read_are_named() {
    let missing = load_path(Path::new("/no/such/debate.toml")).expect_err("missing");
    assert_eq!(
        missing.to_string(),
        "/no/such/debate.toml: no such file or directory"
    );
    let dir = load_path(Path::new(env!("CARGO_MANIFEST_DIR"))).expect_err("directory");
    assert!(
        dir.to_string().ends_with(": is a directory, not a file"),
        "{dir}"
    );
    let device = load_path(Path::new("/dev/zero")).expect_err("device");
    assert!(
        device.to_string().contains("not a regular file"),
        "{device}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempdir();
    let fifo = dir.join("pipe");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
    let e = load_path(&fifo).expect_err("fifo");
    assert!(e.to_string().contains("not a regular file"), "{e}");
}

#[test]
fn document_text_is_sanitised_on_load() {
    let dir = tempdir();
    let path = dir.join("hostile.toml");
    std::fs::write(
        &path,
        "title = \"a\\u001b]0;pwned\\u0007b\"\nthesis = \"x\\u202Ey\\tz\"\n[[insights]]\ntext = \"\\u009b31mred\"\n",
    )
    .expect("write");
    let d = load_path(&path).expect("loads");
    assert_eq!(d.title, "ab", "the whole OSC sequence goes");
    assert_eq!(d.thesis, "xy  z");
    assert_eq!(d.insights[0].text, "red", "the whole C1 CSI sequence goes");
}

/// A fresh directory for one test, under the target directory so it is cleaned with it.
fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "load-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("tempdir");
    dir
}

/// A TOML debate of `n` numbered insights, large enough to be parsed in pieces, with `extra`
/// lines written into insight `at`.
fn numbered(n: usize, at: usize, extra: &str) -> String {
    let mut text = String::from("title = \"Numbered\"\nthesis = \"A thesis.\"\n");
    let padding = "x".repeat(400);
    for i in 0..n {
        let stance = ["agrees", "conflicts", "mixed", "unrated"][i % 4];
        let more = if i == at { extra } else { "" };
        text.push_str(&format!(
            "\n[[insights]]\ntext = \"\"\"\nInsight number {i}. {padding}{more}\"\"\"\nstance = \"{stance}\"\n"
        ));
    }
    text
}

#[test]
fn a_large_file_parsed_in_pieces_keeps_every_insight_in_order() {
    let n = 20_000;
    let text = numbered(n, usize::MAX, "");
    assert!(text.len() > 8 << 20, "big enough to be cut into pieces");
    let d = stance::debate::parse(&text, Path::new("big.toml")).expect("parses");
    assert_eq!(d.insights.len(), n);
    for (i, insight) in d.insights.iter().enumerate() {
        assert!(
            insight.text.starts_with(&format!("Insight number {i}. ")),
            "{i}"
        );
        assert_eq!(insight.stance, Stance::ALL[i % 4], "{i}");
    }
}

#[test]
fn a_cut_inside_a_multi_line_string_falls_back_to_a_whole_parse() {
    // Insight 7000's text holds a line that looks like the start of a table, more than a
    // piece's length into it, so that it is surely where a cut falls.
    let trap = format!("{}\n[[insights]]\nstill the same text", "y".repeat(2 << 20));
    let text = numbered(20_000, 7000, &trap);
    let d = stance::debate::parse(&text, Path::new("big.toml")).expect("parses");
    assert_eq!(d.insights.len(), 20_000);
    assert!(
        d.insights[7000]
            .text
            .ends_with("[[insights]]\nstill the same text")
    );
}

#[test]
fn an_error_deep_in_a_large_file_has_its_exact_position() {
    let mut text = numbered(20_000, usize::MAX, "");
    let needle = "Insight number 15000.";
    let at = text.find(needle).expect("insight 15000");
    let stance_at = at + text[at..].find("stance = \"").expect("stance") + "stance = ".len();
    text.replace_range(stance_at..stance_at + "\"agrees\"".len(), "\"maybe\"");
    let line = text[..stance_at].matches('\n').count() + 1;
    let e = stance::debate::parse(&text, Path::new("big.toml")).expect_err("bad stance");
    assert_eq!(e.position, Some((line, 10)), "{e}");
    assert!(e.message.contains("\"maybe\""), "{e}");
}

#[test]
fn text_that_is_only_control_characters_is_refused() {
    let cases = [
        (
            "title = \"\\u001b[2J\\u200b\"\nthesis = \"x\"\n",
            "the title has no visible text",
        ),
        (
            "title = \"t\"\nthesis = \"\\u202e\"\n",
            "the thesis has no visible text",
        ),
        (
            "title = \"t\"\nthesis = \"x\"\n[[insights]]\ntext = \"ok\"\n[[insights]]\ntext = \"\\u001b]0;x\\u0007\"\n",
            "insight 2 has no visible text",
        ),
    ];
    for (text, message) in cases {
        let e = stance::debate::parse(text, Path::new("blank.toml")).expect_err(message);
        assert_eq!(e.to_string(), format!("blank.toml: {message}"));
    }
}
