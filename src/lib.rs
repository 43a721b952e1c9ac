//! The faces' side of dmlint: the engine ([`dmlint_engine`]) and the script
//! libraries ([`dmlint_library`]) under one name, and the staff training that
//! the app and the CLI share.

pub use dmlint_engine::*;
pub use dmlint_library as library;

pub mod json_file;
pub mod training;
