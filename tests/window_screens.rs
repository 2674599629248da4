//! Every screen of the app in the real window (under Xvfb), offline on a fixed day, in French
//! then in English: no line of one language's screen shows up on the other's, every control is
//! at least 44 px tall, and each screen is photographed (`docs/screen-<page>-<lang>.png` with
//! VELAY_UPDATE_DOCS=1).

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use support::wait_for;
use support::window::{launch_app_with, Display, Screen, NOWHERE};

/// Each screen by a short name and the page it opens on.
const PAGES: [(&str, &str); 13] = [
    ("home", "/"),
    ("routes", "/routes"),
    ("route", "/route/estables-mezenc"),
    ("follow", "/route/estables-mezenc/follow"),
    ("plan", "/plan/chaise-dieu-abbaye"),
    ("departures", "/departures/StopArea:OCE87734699"),
    ("greeters", "/greeters"),
    ("greeter", "/greeter/bernard"),
    ("requests", "/requests"),
    ("trips", "/trips"),
    ("sync", "/sync"),
    ("import", "/import"),
    ("about", "/about"),
];

/// The screen once its text has stopped changing (the follow page's figures aside).
fn settled(probe: &Path, page: &str) -> Screen {
    let mut last = String::new();
    let mut same = 0;
    wait_for(&format!("{page} to settle"), Duration::from_secs(60), || {
        let text = Screen::read(probe).text;
        same = if !text.is_empty() && text == last { same + 1 } else { 0 };
        last = text;
        std::thread::sleep(Duration::from_millis(300));
        same >= 2 || (page == "follow" && last.contains("km"))
    });
    Screen::read(probe)
}

/// Whether `text` holds `words` with no letter right before or after them ("Sync" is not in
/// "Synchro").
fn holds(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + words.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

/// The lines of a screen that say something in words: not a time, a figure or a name alone.
fn wordy_lines(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 3))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_screen_speaks_one_language_and_every_control_can_be_tapped() {
    let display = Display::start();
    let mut problems = Vec::new();
    for (name, page) in PAGES {
        let tmp = tempfile::tempdir().unwrap();
        let env = [("VELAY_LANG", Some("fr")), ("VELAY_NOW", Some("2026-12-01T09:00"))];
        let (_app, probe) = launch_app_with(&display, tmp.path(), NOWHERE, Some(page), &env);
        wait_for(&format!("{name} in French"), Duration::from_secs(60), || {
            let screen = Screen::read(&probe);
            screen.at.contains_key("lang") && screen.text.contains("Accueil")
        });
        let french = settled(&probe, name);
        display.screenshot(&format!("screen-{name}-fr.png"));
        display.click_still(&probe, "lang");
        wait_for(&format!("{name} in English"), Duration::from_secs(20), || {
            let text = Screen::read(&probe).text;
            text.contains("Home") && !text.contains("Accueil")
        });
        let english = settled(&probe, name);
        display.screenshot(&format!("screen-{name}-en.png"));

        let (fr, en) = (wordy_lines(&french.text), wordy_lines(&english.text));
        for line in en.difference(&fr) {
            if holds(&french.text, line) {
                problems.push(format!("{name}: English {line:?} on the French screen"));
            }
        }
        for line in fr.difference(&en) {
            if holds(&english.text, line) {
                problems.push(format!("{name}: French {line:?} on the English screen"));
            }
        }
        for (lang, screen) in [("fr", &french), ("en", &english)] {
            for control in &screen.small {
                problems.push(format!("{name} ({lang}): {control}, under 44 px"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
