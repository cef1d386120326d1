//! How many colours the terminal shows, and each theme colour brought down to what it shows.
//! Themes are written in 24-bit colour; a terminal without it (Terminal.app, the Linux
//! console, screen, older PuTTY) showed them wrong (#10). There they go out as the nearest
//! entry of the 256-colour palette, or of the sixteen.

use std::sync::OnceLock;

use ratatui::style::Color;

/// The colours a terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// Any RGB colour (`COLORTERM=truecolor`).
    Truecolor,
    /// The xterm 256-colour palette (`TERM=xterm-256color` and the like).
    Ansi256,
    /// The sixteen ANSI colours, written as SGR 30–37 and 90–97 (`TERM=xterm`, `linux`).
    Ansi16,
}

impl ColorDepth {
    /// What standard output's terminal shows, by the conventions well-kept tools share
    /// (`COLORTERM`, `TERM`, `TERM_PROGRAM`, `FORCE_COLOR`), as the `supports-color` crate
    /// reads them. Where it finds no colour at all (no `TERM`, `TERM=dumb`) the reader, which
    /// draws with escape codes anyway, uses the sixteen: the answer then does not hang on
    /// whether a CI variable happens to be set.
    pub fn detect() -> ColorDepth {
        match supports_color::on(supports_color::Stream::Stdout) {
            Some(level) if level.has_16m => ColorDepth::Truecolor,
            Some(level) if level.has_256 => ColorDepth::Ansi256,
            _ => ColorDepth::Ansi16,
        }
    }

    /// `colour` as this depth can show it: the nearest entry it has, by a perceptual
    /// distance. Names and `reset` are the terminal's own at every depth and stay.
    pub fn fit(self, colour: Color) -> Color {
        match (self, colour) {
            (ColorDepth::Truecolor, c) => c,
            (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256([r, g, b])),
            (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => nearest_16([r, g, b]),
            (ColorDepth::Ansi16, Color::Indexed(n)) if n < 16 => ANSI_16[usize::from(n)].0,
            (ColorDepth::Ansi16, Color::Indexed(n)) => nearest_16(rgb_of_index(n)),
            (_, c) => c,
        }
    }
}

/// The sixteen as xterm shows them by default: what a theme colour is matched against. Other
/// terminals' sixteen differ a little, which is why they are only the last resort.
const ANSI_16: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0x00, 0x00, 0x00]),
    (Color::Red, [0xcd, 0x00, 0x00]),
    (Color::Green, [0x00, 0xcd, 0x00]),
    (Color::Yellow, [0xcd, 0xcd, 0x00]),
    (Color::Blue, [0x00, 0x00, 0xee]),
    (Color::Magenta, [0xcd, 0x00, 0xcd]),
    (Color::Cyan, [0x00, 0xcd, 0xcd]),
    (Color::Gray, [0xe5, 0xe5, 0xe5]),
    (Color::DarkGray, [0x7f, 0x7f, 0x7f]),
    (Color::LightRed, [0xff, 0x00, 0x00]),
    (Color::LightGreen, [0x00, 0xff, 0x00]),
    (Color::LightYellow, [0xff, 0xff, 0x00]),
    (Color::LightBlue, [0x5c, 0x5c, 0xff]),
    (Color::LightMagenta, [0xff, 0x00, 0xff]),
    (Color::LightCyan, [0x00, 0xff, 0xff]),
    (Color::White, [0xff, 0xff, 0xff]),
];

/// The levels of each channel in the 6×6×6 colour cube, entries 16–231.
const CUBE: [u8; 6] = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

/// The RGB of a 256-palette entry. 0–15 are the terminal's to choose; xterm's are used.
fn rgb_of_index(n: u8) -> [u8; 3] {
    match n {
        0..16 => ANSI_16[usize::from(n)].1,
        16..232 => {
            let i = n - 16;
            [
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            ]
        }
        _ => {
            let v = 8 + 10 * (n - 232);
            [v, v, v]
        }
    }
}

/// The nearest entry of the cube or the grey ramp (16–255); 0–15 are left out, since each
/// terminal has its own idea of them.
fn nearest_256(rgb: [u8; 3]) -> u8 {
    static PALETTE: OnceLock<Vec<(u8, [f32; 3])>> = OnceLock::new();
    let palette =
        PALETTE.get_or_init(|| (16..=255u8).map(|n| (n, oklab(rgb_of_index(n)))).collect());
    let target = oklab(rgb);
    palette
        .iter()
        .min_by(|(_, a), (_, b)| distance(target, *a).total_cmp(&distance(target, *b)))
        .map_or(16, |(n, _)| *n)
}

/// Below this chroma (in Oklab) a colour is taken for a grey.
const GREY_CHROMA: f32 = 0.04;

/// The nearest of the sixteen. Their few colours are far apart and fully saturated, so the
/// nearest by plain distance would turn a theme's softer colours grey (light's dark green,
/// brown and grey all went to darkgray): a grey goes to the nearest grey by lightness, any
/// other colour to the hue nearest its own, light or dark by lightness.
fn nearest_16(rgb: [u8; 3]) -> Color {
    let target = oklab(rgb);
    let entry = |i: usize| (ANSI_16[i].0, oklab(ANSI_16[i].1));
    let nearest_in = |entries: &[(Color, [f32; 3])]| {
        entries
            .iter()
            .min_by(|a, b| {
                (a.1[0] - target[0])
                    .abs()
                    .total_cmp(&(b.1[0] - target[0]).abs())
            })
            .map_or(Color::Reset, |(c, _)| *c)
    };
    if chroma(target) < GREY_CHROMA {
        // Black, dark grey, grey, white.
        return nearest_in(&[0, 8, 7, 15].map(entry));
    }
    // The nearer two hues, the larger the cosine of the angle between them: compared so, the
    // angle itself (an atan2 from libm, loaded at every launch for it) is not needed.
    let hue_cosine =
        |lab: [f32; 3]| (lab[1] * target[1] + lab[2] * target[2]) / (chroma(lab) * chroma(target));
    // Each hue is a dark entry (1–6) and its light one (9–14): the nearest hue, then of the
    // two the nearer in lightness.
    let pairs = (1..=6).map(|i| [entry(i), entry(i + 8)]);
    pairs
        .max_by(|a, b| {
            let near = |p: &[(Color, [f32; 3]); 2]| hue_cosine(p[0].1).max(hue_cosine(p[1].1));
            near(a).total_cmp(&near(b))
        })
        .map_or(Color::Reset, |pair| nearest_in(&pair))
}

/// How far an Oklab colour is from grey.
fn chroma([_, a, b]: [f32; 3]) -> f32 {
    (a * a + b * b).sqrt()
}

fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Björn Ottosson's Oklab: a colour space in which distance is close to how different two
/// colours look, which plain RGB distance is not (it would take a dark blue for black).
fn oklab([r, g, b]: [u8; 3]) -> [f32; 3] {
    let linear = |v: u8| SRGB_LINEAR[usize::from(v)];
    let (r, g, b) = (linear(r), linear(g), linear(b));
    let l = cbrt(0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b);
    let m = cbrt(0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b);
    let s = cbrt(0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b);
    [
        0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
        1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
        0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
    ]
}

/// Each sRGB channel value as linear light, `((v + 0.055) / 1.055)^2.4` above the toe:
/// computed by the build script, since the power function would bring libm into every
/// launch (a shared library to load and bind, about a tenth of a millisecond).
const SRGB_LINEAR: [f32; 256] = include!(concat!(env!("OUT_DIR"), "/srgb_linear.rs"));

/// The cube root of `x` (0 ≤ x ≤ 1 here) without libm: a first guess from the float's bits
/// (dividing its exponent by three), then Newton's steps, each of which doubles the correct
/// digits; three take the guess's 5% to below f32's precision.
fn cbrt(x: f32) -> f32 {
    if x <= 0.0 {
        return 0.0;
    }
    let mut y = f32::from_bits(x.to_bits() / 3 + 709_921_077);
    for _ in 0..3 {
        y -= (y * y * y - x) / (3.0 * y * y);
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cube_root_and_the_linear_table_are_libms_to_f32_precision() {
        for i in 0..=10_000 {
            let x = i as f32 / 10_000.0;
            let (ours, libm) = (cbrt(x), x.cbrt());
            assert!(
                (ours - libm).abs() <= 2.0 * f32::EPSILON * libm,
                "{x}: {ours} {libm}"
            );
        }
        for v in 0..=255u8 {
            let s = f32::from(v) / 255.0;
            let libm = if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            };
            let ours = SRGB_LINEAR[usize::from(v)];
            assert!(
                (ours - libm).abs() <= 4.0 * f32::EPSILON * libm,
                "{v}: {ours} {libm}"
            );
        }
    }

    #[test]
    fn palette_colours_map_to_themselves() {
        assert_eq!(nearest_256([0x5f, 0xd7, 0x87]), 78);
        assert_eq!(nearest_256([0xd0, 0xd0, 0xd0]), 252);
        assert_eq!(nearest_256([0x26, 0x26, 0x26]), 235);
        assert_eq!(nearest_256([0, 0, 0]), 16);
        assert_eq!(nearest_256([255, 255, 255]), 231);
        for n in 16..=255u8 {
            assert_eq!(nearest_256(rgb_of_index(n)), n, "{n}");
        }
        for (colour, rgb) in ANSI_16 {
            assert_eq!(nearest_16(rgb), colour);
        }
    }

    #[test]
    fn colours_between_entries_take_the_nearest() {
        // A grey off the ramp's steps, and a colour off the cube's levels.
        assert_eq!(nearest_256([0x3b, 0x39, 0x3a]), 237);
        assert_eq!(nearest_256([0x60, 0xd5, 0x88]), 78);
        assert_eq!(nearest_256([0x80, 0x80, 0x80]), 244);
        assert_eq!(nearest_16([0x10, 0x10, 0x20]), Color::Black);
        assert_eq!(nearest_16([0xc0, 0x10, 0x00]), Color::Red);
        assert_eq!(nearest_16([0x8a, 0x8a, 0x8a]), Color::DarkGray);
        assert_eq!(nearest_16([0xd0, 0xd0, 0xd0]), Color::Gray);
        // Softer colours keep their hue rather than going grey.
        assert_eq!(nearest_16([0x00, 0x7a, 0x3d]), Color::Green);
        assert_eq!(nearest_16([0x5f, 0xd7, 0x87]), Color::Green);
        assert_eq!(nearest_16([0x8a, 0x5a, 0x00]), Color::Yellow);
        assert_eq!(nearest_16([0x56, 0xb4, 0xe9]), Color::LightBlue);
        assert_eq!(nearest_16([0x87, 0xaf, 0xff]), Color::LightBlue);
    }

    #[test]
    fn each_depth_keeps_only_what_it_can_show() {
        let rgb = Color::Rgb(0x5f, 0xd7, 0x87);
        assert_eq!(ColorDepth::Truecolor.fit(rgb), rgb);
        assert_eq!(ColorDepth::Ansi256.fit(rgb), Color::Indexed(78));
        assert_eq!(
            ColorDepth::Ansi256.fit(Color::Indexed(3)),
            Color::Indexed(3)
        );
        assert_eq!(ColorDepth::Ansi16.fit(Color::Indexed(9)), Color::LightRed);
        assert_eq!(ColorDepth::Ansi16.fit(Color::Indexed(196)), Color::LightRed);
        assert_eq!(ColorDepth::Ansi16.fit(Color::Indexed(231)), Color::White);
        for depth in [
            ColorDepth::Truecolor,
            ColorDepth::Ansi256,
            ColorDepth::Ansi16,
        ] {
            assert_eq!(depth.fit(Color::Reset), Color::Reset);
            assert_eq!(depth.fit(Color::LightBlue), Color::LightBlue);
        }
    }
}
