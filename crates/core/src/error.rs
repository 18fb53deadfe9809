//! Why something qoima was asked to do could not be done: a file that cannot be read or
//! written (with its path and the system's reason), a template of the theme that cannot be
//! rendered, or a message qoima says in every language. The command line reports it once, in
//! the operator's language; in English it reads as it always has.

use std::path::{Path, PathBuf};

use crate::messages::{Lang, Msg};

/// Why an action or an output could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder that cannot be read, written, listed or renamed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A template of the theme that cannot be rendered.
    #[error("theme template {template}: {message}")]
    Template {
        /// The template's name.
        template: String,
        /// What the template engine said (in English).
        message: String,
    },
    /// A message in every language.
    #[error("{}", .0.en())]
    Said(Box<Msg>),
}

impl Error {
    /// A file or folder at `path` that cannot be used, for the system's `source` reason.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Error {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// What is wrong, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Error::Io { path, source } => crate::messages::path_io(path.display(), source).text(lang),
            Error::Template { .. } => self.to_string(),
            Error::Said(m) => m.text(lang),
        }
    }
}

impl From<Msg> for Error {
    fn from(m: Msg) -> Error {
        Error::Said(Box::new(m))
    }
}

/// The error as a message, for the callers that say what they refuse with one.
impl From<Error> for Msg {
    fn from(e: Error) -> Msg {
        match e {
            Error::Io { path, source } => crate::messages::path_io(path.display(), &source),
            Error::Said(m) => *m,
            Error::Template { .. } => Msg::from(e.to_string()),
        }
    }
}

/// An error said only in English by a part of qoima not yet typed (`error-as-said`).
impl From<String> for Error {
    fn from(s: String) -> Error {
        Error::Said(Box::new(Msg::from(s)))
    }
}

impl From<&str> for Error {
    fn from(s: &str) -> Error {
        Error::from(s.to_string())
    }
}

/// Where a command reports an error once, as text: in the operator's language.
impl From<Error> for String {
    fn from(e: Error) -> String {
        e.text(crate::messages::operator())
    }
}
