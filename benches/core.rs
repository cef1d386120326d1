//! The work behind each thing a reader does, at 10, 10,000 and 100,000 insights: loading
//! (both formats), a stance filter, a search keystroke, a navigation key, and drawing a frame.
//! `cargo bench --bench core`; the figures go in BENCHMARKS.md.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use stance::action::Action;
use stance::app::App;
use stance::debate::{Debate, Stance, parse};
use stance::filter::{StanceFilter, narrow, visible_insights};
use stance::search::Query;
use stance::synthetic::debate_text;
use stance::theme::Theme;
use stance::ui::View;

const SIZES: [usize; 3] = [10, 10_000, 100_000];

fn main() {
    divan::main();
}

/// Each synthetic file is made once per run.
fn text(n: usize, plain: bool) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<(usize, bool), &'static str>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    cache
        .entry((n, plain))
        .or_insert_with(|| Box::leak(debate_text(n, plain).into_boxed_str()))
}

fn debate(n: usize) -> &'static Debate {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static Debate>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    cache.entry(n).or_insert_with(|| {
        Box::leak(Box::new(
            parse(text(n, false), Path::new("bench.toml")).expect("parses"),
        ))
    })
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_toml(bencher: divan::Bencher, n: usize) {
    let text = text(n, false);
    bencher.bench(|| parse(text, Path::new("bench.toml")).expect("parses"));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_plain(bencher: divan::Bencher, n: usize) {
    let text = text(n, true);
    bencher.bench(|| parse(text, Path::new("bench.txt")).expect("parses"));
}

#[divan::bench(args = SIZES)]
fn filter_by_stance(bencher: divan::Bencher, n: usize) {
    let insights = &debate(n).insights;
    bencher.bench(|| visible_insights(insights, StanceFilter::Only(Stance::Agrees), None));
}

/// The first keystroke of a search: every insight is looked at.
#[divan::bench(args = SIZES)]
fn search_first_key(bencher: divan::Bencher, n: usize) {
    let insights = &debate(n).insights;
    let query = Query::new("h").expect("query");
    bencher.bench(|| visible_insights(insights, StanceFilter::All, Some(&query)));
}

/// A keystroke that finds nothing: the slowest case, every byte is scanned.
#[divan::bench(args = SIZES)]
fn search_no_match(bencher: divan::Bencher, n: usize) {
    let insights = &debate(n).insights;
    let query = Query::new("zebra").expect("query");
    bencher.bench(|| visible_insights(insights, StanceFilter::All, Some(&query)));
}

/// A later keystroke: the query grew, so only the previous matches are looked at.
#[divan::bench(args = SIZES)]
fn search_next_key(bencher: divan::Bencher, n: usize) {
    let insights = &debate(n).insights;
    let before = visible_insights(insights, StanceFilter::All, Query::new("hua").as_ref());
    let query = Query::new("huaw").expect("query");
    bencher.bench(|| narrow(insights, &before, &query));
}

fn app(n: usize) -> App {
    App::new(debate(n).clone(), 120, 40)
}

/// `j`, `G` and `PgDn` as the app sees them (the drawing is measured separately).
#[divan::bench(args = SIZES)]
fn navigation_update(bencher: divan::Bencher, n: usize) {
    let mut app = app(n);
    bencher.bench_local(|| {
        app.update(Action::Down);
        app.update(Action::Bottom);
        app.update(Action::PageUp);
        app.update(Action::Top);
    });
}

/// A filter key as the app sees it: all → agrees, then back.
#[divan::bench(args = SIZES)]
fn filter_key_update(bencher: divan::Bencher, n: usize) {
    let mut app = app(n);
    bencher.bench_local(|| {
        app.update(Action::ToggleStance(Stance::Agrees));
        app.update(Action::ToggleStance(Stance::Agrees));
    });
}

/// One frame of the reader at 120×40, drawn through ratatui's test backend.
#[divan::bench(args = SIZES)]
fn render_frame(bencher: divan::Bencher, n: usize) {
    let app = app(n);
    let theme = Theme::default_theme();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    bencher.bench_local(|| {
        // A full redraw each time: clearing makes the backend diff against nothing.
        terminal.clear().expect("clear");
        terminal
            .draw(|f| f.render_widget(View::new(&app, &theme), f.area()))
            .expect("draw");
    });
}
