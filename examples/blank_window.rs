//! The floor under the app's startup: a Dioxus desktop window, configured as the app's is, that
//! shows one word and nothing else. `scripts/bench/startup.py` measures it beside the app, so
//! that what the app itself adds to WebKit's own start is known.
//!
//!     cargo build --release -p velay --example blank_window
//!     python3 scripts/bench/startup.py 5 target/release/examples/blank_window Accueil

use std::time::Duration;

use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
use dioxus::prelude::*;

fn main() {
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // As the app does (src/main.rs), before any thread starts.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        std::env::set_var("GDK_GL", "disable");
    }
    let data = std::env::var_os("VELAY_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    dioxus::LaunchBuilder::desktop()
        .with_cfg(
            Config::new()
                .with_window(
                    WindowBuilder::new()
                        .with_title("Velay")
                        .with_inner_size(LogicalSize::new(400.0, 800.0)),
                )
                .with_menu(None)
                .with_data_directory(data.join("webview")),
        )
        .launch(Blank);
}

#[component]
fn Blank() -> Element {
    use_future(|| async {
        let Some(path) = std::env::var_os("VELAY_PROBE") else {
            return;
        };
        loop {
            if let Ok(text) = document::eval("return document.body.innerText").join::<String>().await {
                let json = format!("{{\"text\":{text:?}}}");
                let tmp = std::path::Path::new(&path).with_extension("tmp");
                if std::fs::write(&tmp, json).is_ok() {
                    let _ = std::fs::rename(&tmp, &path);
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
    rsx! { h1 { "Accueil" } }
}
