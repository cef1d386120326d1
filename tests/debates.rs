//! Several debates at once (#11): the library found in a folder, the picker's fuzzy filter and
//! order, moving between debates with each keeping its place, the picker on screen, and
//! `--print` over several debates.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use stance::action::{Action, Edit};
use stance::app::{App, Outcome};
use stance::debate::{self, Debate, Stance};
use stance::filter::StanceFilter;
use stance::keymap::Mode;
use stance::library::{self, Entry, Library, Origin, State, Summary};
use stance::theme::Theme;
use stance::ui::View;

/// A fixture by the path a person would type in the project's folder, where tests run, so
/// that the snapshots show the same path wherever the project is.
fn fixture(path: &str) -> PathBuf {
    Path::new("tests/fixtures").join(path)
}

fn folder() -> PathBuf {
    fixture("folder")
}

/// Every file found in the fixture folder, each read as the background reader reads it.
fn read_folder() -> Library {
    let found = library::find(&[folder()]).expect("the folder");
    Library::new(
        found
            .into_iter()
            .map(|f| Entry {
                state: library::read_summary(&f.path).swap_remove(0),
                origin: Origin::File(f.path),
            })
            .collect(),
    )
}

fn name_of(entry: &Entry) -> String {
    match &entry.origin {
        Origin::File(path) => path
            .strip_prefix(folder())
            .unwrap_or(path)
            .display()
            .to_string(),
        other => other.name(),
    }
}

#[test]
fn a_folder_is_its_debates_broken_ones_marked_and_the_rest_passed_over() {
    let library = read_folder();
    let states: Vec<(String, &State)> = library
        .entries()
        .iter()
        .map(|e| (name_of(e), &e.state))
        .collect();
    let names: Vec<&str> = states.iter().map(|(n, _)| n.as_str()).collect();
    // By path; hidden folders and files that cannot be debates (.png) are never read.
    assert_eq!(
        names,
        [
            "alpha.toml",
            "broken.toml",
            "notes.md",
            "sub/beta.txt",
            "sub/gamma.toml"
        ]
    );
    let state = |name: &str| states.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
    assert!(matches!(state("alpha.toml"), Some(State::Read(s)) if s.counts == [1, 1, 1, 0]));
    assert!(
        matches!(state("sub/beta.txt"), Some(State::Read(s)) if s.title == "Beta: remote work"
        && s.source.as_deref() == Some("workplace-survey") && s.counts == [0, 0, 0, 2])
    );
    match state("broken.toml") {
        Some(State::Broken(e)) => {
            assert_eq!(e.position.map(|(line, _)| line), Some(2), "{e}");
        }
        other => panic!("broken.toml should be broken: {other:?}"),
    }
    assert_eq!(state("notes.md"), Some(&State::NotADebate));
    // The picker lists the debates and the broken one, not the notes.
    assert_eq!(library.listed().count(), 4);
}

#[test]
fn a_broken_file_named_on_the_command_line_is_still_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .arg(folder())
        .arg(fixture("folder/broken.toml"))
        .arg("--print")
        .output()
        .expect("run stance");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml:2:"), "{err}");
    assert!(out.stdout.is_empty(), "nothing printed before the error");
}

#[test]
fn print_writes_json_lines_one_debate_a_line_and_warns_of_the_broken_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .env(
            "XDG_DATA_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
        )
        .arg(fixture("minimal.toml"))
        .arg(folder())
        .args(["--print", "--format", "json"])
        .output()
        .expect("run stance");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let debates: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    let titles: Vec<&str> = debates
        .iter()
        .map(|d| d["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(
        titles,
        [
            "Minimal",
            "Alpha: cities should ban cars",
            "Beta: remote work",
            "Gamma: nuclear power is green"
        ]
    );
    assert_eq!(debates[3]["insights"].as_array().map(Vec::len), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("broken.toml:2:"),
        "{err}"
    );
}

#[test]
fn print_filters_each_debate_and_fails_only_when_none_matched() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_stance"))
            .env(
                "XDG_DATA_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
            )
            .arg(folder())
            .arg("--print")
            .args(args)
            .output()
            .expect("run stance")
    };
    let out = run(&["--only", "mixed"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Only Alpha has a mixed insight: the others are left out.
    assert!(stdout.contains("A ban works only"), "{stdout}");
    assert!(!stdout.contains("Gamma"), "{stdout}");
    let out = run(&["--grep", "no such words anywhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

fn summary(title: &str, source: Option<&str>, thesis: &str, counts: [usize; 4]) -> Entry {
    Entry {
        origin: Origin::File(PathBuf::from(format!("{title}.toml"))),
        state: State::Read(Summary {
            title: title.into(),
            source: source.map(Into::into),
            thesis: thesis.into(),
            counts,
        }),
    }
}

fn picker_titles(app: &App) -> Vec<String> {
    let picker = app.picker().expect("the picker is open");
    picker
        .rows()
        .iter()
        .map(|r| app.library().entries()[r.entry].title())
        .collect()
}

fn type_into(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::SearchInput(c));
    }
}

#[test]
fn the_picker_sorts_by_title_or_by_contest_and_filters_best_match_first() {
    let library = Library::new(vec![
        summary(
            "Zoning reform",
            Some("planning.example"),
            "Upzoning lowers rents.",
            [5, 5, 0, 0],
        ),
        summary("apple pricing", None, "Phones cost too much.", [9, 1, 0, 0]),
        summary(
            "Minimum wage",
            Some("econ.example"),
            "Raise it to fifteen dollars.",
            [3, 6, 2, 0],
        ),
        summary("Marginal notes", None, "Nothing about wages.", [0, 0, 0, 4]),
    ]);
    let mut app = App::with_library(library, Vec::new(), 120, 40);
    assert_eq!(
        app.mode(),
        Mode::Picker,
        "several debates: the picker first"
    );
    // By title, whatever the case.
    assert_eq!(
        picker_titles(&app),
        [
            "apple pricing",
            "Marginal notes",
            "Minimum wage",
            "Zoning reform"
        ]
    );
    app.update(Action::ToggleSort);
    // Most contested: Zoning (5/5), Minimum wage (3 of 11, and 2 mixed), apple, Marginal.
    assert_eq!(
        picker_titles(&app),
        [
            "Zoning reform",
            "Minimum wage",
            "apple pricing",
            "Marginal notes"
        ]
    );
    app.update(Action::ToggleSort);
    // Fuzzy: `mwage` is M and wage of Minimum wage, a weaker match in Marginal notes' thesis
    // ("wages") and nowhere in the others.
    type_into(&mut app, "mwage");
    assert_eq!(picker_titles(&app), ["Minimum wage", "Marginal notes"]);
    let picker = app.picker().expect("picker");
    assert_eq!(
        picker.rows()[0].title_matches,
        [0, 8, 9, 10, 11],
        "M and wage are marked"
    );
    // The source and the thesis are searched too.
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    type_into(&mut app, "planning");
    assert_eq!(picker_titles(&app), ["Zoning reform"]);
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    type_into(&mut app, "phones");
    assert_eq!(picker_titles(&app), ["apple pricing"]);
    type_into(&mut app, "zzz");
    assert!(picker_titles(&app).is_empty());
    // A title that matches comes before a thesis that matches as well, whatever the order of
    // the titles: `wage` is in Minimum wage's title and in Marginal notes' thesis alone.
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    type_into(&mut app, "wage");
    assert_eq!(picker_titles(&app)[0], "Minimum wage");
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    type_into(&mut app, "notes");
    assert_eq!(picker_titles(&app)[0], "Marginal notes");
}

fn debate(title: &str, insights: usize) -> Debate {
    let mut text = format!("title = \"{title}\"\nthesis = \"The thesis of {title}.\"\n");
    for i in 0..insights {
        let stance = Stance::ALL[i % 4].name();
        text.push_str(&format!(
            "\n[[insights]]\ntext = \"{title} insight {i}. It has two sentences.\"\nstance = \"{stance}\"\n"
        ));
    }
    debate::parse(&text, Path::new("test.toml")).expect("a debate")
}

/// Three debates, none open: as `stance a b c` starts.
fn three() -> App {
    let debates = [debate("One", 8), debate("Two", 12), debate("Three", 5)];
    let entries = debates
        .iter()
        .map(|d| Entry {
            origin: Origin::File(PathBuf::from(format!("{}.toml", d.title))),
            state: State::Read(Summary::of(d)),
        })
        .collect();
    App::with_library(Library::new(entries), Vec::new(), 120, 40)
}

/// Carries out an [`Outcome::Open`] as the event loop does, from `debates` instead of files.
fn step(app: &mut App, action: Action) -> Outcome {
    let outcome = app.update(action);
    if let Outcome::Open(index) = outcome {
        let title = app.library().entries()[index].title();
        let insights = match title.as_str() {
            "One" => 8,
            "Two" => 12,
            _ => 5,
        };
        app.opened(index, Ok(debate(&title, insights)));
    }
    outcome
}

fn reading_title(app: &App) -> String {
    app.reading()
        .expect("a debate is open")
        .debate()
        .title
        .clone()
}

#[test]
fn each_debate_keeps_its_place_while_another_is_read() {
    let mut app = three();
    assert!(app.reading().is_none());
    // Open Two from the picker by typing part of its title.
    type_into(&mut app, "two");
    assert!(matches!(
        step(&mut app, Action::SearchAccept),
        Outcome::Open(_)
    ));
    assert_eq!(reading_title(&app), "Two");
    assert_eq!(app.mode(), Mode::Normal);
    // Make a place in it: a filter, a selection, a picked sentence, the detail scrolled.
    step(&mut app, Action::ToggleStance(Stance::Conflicts));
    step(&mut app, Action::Down);
    step(&mut app, Action::NextSentence);
    step(&mut app, Action::FocusDetail);
    let place = |app: &App| {
        let r = app.reading().expect("open");
        (
            r.filter(),
            r.selected_insight().map(|(n, _)| n),
            r.picked_sentence(),
            r.focus(),
        )
    };
    let in_two = place(&app);
    assert_eq!(in_two.0, StanceFilter::Only(Stance::Conflicts));
    assert_eq!(in_two.1, Some(6), "the second insight that conflicts");
    assert!(in_two.2.is_some());

    // `]`: the next debate in the picker's order (by title: One, Three, Two), round the end:
    // One, opened fresh.
    step(&mut app, Action::NextDebate);
    app.refresh_picker();
    assert_eq!(reading_title(&app), "One");
    assert_eq!(app.position(), Some((1, 3)));
    assert_eq!(place(&app).0, StanceFilter::All);
    step(&mut app, Action::NextDebate);
    assert_eq!(reading_title(&app), "Three");
    // A search in Three.
    step(&mut app, Action::StartSearch);
    type_into(&mut app, "insight 3");
    step(&mut app, Action::SearchAccept);
    assert_eq!(
        app.reading()
            .and_then(|r| r.query())
            .map(|q| q.text().to_string()),
        Some("insight 3".into())
    );
    // `]` on to Two: everything as it was left.
    step(&mut app, Action::NextDebate);
    assert_eq!(reading_title(&app), "Two");
    assert_eq!(place(&app), in_two);
    // Through the picker to Three: its search kept too.
    step(&mut app, Action::OpenPicker);
    assert_eq!(app.mode(), Mode::Picker);
    type_into(&mut app, "three");
    step(&mut app, Action::SearchAccept);
    assert_eq!(reading_title(&app), "Three");
    assert!(app.reading().and_then(|r| r.query()).is_some());
    // Esc in the picker goes back to the debate being read.
    step(&mut app, Action::OpenPicker);
    step(&mut app, Action::Back);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(reading_title(&app), "Three");
    // `[` goes back through the same order, round the start.
    step(&mut app, Action::PrevDebate);
    assert_eq!(reading_title(&app), "One");
    step(&mut app, Action::PrevDebate);
    assert_eq!(reading_title(&app), "Two");
    // Sorted most contested first in the picker, `]` follows that order instead: One (2 agree,
    // 2 conflict, 2 mixed of 8) and Two (3, 3, 3 of 12) are as contested, 0.375, Three (2, 1,
    // 1 of 5) less, 0.3: One, Two, Three.
    step(&mut app, Action::OpenPicker);
    step(&mut app, Action::ToggleSort);
    step(&mut app, Action::Back);
    assert_eq!(app.position(), Some((2, 3)));
    step(&mut app, Action::NextDebate);
    assert_eq!(reading_title(&app), "Three");
}

#[test]
fn a_debate_that_cannot_be_read_when_opened_is_marked_and_said() {
    let mut app = three();
    let outcome = app.update(Action::SearchAccept);
    let Outcome::Open(index) = outcome else {
        panic!("Enter opens the selected debate: {outcome:?}");
    };
    let gone = debate::FileError::new(Path::new("One.toml"), "no such file or directory");
    app.opened(index, Err(gone));
    assert_eq!(app.mode(), Mode::Picker, "the picker stays");
    assert!(matches!(
        app.library().entries()[index].state,
        State::Broken(_)
    ));
    let notice = app.notice().expect("a notice");
    assert!(
        notice.is_error && notice.text.contains("One.toml"),
        "{notice:?}"
    );
    // With nothing open yet, Esc leaves, as fzf's does.
    assert_eq!(app.update(Action::Back), Outcome::Quit);
}

#[test]
fn unread_rows_fill_in_as_files_are_read() {
    let entries = vec![
        Entry {
            origin: Origin::File(PathBuf::from("b.toml")),
            state: State::Unread,
        },
        Entry {
            origin: Origin::File(PathBuf::from("a.toml")),
            state: State::Unread,
        },
    ];
    let mut app = App::with_library(Library::new(entries), Vec::new(), 100, 30);
    assert_eq!(app.picker().map(|p| p.rows().len()), Some(2));
    let d = debate("Zebra", 3);
    app.summarised(1, vec![State::Read(Summary::of(&d))]);
    app.summarised(0, vec![State::NotADebate]);
    app.refresh_picker();
    assert_eq!(picker_titles(&app), ["Zebra"]);
}

fn draw(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("backend");
    terminal
        .draw(|frame| frame.render_widget(View::new(app, theme), frame.area()))
        .expect("draw");
    terminal
}

/// The fixture folder with two debates named before it, as `stance a b folder/` opens.
fn picker_app(width: u16, height: u16) -> App {
    let mut library = read_folder().entries().to_vec();
    library.insert(
        0,
        Entry {
            origin: Origin::File(fixture("minimal.toml")),
            state: State::Read(Summary::of(
                &debate::load_path(&fixture("minimal.toml")).expect("minimal"),
            )),
        },
    );
    App::with_library(Library::new(library), Vec::new(), width, height)
}

#[test]
fn picker_wide() {
    let theme = Theme::default_theme();
    insta::assert_snapshot!(draw(&picker_app(120, 16), &theme).backend());
}

#[test]
fn picker_narrow() {
    let theme = Theme::default_theme();
    insta::assert_snapshot!(draw(&picker_app(40, 12), &theme).backend());
}

#[test]
fn picker_filtered() {
    let theme = Theme::default_theme();
    let mut app = picker_app(100, 14);
    type_into(&mut app, "green");
    insta::assert_snapshot!(draw(&app, &theme).backend());
}

#[test]
fn the_balance_bar_colours_each_stance_and_the_counts_say_it_in_numbers() {
    let theme = Theme::default_theme();
    let app = picker_app(120, 16);
    let terminal = draw(&app, &theme);
    let buffer = terminal.backend().buffer();
    // Gamma's row: 2 agree, 2 conflict: its bar is half each colour, and says +2 −2.
    let row = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Gamma")
        })
        .expect("Gamma's row");
    let line: String = (0..buffer.area.width)
        .map(|x| buffer[(x, row)].symbol())
        .collect();
    assert!(line.contains("████████ +2 −2 ±0 ·0"), "{line}");
    let bar_start = line
        .find('█')
        .map(|b| line[..b].chars().count())
        .expect("a bar") as u16;
    let fg = |x: u16| buffer[(x, row)].fg;
    assert_eq!(
        fg(bar_start),
        theme.stance(Stance::Agrees).fg.expect("a colour")
    );
    assert_eq!(
        fg(bar_start + 4),
        theme.stance(Stance::Conflicts).fg.expect("a colour")
    );
}

#[test]
fn the_thesis_pane_says_which_debate_this_is_and_its_balance() {
    let theme = Theme::default_theme();
    let mut app = three();
    step(&mut app, Action::Down);
    step(&mut app, Action::SearchAccept);
    let screen = draw(&app, &theme).backend().to_string();
    let first = screen.lines().next().unwrap_or_default().to_string();
    // In title order One, Three, Two: the second row is Three, and it says so.
    assert!(first.contains("Thesis · debate 2/3"), "{first}");
    assert!(screen.contains("+2 −1 ±1 ·1"), "{screen}");
    step(&mut app, Action::ToggleStance(Stance::Agrees));
    let screen = draw(&app, &theme).backend().to_string();
    assert!(
        screen.contains("+2 −0 ±0 ·0"),
        "the balance of what the filter shows: {screen}"
    );
}

#[test]
fn opens_three_files_and_switches_between_them_in_a_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = root.join(fixture("folder/alpha.toml"));
    let b = root.join(fixture("folder/sub/gamma.toml"));
    let c = root.join(fixture("minimal.toml"));
    let (a, b, c) = (
        a.display().to_string(),
        b.display().to_string(),
        c.display().to_string(),
    );
    let mut s = common::Session::start(&[&a, &b, &c], 100, 30);
    s.wait_for_text("Debates");
    s.wait_for_text("Gamma: nuclear power is green");
    s.send("nuclear power");
    s.wait_for_text("1/3");
    s.send("\r");
    s.wait_for_text("debate 2/3");
    s.wait_for_text("Its waste stays dangerous");
    // A place in Gamma: the conflicts, the second of them.
    s.send("cj");
    s.wait_for_text("Insights 2/2");
    s.send("]");
    s.wait_for_text("debate 3/3");
    s.wait_for_text("Minimal");
    s.send("[");
    s.wait_for_text("debate 2/3");
    s.wait_for_text("Insights 2/2");
    s.wait_for_text("New plants take a decade");
    s.send("o");
    s.wait_for_text("Debates");
    s.send("\x1b");
    s.wait_for("the picker to close", |screen| !screen.contains("Debates"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_folder_opens_with_its_broken_file_marked_in_a_terminal() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(folder())
        .display()
        .to_string();
    let mut s = common::Session::start(&[&dir], 120, 30);
    s.wait_for_text("Alpha: cities should ban cars");
    s.wait_for_text("broken: 2:");
    // Enter on the broken row says why and stays in the picker.
    s.send("broken");
    s.wait_for_text("1/4");
    s.send("\r");
    s.wait_for_text("cannot open");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// Typing on narrows the rows already matched rather than matching every debate again; the
/// rows must be exactly those a fresh match gives, whatever was typed.
#[test]
fn narrowing_as_one_types_gives_what_a_fresh_match_gives() {
    let entries: Vec<Entry> = (0..60)
        .map(|i| {
            let title = format!(
                "Debate {i} on {}",
                ["chips", "cars", "wages", "nuclear"][i % 4]
            );
            summary(
                &title,
                Some("src.example"),
                "Export controls and more.",
                [i % 3, i % 5, 1, 0],
            )
        })
        .collect();
    let library = Library::new(entries);
    for query in [
        "chips", "c ar", "debate 1", "exp !car", "!w 1", "^deb 2$", "z",
    ] {
        let mut typed = App::with_library(library.clone(), Vec::new(), 100, 30);
        type_into(&mut typed, query);
        let mut pasted = App::with_library(library.clone(), Vec::new(), 100, 30);
        pasted.paste(query);
        assert_eq!(
            typed.picker().map(|p| p.rows().to_vec()),
            pasted.picker().map(|p| p.rows().to_vec()),
            "{query:?}"
        );
    }
}

#[test]
fn print_of_a_folder_is_json_lines_whatever_it_holds_and_an_error_when_it_holds_no_debate() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("one-{}", std::process::id()));
    let one = dir.join("one");
    let none = dir.join("none");
    std::fs::create_dir_all(&one).expect("mkdir");
    std::fs::create_dir_all(&none).expect("mkdir");
    std::fs::copy(fixture("minimal.toml"), one.join("minimal.toml")).expect("copy");
    std::fs::write(none.join("notes.md"), "# Notes\n\nNot a debate.\n").expect("write");
    let print = |folder: &Path| {
        Command::new(env!("CARGO_BIN_EXE_stance"))
            .env(
                "XDG_DATA_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-readings"),
            )
            .arg(folder)
            .args(["--print", "--format", "json"])
            .output()
            .expect("run stance")
    };
    let out = print(&one);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one debate, one line: {stdout}");
    let parsed: serde_json::Value = serde_json::from_str(stdout.trim()).expect("JSON");
    assert_eq!(parsed["title"], "Minimal");
    let out = print(&none);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no debate could be read"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_word_found_in_the_title_is_marked_there_even_when_the_thesis_has_it_first() {
    let library = Library::new(vec![summary(
        "American hyperscalers the race (727)",
        None,
        "The race for advanced AI, a race at great cost.",
        [1, 1, 0, 0],
    )]);
    let mut app = App::with_library(library, Vec::new(), 100, 30);
    // One debate not open: the picker shows.
    type_into(&mut app, "race 727");
    let picker = app.picker().expect("picker");
    let title = "American hyperscalers the race (727)";
    let marked: String = picker.rows()[0]
        .title_matches
        .iter()
        .filter_map(|&i| title.chars().nth(i as usize))
        .collect();
    assert_eq!(marked, "race727");
}

#[test]
fn the_selected_row_keeps_its_balance_bar_in_colour() {
    let theme = Theme::default_theme();
    let app = picker_app(120, 16);
    let terminal = draw(&app, &theme);
    let buffer = terminal.backend().buffer();
    // The first row is selected: Alpha, whose bar begins with its agreeing cells.
    let y = (0..buffer.area.height)
        .find(|&y| buffer[(3, y)].symbol() == "▶")
        .expect("the selected row");
    let x = (0..buffer.area.width)
        .find(|&x| buffer[(x, y)].symbol() == "█")
        .expect("a bar");
    let cell = &buffer[(x, y)];
    assert!(
        !cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "{cell:?}"
    );
    assert_eq!(cell.fg, theme.stance(Stance::Agrees).fg.expect("a colour"));
}
