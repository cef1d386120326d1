//! SGR colour codes for a terminal that knows only the sixteen colours (#10). crossterm, and
//! so ratatui's backend, writes even those as 256-colour codes (`38;5;1` for red), which the
//! Linux console before 3.16, old PuTTY and other sixteen-colour terminals do not read. For
//! them the frame's bytes are rewritten on their way out: `38;5;N` and `48;5;N` with N below
//! 16 become the codes every terminal reads, 30–37 and 90–97, 40–47 and 100–107. The theme
//! has been brought down to the sixteen already, so these are the only colour codes left.
//! Only the program's own sequences are touched: no byte of a document is an escape.

/// `bytes` with every SGR sequence's sixteen-colour codes written the classic way.
pub fn to_sixteen_colours(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(start) = memchr::memchr(0x1b, rest) {
        out.extend_from_slice(&rest[..start]);
        rest = &rest[start..];
        let params_len = rest
            .iter()
            .skip(2)
            .take_while(|b| b.is_ascii_digit() || **b == b';')
            .count();
        let end = 2 + params_len;
        if rest.get(1) == Some(&b'[') && rest.get(end) == Some(&b'm') {
            out.extend_from_slice(b"\x1b[");
            rewrite_params(&rest[2..end], &mut out);
            out.push(b'm');
            rest = &rest[end + 1..];
        } else {
            out.push(0x1b);
            rest = &rest[1..];
        }
    }
    out.extend_from_slice(rest);
    out
}

fn rewrite_params(params: &[u8], out: &mut Vec<u8>) {
    let tokens: Vec<&[u8]> = params.split(|b| *b == b';').collect();
    let mut written: Vec<Vec<u8>> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let next = |k: usize| tokens.get(i + k).copied();
        match (tokens[i], next(1)) {
            // A colour from the palette: the sixteen are rewritten, others left as they are.
            (intro @ (b"38" | b"48" | b"58"), Some(b"5")) if next(2).is_some() => {
                let index = next(2).and_then(parse_u8);
                match (intro, index) {
                    (b"38", Some(n)) if n < 16 => written.push(classic(30, n)),
                    (b"48", Some(n)) if n < 16 => written.push(classic(40, n)),
                    _ => written.extend(tokens[i..i + 3].iter().map(|t| t.to_vec())),
                }
                i += 3;
            }
            // An RGB colour: its three numbers are not codes of their own.
            (b"38" | b"48" | b"58", Some(b"2")) => {
                let end = (i + 5).min(tokens.len());
                written.extend(tokens[i..end].iter().map(|t| t.to_vec()));
                i = end;
            }
            (token, _) => {
                written.push(token.to_vec());
                i += 1;
            }
        }
    }
    out.extend_from_slice(&written.join(&b';'));
}

/// 30–37 or 90–97 for a foreground (`base` 30), 40–47 or 100–107 for a background (40).
fn classic(base: u8, n: u8) -> Vec<u8> {
    let code = if n < 8 { base + n } else { base + 60 + n - 8 };
    code.to_string().into_bytes()
}

fn parse_u8(token: &[u8]) -> Option<u8> {
    std::str::from_utf8(token).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(s: &str) -> String {
        String::from_utf8(to_sixteen_colours(s.as_bytes())).expect("utf-8")
    }

    #[test]
    fn the_sixteen_become_classic_codes() {
        assert_eq!(rewritten("\x1b[38;5;1m"), "\x1b[31m");
        assert_eq!(rewritten("\x1b[38;5;9m"), "\x1b[91m");
        assert_eq!(rewritten("\x1b[48;5;0m"), "\x1b[40m");
        assert_eq!(rewritten("\x1b[48;5;15m"), "\x1b[107m");
        assert_eq!(
            rewritten("a\x1b[0;1;7;38;5;2;48;5;8mb\x1b[39m"),
            "a\x1b[0;1;7;32;100mb\x1b[39m"
        );
    }

    #[test]
    fn everything_else_is_left_as_it_was() {
        for s in [
            "plain text, “quoted”",
            "\x1b[38;5;200m",
            "\x1b[38;2;5;5;1m",
            "\x1b[48;2;1;5;9;38;5;3m",
            "\x1b[58;5;1m",
            "\x1b[m",
            "\x1b[2J\x1b[1;1H\x1b[?25l",
            "\x1b]52;c;YQ==\x07",
            "\x1b[38;5",
            "\x1b",
        ] {
            let expected = s.replace("38;5;3m", "33m");
            assert_eq!(rewritten(s), expected, "{s:?}");
        }
    }
}
