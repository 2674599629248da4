//! Where fixes come from. On a phone, its GPS (later, in the app's platform glue); on desktop
//! and in tests, a replay of a GPX file or a simulated walker, so following can be shown and
//! tested anywhere.

use std::time::Duration;

use super::Fix;
use crate::route::{Along, GpxPoint, TrackPoint};

/// A fix, and how long to wait in real time before it is due.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timed {
    pub wait: Duration,
    pub fix: Fix,
}

/// Something that gives position fixes, one after the other.
pub trait PositionSource {
    /// The next fix, or `None` when the source has no more (the replay or walk is over).
    fn next_fix(&mut self) -> Option<Timed>;
}

/// Walking pace assumed for points with no time: 4 km/h, the DIN 33466 flat pace.
pub const DEFAULT_PACE_M_S: f64 = 4000.0 / 3600.0;
/// The accuracy a replayed point claims: a phone's GPS under open sky.
const REPLAY_ACCURACY_M: f64 = 5.0;

/// Replays the points of a GPX track as fixes, `speed` times faster than they were recorded.
/// Points without times (a drawn route) are spaced at [`DEFAULT_PACE_M_S`].
pub struct GpxReplay {
    points: Vec<(f64, f64, i64)>,
    next: usize,
    speed: f64,
}

impl GpxReplay {
    /// `start_ms` dates the first point when the file has no times.
    pub fn new(points: &[GpxPoint], speed: f64, start_ms: i64) -> GpxReplay {
        let timed = points.len() > 1 && points.iter().all(|p| p.time_ms.is_some());
        let points = if timed {
            points
                .iter()
                .map(|p| (p.lat, p.lon, p.time_ms.unwrap_or(start_ms)))
                .collect()
        } else {
            let track: Vec<TrackPoint> = points.iter().map(GpxPoint::to_track_point).collect();
            let along = Along::new(&track);
            points
                .iter()
                .zip(along.cumulative())
                .map(|(p, d)| (p.lat, p.lon, start_ms + (d / DEFAULT_PACE_M_S * 1000.0) as i64))
                .collect()
        };
        GpxReplay {
            points,
            next: 0,
            speed: speed.max(f64::MIN_POSITIVE),
        }
    }

    /// Changes how much faster than real time the rest plays.
    pub fn set_speed(&mut self, speed: f64) {
        self.speed = speed.max(f64::MIN_POSITIVE);
    }
}

impl PositionSource for GpxReplay {
    fn next_fix(&mut self) -> Option<Timed> {
        let &(lat, lon, time_ms) = self.points.get(self.next)?;
        let wait_ms = match self.next {
            0 => 0,
            i => (time_ms - self.points[i - 1].2).max(0),
        };
        self.next += 1;
        Some(Timed {
            wait: Duration::from_secs_f64(wait_ms as f64 / 1000.0 / self.speed),
            fix: Fix {
                lat,
                lon,
                accuracy_m: REPLAY_ACCURACY_M,
                time_ms,
            },
        })
    }
}

/// A walker simulated along a track: a fix every `interval`, at a steady pace, each off by
/// receiver-like noise (normally distributed, `noise_m` metres standard deviation in each
/// direction), repeatable from its seed.
pub struct SimulatedWalk {
    along: Along,
    pace_m_s: f64,
    interval_s: f64,
    noise_m: f64,
    rng: SplitMix64,
    done_m: f64,
    time_ms: i64,
    finished: bool,
    emitted: bool,
    speed: f64,
    deviation_m: f64,
}

impl SimulatedWalk {
    pub fn new(track: &[TrackPoint], pace_m_s: f64, interval: Duration, noise_m: f64, seed: u64) -> SimulatedWalk {
        SimulatedWalk {
            along: Along::new(track),
            pace_m_s: pace_m_s.max(0.01),
            interval_s: interval.as_secs_f64().max(0.001),
            noise_m,
            rng: SplitMix64(seed),
            done_m: 0.0,
            time_ms: 0,
            finished: track.len() < 2,
            emitted: false,
            speed: 1.0,
            deviation_m: 0.0,
        }
    }

    /// Dates the first fix (milliseconds since 1970 UTC).
    pub fn starting_at(mut self, time_ms: i64) -> SimulatedWalk {
        self.time_ms = time_ms;
        self
    }

    /// Plays `speed` times faster than real time.
    pub fn set_speed(&mut self, speed: f64) {
        self.speed = speed.max(f64::MIN_POSITIVE);
    }

    /// From the next fix on, walks `metres` to the right of the track (to the left when
    /// negative), keeping pace along it as if on a parallel path; 0 brings the walker back.
    /// How a demonstration shows the off-route alert.
    pub fn set_deviation_m(&mut self, metres: f64) {
        self.deviation_m = if metres.is_finite() { metres } else { 0.0 };
    }

    /// Where the walker is at `done_m`, before noise: on the track, or off it to the side.
    fn place(&self, done_m: f64) -> Option<[f64; 2]> {
        let plane = self.along.plane();
        let here = self.along.point_at(done_m)?;
        let [x, y] = plane.to_xy(here.0, here.1);
        if self.deviation_m == 0.0 {
            return Some([x, y]);
        }
        // The track's heading around here, from a few metres either side.
        let before = self.along.point_at((done_m - 5.0).max(0.0))?;
        let after = self.along.point_at(done_m + 5.0)?;
        let ([xa, ya], [xb, yb]) = (plane.to_xy(before.0, before.1), plane.to_xy(after.0, after.1));
        let (dx, dy) = (xb - xa, yb - ya);
        let len = dx.hypot(dy);
        if len == 0.0 {
            return Some([x + self.deviation_m, y]);
        }
        // Right of a heading (dx, dy) is (dy, -dx).
        Some([x + dy / len * self.deviation_m, y - dx / len * self.deviation_m])
    }
}

impl PositionSource for SimulatedWalk {
    fn next_fix(&mut self) -> Option<Timed> {
        if self.finished {
            return None;
        }
        let first = !self.emitted;
        self.emitted = true;
        if !first {
            self.done_m = (self.done_m + self.pace_m_s * self.interval_s).min(self.along.length_m());
            self.time_ms += (self.interval_s * 1000.0) as i64;
        }
        self.finished = self.done_m >= self.along.length_m();
        let [x, y] = self.place(self.done_m)?;
        let (dx, dy) = self.rng.normal_pair();
        let (lat, lon) = self
            .along
            .plane()
            .to_lat_lon([x + dx * self.noise_m, y + dy * self.noise_m]);
        Some(Timed {
            wait: match first {
                true => Duration::ZERO,
                false => Duration::from_secs_f64(self.interval_s / self.speed),
            },
            fix: Fix {
                lat,
                lon,
                accuracy_m: (2.0 * self.noise_m).max(3.0),
                time_ms: self.time_ms,
            },
        })
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood, 2014): enough for simulated noise,
/// and no dependency for it.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Two independent standard normal numbers (Box–Muller).
    fn normal_pair(&mut self) -> (f64, f64) {
        let u1 = self.next_f64().max(f64::MIN_POSITIVE);
        let u2 = self.next_f64();
        let r = (-2.0 * u1.ln()).sqrt();
        let a = std::f64::consts::TAU * u2;
        (r * a.cos(), r * a.sin())
    }
}
