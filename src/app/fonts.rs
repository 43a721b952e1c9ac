//! The embedded CJK font: a fresh machine has none, and egui's own fonts have
//! no Han glyphs. It goes after egui's fonts, so Latin keeps its look and Han
//! falls through to it; eframe's system fonts stay behind both for rarer chars.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Noto Sans CJK SC, subset by `scripts/subset-font.sh` (SIL OFL 1.1).
const NOTO_SANS_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-dmlint.otf");

pub fn install(ctx: &egui::Context) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "noto-sans-sc",
        FontData::from_static(NOTO_SANS_SC),
        families,
    ));
}
