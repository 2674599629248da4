//! A real receiver on Linux, through gpsd, the standard GPS daemon: it owns the receiver (USB,
//! Bluetooth, a phone's NMEA over the network) and reports positions to any client as JSON
//! lines over TCP, 127.0.0.1:2947 by default. We ask for reports with
//! `?WATCH={"enable":true,"json":true}` and keep the `TPV` ones ("time, position, velocity")
//! that carry a fix.
//!
//! Unlike [`super::PositionSource`], whose sources decide when their next fix is due, a
//! receiver's fixes come when they come: [`GpsdSource::next_fix`] is async and waits for one.
//! The protocol is described in gpsd's `gpsd_json(5)`.

use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::tcp::OwnedReadHalf;
use tokio::net::TcpStream;

use super::Fix;

/// Where gpsd listens unless told otherwise.
pub const GPSD_DEFAULT_ADDR: &str = "127.0.0.1:2947";

/// The accuracy assumed for a fix that does not give one: a consumer receiver's under open sky,
/// pessimistic enough that a fix of unknown quality does not raise the off-route alert alone.
const UNKNOWN_ACCURACY_M: f64 = 15.0;

/// What can go wrong talking to gpsd.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GpsdError {
    #[error("gpsd at {addr} cannot be reached: {source}")]
    Connect {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the connection to gpsd broke: {0}")]
    Io(#[from] std::io::Error),
    #[error("gpsd sent a line that is not a JSON report ({source}): {line:?}")]
    BadReport {
        line: String,
        #[source]
        source: serde_json::Error,
    },
}

/// One report line as gpsd writes it: only the fields a fix needs; the rest are ignored.
#[derive(Debug, Deserialize)]
struct Report {
    class: String,
    /// 0 or 1: no fix yet; 2: a 2D fix; 3: a 3D fix.
    #[serde(default)]
    mode: u8,
    lat: Option<f64>,
    lon: Option<f64>,
    time: Option<chrono::DateTime<chrono::Utc>>,
    /// Estimated horizontal position error, metres (gpsd 3.20 and later).
    eph: Option<f64>,
    /// Estimated longitude and latitude errors, metres (older gpsd, or some receivers).
    epx: Option<f64>,
    epy: Option<f64>,
}

/// What one line of gpsd's output says about the position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GpsdLine {
    /// A TPV report with a 2D or 3D fix. `time_known` is false when the receiver gave no time
    /// (gpsd's first report of a session may lack one): the caller dates the fix itself.
    Fix { fix: Fix, time_known: bool },
    /// Anything else: the version, the devices, a TPV with no fix yet, satellites seen.
    Other,
}

/// Reads one line of gpsd's JSON output.
///
/// # Examples
/// ```
/// use velay_core::follow::{parse_gpsd_line, GpsdLine};
/// let line = r#"{"class":"TPV","device":"/dev/pts/2","mode":3,"time":"2026-06-05T10:00:06.000Z","lat":45.0438,"lon":3.8926,"eph":19.0}"#;
/// let GpsdLine::Fix { fix, time_known: true } = parse_gpsd_line(line).unwrap() else { panic!() };
/// assert_eq!((fix.lat, fix.lon, fix.accuracy_m), (45.0438, 3.8926, 19.0));
/// ```
pub fn parse_gpsd_line(line: &str) -> Result<GpsdLine, GpsdError> {
    let report: Report = serde_json::from_str(line).map_err(|source| GpsdError::BadReport {
        line: line.chars().take(200).collect(),
        source,
    })?;
    if report.class != "TPV" || report.mode < 2 {
        return Ok(GpsdLine::Other);
    }
    let (Some(lat), Some(lon)) = (report.lat, report.lon) else {
        return Ok(GpsdLine::Other);
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Ok(GpsdLine::Other);
    }
    let accuracy_m = report
        .eph
        .or(match (report.epx, report.epy) {
            (Some(x), Some(y)) => Some(x.hypot(y)),
            (x, y) => x.or(y),
        })
        .filter(|a| a.is_finite() && *a > 0.0)
        .unwrap_or(UNKNOWN_ACCURACY_M);
    Ok(GpsdLine::Fix {
        fix: Fix {
            lat,
            lon,
            accuracy_m,
            time_ms: report.time.map_or(0, |t| t.timestamp_millis()),
        },
        time_known: report.time.is_some(),
    })
}

/// Fixes from a gpsd daemon, as they come.
pub struct GpsdSource {
    lines: Lines<BufReader<OwnedReadHalf>>,
    // Kept so that the connection stays open both ways (gpsd drops watchers that hang up).
    _write: tokio::net::tcp::OwnedWriteHalf,
}

impl GpsdSource {
    /// Connects to gpsd at `addr` ("host:port") and asks it to report.
    pub async fn connect(addr: &str) -> Result<GpsdSource, GpsdError> {
        let stream = TcpStream::connect(addr).await.map_err(|source| GpsdError::Connect {
            addr: addr.to_string(),
            source,
        })?;
        let (read, mut write) = stream.into_split();
        write.write_all(b"?WATCH={\"enable\":true,\"json\":true}\n").await?;
        Ok(GpsdSource {
            lines: BufReader::new(read).lines(),
            _write: write,
        })
    }

    /// The next fix; `None` when gpsd closed the connection. A fix without a time is dated by
    /// `now_ms`. A line that does not read is skipped (and logged): one odd report from a
    /// newer gpsd must not end the walk.
    pub async fn next_fix(&mut self, now_ms: impl Fn() -> i64) -> Result<Option<Fix>, GpsdError> {
        while let Some(line) = self.lines.next_line().await? {
            match parse_gpsd_line(&line) {
                Ok(GpsdLine::Fix { mut fix, time_known }) => {
                    if !time_known {
                        fix.time_ms = now_ms();
                    }
                    return Ok(Some(fix));
                }
                Ok(GpsdLine::Other) => {}
                Err(e) => tracing::warn!("{e}"),
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Lines as gpsd 3.22 (Debian 12) wrote them, replaying an NMEA log with gpsfake.
    const VERSION: &str = r#"{"class":"VERSION","release":"3.22","rev":"3.22","proto_major":3,"proto_minor":14}"#;
    const FIRST_TPV: &str = r#"{"class":"TPV","device":"/dev/pts/2","mode":3,"lat":45.043800000,"lon":3.892600000,"altHAE":650.0000,"altMSL":600.0000,"alt":600.0000,"magvar":1.4,"geoidSep":50.000,"eph":19.000}"#;
    const TPV: &str = r#"{"class":"TPV","device":"/dev/pts/2","mode":3,"time":"2026-06-05T10:00:06.000Z","ept":0.005,"lat":45.044000000,"lon":3.892600000,"altHAE":650.0000,"altMSL":600.0000,"alt":600.0000,"track":0.0000,"magtrack":1.4239,"magvar":1.4,"speed":0.257,"geoidSep":50.000,"eph":19.000}"#;
    // An older gpsd, or a receiver that only gives the error per axis.
    const TPV_EPX: &str = r#"{"class":"TPV","device":"/dev/ttyACM0","mode":2,"time":"2026-06-05T10:00:07Z","lat":45.0442,"lon":3.8926,"epx":6.0,"epy":8.0}"#;
    const NO_FIX: &str = r#"{"class":"TPV","device":"/dev/ttyACM0","mode":1,"time":"2026-06-05T10:00:08.000Z"}"#;

    #[test]
    fn a_tpv_report_with_a_fix_gives_where_how_sure_and_when() {
        let GpsdLine::Fix { fix, time_known } = parse_gpsd_line(TPV).unwrap() else {
            panic!("a fix")
        };
        assert!(time_known);
        assert_eq!((fix.lat, fix.lon, fix.accuracy_m), (45.044, 3.8926, 19.0));
        assert_eq!(
            fix.time_ms,
            chrono::DateTime::parse_from_rfc3339("2026-06-05T10:00:06Z")
                .unwrap()
                .timestamp_millis()
        );
    }

    #[test]
    fn the_accuracy_comes_from_the_errors_per_axis_when_gpsd_gives_no_eph() {
        let GpsdLine::Fix { fix, .. } = parse_gpsd_line(TPV_EPX).unwrap() else {
            panic!("a 2D fix counts")
        };
        assert_eq!(fix.accuracy_m, 10.0);
    }

    #[test]
    fn the_first_report_of_a_session_without_a_time_is_still_a_fix() {
        assert!(matches!(
            parse_gpsd_line(FIRST_TPV).unwrap(),
            GpsdLine::Fix { time_known: false, .. }
        ));
    }

    #[test]
    fn reports_without_a_fix_are_not_positions() {
        assert_eq!(parse_gpsd_line(VERSION).unwrap(), GpsdLine::Other);
        assert_eq!(parse_gpsd_line(NO_FIX).unwrap(), GpsdLine::Other);
    }

    #[test]
    fn a_line_that_is_not_json_is_an_error_that_quotes_it() {
        let e = parse_gpsd_line("GPSD,O=?").unwrap_err();
        assert!(e.to_string().contains("GPSD,O=?"), "{e}");
    }

    #[tokio::test]
    async fn a_client_asks_gpsd_to_watch_and_skips_what_is_not_a_fix() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let daemon = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            let watch = lines.next_line().await.unwrap().unwrap();
            for line in [VERSION, NO_FIX, "not json", FIRST_TPV, TPV] {
                write.write_all(format!("{line}\n").as_bytes()).await.unwrap();
            }
            watch
        });
        let mut source = GpsdSource::connect(&addr).await.unwrap();
        let first = source.next_fix(|| 42).await.unwrap().unwrap();
        assert_eq!((first.lat, first.time_ms), (45.0438, 42));
        let second = source.next_fix(|| 42).await.unwrap().unwrap();
        assert_eq!(second.lat, 45.044);
        assert_eq!(daemon.await.unwrap(), r#"?WATCH={"enable":true,"json":true}"#);
        assert_eq!(source.next_fix(|| 42).await.unwrap(), None, "gpsd hung up");
    }

    #[tokio::test]
    async fn no_daemon_listening_is_a_connect_error_naming_the_address() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        drop(listener);
        let Err(e) = GpsdSource::connect(&addr).await else {
            panic!("nothing listens")
        };
        assert!(
            matches!(e, GpsdError::Connect { .. }) && e.to_string().contains(&addr),
            "{e}"
        );
    }
}
