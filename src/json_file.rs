//! Records the app keeps as JSON files (the session, the training record):
//! read whole, written through a temporary file so a crash or a kill never
//! leaves half of one.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A record that cannot be read or written; it names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot encode the record: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The record at `path`; `None` when there is none yet.
pub fn load<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| StoreError::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
}

/// Writes `record` to `path`, making its folder if need be.
pub fn save<T: Serialize>(path: &Path, record: &T) -> Result<(), StoreError> {
    let json = serde_json::to_string_pretty(record)?;
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Write { path, source }
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(write_error(dir))?;
    }
    crate::library::write_atomically(path, json.as_bytes()).map_err(write_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_round_trips_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/record.json");
        assert!(load::<Vec<String>>(&path).unwrap().is_none());
        save(&path, &vec!["草稿".to_string()]).unwrap();
        assert_eq!(
            load::<Vec<String>>(&path).unwrap(),
            Some(vec!["草稿".to_string()])
        );
    }

    #[test]
    fn a_broken_record_names_its_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.json");
        std::fs::write(&path, "[\n  \"a\",\n  oops\n]").unwrap();
        let err = load::<Vec<String>>(&path).unwrap_err();
        assert!(matches!(err, StoreError::Parse { line: 3, .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with(&format!("{}: line 3", path.display()))
        );
    }
}
