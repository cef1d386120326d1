//! The panes' arithmetic against ratatui's constraint solver, which it stands in for at
//! launch: the same rectangles at every terminal size.

use ratatui::layout::{Constraint, Layout, Rect};

use stance::debate::{Debate, Insight, Stance};
use stance::layout::{self, Panes, WIDE_FROM};

/// The layout as constraints, the way it was first written.
fn with_solver(area: Rect, debate: &Debate) -> Option<Panes> {
    if area.width < layout::MIN_WIDTH || area.height < layout::MIN_HEIGHT {
        return None;
    }
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let wide = area.width >= WIDE_FROM;
    let share = if wide { 3 } else { 4 };
    let wanted = layout::thesis_lines(debate, layout::inner(body).width).len() as u16 + 2;
    let thesis_height = wanted.clamp(3, (body.height / share).max(3));
    let [thesis, rest] =
        Layout::vertical([Constraint::Length(thesis_height), Constraint::Fill(1)]).areas(body);
    let [list, detail] = if wide {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(rest)
    } else {
        let rows = debate.insights.len().max(1) as u16;
        let list_height = rows
            .saturating_add(2)
            .min((rest.height * 2 / 5).max(4))
            .min(rest.height);
        Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]).areas(rest)
    };
    Some(Panes {
        thesis,
        list,
        detail,
        status,
    })
}

fn debate(insights: usize, thesis_words: usize) -> Debate {
    Debate {
        title: "A title".into(),
        source: None,
        thesis: vec!["word"; thesis_words].join(" "),
        insights: (0..insights)
            .map(|i| Insight {
                text: format!("insight {i}"),
                stance: Stance::ALL[i % 4],
                note: None,
            })
            .collect(),
    }
}

#[test]
fn panes_match_the_constraint_solver_at_every_size() {
    let debates = [
        debate(0, 1),
        debate(3, 40),
        debate(10, 200),
        debate(500, 600),
    ];
    for debate in &debates {
        for width in 0..=260 {
            for height in 0..=70 {
                let area = Rect::new(0, 0, width, height);
                assert_eq!(
                    layout::panes(area, debate),
                    with_solver(area, debate),
                    "at {width}×{height} with {} insights",
                    debate.insights.len()
                );
            }
        }
    }
}
