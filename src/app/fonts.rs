//! The embedded fonts: a fresh machine has no CJK or emoji font, and egui's
//! own fonts have neither Han glyphs nor emoji. They go after egui's fonts in
//! this order, so Latin keeps its look and the rest falls through to them:
//! Han (and the ‼☎♀ that Noto has, which stay text), then colour emoji (💚🐧
//! 💕✨🌸, with their skin-tone, ZWJ and flag sequences), then Symbola for the
//! symbols with no emoji (☞✆) and the 𝟏𝟓𝟕 people disguise numbers with.
//! eframe's system fonts stay behind all of them for rarer chars.
//!
//! Colour glyphs need epaint's `color_fonts` feature, which eframe's
//! `system_fonts` feature turns on (through `egui_system_font_provider`).
//! Without it the emoji, which have no plain outline, would draw as nothing;
//! `emoji_are_drawn_in_colour` below fails if that ever happens.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Noto Sans CJK SC, subset by `scripts/subset-font.sh` (SIL OFL 1.1).
const NOTO_SANS_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-dmlint.otf");
/// Twemoji Mozilla, a COLR/CPAL colour emoji font, by the same script
/// (font SIL OFL 1.1, art CC-BY 4.0: `assets/fonts/LICENSE-Twemoji.txt`).
const TWEMOJI: &[u8] = include_bytes!("../../assets/fonts/Twemoji-dmlint.ttf");
/// Symbola's emoji and symbol blocks less Twemoji's, by the same script (free for any use).
const SYMBOLA_EMOJI: &[u8] = include_bytes!("../../assets/fonts/Symbola-emoji.ttf");

pub fn install(ctx: &egui::Context) {
    for (name, data) in [
        ("noto-sans-sc", NOTO_SANS_SC),
        ("twemoji", TWEMOJI),
        ("symbola-emoji", SYMBOLA_EMOJI),
    ] {
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(FontInsert::new(name, FontData::from_static(data), families));
    }
}

#[cfg(test)]
mod tests {
    use egui::{Color32, FontFamily, FontId};

    /// Lays `text` out with the app's fonts, as the editor does (text colour
    /// and background set), and returns each glyph's char, whether it is a
    /// colour glyph, and the average of its opaque pixels in the font atlas.
    fn glyphs(text: &str, family: FontFamily) -> Vec<(char, bool, Option<[u8; 3]>)> {
        let ctx = egui::Context::default();
        super::install(&ctx);
        let mut out = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.ctx().fonts_mut(|fonts| {
                let mut job = egui::text::LayoutJob::default();
                job.append(
                    text,
                    0.0,
                    egui::TextFormat {
                        font_id: FontId::new(32.0, family.clone()),
                        color: Color32::from_gray(60),
                        background: Color32::from_rgb(255, 230, 150),
                        ..Default::default()
                    },
                );
                let galley = fonts.layout_job(job);
                let atlas = fonts.image();
                for glyph in galley.rows.iter().flat_map(|row| &row.glyphs) {
                    let [x0, y0] = glyph.uv_rect.min.map(usize::from);
                    let [x1, y1] = glyph.uv_rect.max.map(usize::from);
                    let (mut sum, mut n) = ([0_u64; 3], 0_u64);
                    for y in y0..y1 {
                        for x in x0..x1 {
                            let [r, g, b, a] = atlas[(x, y)].to_srgba_unmultiplied();
                            if a == 255 {
                                for (s, c) in sum.iter_mut().zip([r, g, b]) {
                                    *s += u64::from(c);
                                }
                                n += 1;
                            }
                        }
                    }
                    let mean = (n > 0).then(|| sum.map(|s| (s / n) as u8));
                    out.push((glyph.chr, glyph.is_color, mean));
                }
            });
        });
        output.textures_delta.clear(); // No renderer to hand the font atlas to.
        out
    }

    #[test]
    fn emoji_are_drawn_in_colour() {
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let glyphs = glyphs("加微💚 企鹅🐧 ✨a1", family.clone());
            let find = |c: char| glyphs.iter().find(|g| g.0 == c).copied().unwrap();

            let (_, is_color, mean) = find('💚');
            let [r, g, b] = mean.expect("💚 has pixels");
            assert!(is_color, "💚 is a colour glyph in {family:?}");
            assert!(
                g > r.saturating_add(40) && g > b.saturating_add(40),
                "💚 is green: {mean:?}"
            );

            // Twemoji's penguin: black back, white belly, orange feet and beak.
            let (_, is_color, mean) = find('🐧');
            assert!(
                is_color && mean.is_some(),
                "🐧 is a colour glyph in {family:?}"
            );
            let (_, is_color, mean) = find('✨');
            let [r, g, b] = mean.expect("✨ has pixels");
            assert!(
                is_color && r > b.saturating_add(40) && g > b,
                "✨ is yellow: {mean:?}"
            );

            // Han, Latin and digits stay text: white coverage, tinted at draw time.
            for c in ['加', '企', 'a', '1'] {
                assert!(!find(c).1, "{c} is a text glyph in {family:?}");
            }
        }
    }

    #[test]
    fn emoji_sequences_are_one_colour_glyph() {
        // ❤️ (with its variation selector), a skin tone, a ZWJ family, a flag:
        // each shapes to one colour glyph, the rest of its chars zero-width.
        for sequence in ["❤\u{FE0F}", "👍🏽", "👩\u{200D}💻", "🇨🇳"] {
            let glyphs = glyphs(sequence, FontFamily::Proportional);
            let drawn: Vec<_> = glyphs.iter().filter(|g| g.2.is_some()).collect();
            assert_eq!(drawn.len(), 1, "{sequence}: {glyphs:?}");
            assert!(drawn[0].1, "{sequence} is a colour glyph");
        }
    }
}
