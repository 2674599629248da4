//! Writes what the window shows to a file when `VELAY_PROBE` names one (every 10 ms until the
//! first screen, then twice a second): the page's text, the centre of every element marked
//! `data-testid`, and the value of those that are form fields, so that a test can read the
//! screen and click on it with xdotool; and what proves the page is styled and where it is
//! scrolled: the stylesheet rules loaded, the tab bar's computed position and box, the scroll
//! offset, and the controls drawn too small to tap. A webview offers no other way in from
//! outside.

use std::path::PathBuf;
use std::time::Duration;

use dioxus::prelude::*;

const SCRIPT: &str = r#"
const at = {}, values = {};
document.querySelectorAll('[data-testid]').forEach(e => {
  const b = e.getBoundingClientRect();
  at[e.dataset.testid] = [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)];
  if (typeof e.value === 'string') values[e.dataset.testid] = e.value;
});
// Controls a finger cannot hit: anything clickable drawn less than 44 px tall.
const small = [];
document.querySelectorAll('button, a, input, select, textarea, [role=link]').forEach(e => {
  const b = e.getBoundingClientRect();
  if (b.width > 0 && b.height > 0 && b.height < 43.5) {
    small.push((e.dataset.testid || e.innerText || e.value || e.tagName).slice(0, 40) + ' ' + Math.round(b.height) + 'px');
  }
});
let css_rules = 0;
for (const sheet of document.styleSheets) { try { css_rules += sheet.cssRules.length; } catch (e) {} }
const bar = document.querySelector('nav.tabs');
const box = bar && bar.getBoundingClientRect();
const tab_bar = bar && { position: getComputedStyle(bar).position, top: Math.round(box.top), height: Math.round(box.height) };
return JSON.stringify({ text: document.body.innerText, at, values, css_rules, tab_bar, small, scroll_y: Math.round(window.scrollY) });
"#;

/// How often the page is read once it shows something, and before: often enough that the
/// moment the first screen appears is known to a few milliseconds (startup is measured by it).
const EVERY: Duration = Duration::from_millis(500);
const UNTIL_FIRST_SCREEN: Duration = Duration::from_millis(10);

pub async fn run(path: PathBuf) {
    let tmp = path.with_extension("tmp");
    let mut shown = false;
    loop {
        if let Ok(json) = document::eval(SCRIPT).join::<String>().await {
            shown = shown || !json.contains(r#""text":"""#);
            // Written aside then renamed, so a reader never sees half a page.
            if std::fs::write(&tmp, json).is_ok() {
                let _ = std::fs::rename(&tmp, &path);
            }
        }
        tokio::time::sleep(if shown { EVERY } else { UNTIL_FIRST_SCREEN }).await;
    }
}
