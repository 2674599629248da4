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

/// A duration in minutes: "1 h 25" in French, "1 h 25 min" in English.
pub fn duration(lang: Lang, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (lang, h) {
        (_, 0) => format!("{m} min"),
        (Lang::Fr, _) => format!("{h} h {m:02}"),
        (Lang::En, _) => format!("{h} h {m:02} min"),
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
    }
}
