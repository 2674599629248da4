//! Every sentence the app shows, in French and English. Screens ask for a [`Msg`]; nothing
//! person-facing is written inline in a component.

use velay_core::route::{Difficulty, Theme};
use velay_core::Lang;

/// A sentence or label of the app.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Msg {
    AppName,
    RoutesTitle,
    NoRoutes,
    SampleTrack,
    Ascent,
    Offline,
    Syncing,
    SyncedAt,
    BundledContent,
    Difficulty(Difficulty),
    Theme(Theme),
    StoreError,
    PageNotFound,
    SyncTitle,
    SyncTab,
    Status,
    Online,
    LastSync,
    Never,
    SyncNow,
    Received,
    Outbox,
    OutboxEmpty,
    StateQueued,
    StateSent,
    StateAccepted,
    StateRefused,
    DataSize,
    Server,
    Language,
    NoteTitle,
    NoteRoute,
    NoteText,
    NoteSend,
    NoteSaved,
    NoteAbout,
    StoreRepaired,
    StoreSetAside,
    Dismiss,
    // The routes list and its filters.
    FilterSite,
    FilterLength,
    FilterTime,
    FilterDifficulty,
    Any,
    UpTo,
    NoMatch,
    // A route's page.
    Descent,
    Map,
    Profile,
    NoElevation,
    PointsOfInterest,
    StartStop,
    EndStop,
    FollowRoute,
    ExportGpx,
    SavedTo,
    RouteNotFound,
    Back,
    // Following.
    FollowTitle,
    Done,
    Left,
    TimeLeft,
    ExpectedAt,
    OffRoute,
    BackOnRoute,
    NextPoi,
    Arrived,
    Replay,
    ReplayNote,
    Speed,
    Pause,
    Resume,
    Restart,
    WaitingForPosition,
    // Importing.
    ImportTitle,
    ImportPath,
    ImportButton,
    Imported,
    ImportedTracks,
    Points,
    CannotRead,
}

/// The text of `msg` in `lang`.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    use Lang::{En, Fr};
    match (msg, lang) {
        (Msg::AppName, _) => "Velay",
        (Msg::RoutesTitle, Fr) => "Itinéraires",
        (Msg::RoutesTitle, En) => "Routes",
        (Msg::NoRoutes, Fr) => "Aucun itinéraire pour l'instant.",
        (Msg::NoRoutes, En) => "No routes yet.",
        (Msg::SampleTrack, Fr) => "Tracé d'exemple, non relevé sur le terrain",
        (Msg::SampleTrack, En) => "Sample track, not surveyed",
        (Msg::Ascent, Fr) => "D+",
        (Msg::Ascent, En) => "Ascent",
        (Msg::Offline, Fr) => "Hors ligne",
        (Msg::Offline, En) => "Offline",
        (Msg::Syncing, Fr) => "Synchronisation…",
        (Msg::Syncing, En) => "Syncing…",
        (Msg::SyncedAt, Fr) => "À jour à",
        (Msg::SyncedAt, En) => "Up to date at",
        (Msg::BundledContent, Fr) => "contenu embarqué",
        (Msg::BundledContent, En) => "bundled content",
        (Msg::Difficulty(Difficulty::Easy), Fr) => "Facile",
        (Msg::Difficulty(Difficulty::Easy), En) => "Easy",
        (Msg::Difficulty(Difficulty::Moderate), Fr) => "Moyen",
        (Msg::Difficulty(Difficulty::Moderate), En) => "Moderate",
        (Msg::Difficulty(Difficulty::Hard), Fr) => "Difficile",
        (Msg::Difficulty(Difficulty::Hard), En) => "Hard",
        (Msg::Theme(Theme::Heritage), Fr) => "Patrimoine",
        (Msg::Theme(Theme::Heritage), En) => "Heritage",
        (Msg::Theme(Theme::Nature), Fr) => "Nature",
        (Msg::Theme(Theme::Nature), En) => "Nature",
        (Msg::Theme(Theme::Water), Fr) => "Eau",
        (Msg::Theme(Theme::Water), En) => "Water",
        (Msg::Theme(Theme::Food), Fr) => "Gastronomie",
        (Msg::Theme(Theme::Food), En) => "Food",
        (Msg::Theme(Theme::NightVisit), Fr) => "Visite nocturne",
        (Msg::Theme(Theme::NightVisit), En) => "Night visit",
        (Msg::StoreError, Fr) => "Le stockage de l'appareil est illisible :",
        (Msg::StoreError, En) => "The device's storage cannot be read:",
        (Msg::PageNotFound, Fr) => "Cette page n'existe pas.",
        (Msg::PageNotFound, En) => "This page does not exist.",
        (Msg::SyncTitle, Fr) => "Synchronisation et réglages",
        (Msg::SyncTitle, En) => "Sync and settings",
        (Msg::SyncTab, Fr) => "Synchro",
        (Msg::SyncTab, En) => "Sync",
        (Msg::Status, Fr) => "État",
        (Msg::Status, En) => "Status",
        (Msg::Online, Fr) => "En ligne",
        (Msg::Online, En) => "Online",
        (Msg::LastSync, Fr) => "Dernière synchronisation",
        (Msg::LastSync, En) => "Last sync",
        (Msg::Never, Fr) => "jamais",
        (Msg::Never, En) => "never",
        (Msg::SyncNow, Fr) => "Synchroniser maintenant",
        (Msg::SyncNow, En) => "Sync now",
        (Msg::Received, Fr) => "Réception",
        (Msg::Received, En) => "Receiving",
        (Msg::Outbox, Fr) => "Envois",
        (Msg::Outbox, En) => "Outbox",
        (Msg::OutboxEmpty, Fr) => "Rien à envoyer.",
        (Msg::OutboxEmpty, En) => "Nothing to send.",
        (Msg::StateQueued, Fr) => "en attente d'envoi",
        (Msg::StateQueued, En) => "waiting to send",
        (Msg::StateSent, Fr) => "envoyé, sans réponse",
        (Msg::StateSent, En) => "sent, no answer yet",
        (Msg::StateAccepted, Fr) => "reçu",
        (Msg::StateAccepted, En) => "received",
        (Msg::StateRefused, Fr) => "refusé",
        (Msg::StateRefused, En) => "refused",
        (Msg::DataSize, Fr) => "Données sur l'appareil",
        (Msg::DataSize, En) => "Data on this device",
        (Msg::Server, Fr) => "Serveur",
        (Msg::Server, En) => "Server",
        (Msg::Language, Fr) => "Langue",
        (Msg::Language, En) => "Language",
        (Msg::NoteTitle, Fr) => "Signaler quelque chose sur un itinéraire",
        (Msg::NoteTitle, En) => "Tell the team about a route",
        (Msg::NoteRoute, Fr) => "Itinéraire",
        (Msg::NoteRoute, En) => "Route",
        (Msg::NoteText, Fr) => "Votre message (balisage, obstacle, merci…)",
        (Msg::NoteText, En) => "Your message (waymarks, obstacle, thanks…)",
        (Msg::NoteSend, Fr) => "Envoyer",
        (Msg::NoteSend, En) => "Send",
        (Msg::NoteSaved, Fr) => "Enregistré sur l'appareil ; part dès qu'il y a du réseau.",
        (Msg::NoteSaved, En) => "Saved on this device; it goes out as soon as there is a network.",
        (Msg::NoteAbout, Fr) => "Note sur",
        (Msg::NoteAbout, En) => "Note about",
        (Msg::StoreRepaired, Fr) => "Le contenu abîmé sur l'appareil a été rechargé.",
        (Msg::StoreRepaired, En) => "Damaged content on this device was reloaded.",
        (Msg::StoreSetAside, Fr) => "Des données illisibles ont été mises de côté (rien n'est effacé) :",
        (Msg::StoreSetAside, En) => "Unreadable data was set aside (nothing is deleted):",
        (Msg::Dismiss, Fr) => "Compris",
        (Msg::Dismiss, En) => "Got it",
        (Msg::FilterSite, Fr) => "Site",
        (Msg::FilterSite, En) => "Site",
        (Msg::FilterLength, Fr) => "Longueur",
        (Msg::FilterLength, En) => "Length",
        (Msg::FilterTime, Fr) => "Durée",
        (Msg::FilterTime, En) => "Time",
        (Msg::FilterDifficulty, Fr) => "Difficulté",
        (Msg::FilterDifficulty, En) => "Difficulty",
        (Msg::Any, Fr) => "Tous",
        (Msg::Any, En) => "Any",
        (Msg::UpTo, Fr) => "jusqu'à",
        (Msg::UpTo, En) => "up to",
        (Msg::NoMatch, Fr) => "Aucun itinéraire ne correspond à ces filtres.",
        (Msg::NoMatch, En) => "No route matches these filters.",
        (Msg::Descent, Fr) => "D−",
        (Msg::Descent, En) => "Descent",
        (Msg::Map, Fr) => "Tracé",
        (Msg::Map, En) => "Track",
        (Msg::Profile, Fr) => "Profil altimétrique",
        (Msg::Profile, En) => "Elevation profile",
        (Msg::NoElevation, Fr) => "Ce tracé n'a pas d'altitudes.",
        (Msg::NoElevation, En) => "This track has no elevations.",
        (Msg::PointsOfInterest, Fr) => "Points d'intérêt",
        (Msg::PointsOfInterest, En) => "Points of interest",
        (Msg::StartStop, Fr) => "Départ : arrêt",
        (Msg::StartStop, En) => "Start: stop",
        (Msg::EndStop, Fr) => "Arrivée : arrêt",
        (Msg::EndStop, En) => "End: stop",
        (Msg::FollowRoute, Fr) => "Suivre cet itinéraire",
        (Msg::FollowRoute, En) => "Follow this route",
        (Msg::ExportGpx, Fr) => "Exporter en GPX",
        (Msg::ExportGpx, En) => "Export as GPX",
        (Msg::SavedTo, Fr) => "Enregistré :",
        (Msg::SavedTo, En) => "Saved to",
        (Msg::RouteNotFound, Fr) => "Cet itinéraire n'existe pas ou plus.",
        (Msg::RouteNotFound, En) => "This route does not exist any more.",
        (Msg::Back, Fr) => "← Retour",
        (Msg::Back, En) => "← Back",
        (Msg::FollowTitle, Fr) => "Suivi",
        (Msg::FollowTitle, En) => "Following",
        (Msg::Done, Fr) => "Parcouru",
        (Msg::Done, En) => "Done",
        (Msg::Left, Fr) => "Reste",
        (Msg::Left, En) => "Left",
        (Msg::TimeLeft, Fr) => "Temps restant",
        (Msg::TimeLeft, En) => "Time left",
        (Msg::ExpectedAt, Fr) => "Arrivée vers",
        (Msg::ExpectedAt, En) => "Arriving about",
        (Msg::OffRoute, Fr) => "Vous vous êtes écarté de l'itinéraire",
        (Msg::OffRoute, En) => "You have left the route",
        (Msg::BackOnRoute, Fr) => "De retour sur l'itinéraire",
        (Msg::BackOnRoute, En) => "Back on the route",
        (Msg::NextPoi, Fr) => "Prochain point d'intérêt :",
        (Msg::NextPoi, En) => "Next point of interest:",
        (Msg::Arrived, Fr) => "Vous êtes arrivé.",
        (Msg::Arrived, En) => "You have arrived.",
        (Msg::Replay, Fr) => "Rejeu du tracé",
        (Msg::Replay, En) => "Track replay",
        (Msg::ReplayNote, Fr) => "Sur ordinateur, le suivi rejoue le tracé de l'itinéraire à la place du GPS.",
        (Msg::ReplayNote, En) => "On a computer, following replays the route's own track instead of GPS.",
        (Msg::Speed, Fr) => "Vitesse",
        (Msg::Speed, En) => "Speed",
        (Msg::Pause, Fr) => "Pause",
        (Msg::Pause, En) => "Pause",
        (Msg::Resume, Fr) => "Reprendre",
        (Msg::Resume, En) => "Resume",
        (Msg::Restart, Fr) => "Recommencer",
        (Msg::Restart, En) => "Restart",
        (Msg::WaitingForPosition, Fr) => "En attente de la position…",
        (Msg::WaitingForPosition, En) => "Waiting for a position…",
        (Msg::ImportTitle, Fr) => "Importer un fichier GPX",
        (Msg::ImportTitle, En) => "Import a GPX file",
        (Msg::ImportPath, Fr) => "Chemin du fichier",
        (Msg::ImportPath, En) => "Path of the file",
        (Msg::ImportButton, Fr) => "Importer",
        (Msg::ImportButton, En) => "Import",
        (Msg::Imported, Fr) => "Importé :",
        (Msg::Imported, En) => "Imported:",
        (Msg::ImportedTracks, Fr) => "Traces importées",
        (Msg::ImportedTracks, En) => "Imported tracks",
        (Msg::Points, Fr) => "points",
        (Msg::Points, En) => "points",
        (Msg::CannotRead, Fr) => "Lecture impossible :",
        (Msg::CannotRead, En) => "Cannot read:",
    }
}

/// A length in metres as walkers read it: "5,3 km" or "5.3 km".
pub fn km(lang: Lang, metres: f64) -> String {
    let s = format!("{:.1} km", metres / 1000.0);
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A size in bytes: "340 ko", "1,4 Mo" or "1.4 MB".
pub fn size(lang: Lang, bytes: u64) -> String {
    let (unit_fr, unit_en, value) = match bytes {
        b if b < 1_000_000 => ("ko", "KB", (b as f64 / 1000.0).round().to_string()),
        b => ("Mo", "MB", format!("{:.1}", b as f64 / 1_000_000.0)),
    };
    match lang {
        Lang::Fr => format!("{} {unit_fr}", value.replace('.', ",")),
        Lang::En => format!("{value} {unit_en}"),
    }
}

/// A duration in minutes: "1 h 25" in French, "1 h 25 min" in English.
pub fn duration(lang: Lang, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (lang, h) {
        (_, 0) => format!("{m} min"),
        (Lang::Fr, _) => format!("{h} h {m:02}"),
        (Lang::En, _) => format!("{h} h {m:02} min"),
    }
}

/// A distance along a route, as a walker reads it: "350 m", or "2,3 km" from a kilometre.
pub fn distance(lang: Lang, metres: f64) -> String {
    if metres < 1000.0 {
        format!("{:.0} m", (metres / 10.0).round() * 10.0)
    } else {
        km(lang, metres)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_the_local_way() {
        assert_eq!(km(Lang::Fr, 5348.0), "5,3 km");
        assert_eq!(km(Lang::En, 5348.0), "5.3 km");
        assert_eq!(duration(Lang::Fr, 85), "1 h 25");
        assert_eq!(duration(Lang::En, 45), "45 min");
        assert_eq!(size(Lang::Fr, 340_400), "340 ko");
        assert_eq!(size(Lang::En, 1_450_000), "1.4 MB");
        assert_eq!(distance(Lang::Fr, 347.0), "350 m");
        assert_eq!(distance(Lang::Fr, 2347.0), "2,3 km");
    }
}
