//! The C library's `wcwidth`: the width table tmux and most terminals draw with.

use std::sync::OnceLock;

unsafe extern "C" {
    fn wcwidth(c: libc::wchar_t) -> libc::c_int;
}

/// Whether the C library measures Unicode: set up once, before its first use.
fn ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        // `wcwidth` follows the character type of the locale, and in the default "C" locale
        // it knows only ASCII. Every UTF-8 locale has the same widths, so any one will do;
        // the reader itself never uses the locale otherwise.
        ["C.UTF-8", "C.utf8", "en_US.UTF-8", ""].iter().any(|name| {
            let Ok(name) = std::ffi::CString::new(*name) else {
                return false;
            };
            // SAFETY: `name` is a valid C string that outlives the call. The reader's other
            // threads never use the locale, and every use of it here happens after this
            // (the `OnceLock` orders them).
            let set = unsafe { libc::setlocale(libc::LC_CTYPE, name.as_ptr()) };
            // SAFETY: as above; `wcwidth` reads the locale's tables only.
            !set.is_null() && unsafe { wcwidth(0xE9) } == 1 && unsafe { wcwidth(0x4E2D) } == 2
        })
    })
}

/// How a terminal that follows the C library draws a grapheme: code point by code point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    /// The cells its cursor advances over.
    pub width: u16,
    /// The code points that take cells of their own: more than one, and the terminal holds
    /// the grapheme in several cells, so writing over its first leaves the others.
    pub pieces: u16,
}

/// How the C library draws `grapheme`. `Some(None)` when it knows one of its code points not
/// (an unassigned one); `None` when it measures no Unicode at all.
pub fn drawn(grapheme: &str) -> Option<Option<Drawn>> {
    if !ready() {
        return None;
    }
    let mut drawn = Drawn {
        width: 0,
        pieces: 0,
    };
    for c in grapheme.chars() {
        // SAFETY: `ready` set the locale up; `wcwidth` takes any value.
        let w = unsafe { wcwidth(c as libc::wchar_t) };
        match u16::try_from(w) {
            Ok(0) => {}
            Ok(w) => {
                drawn.width = drawn.width.saturating_add(w);
                drawn.pieces += 1;
            }
            Err(_) => return Some(None),
        }
    }
    Some(Some(drawn))
}
