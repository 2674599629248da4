//! The walk being followed. It belongs to the app, not to the follow page: a walker who leaves
//! the page to check a bus or a greeter comes back to the same progress, and the position
//! source keeps running meanwhile.
//!
//! Where positions come from is chosen at launch with `VELAY_POSITION` ([`PositionChoice`]):
//! a real receiver through gpsd, a simulated walker that can be told to step off the path (for
//! demonstrations), or by default a replay of the route's own track at a speed the person picks.

use std::time::Duration;

use dioxus::core::{spawn_forever, Task};
use dioxus::prelude::*;
use velay_core::clock::Clock;
use velay_core::follow::{
    Fix, FollowEvent, Follower, GpsdSource, GpxReplay, PositionSource, Progress, SimulatedWalk, DEFAULT_PACE_M_S,
    GPSD_DEFAULT_ADDR,
};
use velay_core::route::GpxPoint;
use velay_core::Route;

/// A demonstration wants to move: one minute of walking a second.
pub const DEFAULT_SPEED: f64 = 60.0;

/// How often the simulated walker's receiver gives a fix, in walking time.
const SIMULATED_INTERVAL: Duration = Duration::from_secs(5);
/// The simulated receiver's noise, metres (standard deviation): a phone under open sky.
const SIMULATED_NOISE_M: f64 = 3.0;
/// How long to wait before trying gpsd again when it cannot be reached or hung up.
const GPSD_RETRY: Duration = Duration::from_secs(2);

/// Where the walker's positions come from, as `VELAY_POSITION` says.
#[derive(Clone, Debug, PartialEq)]
pub enum PositionChoice {
    /// Unset or `replay`: the route's own track replayed; it never leaves the route.
    Replay,
    /// `simulate`: a walker along the route whom the follow page can send off the path.
    Simulate,
    /// `gpsd` or `gpsd:HOST:PORT`: a real receiver, through the gpsd daemon at that address.
    Gpsd { addr: String },
}

impl PositionChoice {
    /// Reads `VELAY_POSITION`'s value; one that means nothing is said on stderr and the
    /// replay is used.
    pub fn parse(value: Option<&str>) -> PositionChoice {
        match value.map(str::trim) {
            None | Some("") | Some("replay") => PositionChoice::Replay,
            Some("simulate") => PositionChoice::Simulate,
            Some("gpsd") => PositionChoice::Gpsd {
                addr: GPSD_DEFAULT_ADDR.to_string(),
            },
            Some(v) if v.starts_with("gpsd:") && v.len() > "gpsd:".len() => PositionChoice::Gpsd {
                addr: v["gpsd:".len()..].to_string(),
            },
            Some(other) => {
                tracing::warn!("VELAY_POSITION={other:?} is not replay, simulate, gpsd or gpsd:HOST:PORT; replaying");
                PositionChoice::Replay
            }
        }
    }
}

/// The walk in progress, if any, and what it has measured so far.
#[derive(Clone, Copy, PartialEq)]
pub struct Following {
    /// The id of the route followed.
    pub route: Signal<Option<String>>,
    /// Where positions come from, for the whole run of the app.
    pub source: Signal<PositionChoice>,
    /// Replay and simulation: how many times faster than walking.
    pub speed: Signal<f64>,
    pub paused: Signal<bool>,
    /// Simulation: how far to the right of the path the walker goes, metres (0: on it).
    pub deviation_m: Signal<f64>,
    pub progress: Signal<Option<Progress>>,
    pub position: Signal<Option<(f64, f64)>>,
    /// How sure the last fix is, metres.
    pub accuracy_m: Signal<Option<f64>>,
    /// The way the walker heads, degrees from north, once they have moved.
    pub heading: Signal<Option<f64>>,
    /// The last off-route or back-on-route event.
    pub event: Signal<Option<FollowEvent>>,
    /// How many times the walker has left the route in this run: the frame rings and notifies
    /// once for each.
    pub alerts: Signal<u64>,
    /// Why no position comes (gpsd cannot be reached), while that lasts.
    pub source_error: Signal<Option<String>>,
    task: Signal<Option<Task>>,
}

impl Following {
    /// Made once, in the app's root scope, so that its signals outlive every page.
    pub fn new(source: PositionChoice) -> Following {
        Following {
            route: Signal::new(None),
            source: Signal::new(source),
            speed: Signal::new(DEFAULT_SPEED),
            paused: Signal::new(false),
            deviation_m: Signal::new(0.0),
            progress: Signal::new(None),
            position: Signal::new(None),
            accuracy_m: Signal::new(None),
            heading: Signal::new(None),
            event: Signal::new(None),
            alerts: Signal::new(0),
            source_error: Signal::new(None),
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
        self.deviation_m.set(0.0);
        let mut me = *self;
        let source = self.source.peek().clone();
        // In the root scope: leaving the follow page does not end the walk.
        let task = spawn_forever(async move {
            match source {
                PositionChoice::Replay => me.replay(route, clock).await,
                PositionChoice::Simulate => me.simulate(route, clock).await,
                PositionChoice::Gpsd { addr } => me.receive(route, clock, &addr).await,
            }
        });
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
        self.accuracy_m.set(None);
        self.heading.set(None);
        self.event.set(None);
        self.source_error.set(None);
    }

    /// Takes one fix: the walker's place, progress and any event.
    fn take(&mut self, follower: &mut Follower, fix: &Fix) {
        let (p, e) = follower.update(fix);
        if let Some((lat, lon)) = *self.position.peek() {
            // A heading from two fixes a few metres apart; closer, it is noise.
            let [east, north] = velay_core::route::LocalPlane::new(lat, lon).to_xy(fix.lat, fix.lon);
            if east.hypot(north) >= 3.0 {
                self.heading.set(Some(east.atan2(north).to_degrees().rem_euclid(360.0)));
            }
        }
        self.position.set(Some((fix.lat, fix.lon)));
        self.accuracy_m.set(Some(fix.accuracy_m));
        self.progress.set(Some(p));
        if e.is_some() {
            self.event.set(e);
        }
        if matches!(e, Some(FollowEvent::OffRoute { .. })) {
            *self.alerts.write() += 1;
        }
    }

    /// Plays a timed source, honouring pause and the chosen speed.
    async fn play(&mut self, route: &Route, source: &mut dyn TimedSource) {
        let mut follower = Follower::new(route);
        loop {
            source.configure(*self.speed.peek(), *self.deviation_m.peek());
            let Some(timed) = source.next_fix() else { break };
            tokio::time::sleep(timed.wait).await;
            while *self.paused.peek() {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            self.take(&mut follower, &timed.fix);
        }
    }

    async fn replay(&mut self, route: Route, clock: Clock) {
        let points: Vec<GpxPoint> = route
            .track
            .iter()
            .map(|p| GpxPoint::new(p.lat(), p.lon(), p.ele()))
            .collect();
        let mut source = GpxReplay::new(&points, *self.speed.peek(), clock.now().timestamp_millis());
        self.play(&route, &mut source).await;
    }

    async fn simulate(&mut self, route: Route, clock: Clock) {
        let start = clock.now().timestamp_millis();
        let mut source = SimulatedWalk::new(
            &route.track,
            DEFAULT_PACE_M_S,
            SIMULATED_INTERVAL,
            SIMULATED_NOISE_M,
            start as u64,
        )
        .starting_at(start);
        self.play(&route, &mut source).await;
    }

    /// Follows a real receiver through gpsd, reconnecting whenever it cannot be reached or
    /// hangs up (a daemon restarted, a receiver unplugged and plugged back).
    async fn receive(&mut self, route: Route, clock: Clock, addr: &str) {
        let mut follower = Follower::new(&route);
        let now = || clock.now().timestamp_millis();
        loop {
            match GpsdSource::connect(addr).await {
                Ok(mut gpsd) => loop {
                    match gpsd.next_fix(now).await {
                        Ok(Some(fix)) => {
                            if self.source_error.peek().is_some() {
                                self.source_error.set(None);
                            }
                            self.take(&mut follower, &fix);
                        }
                        Ok(None) => break,
                        Err(e) => {
                            tracing::warn!("gpsd: {e}");
                            break;
                        }
                    }
                },
                Err(e) => {
                    let e = e.to_string();
                    if self.source_error.peek().as_deref() != Some(e.as_str()) {
                        tracing::warn!("gpsd: {e}");
                        self.source_error.set(Some(e));
                    }
                }
            }
            tokio::time::sleep(GPSD_RETRY).await;
        }
    }
}

/// A source that decides when its fixes are due, and what the follow page's controls change.
trait TimedSource: PositionSource {
    fn configure(&mut self, speed: f64, deviation_m: f64);
}

impl TimedSource for GpxReplay {
    fn configure(&mut self, speed: f64, _: f64) {
        self.set_speed(speed);
    }
}

impl TimedSource for SimulatedWalk {
    fn configure(&mut self, speed: f64, deviation_m: f64) {
        self.set_speed(speed);
        self.set_deviation_m(deviation_m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_source_is_chosen_by_velay_position_and_defaults_to_the_replay() {
        assert_eq!(PositionChoice::parse(None), PositionChoice::Replay);
        assert_eq!(PositionChoice::parse(Some("simulate")), PositionChoice::Simulate);
        assert_eq!(
            PositionChoice::parse(Some("gpsd")),
            PositionChoice::Gpsd {
                addr: "127.0.0.1:2947".into()
            }
        );
        assert_eq!(
            PositionChoice::parse(Some("gpsd:10.0.0.2:2948")),
            PositionChoice::Gpsd {
                addr: "10.0.0.2:2948".into()
            }
        );
        assert_eq!(PositionChoice::parse(Some("galileo")), PositionChoice::Replay);
    }
}
