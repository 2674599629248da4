//! The root component: shares the state, starts the sync loop, lays out the screen.

use dioxus::prelude::*;

use crate::nav::Page;
use crate::state::{AppState, Boot};

#[component]
pub fn App() -> Element {
    let boot = use_context::<Boot>();
    let state = use_context_provider(|| AppState::new(&boot));
    crate::tiles::use_tile_handler(state.clone());
    // Decoded now, so the first planning screen opens at once; a bad record is shown there.
    use_hook(|| state.preload_timetable());
    let interval = boot.config.sync_interval;
    use_future(move || crate::sync_loop::run(state.clone(), interval));
    use_future(|| async {
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        crate::screens::route_map::load_map_script().await;
    });
    let probe = boot.config.probe.clone();
    use_future(move || {
        let probe = probe.clone();
        async move {
            if let Some(path) = probe {
                crate::probe::run(path).await;
            }
        }
    });
    rsx! {
        Router::<Page> {}
    }
}
