//! Opening a message from a file and saving the rewrite. The native dialog
//! sits behind [`FilePicker`] so tests inject their own; when no portal or
//! zenity answers, rfd returns nothing and the path field and drag-and-drop
//! remain.

use std::path::{Path, PathBuf};

pub trait FilePicker {
    /// A text file to open, or `None` when cancelled or no dialog is available.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Where to save, suggesting `file_name`.
    fn pick_save(&mut self, file_name: &str) -> Option<PathBuf>;
}

/// The system's dialog through rfd (xdg-portal on Linux).
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter(
                "Text, CSV, JSON, Excel",
                &["txt", "md", "csv", "tsv", "json", "jsonl", "xlsx"],
            )
            .pick_file()
    }

    fn pick_save(&mut self, file_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_file_name(file_name).save_file()
    }
}

/// The largest file the editor opens: a message, not a library (a 20,000-char
/// message is 60 kB).
const LARGEST_MESSAGE: u64 = 1 << 20;

/// Reads a text file as UTF-8 (a BOM is dropped); the error names the file.
pub fn read_text(path: &Path) -> Result<String, Said> {
    let size = std::fs::metadata(path)
        .map_err(|e| Said::io(path, &e))?
        .len();
    if size > LARGEST_MESSAGE {
        let (shown, mb) = (path.display(), size as f64 / 1e6);
        return Err(Said::new(
            format!("{shown} 有 {mb:.1} MB，不像一条消息；话术库请在“批量检查”里打开"),
            format!("{shown} is {mb:.1} MB, not a message; open a library in Batch"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Said::io(path, &e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let line = bytes[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        let path = path.display();
        Said::new(
            format!("{path}:{line}：不是 UTF-8 文本，请另存为 UTF-8"),
            format!("{path}:{line}: not valid UTF-8; save it as UTF-8"),
        )
    })
}

pub fn write_text(path: &Path, text: &str) -> Result<(), Said> {
    std::fs::write(path, text).map_err(|e| Said::io(path, &e))
}

use super::errors::Said;
use super::state::AppState;

impl AppState {
    pub fn open_with_picker(&mut self) {
        match self.picker.pick_open() {
            Some(path) => self.open_path(&path),
            None => self.notify(
                "没有选中文件。如果没有弹出对话框，请在底部输入路径，或把文件拖进窗口。",
                "No file chosen. If no dialog appeared, type a path at the bottom or drop the file on the window.",
                false,
            ),
        }
    }

    pub fn save_with_picker(&mut self) {
        match self.picker.pick_save("rewrite.txt") {
            Some(path) => self.save_rewrite(&path),
            None => self.notify(
                "没有保存。如果没有弹出对话框，请在底部输入路径后点“保存到此路径”。",
                "Not saved. If no dialog appeared, type a path at the bottom and press “Save to path”.",
                false,
            ),
        }
    }

    /// Opens a text file into the editor; the replaced draft stays undoable.
    pub fn open_path(&mut self, path: &Path) {
        // An opened file is a new draft, no longer a library row: it
        // replaces the operator's own draft, which undo brings back.
        self.leave_row();
        match read_text(path) {
            Ok(text) => {
                self.replace_draft(text);
                let name = path.display();
                self.notify(
                    format!("已打开 {name}（可撤销）"),
                    format!("Opened {name} (undo brings the draft back)"),
                    false,
                );
            }
            Err(e) => self.notify(
                format!("无法打开：{}", e.zh),
                format!("Cannot open: {}", e.en),
                true,
            ),
        }
    }

    pub fn save_rewrite(&mut self, path: &Path) {
        let text = self.analysis.rewrite.text.clone();
        match write_text(path, &text) {
            Ok(()) => {
                let name = path.display();
                self.notify(
                    format!("改写已保存到 {name}"),
                    format!("Rewrite saved to {name}"),
                    false,
                );
            }
            Err(e) => self.notify(
                format!("无法保存：{}", e.zh),
                format!("Cannot save: {}", e.en),
                true,
            ),
        }
    }
}
