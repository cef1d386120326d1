//! The panes at every terminal size: they tile the screen, the thesis takes the lines it needs
//! up to its share (more when the panes below would leave rows empty), and text keeps a
//! readable measure (#10).

use ratatui::layout::Rect;

use stance::app::App;
use stance::debate::{self, Debate, Insight, Stance};
use stance::layout::{self, MEASURE, MIN_HEIGHT, MIN_WIDTH, Panes, WIDE_FROM};

/// The debate being read: every app in these tests has one open.
fn reading(app: &App) -> &stance::reading::Reading {
    app.reading().expect("a debate is open")
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
                ..Insight::default()
            })
            .collect(),
    }
}

fn debates() -> Vec<Debate> {
    vec![
        debate::builtin(),
        debate(0, 1),
        debate(3, 40),
        debate(10, 200),
        debate(500, 600),
    ]
}

fn check_tiling(area: Rect, p: &Panes) {
    let at = format!("{}×{}: {p:?}", area.width, area.height);
    assert_eq!(
        p.status,
        Rect::new(0, area.height - 1, area.width, 1),
        "{at}"
    );
    assert_eq!(
        (p.thesis.x, p.thesis.y, p.thesis.width),
        (0, 0, area.width),
        "{at}"
    );
    assert_eq!(p.list.y, p.thesis.bottom(), "{at}");
    assert_eq!(p.list.x, 0, "{at}");
    if area.width >= WIDE_FROM {
        assert_eq!(p.detail.y, p.list.y, "{at}");
        assert_eq!(p.detail.x, p.list.right(), "{at}");
        assert_eq!(p.detail.right(), area.width, "{at}");
        assert_eq!(p.list.bottom(), p.status.y, "{at}");
    } else {
        assert_eq!(p.list.width, area.width, "{at}");
        assert_eq!(p.detail.y, p.list.bottom(), "{at}");
        assert_eq!((p.detail.x, p.detail.width), (0, area.width), "{at}");
    }
    assert_eq!(p.detail.bottom(), p.status.y, "{at}");
    // The panes below the thesis stay useful: rows for the list, lines for the detail.
    assert!(layout::inner(p.list).height >= 2, "{at}");
    assert!(layout::inner(p.detail).height >= 2, "{at}");
    assert!(layout::inner(p.thesis).height >= 1, "{at}");
}

#[test]
fn panes_tile_the_screen_at_every_size() {
    for d in &debates() {
        for width in MIN_WIDTH..=260 {
            for height in MIN_HEIGHT..=70 {
                let area = Rect::new(0, 0, width, height);
                let p = layout::panes(area, d).expect("fits");
                check_tiling(area, &p);
            }
        }
        assert_eq!(layout::panes(Rect::new(0, 0, MIN_WIDTH - 1, 40), d), None);
        assert_eq!(layout::panes(Rect::new(0, 0, 120, MIN_HEIGHT - 1), d), None);
    }
}

/// How many rows the thesis pane shows against how many its text has, as the reader lays it
/// out.
fn thesis_shown(d: &Debate, width: u16, height: u16) -> (usize, usize) {
    let app = App::new(d.clone(), width, height);
    let p = reading(&app).panes().expect("fits");
    let rows = usize::from(layout::text_area(p.thesis).height);
    (rows, reading(&app).thesis_lines().len())
}

#[test]
fn the_whole_thesis_fits_within_its_share_of_the_height() {
    for d in &debates() {
        for width in (MIN_WIDTH..=260).step_by(7) {
            for height in MIN_HEIGHT..=70 {
                let full = layout::thesis_lines(d, layout::thesis_width(Rect::new(0, 0, width, 3)));
                let body = usize::from(height - 1);
                let (rows, lines) = thesis_shown(d, width, height);
                // Whatever it needs up to two fifths of the body is given in full.
                if full.len() + 2 <= body * 2 / 5 {
                    assert!(
                        rows >= lines,
                        "{width}×{height}: {rows} rows for {lines} lines"
                    );
                }
            }
        }
    }
}

#[test]
fn the_built_in_thesis_is_whole_at_common_sizes() {
    let d = debate::builtin();
    for (width, height) in [(80, 24), (100, 24), (120, 40), (200, 60), (132, 43)] {
        let (rows, lines) = thesis_shown(&d, width, height);
        assert!(
            rows >= lines,
            "{width}×{height}: the thesis shows {rows} of its {lines} lines"
        );
    }
}

#[test]
fn spare_rows_below_go_to_the_thesis() {
    // A long thesis and two short insights: the panes below need little, so the thesis
    // takes more than its share rather than leaving their rows empty.
    let d = debate(2, 400);
    let (rows, lines) = thesis_shown(&d, 120, 40);
    let share = (40 - 1) * 2 / 5;
    assert!(rows > share, "{rows} rows, share {share}");
    assert!(rows <= lines);
    // And a big debate's thesis stays within its share.
    let d = debate(500, 400);
    let (rows, _) = thesis_shown(&d, 120, 40);
    assert!(rows + 2 <= share, "{rows}");
}

#[test]
fn running_text_keeps_a_readable_measure() {
    let d = debate::builtin();
    let app = App::new(d.clone(), 260, 60);
    assert!(
        reading(&app)
            .thesis_lines()
            .iter()
            .all(|l| l.text.chars().count() <= usize::from(MEASURE))
    );
    let p = reading(&app).panes().expect("fits");
    let width = layout::text_area(p.detail).width;
    assert!(
        width > MEASURE,
        "the pane is wider than the measure: {width}"
    );
    let tree = stance::debate::Tree::of(&d.insights);
    for index in 0..d.insights.len() {
        let lines = layout::detail_lines(&d, &tree, index, width);
        let widest = lines
            .iter()
            .map(|l| l.text.chars().count())
            .max()
            .unwrap_or(0);
        assert!(widest <= usize::from(MEASURE), "{widest}");
        assert!(
            widest > usize::from(MEASURE) * 3 / 4,
            "{widest}: wrapped far too short"
        );
    }
}

#[test]
fn text_keeps_a_column_from_the_border_where_there_is_room() {
    let pane = Rect::new(0, 0, 60, 10);
    assert_eq!(layout::text_area(pane), Rect::new(2, 1, 56, 8));
    // At the smallest, every column goes to the text.
    let pane = Rect::new(0, 0, 20, 10);
    assert_eq!(layout::text_area(pane), layout::inner(pane));
}
