//! Properties that hold for any input: any key sequence at any size, any text at any width.

use proptest::prelude::*;

use stance::action::{Action, Edit};
use stance::app::App;
use stance::debate::{Debate, Insight, Stance};
use stance::filter::{StanceFilter, visible_insights};
use stance::layout;
use stance::text::{sanitize, truncate, width, wrap};
use unicode_segmentation::UnicodeSegmentation;

/// The debate being read: every app in these tests has one open.
fn reading(app: &App) -> &stance::reading::Reading {
    app.reading().expect("a debate is open")
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Down),
        Just(Action::Up),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::PageDown),
        Just(Action::PageUp),
        Just(Action::FocusNext),
        Just(Action::FocusPrev),
        Just(Action::CycleFilter),
        Just(Action::Back),
        Just(Action::ToggleHelp),
        prop::sample::select(Stance::ALL.to_vec()).prop_map(Action::ToggleStance),
        (0u16..160, 0u16..60).prop_map(|(w, h)| Action::Resize(w, h)),
        Just(Action::StartSearch),
        prop::sample::select(vec!['a', 'e', 'z', ' ', 'A']).prop_map(Action::SearchInput),
        Just(Action::SearchEdit(Edit::Backspace)),
        Just(Action::SearchEdit(Edit::DeleteWordBack)),
        Just(Action::SearchEdit(Edit::Left)),
        Just(Action::SearchEdit(Edit::Home)),
        Just(Action::SearchOlder),
        Just(Action::SearchNewer),
        Just(Action::FocusDetail),
        Just(Action::SearchAccept),
        Just(Action::SearchCancel),
        Just(Action::NextMatch),
        Just(Action::PrevMatch),
        Just(Action::NextSentence),
        Just(Action::PrevSentence),
        Just(Action::Copy),
        (0u16..160, 0u16..60).prop_map(|(column, row)| Action::Click { column, row }),
        (0u16..160, 0u16..60, any::<bool>()).prop_map(|(column, row, down)| Action::Scroll {
            column,
            row,
            down
        }),
    ]
}

fn debate() -> impl Strategy<Value = Debate> {
    let insight = (
        "[a-zA-Z .!?]{0,200}",
        prop::sample::select(Stance::ALL.to_vec()),
        prop::option::of("[a-z ]{0,80}"),
    )
        .prop_map(|(text, stance, note)| Insight {
            text,
            stance,
            note,
            ..Insight::default()
        });
    (prop::collection::vec(insight, 0..40), "[a-z ]{0,400}").prop_map(|(insights, thesis)| Debate {
        title: "title".into(),
        source: None,
        thesis,
        insights,
    })
}

proptest! {
    #[test]
    fn any_key_sequence_keeps_the_invariants(
        d in debate(),
        actions in prop::collection::vec(action(), 0..60),
    ) {
        let mut app = App::new(d, 80, 24);
        for a in actions {
            app.update(a);
            // The visible insights are exactly what the filter admits.
            let expected = visible_insights(&reading(&app).debate().insights, reading(&app).filter(), reading(&app).query());
            prop_assert_eq!(reading(&app).visible(), expected.as_slice());
            // The selection is a visible insight, or none when nothing is visible.
            match reading(&app).selected() {
                Some(s) => prop_assert!(s < reading(&app).visible().len()),
                None => prop_assert!(reading(&app).visible().is_empty()),
            }
            if let (StanceFilter::Only(s), None) = (reading(&app).filter(), reading(&app).query()) {
                prop_assert_eq!(reading(&app).visible().len(), reading(&app).counts()[s.index()]);
            }
            // A picked sentence lies within the selected insight's text.
            if let Some(range) = reading(&app).picked_sentence() {
                let (_, insight) = reading(&app).selected_insight().expect("a pick needs a selection");
                prop_assert!(range.end <= insight.text.len());
            }
            // Every offset is within its content, and the selection is on screen.
            if let Some(p) = reading(&app).panes() {
                let rows = usize::from(layout::inner(p.list).height / reading(&app).list_row_lines()).max(1);
                prop_assert!(reading(&app).list_offset() <= reading(&app).visible().len().saturating_sub(rows));
                if let Some(s) = reading(&app).selected() {
                    prop_assert!(reading(&app).list_offset() <= s && s < reading(&app).list_offset() + rows);
                }
                let thesis = layout::text_area(p.thesis);
                let lines = reading(&app).thesis_lines().len();
                prop_assert!(reading(&app).thesis_scroll() <= lines.saturating_sub(usize::from(thesis.height)));
                let detail = layout::text_area(p.detail);
                let lines = reading(&app)
                    .selected_insight()
                    .map_or(0, |_| reading(&app).detail_lines(detail.width).len());
                prop_assert!(reading(&app).detail_scroll() <= lines.saturating_sub(usize::from(detail.height)));
            }
        }
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word(text in "\\PC{0,300}", w in 1usize..80) {
        let clean = sanitize(&text);
        let lines = wrap(&clean, w);
        for line in &lines {
            prop_assert!(width(line) <= w || line.chars().count() == 1 || {
                // A single grapheme wider than the line stands alone.
                line.graphemes(true).count() == 1
            }, "{line:?} wider than {w}");
        }
        let words = |s: &str| s.split_whitespace().collect::<String>();
        prop_assert_eq!(words(&lines.join(" ")), words(&clean));
    }

    #[test]
    fn sanitised_text_has_no_controls_or_bidi(text in "\\PC{0,200}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069} a-z]{0,100}") {
        let clean = sanitize(&text);
        let harmful = |c: char| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        };
        prop_assert!(!clean.chars().any(harmful), "{:?}", clean);
    }

    /// The quick path for ASCII gives what segmenting into graphemes and laying each out
    /// gives (for text without control characters, which cleaning has removed).
    #[test]
    fn width_is_the_sum_of_grapheme_widths(text in "[ -~]{0,80}|\\PC{0,80}|[a-z\u{301}\u{200d} ]{0,20}") {
        let by_graphemes: usize = text
            .graphemes(true)
            .map(stance::cells::width)
            .sum();
        prop_assert_eq!(width(&text), by_graphemes);
    }

    /// Truncation stops walking once the row is full; it cuts where measuring it all would.
    #[test]
    fn truncate_cuts_where_the_whole_width_says(text in "[a-z \n]{0,60}|\\PC{0,60}", w in 0usize..40) {
        let flat = text.replace('\n', " ");
        let expected = if w == 0 {
            String::new()
        } else if width(&flat) <= w {
            flat
        } else {
            let mut out = String::new();
            let mut used = 0;
            for g in flat.graphemes(true) {
                let gw = width(g);
                if used + gw > w - 1 {
                    break;
                }
                out.push_str(g);
                used += gw;
            }
            format!("{}…", out.trim_end())
        };
        prop_assert_eq!(truncate(&text, w), expected);
    }
}
