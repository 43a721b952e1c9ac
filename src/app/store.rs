//! The draft and the settings on disk, each in its own file in the app's data
//! folder — `session.json` holds the draft, `settings.json` beside it the
//! settings — so a draft that cannot be read never takes the card phrase or
//! the allowlist with it. eframe calls [`Store::save`] every few seconds and
//! on exit; a file is written only when its part changed, through a
//! temporary file and a rename, so a crash or a kill mid-save leaves the
//! previous save whole, and at most the last few seconds of typing are lost.
//! A file that cannot be read is moved aside, never deleted, and the app
//! starts that part clean and says so.

use std::path::{Path, PathBuf};

use dmlint::json_file::{self, StoreError};
use serde::{Deserialize, Serialize};

use super::state::{Persisted, Settings};

pub struct Store {
    /// The draft's file; the settings' is beside it.
    path: Option<PathBuf>,
    /// What the last save wrote (or the load read): unchanged parts are not
    /// written again.
    written: Option<Persisted>,
}

/// What loading found.
pub enum Loaded {
    /// The saved session, with the parts that could not be read left at
    /// their defaults and named in `broken`.
    Saved {
        persisted: Persisted,
        broken: Vec<Broken>,
    },
    /// Nothing saved yet.
    Nothing,
}

/// A file that could not be read, moved to `moved_to`.
#[derive(Debug)]
pub struct Broken {
    pub error: StoreError,
    /// Why it could not be moved aside, if it could not.
    pub stuck: Option<std::io::Error>,
    pub moved_to: PathBuf,
    /// The settings' file rather than the draft's.
    pub settings: bool,
}

/// `session.json`. Versions before `settings.json` kept the settings here too.
#[derive(Serialize, Deserialize)]
struct DraftFile {
    #[serde(default)]
    draft: String,
    #[serde(default, skip_serializing)]
    settings: Option<Settings>,
}

impl Store {
    pub fn new(path: Option<PathBuf>) -> Store {
        Store {
            path,
            written: None,
        }
    }

    fn settings_path(draft: &Path) -> PathBuf {
        draft.with_file_name("settings.json")
    }

    pub fn load(&mut self) -> Loaded {
        let Some(path) = &self.path else {
            return Loaded::Nothing;
        };
        let mut broken = Vec::new();
        let draft_file = match json_file::load::<DraftFile>(path) {
            Ok(file) => file,
            Err(e) => {
                broken.push(move_aside(path, e, false));
                Some(DraftFile {
                    draft: String::new(),
                    settings: None,
                })
            }
        };
        let settings_path = Store::settings_path(path);
        let settings = match json_file::load::<Settings>(&settings_path) {
            Ok(settings) => settings,
            Err(e) => {
                broken.push(move_aside(&settings_path, e, true));
                Some(Settings::default())
            }
        };
        let (draft, legacy) = match draft_file {
            Some(file) => (Some(file.draft), file.settings),
            None => (None, None),
        };
        if draft.is_none() && settings.is_none() {
            return Loaded::Nothing;
        }
        let persisted = Persisted {
            settings: settings.or(legacy).unwrap_or_default(),
            draft: draft.unwrap_or_default(),
        };
        self.written = Some(persisted.clone());
        Loaded::Saved { persisted, broken }
    }

    /// Writes the parts of `persisted` that changed since the last save.
    pub fn save(&mut self, persisted: &Persisted) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let last = self.written.as_ref();
        if last.is_none_or(|l| l.settings != persisted.settings) {
            json_file::save(&Store::settings_path(path), &persisted.settings)?;
        }
        if last.is_none_or(|l| l.draft != persisted.draft) {
            let file = DraftFile {
                draft: persisted.draft.clone(),
                settings: None,
            };
            json_file::save(path, &file)?;
        }
        self.written = Some(persisted.clone());
        Ok(())
    }
}

/// Renames an unreadable file to `<name>.broken-<time>.json` beside it, so
/// nothing in it is lost and the next save starts clean.
fn move_aside(path: &Path, error: StoreError, settings: bool) -> Broken {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let stem = path
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let moved_to = path.with_file_name(format!("{stem}.broken-{stamp}.json"));
    match std::fs::rename(path, &moved_to) {
        Ok(()) => Broken {
            error,
            stuck: None,
            moved_to,
            settings,
        },
        Err(e) => Broken {
            error,
            stuck: Some(e),
            moved_to: path.to_path_buf(),
            settings,
        },
    }
}
