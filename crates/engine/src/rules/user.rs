//! The merchant's own rule packs: JSON files in the user's config folder
//! (`dmlint rules --path` prints it) and any named with `--rules`, layered
//! over the built-in packs in that order.

use std::path::{Path, PathBuf};

/// dmlint's folders on this system, for every face: `None` where the
/// platform has no home folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// Settings the user edits: the rule packs live in its `rules` folder.
    /// `$XDG_CONFIG_HOME/dmlint` on Linux.
    pub config: PathBuf,
    /// What the app keeps: the session, the training record.
    /// `$XDG_DATA_HOME/dmlint` on Linux.
    pub data: PathBuf,
}

pub fn folders() -> Option<Folders> {
    directories::ProjectDirs::from("", "", "dmlint").map(|d| Folders {
        config: d.config_dir().to_path_buf(),
        data: d.data_dir().to_path_buf(),
    })
}

/// The folder whose `*.json` packs every check loads.
pub fn user_dir() -> Option<PathBuf> {
    folders().map(|f| f.config.join("rules"))
}

/// A pack file or folder that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PackError {
    #[error("{}: cannot read the folder: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot read the rule pack: {source}", path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A rule pack as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    pub path: PathBuf,
    pub text: String,
}

/// The packs at `path`: the file itself, or a folder's `*.json` files in name
/// order. The error names the path and says what went wrong.
pub fn read_packs(path: &Path) -> Result<Vec<PackFile>, PackError> {
    let files = if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|source| PackError::Folder {
            path: path.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    files
        .into_iter()
        .map(|path| match std::fs::read_to_string(&path) {
            Ok(text) => Ok(PackFile { path, text }),
            Err(source) => Err(PackError::File { path, source }),
        })
        .collect()
}

/// The packs of the user folder (none if it does not exist yet), then those
/// at `extra`.
pub fn user_packs(extra: Option<&Path>) -> Result<Vec<PackFile>, PackError> {
    let mut packs = match user_dir() {
        Some(dir) if dir.is_dir() => read_packs(&dir)?,
        _ => Vec::new(),
    };
    if let Some(extra) = extra {
        packs.extend(read_packs(extra)?);
    }
    Ok(packs)
}

impl super::RuleBook {
    /// The built-in rules with `packs` layered over them, in order.
    pub fn with_pack_files(packs: &[PackFile]) -> Result<super::RuleBook, super::RuleError> {
        let names: Vec<String> = packs.iter().map(|p| p.path.display().to_string()).collect();
        let sources: Vec<super::RuleSource> = packs
            .iter()
            .zip(&names)
            .map(|(p, file)| super::RuleSource {
                file,
                text: &p.text,
            })
            .collect();
        super::RuleBook::with_packs(&sources)
    }
}
