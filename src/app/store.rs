//! The draft and settings on disk, in `session.json` in the app's data
//! folder. eframe calls [`Store::save`] every few seconds and on exit; each
//! save writes a temporary file and renames it over the old one, so a crash
//! or a kill mid-save leaves the previous save whole, and at most the last
//! few seconds of typing are lost. A file that cannot be read (corrupted, or
//! from a version that wrote it differently) is moved aside, never deleted,
//! and the app starts clean and says so.

use std::path::{Path, PathBuf};

use dmlint::json_file::{self, StoreError};

use super::state::Persisted;

pub struct Store {
    path: Option<PathBuf>,
}

/// What loading found.
pub enum Loaded {
    /// The saved session.
    Saved(Persisted),
    /// Nothing saved yet.
    Nothing,
    /// The file could not be read; it was moved to `moved_to`.
    Broken {
        error: StoreError,
        /// Why it could not be moved aside, if it could not.
        stuck: Option<std::io::Error>,
        moved_to: PathBuf,
    },
}

impl Store {
    pub fn new(path: Option<PathBuf>) -> Store {
        Store { path }
    }

    pub fn load(&self) -> Loaded {
        let Some(path) = &self.path else {
            return Loaded::Nothing;
        };
        match json_file::load(path) {
            Ok(Some(persisted)) => Loaded::Saved(persisted),
            Ok(None) => Loaded::Nothing,
            Err(e) => move_aside(path, e),
        }
    }

    pub fn save(&self, persisted: &Persisted) -> Result<(), StoreError> {
        match &self.path {
            Some(path) => json_file::save(path, persisted),
            None => Ok(()),
        }
    }
}

/// Renames an unreadable session file to `session.broken-<time>.json`
/// beside it, so nothing in it is lost and the next save starts clean.
fn move_aside(path: &Path, error: StoreError) -> Loaded {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let stem = path
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let moved_to = path.with_file_name(format!("{stem}.broken-{stamp}.json"));
    match std::fs::rename(path, &moved_to) {
        Ok(()) => Loaded::Broken {
            error,
            stuck: None,
            moved_to,
        },
        Err(e) => Loaded::Broken {
            error,
            stuck: Some(e),
            moved_to: path.to_path_buf(),
        },
    }
}
