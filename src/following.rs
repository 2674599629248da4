//! The walk being followed. It belongs to the app, not to the follow page: a walker who leaves
//! the page to check a bus or a greeter comes back to the same progress, and the position
//! source keeps running meanwhile. On desktop the position comes from a replay of the route's
//! own track, at a speed the person picks.

use std::time::Duration;

use dioxus::core::{spawn_forever, Task};
use dioxus::prelude::*;
use velay_core::clock::Clock;
use velay_core::follow::{FollowEvent, Follower, GpxReplay, PositionSource, Progress};
use velay_core::route::GpxPoint;
use velay_core::Route;

/// A demonstration wants to move: one minute of walking a second.
pub const DEFAULT_SPEED: f64 = 60.0;

/// The walk in progress, if any, and what it has measured so far.
#[derive(Clone, Copy, PartialEq)]
pub struct Following {
    /// The id of the route followed.
    pub route: Signal<Option<String>>,
    pub speed: Signal<f64>,
    pub paused: Signal<bool>,
    pub progress: Signal<Option<Progress>>,
    pub position: Signal<Option<(f64, f64)>>,
    /// The last off-route or back-on-route event.
    pub event: Signal<Option<FollowEvent>>,
    task: Signal<Option<Task>>,
}

impl Following {
    /// Made once, in the app's root scope, so that its signals outlive every page.
    pub fn new() -> Following {
        Following {
            route: Signal::new(None),
            speed: Signal::new(DEFAULT_SPEED),
            paused: Signal::new(false),
            progress: Signal::new(None),
            position: Signal::new(None),
            event: Signal::new(None),
            task: Signal::new(None),
        }
    }

    /// Whether `route` is the one being followed.
    pub fn follows(&self, route: &str) -> bool {
        self.route.peek().as_deref() == Some(route)
    }

    /// Starts following `route` from its beginning, ending any walk in progress.
    pub fn start(&mut self, route: Route, clock: Clock) {
        self.stop();
        self.route.set(Some(route.id.clone()));
        self.paused.set(false);
        let mut me = *self;
        // In the root scope: leaving the follow page does not end the walk.
        let task = spawn_forever(async move { me.replay(route, clock).await });
        self.task.set(Some(task));
    }

    /// Ends the walk in progress, if any, and forgets it.
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.cancel();
        }
        self.route.set(None);
        self.progress.set(None);
        self.position.set(None);
        self.event.set(None);
    }

    async fn replay(&mut self, route: Route, clock: Clock) {
        let points: Vec<GpxPoint> = route
            .track
            .iter()
            .map(|p| GpxPoint::new(p.lat(), p.lon(), p.ele()))
            .collect();
        let mut source = GpxReplay::new(&points, *self.speed.peek(), clock.now().timestamp_millis());
        let mut follower = Follower::new(&route);
        loop {
            source.set_speed(*self.speed.peek());
            let Some(timed) = source.next_fix() else { break };
            tokio::time::sleep(timed.wait).await;
            while *self.paused.peek() {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            let (p, e) = follower.update(&timed.fix);
            self.position.set(Some((timed.fix.lat, timed.fix.lon)));
            self.progress.set(Some(p));
            if e.is_some() {
                self.event.set(e);
            }
        }
    }
}
