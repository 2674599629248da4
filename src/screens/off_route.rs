//! The off-route alert, wherever the walker is in the app. A walker who strays while reading a
//! bus timetable must be told as surely as one looking at the map: the frame around every page
//! shows a banner on top while the walk in progress is off the route, saying how far and which
//! way the track is; and each time the walker leaves the route, the app rings and asks the
//! desktop for a notification, in case the window is hidden.

use std::process::{Command, Stdio};

use dioxus::prelude::*;
use velay_core::follow::{Compass, Progress};
use velay_core::Lang;

use crate::i18n::{t, track_is, Msg};
use crate::nav::Page;
use crate::state::use_app;

/// A short two-tone chime made in the page with WebAudio: no sound file to ship, and nothing to
/// install. A webview that refuses to play (no audio device) just stays silent.
const CHIME: &str = r#"
try {
  const ctx = new (window.AudioContext || window.webkitAudioContext)();
  [[880, 0], [660, 0.25]].forEach(([f, at]) => {
    const o = ctx.createOscillator(), g = ctx.createGain();
    o.frequency.value = f; o.connect(g); g.connect(ctx.destination);
    g.gain.setValueAtTime(0.3, ctx.currentTime + at);
    g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.22);
    o.start(ctx.currentTime + at); o.stop(ctx.currentTime + at + 0.24);
  });
  setTimeout(() => ctx.close(), 1000);
} catch (e) {}
return true;
"#;

/// The banner and the alerts, read from the walk in progress. Lives in the frame.
#[component]
pub fn OffRouteBanner() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let walk = state.following;
    // Alerts raised before this frame was drawn were already rung.
    let mut rung = use_signal(|| *walk.alerts.peek());
    use_effect(move || {
        let alerts = (walk.alerts)();
        if alerts <= *rung.peek() {
            return;
        }
        rung.set(alerts);
        let lang = *state.lang.peek();
        let Some(p) = *walk.progress.peek() else { return };
        document::eval(CHIME);
        notify(t(lang, Msg::OffRoute), &way_back(lang, &p));
    });
    let progress = (walk.progress)().filter(|p| p.off_route);
    let route = (walk.route)();
    match (progress, route) {
        (Some(progress), Some(route)) => rsx! { OffRouteAlert { progress, route, lang } },
        _ => rsx! {},
    }
}

/// "The track is 120 m to the north-east", from a progress off the route.
pub fn way_back(lang: Lang, p: &Progress) -> String {
    track_is(lang, p.offset_m, p.bearing_to_track_deg.map(Compass::from_bearing))
}

/// What the banner says, from plain data, so that it renders in tests. A tap opens the walk.
#[component]
pub fn OffRouteAlert(progress: Progress, route: String, lang: Lang) -> Element {
    let to_follow = move |_| {
        navigator().push(Page::FollowScreen { id: route.clone() });
    };
    rsx! {
        div { class: "off-route-alert", role: "alert", "data-testid": "off-route-banner", onclick: to_follow,
            strong { {t(lang, Msg::OffRoute)} }
            span { {way_back(lang, &progress)} }
        }
    }
}

/// Asks the desktop for a notification with `notify-send` (Debian package libnotify-bin), in a
/// thread of its own so the window never waits on it. Without it, or without a desktop session
/// to show it, nothing happens: the banner and the chime still tell the walker. The crate
/// notify-rust would speak D-Bus itself, at the cost of a D-Bus stack in the build.
fn notify(title: &str, body: &str) {
    let (title, body) = (title.to_string(), body.to_string());
    std::thread::spawn(move || {
        let _ = Command::new("notify-send")
            .args(["--app-name=Velay", "--urgency=critical", "--icon=dialog-warning"])
            .arg(&title)
            .arg(&body)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::routes::tests::bundled;
    use velay_core::follow::{Fix, Follower};
    use velay_core::Route;

    fn polignac() -> Route {
        bundled().0.into_iter().find(|r| r.id == "puy-polignac").unwrap()
    }

    /// The progress after walking `fixes`, a minute apart.
    fn walked(route: &Route, fixes: &[(f64, f64)]) -> Progress {
        let mut follower = Follower::new(route);
        let mut last = None;
        for (i, &(lat, lon)) in fixes.iter().enumerate() {
            last = Some(
                follower
                    .update(&Fix {
                        lat,
                        lon,
                        accuracy_m: 5.0,
                        time_ms: 1_700_000_000_000 + i as i64 * 60_000,
                    })
                    .0,
            );
        }
        last.unwrap()
    }

    #[test]
    fn a_walker_300_m_south_of_the_start_is_told_in_both_languages_that_the_track_is_to_the_north() {
        let route = polignac();
        let start = (route.track[0].lat(), route.track[0].lon());
        let away = (start.0 - 0.0027, start.1);
        let progress = walked(&route, &[start, away, away, away]);
        assert!(progress.off_route, "{progress:?}");
        let html = dioxus_ssr::render_element(rsx! {
            OffRouteAlert { progress, route: route.id.clone(), lang: Lang::Fr }
        });
        assert!(
            html.contains("off-route-banner") && html.contains("role=\"alert\""),
            "{html}"
        );
        assert!(html.contains("Vous vous êtes écarté de l&#39;itinéraire"), "{html}");
        assert!(html.contains("Le tracé est à 300 m au nord"), "{html}");
        let html = dioxus_ssr::render_element(rsx! {
            OffRouteAlert { progress, route: route.id.clone(), lang: Lang::En }
        });
        assert!(
            html.contains("You have left the route") && html.contains("The track is 300 m to the north"),
            "{html}"
        );
    }
}
