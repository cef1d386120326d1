//! `App::update` sequences: what each action does to the reader's state.

use stance::action::{Action, Edit};
use stance::app::{App, Outcome, Pane};
use stance::debate::{self, Debate, Insight, Stance};
use stance::filter::StanceFilter;
use stance::keymap::Mode;
use stance::search::Query;

/// The debate being read: every app in these tests has one open.
fn reading(app: &App) -> &stance::reading::Reading {
    app.reading().expect("a debate is open")
}

fn builtin_app() -> App {
    App::new(debate::builtin(), 120, 40)
}

/// The number (from 1) of the selected insight.
fn selected_number(app: &App) -> Option<usize> {
    reading(app).selected_insight().map(|(n, _)| n)
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
                ..Insight::default()
            })
            .collect(),
    }
}

#[test]
fn starts_on_the_first_insight_with_the_list_focused() {
    let app = builtin_app();
    assert_eq!(selected_number(&app), Some(1));
    assert_eq!(reading(&app).focus(), Pane::List);
    assert_eq!(reading(&app).filter(), StanceFilter::All);
    assert_eq!(reading(&app).visible().len(), 10);
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
    // Rows of the list, each as tall as the lines it shows.
    let lines = reading(&app).list_row_lines();
    assert!(lines >= 2, "a tall pane gives each row two lines");
    let rows = ((reading(&app).panes().expect("panes").list.height - 2) / lines) as usize;
    app.update(Action::PageDown);
    assert_eq!(reading(&app).selected(), Some(rows));
    assert!(reading(&app).list_offset() <= rows && rows < reading(&app).list_offset() + rows);
    app.update(Action::Bottom);
    assert_eq!(reading(&app).selected(), Some(99));
    assert_eq!(reading(&app).list_offset(), 100 - rows);
    app.update(Action::PageUp);
    assert_eq!(reading(&app).selected(), Some(99 - rows));
    assert!(reading(&app).selected().expect("sel") >= reading(&app).list_offset());
}

#[test]
fn a_filter_shows_one_stance_and_again_shows_all() {
    let mut app = builtin_app();
    app.update(Action::ToggleStance(Stance::Agrees));
    assert_eq!(reading(&app).filter(), StanceFilter::Only(Stance::Agrees));
    assert_eq!(reading(&app).visible().len(), 6);
    assert!(
        reading(&app)
            .visible()
            .iter()
            .all(|&i| reading(&app).debate().insights[i].stance == Stance::Agrees)
    );
    app.update(Action::ToggleStance(Stance::Agrees));
    assert_eq!(reading(&app).filter(), StanceFilter::All);
    assert_eq!(reading(&app).visible().len(), 10);
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
    assert!(reading(&app).visible().is_empty());
    assert_eq!(reading(&app).selected(), None);
    assert_eq!(app.update(Action::Down), Outcome::Unchanged);
    app.update(Action::Back);
    assert_eq!(reading(&app).visible().len(), 10);
    assert_eq!(selected_number(&app), Some(2), "back where the reader was");
}

#[test]
fn f_cycles_through_the_stances_the_debate_has() {
    // The built-in debate agrees and conflicts, and has no mixed or unrated insight.
    let mut app = builtin_app();
    let mut seen = vec![];
    for _ in 0..4 {
        app.update(Action::CycleFilter);
        seen.push(reading(&app).filter());
    }
    assert_eq!(
        seen,
        [
            StanceFilter::Only(Stance::Agrees),
            StanceFilter::Only(Stance::Conflicts),
            StanceFilter::All,
            StanceFilter::Only(Stance::Agrees),
        ]
    );
    // A plain page is all unrated: `f` shows them, then all again, never an empty filter.
    let mut page = many(6);
    for i in &mut page.insights {
        i.stance = Stance::Unrated;
    }
    let mut app = App::new(page, 120, 40);
    app.update(Action::CycleFilter);
    assert_eq!(reading(&app).filter(), StanceFilter::Only(Stance::Unrated));
    assert_eq!(reading(&app).visible().len(), 6);
    app.update(Action::CycleFilter);
    assert_eq!(reading(&app).filter(), StanceFilter::All);
}

#[test]
fn tab_cycles_focus_and_j_then_scrolls_the_focused_text() {
    let mut app = App::new(debate::builtin(), 60, 20);
    app.update(Action::FocusNext);
    assert_eq!(reading(&app).focus(), Pane::Detail);
    app.update(Action::Down);
    assert_eq!(reading(&app).detail_scroll(), 1);
    assert_eq!(selected_number(&app), Some(1), "the selection stays");
    app.update(Action::Bottom);
    let end = reading(&app).detail_scroll();
    assert_eq!(
        app.update(Action::Down),
        Outcome::Unchanged,
        "stops at the end"
    );
    assert_eq!(reading(&app).detail_scroll(), end);
    app.update(Action::FocusNext);
    assert_eq!(reading(&app).focus(), Pane::Thesis);
    app.update(Action::Down);
    assert_eq!(reading(&app).thesis_scroll(), 1);
    app.update(Action::FocusPrev);
    app.update(Action::FocusPrev);
    assert_eq!(reading(&app).focus(), Pane::List);
}

#[test]
fn moving_to_another_insight_resets_the_detail_scroll() {
    let mut app = App::new(debate::builtin(), 60, 20);
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.update(Action::FocusPrev);
    app.update(Action::Down);
    assert_eq!(reading(&app).detail_scroll(), 0);
}

#[test]
fn text_panes_do_not_scroll_past_their_content() {
    let mut app = builtin_app(); // at 120×40 everything fits
    app.update(Action::FocusNext);
    assert_eq!(app.update(Action::Down), Outcome::Unchanged);
    assert_eq!(reading(&app).detail_scroll(), 0);
}

#[test]
fn a_smaller_terminal_clamps_offsets() {
    let mut app = App::new(debate::builtin(), 60, 20);
    app.update(Action::FocusNext);
    app.update(Action::Bottom);
    assert!(reading(&app).detail_scroll() > 0);
    app.update(Action::Resize(120, 40));
    assert_eq!(reading(&app).detail_scroll(), 0, "everything fits now");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = App::new(debate::builtin(), 60, 20);
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
    assert_eq!(reading(&app).filter(), StanceFilter::All);
}

#[test]
fn esc_closes_help_before_clearing_the_filter() {
    let mut app = builtin_app();
    app.update(Action::ToggleStance(Stance::Agrees));
    app.update(Action::ToggleHelp);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(reading(&app).filter(), StanceFilter::Only(Stance::Agrees));
    app.update(Action::Back);
    assert_eq!(reading(&app).filter(), StanceFilter::All);
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
    assert_eq!(reading(&app).selected(), None);
    for a in [
        Action::Down,
        Action::Bottom,
        Action::PageDown,
        Action::CycleFilter,
        Action::Back,
    ] {
        app.update(a);
    }
    assert_eq!(reading(&app).selected(), None);
}

fn type_query(app: &mut App, text: &str) {
    app.update(Action::StartSearch);
    for c in text.chars() {
        app.update(Action::SearchInput(c));
    }
}

#[test]
fn search_narrows_as_you_type_and_enter_keeps_it() {
    let mut app = builtin_app();
    app.update(Action::StartSearch);
    assert_eq!(app.mode(), Mode::Search);
    app.update(Action::SearchInput('h'));
    let after_h = reading(&app).visible().len();
    for c in "uawei".chars() {
        app.update(Action::SearchInput(c));
    }
    assert!(reading(&app).visible().len() < after_h);
    // "Huawei" appears in insights 3 and 5.
    let numbers: Vec<usize> = reading(&app).visible().iter().map(|i| i + 1).collect();
    assert_eq!(numbers, vec![3, 5]);
    assert_eq!(reading(&app).admitted(), 10);
    app.update(Action::SearchAccept);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(reading(&app).query().map(Query::text), Some("huawei"));
    assert_eq!(reading(&app).visible().len(), 2);
}

#[test]
fn search_is_smart_case_and_looks_in_notes() {
    let mut app = builtin_app();
    type_query(&mut app, "Backfire");
    assert!(
        reading(&app).visible().is_empty(),
        "a capital makes it exact"
    );
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    for c in "backfire".chars() {
        app.update(Action::SearchInput(c));
    }
    // Insight 6's text and insight 1's note say "backfire"/"backfired".
    let numbers: Vec<usize> = reading(&app).visible().iter().map(|i| i + 1).collect();
    assert!(numbers.contains(&1) && numbers.contains(&6), "{numbers:?}");
}

#[test]
fn search_combines_with_the_stance_filter() {
    let mut app = builtin_app();
    app.update(Action::ToggleStance(Stance::Conflicts));
    type_query(&mut app, "china");
    assert_eq!(reading(&app).admitted(), 4);
    assert!(
        reading(&app)
            .visible()
            .iter()
            .all(|&i| reading(&app).debate().insights[i].stance == Stance::Conflicts)
    );
}

#[test]
fn esc_in_the_prompt_drops_the_query() {
    let mut app = builtin_app();
    type_query(&mut app, "huawei");
    app.update(Action::SearchCancel);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(reading(&app).query().is_none());
    assert_eq!(reading(&app).visible().len(), 10);
}

#[test]
fn esc_clears_the_sentence_then_the_query_then_the_filter() {
    let mut app = builtin_app();
    app.update(Action::ToggleStance(Stance::Agrees));
    type_query(&mut app, "china");
    app.update(Action::SearchAccept);
    app.update(Action::NextSentence);
    assert!(reading(&app).picked_sentence().is_some());
    app.update(Action::Back);
    assert!(reading(&app).picked_sentence().is_none());
    assert!(reading(&app).query().is_some());
    app.update(Action::Back);
    assert!(reading(&app).query().is_none());
    assert_eq!(reading(&app).filter(), StanceFilter::Only(Stance::Agrees));
    app.update(Action::Back);
    assert_eq!(reading(&app).filter(), StanceFilter::All);
}

#[test]
fn an_empty_search_result_selects_nothing() {
    let mut app = builtin_app();
    type_query(&mut app, "zzzz");
    app.update(Action::SearchAccept);
    assert!(reading(&app).visible().is_empty());
    assert_eq!(reading(&app).selected(), None);
    assert_eq!(app.update(Action::Copy), Outcome::Redraw);
    assert!(app.notice().is_some_and(|n| n.is_error));
}

#[test]
fn n_and_shift_n_walk_the_matches_and_wrap() {
    let mut app = builtin_app();
    type_query(&mut app, "huawei");
    app.update(Action::SearchAccept);
    assert_eq!(selected_number(&app), Some(3));
    app.update(Action::NextMatch);
    assert_eq!(selected_number(&app), Some(5));
    app.update(Action::NextMatch);
    assert_eq!(selected_number(&app), Some(3), "wraps");
    app.update(Action::PrevMatch);
    assert_eq!(selected_number(&app), Some(5), "wraps back");
}

#[test]
fn sentences_are_picked_in_turn_and_copied_exactly() {
    let mut app = builtin_app();
    // Insight 1: "Instead of a total ban, … independent solutions." has two sentences.
    assert_eq!(app.update(Action::PrevSentence), Outcome::Unchanged);
    app.update(Action::NextSentence);
    let first = "Instead of a total ban, a more strategic approach is to \"slow ball\" an adversary like China by providing them with just enough technology.";
    assert_eq!(app.update(Action::Copy), Outcome::Copy(first.to_string()));
    app.update(Action::NextSentence);
    let second = "This keeps them dependent on foreign suppliers and disincentivizes the massive state investment required to develop their own superior, independent solutions.";
    assert_eq!(app.update(Action::Copy), Outcome::Copy(second.to_string()));
    app.update(Action::NextSentence);
    assert_eq!(
        app.update(Action::Copy),
        Outcome::Copy(second.to_string()),
        "stays on the last"
    );
    app.update(Action::PrevSentence);
    app.update(Action::PrevSentence);
    let whole = reading(&app).debate().insights[0].text.clone();
    assert_eq!(
        app.update(Action::Copy),
        Outcome::Copy(whole),
        "back to the whole insight"
    );
}

#[test]
fn moving_to_another_insight_returns_to_the_whole_insight() {
    let mut app = builtin_app();
    app.update(Action::NextSentence);
    app.update(Action::Down);
    assert!(reading(&app).picked_sentence().is_none());
    let whole = reading(&app).debate().insights[1].text.clone();
    assert_eq!(app.update(Action::Copy), Outcome::Copy(whole));
}

#[test]
fn shift_y_copies_the_quote_with_its_citation() {
    let mut app = builtin_app();
    app.update(Action::Down);
    app.update(Action::NextSentence);
    let Outcome::Copy(text) = app.update(Action::CopyCited) else {
        panic!("a copy");
    };
    assert_eq!(
        text,
        "“Evaluating export controls by asking if China is still advancing is the wrong metric.”\n\
         — China's Tech Indigenization Drive Pre-Dates and is Unaffected by US Export Controls, \
         RiffOn (insight 2, agrees with the thesis)"
    );
}

#[test]
fn picking_a_sentence_scrolls_it_into_view() {
    let mut app = App::new(debate::builtin(), 60, 20);
    for _ in 0..3 {
        app.update(Action::NextSentence);
    }
    let before = reading(&app).detail_scroll();
    // Insight 1 has only two sentences; go to a longer insight.
    app.update(Action::Bottom);
    for _ in 0..3 {
        app.update(Action::NextSentence);
    }
    assert!(reading(&app).detail_scroll() >= before);
    let panes = reading(&app).panes().expect("panes");
    let rows = panes.detail.height as usize - 2;
    let lines = reading(&app).detail_lines(panes.detail.width - 2);
    let range = reading(&app).picked_sentence().expect("picked");
    let last_line = lines
        .iter()
        .rposition(|l| {
            l.source
                .as_ref()
                .is_some_and(|s| s.start < range.end && range.start < s.end)
                && l.role == stance::layout::Role::Body
        })
        .expect("on a line");
    assert!(
        last_line < reading(&app).detail_scroll() + rows,
        "the sentence's end is on screen"
    );
}

#[test]
fn a_click_selects_the_row_under_it_and_focuses_panes() {
    let mut app = builtin_app();
    let panes = reading(&app).panes().expect("panes");
    // The fourth row of the list, on any of its lines.
    let lines = reading(&app).list_row_lines();
    assert!(lines >= 2);
    for line in 0..lines {
        app.update(Action::Click {
            column: panes.list.x + 5,
            row: panes.list.y + 1 + 3 * lines + line,
        });
        assert_eq!(selected_number(&app), Some(4), "line {line} of the row");
        app.update(Action::Top);
    }
    app.update(Action::Click {
        column: panes.list.x + 5,
        row: panes.list.y + 1 + 3 * lines,
    });
    assert_eq!(selected_number(&app), Some(4));
    assert_eq!(reading(&app).focus(), Pane::List);
    app.update(Action::Click {
        column: panes.detail.x + 5,
        row: panes.detail.y + 2,
    });
    assert_eq!(reading(&app).focus(), Pane::Detail);
    assert_eq!(selected_number(&app), Some(4));
    app.update(Action::Click {
        column: panes.thesis.x + 5,
        row: panes.thesis.y + 1,
    });
    assert_eq!(reading(&app).focus(), Pane::Thesis);
    // Below the last row: nothing selected changes.
    app.update(Action::Click {
        column: panes.list.x + 5,
        row: panes.list.bottom() - 3,
    });
    assert_eq!(selected_number(&app), Some(4));
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = App::new(debate::builtin(), 60, 20);
    let panes = reading(&app).panes().expect("panes");
    app.update(Action::Scroll {
        column: panes.list.x + 2,
        row: panes.list.y + 1,
        down: true,
    });
    assert_eq!(selected_number(&app), Some(2));
    app.update(Action::Scroll {
        column: panes.detail.x + 2,
        row: panes.detail.y + 1,
        down: true,
    });
    assert!(reading(&app).detail_scroll() > 0);
    assert_eq!(
        reading(&app).focus(),
        Pane::List,
        "the wheel does not move the focus"
    );
    app.update(Action::Scroll {
        column: panes.thesis.x + 2,
        row: panes.thesis.y + 1,
        down: true,
    });
    assert!(reading(&app).thesis_scroll() > 0);
}

#[test]
fn a_click_outside_the_help_closes_it() {
    let mut app = builtin_app();
    app.update(Action::ToggleHelp);
    let help = app.help_area();
    app.update(Action::Click {
        column: help.x + 2,
        row: help.y + 2,
    });
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::Click { column: 0, row: 0 });
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn start_filters_come_from_the_command_line() {
    let app = builtin_app().with_filter(StanceFilter::Only(Stance::Conflicts), Query::new("china"));
    assert_eq!(
        reading(&app).filter(),
        StanceFilter::Only(Stance::Conflicts)
    );
    assert!(
        reading(&app)
            .visible()
            .iter()
            .all(|&i| reading(&app).debate().insights[i].stance == Stance::Conflicts)
    );
    assert!(reading(&app).query().is_some());
}

#[test]
fn dropping_a_search_returns_to_where_it_began() {
    let mut app = builtin_app();
    for _ in 0..8 {
        app.update(Action::Down);
    }
    assert_eq!(selected_number(&app), Some(9));
    type_query(&mut app, "huawei");
    assert_ne!(selected_number(&app), Some(9));
    app.update(Action::SearchCancel);
    assert_eq!(selected_number(&app), Some(9));
    // Deleting the whole query does the same, before the prompt closes.
    type_query(&mut app, "zzz");
    app.update(Action::SearchEdit(Edit::DeleteToStart));
    assert_eq!(selected_number(&app), Some(9));
}

#[test]
fn arrows_in_the_prompt_move_through_the_results() {
    let mut app = builtin_app();
    type_query(&mut app, "huawei");
    assert_eq!(selected_number(&app), Some(3));
    app.update(Action::Down);
    assert_eq!(selected_number(&app), Some(5));
    assert_eq!(app.mode(), Mode::Search, "still typing");
}

#[test]
fn a_blank_query_is_no_query() {
    let mut app = builtin_app();
    type_query(&mut app, "  ");
    assert!(reading(&app).query().is_none());
    assert_eq!(reading(&app).visible().len(), 10);
}

#[test]
fn u_shows_only_unrated_insights() {
    let page = debate::load_path(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-page.txt"
    )))
    .expect("page");
    let mut app = App::new(page, 120, 40);
    app.update(Action::ToggleStance(Stance::Unrated));
    assert_eq!(reading(&app).filter(), StanceFilter::Only(Stance::Unrated));
    assert_eq!(reading(&app).visible().len(), 10);
    app.update(Action::ToggleStance(Stance::Unrated));
    assert_eq!(reading(&app).filter(), StanceFilter::All);
}

#[test]
fn a_resize_keeps_the_picked_sentence_in_view() {
    let mut app = builtin_app();
    app.update(Action::Bottom); // insight 10 has three sentences
    for _ in 0..3 {
        app.update(Action::NextSentence);
    }
    app.update(Action::Resize(40, 14));
    let panes = reading(&app).panes().expect("panes");
    let inner = stance::layout::inner(panes.detail);
    let lines = reading(&app).detail_lines(inner.width);
    let range = reading(&app).picked_sentence().expect("picked");
    let on_screen = lines
        .iter()
        .skip(reading(&app).detail_scroll())
        .take(inner.height as usize)
        .any(|l| {
            l.source
                .as_ref()
                .is_some_and(|s| s.start < range.end && range.start < s.end)
        });
    assert!(
        on_screen,
        "scroll {} of {} lines",
        reading(&app).detail_scroll(),
        lines.len()
    );
}

#[test]
fn back_to_the_whole_insight_scrolls_to_its_top() {
    let mut app = App::new(debate::builtin(), 40, 14);
    app.update(Action::Bottom);
    for _ in 0..3 {
        app.update(Action::NextSentence);
    }
    assert!(reading(&app).detail_scroll() > 0);
    app.update(Action::Back);
    assert_eq!(reading(&app).detail_scroll(), 0);
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut app = App::new(debate::builtin(), 20, 5);
    assert_eq!(app.update(Action::StartSearch), Outcome::Unchanged);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.update(Action::Down), Outcome::Unchanged);
    assert_eq!(
        app.update(Action::Quit),
        Outcome::Quit,
        "but quitting works"
    );
}

fn press(
    app: &mut App,
    code: crossterm::event::KeyCode,
    modifiers: crossterm::event::KeyModifiers,
) -> Outcome {
    let event = crossterm::event::KeyEvent::new(code, modifiers);
    match stance::keymap::action_for(app.mode(), &event) {
        Some(action) => app.update(action),
        None => Outcome::Unchanged,
    }
}

#[test]
fn the_keys_hands_expect_from_less_emacs_fzf_and_lazygit() {
    use crossterm::event::{KeyCode as K, KeyModifiers as M};
    let mut app = App::new(many(100), 120, 40);
    press(&mut app, K::Char(' '), M::NONE);
    let page = reading(&app).selected().expect("sel");
    assert!(page > 1, "Space pages down");
    press(&mut app, K::Char('b'), M::NONE);
    assert_eq!(reading(&app).selected(), Some(0), "b pages up");
    press(&mut app, K::Char('f'), M::CONTROL);
    assert_eq!(reading(&app).selected(), Some(page), "Ctrl-f pages down");
    press(&mut app, K::Char('b'), M::CONTROL);
    assert_eq!(reading(&app).selected(), Some(0), "Ctrl-b pages up");
    press(&mut app, K::Char('n'), M::CONTROL);
    assert_eq!(reading(&app).selected(), Some(1), "Ctrl-n: next");
    press(&mut app, K::Char('p'), M::CONTROL);
    assert_eq!(reading(&app).selected(), Some(0), "Ctrl-p: previous");
    press(&mut app, K::Enter, M::NONE);
    assert_eq!(
        reading(&app).focus(),
        Pane::Detail,
        "Enter reads the insight"
    );
    press(&mut app, K::F(1), M::NONE);
    assert_eq!(app.mode(), Mode::Help, "F1 opens the help");
    assert_ne!(press(&mut app, K::Char('q'), M::NONE), Outcome::Quit);
    assert_eq!(app.mode(), Mode::Normal, "q closes the help");
    assert_eq!(press(&mut app, K::Char('q'), M::NONE), Outcome::Quit);
}

#[test]
fn the_search_prompt_edits_at_its_cursor() {
    use crossterm::event::{KeyCode as K, KeyModifiers as M};
    let mut app = builtin_app();
    app.update(Action::StartSearch);
    for c in "expot controls".chars() {
        press(&mut app, K::Char(c), M::NONE);
    }
    press(&mut app, K::Char('b'), M::ALT);
    press(&mut app, K::Left, M::NONE);
    press(&mut app, K::Left, M::NONE);
    press(&mut app, K::Char('r'), M::NONE);
    let text = |app: &App| reading(app).prompt().expect("open").text().to_string();
    assert_eq!(text(&app), "export controls");
    assert_eq!(
        reading(&app).query().map(|q| q.text()),
        Some("export controls")
    );
    press(&mut app, K::Char('a'), M::CONTROL);
    press(&mut app, K::Char('d'), M::ALT);
    assert_eq!(text(&app), "controls");
    press(&mut app, K::Home, M::NONE);
    for c in "china ".chars() {
        press(&mut app, K::Char(c), M::NONE);
    }
    press(&mut app, K::Char('e'), M::CONTROL);
    press(&mut app, K::Char('w'), M::CONTROL);
    assert_eq!(text(&app), "china ");
    press(&mut app, K::Backspace, M::NONE);
    assert_eq!(text(&app), "china");
}

#[test]
fn results_step_with_ctrl_n_and_tab_and_history_with_the_arrows() {
    use crossterm::event::{KeyCode as K, KeyModifiers as M};
    let mut app = builtin_app();
    let search = |app: &mut App, query: &str| {
        app.update(Action::StartSearch);
        for c in query.chars() {
            app.update(Action::SearchInput(c));
        }
    };
    search(&mut app, "china");
    let first = reading(&app).selected();
    press(&mut app, K::Char('n'), M::CONTROL);
    assert_eq!(
        reading(&app).selected(),
        first.map(|s| s + 1),
        "Ctrl-n: next result"
    );
    press(&mut app, K::Tab, M::NONE);
    assert_eq!(
        reading(&app).selected(),
        first.map(|s| s + 2),
        "Tab: next result"
    );
    press(&mut app, K::BackTab, M::SHIFT);
    press(&mut app, K::Char('p'), M::CONTROL);
    assert_eq!(reading(&app).selected(), first);
    press(&mut app, K::Enter, M::NONE);
    search(&mut app, "huawei");
    press(&mut app, K::Enter, M::NONE);
    // A new search: ↑ brings back the earlier ones, newest first; ↓ comes back to what was
    // being typed.
    search(&mut app, "ex");
    let text = |app: &App| reading(app).prompt().expect("open").text().to_string();
    press(&mut app, K::Up, M::NONE);
    assert_eq!(text(&app), "huawei");
    assert_eq!(reading(&app).query().map(|q| q.text()), Some("huawei"));
    press(&mut app, K::Up, M::NONE);
    assert_eq!(text(&app), "china");
    press(&mut app, K::Up, M::NONE);
    assert_eq!(text(&app), "china", "the oldest stays");
    press(&mut app, K::Down, M::NONE);
    assert_eq!(text(&app), "huawei");
    press(&mut app, K::Down, M::NONE);
    assert_eq!(text(&app), "ex");
    assert_eq!(reading(&app).query().map(|q| q.text()), Some("ex"));
}

#[test]
fn esc_after_a_search_that_matched_nothing_returns_where_the_search_began() {
    let mut app = builtin_app();
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(selected_number(&app), Some(3));
    app.update(Action::StartSearch);
    // "backfired" selects insight 6 on the way; "backfiredq" matches nothing.
    for c in "backfired".chars() {
        app.update(Action::SearchInput(c));
    }
    let on_the_way = selected_number(&app);
    assert_eq!(on_the_way, Some(6));
    app.update(Action::SearchInput('q'));
    assert_eq!(reading(&app).selected(), None);
    app.update(Action::SearchAccept);
    app.update(Action::Back);
    assert!(reading(&app).query().is_none());
    assert_eq!(
        selected_number(&app),
        Some(3),
        "not {on_the_way:?}, which the reader never chose"
    );
}

#[test]
fn y_with_the_thesis_focused_copies_the_thesis() {
    let mut app = builtin_app();
    app.update(Action::FocusPrev);
    assert_eq!(reading(&app).focus(), Pane::Thesis);
    let thesis = reading(&app).debate().thesis.clone();
    assert_eq!(app.update(Action::Copy), Outcome::Copy(thesis.clone()));
    let Outcome::Copy(cited) = app.update(Action::CopyCited) else {
        panic!("a copy");
    };
    assert!(cited.starts_with(&format!("“{thesis}”")), "{cited}");
    assert!(cited.ends_with("RiffOn (the thesis)"), "{cited}");
}

#[test]
fn a_paste_is_one_edit_at_the_cursor() {
    let mut app = builtin_app();
    assert_eq!(
        app.paste("q"),
        Outcome::Unchanged,
        "outside the prompt a paste does nothing"
    );
    app.update(Action::StartSearch);
    app.update(Action::SearchInput('s'));
    app.update(Action::SearchEdit(Edit::Home));
    app.paste("export\ncontrol\u{1b}[31m");
    // One line, and no escape sequence in it.
    assert_eq!(
        reading(&app).prompt().expect("open").text(),
        "export controls"
    );
}
