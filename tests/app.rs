//! `App::update` sequences: what each action does to the reader's state.

use stance::action::Action;
use stance::app::{App, Outcome, Pane};
use stance::debate::{self, Debate, Insight, Stance};
use stance::filter::StanceFilter;
use stance::keymap::Mode;

fn builtin_app() -> App {
    App::new(debate::builtin().expect("built-in"), 120, 40)
}

/// The number (from 1) of the selected insight.
fn selected_number(app: &App) -> Option<usize> {
    app.selected_insight().map(|(n, _)| n)
}

fn many(n: usize) -> Debate {
    Debate {
        title: "t".into(),
        source: None,
        thesis: "thesis".into(),
        insights: (0..n)
            .map(|i| Insight {
                text: format!("insight {i}"),
                stance: Stance::ALL[i % 3],
                note: None,
            })
            .collect(),
    }
}

#[test]
fn starts_on_the_first_insight_with_the_list_focused() {
    let app = builtin_app();
    assert_eq!(selected_number(&app), Some(1));
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(app.filter(), StanceFilter::All);
    assert_eq!(app.visible().len(), 10);
}

#[test]
fn moves_through_the_list_and_stops_at_the_ends() {
    let mut app = builtin_app();
    assert_eq!(app.update(Action::Up), Outcome::Unchanged);
    assert_eq!(app.update(Action::Down), Outcome::Redraw);
    assert_eq!(selected_number(&app), Some(2));
    app.update(Action::Bottom);
    assert_eq!(selected_number(&app), Some(10));
    assert_eq!(app.update(Action::Down), Outcome::Unchanged);
    app.update(Action::Top);
    assert_eq!(selected_number(&app), Some(1));
}

#[test]
fn pages_move_by_the_list_height_and_keep_the_selection_on_screen() {
    let mut app = App::new(many(100), 120, 40);
    let rows = app.panes().expect("panes").list.height as usize - 2;
    app.update(Action::PageDown);
    assert_eq!(app.selected(), Some(rows));
    assert!(app.list_offset() <= rows && rows < app.list_offset() + rows);
    app.update(Action::Bottom);
    assert_eq!(app.selected(), Some(99));
    assert_eq!(app.list_offset(), 100 - rows);
    app.update(Action::PageUp);
    assert_eq!(app.selected(), Some(99 - rows));
    assert!(app.selected().expect("sel") >= app.list_offset());
}

#[test]
fn a_filter_shows_one_stance_and_again_shows_all() {
    let mut app = builtin_app();
    app.update(Action::ToggleStance(Stance::Agrees));
    assert_eq!(app.filter(), StanceFilter::Only(Stance::Agrees));
    assert_eq!(app.visible().len(), 6);
    assert!(
        app.visible()
            .iter()
            .all(|&i| app.debate().insights[i].stance == Stance::Agrees)
    );
    app.update(Action::ToggleStance(Stance::Agrees));
    assert_eq!(app.filter(), StanceFilter::All);
    assert_eq!(app.visible().len(), 10);
}

#[test]
fn a_filter_keeps_the_selected_insight_when_it_stays_visible() {
    let mut app = builtin_app();
    app.update(Action::Down); // insight 2 agrees
    app.update(Action::ToggleStance(Stance::Agrees));
    assert_eq!(selected_number(&app), Some(2));
    app.update(Action::Back);
    assert_eq!(selected_number(&app), Some(2));
}

#[test]
fn a_filter_moves_to_the_nearest_visible_insight_otherwise() {
    let mut app = builtin_app();
    // Insight 5 agrees; the conflicting ones are 1, 4, 6, 10: 4 and 6 are equally near, the
    // following one wins.
    for _ in 0..4 {
        app.update(Action::Down);
    }
    assert_eq!(selected_number(&app), Some(5));
    app.update(Action::ToggleStance(Stance::Conflicts));
    assert_eq!(selected_number(&app), Some(6));
    // Insight 9 agrees; the nearest conflicting one is 10.
    app.update(Action::Back);
    app.update(Action::Bottom);
    app.update(Action::Up);
    app.update(Action::ToggleStance(Stance::Conflicts));
    assert_eq!(selected_number(&app), Some(10));
}

#[test]
fn an_empty_filter_selects_nothing_and_esc_brings_everything_back() {
    let mut app = builtin_app();
    app.update(Action::Down);
    app.update(Action::ToggleStance(Stance::Mixed));
    assert!(app.visible().is_empty());
    assert_eq!(app.selected(), None);
    assert_eq!(app.update(Action::Down), Outcome::Unchanged);
    app.update(Action::Back);
    assert_eq!(app.visible().len(), 10);
    assert_eq!(selected_number(&app), Some(1));
}

#[test]
fn f_cycles_all_agrees_conflicts_mixed() {
    let mut app = builtin_app();
    let mut seen = vec![];
    for _ in 0..4 {
        app.update(Action::CycleFilter);
        seen.push(app.filter());
    }
    assert_eq!(
        seen,
        [
            StanceFilter::Only(Stance::Agrees),
            StanceFilter::Only(Stance::Conflicts),
            StanceFilter::Only(Stance::Mixed),
            StanceFilter::All
        ]
    );
}

#[test]
fn tab_cycles_focus_and_j_then_scrolls_the_focused_text() {
    let mut app = App::new(debate::builtin().expect("built-in"), 60, 20);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Detail);
    app.update(Action::Down);
    assert_eq!(app.detail_scroll(), 1);
    assert_eq!(selected_number(&app), Some(1), "the selection stays");
    app.update(Action::Bottom);
    let end = app.detail_scroll();
    assert_eq!(
        app.update(Action::Down),
        Outcome::Unchanged,
        "stops at the end"
    );
    assert_eq!(app.detail_scroll(), end);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Thesis);
    app.update(Action::Down);
    assert_eq!(app.thesis_scroll(), 1);
    app.update(Action::FocusPrev);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus(), Pane::List);
}

#[test]
fn moving_to_another_insight_resets_the_detail_scroll() {
    let mut app = App::new(debate::builtin().expect("built-in"), 60, 20);
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.update(Action::FocusPrev);
    app.update(Action::Down);
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn text_panes_do_not_scroll_past_their_content() {
    let mut app = builtin_app(); // at 120×40 everything fits
    app.update(Action::FocusNext);
    assert_eq!(app.update(Action::Down), Outcome::Unchanged);
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn a_smaller_terminal_clamps_offsets() {
    let mut app = App::new(debate::builtin().expect("built-in"), 60, 20);
    app.update(Action::FocusNext);
    app.update(Action::Bottom);
    assert!(app.detail_scroll() > 0);
    app.update(Action::Resize(120, 40));
    assert_eq!(app.detail_scroll(), 0, "everything fits now");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = App::new(debate::builtin().expect("built-in"), 60, 20);
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::Down);
    assert_eq!(app.help_scroll(), 1);
    assert_eq!(
        selected_number(&app),
        Some(1),
        "keys go to the help, not the list"
    );
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.filter(), StanceFilter::All);
}

#[test]
fn esc_closes_help_before_clearing_the_filter() {
    let mut app = builtin_app();
    app.update(Action::ToggleStance(Stance::Agrees));
    app.update(Action::ToggleHelp);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.filter(), StanceFilter::Only(Stance::Agrees));
    app.update(Action::Back);
    assert_eq!(app.filter(), StanceFilter::All);
}

#[test]
fn quit_quits_from_anywhere() {
    let mut app = builtin_app();
    assert_eq!(app.update(Action::Quit), Outcome::Quit);
    app.update(Action::ToggleHelp);
    assert_eq!(app.update(Action::Quit), Outcome::Quit);
}

#[test]
fn an_empty_debate_is_fine() {
    let mut app = App::new(many(0), 80, 24);
    assert_eq!(app.selected(), None);
    for a in [
        Action::Down,
        Action::Bottom,
        Action::PageDown,
        Action::CycleFilter,
        Action::Back,
    ] {
        app.update(a);
    }
    assert_eq!(app.selected(), None);
}
