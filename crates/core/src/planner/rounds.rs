//! RAPTOR's labels per round, kept when journeys are to be rebuilt, and the journey rebuilt
//! from them by following the labels back from the target.

use super::raw::{walk, End, RawJourney, RawLeg};
use crate::timetable::network::Network;
use crate::timetable::StopIdx;

/// How a stop was reached by a ride: when, on which run of which pattern, boarded where.
#[derive(Clone, Copy)]
pub(crate) struct Ride {
    pub(crate) arr: i32,
    pub(crate) pattern: u32,
    pub(crate) run: u32,
    pub(crate) offset: i32,
    pub(crate) board: u32,
}

/// How one came to be ready to board at a stop.
#[derive(Clone, Copy)]
pub(crate) enum Ready {
    Origin(u32),
    Change,
    Walk(StopIdx, u32),
}

/// One round's labels, kept only when journeys are to be rebuilt.
#[derive(Clone, Default)]
pub(crate) struct Round {
    pub(crate) ride: Vec<Option<Ride>>,
    pub(crate) ready: Vec<Option<(i32, Ready)>>,
}

impl Round {
    pub(crate) fn clear(&mut self, n: usize) {
        self.ride.clear();
        self.ride.resize(n, None);
        self.ready.clear();
        self.ready.resize(n, None);
    }
}

/// Follows the labels back from the target, reached after `k` rides via stop `s`.
pub(crate) fn reconstruct(
    net: &Network,
    rounds: &[Round],
    k: usize,
    s: StopIdx,
    egress: u32,
    arrival: i32,
) -> RawJourney {
    let mut legs = Vec::new();
    let (mut at, mut j) = (s, k);
    if let Some(ride) = rounds[k].ride[s.ix()] {
        if egress > 0 {
            legs.push(walk(
                End::Stop(s),
                End::Target,
                ride.arr,
                ride.arr.saturating_add(egress as i32),
            ));
        }
    }
    for _ in 0..=k {
        let Some(ride) = rounds[j].ride[at.ix()] else { break };
        let pat = &net.patterns[ride.pattern as usize];
        let board = net.pattern_stops(pat)[ride.board as usize];
        legs.push(RawLeg {
            trip: Some(net.runs[(pat.first_run + ride.run) as usize]),
            from: End::Stop(board),
            to: End::Stop(at),
            dep: net.dep[Network::time_ix(pat, ride.run, ride.board)].saturating_add(ride.offset),
            arr: ride.arr,
        });
        let Some((i, (t, how))) = (0..j).rev().find_map(|i| rounds[i].ready[board.ix()].map(|r| (i, r))) else {
            break;
        };
        match how {
            Ready::Origin(secs) => {
                if secs > 0 {
                    legs.push(walk(End::Origin, End::Stop(board), t.saturating_sub(secs as i32), t));
                }
                break;
            }
            Ready::Change => (at, j) = (board, i),
            Ready::Walk(from, secs) => {
                legs.push(walk(
                    End::Stop(from),
                    End::Stop(board),
                    t.saturating_sub(secs as i32),
                    t,
                ));
                (at, j) = (from, i);
            }
        }
    }
    legs.reverse();
    RawJourney {
        departure: legs.first().map_or(arrival, |l| l.dep),
        legs,
        arrival,
    }
}
