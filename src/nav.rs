//! The app's pages and the frame around them: the header on top, the page, the tab bar below.

use dioxus::prelude::*;

use crate::i18n::{t, Msg};
use crate::screens::{
    AboutScreen, DeparturesScreen, FollowScreen, GreeterScreen, GreetersScreen, Header, HomeScreen, ImportScreen,
    MyRequestsScreen, OffRouteBanner, PlanRouteScreen, PlanScreen, RouteDetailScreen, RoutesScreen, StoreNotice,
    SyncScreen, TripsScreen,
};
use crate::state::{use_app, AppError};
use velay_core::Lang;

/// Every page of the app, by its path.
#[derive(Routable, Clone, PartialEq, Debug)]
#[rustfmt::skip]
pub enum Page {
    #[layout(Frame)]
        #[route("/")]
        HomeScreen {},
        #[route("/routes")]
        RoutesScreen {},
        #[route("/route/:id")]
        RouteDetailScreen { id: String },
        #[route("/route/:id/follow")]
        FollowScreen { id: String },
        #[route("/plan")]
        PlanScreen {},
        #[route("/plan/:id")]
        PlanRouteScreen { id: String },
        #[route("/departures/:stop")]
        DeparturesScreen { stop: String },
        #[route("/import")]
        ImportScreen {},
        #[route("/sync")]
        SyncScreen {},
        #[route("/greeters")]
        GreetersScreen {},
        #[route("/greeter/:id")]
        GreeterScreen { id: String },
        #[route("/requests")]
        MyRequestsScreen {},
        #[route("/trips")]
        TripsScreen {},
        #[route("/about")]
        AboutScreen {},
    #[end_layout]
    #[route("/:..segments")]
    NotFound { segments: Vec<String> },
}

#[component]
fn Frame() -> Element {
    let lang = (use_app().lang)();
    use_hook(open_start_page);
    // Each page opens at its top, not at the scroll offset the previous page was left at.
    let page = use_route::<Page>();
    use_effect(use_reactive!(|page| {
        let _ = &page;
        document::eval("window.scrollTo(0, 0)");
    }));
    rsx! {
        // The header and, while the walk in progress is off the route, its alert: on top of
        // every page, and staying there as the page scrolls.
        div { class: "top",
            Header {}
            OffRouteBanner {}
        }
        main {
            StoreNotice {}
            // A page that cannot be shown says why here, in the person's language; the next
            // page opened starts afresh (the boundary is keyed by the page).
            ErrorBoundary {
                key: "{page}",
                handle_error: move |errors: ErrorContext| page_error(errors, lang),
                Outlet::<Page> {}
            }
        }
        nav { class: "tabs",
            Link { to: Page::HomeScreen {}, active_class: "active", "data-testid": "tab-home", {t(lang, Msg::HomeTab)} }
            Link { to: Page::RoutesScreen {}, active_class: "active", "data-testid": "tab-routes", {t(lang, Msg::RoutesTitle)} }
            Link { to: Page::PlanScreen {}, active_class: "active", "data-testid": "tab-plan", {t(lang, Msg::PlanTab)} }
            Link { to: Page::GreetersScreen {}, active_class: "active", "data-testid": "tab-greeters", {t(lang, Msg::GreetersTitle)} }
            Link { to: Page::SyncScreen {}, active_class: "active", "data-testid": "tab-sync", {t(lang, Msg::SyncTab)} }
        }
    }
}

/// What the frame shows instead of a page that returned an error: the error in the person's
/// language ([`AppError::text`]), and a button that tries the page again.
fn page_error(errors: ErrorContext, lang: Lang) -> Element {
    let text = errors.error().map(|e| error_text(&e, lang)).unwrap_or_default();
    rsx! {
        div { class: "page-error",
            p { class: "error", role: "alert", "data-testid": "page-error", "{text}" }
            button { onclick: move |_| errors.clear_errors(), {t(lang, Msg::TryAgain)} }
        }
    }
}

/// An error a page returned, said in `lang`: the app's own errors in the person's words, any
/// other as it describes itself.
fn error_text(e: &dioxus::CapturedError, lang: Lang) -> String {
    match e.0.downcast_ref::<AppError>() {
        Some(e) => e.text(lang),
        None => e.to_string(),
    }
}

/// `VELAY_START_PAGE=/route/puy-polignac` opens the app on that page: how the window tests and
/// screenshots reach a page without clicking.
fn open_start_page() {
    let Some(path) = std::env::var("VELAY_START_PAGE").ok().filter(|p| !p.is_empty()) else {
        return;
    };
    match path.parse::<Page>() {
        Ok(page) => {
            navigator().replace(page);
        }
        Err(e) => tracing::warn!("VELAY_START_PAGE {path:?}: {e}"),
    }
}

/// A path no page answers; only reachable through a stale link.
#[component]
fn NotFound(segments: Vec<String>) -> Element {
    let lang = (use_app().lang)();
    rsx! {
        Header {}
        main {
            p { {t(lang, Msg::PageNotFound)} }
            Link { to: Page::RoutesScreen {}, {t(lang, Msg::RoutesTitle)} }
        }
    }
}

/// "← Back": where the person came from, or the home page when the page was opened directly
/// (from a start page or a link), so that back always goes somewhere.
pub fn go_back() {
    let nav = navigator();
    if nav.can_go_back() {
        nav.go_back();
    } else {
        nav.push(Page::HomeScreen {});
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use velay_core::mutation::Refusal;

    #[allow(non_snake_case)]
    fn FailingPage() -> Element {
        Err(AppError::Refused(Refusal::NoSuchSlot))?;
        rsx! { p { "never shown" } }
    }

    #[allow(non_snake_case)]
    fn Framed(lang: Lang) -> Element {
        rsx! {
            ErrorBoundary {
                handle_error: move |errors: ErrorContext| page_error(errors, lang),
                FailingPage {}
            }
        }
    }

    fn render(lang: Lang) -> String {
        let mut dom = VirtualDom::new_with_props(Framed, lang);
        dom.rebuild_in_place();
        dom.render_immediate_to_vec();
        dioxus_ssr::render(&dom)
    }

    #[test]
    fn a_page_that_returns_an_error_is_replaced_by_the_error_in_the_persons_language() {
        let fr = render(Lang::Fr);
        assert!(
            fr.contains("Ce créneau n&#39;est plus proposé.") && fr.contains("Réessayer"),
            "{fr}"
        );
        assert!(!fr.contains("never shown") && !fr.contains("refused"), "{fr}");
        let en = render(Lang::En);
        assert!(
            en.contains("This slot is no longer offered.") && en.contains("Try again"),
            "{en}"
        );
    }
}
