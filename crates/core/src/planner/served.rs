//! Whether a stop is served on a date: some trip calls there that day, to set down or pick up.

use chrono::NaiveDate;

use super::days::days_around;
use super::Planner;
use crate::timetable::network::{Network, ALIGHT, BOARD};
use crate::timetable::{clock, StopIdx};

impl Planner {
    /// Whether any trip calls at `stop` (or at a stop of the station) on `date`, letting
    /// travellers off or on, at a time that falls on that date in the feed's zone: a trip of
    /// the day before that calls at 00:40 serves the date, one that calls at "24:40:00" serves
    /// the next. A stop the feed lists but no trip calls at is never served.
    ///
    /// # Examples
    /// ```
    /// use chrono::NaiveDate;
    /// use velay_core::planner::Planner;
    /// use velay_core::Timetable;
    ///
    /// let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs");
    /// let planner = Planner::new(Timetable::import(feed).unwrap().timetable);
    /// let le_puy = planner.timetable().stop_by_id("StopArea:OCE87734699").unwrap();
    /// assert!(planner.is_served_on(le_puy, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()));
    /// ```
    pub fn is_served_on(&self, stop: StopIdx, date: NaiveDate) -> bool {
        let tt = self.timetable();
        if stop.ix() >= tt.stops().len() {
            return false;
        }
        let reference = clock::reference(tt.tz, date);
        let Some(next) = date.succ_opt() else { return false };
        let midnight = chrono::NaiveTime::MIN;
        let start = (clock::local_instant(tt.tz, date, midnight) - reference) as i32;
        let end = (clock::local_instant(tt.tz, next, midnight) - reference) as i32;
        let net = tt.network();
        let days = days_around(tt, date, 1);
        tt.stop_and_children(stop).into_iter().any(|s| {
            net.stop_patterns.row(s.ix()).iter().any(|&(p, pos)| {
                let pat = &net.patterns[p as usize];
                let flags = net.pattern_flags(pat)[pos as usize];
                if flags & (BOARD | ALIGHT) == 0 {
                    return false;
                }
                days.iter().any(|day| {
                    let Some(index) = day.index else { return false };
                    (0..pat.n_runs).any(|r| {
                        let at = Network::time_ix(pat, r, pos);
                        let run = (pat.first_run + r) as usize;
                        let calls = |t: i32| (start..end).contains(&t.saturating_add(day.offset));
                        (calls(net.arr[at]) || calls(net.dep[at])) && tt.rec.services.runs(net.run_service[run], index)
                    })
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::Timetable;

    /// A night train from A leaves on Tuesdays only, at 23:50, and reaches B at "24:40:00":
    /// on Wednesday morning. C is listed but no trip calls there.
    fn night_train() -> Planner {
        let files = [
            (
                "agency.txt",
                "agency_name,agency_url,agency_timezone\nTER,https://example.org,Europe/Paris\n",
            ),
            (
                "stops.txt",
                "stop_id,stop_name,stop_lat,stop_lon\nA,A,45.0,3.0\nB,B,45.5,3.0\nC,C,46.0,3.0\n",
            ),
            ("routes.txt", "route_id,route_short_name,route_type\nR,R,2\n"),
            (
                "calendar.txt",
                "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
                 TUE,0,1,0,0,0,0,0,20260101,20271231\n",
            ),
            ("trips.txt", "route_id,service_id,trip_id\nR,TUE,N\n"),
            (
                "stop_times.txt",
                "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 N,23:50:00,23:50:00,A,1\nN,24:40:00,24:40:00,B,2\n",
            ),
        ];
        Planner::new(
            Timetable::import_files(files.map(|(name, text)| (name, text.as_bytes().to_vec())))
                .expect("the feed imports")
                .timetable,
        )
    }

    #[test]
    fn a_call_after_midnight_serves_the_next_day_and_an_unused_stop_is_never_served() {
        let tt = night_train();
        let stop = |id: &str| tt.timetable().stop_by_id(id).expect("a stop of the feed");
        let d = |day: u32| NaiveDate::from_ymd_opt(2026, 12, day).expect("a date");
        // 1 December 2026 is a Tuesday.
        assert!(tt.is_served_on(stop("A"), d(1)));
        assert!(!tt.is_served_on(stop("A"), d(2)));
        assert!(!tt.is_served_on(stop("B"), d(1)));
        assert!(tt.is_served_on(stop("B"), d(2)));
        assert!((1..=7).all(|day| !tt.is_served_on(stop("C"), d(day))));
    }
}
