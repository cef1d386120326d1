//! The terminal's bytes to keys, mouse reports and pastes, with no I/O: bytes go in with the
//! time they came, events come out (#14).
//!
//! crossterm's parser, which this replaces, reads its whole buffer again for each byte that
//! comes (a paste is quadratic: 5 MB never finish), waits for ever for the end of a sequence
//! (`ESC [ < 0 ; 1` swallows every later key, `q` and Ctrl-C included), and lets pasted text
//! act as keys. This one looks at each byte once, gives an unfinished sequence up after a
//! pause as terminals' own parsers do, and keeps everything inside a paste text. What it
//! decodes, it decodes as crossterm 0.29 does (`event/sys/unix/parse.rs`), so the keymap sees
//! the same events.

use std::time::{Duration, Instant};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// How long a lone ESC waits for the rest of a sequence before it is the Esc key, and how long
/// an unfinished sequence may pause before it is dropped. A terminal writes a whole sequence at
/// once, so its bytes come together; nobody presses two keys 50 ms apart. neovim's
/// `ttimeoutlen` and libtermkey wait as long.
pub const SEQUENCE_TIMEOUT: Duration = Duration::from_millis(50);

/// How long a paste may pause before what came of it is taken for the whole paste: a paste over
/// ssh can stall for longer than a sequence does.
pub const PASTE_TIMEOUT: Duration = Duration::from_secs(1);

/// The most pasted bytes kept, a megabyte: far more than a prompt needs. The rest, up to the
/// end marker, is read and dropped, and the paste says it was cut.
pub const PASTE_LIMIT: usize = 1 << 20;

/// The longest parameters a CSI or SS3 sequence keeps (an SGR mouse report, the longest the
/// reader understands, is under 20 bytes); a longer one is read to its end and dropped.
const SEQUENCE_LIMIT: usize = 64;

const ESC: u8 = 0x1b;

/// What a paste's end looks like. Pasted text holding it can only be told from the real end by
/// what follows: see [`State::AfterPaste`].
const PASTE_END: &[u8] = b"\x1b[201~";

/// The start of a paste, kept as text when it comes inside one.
const PASTE_START: &[u8] = b"\x1b[200~";

/// What the terminal said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key, a mouse report, focus gained or lost, or (from the reader) a new size.
    Event(Event),
    /// A bracketed paste: text, never keys. Cut to its first [`PASTE_LIMIT`] bytes if `cut`.
    Paste { text: String, cut: bool },
}

/// Where the parser is in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between sequences.
    Ground,
    /// After ESC: a sequence, an Alt key, or the Esc key.
    Escape,
    /// The first bytes of a character that needs `need` in all; Alt with it if `alt`.
    Utf8 { need: usize, alt: bool },
    /// `ESC [` and its parameters so far.
    Csi,
    /// `ESC O` and its parameters so far.
    Ss3,
    /// `ESC [ M`: an X10 mouse report, whose three bytes follow raw.
    X10Mouse,
    /// `ESC [ [`: the Linux console's F1 to F5.
    LinuxFunction,
    /// An OSC, DCS, APC, PM or SOS string begun by `ESC intro`, read to its end and dropped:
    /// only the terminal sends them, as replies. `empty` until a byte of it came; `escape`
    /// after an ESC, which may begin its terminator.
    String {
        intro: u8,
        empty: bool,
        escape: bool,
    },
    /// Inside a bracketed paste.
    Paste,
    /// Just after a paste's end marker. What follows with no pause is held: should another end
    /// marker come before a start marker, the first was pasted text, as is everything up to
    /// the new one (`tmux paste-buffer -p` pastes a buffer holding `ESC [ 201 ~ q` as it is).
    AfterPaste,
}

/// Turns the terminal's bytes into [`Input`]s. Feed it bytes as they are read, and when
/// [`Parser::deadline`] passes with nothing read, [`Parser::expire`] it.
pub struct Parser {
    state: State,
    /// When bytes last came: an unfinished sequence's timeout counts from there.
    last: Option<Instant>,
    /// The unfinished sequence's bytes: parameters, a character, a mouse report.
    sequence: Vec<u8>,
    /// The sequence's parameters ran past [`SEQUENCE_LIMIT`].
    overlong: bool,
    paste: Paste,
    /// The most pasted bytes kept: [`PASTE_LIMIT`], but tests use less.
    limit: usize,
    /// How many bytes the paste scanner has looked at, to show it linear.
    #[cfg(test)]
    examined: usize,
}

/// A paste being read.
#[derive(Default)]
struct Paste {
    /// Its text so far, at most the limit.
    text: Vec<u8>,
    /// Bytes of it were dropped past the limit.
    cut: bool,
    /// What came after its end marker with no pause ([`State::AfterPaste`]).
    held: Vec<u8>,
    /// How much of a marker, `ESC [ 2 0 digit ~`, the last bytes matched; the digit once seen.
    /// Held back until it is known to be one or not: each byte is looked at once.
    matched: usize,
    digit: u8,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    pub fn new() -> Self {
        Self::with_paste_limit(PASTE_LIMIT)
    }

    /// A parser that keeps at most `limit` bytes of a paste.
    pub fn with_paste_limit(limit: usize) -> Self {
        Parser {
            state: State::Ground,
            last: None,
            sequence: Vec::with_capacity(SEQUENCE_LIMIT),
            overlong: false,
            paste: Paste::default(),
            limit,
            #[cfg(test)]
            examined: 0,
        }
    }

    /// Reads `bytes`, which came at `now`: what they finish. A sequence they leave unfinished
    /// waits for more bytes, or for [`Parser::deadline`].
    pub fn feed(&mut self, bytes: &[u8], now: Instant) -> Vec<Input> {
        let mut out = self.expire(now);
        if bytes.is_empty() {
            return out;
        }
        self.last = Some(now);
        let mut rest = bytes;
        while let Some(&byte) = rest.first() {
            let used = match self.state {
                State::Paste | State::AfterPaste => self.paste_bytes(rest),
                _ => usize::from(self.byte(byte, &mut out)),
            };
            rest = &rest[used..];
        }
        out
    }

    /// When the unfinished sequence, if any, times out if no more bytes come.
    pub fn deadline(&self) -> Option<Instant> {
        let wait = match self.state {
            State::Ground => return None,
            State::Paste => PASTE_TIMEOUT,
            _ => SEQUENCE_TIMEOUT,
        };
        self.last.map(|last| last + wait)
    }

    /// Ends the unfinished sequence if its deadline has passed at `now`: a lone ESC is the Esc
    /// key, an unfinished paste is pasted as it is, anything else is dropped. Later bytes are
    /// read afresh.
    pub fn expire(&mut self, now: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        if self.deadline().is_none_or(|deadline| now < deadline) {
            return out;
        }
        if matches!(self.state, State::Paste | State::AfterPaste) {
            // A marker's first bytes that stop there are text.
            let (prefix, len) = self.marker_prefix();
            self.paste.matched = 0;
            self.paste_text(&prefix[..len]);
        }
        match self.state {
            State::Paste => {
                self.finish_paste(&mut out);
                self.state = State::Ground;
            }
            State::AfterPaste => {
                self.finish_paste(&mut out);
                self.release_held(&mut out);
            }
            _ => self.flush(&mut out),
        }
        out
    }

    /// The input has ended: every unfinished sequence ends as its timeout would end it.
    pub fn finish(&mut self) -> Vec<Input> {
        let mut out = Vec::new();
        while let Some(deadline) = self.deadline() {
            out.extend(self.expire(deadline));
        }
        out
    }

    /// Reads one byte outside a paste. False when the byte ended the sequence without being
    /// part of it, to be read again.
    fn byte(&mut self, byte: u8, out: &mut Vec<Input>) -> bool {
        match self.state {
            State::Ground => match byte {
                ESC => self.begin(State::Escape),
                0x80.. => self.begin_utf8(byte, false, out),
                _ => out.push(key(ascii_key(byte))),
            },
            State::Escape => match byte {
                // ESC ESC is the Esc key, then a new sequence: `ESC ESC [ 200 ~` is Esc and a
                // paste (#14), not Esc and keys.
                ESC => out.push(key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))),
                b'[' => self.begin(State::Csi),
                b'O' => self.begin(State::Ss3),
                b']' | b'P' | b'_' | b'^' | b'X' => self.begin(State::String {
                    intro: byte,
                    empty: true,
                    escape: false,
                }),
                0x80.. => self.begin_utf8(byte, true, out),
                _ => {
                    self.state = State::Ground;
                    out.push(key(alt(ascii_key(byte))));
                }
            },
            State::Utf8 {
                need,
                alt: with_alt,
            } => {
                if byte & 0xc0 != 0x80 {
                    // Not the rest of a character: the start is dropped.
                    self.state = State::Ground;
                    return false;
                }
                self.sequence.push(byte);
                if self.sequence.len() == need {
                    self.state = State::Ground;
                    let decoded = std::str::from_utf8(&self.sequence)
                        .ok()
                        .and_then(|s| s.chars().next());
                    if let Some(c) = decoded {
                        let event = char_key(c);
                        out.push(key(if with_alt { alt(event) } else { event }));
                    }
                }
            }
            State::Csi | State::Ss3 => match byte {
                0x20..=0x3f => {
                    if self.sequence.len() < SEQUENCE_LIMIT {
                        self.sequence.push(byte);
                    } else {
                        self.overlong = true;
                    }
                }
                0x40..=0x7e => self.finish_sequence(byte, out),
                // A control, DEL or a byte past ASCII ends it unfinished: Ctrl-C is heard even
                // in the middle of a sequence.
                _ => {
                    self.flush(out);
                    return false;
                }
            },
            State::X10Mouse => {
                if byte < 0x20 {
                    self.flush(out);
                    return false;
                }
                self.sequence.push(byte);
                if let [cb, column, row] = self.sequence[..] {
                    self.state = State::Ground;
                    if let Some(event) = x10_mouse(cb, column, row) {
                        out.push(Input::Event(event));
                    }
                }
            }
            State::LinuxFunction => match byte {
                b'A'..=b'E' => {
                    self.state = State::Ground;
                    out.push(key(KeyEvent::new(
                        KeyCode::F(1 + byte - b'A'),
                        KeyModifiers::NONE,
                    )));
                }
                0x20..=0x7e => self.state = State::Ground,
                _ => {
                    self.flush(out);
                    return false;
                }
            },
            State::String {
                intro,
                empty,
                escape,
            } => match (escape, byte) {
                (true, b'\\') | (false, 0x07) => self.state = State::Ground,
                // The ESC began something else: the string ends there.
                (true, _) => {
                    self.state = State::Escape;
                    return false;
                }
                (false, ESC) => {
                    self.state = State::String {
                        intro,
                        empty,
                        escape: true,
                    }
                }
                (false, 0x00..=0x1f) => {
                    self.flush(out);
                    return false;
                }
                (false, _) => {
                    self.state = State::String {
                        intro,
                        empty: false,
                        escape: false,
                    }
                }
            },
            State::Paste | State::AfterPaste => return self.paste_bytes(&[byte]) == 1,
        }
        true
    }

    fn begin(&mut self, state: State) {
        self.state = state;
        self.sequence.clear();
        self.overlong = false;
    }

    fn begin_utf8(&mut self, byte: u8, alt: bool, out: &mut Vec<Input>) {
        let need = match byte {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            // Never the start of a character: dropped.
            _ => {
                if alt {
                    out.push(key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
                }
                self.state = State::Ground;
                return;
            }
        };
        self.begin(State::Utf8 { need, alt });
        self.sequence.push(byte);
    }

    /// A CSI or SS3 sequence's final byte.
    fn finish_sequence(&mut self, last: u8, out: &mut Vec<Input>) {
        let state = std::mem::replace(&mut self.state, State::Ground);
        if self.overlong {
            return;
        }
        let decoded = if state == State::Ss3 {
            ss3(&self.sequence, last).map_or(Csi::Ignored, Csi::Event)
        } else {
            csi(&self.sequence, last)
        };
        match decoded {
            Csi::Event(event) => out.push(Input::Event(event)),
            Csi::StartPaste => self.state = State::Paste,
            Csi::X10Mouse => self.begin(State::X10Mouse),
            Csi::LinuxFunction => self.state = State::LinuxFunction,
            Csi::Ignored => {}
        }
    }

    /// Ends an unfinished sequence other than a paste, as its timeout does, or as a byte that
    /// cannot belong to it does: ESC alone is the Esc key, `ESC [`, `ESC O` or `ESC ]` alone
    /// the Alt key they are typed with; the rest is dropped.
    fn flush(&mut self, out: &mut Vec<Input>) {
        if matches!(self.state, State::Paste | State::AfterPaste) {
            return;
        }
        let state = std::mem::replace(&mut self.state, State::Ground);
        let bare = self.sequence.is_empty() && !self.overlong;
        let event = match state {
            State::Escape => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            State::Csi if bare => alt(char_key('[')),
            State::Ss3 if bare => alt(char_key('O')),
            State::String {
                intro,
                empty: true,
                escape: false,
            } => alt(char_key(char::from(intro))),
            _ => return,
        };
        out.push(key(event));
    }

    /// Reads bytes of a paste, or bytes held after one, up to and including the next marker
    /// that matters; how many it used. Text goes by in runs between ESCs, so that a paste costs
    /// one `memchr` over it, and each byte is looked at once.
    fn paste_bytes(&mut self, bytes: &[u8]) -> usize {
        let mut at = 0;
        while at < bytes.len() {
            if self.paste.matched == 0 {
                let rest = &bytes[at..];
                let run = memchr::memchr(ESC, rest).unwrap_or(rest.len());
                self.paste_text(&rest[..run]);
                #[cfg(test)]
                {
                    self.examined += run;
                }
                at += run;
                if at < bytes.len() {
                    self.paste.matched = 1;
                    at += 1;
                }
                continue;
            }
            let byte = bytes[at];
            #[cfg(test)]
            {
                self.examined += 1;
            }
            let fits = match self.paste.matched {
                1 => byte == b'[',
                2 => byte == b'2',
                3 => byte == b'0',
                // After a paste, a start marker matters too: it ends what is held.
                4 => byte == b'1' || (self.state == State::AfterPaste && byte == b'0'),
                _ => byte == b'~',
            };
            if !fits {
                // What looked like a marker was text; this byte is read again.
                let (prefix, len) = self.marker_prefix();
                self.paste.matched = 0;
                self.paste_text(&prefix[..len]);
                continue;
            }
            if self.paste.matched == 4 {
                self.paste.digit = byte;
            }
            self.paste.matched += 1;
            at += 1;
            if self.paste.matched == PASTE_END.len() {
                self.paste.matched = 0;
                self.marker();
                return at;
            }
        }
        at
    }

    /// The bytes of a marker matched so far, and how many.
    fn marker_prefix(&self) -> ([u8; 5], usize) {
        let prefix = [ESC, b'[', b'2', b'0', self.paste.digit];
        (prefix, self.paste.matched.min(prefix.len()))
    }

    /// Text of the paste, or held after it.
    fn paste_text(&mut self, text: &[u8]) {
        if self.state != State::AfterPaste {
            self.keep(text);
            return;
        }
        if self.paste.held.len() + text.len() <= self.limit {
            self.paste.held.extend_from_slice(text);
            return;
        }
        // More than a paste's worth with no pause and no marker: nobody types that, it is the
        // rest of the paste, and its first end marker was text.
        let held = std::mem::take(&mut self.paste.held);
        self.keep(PASTE_END);
        self.keep(&held);
        self.keep(text);
        self.state = State::Paste;
    }

    /// Adds `text` to the paste, as much as the limit allows.
    fn keep(&mut self, text: &[u8]) {
        let room = self.limit.saturating_sub(self.paste.text.len());
        if text.len() > room {
            self.paste.cut = true;
        }
        self.paste
            .text
            .extend_from_slice(&text[..text.len().min(room)]);
    }

    /// A marker came, in a paste or after one.
    fn marker(&mut self) {
        match (self.state, self.paste.digit) {
            (State::AfterPaste, b'1') => {
                // Another end before any start: the one before was pasted text (#14).
                let held = std::mem::take(&mut self.paste.held);
                self.keep(PASTE_END);
                self.keep(&held);
            }
            (State::AfterPaste, _) => {
                // A new paste with no pause since the last one ended: nobody types between
                // two pastes that fast. It is one paste whose text held both markers, and what
                // came between is text too (#14: `x ESC[201~ q ESC[200~ y` must not quit).
                let held = std::mem::take(&mut self.paste.held);
                self.keep(PASTE_END);
                self.keep(&held);
                self.keep(PASTE_START);
                self.state = State::Paste;
            }
            _ => self.state = State::AfterPaste,
        }
    }

    /// Hands out the paste read so far, and starts afresh.
    fn finish_paste(&mut self, out: &mut Vec<Input>) {
        let mut text = std::mem::take(&mut self.paste.text);
        let cut = std::mem::replace(&mut self.paste.cut, false);
        if cut {
            text.truncate(whole_characters(&text));
        }
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        out.push(Input::Paste { text, cut });
    }

    /// Reads what was held after a paste as the keys it is. It holds no marker, so it cannot
    /// start a paste; a sequence it leaves unfinished ends with it, as the marker or the pause
    /// that came next would end it.
    fn release_held(&mut self, out: &mut Vec<Input>) {
        let held = std::mem::take(&mut self.paste.held);
        self.state = State::Ground;
        for &byte in &held {
            while !self.byte(byte, out) {}
        }
        self.flush(out);
    }
}

/// How many of a cut paste's bytes end with a whole character: a character the cut went
/// through is dropped, not made U+FFFD.
fn whole_characters(text: &[u8]) -> usize {
    let Some(start) = text
        .iter()
        .rposition(|&b| b & 0xc0 != 0x80)
        .filter(|&start| text.len() - start <= 4)
    else {
        return text.len();
    };
    let need = match text[start] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    };
    if text.len() - start < need {
        start
    } else {
        text.len()
    }
}

fn key(event: KeyEvent) -> Input {
    Input::Event(Event::Key(event))
}

fn alt(mut event: KeyEvent) -> KeyEvent {
    event.modifiers |= KeyModifiers::ALT;
    event
}

/// A character typed: an upper-case one carries SHIFT, as crossterm has it.
fn char_key(c: char) -> KeyEvent {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

/// A byte below 0x80 on its own: a control key or a character.
fn ascii_key(byte: u8) -> KeyEvent {
    let control = |c: u8| KeyEvent::new(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL);
    match byte {
        b'\r' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        // In raw mode Enter is `\r`; `\n` comes from Ctrl-J or a terminal that translates,
        // and means Enter either way. (crossterm reads it as Ctrl-J, which nothing binds.)
        b'\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        0x7f => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        ESC => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        // Ctrl-H, which is also Backspace on some terminals: the prompt binds both.
        0x01..=0x1a => control(byte - 0x01 + b'a'),
        0x1c..=0x1f => control(byte - 0x1c + b'4'),
        0x00 => control(b' '),
        _ => char_key(char::from(byte)),
    }
}

/// What a CSI sequence is.
enum Csi {
    Event(Event),
    StartPaste,
    X10Mouse,
    LinuxFunction,
    /// Not one the reader understands: a reply, or a key it has no name for.
    Ignored,
}

/// `ESC [ params last`.
fn csi(params: &[u8], last: u8) -> Csi {
    match (params, last) {
        ([], b'M') => Csi::X10Mouse,
        ([], b'[') => Csi::LinuxFunction,
        (b"200", b'~') => Csi::StartPaste,
        ([b'<', sgr @ ..], b'M' | b'm') => {
            sgr_mouse(sgr, last == b'm').map_or(Csi::Ignored, Csi::Event)
        }
        _ => fields(params)
            .and_then(|fields| csi_event(&fields, last))
            .map_or(Csi::Ignored, Csi::Event),
    }
}

/// One `;`-separated parameter: its number and the number after a `:`, absent when empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Field {
    value: Option<u32>,
    sub: Option<u32>,
}

/// A sequence's parameters as numbers: `1;5:3` is 1, then 5 and 3. None for anything else
/// (a private marker such as `?`, intermediate bytes, a number too large).
fn fields(params: &[u8]) -> Option<Vec<Field>> {
    if !params
        .iter()
        .all(|b| b.is_ascii_digit() || *b == b';' || *b == b':')
    {
        return None;
    }
    let number = |part: Option<&[u8]>| -> Option<Option<u32>> {
        match part {
            None | Some([]) => Some(None),
            Some(digits) => std::str::from_utf8(digits).ok()?.parse().ok().map(Some),
        }
    };
    params
        .split(|&b| b == b';')
        .map(|field| {
            let mut parts = field.split(|&b| b == b':');
            Some(Field {
                value: number(parts.next())?,
                sub: number(parts.next())?,
            })
        })
        .collect()
}

/// Modifiers and kind from a `mask:kind` parameter, as xterm and kitty write them.
fn modifiers(field: Field) -> (KeyModifiers, KeyEventKind) {
    let mask = field.value.unwrap_or(1).saturating_sub(1);
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if mask & bit != 0 {
            modifiers |= modifier;
        }
    }
    let kind = match field.sub {
        Some(2) => KeyEventKind::Repeat,
        Some(3) => KeyEventKind::Release,
        _ => KeyEventKind::Press,
    };
    (modifiers, kind)
}

/// A cursor or function key's letter: `A` is Up in both `ESC [ A` and `ESC O A`.
fn letter_key(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [ number ~`: the editing and function keys, by number.
fn tilde_key(number: u32) -> Option<KeyCode> {
    let f = |n: u32| u8::try_from(n).ok().map(KeyCode::F);
    match number {
        1 | 7 => Some(KeyCode::Home),
        2 => Some(KeyCode::Insert),
        3 => Some(KeyCode::Delete),
        4 | 8 => Some(KeyCode::End),
        5 => Some(KeyCode::PageUp),
        6 => Some(KeyCode::PageDown),
        11..=15 => f(number - 10),
        17..=21 => f(number - 11),
        23..=26 => f(number - 12),
        28..=29 => f(number - 15),
        31..=34 => f(number - 17),
        _ => None,
    }
}

fn csi_event(fields: &[Field], last: u8) -> Option<Event> {
    let first = fields.first().copied().unwrap_or_default();
    let bare = fields.len() == 1 && first == Field::default();
    let press =
        |code, (modifiers, kind)| Some(Event::Key(KeyEvent::new_with_kind(code, modifiers, kind)));
    let modifiers_in = |at: usize| {
        fields
            .get(at)
            .copied()
            .map_or((KeyModifiers::NONE, KeyEventKind::Press), modifiers)
    };
    match last {
        // A cursor position report, which crossterm does not give as a key either: the F3
        // it might be is ambiguous.
        b'R' => None,
        b'A'..=b'D' | b'H' | b'F' | b'P' | b'Q' | b'S' => {
            // `ESC [ 1 ; 5 A`; and, from terminals that send the modifiers alone, `ESC [ 5 A`.
            let at = if fields.len() == 1 { 0 } else { 1 };
            press(letter_key(last)?, modifiers_in(at))
        }
        b'Z' => {
            let (modifiers, kind) = modifiers_in(1);
            press(KeyCode::BackTab, (modifiers | KeyModifiers::SHIFT, kind))
        }
        b'I' if bare => Some(Event::FocusGained),
        b'O' if bare => Some(Event::FocusLost),
        b'~' => press(tilde_key(first.value?)?, modifiers_in(1)),
        b'u' => csi_u(fields),
        // urxvt's mouse reports (1015), which crossterm reads too.
        b'M' => match fields {
            [cb, column, row] => {
                let cb = u8::try_from(cb.value?.checked_sub(32)?).ok()?;
                mouse(cb, column.value?, row.value?, false)
            }
            _ => None,
        },
        _ => None,
    }
}

/// `ESC [ code ; modifiers u`: fixterms and kitty's keys, which a terminal sends when a
/// program (perhaps one that crashed before this one) asked for them.
fn csi_u(fields: &[Field]) -> Option<Event> {
    let first = fields.first()?;
    let (mut modifiers, kind) = fields
        .get(1)
        .copied()
        .map_or((KeyModifiers::NONE, KeyEventKind::Press), modifiers);
    let mut code = match first.value? {
        27 => KeyCode::Esc,
        13 => KeyCode::Enter,
        9 if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        9 => KeyCode::Tab,
        127 => KeyCode::Backspace,
        // kitty's private-use codes for keys with no character: none the reader binds.
        57344..=63743 => return None,
        other => KeyCode::Char(char::from_u32(other)?),
    };
    // With Shift, the key as shifted, when the terminal says which.
    if modifiers.contains(KeyModifiers::SHIFT)
        && let Some(shifted) = first.sub.and_then(char::from_u32)
    {
        code = KeyCode::Char(shifted);
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Some(Event::Key(KeyEvent::new_with_kind(code, modifiers, kind)))
}

/// `ESC O params last`: cursor keys in application mode, and F1 to F4.
fn ss3(params: &[u8], last: u8) -> Option<Event> {
    let fields = fields(params)?;
    let (modifiers, kind) = match fields[..] {
        [only] if only.value.is_some() => modifiers(only),
        [_] => (KeyModifiers::NONE, KeyEventKind::Press),
        _ => return None,
    };
    Some(Event::Key(KeyEvent::new_with_kind(
        letter_key(last)?,
        modifiers,
        kind,
    )))
}

/// `ESC [ < cb ; column ; row M` (or `m` for a release): the reader asks for these (1006).
fn sgr_mouse(params: &[u8], release: bool) -> Option<Event> {
    let fields = fields(params)?;
    let (cb, column, row) = match fields[..] {
        // Some terminals end with a `;`.
        [cb, column, row] | [cb, column, row, Field { value: None, .. }] => (cb, column, row),
        _ => return None,
    };
    mouse(
        u8::try_from(cb.value?).ok()?,
        column.value?,
        row.value?,
        release,
    )
}

/// `ESC [ M cb column row`, each a byte plus 32: from a terminal that cannot send SGR reports.
fn x10_mouse(cb: u8, column: u8, row: u8) -> Option<Event> {
    let position = |byte: u8| u32::from(byte.saturating_sub(32));
    mouse(cb.checked_sub(32)?, position(column), position(row), false)
}

/// A mouse report: `cb` holds the button, the modifiers and whether it is a drag; `column` and
/// `row` count from 1.
fn mouse(cb: u8, column: u32, row: u32, release: bool) -> Option<Event> {
    let button = (cb & 0b11) | ((cb & 0b1100_0000) >> 4);
    let drag = cb & 0b10_0000 != 0;
    let kind = match (button, drag) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let kind = match kind {
        MouseEventKind::Down(button) if release => MouseEventKind::Up(button),
        other => other,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (0b100, KeyModifiers::SHIFT),
        (0b1000, KeyModifiers::ALT),
        (0b1_0000, KeyModifiers::CONTROL),
    ] {
        if cb & bit != 0 {
            modifiers |= modifier;
        }
    }
    let cell = |n: u32| u16::try_from(n.saturating_sub(1)).ok();
    Some(Event::Mouse(MouseEvent {
        kind,
        column: cell(column)?,
        row: cell(row)?,
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;

    /// Events compared field by field: crossterm's `KeyEvent` equality forgives a SHIFT or a
    /// letter's case, and the keymap does not.
    fn strict(inputs: &[Input]) -> String {
        format!("{inputs:?}")
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Input {
        Input::Event(Event::Key(KeyEvent::new(code, modifiers)))
    }

    fn char(c: char, modifiers: KeyModifiers) -> Input {
        press(KeyCode::Char(c), modifiers)
    }

    fn click(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> Input {
        Input::Event(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers,
        }))
    }

    fn pasted(text: &str) -> Input {
        Input::Paste {
            text: text.into(),
            cut: false,
        }
    }

    /// `bytes` read at once, then left to time out.
    fn parse(bytes: &[u8]) -> Vec<Input> {
        let mut parser = Parser::new();
        let mut out = parser.feed(bytes, Instant::now());
        out.extend(parser.finish());
        out
    }

    fn assert_parses(bytes: &[u8], expected: &[Input]) {
        assert_eq!(
            strict(&parse(bytes)),
            strict(expected),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }

    /// What crossterm 0.29 decodes these as, which the keymap was written against.
    #[test]
    fn keys_decode_as_crossterm_decodes_them() {
        let f = KeyCode::F;
        #[rustfmt::skip]
        let table: &[(&[u8], Input)] = &[
            (b"a", char('a', NONE)),
            (b"A", char('A', SHIFT)),
            (b" ", char(' ', NONE)),
            (b"/", char('/', NONE)),
            ("é".as_bytes(), char('é', NONE)),
            ("É".as_bytes(), char('É', SHIFT)),
            ("中".as_bytes(), char('中', NONE)),
            ("😀".as_bytes(), char('😀', NONE)),
            (b"\r", press(KeyCode::Enter, NONE)),
            (b"\t", press(KeyCode::Tab, NONE)),
            (b"\x7f", press(KeyCode::Backspace, NONE)),
            (b"\x08", char('h', CTRL)),
            (b"\x01", char('a', CTRL)),
            (b"\x03", char('c', CTRL)),
            (b"\x1a", char('z', CTRL)),
            (b"\x00", char(' ', CTRL)),
            (b"\x1c", char('4', CTRL)),
            (b"\x1f", char('7', CTRL)),
            (b"\x1b", press(KeyCode::Esc, NONE)),
            (b"\x1bb", char('b', ALT)),
            (b"\x1bf", char('f', ALT)),
            (b"\x1bd", char('d', ALT)),
            (b"\x1bB", char('B', ALT | SHIFT)),
            (b"\x1b\x7f", press(KeyCode::Backspace, ALT)),
            (b"\x1b\r", press(KeyCode::Enter, ALT)),
            (b"\x1b\x03", char('c', CTRL | ALT)),
            ("\x1bé".as_bytes(), char('é', ALT)),
            (b"\x1b[A", press(KeyCode::Up, NONE)),
            (b"\x1b[B", press(KeyCode::Down, NONE)),
            (b"\x1b[C", press(KeyCode::Right, NONE)),
            (b"\x1b[D", press(KeyCode::Left, NONE)),
            (b"\x1b[H", press(KeyCode::Home, NONE)),
            (b"\x1b[F", press(KeyCode::End, NONE)),
            (b"\x1bOA", press(KeyCode::Up, NONE)),
            (b"\x1bOB", press(KeyCode::Down, NONE)),
            (b"\x1bOC", press(KeyCode::Right, NONE)),
            (b"\x1bOD", press(KeyCode::Left, NONE)),
            (b"\x1bOH", press(KeyCode::Home, NONE)),
            (b"\x1bOF", press(KeyCode::End, NONE)),
            (b"\x1b[1;5A", press(KeyCode::Up, CTRL)),
            (b"\x1b[1;2B", press(KeyCode::Down, SHIFT)),
            (b"\x1b[1;3C", press(KeyCode::Right, ALT)),
            (b"\x1b[1;5D", press(KeyCode::Left, CTRL)),
            (b"\x1b[1;6H", press(KeyCode::Home, CTRL | SHIFT)),
            (b"\x1b[5A", press(KeyCode::Up, CTRL)),
            (b"\x1b[1~", press(KeyCode::Home, NONE)),
            (b"\x1b[7~", press(KeyCode::Home, NONE)),
            (b"\x1b[2~", press(KeyCode::Insert, NONE)),
            (b"\x1b[3~", press(KeyCode::Delete, NONE)),
            (b"\x1b[3;5~", press(KeyCode::Delete, CTRL)),
            (b"\x1b[4~", press(KeyCode::End, NONE)),
            (b"\x1b[8~", press(KeyCode::End, NONE)),
            (b"\x1b[5~", press(KeyCode::PageUp, NONE)),
            (b"\x1b[6~", press(KeyCode::PageDown, NONE)),
            (b"\x1bOP", press(f(1), NONE)),
            (b"\x1bOQ", press(f(2), NONE)),
            (b"\x1bOR", press(f(3), NONE)),
            (b"\x1bOS", press(f(4), NONE)),
            (b"\x1b[P", press(f(1), NONE)),
            (b"\x1b[1;2P", press(f(1), SHIFT)),
            (b"\x1b[[A", press(f(1), NONE)),
            (b"\x1b[[E", press(f(5), NONE)),
            (b"\x1b[11~", press(f(1), NONE)),
            (b"\x1b[15~", press(f(5), NONE)),
            (b"\x1b[17~", press(f(6), NONE)),
            (b"\x1b[21~", press(f(10), NONE)),
            (b"\x1b[23~", press(f(11), NONE)),
            (b"\x1b[24~", press(f(12), NONE)),
            (b"\x1b[24;5~", press(f(12), CTRL)),
            (b"\x1b[Z", press(KeyCode::BackTab, SHIFT)),
            (b"\x1b[27u", press(KeyCode::Esc, NONE)),
            (b"\x1b[99;5u", char('c', CTRL)),
            (b"\x1b[I", Input::Event(Event::FocusGained)),
            (b"\x1b[O", Input::Event(Event::FocusLost)),
        ];
        for (bytes, expected) in table {
            assert_parses(bytes, std::slice::from_ref(expected));
        }
    }

    #[test]
    fn key_kinds_from_the_kitty_protocol_are_kept() {
        assert_parses(
            b"\x1b[6;5:3~",
            &[Input::Event(Event::Key(KeyEvent::new_with_kind(
                KeyCode::PageDown,
                CTRL,
                KeyEventKind::Release,
            )))],
        );
    }

    #[test]
    fn mouse_reports_decode_with_cells_from_zero() {
        use MouseButton::{Left, Middle, Right};
        use MouseEventKind::{
            Down, Drag, Moved, ScrollDown, ScrollLeft, ScrollRight, ScrollUp, Up,
        };
        #[rustfmt::skip]
        let table: &[(&[u8], Input)] = &[
            (b"\x1b[<0;20;10M", click(Down(Left), 19, 9, NONE)),
            (b"\x1b[<0;20;10m", click(Up(Left), 19, 9, NONE)),
            (b"\x1b[<0;20;10;M", click(Down(Left), 19, 9, NONE)),
            (b"\x1b[<1;1;1M", click(Down(Middle), 0, 0, NONE)),
            (b"\x1b[<2;3;4M", click(Down(Right), 2, 3, NONE)),
            (b"\x1b[<32;5;6M", click(Drag(Left), 4, 5, NONE)),
            (b"\x1b[<35;5;6M", click(Moved, 4, 5, NONE)),
            (b"\x1b[<64;7;8M", click(ScrollUp, 6, 7, NONE)),
            (b"\x1b[<65;7;8M", click(ScrollDown, 6, 7, NONE)),
            (b"\x1b[<66;7;8M", click(ScrollLeft, 6, 7, NONE)),
            (b"\x1b[<67;7;8M", click(ScrollRight, 6, 7, NONE)),
            (b"\x1b[<4;1;1M", click(Down(Left), 0, 0, SHIFT)),
            (b"\x1b[<8;1;1M", click(Down(Left), 0, 0, ALT)),
            (b"\x1b[<16;1;1M", click(Down(Left), 0, 0, CTRL)),
            (b"\x1b[<81;9;9M", click(ScrollDown, 8, 8, CTRL)),
            (b"\x1b[<3;1;1M", click(Up(Left), 0, 0, NONE)),
            // Column 0 is not a cell; crossterm's `- 1` overflows on it.
            (b"\x1b[<0;0;0M", click(Down(Left), 0, 0, NONE)),
            (b"\x1b[<0;65535;300M", click(Down(Left), 65534, 299, NONE)),
            // X10 (`ESC [ M`, each byte plus 32) and urxvt (1015) reports.
            (b"\x1b[M !!", click(Down(Left), 0, 0, NONE)),
            (b"\x1b[M#\x2a\x2b", click(Up(Left), 9, 10, NONE)),
            (b"\x1b[32;20;10M", click(Down(Left), 19, 9, NONE)),
        ];
        for (bytes, expected) in table {
            assert_parses(bytes, std::slice::from_ref(expected));
        }
    }

    #[test]
    fn sequences_the_reader_does_not_understand_are_dropped_whole() {
        for bytes in [
            &b"\x1b[?1;2c"[..],                // device attributes
            b"\x1b[12;40R",                    // cursor position
            b"\x1b[?2004;1$y",                 // a mode report
            b"\x1b[99X",                       // no such key
            b"\x1b[<0;99999999999;1M",         // too far
            b"\x1b[<128;1;1M",                 // buttons 8 and up
            b"\x1b]11;rgb:0000/0000/0000\x07", // OSC, ended by BEL
            b"\x1b]52;c;aGVsbG8=\x1b\\",       // OSC, ended by ST
            b"\x1bP1$r0m\x1b\\",               // DCS
            b"\x1b_Gi=1;OK\x1b\\",             // APC (kitty graphics)
            b"\x1bOx",                         // SS3 with no such key
            b"\x1b[201~",                      // an end marker with no paste
        ] {
            let mut with_key = bytes.to_vec();
            with_key.push(b'q');
            assert_parses(&with_key, &[char('q', NONE)]);
        }
    }

    #[test]
    fn keys_around_sequences_keep_their_order() {
        assert_parses(
            b"j\x1b[Bk\x1b[<64;1;1Mq",
            &[
                char('j', NONE),
                press(KeyCode::Down, NONE),
                char('k', NONE),
                click(MouseEventKind::ScrollUp, 0, 0, NONE),
                char('q', NONE),
            ],
        );
    }

    #[test]
    fn invalid_utf8_is_dropped_and_what_follows_is_read() {
        assert_parses(b"\xff\x80a", &[char('a', NONE)]);
        assert_parses(b"\xc3(", &[char('(', NONE)]);
        assert_parses(b"\xe0\x80\x80b", &[char('b', NONE)]); // overlong
        assert_parses(b"\xed\xa0\x80c", &[char('c', NONE)]); // a surrogate
        assert_parses(b"\xe4\xb8", &[]);
    }

    #[test]
    fn a_character_split_between_reads_is_one_key() {
        let mut parser = Parser::new();
        let now = Instant::now();
        assert!(parser.feed(b"\xe4", now).is_empty());
        assert!(parser.feed(b"\xb8", now).is_empty());
        assert_eq!(
            strict(&parser.feed(b"\xad", now)),
            strict(&[char('中', NONE)])
        );
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_once_nothing_follows_for_the_timeout() {
        let mut parser = Parser::new();
        let start = Instant::now();
        assert!(parser.feed(b"\x1b", start).is_empty());
        assert_eq!(parser.deadline(), Some(start + SEQUENCE_TIMEOUT));
        let early = start + SEQUENCE_TIMEOUT - Duration::from_millis(1);
        assert!(parser.expire(early).is_empty());
        assert_eq!(
            strict(&parser.expire(start + SEQUENCE_TIMEOUT)),
            strict(&[press(KeyCode::Esc, NONE)])
        );
        assert_eq!(parser.deadline(), None);
    }

    #[test]
    fn esc_then_a_key_within_the_timeout_is_alt_and_after_it_two_keys() {
        let start = Instant::now();
        let mut parser = Parser::new();
        parser.feed(b"\x1b", start);
        let soon = parser.feed(b"b", start + Duration::from_millis(20));
        assert_eq!(strict(&soon), strict(&[char('b', ALT)]));

        let mut parser = Parser::new();
        parser.feed(b"\x1b", start);
        let late = parser.feed(b"b", start + SEQUENCE_TIMEOUT);
        assert_eq!(
            strict(&late),
            strict(&[press(KeyCode::Esc, NONE), char('b', NONE)])
        );
    }

    #[test]
    fn esc_esc_is_two_esc_keys() {
        assert_parses(
            b"\x1b\x1b",
            &[press(KeyCode::Esc, NONE), press(KeyCode::Esc, NONE)],
        );
    }

    #[test]
    fn an_unfinished_escape_sequence_alone_is_the_alt_key_it_was_typed_with() {
        assert_parses(b"\x1b[", &[char('[', ALT)]);
        assert_parses(b"\x1bO", &[char('O', ALT | SHIFT)]);
        assert_parses(b"\x1b]", &[char(']', ALT)]);
        assert_parses(b"\x1bP", &[char('P', ALT | SHIFT)]);
    }

    // Issue #14: `ESC [ < 0 ; 1` with nothing after it made crossterm wait for ever, and every
    // later key, `q` and Ctrl-C included, went into the sequence.
    #[test]
    fn an_unfinished_sequence_times_out_and_later_keys_are_keys() {
        for unfinished in [
            &b"\x1b[<0;1"[..],
            b"\x1b[1;5",
            b"\x1bO",
            b"\x1b[M!",
            b"\x1b[[",
            b"\x1b]0;title",
            b"\x1bP1$r",
            b"\x1b]0;title\x1b",
            b"\xe4\xb8",
        ] {
            let mut parser = Parser::new();
            let start = Instant::now();
            parser.feed(unfinished, start);
            let deadline = parser.deadline().expect("waits for the rest");
            assert!(deadline <= start + SEQUENCE_TIMEOUT, "{unfinished:?}");
            parser.expire(deadline);
            let later = parser.feed(b"q", deadline + Duration::from_millis(1));
            assert_eq!(strict(&later), strict(&[char('q', NONE)]), "{unfinished:?}");
            let ctrl_c = parser.feed(b"\x03", deadline + Duration::from_millis(2));
            assert_eq!(
                strict(&ctrl_c),
                strict(&[char('c', CTRL)]),
                "{unfinished:?}"
            );
        }
    }

    #[test]
    fn a_control_key_ends_an_unfinished_sequence_at_once() {
        // Ctrl-C cannot be part of a sequence: it is heard without waiting for the timeout.
        for unfinished in [&b"\x1b[<0;1"[..], b"\x1b]0;title", b"\x1b[M!", b"\xe4"] {
            let mut with_key = unfinished.to_vec();
            with_key.push(0x03);
            let mut parser = Parser::new();
            assert_eq!(
                strict(&parser.feed(&with_key, Instant::now())),
                strict(&[char('c', CTRL)]),
                "{unfinished:?}"
            );
        }
    }

    #[test]
    fn an_overlong_sequence_is_dropped_whole_and_its_memory_bounded() {
        let mut bytes = b"\x1b[".to_vec();
        bytes.extend(std::iter::repeat_n(b'1', 100_000));
        bytes.extend(b"Aq");
        let mut parser = Parser::new();
        assert_eq!(
            strict(&parser.feed(&bytes, Instant::now())),
            strict(&[char('q', NONE)])
        );
        assert!(parser.sequence.capacity() <= SEQUENCE_LIMIT * 2);
    }

    // Issue #14: a paste start with no end swallowed everything after it.
    #[test]
    fn an_unfinished_paste_is_pasted_after_a_pause_and_never_becomes_keys() {
        let mut parser = Parser::new();
        let start = Instant::now();
        assert!(parser.feed(b"\x1b[200~abc", start).is_empty());
        assert_eq!(parser.deadline(), Some(start + PASTE_TIMEOUT));
        // A stall shorter than a paste's timeout is still the paste.
        let stalled = start + Duration::from_millis(900);
        assert!(parser.feed(b"q\x1b[20", stalled).is_empty());
        let pause = stalled + PASTE_TIMEOUT;
        assert_eq!(
            strict(&parser.expire(pause)),
            strict(&[pasted("abcq\x1b[20")])
        );
        let later = parser.feed(b"q", pause + Duration::from_millis(1));
        assert_eq!(strict(&later), strict(&[char('q', NONE)]));
    }

    #[test]
    fn a_paste_is_text_whatever_it_holds() {
        assert_parses(
            b"\x1b[200~q\x03\x1b[A\x1b\x1b[200~\r\n\x1b]0;x\x07\x1b[201~",
            &[pasted("q\x03\x1b[A\x1b\x1b[200~\r\n\x1b]0;x\x07")],
        );
        assert_parses(b"\x1b[200~\x1b[201~", &[pasted("")]);
        assert_parses(b"\x1b[200~\xff\x1b[201~", &[pasted("\u{fffd}")]);
    }

    // Issue #14: `tmux paste-buffer -p` with a buffer holding `harmless text ESC[201~ q` sends
    // these bytes, and crossterm ended the paste at the first marker: the `q` quit.
    #[test]
    fn a_pasted_end_marker_is_text_when_another_follows_with_no_pause() {
        let bytes = b"\x1b[200~harmless text \x1b[201~ q\x1b[201~";
        let expected = [pasted("harmless text \x1b[201~ q")];
        assert_parses(bytes, &expected);
        // However the reads split it, as long as no pause comes between.
        let now = Instant::now();
        for split in 1..bytes.len() {
            let mut parser = Parser::new();
            let mut out = parser.feed(&bytes[..split], now);
            out.extend(parser.feed(&bytes[split..], now));
            out.extend(parser.finish());
            assert_eq!(strict(&out), strict(&expected), "split at {split}");
        }
    }

    #[test]
    fn keys_right_after_a_paste_are_keys() {
        // In the same read, as a script types them; and after a pause, as a person does.
        assert_parses(
            b"\x1b[200~quick c\x1b[201~j",
            &[pasted("quick c"), char('j', NONE)],
        );
        let mut parser = Parser::new();
        let start = Instant::now();
        parser.feed(b"\x1b[200~abc\x1b[201~", start);
        let out = parser.feed(b"q", start + Duration::from_millis(100));
        assert_eq!(strict(&out), strict(&[pasted("abc"), char('q', NONE)]));
    }

    // Issue #14: `tmux paste-buffer -p` of `x ESC[201~ q ESC[200~ y` sends both markers inside
    // the paste; what comes between them with no pause is pasted text, not keys.
    #[test]
    fn keys_between_two_pastes_with_no_pause_are_pasted_text() {
        assert_parses(
            b"\x1b[200~harmless\x1b[201~q\x1b[200~more\x1b[201~",
            &[pasted("harmless\x1b[201~q\x1b[200~more")],
        );
        assert_parses(
            b"\x1b[200~x\x1b[201~\x03\x1b[200~y\x1b[201~",
            &[pasted("x\x1b[201~\x03\x1b[200~y")],
        );
    }

    #[test]
    fn keys_between_two_pastes_after_a_pause_are_keys() {
        let mut parser = Parser::new();
        let start = Instant::now();
        let mut out = parser.feed(b"\x1b[200~a\x1b[201~", start);
        let later = start + Duration::from_millis(100);
        out.extend(parser.expire(later));
        out.extend(parser.feed(b"x\x1b[B", later));
        let later = later + Duration::from_millis(100);
        out.extend(parser.expire(later));
        out.extend(parser.feed(b"\x1b\x1b[200~b\x1b[201~", later));
        out.extend(parser.finish());
        assert_eq!(
            strict(&out),
            strict(&[
                pasted("a"),
                char('x', NONE),
                press(KeyCode::Down, NONE),
                // An Esc just before the second paste, left unfinished by its marker.
                press(KeyCode::Esc, NONE),
                pasted("b"),
            ])
        );
    }

    // Issue #14: Esc and a paste in one read: crossterm took `ESC ESC` for Esc and the paste's
    // `[200~text` for keys.
    #[test]
    fn esc_and_a_paste_in_one_read_are_esc_then_the_paste() {
        assert_parses(
            b"\x1b\x1b[200~text q\x1b[201~",
            &[press(KeyCode::Esc, NONE), pasted("text q")],
        );
    }

    // Issue #14: crossterm parsed its whole buffer again for each byte: 40,000 pasted
    // characters took 6 s and 5 MB never finished. Here each byte is looked at about once,
    // and what is kept stops at the limit.
    #[test]
    fn a_huge_paste_is_read_in_one_pass_and_cut_at_the_limit() {
        let size = 5 << 20;
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend((0..size).map(|i| b"abcdefgh\x1b[20\n"[i % 13]));
        bytes.extend(b"\x1b[201~q");
        for chunk in [READ_CHUNK, 1 << 20, bytes.len()] {
            let mut parser = Parser::new();
            let now = Instant::now();
            let mut out = Vec::new();
            for piece in bytes.chunks(chunk) {
                out.extend(parser.feed(piece, now));
            }
            out.extend(parser.finish());
            assert!(
                parser.examined <= 2 * bytes.len(),
                "looked at {} bytes for {}",
                parser.examined,
                bytes.len()
            );
            let [Input::Paste { text, cut: true }, q] = &out[..] else {
                panic!("one cut paste then q: {:?}", out.len());
            };
            assert_eq!(text.len(), PASTE_LIMIT);
            assert_eq!(strict(std::slice::from_ref(q)), strict(&[char('q', NONE)]));
        }
    }

    const READ_CHUNK: usize = 4096;

    #[test]
    fn a_paste_read_a_byte_at_a_time_is_still_one_pass() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend((0..100_000).map(|i| b"ab\x1b[2\x1b[20\x1b"[i % 10]));
        bytes.extend(b"\x1b[201~");
        let mut parser = Parser::new();
        let now = Instant::now();
        let mut out = Vec::new();
        for byte in bytes.chunks(1) {
            out.extend(parser.feed(byte, now));
        }
        out.extend(parser.finish());
        assert!(parser.examined <= 2 * bytes.len());
        assert!(matches!(&out[..], [Input::Paste { cut: false, .. }]));
    }

    #[test]
    fn a_cut_paste_ends_on_a_whole_character_and_says_it_was_cut() {
        let mut parser = Parser::with_paste_limit(5);
        let mut out = parser.feed("\x1b[200~ééé\x1b[201~".as_bytes(), Instant::now());
        out.extend(parser.finish());
        assert_eq!(
            strict(&out),
            strict(&[Input::Paste {
                text: "éé".into(),
                cut: true
            }])
        );
    }

    #[test]
    fn more_than_a_paste_held_after_a_paste_is_the_paste() {
        // Nobody types a paste's worth without a pause: it is the rest of a paste whose first
        // end marker was text, and none of it becomes keys.
        let mut parser = Parser::with_paste_limit(8);
        let mut out = parser.feed(b"\x1b[200~a\x1b[201~qqqqqqqqqqqqqqqqq", Instant::now());
        out.extend(parser.finish());
        assert_eq!(
            strict(&out),
            strict(&[Input::Paste {
                text: "a\x1b[201~q".into(),
                cut: true
            }])
        );
    }

    /// Bytes that make sequences, markers and their pieces more often than chance would.
    fn terminal_bytes() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            any::<u8>().prop_map(|b| vec![b]),
            prop::sample::select(vec![
                &b"\x1b"[..],
                b"[",
                b"O",
                b"]",
                b"P",
                b"\\",
                b"\x07",
                b"\x03",
                b"q",
                b"200~",
                b"201~",
                b"\x1b[200~",
                b"\x1b[201~",
                b"\x1b[<0;5;5M",
                b"1;5",
                "é".as_bytes(),
                b"\xe4\xb8",
            ])
            .prop_map(<[u8]>::to_vec),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn how_reads_split_the_input_changes_nothing(
            bytes in terminal_bytes(),
            splits in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        ) {
            let now = Instant::now();
            let mut whole = Parser::new();
            let mut expected = whole.feed(&bytes, now);
            expected.extend(whole.finish());

            let mut at: Vec<usize> = splits.iter().map(|i| i.index(bytes.len() + 1)).collect();
            at.sort_unstable();
            let mut pieces = Parser::new();
            let mut out = Vec::new();
            let mut from = 0;
            for to in at.into_iter().chain([bytes.len()]) {
                out.extend(pieces.feed(&bytes[from..to], now));
                from = to;
            }
            out.extend(pieces.finish());
            prop_assert_eq!(strict(&out), strict(&expected));

            // Whatever came before, once it has timed out a key is a key.
            let later = now + PASTE_TIMEOUT * 10;
            prop_assert_eq!(strict(&pieces.feed(b"q", later)), strict(&[char('q', NONE)]));
        }

        #[test]
        fn nothing_pasted_becomes_a_key(
            text in prop::collection::vec(
                prop_oneof![
                    any::<u8>().prop_map(|b| vec![b]),
                    Just(b"\x1b[201~".to_vec()),
                    Just(b"\x1b[20".to_vec()),
                    Just(b"q".to_vec()),
                ],
                0..40,
            ).prop_map(|pieces| pieces.concat())
             .prop_filter("no start marker", |t| memchr::memmem::find(t, b"\x1b[200~").is_none()),
            splits in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let mut bytes = b"\x1b[200~".to_vec();
            bytes.extend(&text);
            bytes.extend(PASTE_END);
            let now = Instant::now();
            let mut at: Vec<usize> = splits.iter().map(|i| i.index(bytes.len() + 1)).collect();
            at.sort_unstable();
            let mut parser = Parser::new();
            let mut out = Vec::new();
            let mut from = 0;
            for to in at.into_iter().chain([bytes.len()]) {
                out.extend(parser.feed(&bytes[from..to], now));
                from = to;
            }
            out.extend(parser.finish());
            prop_assert_eq!(
                strict(&out),
                strict(&[pasted(&String::from_utf8_lossy(&text))])
            );
        }
    }
}
