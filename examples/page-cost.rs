//! What touching fresh memory costs on this machine, and whether two threads do it faster
//! than one: the floor under opening a large file (#12), whose bytes and whose insights' texts
//! each land in pages the process has never touched.
//!
//! ```sh
//! cargo run --release --example page-cost        # 21 fresh processes of each kind
//! cargo run --release --example page-cost -- 51
//! ```
//!
//! Each measurement is a fresh process, as a launch is: in a process that has freed memory
//! before, the allocator hands the same pages back and nothing is faulted in.

use std::process::Command;
use std::time::Instant;

/// About what opening the 3,000-claim export touches beyond a plain launch.
const PAGES: usize = 400;
const PAGE: usize = 4096;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, child, threads] = args.as_slice()
        && child == "--child"
    {
        let threads: usize = threads.parse().expect("threads");
        println!("{}", touch(threads));
        return;
    }
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(21);
    let me = std::env::current_exe().expect("own path");
    let mut one = Vec::new();
    let mut two = Vec::new();
    for _ in 0..runs {
        for (threads, into) in [(1, &mut one), (2, &mut two)] {
            let out = Command::new(&me)
                .args(["--child", &threads.to_string()])
                .output()
                .expect("child");
            let ns: f64 = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .expect("nanoseconds");
            into.push(ns);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (one, two) = (median(&mut one), median(&mut two));
    println!(
        "{PAGES} fresh pages ({} KB), median of {runs} fresh processes each:",
        PAGES * PAGE / 1024
    );
    println!(
        "  one thread:  {:.2} ms ({:.1} µs a page)",
        one / 1e6,
        one / 1e3 / PAGES as f64
    );
    println!(
        "  two threads: {:.2} ms ({:.2}× one thread's time)",
        two / 1e6,
        two / one
    );
}

/// Nanoseconds to fill `PAGES` new pages, shared out among `threads`.
fn touch(threads: usize) -> u128 {
    let each = PAGES / threads * PAGE;
    let start = Instant::now();
    let filled: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads)
            .map(|_| scope.spawn(move || vec![1u8; each]))
            .collect();
        let mut filled = vec![vec![1u8; each]];
        filled.extend(workers.into_iter().map(|w| w.join().expect("worker")));
        filled
    });
    let elapsed = start.elapsed().as_nanos();
    std::hint::black_box(&filled);
    elapsed
}
