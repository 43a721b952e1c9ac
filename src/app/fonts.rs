//! The embedded fonts: a fresh machine has no CJK font, egui's own fonts have
//! no Han glyphs, and its emoji font lacks many that merchants type (💕🌸).
//! They go after egui's fonts, CJK first, so Latin keeps its look and Han and
//! emoji fall through to them; eframe's system fonts stay behind all of them
//! for rarer chars.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Noto Sans CJK SC, subset by `scripts/subset-font.sh` (SIL OFL 1.1).
const NOTO_SANS_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-dmlint.otf");
/// Symbola's emoji and symbol blocks, subset by the same script (free for any use).
const SYMBOLA_EMOJI: &[u8] = include_bytes!("../../assets/fonts/Symbola-emoji.ttf");

pub fn install(ctx: &egui::Context) {
    for (name, data) in [
        ("noto-sans-sc", NOTO_SANS_SC),
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
