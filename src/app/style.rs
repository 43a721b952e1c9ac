//! Colours for severities: a background and an underline each, so the spans
//! stay visible to colour-blind operators and on either theme.

use dmlint::{Severity, Verdict};
use egui::{Color32, Stroke};

pub struct Marking {
    pub background: Color32,
    pub underline: Stroke,
    pub strong: Color32,
}

pub fn marking(severity: Severity, dark: bool) -> Marking {
    let (light_bg, dark_bg, strong) = match severity {
        Severity::Block => (
            Color32::from_rgb(255, 214, 214),
            Color32::from_rgb(110, 30, 30),
            Color32::from_rgb(205, 35, 35),
        ),
        Severity::Warn => (
            Color32::from_rgb(255, 236, 179),
            Color32::from_rgb(100, 75, 10),
            Color32::from_rgb(200, 125, 0),
        ),
        Severity::Info => (
            Color32::from_rgb(214, 230, 255),
            Color32::from_rgb(25, 55, 105),
            Color32::from_rgb(40, 105, 210),
        ),
    };
    Marking {
        background: if dark { dark_bg } else { light_bg },
        underline: Stroke::new(2.0, strong),
        strong,
    }
}

pub fn verdict_colour(verdict: Verdict) -> Color32 {
    match verdict {
        Verdict::Block => marking(Severity::Block, false).strong,
        Verdict::Warn => marking(Severity::Warn, false).strong,
        Verdict::Pass => Color32::from_rgb(30, 140, 70),
    }
}

/// The background of text the rewrite inserted.
pub fn inserted(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(25, 85, 45)
    } else {
        Color32::from_rgb(205, 240, 210)
    }
}
