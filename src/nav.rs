//! The app's pages and the frame around them: the header on top, the page, the tab bar below.

use dioxus::prelude::*;

use crate::i18n::{t, Msg};
use crate::screens::{Header, RoutesScreen, StoreNotice, SyncScreen};
use crate::state::use_app;

/// Every page of the app, by its path.
#[derive(Routable, Clone, PartialEq, Debug)]
#[rustfmt::skip]
pub enum Page {
    #[layout(Frame)]
        #[route("/")]
        RoutesScreen {},
        #[route("/sync")]
        SyncScreen {},
    #[end_layout]
    #[route("/:..segments")]
    NotFound { segments: Vec<String> },
}

#[component]
fn Frame() -> Element {
    let lang = (use_app().lang)();
    rsx! {
        Header {}
        main {
            StoreNotice {}
            Outlet::<Page> {}
        }
        nav { class: "tabs",
            Link { to: Page::RoutesScreen {}, active_class: "active", "data-testid": "tab-routes", {t(lang, Msg::RoutesTitle)} }
            Link { to: Page::SyncScreen {}, active_class: "active", "data-testid": "tab-sync", {t(lang, Msg::SyncTab)} }
        }
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
