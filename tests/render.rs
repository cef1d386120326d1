//! What the reader draws: snapshots of the screens that matter, wide and narrow, and the
//! colours that carry meaning checked on the cells themselves (snapshots hold no style).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use stance::action::Action;
use stance::app::App;
use stance::debate::{self, Debate, Insight, Stance};
use stance::theme::Theme;
use stance::ui::View;

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
    assert!(text.contains("Enlarge"), "{text}");
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
        let panes = a.panes().expect("panes");
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
    let panes = a.panes().expect("panes");
    assert_eq!(buf[(panes.detail.x, panes.detail.y)].symbol(), "┏");
    assert_eq!(buf[(panes.list.x, panes.list.y)].symbol(), "┌");
}

#[test]
fn scrolling_the_detail_pane_moves_its_text() {
    let mut a = app(60, 20, &[Action::FocusNext]);
    let before = dump(screen(&a).backend().buffer());
    assert!(before.contains("1–7/10"), "{before}");
    a.update(Action::Down);
    let after = dump(screen(&a).backend().buffer());
    assert!(after.contains("2–8/10"), "{after}");
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
    let (x, y) = find(
        buf,
        "Despite the U.S. easing export controls, China's government may",
    );
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
