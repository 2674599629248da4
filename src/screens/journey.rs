//! A journey drawn as its legs: mode and line, from → to, times, and a "sample times" label on
//! every ride whose times are not an operator's.

use dioxus::prelude::*;
use velay_core::Lang;

use crate::i18n::{t, Msg};
use crate::planning::JourneyView;

#[component]
pub fn JourneyLegs(journey: JourneyView, lang: Lang) -> Element {
    if journey.legs.is_empty() {
        return rsx! { p { class: "already-there", {t(lang, Msg::AlreadyThere)} } };
    }
    rsx! {
        ol { class: "legs",
            for (i, leg) in journey.legs.into_iter().enumerate() {
                li { key: "{i}", class: if leg.walk { "leg walk" } else { "leg ride" },
                    span { class: "times", "{leg.departure} → {leg.arrival}" }
                    " "
                    span { class: "mode", {leg.mode} }
                    if !leg.line.is_empty() {
                        " "
                        strong { class: "line", {leg.line} }
                    }
                    div { class: "where", "{leg.from} → {leg.to}" }
                    if leg.sample {
                        span { class: "sample-times", {t(lang, Msg::SampleTimes)} }
                    }
                }
            }
        }
    }
}
