//! What the reader draws: snapshots of the screens that matter, wide and narrow, and the
//! colours that carry meaning checked on the cells themselves (snapshots hold no style).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use stance::action::{Action, Edit};
use stance::app::App;
use stance::debate::{self, Debate, Insight, Stance};
use stance::layout;
use stance::theme::Theme;
use stance::ui::View;

/// The debate being read: every app in these tests has one open.
fn reading(app: &App) -> &stance::reading::Reading {
    app.reading().expect("a debate is open")
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let theme = Theme::default_theme();
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("backend");
    terminal
        .draw(|f| f.render_widget(View::new(app, &theme), f.area()))
        .expect("draw");
    terminal
}

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = App::new(debate::builtin(), width, height);
    for &a in actions {
        app.update(a);
    }
    app
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol())
        .collect::<String>()
}

/// The first cell whose row contains `needle`, at the needle's first character.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let text: String = row.concat();
        if let Some(byte) = text.find(needle) {
            // Map the byte offset back to a column.
            let mut len = 0;
            for (x, s) in row.iter().enumerate() {
                if len == byte {
                    return (x as u16, y);
                }
                len += s.len();
            }
        }
    }
    panic!("{needle:?} not on screen:\n{}", dump(buf));
}

fn dump(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

fn theme() -> Theme {
    Theme::default_theme()
}

#[test]
fn wide_reader() {
    insta::assert_snapshot!(screen(&app(120, 40, &[])).backend());
}

#[test]
fn narrow_reader() {
    insta::assert_snapshot!(screen(&app(60, 20, &[])).backend());
}

#[test]
fn filtered_to_conflicts() {
    let a = app(120, 40, &[Action::ToggleStance(Stance::Conflicts)]);
    insta::assert_snapshot!(screen(&a).backend());
}

#[test]
fn empty_filter_says_so() {
    let a = app(60, 20, &[Action::ToggleStance(Stance::Mixed)]);
    let t = screen(&a);
    let text = dump(t.backend().buffer());
    assert!(text.contains("No mixed insights."), "{text}");
    assert!(text.contains("Insights 0/0"), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_overlay_wide_and_narrow() {
    insta::assert_snapshot!(
        "help_wide",
        screen(&app(120, 40, &[Action::ToggleHelp])).backend()
    );
    insta::assert_snapshot!(
        "help_narrow",
        screen(&app(60, 20, &[Action::ToggleHelp])).backend()
    );
}

#[test]
fn too_small_asks_for_room() {
    let t = screen(&app(29, 9, &[]));
    let text = dump(t.backend().buffer());
    assert!(text.contains("needs 30×12, has 29×9"), "{text}");
    // Cut to fit, never past the edge.
    for (w, h, shown) in [
        (20, 6, "needs 30×12 (20×6)"),
        (12, 3, "needs 30×12"),
        (5, 1, "need…"),
    ] {
        let text = dump(screen(&app(w, h, &[])).backend().buffer());
        assert!(text.contains(shown), "{w}×{h}: {text}");
    }
    insta::assert_snapshot!(t.backend());
}

#[test]
fn detail_pane_is_framed_in_the_stance_colour_with_its_label() {
    let theme = theme();
    // Insight 1 conflicts; insight 2 agrees.
    for (actions, stance, label) in [
        (vec![], Stance::Conflicts, "CONFLICTS with the thesis"),
        (vec![Action::Down], Stance::Agrees, "AGREES with the thesis"),
    ] {
        let a = app(120, 40, &actions);
        let t = screen(&a);
        let buf = t.backend().buffer();
        let colour = theme.stance(stance).fg.expect("stance colour");
        let (x, y) = find(buf, label);
        assert_eq!(buf[(x, y)].fg, colour, "label colour");
        assert_eq!(
            buf[(x - 2, y)].symbol(),
            theme.glyph(stance),
            "glyph before the label"
        );
        // The detail pane's top-right corner is drawn in the stance colour.
        let panes = reading(&a).panes().expect("panes");
        let corner = (panes.detail.right() - 1, panes.detail.y);
        assert_eq!(buf[corner].fg, colour, "border colour");
    }
}

#[test]
fn list_rows_carry_colour_glyph_and_word() {
    let theme = theme();
    let a = app(120, 40, &[]);
    let t = screen(&a);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "2 + agrees");
    assert_eq!(
        buf[(x + 2, y)].fg,
        theme.stance(Stance::Agrees).fg.expect("colour")
    );
    let (x, y) = find(buf, "4 − conflicts");
    assert_eq!(
        buf[(x + 2, y)].fg,
        theme.stance(Stance::Conflicts).fg.expect("colour")
    );
}

#[test]
fn selected_row_is_marked_beyond_colour() {
    let a = app(120, 40, &[Action::Down, Action::Down]);
    let t = screen(&a);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "▶  3 + agrees");
    let cell = &buf[(x + 4, y)];
    assert!(cell.modifier.contains(Modifier::BOLD));
    // A bar in reverse video (#10): it shows whatever the colours.
    assert!(cell.modifier.contains(Modifier::REVERSED), "selection bar");
    // Other rows have neither marker nor bar.
    let (x, y) = find(buf, "   4 − conflicts");
    assert_eq!(buf[(x + 4, y)].bg, Color::Reset);
    assert!(!buf[(x + 4, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn status_bar_counts_each_stance_with_glyph_and_word() {
    let t = screen(&app(120, 40, &[]));
    let buf = t.backend().buffer();
    let status = row_text(buf, 39);
    assert!(status.contains("+6 agree"), "{status}");
    assert!(status.contains("−4 conflict"), "{status}");
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn focused_pane_has_a_thick_border() {
    let a = app(120, 40, &[Action::FocusNext]);
    let buf = screen(&a).backend().buffer().clone();
    let panes = reading(&a).panes().expect("panes");
    assert_eq!(buf[(panes.detail.x, panes.detail.y)].symbol(), "┏");
    assert_eq!(buf[(panes.list.x, panes.list.y)].symbol(), "┌");
}

#[test]
fn scrolling_the_detail_pane_moves_its_text() {
    let mut a = app(60, 20, &[Action::FocusNext]);
    let rows = layout::text_area(reading(&a).panes().expect("panes").detail).height;
    let lines = reading(&a)
        .detail_lines(layout::text_area(reading(&a).panes().expect("panes").detail).width);
    assert!(
        lines.len() > usize::from(rows),
        "the insight scrolls at 60×20"
    );
    let total = lines.len();
    let before = dump(screen(&a).backend().buffer());
    assert!(before.contains(&format!("1–{rows}/{total}")), "{before}");
    a.update(Action::Down);
    let after = dump(screen(&a).backend().buffer());
    assert!(
        after.contains(&format!("2–{}/{total}", rows + 1)),
        "{after}"
    );
}

/// A debate of one insight per stance with text that exercises wrapping.
fn unicode_debate() -> Debate {
    let text = "日本語のテキストと emoji 👩‍🔬 and combining é̂ marks, then a very long word: \
                Donaudampfschifffahrtsgesellschaftskapitänswitwe.";
    Debate {
        title: "Ünïcödé ☃ title 標題".into(),
        source: Some("src".into()),
        thesis: text.into(),
        insights: Stance::ALL
            .iter()
            .map(|&stance| Insight {
                text: text.into(),
                stance,
                note: Some(text.into()),
                ..Insight::default()
            })
            .collect(),
    }
}

#[test]
fn every_size_renders_without_panic() {
    let theme = theme();
    let debates = [debate::builtin(), unicode_debate()];
    let widths: Vec<u16> = (0..=200).collect();
    let heights = [0u16, 1, 2, 3, 5, 9, 10, 11, 14, 20, 33, 40, 60];
    for d in &debates {
        for &w in &widths {
            for &h in &heights {
                let mut a = App::new(d.clone(), w, h);
                let mut t = Terminal::new(TestBackend::new(w, h)).expect("backend");
                for action in [
                    Action::Bottom,
                    Action::FocusNext,
                    Action::Bottom,
                    Action::ToggleHelp,
                ] {
                    a.update(action);
                    t.draw(|f| f.render_widget(View::new(&a, &theme), f.area()))
                        .expect("draw");
                }
            }
        }
    }
}

#[test]
fn search_matches_and_the_picked_sentence_are_marked_beyond_colour() {
    let theme = theme();
    let mut a = app(120, 40, &[Action::StartSearch]);
    for c in "huawei".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchAccept);
    a.update(Action::NextSentence);
    let t = screen(&a);
    let buf = t.backend().buffer();
    // Insight 3's text mentions Huawei in its second sentence; the first is picked.
    let (x, y) = find(buf, "Huawei");
    let cell = &buf[(x, y)];
    assert_eq!(cell.bg, theme.search_match().bg.expect("match bg"));
    assert!(
        cell.modifier.contains(Modifier::BOLD),
        "matches are bold too"
    );
    let (x, y) = find(buf, "Despite the U.S. easing export controls");
    let picked = &buf[(x, y)];
    assert!(
        picked.modifier.contains(Modifier::UNDERLINED),
        "the picked sentence is underlined"
    );
    let (x, y) = find(buf, "Beijing is");
    assert!(
        !buf[(x, y)].modifier.contains(Modifier::UNDERLINED),
        "the next sentence is not"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_search_prompt_shows_the_query_and_the_count() {
    let mut a = app(60, 20, &[Action::StartSearch]);
    for c in "china".chars() {
        a.update(Action::SearchInput(c));
    }
    let t = screen(&a);
    let status = row_text(t.backend().buffer(), 19);
    assert!(status.starts_with(" /china  "), "{status}");
    assert!(status.contains("of 10 match"), "{status}");
    assert_eq!(
        stance::ui::cursor(&a, a.area()).map(|p| (p.x, p.y)),
        Some((7, 19)),
        "the cursor stands after the query"
    );
}

#[test]
fn a_notice_while_the_search_prompt_is_open_is_shown_beside_it() {
    // A paste cut short says so while the prompt is open, in the count's place (#14).
    let mut a = app(60, 20, &[Action::StartSearch]);
    a.paste(&"x".repeat(200));
    a.set_notice("paste cut to 1 MiB".into(), true);
    let status = row_text(screen(&a).backend().buffer(), 19);
    assert!(status.starts_with(" /xxx"), "{status}");
    assert!(status.contains("paste cut to 1 MiB"), "{status}");
    // The next key takes it away, and the count is back.
    a.update(Action::SearchInput('y'));
    let status = row_text(screen(&a).backend().buffer(), 19);
    assert!(status.contains("of 10 match"), "{status}");
}

#[test]
fn a_notice_while_a_note_is_written_is_shown_beside_it() {
    let mut a = app(100, 20, &[Action::EditNote]);
    a.paste("a note");
    a.set_notice("paste cut to 1 MiB".into(), true);
    let status = row_text(screen(&a).backend().buffer(), 19);
    assert!(status.starts_with(" note on 1: a note"), "{status}");
    assert!(status.contains("paste cut to 1 MiB"), "{status}");
}

#[test]
fn a_query_in_a_script_terminals_dispute_is_shown_with_the_cursor_after_it() {
    // `கா` is one cell to ratatui and two to tmux: the prompt lays it out in two, as the
    // panes do, rather than showing `�` with the cursor past the text (#14).
    let mut a = app(60, 20, &[Action::StartSearch]);
    for c in "காவி".chars() {
        a.update(Action::SearchInput(c));
    }
    let t = screen(&a);
    let status = row_text(t.backend().buffer(), 19);
    // Each syllable in its own cell, and the cell after it held for it (blank here).
    assert!(status.starts_with(" /கா வி "), "{status}");
    assert!(!status.contains('\u{FFFD}'), "{status}");
    // Nor anywhere else it is shown (the list's title holds the query too).
    let everything = dump(t.backend().buffer());
    assert!(!everything.contains('\u{FFFD}'), "{everything}");
    assert_eq!(
        stance::ui::cursor(&a, a.area()).map(|p| (p.x, p.y)),
        Some((6, 19)),
        "the cursor stands after the query's four cells"
    );
}

#[test]
fn an_empty_search_says_so_with_the_query() {
    let mut a = app(60, 20, &[Action::StartSearch]);
    for c in "zebra".chars() {
        a.update(Action::SearchInput(c));
    }
    let text = dump(screen(&a).backend().buffer());
    assert!(text.contains("No insight matches “zebra”."), "{text}");
    assert!(text.contains("0 of 10 match"), "{text}");
}

#[test]
fn a_copy_notice_replaces_the_counts_until_the_next_key() {
    let mut a = app(120, 40, &[]);
    a.set_notice("copied 12 chars (OSC 52)".into(), false);
    let status = row_text(screen(&a).backend().buffer(), 39);
    assert!(status.starts_with(" copied 12 chars (OSC 52)"), "{status}");
    a.update(Action::Down);
    let status = row_text(screen(&a).backend().buffer(), 39);
    assert!(!status.contains("copied"), "{status}");
}

#[test]
fn a_long_source_is_cut_and_keeps_the_pane_title() {
    let mut d = debate::builtin();
    d.source = Some("The Very Long Name of Some Publication, Incorporated".into());
    let a = App::new(d, 50, 20);
    let top = row_text(screen(&a).backend().buffer(), 0);
    assert!(top.starts_with("┌ Thesis "), "{top}");
    assert!(top.contains('…'), "{top}");
}

#[test]
fn the_help_overlay_keeps_its_border_over_wide_characters() {
    let mut d = unicode_debate();
    d.thesis = "中国的出口管制".repeat(40);
    for w in [81u16, 82] {
        let mut a = App::new(d.clone(), w, 24);
        a.update(Action::ToggleHelp);
        let t = screen(&a);
        let buf = t.backend().buffer();
        let help = a.help_area();
        for y in help.y + 1..help.bottom() - 1 {
            assert_eq!(
                buf[(help.x, y)].symbol(),
                "┃",
                "{w}: row {y}:\n{}",
                dump(buf)
            );
            assert!(
                text_width(buf[(help.x - 1, y)].symbol()) <= 1,
                "{w}: row {y}"
            );
        }
    }
}

fn text_width(s: &str) -> usize {
    stance::text::width(s)
}

#[test]
fn each_theme_at_a_glance() {
    let catalog = stance::theme::Catalog::new(None);
    for (name, _) in stance::theme::BUILTIN {
        let theme = catalog.load(name).expect("theme");
        let a = app(100, 14, &[Action::Down]);
        let mut terminal = Terminal::new(TestBackend::new(100, 14)).expect("backend");
        terminal
            .draw(|f| f.render_widget(View::new(&a, &theme), f.area()))
            .expect("draw");
        insta::assert_snapshot!(format!("theme_{name}"), terminal.backend());
    }
}

#[test]
fn list_rows_take_two_lines_where_there_is_room() {
    // At 120×40 the list has room for every row at two lines: the row's second line carries
    // on with the insight's text.
    let a = app(120, 40, &[]);
    assert!(reading(&a).list_row_lines() >= 2);
    let buf = screen(&a).backend().buffer().clone();
    let (x, y) = find(&buf, "Instead of a total ban");
    let next = row_text(&buf, y + 1);
    let second_line: String = next.chars().skip(usize::from(x)).take(20).collect();
    assert!(
        second_line.trim_start().starts_with("strategic approach"),
        "{}",
        dump(&buf)
    );
    // The next insight starts below both lines.
    assert!(
        row_text(&buf, y + 2).contains("Evaluating"),
        "{}",
        dump(&buf)
    );
}

#[test]
fn short_rows_keep_the_glyph_and_leave_out_the_word() {
    // At 100 columns the list is 45 wide: the word would leave too little of the insight.
    let buf = screen(&app(100, 30, &[])).backend().buffer().clone();
    let (_, y) = find(&buf, "Instead of a total ban");
    let row = row_text(&buf, y);
    assert!(row.contains("1 − Instead"), "{row}");
    assert!(!row.contains("conflicts Instead"), "{row}");
    // Wider, the word stands beside the glyph.
    let buf = screen(&app(130, 30, &[])).backend().buffer().clone();
    let (_, y) = find(&buf, "Instead of a total ban");
    assert!(row_text(&buf, y).contains("1 − conflicts Instead"));
}

#[test]
fn a_match_past_the_end_of_a_row_is_brought_into_view() {
    let theme = theme();
    let mut a = app(80, 24, &[Action::StartSearch]);
    // Insight 3 names Huawei near its end, far past what its row shows.
    for c in "huawei".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchAccept);
    let buf = screen(&a).backend().buffer().clone();
    let list = reading(&a).panes().expect("panes").list;
    let rows: Vec<String> = (list.y..list.bottom()).map(|y| row_text(&buf, y)).collect();
    let row = rows
        .iter()
        .position(|r| r.contains("  3 +"))
        .expect("insight 3 is listed");
    assert!(rows[row].contains("agrees    …"), "{}", dump(&buf));
    assert!(rows[row].contains("Huawei"), "{}", dump(&buf));
    let (x, y) = find(&buf, "Huawei");
    assert!(
        y >= list.y && y < list.bottom(),
        "the first Huawei on screen is in the list"
    );
    assert_eq!(
        buf[(x, y)].bg,
        theme.search_match_selected().bg.expect("bg")
    );
}

#[test]
fn titles_cut_at_narrow_widths_end_in_an_ellipsis_and_keep_the_stance_and_number() {
    let buf = screen(&app(40, 12, &[])).backend().buffer().clone();
    let text = dump(&buf);
    assert!(text.contains("− CONFLICTS · insight 1"), "{text}");
    // With a filter and a long query the list title is cut, with its position kept.
    let mut a = app(
        40,
        14,
        &[Action::ToggleStance(Stance::Conflicts), Action::StartSearch],
    );
    for c in "restrictions provided the necessary".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchAccept);
    let buf = screen(&a).backend().buffer().clone();
    let list = reading(&a).panes().expect("panes").list;
    let top = row_text(&buf, list.y);
    assert!(top.contains("1/"), "{top}");
    assert!(top.contains('…'), "{top}");
    assert!(top.ends_with('┓') || top.ends_with('┐'), "{top}");
}

#[test]
fn status_hints_follow_what_is_focused_and_searched() {
    let status = |a: &App| row_text(screen(a).backend().buffer(), a.area().height - 1);
    let s = status(&app(200, 40, &[]));
    assert!(s.contains("j/k move"), "{s}");
    assert!(!s.contains("match"), "no search, no match hint: {s}");
    // The thesis or the detail focused: the same keys scroll.
    for focus in [Action::FocusNext, Action::FocusPrev] {
        let s = status(&app(120, 40, &[focus]));
        assert!(s.contains("j/k scroll"), "{s}");
        assert!(!s.contains("j/k move"), "{s}");
    }
    // A search active: n/N stays at every width (at 100 columns the counts' long form once
    // pushed it out), and with the detail focused.
    for (width, focus) in [
        (80, false),
        (100, false),
        (120, false),
        (80, true),
        (100, true),
    ] {
        let mut a = app(width, 24, &[Action::StartSearch]);
        for c in "china".chars() {
            a.update(Action::SearchInput(c));
        }
        a.update(Action::SearchAccept);
        if focus {
            a.update(Action::FocusDetail);
        }
        let s = status(&a);
        assert!(
            s.contains("n/N match"),
            "{width}, detail focused {focus}: {s}"
        );
    }
    // However long the filter and the counts, the ways to help and out stay: the counts give
    // way to their short form first.
    for width in [60, 80, 100] {
        let s = status(&app(width, 24, &[Action::ToggleStance(Stance::Conflicts)]));
        assert!(s.contains("? help") && s.contains("q quit"), "{width}: {s}");
    }
    // Where there is room, the stance filters and sentence picking too.
    let s = status(&app(200, 40, &[]));
    assert!(s.contains("a/c/m/u filter"), "{s}");
    assert!(s.contains("l/h sentence"), "{s}");
    assert!(s.contains("f cycle"), "{s}");
}

#[test]
fn a_long_notice_leaves_the_help_and_quit_hints() {
    let mut a = app(80, 24, &[]);
    a.set_notice(
        format!("copy failed: {}", "xclip: not installed, ".repeat(8)),
        true,
    );
    let s = row_text(screen(&a).backend().buffer(), 23);
    assert!(s.contains("? help"), "{s}");
    assert!(s.contains("q quit"), "{s}");
    assert!(s.contains("copy failed"), "{s}");
}

#[test]
fn the_prompt_shows_its_cursor_where_it_edits() {
    let mut a = app(60, 20, &[Action::StartSearch]);
    for c in "export controls".chars() {
        a.update(Action::SearchInput(c));
    }
    let end = stance::ui::cursor(&a, a.area()).expect("cursor");
    a.update(Action::SearchEdit(Edit::WordLeft));
    let moved = stance::ui::cursor(&a, a.area()).expect("cursor");
    assert_eq!(end.x - moved.x, "controls".len() as u16);
    // A query longer than the room scrolls to keep the cursor in view.
    let mut a = app(40, 12, &[Action::StartSearch]);
    for c in "a very long query that will not fit in the bar".chars() {
        a.update(Action::SearchInput(c));
    }
    let at = stance::ui::cursor(&a, a.area()).expect("cursor");
    assert!(at.x < 40);
    let s = row_text(screen(&a).backend().buffer(), 11);
    assert!(
        s.contains("in the bar"),
        "the end, where the cursor is: {s}"
    );
    a.update(Action::SearchEdit(Edit::Home));
    let s = row_text(screen(&a).backend().buffer(), 11);
    assert!(
        s.contains("/a very"),
        "the start, where the cursor went: {s}"
    );
}
