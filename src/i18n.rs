//! Every sentence the app shows, in French and English. Screens ask for a [`Msg`]; nothing
//! person-facing is written inline in a component.

use velay_core::greeter::GreeterTheme;
use velay_core::route::{Difficulty, Theme};
use velay_core::store::RequestStatus;
use velay_core::Lang;

// Declared here, beside the sentences it belongs with, until `main.rs` lists it.

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
    SyncedOn,
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
    Simulation,
    SimulationNote,
    BackOnPath,
    Receiver,
    ReceiverNote,
    ReceiverUnreachable,
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
    ReadFailed,
    WriteFailed,
    NoSuchFile,
    NotAllowed,
    DiskFull,
    IsAFolder,
    TryAgain,
    LogFile,
    // Planning a day, departures.
    PlanTab,
    PlanTitle,
    HomeStation,
    Date,
    Outbound,
    TheWalk,
    WayBack,
    Margin,
    NotPossible,
    NotPossibleToday,
    SearchRoutes,
    HomeTab,
    AlsoNearby,
    OnFoot,
    MyTrips,
    NoTrips,
    KeepDay,
    DayKept,
    FromHome,
    DeleteTrip,
    DeleteTripQuestion,
    DeleteYes,
    DeleteNo,
    Planning,
    WorksOffline,
    AllRoutesOfSite,
    DayBefore,
    DayAfter,
    MonthBefore,
    MonthAfter,
    ResetFilters,
    NextDayThatWorks,
    DayPassed,
    NoWayThere,
    NoWayBack,
    NearestDay,
    PlanThisDay,
    NoDayNearby,
    SampleTimes,
    DeparturesTitle,
    NoDepartures,
    FromTime,
    Now,
    GetThereToday,
    FullPlan,
    NoWayToday,
    NoTimetable,
    AboutData,
    AlreadyThere,
    ModeWalk,
    ModeRail,
    ModeBus,
    ModeOther,
    WalkStart,
    WalkEnd,
    DeparturesLink,
    LastDepartureHome,
    Tomorrow,
    NoLastDeparture,
    // Greeters.
    GreetersTitle,
    GreetersIntro,
    Fictional,
    FilterLanguage,
    FilterTheme,
    FilterDate,
    GreeterTheme(GreeterTheme),
    NoGreeters,
    Slots,
    NoSlots,
    SeatsUpTo,
    MeetingNear,
    AskThisSlot,
    Party,
    LanguageWanted,
    Email,
    Phone,
    YourMessage,
    SendRequest,
    MyRequests,
    NoRequests,
    RequestStatus(RequestStatus),
    CancelRequest,
    ExportIcs,
    GreeterNotFound,
    SlotNoService,
    SlotFitFrom,
    AlreadyAsked,
    CancelAsk,
    CancelYes,
    CancelNo,
    MeetingWith,
    RequestTo,
    CancellationOf,
    GreeterReply,
    MeetingPlace,
    MeetingWhen,
    SlotGone,
    NoteAboutRoute,
    Since,
    OfflineMaps,
    OfflineMapsIntro,
    NoPacks,
    PackDownload,
    PackPause,
    PackResume,
    PackCancel,
    PackDelete,
    PackUpdate,
    PackStored,
    PackOutdated,
    PackPaused,
    PackFailed,
    PackNeeded,
    PackMissing,
    MapRecentre,
    MapNorth,
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
        (Msg::SyncedOn, Fr) => "synchronisé",
        (Msg::SyncedOn, En) => "synced",
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
        (Msg::StoreRepaired, Fr) => "Le contenu abîmé sur l'appareil a été rechargé.",
        (Msg::StoreRepaired, En) => "Damaged content on this device was reloaded.",
        (Msg::StoreSetAside, Fr) => "Des données illisibles ont été mises de côté (rien n'est effacé) :",
        (Msg::StoreSetAside, En) => "Unreadable data was set aside (nothing is deleted):",
        (Msg::Dismiss, Fr) => "Compris",
        (Msg::Dismiss, En) => "Got it",
        (Msg::SlotNoService, Fr) => "Pas de train ni de bus pour ce rendez-vous ce jour-là.",
        (Msg::SlotNoService, En) => "No train or bus to this meeting that day.",
        (Msg::SlotFitFrom, Fr) => "Pour un voyage sans voiture depuis",
        (Msg::SlotFitFrom, En) => "For a car-free trip from",
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
        (Msg::Map, Fr) => "Carte",
        (Msg::Map, En) => "Map",
        (Msg::OfflineMaps, Fr) => "Cartes hors ligne",
        (Msg::OfflineMaps, En) => "Offline maps",
        (Msg::OfflineMapsIntro, Fr) => "Une carte par Grand Site, à télécharger avant de partir : elle s'affiche ensuite sans réseau. Le tracé s'affiche toujours, même sans carte.",
        (Msg::OfflineMapsIntro, En) => "One map per Grand Site, to download before you go: it then shows with no network. The track always shows, even with no map.",
        (Msg::NoPacks, Fr) => "Aucune carte publiée pour l'instant : la prochaine synchronisation les fera connaître.",
        (Msg::NoPacks, En) => "No maps published yet: the next sync will list them.",
        (Msg::PackDownload, Fr) => "Télécharger",
        (Msg::PackDownload, En) => "Download",
        (Msg::PackPause, Fr) => "Pause",
        (Msg::PackPause, En) => "Pause",
        (Msg::PackResume, Fr) => "Reprendre",
        (Msg::PackResume, En) => "Resume",
        (Msg::PackCancel, Fr) => "Annuler",
        (Msg::PackCancel, En) => "Cancel",
        (Msg::PackDelete, Fr) => "Supprimer",
        (Msg::PackDelete, En) => "Delete",
        (Msg::PackUpdate, Fr) => "Mettre à jour",
        (Msg::PackUpdate, En) => "Update",
        (Msg::PackStored, Fr) => "Sur l'appareil",
        (Msg::PackStored, En) => "On this device",
        (Msg::PackOutdated, Fr) => "Sur l'appareil, une version plus récente est publiée",
        (Msg::PackOutdated, En) => "On this device; a newer version is published",
        (Msg::PackPaused, Fr) => "En pause",
        (Msg::PackPaused, En) => "Paused",
        (Msg::PackFailed, Fr) => "Interrompu :",
        (Msg::PackFailed, En) => "Stopped:",
        (Msg::PackNeeded, Fr) => "Sans la carte de ce site sur l'appareil, le tracé s'affiche sur fond uni. Carte à télécharger",
        (Msg::PackNeeded, En) => "Without this site's map on the device, the track shows on a plain background. Map to download",
        (Msg::PackMissing, Fr) => "Pas encore de carte publiée pour ce site : le tracé s'affiche sur fond uni.",
        (Msg::PackMissing, En) => "No map published for this site yet: the track shows on a plain background.",
        (Msg::MapRecentre, Fr) => "Me suivre",
        (Msg::MapRecentre, En) => "Follow me",
        (Msg::MapNorth, Fr) => "Nord en haut",
        (Msg::MapNorth, En) => "North is up",
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
        (Msg::Simulation, Fr) => "Marche simulée",
        (Msg::Simulation, En) => "Simulated walk",
        (Msg::SimulationNote, Fr) => "Un marcheur simulé suit l'itinéraire. Écartez-le du chemin pour voir l'alerte.",
        (Msg::SimulationNote, En) => "A simulated walker follows the route. Send them off the path to see the alert.",
        (Msg::BackOnPath, Fr) => "Revenir sur le chemin",
        (Msg::BackOnPath, En) => "Back on the path",
        (Msg::Receiver, Fr) => "Récepteur GPS",
        (Msg::Receiver, En) => "GPS receiver",
        (Msg::ReceiverNote, Fr) => "La position vient du démon gpsd à l'adresse",
        (Msg::ReceiverNote, En) => "The position comes from the gpsd daemon at",
        (Msg::ReceiverUnreachable, Fr) => "gpsd ne répond pas ; nouvel essai dans un instant.",
        (Msg::ReceiverUnreachable, En) => "gpsd does not answer; trying again shortly.",
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
        (Msg::ReadFailed, Fr) => "Impossible de lire",
        (Msg::ReadFailed, En) => "Cannot read",
        (Msg::WriteFailed, Fr) => "Impossible d'écrire",
        (Msg::WriteFailed, En) => "Cannot write",
        (Msg::NoSuchFile, Fr) => "ce fichier n'existe pas.",
        (Msg::NoSuchFile, En) => "this file does not exist.",
        (Msg::NotAllowed, Fr) => "l'accès est refusé.",
        (Msg::NotAllowed, En) => "permission denied.",
        (Msg::DiskFull, Fr) => "le stockage de l'appareil est plein.",
        (Msg::DiskFull, En) => "the device's storage is full.",
        (Msg::IsAFolder, Fr) => "c'est un dossier, pas un fichier.",
        (Msg::IsAFolder, En) => "this is a folder, not a file.",
        (Msg::TryAgain, Fr) => "Réessayer",
        (Msg::TryAgain, En) => "Try again",
        (Msg::LogFile, Fr) => "Journal de l'app",
        (Msg::LogFile, En) => "App log",
        (Msg::PlanTab, Fr) => "Journée",
        (Msg::PlanTab, En) => "Day out",
        (Msg::PlanTitle, Fr) => "Préparer une journée sans voiture",
        (Msg::PlanTitle, En) => "Plan a car-free day",
        (Msg::HomeStation, Fr) => "Gare de départ",
        (Msg::HomeStation, En) => "Home station",
        (Msg::Date, Fr) => "Date",
        (Msg::Date, En) => "Date",
        (Msg::Outbound, Fr) => "Aller",
        (Msg::Outbound, En) => "Getting there",
        (Msg::TheWalk, Fr) => "La marche",
        (Msg::TheWalk, En) => "The walk",
        (Msg::WayBack, Fr) => "Retour",
        (Msg::WayBack, En) => "Way back",
        (Msg::Margin, Fr) => "Marge :",
        (Msg::Margin, En) => "Margin:",
        (Msg::NotPossible, Fr) => "Impossible ce jour-là :",
        (Msg::NotPossible, En) => "Not possible that day:",
        (Msg::DayBefore, Fr) => "Jour précédent",
        (Msg::DayBefore, En) => "Day before",
        (Msg::DayAfter, Fr) => "Jour suivant",
        (Msg::DayAfter, En) => "Day after",
        (Msg::MonthBefore, Fr) => "Mois précédent",
        (Msg::MonthBefore, En) => "Month before",
        (Msg::MonthAfter, Fr) => "Mois suivant",
        (Msg::MonthAfter, En) => "Month after",
        (Msg::Planning, Fr) => "Calcul des trajets du jour…",
        (Msg::Planning, En) => "Working out today's journeys…",
        (Msg::MyTrips, Fr) => "Mes journées",
        (Msg::MyTrips, En) => "My trips",
        (Msg::NoTrips, Fr) => "Aucune journée gardée. Préparez-en une, puis « Garder cette journée » : elle restera ici, même sans réseau.",
        (Msg::NoTrips, En) => "No day kept yet. Plan one, then “Keep this day”: it stays here, even with no network.",
        (Msg::KeepDay, Fr) => "Garder cette journée",
        (Msg::KeepDay, En) => "Keep this day",
        (Msg::DayKept, Fr) => "Journée gardée dans",
        (Msg::DayKept, En) => "Day kept in",
        (Msg::FromHome, Fr) => "depuis",
        (Msg::FromHome, En) => "from",
        (Msg::DeleteTrip, Fr) => "Supprimer",
        (Msg::DeleteTrip, En) => "Delete",
        (Msg::DeleteTripQuestion, Fr) => "Supprimer cette journée de l'appareil ?",
        (Msg::DeleteTripQuestion, En) => "Delete this day from the device?",
        (Msg::DeleteYes, Fr) => "Oui, supprimer",
        (Msg::DeleteYes, En) => "Yes, delete",
        (Msg::DeleteNo, Fr) => "Non, la garder",
        (Msg::DeleteNo, En) => "No, keep it",
        (Msg::AlsoNearby, Fr) => "D'autres lignes partent à côté",
        (Msg::AlsoNearby, En) => "Other lines leave next door",
        (Msg::OnFoot, Fr) => "à pied",
        (Msg::OnFoot, En) => "on foot",
        (Msg::HomeTab, Fr) => "Accueil",
        (Msg::HomeTab, En) => "Home",
        (Msg::WorksOffline, Fr) => "Tout marche sans réseau : itinéraires, tracés, horaires des trains et des cars, greeters. Vos demandes partent d'elles-mêmes à la prochaine connexion.",
        (Msg::WorksOffline, En) => "Everything works with no network: routes, tracks, train and bus times, greeters. Your requests leave by themselves at the next connection.",
        (Msg::AllRoutesOfSite, Fr) => "Tous les itinéraires du site",
        (Msg::AllRoutesOfSite, En) => "All the site's routes",
        (Msg::SearchRoutes, Fr) => "Chercher un itinéraire",
        (Msg::SearchRoutes, En) => "Search routes",
        (Msg::ResetFilters, Fr) => "Tout afficher",
        (Msg::ResetFilters, En) => "Show all",
        (Msg::NotPossibleToday, Fr) => "Plus possible aujourd'hui :",
        (Msg::NotPossibleToday, En) => "No longer possible today:",
        (Msg::NextDayThatWorks, Fr) => "Prochain jour possible :",
        (Msg::NextDayThatWorks, En) => "Next day that works:",
        (Msg::DayPassed, Fr) => "ce jour est passé.",
        (Msg::DayPassed, En) => "that day has passed.",
        (Msg::NoWayThere, Fr) => "aucun train ni car n'atteint le départ de la marche ce jour-là.",
        (Msg::NoWayThere, En) => "no train or bus reaches the start of the walk that day.",
        (Msg::NoWayBack, Fr) => "rien ne part de la fin de la marche vers chez vous ce jour-là.",
        (Msg::NoWayBack, En) => "nothing leaves the end of the walk for home that day.",
        (Msg::NearestDay, Fr) => "Le jour le plus proche qui marche :",
        (Msg::NearestDay, En) => "The nearest day that works:",
        (Msg::PlanThisDay, Fr) => "Choisir ce jour",
        (Msg::PlanThisDay, En) => "Plan this day",
        (Msg::NoDayNearby, Fr) => "Aucun jour ne marche dans les deux semaines autour.",
        (Msg::NoDayNearby, En) => "No day works within two weeks either way.",
        (Msg::SampleTimes, Fr) => "horaires d'exemple",
        (Msg::SampleTimes, En) => "sample times",
        (Msg::DeparturesTitle, Fr) => "Départs",
        (Msg::DeparturesTitle, En) => "Departures",
        (Msg::NoDepartures, Fr) => "Aucun départ dans les 24 heures.",
        (Msg::NoDepartures, En) => "No departures in the next 24 hours.",
        (Msg::FromTime, Fr) => "À partir de",
        (Msg::FromTime, En) => "From",
        (Msg::Now, Fr) => "Maintenant",
        (Msg::Now, En) => "Now",
        (Msg::GetThereToday, Fr) => "Y aller et revenir aujourd'hui",
        (Msg::GetThereToday, En) => "How to get there and back today",
        (Msg::FullPlan, Fr) => "Préparer la journée",
        (Msg::FullPlan, En) => "Plan the full day",
        (Msg::NoWayToday, Fr) => "Pas de trajet possible aujourd'hui.",
        (Msg::NoWayToday, En) => "No way there today.",
        (Msg::NoTimetable, Fr) => "Pas d'horaires sur cet appareil.",
        (Msg::NoTimetable, En) => "No timetable on this device.",
        (Msg::AboutData, Fr) => "À propos des données",
        (Msg::AboutData, En) => "About the data",
        (Msg::AlreadyThere, Fr) => "Sur place, rien à prendre.",
        (Msg::AlreadyThere, En) => "Already there: nothing to take.",
        (Msg::ModeWalk, Fr) => "À pied",
        (Msg::ModeWalk, En) => "Walk",
        (Msg::ModeRail, Fr) => "Train",
        (Msg::ModeRail, En) => "Train",
        (Msg::ModeBus, Fr) => "Car",
        (Msg::ModeBus, En) => "Bus",
        (Msg::ModeOther, Fr) => "Transport",
        (Msg::ModeOther, En) => "Transport",
        (Msg::WalkStart, Fr) => "départ de la marche",
        (Msg::WalkStart, En) => "start of the walk",
        (Msg::WalkEnd, Fr) => "fin de la marche",
        (Msg::WalkEnd, En) => "end of the walk",
        (Msg::DeparturesLink, Fr) => "Départs de",
        (Msg::DeparturesLink, En) => "Departures from",
        (Msg::Tomorrow, Fr) => "demain",
        (Msg::Tomorrow, En) => "tomorrow",
        (Msg::LastDepartureHome, Fr) => "Dernier départ pour rentrer",
        (Msg::LastDepartureHome, En) => "Last departure home",
        (Msg::NoLastDeparture, Fr) => "Plus de départ pour rentrer aujourd'hui.",
        (Msg::NoLastDeparture, En) => "No more departures home today.",
        (Msg::GreetersTitle, Fr) => "Greeters",
        (Msg::GreetersTitle, En) => "Greeters",
        (Msg::GreetersIntro, Fr) => "Des habitants bénévoles vous font découvrir leur coin de pays, gratuitement, à 6 au plus, pendant 2 à 4 heures.",
        (Msg::GreetersIntro, En) => "Volunteer locals show you their corner of the country, free of charge, 6 people at most, for 2 to 4 hours.",
        (Msg::Fictional, Fr) => "Profil fictif (exemple)",
        (Msg::Fictional, En) => "Fictional profile (sample)",
        (Msg::FilterLanguage, Fr) => "Langue",
        (Msg::FilterLanguage, En) => "Language",
        (Msg::FilterTheme, Fr) => "Thème",
        (Msg::FilterTheme, En) => "Theme",
        (Msg::FilterDate, Fr) => "Date",
        (Msg::FilterDate, En) => "Date",
        (Msg::GreeterTheme(GreeterTheme::Heritage), Fr) => "Patrimoine",
        (Msg::GreeterTheme(GreeterTheme::Heritage), En) => "Heritage",
        (Msg::GreeterTheme(GreeterTheme::Nature), Fr) => "Nature",
        (Msg::GreeterTheme(GreeterTheme::Nature), En) => "Nature",
        (Msg::GreeterTheme(GreeterTheme::Crafts), Fr) => "Savoir-faire",
        (Msg::GreeterTheme(GreeterTheme::Crafts), En) => "Crafts and know-how",
        (Msg::GreeterTheme(GreeterTheme::Food), Fr) => "Gastronomie",
        (Msg::GreeterTheme(GreeterTheme::Food), En) => "Food",
        (Msg::NoGreeters, Fr) => "Aucun greeter ne correspond.",
        (Msg::NoGreeters, En) => "No greeter matches.",
        (Msg::Slots, Fr) => "Créneaux",
        (Msg::Slots, En) => "Slots",
        (Msg::NoSlots, Fr) => "Aucun créneau proposé pour l'instant.",
        (Msg::NoSlots, En) => "No slots offered yet.",
        (Msg::SeatsUpTo, Fr) => "places au plus",
        (Msg::SeatsUpTo, En) => "seats at most",
        (Msg::MeetingNear, Fr) => "à pied de l'arrêt",
        (Msg::MeetingNear, En) => "on foot from the stop",
        (Msg::AskThisSlot, Fr) => "Demander ce créneau",
        (Msg::AskThisSlot, En) => "Ask for this slot",
        (Msg::Party, Fr) => "Nombre de personnes (1 à 6)",
        (Msg::Party, En) => "Number of people (1 to 6)",
        (Msg::LanguageWanted, Fr) => "Langue souhaitée",
        (Msg::LanguageWanted, En) => "Language wanted",
        (Msg::Email, Fr) => "E-mail",
        (Msg::Email, En) => "E-mail",
        (Msg::Phone, Fr) => "ou téléphone",
        (Msg::Phone, En) => "or phone",
        (Msg::YourMessage, Fr) => "Votre message",
        (Msg::YourMessage, En) => "Your message",
        (Msg::SendRequest, Fr) => "Envoyer la demande",
        (Msg::SendRequest, En) => "Send the request",
        (Msg::MyRequests, Fr) => "Mes demandes",
        (Msg::MyRequests, En) => "My requests",
        (Msg::NoRequests, Fr) => "Aucune demande pour l'instant.",
        (Msg::NoRequests, En) => "No requests yet.",
        (Msg::RequestStatus(RequestStatus::WaitingToSend), Fr) => "En attente d'envoi",
        (Msg::RequestStatus(RequestStatus::WaitingToSend), En) => "Waiting to send",
        (Msg::RequestStatus(RequestStatus::Sent), Fr) => "Envoyée",
        (Msg::RequestStatus(RequestStatus::Sent), En) => "Sent",
        (Msg::RequestStatus(RequestStatus::Pending), Fr) => "En attente du greeter",
        (Msg::RequestStatus(RequestStatus::Pending), En) => "Pending",
        (Msg::RequestStatus(RequestStatus::Confirmed), Fr) => "Confirmée",
        (Msg::RequestStatus(RequestStatus::Confirmed), En) => "Confirmed",
        (Msg::RequestStatus(RequestStatus::Declined), Fr) => "Déclinée",
        (Msg::RequestStatus(RequestStatus::Declined), En) => "Declined",
        (Msg::RequestStatus(RequestStatus::Cancelled), Fr) => "Annulée",
        (Msg::RequestStatus(RequestStatus::Cancelled), En) => "Cancelled",
        (Msg::RequestStatus(RequestStatus::Refused), Fr) => "Refusée",
        (Msg::RequestStatus(RequestStatus::Refused), En) => "Refused",
        (Msg::CancelRequest, Fr) => "Annuler",
        (Msg::CancelRequest, En) => "Cancel",
        (Msg::ExportIcs, Fr) => "Ajouter à l'agenda (.ics)",
        (Msg::ExportIcs, En) => "Add to calendar (.ics)",
        (Msg::GreeterNotFound, Fr) => "Ce greeter n'existe plus.",
        (Msg::GreeterNotFound, En) => "This greeter is gone.",
        (Msg::AlreadyAsked, Fr) => "Demande déjà faite",
        (Msg::AlreadyAsked, En) => "Already asked",
        (Msg::CancelAsk, Fr) => "Annuler cette rencontre ?",
        (Msg::CancelAsk, En) => "Cancel this meeting?",
        (Msg::CancelYes, Fr) => "Oui, annuler",
        (Msg::CancelYes, En) => "Yes, cancel it",
        (Msg::CancelNo, Fr) => "Non, la garder",
        (Msg::CancelNo, En) => "No, keep it",
        (Msg::MeetingWith, Fr) => "Rencontre avec",
        (Msg::MeetingWith, En) => "Meeting with",
        (Msg::RequestTo, Fr) => "Demande de rencontre avec",
        (Msg::RequestTo, En) => "Meeting request to",
        (Msg::CancellationOf, Fr) => "Annulation de la rencontre avec",
        (Msg::CancellationOf, En) => "Cancelling the meeting with",
        (Msg::GreeterReply, Fr) => "Réponse du greeter",
        (Msg::GreeterReply, En) => "The greeter's answer",
        (Msg::MeetingPlace, Fr) => "Rendez-vous",
        (Msg::MeetingPlace, En) => "Meeting point",
        (Msg::MeetingWhen, Fr) => "Quand",
        (Msg::MeetingWhen, En) => "When",
        (Msg::SlotGone, Fr) => "un créneau qui n'est plus proposé",
        (Msg::SlotGone, En) => "a slot no longer offered",
        (Msg::NoteAboutRoute, Fr) => "Note sur l'itinéraire",
        (Msg::NoteAboutRoute, En) => "Note about the route",
        (Msg::Since, Fr) => "depuis le",
        (Msg::Since, En) => "since",
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

/// A whole number with its thousands grouped: "10\u{202f}000" in French, "10,000" in English.
pub fn count(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => "\u{202f}",
        Lang::En => ",",
    };
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(d);
    }
    out
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

/// "Le tracé est à 120 m au nord-est" / "The track is 120 m to the north-east": the way back
/// to the path for a walker who left it (without a direction when none is known).
pub fn track_is(lang: Lang, metres: f64, towards: Option<velay_core::follow::Compass>) -> String {
    use velay_core::follow::Compass::*;
    let d = distance(lang, metres);
    match (lang, towards) {
        (Lang::Fr, None) => format!("Le tracé est à {d}"),
        (Lang::En, None) => format!("The track is {d} away"),
        (Lang::Fr, Some(c)) => {
            let way = match c {
                North => "au nord",
                NorthEast => "au nord-est",
                East => "à l'est",
                SouthEast => "au sud-est",
                South => "au sud",
                SouthWest => "au sud-ouest",
                West => "à l'ouest",
                NorthWest => "au nord-ouest",
            };
            format!("Le tracé est à {d} {way}")
        }
        (Lang::En, Some(c)) => {
            let way = match c {
                North => "north",
                NorthEast => "north-east",
                East => "east",
                SouthEast => "south-east",
                South => "south",
                SouthWest => "south-west",
                West => "west",
                NorthWest => "north-west",
            };
            format!("The track is {d} to the {way}")
        }
    }
}

/// "S'écarter de 300 m" / "Step 300 m off the path", the simulation's deviation buttons.
pub fn step_off(lang: Lang, metres: f64) -> String {
    match lang {
        Lang::Fr => format!("S'écarter de {metres:.0} m"),
        Lang::En => format!("Step {metres:.0} m off the path"),
    }
}

/// "Leave by 16:05 to catch the 17:42 (1 h 10 to spare)", for the last departure home.
pub fn leave_by(lang: Lang, leave: &str, departure: &str, spare: &str) -> String {
    match lang {
        Lang::Fr => format!("Partez avant {leave} pour prendre celui de {departure} ({spare} de marge)"),
        Lang::En => format!("Leave by {leave} to catch the {departure} ({spare} to spare)"),
    }
}

/// The last departure home can no longer be caught at the walker's pace; `leave`, when it is
/// known, is when they should have set off.
pub fn departure_missed(lang: Lang, departure: &str, leave: Option<&str>) -> String {
    match (lang, leave) {
        (Lang::Fr, Some(leave)) => {
            format!("À votre allure, vous n'arriverez plus à temps pour celui de {departure} : il fallait repartir avant {leave}.")
        }
        (Lang::Fr, None) => format!("À votre allure, vous n'arriverez plus à temps pour celui de {departure}."),
        (Lang::En, Some(leave)) => {
            format!("At your pace you will not reach the {departure} in time: you needed to set off by {leave}.")
        }
        (Lang::En, None) => format!("At your pace you will not reach the {departure} in time."),
    }
}

/// Why a day fails when the walk ends after the last way home.
pub fn walk_ends_too_late(lang: Lang, walk_end: &str, last: &str) -> String {
    match lang {
        Lang::Fr => format!("la marche finirait à {walk_end}, après le dernier retour parti à {last}."),
        Lang::En => format!("the walk would end at {walk_end}, after the last way home has left at {last}."),
    }
}

/// A slot that fits the day's trains and buses.
pub fn slot_fits(lang: Lang, arrive: &str, last: &str) -> String {
    match lang {
        Lang::Fr => format!("✓ Possible : arrivée dès {arrive}, dernier retour à {last}"),
        Lang::En => format!("✓ Fits: there from {arrive}, last way home at {last}"),
    }
}

/// A slot that starts before the first arrival.
pub fn slot_too_early(lang: Lang, arrive: &str) -> String {
    match lang {
        Lang::Fr => format!("✗ Trop tôt : première arrivée à {arrive}"),
        Lang::En => format!("✗ Too early: the first arrival is at {arrive}"),
    }
}

/// A slot that ends after the last way home.
pub fn slot_too_late(lang: Lang, last: &str) -> String {
    match lang {
        Lang::Fr => format!("✗ Trop tard : le dernier retour part à {last}, avant la fin"),
        Lang::En => format!("✗ Too late: the last way home leaves at {last}, before it ends"),
    }
}

/// A language a greeter speaks, by its ISO 639-1 code, named in the app's language; a code
/// the app does not know is shown as it is.
pub fn language_name(lang: Lang, code: &str) -> String {
    let (fr, en) = match code {
        "fr" => ("français", "French"),
        "en" => ("anglais", "English"),
        "de" => ("allemand", "German"),
        "it" => ("italien", "Italian"),
        "es" => ("espagnol", "Spanish"),
        "oc" => ("occitan", "Occitan"),
        "nl" => ("néerlandais", "Dutch"),
        "pt" => ("portugais", "Portuguese"),
        _ => return code.to_string(),
    };
    match lang {
        Lang::Fr => fr.to_string(),
        Lang::En => en.to_string(),
    }
}

/// What comes before a list after a label: " : " in French, ": " in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

/// A site's line on the home page: today's earliest way there (on `route`) and last way back.
pub fn today_there_and_back(lang: Lang, home: &str, route: &str, leave: &str, arrive: &str, back: &str) -> String {
    match lang {
        Lang::Fr => {
            format!("Aujourd'hui depuis {home} : départ {leave}, arrivée {arrive} ({route}), dernier retour {back}.")
        }
        Lang::En => format!("Today from {home}: leave {leave}, arrive {arrive} ({route}), last way back {back}."),
    }
}

/// A site that cannot be reached today any more, and the first day it can.
pub fn next_day(lang: Lang, day: &str) -> String {
    match lang {
        Lang::Fr => format!("Plus possible aujourd'hui ; prochain jour : {day}."),
        Lang::En => format!("No longer possible today; next day: {day}."),
    }
}

/// The jumps between the segments of an imported track, which its figures leave out.
pub fn gaps_left_out(lang: Lang, segments: usize, gaps: usize) -> String {
    let metres = velay_core::route::MAX_JOINED_GAP_M;
    match (lang, gaps) {
        (Lang::Fr, 1) => {
            format!("{segments} segments ; 1 saut de plus de {metres:.0} m n'est pas compté comme marché.")
        }
        (Lang::Fr, _) => {
            format!("{segments} segments ; {gaps} sauts de plus de {metres:.0} m ne sont pas comptés comme marchés.")
        }
        (Lang::En, 1) => format!("{segments} segments; 1 gap of more than {metres:.0} m is not counted as walked."),
        (Lang::En, _) => {
            format!("{segments} segments; {gaps} gaps of more than {metres:.0} m are not counted as walked.")
        }
    }
}

/// A day the timetable does not cover, with the days it does.
pub fn outside_timetable(lang: Lang, first: chrono::NaiveDate, last: chrono::NaiveDate) -> String {
    let (first, last) = (date(lang, first), date(lang, last));
    match lang {
        Lang::Fr => format!("les horaires connus vont du {first} au {last} : ce jour n'y est pas."),
        Lang::En => format!("the timetable runs from {first} to {last} only: this day is not in it."),
    }
}

/// A site no day trip from `home` reaches within two weeks either way.
pub fn no_day_trip(lang: Lang, home: &str) -> String {
    match lang {
        Lang::Fr => format!("Pas d'aller-retour dans la journée depuis {home} d'ici deux semaines."),
        Lang::En => format!("No day trip from {home} within two weeks."),
    }
}

/// The sync screen's status when the last try found no server.
pub fn unreachable(lang: Lang, tried: &str) -> String {
    match lang {
        Lang::Fr => format!("Hors ligne : serveur injoignable, dernier essai à {tried}"),
        Lang::En => format!("Offline: server unreachable, last try at {tried}"),
    }
}

const DAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "lundi", "Monday".
pub fn weekday(lang: Lang, date: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    let wd = date.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Fr => DAYS_FR[wd],
        Lang::En => DAYS_EN[wd],
    }
}

/// "décembre", "December": `month0` counts from 0 for January.
pub fn month(lang: Lang, month0: u32) -> &'static str {
    let m = (month0 as usize).min(11);
    match lang {
        Lang::Fr => MONTHS_FR[m],
        Lang::En => MONTHS_EN[m],
    }
}

/// A day as people say it: "lundi 30 novembre 2026", "Monday 30 November 2026".
pub fn day(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", day_month(lang, date), date.year())
}

/// When something happened, as short as is clear from `now`: "14:02" the same day, else
/// "30 novembre, 14:02" / "30 November, 14:02".
pub fn moment(lang: Lang, at: chrono::NaiveDateTime, now: chrono::NaiveDateTime) -> String {
    use chrono::Datelike;
    let time = at.format("%H:%M");
    if at.date() == now.date() {
        return time.to_string();
    }
    format!("{} {}, {time}", at.day(), month(lang, at.month0()))
}

/// A day of the coming weeks, without its year: "samedi 12 décembre", "Saturday 12 December".
pub fn day_month(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let (wd, m) = (weekday(lang, date), month(lang, date.month0()));
    format!("{wd} {} {m}", date.day())
}

/// A date without its weekday, as in a period: "1er janvier 2026", "1 January 2026".
pub fn date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let m = month(lang, date.month0());
    match (lang, date.day()) {
        (Lang::Fr, 1) => format!("1er {m} {}", date.year()),
        (_, d) => format!("{d} {m} {}", date.year()),
    }
}

/// A meeting's day and time: "samedi 12 décembre 2026, 14:00", "Saturday 12 December 2026, 14:00".
pub fn day_time(lang: Lang, at: chrono::NaiveDateTime) -> String {
    format!("{}, {}", day(lang, at.date()), at.format("%H:%M"))
}

/// A group: "1 personne", "3 personnes", "1 person", "3 people".
pub fn people(lang: Lang, n: u8) -> String {
    match (lang, n) {
        (Lang::Fr, 0 | 1) => format!("{n} personne"),
        (Lang::Fr, _) => format!("{n} personnes"),
        (Lang::En, 1) => "1 person".to_string(),
        (Lang::En, _) => format!("{n} people"),
    }
}

/// What the request form says once a request is saved on the device.
pub fn request_queued(lang: Lang, greeter: &str, when: &str, party: u8) -> String {
    let group = people(lang, party);
    match lang {
        Lang::Fr => format!(
            "Demande enregistrée : rencontre avec {greeter}, {when}, {group}. Elle partira dès qu'une connexion le permettra."
        ),
        Lang::En => format!(
            "Request saved: meeting with {greeter}, {when}, {group}. It goes out as soon as a connection allows."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_thousands_as_each_language_does() {
        assert_eq!(count(Lang::Fr, 10_000), "10\u{202f}000");
        assert_eq!(count(Lang::En, 10_000), "10,000");
        assert_eq!(count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(count(Lang::Fr, 999), "999");
        assert_eq!(count(Lang::En, 0), "0");
    }

    #[test]
    fn languages_are_named_not_coded() {
        assert_eq!(language_name(Lang::Fr, "oc"), "occitan");
        assert_eq!(language_name(Lang::En, "de"), "German");
        assert_eq!(language_name(Lang::En, "xx"), "xx");
    }

    #[test]
    fn a_moment_says_the_day_only_when_it_is_not_today() {
        let at = |d, h| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, d)
                .unwrap()
                .and_hms_opt(h, 2, 0)
                .unwrap()
        };
        assert_eq!(moment(Lang::Fr, at(30, 14), at(30, 18)), "14:02");
        assert_eq!(moment(Lang::Fr, at(29, 14), at(30, 18)), "29 novembre, 14:02");
        assert_eq!(moment(Lang::En, at(29, 14), at(30, 18)), "29 November, 14:02");
        assert_eq!(day(Lang::Fr, at(28, 9).date()), "samedi 28 novembre 2026");
    }

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

    #[test]
    fn a_walker_off_the_path_reads_how_far_and_which_way_the_track_is() {
        use velay_core::follow::Compass;
        assert_eq!(
            track_is(Lang::Fr, 118.0, Some(Compass::NorthEast)),
            "Le tracé est à 120 m au nord-est"
        );
        assert_eq!(
            track_is(Lang::En, 118.0, Some(Compass::NorthEast)),
            "The track is 120 m to the north-east"
        );
        assert_eq!(
            track_is(Lang::Fr, 300.0, Some(Compass::West)),
            "Le tracé est à 300 m à l'ouest"
        );
        assert_eq!(track_is(Lang::En, 1_500.0, None), "The track is 1.5 km away");
    }

    #[test]
    fn a_meeting_time_reads_with_its_weekday_in_each_language() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 12)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        assert_eq!(day_time(Lang::Fr, at), "samedi 12 décembre 2026, 14:00");
        assert_eq!(day_time(Lang::En, at), "Saturday 12 December 2026, 14:00");
        assert_eq!(day_month(Lang::Fr, at.date()), "samedi 12 décembre");
        assert_eq!(people(Lang::Fr, 2), "2 personnes");
        assert_eq!(people(Lang::En, 1), "1 person");
    }
}
