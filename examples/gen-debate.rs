//! Writes a synthetic debate of N insights to standard output, for benchmarks and for trying
//! `stance` on a large file:
//!
//! ```sh
//! cargo run --release --example gen-debate -- 100000 > big.toml
//! cargo run --release --example gen-debate -- 100000 --plain > big.txt
//! cargo run --release --example gen-debate -- 1000 --folder debates/   # 1,000 small debates
//! cargo run --release --example gen-debate -- 3000 --kialo > big-kialo.txt  # a Kialo export
//! ```

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen-debate N [--plain | --kialo | --folder DIR]";
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, usage))?;
    let flag = args.next();
    if flag.as_deref() == Some("--folder") {
        let dir = args
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, usage))?;
        return stance::synthetic::write_folder(std::path::Path::new(&dir), n);
    }
    let plain = flag.as_deref() == Some("--plain");
    let mut out = BufWriter::new(io::stdout().lock());
    if flag.as_deref() == Some("--kialo") {
        stance::synthetic::write_kialo(n, &mut out)?;
        return out.flush();
    }
    stance::synthetic::write_debate(n, plain, &mut out)?;
    out.flush()
}
