//! Your reading (#13): `App::update` sequences for every key that rates, notes, undoes and
//! redoes, and the property that edits, saves and reloads give back the same reading.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stance::action::{Action, Edit};
use stance::annotations::store;
use stance::app::{App, Outcome, Pane};
use stance::debate::{Debate, Insight, Stance};
use stance::filter::StanceFilter;
use stance::keymap::Mode;

fn reading(app: &App) -> &stance::reading::Reading {
    app.reading().expect("a debate is open")
}

/// Ten insights, every one unrated, as a page arrives.
fn page() -> Debate {
    Debate {
        title: "A page".into(),
        source: None,
        thesis: "The thesis.".into(),
        insights: (1..=10)
            .map(|i| Insight {
                text: format!("Insight number {i}."),
                ..Insight::default()
            })
            .collect(),
    }
}

fn app() -> App {
    App::new(page(), 120, 40)
}

fn selected(app: &App) -> usize {
    reading(app).selected_insight().map_or(0, |(n, _)| n)
}

fn stance_of(app: &App, number: usize) -> Stance {
    reading(app).debate().insights[number - 1].stance
}

#[test]
fn a_page_is_rated_key_by_key_with_the_unrated_filter_on() {
    let mut app = app();
    app.update(Action::ToggleStance(Stance::Unrated));
    assert_eq!(selected(&app), 1);
    app.update(Action::Rate(Stance::Agrees));
    assert_eq!(stance_of(&app, 1), Stance::Agrees);
    assert_eq!(selected(&app), 2, "the next unrated insight is selected");
    assert_eq!(reading(&app).visible().len(), 9);
    app.update(Action::Rate(Stance::Conflicts));
    app.update(Action::Rate(Stance::Mixed));
    assert_eq!(selected(&app), 4);
    assert_eq!(reading(&app).rated(), (3, 10));
    let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
    assert!(notice.contains("3/10 rated"), "{notice}");
    // The last one: nothing unrated is left after it, and the list says so.
    app.update(Action::Bottom);
    app.update(Action::Rate(Stance::Agrees));
    assert_eq!(selected(&app), 9, "the one before, when none comes after");
    assert_eq!(reading(&app).yours().mark(9), (Some(Stance::Agrees), None));
}

#[test]
fn u_drops_your_stance_back_to_the_files() {
    let mut d = page();
    d.insights[0].stance = Stance::Conflicts;
    let mut app = App::new(d, 120, 40);
    app.update(Action::Rate(Stance::Agrees));
    assert_eq!(stance_of(&app, 1), Stance::Agrees);
    let whose = reading(&app).whose(0).lead.unwrap_or_default();
    assert_eq!(whose, "Stance: yours (the file's: conflicts)");
    app.update(Action::Unrate);
    assert_eq!(stance_of(&app, 1), Stance::Conflicts);
    assert_eq!(
        reading(&app).whose(0).lead.as_deref(),
        Some("Stance: from the file")
    );
    assert_eq!(app.update(Action::Unrate), Outcome::Redraw, "says why not");
    assert!(
        app.notice()
            .is_some_and(|n| n.text.contains("no stance of yours"))
    );
}

#[test]
fn a_note_is_written_edited_kept_and_cancelled() {
    let mut app = app();
    app.update(Action::EditNote);
    assert_eq!(app.mode(), Mode::Note);
    for c in "Too strong".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchEdit(Edit::Home));
    app.update(Action::SearchInput('('));
    app.update(Action::SearchEdit(Edit::End));
    app.paste("), see 4");
    app.update(Action::SearchEdit(Edit::DeleteWordBack));
    app.update(Action::SearchInput('5'));
    app.update(Action::SearchAccept);
    assert_eq!(app.mode(), Mode::Normal);
    let note = reading(&app).debate().insights[0].note.clone();
    assert_eq!(note.as_deref(), Some("(Too strong), see 5"));
    assert!(reading(&app).whose(0).your_note);
    // Esc leaves it as it was.
    app.update(Action::EditNote);
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    app.update(Action::SearchCancel);
    assert_eq!(
        reading(&app).debate().insights[0].note.as_deref(),
        Some("(Too strong), see 5")
    );
    // An empty note drops yours.
    app.update(Action::EditNote);
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    app.update(Action::SearchAccept);
    assert_eq!(reading(&app).debate().insights[0].note, None);
    assert_eq!(reading(&app).yours().mark(0), (None, None));
}

#[test]
fn undo_and_redo_go_back_and_forth_through_any_number_of_changes() {
    let mut app = app();
    app.update(Action::Rate(Stance::Agrees));
    app.update(Action::Down);
    app.update(Action::Rate(Stance::Conflicts));
    app.update(Action::EditNote);
    app.update(Action::SearchInput('x'));
    app.update(Action::SearchAccept);
    app.update(Action::Rate(Stance::Mixed));
    assert_eq!(reading(&app).rated(), (2, 10));
    app.update(Action::Top);
    // Undo selects what it changed.
    app.update(Action::Undo);
    assert_eq!(selected(&app), 2);
    assert_eq!(stance_of(&app, 2), Stance::Conflicts);
    app.update(Action::Undo);
    assert_eq!(reading(&app).debate().insights[1].note, None);
    app.update(Action::Undo);
    app.update(Action::Undo);
    assert_eq!(reading(&app).rated(), (0, 10));
    app.update(Action::Undo);
    assert!(app.notice().is_some_and(|n| n.text == "nothing to undo"));
    for _ in 0..4 {
        app.update(Action::Redo);
    }
    assert_eq!(stance_of(&app, 1), Stance::Agrees);
    assert_eq!(stance_of(&app, 2), Stance::Mixed);
    assert_eq!(
        reading(&app).debate().insights[1].note.as_deref(),
        Some("x")
    );
    app.update(Action::Redo);
    assert!(app.notice().is_some_and(|n| n.text == "nothing to redo"));
    // A new change after an undo: the undone one cannot come back.
    app.update(Action::Undo);
    app.update(Action::Rate(Stance::Agrees));
    app.update(Action::Redo);
    assert!(app.notice().is_some_and(|n| n.text == "nothing to redo"));
}

#[test]
fn the_thesis_is_not_rated() {
    let mut app = app();
    app.update(Action::FocusPrev);
    assert_eq!(reading(&app).focus(), Pane::Thesis);
    app.update(Action::Rate(Stance::Agrees));
    assert_eq!(reading(&app).rated(), (0, 10));
    assert!(app.notice().is_some_and(|n| n.text.contains("thesis")));
}

#[test]
fn the_reading_puts_the_reader_back_where_they_were() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.toml");
    let mut app = app();
    app.update(Action::ToggleStance(Stance::Unrated));
    app.update(Action::Rate(Stance::Agrees));
    app.update(Action::Down);
    assert_eq!(selected(&app), 3);
    let (_, annotations) = app.to_save(0).expect("open");
    store::save(&path, annotations).expect("saves");
    assert!(app.unsaved().is_empty());

    let mut again = app_with(&path);
    assert_eq!(
        reading(&again).filter(),
        StanceFilter::Only(Stance::Unrated)
    );
    assert_eq!(selected(&again), 3);
    assert_eq!(stance_of(&again, 1), Stance::Agrees);
    // Undo has nothing from an earlier run to take back.
    again.update(Action::Undo);
    assert_eq!(stance_of(&again, 1), Stance::Agrees);
}

fn app_with(path: &std::path::Path) -> App {
    let mut app = app();
    let debate = reading(&app).debate().clone();
    app.annotate(0, store::load(path, &debate));
    app
}

#[test]
fn a_broken_reading_is_said_and_the_debate_still_reads() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.toml");
    std::fs::write(
        &path,
        "title = \"A page\"\nthesis = \"The thesis.\"\n[[insight]\n",
    )
    .expect("write");
    let mut app = app_with(&path);
    let notice = app.notice().map(|n| (n.text.clone(), n.is_error));
    let (text, is_error) = notice.expect("a notice");
    assert!(is_error);
    assert!(
        text.contains("r.toml:3:"),
        "names the file, line and column: {text}"
    );
    app.update(Action::Rate(Stance::Agrees));
    assert_eq!(
        stance_of(&app, 1),
        Stance::Agrees,
        "the change is kept in memory"
    );
    let (_, annotations) = app.to_save(0).expect("open");
    let result = store::save(&path, annotations);
    assert!(result.is_err());
    app.saved(0, result);
    assert!(
        app.notice()
            .is_some_and(|n| n.is_error && n.text.contains("cannot save"))
    );
    assert_eq!(app.unsaved(), [0]);
    // Quitting asks first.
    assert_ne!(app.update(Action::Quit), Outcome::Quit);
    assert!(app.notice().is_some_and(|n| n.text.contains("q again")));
    assert_eq!(app.update(Action::Quit), Outcome::Quit);
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .ends_with("[[insight]\n")
    );
}

/// One edit of the reading, as the keys make it.
#[derive(Debug, Clone)]
enum Edit_ {
    Move(bool),
    Rate(Option<Stance>),
    Note(String),
    Undo,
    Redo,
    /// Save, and start a new reader from what was saved.
    SaveAndReload,
}

fn edit() -> impl Strategy<Value = Edit_> {
    prop_oneof![
        any::<bool>().prop_map(Edit_::Move),
        prop::option::of(prop::sample::select(vec![
            Stance::Agrees,
            Stance::Conflicts,
            Stance::Mixed,
            Stance::Unrated,
        ]))
        .prop_map(Edit_::Rate),
        "[a-z \"\\\\\n'é]{0,12}".prop_map(Edit_::Note),
        Just(Edit_::Undo),
        Just(Edit_::Redo),
        Just(Edit_::SaveAndReload),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edits_saves_and_reloads_give_back_the_same_reading(edits in prop::collection::vec(edit(), 1..40)) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("r.toml");
        let mut app = app_with(&path);
        for e in edits {
            match e {
                Edit_::Move(down) => { app.update(if down { Action::Down } else { Action::Up }); }
                Edit_::Rate(Some(s)) => { app.update(Action::Rate(s)); }
                Edit_::Rate(None) => { app.update(Action::Unrate); }
                Edit_::Note(text) => {
                    app.update(Action::EditNote);
                    app.update(Action::SearchEdit(Edit::DeleteToStart));
                    app.paste(&text);
                    app.update(Action::SearchAccept);
                }
                Edit_::Undo => { app.update(Action::Undo); }
                Edit_::Redo => { app.update(Action::Redo); }
                Edit_::SaveAndReload => {
                    let shown: Vec<(Stance, Option<String>)> = reading(&app).debate().insights.iter().map(|i| (i.stance, i.note.clone())).collect();
                    let at = selected(&app);
                    let (_, annotations) = app.to_save(0).expect("open");
                    store::save(&path, annotations).expect("saves");
                    app = app_with(&path);
                    let again: Vec<(Stance, Option<String>)> = reading(&app).debate().insights.iter().map(|i| (i.stance, i.note.clone())).collect();
                    prop_assert_eq!(again, shown);
                    prop_assert_eq!(selected(&app), at);
                    prop_assert!(app.notice().is_none());
                }
            }
        }
    }
}

/// The screen as drawn, row by row.
fn screen(app: &App) -> Vec<String> {
    let theme = stance::theme::Theme::default_theme();
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("backend");
    terminal
        .draw(|f| f.render_widget(stance::ui::View::new(app, &theme), f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn the_screen_says_which_stances_and_notes_are_yours() {
    let mut app = App::new(page(), 120, 30);
    app.update(Action::Rate(Stance::Conflicts));
    app.update(Action::Down);
    app.update(Action::EditNote);
    app.paste("Mine.");
    app.update(Action::SearchAccept);
    app.update(Action::Up);
    let rows = screen(&app);
    let all = rows.join("\n");
    assert!(all.contains("▶* 1 − conflicts"), "{all}");
    assert!(
        all.contains("  * 2 · unrated"),
        "the note marks the row too: {all}"
    );
    assert!(
        all.contains("CONFLICTS with the thesis · yours · insight 1"),
        "{all}"
    );
    assert!(all.contains("Stance: yours (the file's: unrated)"), "{all}");
    app.update(Action::Down);
    let all = screen(&app).join("\n");
    assert!(
        all.contains("Stance: none yet (the file gives none)"),
        "{all}"
    );
    assert!(all.contains("Your note: Mine."), "{all}");
    // The status bar counts progress once rating has begun.
    let status = screen(&app).pop().unwrap_or_default();
    assert!(status.contains("1/10 rated"), "{status}");
}

#[test]
fn the_status_bar_says_how_many_of_yours_match_no_insight() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.toml");
    let mut first = app();
    first.update(Action::Rate(Stance::Agrees));
    first.update(Action::Down);
    first.update(Action::Rate(Stance::Mixed));
    let (_, annotations) = first.to_save(0).expect("open");
    store::save(&path, annotations).expect("saves");
    // The page changes: its first insight is edited, its second is gone.
    let mut changed = page();
    changed.insights[0].text = "Insight number 1, edited.".into();
    changed.insights.remove(1);
    let mut app = App::new(changed.clone(), 120, 30);
    app.annotate(0, store::load(&path, &changed));
    let status = screen(&app).pop().unwrap_or_default();
    assert!(status.contains("2 of yours match no insight"), "{status}");
    // Saving keeps them.
    app.update(Action::Down);
    app.update(Action::Rate(Stance::Conflicts));
    let (_, annotations) = app.to_save(0).expect("open");
    store::save(&path, annotations).expect("saves");
    let kept = std::fs::read_to_string(&path).expect("read");
    assert_eq!(kept.matches("[[insight]]").count(), 3, "{kept}");
}

#[test]
fn undo_says_when_the_list_hides_what_it_changed() {
    let mut app = app();
    app.update(Action::Rate(Stance::Conflicts));
    app.update(Action::ToggleStance(Stance::Conflicts));
    assert_eq!(reading(&app).visible().len(), 1);
    app.update(Action::ToggleStance(Stance::Agrees));
    assert!(reading(&app).visible().is_empty());
    app.update(Action::Undo);
    assert_eq!(stance_of(&app, 1), Stance::Unrated);
    let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
    assert_eq!(
        notice,
        "undone: your change to insight 1 (the list hides it now)"
    );
}
