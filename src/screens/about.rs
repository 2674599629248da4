//! About the data: where each kind of content comes from, under which licence, what is real,
//! what is replayed and what is a sample. Built from the content the device holds (the
//! timetable's feed information and lines, the routes' and greeters' sample flags), so it stays
//! true when the server publishes newer content.

use dioxus::prelude::*;
use velay_core::greeter::Greeter;
use velay_core::timetable::{line_names, FeedInfo, Line};
use velay_core::{Lang, Route};

use crate::i18n::{date, t, Msg};
use crate::nav::Page;
use crate::state::use_app;

/// The attribution the SNCF open-data licence (ODbL) asks for wherever its times are shown.
fn attribution(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Horaires TER : SNCF, données ouvertes sous licence ODbL",
        Lang::En => "TER times: SNCF open data, ODbL licence",
    }
}

/// The attribution line under times, with a link to this page.
#[component]
pub fn Attribution(lang: Lang) -> Element {
    rsx! {
        p { class: "attribution",
            "{attribution(lang)} · "
            Link { to: Page::AboutScreen {}, "data-testid": "about-data", {t(lang, Msg::AboutData)} }
        }
    }
}

/// One part of the page: a title and its paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct AboutPart {
    pub title: String,
    pub lines: Vec<String>,
}

/// The page's parts, in `lang`, from what the device holds.
pub fn about_view(
    lang: Lang,
    feed: Option<(&FeedInfo, &[Line])>,
    routes: &[Route],
    greeters: &[Greeter],
) -> Vec<AboutPart> {
    let fr = lang == Lang::Fr;
    let pick = |f: &str, e: &str| if fr { f.to_string() } else { e.to_string() };
    let mut parts = Vec::new();

    let mut timetable = Vec::new();
    match feed {
        None => timetable.push(t(lang, Msg::NoTimetable).to_string()),
        Some((info, lines)) => {
            if !info.publisher.is_empty() {
                timetable.push(format!("{} {}", pick("Publié par :", "Published by:"), info.publisher));
            }
            if !info.version.is_empty() {
                timetable.push(format!("{} {}", pick("Version :", "Version:"), info.version));
            }
            if let (Some(start), Some(end)) = (info.start, info.end) {
                timetable.push(format!(
                    "{} {} – {}",
                    pick("Jours couverts :", "Days covered:"),
                    date(lang, start),
                    date(lang, end)
                ));
            }
            let names = |sample: bool| line_names(lines, sample).join(", ");
            let (real, sample) = (names(false), names(true));
            if !real.is_empty() {
                timetable.push(format!(
                    "{} {real}.",
                    pick(
                        "Horaires réels d'opérateur (trains TER, données ouvertes SNCF, licence ODbL 1.0) :",
                        "Operator times (TER trains, SNCF open data, ODbL 1.0 licence):"
                    )
                ));
            }
            if !sample.is_empty() {
                timetable.push(format!(
                    "{} {sample}.",
                    pick(
                        "Horaires d'exemple, inventés pour montrer le fonctionnement de l'appli, à vérifier auprès du transporteur :",
                        "Sample times, made up to show how the app plans; check with the operator:"
                    )
                ));
            }
            timetable.push(pick(
                "Les trains roulent les jours de la semaine que donne le calendrier de la SNCF ; l'horaire d'une année est rejoué sur les jours couverts, comme le dit la version. Le serveur publie un horaire plus récent dès qu'il en a un.",
                "Trains run on the weekdays SNCF's calendar gives; one year's timetable is replayed on the days covered, as the version says. The server publishes a newer timetable as soon as it has one.",
            ));
        }
    }
    parts.push(AboutPart {
        title: pick("Horaires", "Timetable"),
        lines: timetable,
    });

    let drawn = routes.iter().filter(|r| r.sample).count();
    let mut walks = vec![pick(
        "Les lieux (départs, arrivées, points d'intérêt, altitudes) sont vérifiés d'après des références publiques (IGN, Wikipédia, sites des communes), citées dans le dossier des itinéraires.",
        "Places (starts, ends, points of interest, altitudes) are checked against public references (IGN, Wikipedia, the communes' pages), cited in the routes' folder.",
    )];
    if drawn > 0 {
        walks.push(if fr {
            format!("{drawn} tracé(s) sur {} sont dessinés pour l'exemple, non relevés sur le terrain : suivez le balisage.", routes.len())
        } else {
            format!("{drawn} of {} tracks are drawn as samples, not surveyed: follow the waymarks.", routes.len())
        });
    }
    parts.push(AboutPart {
        title: pick("Itinéraires", "Routes"),
        lines: walks,
    });

    let fictional = greeters.iter().filter(|g| g.fictional).count();
    if !greeters.is_empty() {
        parts.push(AboutPart {
            title: pick("Greeters", "Greeters"),
            lines: vec![if fr {
                format!(
                    "{fictional} profil(s) sur {} sont fictifs : des exemples, pas des personnes réelles.",
                    greeters.len()
                )
            } else {
                format!(
                    "{fictional} of {} profiles are fictional: samples, not real people.",
                    greeters.len()
                )
            }],
        });
    }

    parts.push(AboutPart {
        title: pick("L'appli", "The app"),
        lines: vec![format!(
            "Velay {} · {}",
            env!("CARGO_PKG_VERSION"),
            pick(
                "Tout fonctionne sans réseau ; la synchronisation apporte les nouveautés.",
                "Everything works offline; syncing brings what is new."
            )
        )],
    });
    parts
}

#[component]
pub fn AboutScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let (tt, routes, greeters) = (state.timetable()?, state.routes()?, state.greeters()?);
    let parts = about_view(
        lang,
        tt.as_deref().map(|tt| (tt.info(), tt.lines())),
        &routes,
        &greeters,
    );
    rsx! {
        button { class: "back", onclick: move |_| crate::nav::go_back(), {t(lang, Msg::Back)} }
        section { class: "about", "data-testid": "about",
            h2 { {t(lang, Msg::AboutData)} }
            for part in parts {
                h3 { key: "{part.title}", {part.title.clone()} }
                for (i, line) in part.lines.iter().enumerate() {
                    p { key: "{i}", {line.clone()} }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use velay_core::timetable::Mode;

    fn line(name: &str, sample: bool) -> Line {
        Line {
            id: name.into(),
            short_name: name.into(),
            long_name: String::new(),
            mode: if sample { Mode::Bus } else { Mode::Rail },
            sample,
        }
    }

    fn feed() -> FeedInfo {
        FeedInfo {
            publisher: "Velay companion".into(),
            version: "2026.2 (2024 TER times replayed)".into(),
            start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
            end: chrono::NaiveDate::from_ymd_opt(2027, 12, 31),
            timezone: "Europe/Paris".into(),
            has_sample: true,
        }
    }

    #[test]
    fn the_page_names_the_source_the_licence_the_version_and_what_is_a_sample_in_each_language() {
        let info = feed();
        let lines = [line("P28", false), line("Mézenc", true), line("C18", false)];
        for (lang, period, sample) in [
            (Lang::Fr, "1er janvier 2026 – 31 décembre 2027", "Horaires d'exemple"),
            (Lang::En, "1 January 2026 – 31 December 2027", "Sample times"),
        ] {
            let text: String = about_view(lang, Some((&info, &lines)), &[], &[])
                .into_iter()
                .flat_map(|p| std::iter::once(p.title).chain(p.lines))
                .collect::<Vec<_>>()
                .join("\n");
            assert!(text.contains("SNCF") && text.contains("ODbL"), "{text}");
            assert!(text.contains("2024 TER times replayed"), "{text}");
            assert!(text.contains(period), "{text}");
            assert!(text.contains("C18, P28."), "real lines, sorted: {text}");
            assert!(text.contains(sample) && text.contains("Mézenc."), "{text}");
        }
    }

    #[test]
    fn without_a_timetable_the_page_says_so_rather_than_naming_a_source() {
        let text: Vec<String> = about_view(Lang::En, None, &[], &[])
            .into_iter()
            .flat_map(|p| p.lines)
            .collect();
        assert!(text.iter().any(|l| l == t(Lang::En, Msg::NoTimetable)));
        assert!(!text.iter().any(|l| l.contains("ODbL")));
    }
}
