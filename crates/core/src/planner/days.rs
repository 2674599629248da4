//! The planner's clock, shared by its searches: a search on a date counts seconds from that
//! date's noon minus 12 h (see [`crate::timetable::clock`]), and may use the trips of the day
//! before (past midnight), of the day itself and of the day after, each shifted to those seconds.

use chrono::NaiveDate;

use crate::timetable::{clock, Timetable};

/// No time: a stop not reached, a target that cannot be.
pub(crate) const INF: i32 = i32::MAX;

/// A service day the search may use: its trips' times shifted by `offset` seconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Day {
    pub(crate) offset: i32,
    /// The day's index in the calendar; `None` outside it (nothing runs).
    pub(crate) index: Option<u32>,
}

/// The service days a search on `date` may use: the day before (trips past midnight), the day
/// itself, and the day after, shifted to the seconds of `date`'s noon minus 12 h, earliest
/// offset first. With `sign` -1, time runs backwards (an arrive-by search), and the day after
/// comes first.
pub(crate) fn days_around(tt: &Timetable, date: NaiveDate, sign: i32) -> Vec<Day> {
    let base = clock::reference(tt.tz, date);
    let mut days: Vec<Day> = [date.pred_opt(), Some(date), date.succ_opt()]
        .into_iter()
        .flatten()
        .map(|d| Day {
            offset: sign * (clock::reference(tt.tz, d) - base) as i32,
            index: tt.rec.services.index(d),
        })
        .collect();
    days.sort_by_key(|d| d.offset);
    days
}
