//! Why something the person asked for did not happen, kept typed up to the screen: each case
//! is said in the person's language by [`AppError::text`], and a screen that cannot show its
//! page at all returns it with `?` to the frame's error boundary (`nav.rs`).

use std::io;
use std::sync::Arc;

use velay_core::mutation::Refusal;
use velay_core::route::GpxError;
use velay_core::store::walks::ImportError;
use velay_core::store::StoreError;
use velay_core::Lang;

use crate::i18n::{t, Msg};

#[derive(Clone, Debug, thiserror::Error)]
pub enum AppError {
    /// The device's store could not be read or written.
    #[error(transparent)]
    Store(Arc<StoreError>),
    /// A write the device (or the server, for the same reasons) turns down.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// A file the person named could not be read.
    #[error("{path}: {source}")]
    Read { path: String, source: Arc<io::Error> },
    /// An export could not be written where exports go.
    #[error("{path}: {source}")]
    Write { path: String, source: Arc<io::Error> },
    /// A GPX file that is not a walkable track, or a route that cannot be written as GPX.
    #[error(transparent)]
    Gpx(Arc<GpxError>),
    /// The day's rides can no longer be planned (the timetable changed since it was shown).
    #[error("no way there on that day any more")]
    NoWayThere,
}

impl AppError {
    pub fn read(path: &str, source: io::Error) -> AppError {
        AppError::Read {
            path: path.to_string(),
            source: Arc::new(source),
        }
    }

    pub fn write(path: &str, source: io::Error) -> AppError {
        AppError::Write {
            path: path.to_string(),
            source: Arc::new(source),
        }
    }

    /// The error as the person reads it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AppError::Store(e) => format!("{} {e}", t(lang, Msg::StoreError)),
            AppError::Refused(r) => crate::refusals::refusal(lang, r),
            AppError::Read { path, source } => {
                format!(
                    "{} {path}{}{}",
                    t(lang, Msg::ReadFailed),
                    crate::i18n::colon(lang),
                    io_reason(lang, source)
                )
            }
            AppError::Write { path, source } => {
                format!(
                    "{} {path}{}{}",
                    t(lang, Msg::WriteFailed),
                    crate::i18n::colon(lang),
                    io_reason(lang, source)
                )
            }
            AppError::Gpx(e) => format!("{} {e}", t(lang, Msg::CannotRead)),
            AppError::NoWayThere => t(lang, Msg::NoWayThere).to_string(),
        }
    }
}

/// Why a file could not be read or written, in `lang` for the usual reasons; the system's own
/// words otherwise.
fn io_reason(lang: Lang, e: &io::Error) -> String {
    let msg = match e.kind() {
        io::ErrorKind::NotFound => Msg::NoSuchFile,
        io::ErrorKind::PermissionDenied => Msg::NotAllowed,
        io::ErrorKind::StorageFull => Msg::DiskFull,
        io::ErrorKind::IsADirectory => Msg::IsAFolder,
        _ => return e.to_string(),
    };
    t(lang, msg).to_string()
}

/// Two errors are the same when they are the same occurrence (errors from the system compare
/// by identity): enough for a memo to tell that nothing changed.
impl PartialEq for AppError {
    fn eq(&self, other: &AppError) -> bool {
        use AppError::*;
        match (self, other) {
            (Store(a), Store(b)) => Arc::ptr_eq(a, b),
            (Refused(a), Refused(b)) => a == b,
            (Read { path: a, source: x }, Read { path: b, source: y })
            | (Write { path: a, source: x }, Write { path: b, source: y }) => a == b && Arc::ptr_eq(x, y),
            (Gpx(a), Gpx(b)) => Arc::ptr_eq(a, b),
            (NoWayThere, NoWayThere) => true,
            _ => false,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::Refused(r) => AppError::Refused(r),
            e => AppError::Store(Arc::new(e)),
        }
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> AppError {
        match e {
            ImportError::Gpx(e) => AppError::Gpx(Arc::new(e)),
            ImportError::Store(e) => e.into(),
        }
    }
}

impl From<GpxError> for AppError {
    fn from(e: GpxError) -> AppError {
        AppError::Gpx(Arc::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_there_is_said_in_the_persons_language_not_the_systems() {
        let gone = || io::Error::from(io::ErrorKind::NotFound);
        let fr = AppError::read("/home/anne/marche.gpx", gone()).text(Lang::Fr);
        assert_eq!(
            fr,
            "Impossible de lire /home/anne/marche.gpx : ce fichier n'existe pas."
        );
        let en = AppError::read("/home/anne/walk.gpx", gone()).text(Lang::En);
        assert_eq!(en, "Cannot read /home/anne/walk.gpx: this file does not exist.");
        let full = AppError::write("/tmp/x.ics", io::Error::from(io::ErrorKind::StorageFull));
        assert_eq!(
            full.text(Lang::En),
            "Cannot write /tmp/x.ics: the device's storage is full."
        );
    }

    #[test]
    fn a_refusal_from_the_store_stays_a_refusal_said_as_the_server_would() {
        let e = AppError::from(StoreError::Refused(Refusal::SlotStarted));
        assert!(matches!(e, AppError::Refused(Refusal::SlotStarted)));
        assert_eq!(
            e.text(Lang::Fr),
            crate::refusals::refusal(Lang::Fr, &Refusal::SlotStarted)
        );
    }
}
