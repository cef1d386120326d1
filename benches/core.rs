//! The work behind each thing a reader does, at 10, 10,000 and 100,000 insights: loading
//! (both formats), a stance filter, a search keystroke, a navigation key, and drawing a frame.
//! `cargo bench --bench core`; the figures go in BENCHMARKS.md.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use stance::action::Action;
use stance::app::App;
use stance::debate::{Debate, Stance, parse};
use stance::filter::{StanceFilter, narrow, visible_insights};
use stance::input::Parser;
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

/// The picker over a folder of debates (#11): the first keystroke in its filter (every
/// debate matched) and one that narrows what the first matched, at 100 and 1,000 debates.
#[divan::bench(args = [100, 1000], sample_count = 20, sample_size = 1)]
fn picker_keystroke(bencher: divan::Bencher, n: usize) {
    use stance::library::{Entry, Library, Origin, State};
    let dir = std::env::temp_dir().join(format!("stance-bench-folder-{n}"));
    if !dir.exists() {
        stance::synthetic::write_folder(&dir, n).expect("folder");
    }
    let found = stance::library::find(std::slice::from_ref(&dir)).expect("found");
    let library = Library::new(
        found
            .into_iter()
            .map(|f| Entry {
                state: stance::library::read_summary(&f.path).swap_remove(0),
                origin: Origin::File(f.path),
            })
            .filter(|e| e.state != State::NotADebate)
            .collect(),
    );
    bencher
        .with_inputs(|| {
            let mut app = App::with_library(library.clone(), Vec::new(), 120, 40);
            // The haystacks are made at the first match: made here, as after any keystroke.
            app.update(Action::SearchInput('x'));
            app.update(Action::SearchEdit(stance::action::Edit::Backspace));
            app
        })
        .bench_local_values(|mut app| {
            app.update(Action::SearchInput('e'));
            app.update(Action::SearchInput('x'));
            app
        });
}

/// `l` and `h` on an insight of 5 MB, once its sentences are found: split once and kept, not
/// again on every key (#14).
#[divan::bench]
fn sentence_key_in_a_huge_insight(bencher: divan::Bencher) {
    let text = "A sentence about export controls and chips. ".repeat(110_000);
    let debate = Debate {
        title: "t".into(),
        source: None,
        thesis: "x".into(),
        insights: vec![stance::debate::Insight {
            text,
            ..stance::debate::Insight::default()
        }],
    };
    let mut app = App::new(debate, 120, 40);
    app.update(Action::NextSentence);
    bencher.bench_local(|| {
        app.update(Action::NextSentence);
        app.update(Action::PrevSentence);
    });
}

/// Reading a paste of `n` bytes in the 4 KiB reads a terminal gives, kept to its first
/// megabyte: linear, so each byte of 5 MB costs what each of 50 KB does (#14).
#[divan::bench(args = [50_000, 5_000_000], sample_count = 10)]
fn paste_read(bencher: divan::Bencher, n: usize) {
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend((0..n).map(|i| b"pasted text, \xc3\xa9\n"[i % 16]));
    bytes.extend(b"\x1b[201~");
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            let mut parser = Parser::new();
            let now = Instant::now();
            let mut inputs = 0;
            for read in bytes.chunks(4096) {
                inputs += parser.feed(read, now).len();
            }
            inputs + parser.finish().len()
        });
}

/// Reading 100,000 keys typed and sent as sequences: arrows, mouse wheel, letters.
#[divan::bench(sample_count = 10)]
fn keys_read(bencher: divan::Bencher) {
    let bytes = b"j\x1b[B\x1b[<65;10;5Mk\x1b[1;5D".repeat(20_000);
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            let mut parser = Parser::new();
            let now = Instant::now();
            bytes
                .chunks(4096)
                .map(|read| parser.feed(read, now).len())
                .sum::<usize>()
        });
}
