//! Writes the text the window shows to a file, twice a second, when `VELAY_PROBE` names one.
//! The window tests read it: a webview offers no other way in from outside.

use std::path::PathBuf;
use std::time::Duration;

use dioxus::prelude::*;

pub async fn run(path: PathBuf) {
    let tmp = path.with_extension("tmp");
    loop {
        if let Ok(text) = document::eval("return document.body.innerText;").join::<String>().await {
            // Written aside then renamed, so a reader never sees half a page.
            if std::fs::write(&tmp, text).is_ok() {
                let _ = std::fs::rename(&tmp, &path);
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
