//! The shape of an emulated wire.

use std::time::Duration;

/// A link's rate, delay and loss, the same both ways.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// Bits per second; `None` for as fast as loopback.
    pub rate_bps: Option<u64>,
    /// Added to every segment's delivery: half the round-trip time.
    pub one_way_delay: Duration,
    /// Chance that a segment is lost. A lost segment is not dropped (TCP would resend it):
    /// it arrives one retransmission timeout late, and everything behind it waits, as the
    /// in-order byte stream of TCP does.
    pub loss: f64,
    /// The retransmission timeout a lost segment costs.
    pub rto: Duration,
}

/// TCP's usual segment size on Ethernet paths.
pub const SEGMENT: usize = 1460;

impl Link {
    /// Loopback as it is.
    pub const LOOPBACK: Link = Link {
        rate_bps: None,
        one_way_delay: Duration::ZERO,
        loss: 0.0,
        rto: Duration::ZERO,
    };

    /// EDGE as rural phones still see it: 240 kbit/s, 840 ms round trip, 2% loss, and an RTO of
    /// 1.5 round trips.
    pub const EDGE: Link = Link {
        rate_bps: Some(240_000),
        one_way_delay: Duration::from_millis(420),
        loss: 0.02,
        rto: Duration::from_millis(1260),
    };

    /// How long `bytes` take to leave the sender at this rate.
    pub fn transmit_time(&self, bytes: usize) -> Duration {
        match self.rate_bps {
            None => Duration::ZERO,
            Some(bps) => Duration::from_secs_f64(bytes as f64 * 8.0 / bps as f64),
        }
    }
}
