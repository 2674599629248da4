//! The greeters' directory: every greeter with their languages, themes and site, narrowed by
//! filters (language, theme, site, a date with a slot); a greeter opens their profile. A slot
//! whose start has passed is never offered, here or on a profile.

use chrono::{NaiveDate, NaiveDateTime};
use dioxus::prelude::*;
use velay_core::greeter::{Greeter, GreeterTheme, Slot};
use velay_core::{Lang, Site};

use crate::i18n::{day_month, language_name, t, Msg};
use crate::nav::Page;
use crate::state::use_app;

/// What the traveller narrowed the directory to; `None` lets everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GreeterFilters {
    pub language: Option<String>,
    pub theme: Option<GreeterTheme>,
    pub site: Option<String>,
    /// Only greeters offering a slot that day.
    pub date: Option<NaiveDate>,
}

impl GreeterFilters {
    pub fn matches(&self, g: &Greeter, slots: &[Slot]) -> bool {
        self.language.as_ref().is_none_or(|l| g.languages.contains(l))
            && self.theme.is_none_or(|th| g.themes.contains(&th))
            && self.site.as_ref().is_none_or(|s| *s == g.site)
            && self
                .date
                .is_none_or(|d| slots.iter().any(|s| s.greeter == g.id && s.date == d))
    }
}

/// The slots a traveller can still ask for at `now` (wall-clock time in the Velay): those that
/// have not started, in the order given.
pub fn upcoming(slots: Vec<Slot>, now: NaiveDateTime) -> Vec<Slot> {
    slots.into_iter().filter(|s| !s.has_started(now)).collect()
}

#[component]
pub fn GreetersScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut filters = use_signal(GreeterFilters::default);
    let (greeters, slots, sites) = (state.greeters()?, state.slots()?, state.sites()?);
    let slots = upcoming(slots, state.now());
    let current = filters();
    let mut languages: Vec<String> = greeters.iter().flat_map(|g| g.languages.clone()).collect();
    languages.sort();
    languages.dedup();
    let mut dates: Vec<NaiveDate> = slots.iter().map(|s| s.date).collect();
    dates.dedup();
    let shown: Vec<Greeter> = greeters.into_iter().filter(|g| current.matches(g, &slots)).collect();
    rsx! {
        section { class: "greeters",
            h2 { {t(lang, Msg::GreetersTitle)} }
            p { class: "intro", {t(lang, Msg::GreetersIntro)} }
            p { Link { class: "big-link", to: Page::MyRequestsScreen {}, "data-testid": "my-requests", {t(lang, Msg::MyRequests)} } }
            div { class: "filters",
                label { {t(lang, Msg::FilterLanguage)}
                    select { "data-testid": "filter-language",
                        onchange: move |e| filters.write().language = Some(e.value()).filter(|v| !v.is_empty()),
                        option { value: "", {t(lang, Msg::Any)} }
                        for l in languages { option { value: "{l}", {language_name(lang, &l)} } }
                    }
                }
                label { {t(lang, Msg::FilterTheme)}
                    select { "data-testid": "filter-theme",
                        onchange: move |e| filters.write().theme = GreeterTheme::ALL.into_iter().find(|th| th.as_str() == e.value()),
                        option { value: "", {t(lang, Msg::Any)} }
                        for th in GreeterTheme::ALL { option { value: "{th.as_str()}", {t(lang, Msg::GreeterTheme(th))} } }
                    }
                }
                label { {t(lang, Msg::FilterSite)}
                    select { "data-testid": "filter-site",
                        onchange: move |e| filters.write().site = Some(e.value()).filter(|v| !v.is_empty()),
                        option { value: "", {t(lang, Msg::Any)} }
                        for s in sites.iter() { option { value: "{s.id}", {s.name.get(lang).to_string()} } }
                    }
                }
                label { {t(lang, Msg::FilterDate)}
                    select { "data-testid": "filter-date",
                        onchange: move |e| filters.write().date = NaiveDate::parse_from_str(&e.value(), "%Y-%m-%d").ok(),
                        option { value: "", {t(lang, Msg::Any)} }
                        for d in dates { option { value: "{d}", {day_month(lang, d)} } }
                    }
                }
            }
            GreeterList { greeters: shown, sites, lang }
        }
    }
}

/// The greeters as cards; pure, so that it renders in tests.
#[component]
pub fn GreeterList(greeters: Vec<Greeter>, sites: Vec<Site>, lang: Lang) -> Element {
    if greeters.is_empty() {
        return rsx! { p { class: "empty", {t(lang, Msg::NoGreeters)} } };
    }
    rsx! {
        ul { class: "greeter-list",
            for g in greeters {
                li { key: "{g.id}", "data-testid": "greeter-{g.id}", class: "card",
                    onclick: { let id = g.id.clone(); move |_| { navigator().push(Page::GreeterScreen { id: id.clone() }); } },
                    div {
                        div { class: "illustration", dangerous_inner_html: "{g.illustration}" }
                        strong { "{g.name}" }
                        if g.fictional { span { class: "badge", {t(lang, Msg::Fictional)} } }
                        p { class: "meta",
                            {sites.iter().find(|s| s.id == g.site).map(|s| s.name.get(lang).to_string()).unwrap_or_default()}
                            " · "
                            {g.languages.iter().map(|l| language_name(lang, l)).collect::<Vec<_>>().join(", ")}
                            " · "
                            {g.themes.iter().map(|th| t(lang, Msg::GreeterTheme(*th))).collect::<Vec<_>>().join(", ")}
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use velay_core::Content;

    /// The bundled greeters, the slots their rules offer from Tuesday 1 December 2026 (the
    /// window tests' day), and the sites.
    pub(crate) fn bundled() -> (Vec<Greeter>, Vec<Slot>, Vec<Site>) {
        let contents: Vec<Content> = crate::snapshot::changes()
            .expect("the bundled content reads")
            .into_iter()
            .filter_map(|c| c.content)
            .collect();
        let mut g = vec![];
        let (mut rules, mut one_offs) = (vec![], vec![]);
        let mut si = vec![];
        for c in contents {
            match c {
                Content::Greeter(x) => g.push(*x),
                Content::Availability(x) => rules.push(x),
                Content::Slot(x) => one_offs.push(x),
                Content::Site(x) => si.push(x),
                _ => {}
            }
        }
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        (g, velay_core::greeter::offered(&rules, &one_offs, today), si)
    }

    #[test]
    fn the_directory_shows_every_bundled_greeter_marked_fictional_in_both_languages() {
        let (greeters, _, sites) = bundled();
        assert!(greeters.len() >= 8);
        for lang in Lang::ALL {
            let html = dioxus_ssr::render_element(rsx! {
                GreeterList { greeters: greeters.clone(), sites: sites.clone(), lang }
            });
            for g in &greeters {
                assert!(html.contains(&g.name), "{}", g.name);
            }
            assert_eq!(html.matches(t(lang, Msg::Fictional)).count(), greeters.len());
        }
    }

    #[test]
    fn filters_narrow_the_directory_by_language_theme_site_and_date() {
        let (greeters, slots, _) = bundled();
        let count = |f: &GreeterFilters| greeters.iter().filter(|g| f.matches(g, &slots)).count();
        assert_eq!(count(&GreeterFilters::default()), greeters.len());
        let german = GreeterFilters {
            language: Some("de".into()),
            ..Default::default()
        };
        assert_eq!(count(&german), 1);
        let crafts = GreeterFilters {
            theme: Some(GreeterTheme::Crafts),
            ..Default::default()
        };
        assert!(count(&crafts) >= 2 && count(&crafts) < greeters.len());
        let chaise = GreeterFilters {
            site: Some("la-chaise-dieu".into()),
            ..Default::default()
        };
        assert_eq!(count(&chaise), 2);
        let day = GreeterFilters {
            date: Some(slots[0].date),
            ..Default::default()
        };
        assert!(count(&day) >= 1 && count(&day) < greeters.len());
        let none = GreeterFilters {
            date: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..Default::default()
        };
        assert_eq!(count(&none), 0);
    }

    #[test]
    fn a_slot_whose_start_has_passed_is_not_offered_and_its_day_no_longer_filters_in_its_greeter() {
        let (greeters, slots, _) = bundled();
        let first = slots.iter().min_by_key(|s| s.starts_at()).unwrap().clone();
        let now = first.starts_at();
        let left = upcoming(slots.clone(), now);
        assert!(left.iter().all(|s| s.starts_at() > now));
        assert!(!left.iter().any(|s| s.id == first.id));
        assert_eq!(
            upcoming(slots.clone(), now - chrono::Duration::minutes(1)).len(),
            slots.len()
        );
        let that_day = GreeterFilters {
            date: Some(first.date),
            ..Default::default()
        };
        let owner = greeters.iter().find(|g| g.id == first.greeter).unwrap();
        assert!(that_day.matches(owner, &slots));
        let later_that_day = left.iter().any(|s| s.greeter == owner.id && s.date == first.date);
        assert_eq!(that_day.matches(owner, &left), later_that_day);
    }
}
