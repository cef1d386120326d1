//! Argument maps (#12): the tree in the debate file format, stances worked out through it, and
//! what the reader and `--print` make of it. Kialo and Argdown have tests of their own; this is
//! what every format shares.

use std::path::{Path, PathBuf};
use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use stance::action::Action;
use stance::app::{App, Outcome, Pane};
use stance::debate::{self, Debate, Relation, Stance};
use stance::filter::StanceFilter;
use stance::theme::Theme;
use stance::ui::View;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tree() -> Debate {
    debate::load_path(&fixture("tree.toml")).expect("the tree fixture")
}

fn reading(app: &App) -> &stance::reading::Reading {
    app.reading().expect("a debate is open")
}

fn selected(app: &App) -> Option<usize> {
    reading(app).selected_insight().map(|(n, _)| n)
}

fn screen(app: &App) -> String {
    let theme = Theme::default_theme();
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("backend");
    terminal
        .draw(|f| f.render_widget(View::new(app, &theme), f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn stances_follow_the_chain_of_relations_up_to_the_thesis() {
    let d = tree();
    let stances: Vec<Stance> = d.insights.iter().map(|i| i.stance).collect();
    assert_eq!(
        stances,
        [
            Stance::Agrees,    // supports the thesis
            Stance::Conflicts, // attacks a supporter
            Stance::Agrees,    // a Con of a Con
            Stance::Conflicts, // attacks the thesis
            Stance::Conflicts, // supports an attacker
            Stance::Mixed,     // stated in the file, which wins
        ]
    );
    let reply = d.insights[2].reply.expect("a reply");
    assert_eq!((reply.parent, reply.relation), (Some(1), Relation::Attacks));
    assert_eq!(d.insights[0].reply.map(|r| r.parent), Some(None));
    assert_eq!(d.insights[2].id.as_deref(), Some("1.1.1"));
    assert_eq!(
        d.insights[0].sources,
        ["[1] A made-up survey of 400 families, 2024"]
    );
    let tree = debate::Tree::of(&d.insights);
    assert_eq!((tree.depth(2), tree.replies(0), tree.replies(5)), (2, 1, 0));
}

#[test]
fn flat_debates_are_as_they_were() {
    let d = debate::builtin();
    assert!(
        d.insights
            .iter()
            .all(|i| i.reply.is_none() && i.id.is_none())
    );
    assert!(!debate::Tree::of(&d.insights).is_tree());
    let parsed = debate::parse(debate::BUILTIN_TOML, Path::new("b.toml")).expect("builtin");
    assert_eq!(parsed, d);
}

#[test]
fn broken_trees_are_errors_with_their_place() {
    let cases = [
        (
            "tree-unknown-parent.toml",
            "10:10: no insight has the id \"b\" (a parent names another insight's id)",
        ),
        (
            "tree-duplicate-id.toml",
            "10:6: the id \"a\" is given to insight 1 already",
        ),
        (
            "tree-loop.toml",
            "6:10: this parent leads back to the insight itself: replies cannot go round in a loop",
        ),
        (
            "tree-no-relation.toml",
            "10:10: a reply needs its relation too: relation = \"supports\" or \"attacks\"",
        ),
        (
            "tree-empty-id.toml",
            "5:6: an id names the insight: it cannot be empty",
        ),
        (
            "tree-bad-relation.toml",
            "5:12: invalid value: string \"undermines\", expected \"supports\" or \"attacks\"",
        ),
    ];
    for (name, expected) in cases {
        let path = fixture(&format!("invalid/{name}"));
        let e = debate::load_path(&path).expect_err(name);
        assert_eq!(e.to_string(), format!("{}:{expected}", path.display()));
    }
}

/// `--print --format toml` of `d`, read back.
fn round_trip(d: &Debate) -> Debate {
    let mut out = Vec::new();
    let all: Vec<usize> = (0..d.insights.len()).collect();
    debate::write_toml(d, &all, &mut out).expect("written");
    let text = String::from_utf8(out).expect("UTF-8");
    debate::parse(&text, Path::new("again.toml")).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn toml_written_reads_back_to_the_same_debate() {
    for d in [
        tree(),
        debate::builtin(),
        debate::load_path(&fixture("seed-page.txt")).expect("page"),
    ] {
        assert_eq!(round_trip(&d), d, "{}", d.title);
    }
}

#[test]
fn a_mixed_reply_and_its_replies_keep_their_stance_and_notes_when_written() {
    // Mixed because the map reaches it both ways: written with its stance, so that a tree of
    // single parents gives it back, and its note not doubled.
    let mut d = tree();
    d.insights[1].stance = Stance::Mixed;
    d.insights[1].note = Some("Mixed: reached both ways.".into());
    d.insights[2].stance = Stance::Mixed;
    d.insights[2].note = Some("Mixed: what it replies to is mixed.".into());
    assert_eq!(round_trip(&d), d);
}

#[test]
fn p_walks_up_to_the_thesis_and_esc_comes_back_down() {
    let mut app = App::new(tree(), 120, 40);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(selected(&app), Some(3));
    assert_eq!(app.update(Action::Parent), Outcome::Redraw);
    assert_eq!(selected(&app), Some(2));
    app.update(Action::Parent);
    assert_eq!(selected(&app), Some(1));
    app.update(Action::Parent);
    assert_eq!(
        reading(&app).focus(),
        Pane::Thesis,
        "a direct reply's parent"
    );
    app.update(Action::Back);
    assert_eq!(
        (reading(&app).focus(), selected(&app)),
        (Pane::List, Some(1))
    );
    app.update(Action::Back);
    assert_eq!(selected(&app), Some(2));
    app.update(Action::Back);
    assert_eq!(selected(&app), Some(3));
}

#[test]
fn p_lifts_a_filter_that_hides_the_parent_and_esc_puts_it_back() {
    let mut app = App::new(tree(), 120, 40);
    app.update(Action::ToggleStance(Stance::Agrees));
    app.update(Action::Down);
    assert_eq!(selected(&app), Some(3));
    app.update(Action::Parent);
    assert_eq!(selected(&app), Some(2), "a conflicting parent");
    assert_eq!(reading(&app).filter(), StanceFilter::All);
    app.update(Action::Back);
    assert_eq!(selected(&app), Some(3));
    assert_eq!(reading(&app).filter(), StanceFilter::Only(Stance::Agrees));
}

#[test]
fn esc_after_moving_on_is_the_usual_back() {
    let mut app = App::new(tree(), 120, 40);
    app.update(Action::ToggleStance(Stance::Conflicts));
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(selected(&app), Some(5));
    app.update(Action::Parent);
    assert_eq!(selected(&app), Some(4));
    app.update(Action::Down);
    app.update(Action::Back);
    assert_eq!(
        reading(&app).filter(),
        StanceFilter::All,
        "Esc lifts the filter: it does not jump back once the reader has moved"
    );
}

#[test]
fn p_in_a_flat_debate_says_why_it_does_nothing() {
    let mut app = App::new(debate::builtin(), 120, 40);
    app.update(Action::Parent);
    let notice = app.notice().expect("a notice");
    assert!(
        notice.text.contains("not an argument map"),
        "{}",
        notice.text
    );
    assert_eq!(selected(&app), Some(1));
}

#[test]
fn the_detail_pane_says_what_a_reply_answers_its_replies_and_sources() {
    let mut app = App::new(tree(), 120, 40);
    let text = |app: &App| -> Vec<String> {
        reading(app)
            .detail_lines(60)
            .iter()
            .map(|l| l.text.clone())
            .collect()
    };
    let first = text(&app);
    assert_eq!(first[0], "1 · supports the thesis");
    assert_eq!(first[1], "1 reply: 1 attacks it");
    assert_eq!(
        first.last().map(String::as_str),
        Some("[1] A made-up survey of 400 families, 2024")
    );
    app.update(Action::Down);
    app.update(Action::Down);
    let third = text(&app).join("\n");
    assert!(
        third.starts_with("1.1.1 · attacks #2: “Most homework in primary school"),
        "{third}"
    );
    assert!(third.contains("no replies"), "{third}");
    assert!(
        third.contains("And the time a child spends"),
        "every paragraph"
    );
}

#[test]
fn y_cites_the_sources() {
    let mut app = App::new(tree(), 120, 40);
    let Outcome::Copy(text) = app.update(Action::CopyCited) else {
        panic!("a copy")
    };
    assert!(
        text.ends_with(
            "(insight 1, agrees with the thesis)\n[1] A made-up survey of 400 families, 2024"
        ),
        "{text}"
    );
}

#[test]
fn the_list_indents_replies_and_shows_their_relation() {
    let app = App::new(tree(), 80, 24);
    let shown = screen(&app);
    insta::assert_snapshot!("tree_80x24", shown);
    // Depth by indentation: the Con of a Con starts further right than its parent.
    let column = |needle: &str| {
        shown
            .lines()
            .find_map(|l| l.find(needle).map(|b| l[..b].chars().count()))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{shown}"))
    };
    assert!(column("− Twenty minutes") > column("− Most homework"));
    assert!(column("− Most homework") > column("+ Students learn"));
}

fn stance_print(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn print_shows_the_tree() {
    let path = fixture("tree.toml");
    let path = path.to_str().expect("a UTF-8 path");
    let text = stance_print(&["--print", path]);
    assert!(
        text.contains("\n    [3] 1.1.1 AGREES with the thesis · attacks #2\n    Twenty minutes"),
        "{text}"
    );
    let markdown = stance_print(&["--print", "--format", "markdown", path]);
    assert!(
        markdown.contains("\n    - **3.** (1.1.1) *agrees, attacks #2:* Twenty minutes"),
        "{markdown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stance_print(&["--print", "--format", "json", path])).expect("JSON");
    let third = &json["insights"][2];
    assert_eq!(third["id"], "1.1.1");
    assert_eq!(third["parent"], 2);
    assert_eq!(third["relation"], "attacks");
    assert_eq!(json["insights"][0]["parent"], 0, "0 is the thesis");
    let toml = stance_print(&["--print", "--format", "toml", path]);
    assert_eq!(
        debate::parse(&toml, Path::new("printed.toml")).expect("reads back"),
        tree()
    );
}

#[test]
fn print_toml_keeps_the_parents_of_what_a_filter_chose() {
    let path = fixture("tree.toml");
    let path = path.to_str().expect("a UTF-8 path");
    let toml = stance_print(&[
        "--print",
        "--format",
        "toml",
        "--grep",
        "Twenty minutes",
        path,
    ]);
    let d = debate::parse(&toml, Path::new("printed.toml")).expect("reads back");
    let ids: Vec<_> = d
        .insights
        .iter()
        .map(|i| i.id.clone().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["1", "1.1", "1.1.1"]);
    assert_eq!(d.insights[2].stance, Stance::Agrees);
}

/// A Kialo discussion with three theses, as a file found in a folder: its one row becomes
/// three once it is read, and each opens its own thesis.
#[test]
fn a_file_of_several_debates_found_in_a_folder_is_several_rows() {
    use stance::library::{self, Entry, Library, Origin, State};
    let path = fixture("kialo/multi.txt");
    let entries = vec![Entry {
        origin: Origin::File(path.clone()),
        state: State::Unread,
    }];
    let mut app = App::with_library(Library::new(entries), Vec::new(), 100, 30);
    let states = library::read_summary(&path);
    assert_eq!(states.len(), 3);
    app.summarised(0, states);
    app.refresh_picker();
    let origins: Vec<Origin> = app
        .library()
        .entries()
        .iter()
        .map(|e| e.origin.clone())
        .collect();
    assert_eq!(
        origins,
        (0..3)
            .map(|part| Origin::Part(path.clone(), part))
            .collect::<Vec<_>>()
    );
    assert_eq!(app.picker().map(|p| p.rows().len()), Some(3));
    let mut theses = Vec::new();
    for row in 0..3 {
        if row > 0 {
            app.update(Action::OpenPicker);
            for _ in 0..row {
                app.update(Action::Down);
            }
        }
        let Outcome::Open(index) = app.update(Action::SearchAccept) else {
            panic!("row {row} opens");
        };
        let entry = app.library().get(index).expect("the entry").clone();
        let summary = entry.summary().expect("read").clone();
        app.opened(index, library::load(&entry.origin));
        assert_eq!(reading(&app).debate().thesis, summary.thesis);
        theses.push(summary.thesis);
    }
    theses.dedup();
    assert_eq!(theses.len(), 3, "three different theses: {theses:?}");
}

#[test]
fn print_writes_each_debate_of_a_file_and_toml_one_at_a_time() {
    let path = fixture("kialo/multi.txt");
    let path = path.to_str().expect("a UTF-8 path");
    let lines = stance_print(&["--print", "--format", "json", path]);
    assert_eq!(lines.lines().count(), 3, "JSON Lines, a debate each");
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(["--print", "--format", "toml", path])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("choose one with --debate N"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = debate::load_all(Path::new(path)).expect("three");
    for n in 1..=3 {
        let toml = stance_print(&[
            "--print",
            "--format",
            "toml",
            "--debate",
            &n.to_string(),
            path,
        ]);
        assert_eq!(
            debate::parse(&toml, Path::new("part.toml")).expect("reads back"),
            all[n - 1]
        );
    }
}

#[test]
fn replies_given_before_what_they_answer_are_put_under_it() {
    let d = debate::load_path(&fixture("tree-unordered.toml")).expect("loads");
    let texts: Vec<&str> = d.insights.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        ["A flat insight.", "C answers the thesis.", "D answers C."]
    );
    assert_eq!(d.insights[2].reply.and_then(|r| r.parent), Some(1));
    assert_eq!(d.insights[2].stance, Stance::Conflicts);
}

#[test]
fn print_moves_up_a_reply_whose_parent_a_filter_left_out() {
    let path = fixture("tree.toml");
    let path = path.to_str().expect("a UTF-8 path");
    // Conflicting: 2 (which answers 1, an agreeing insight left out), 4, and 5 under 4.
    let text = stance_print(&["--print", "--only", "conflicts", path]);
    assert!(text.contains("\n\n[2] 1.1 CONFLICTS"), "{text}");
    assert!(text.contains("\n\n  [5] 2.1 CONFLICTS"), "{text}");
    let markdown = stance_print(&[
        "--print",
        "--format",
        "markdown",
        "--only",
        "conflicts",
        path,
    ]);
    assert!(markdown.contains("\n- **2.** (1.1)"), "{markdown}");
    assert!(markdown.contains("\n  - **5.** (2.1)"), "{markdown}");
    // A reply under an ancestor that is written stands under it, a level for each written.
    let agrees = stance_print(&["--print", "--only", "agrees", path]);
    assert!(agrees.contains("\n\n  [3] 1.1.1 AGREES"), "{agrees}");
    // With its parent written, a reply stands under it.
    let all = stance_print(&["--print", path]);
    assert!(all.contains("\n  [2] 1.1 CONFLICTS"), "{all}");
}

#[test]
fn debate_past_the_last_is_an_error_that_says_how_many() {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .args(["--print", "--debate", "4"])
        .arg(fixture("kialo/multi.txt"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "stance: --debate 4: there are 3 debates, from 1 to 3\n"
    );
}
