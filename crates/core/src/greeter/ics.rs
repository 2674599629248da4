//! A confirmed meeting as an iCalendar event (RFC 5545), for the traveller's own calendar.

use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use super::{Greeter, Slot};
use crate::Lang;

/// The `.ics` text of the meeting `slot` with `greeter`, in Paris time (`TZID=Europe/Paris`),
/// with the meeting point and its stop as the location. `uid` names the request, so importing
/// the file twice updates one event.
pub fn meeting_ics(uid: &str, slot: &Slot, greeter: &Greeter, lang: Lang) -> String {
    Calendar::new()
        .push(meeting_event(uid, slot, greeter, lang))
        .done()
        .to_string()
}

/// The meeting as one calendar event, for a calendar that holds more (a kept day's).
pub fn meeting_event(uid: &str, slot: &Slot, greeter: &Greeter, lang: Lang) -> Event {
    let at = |dt| CalendarDateTime::WithTimezone {
        date_time: dt,
        tzid: "Europe/Paris".into(),
    };
    let point = greeter.meeting_points.iter().find(|p| p.id == slot.meeting_point);
    let location = point
        .map(|p| format!("{} ({})", p.name.get(lang), p.stop.name))
        .unwrap_or_else(|| slot.meeting_point.clone());
    let summary = match lang {
        Lang::Fr => format!("Rencontre avec {}, greeter du Velay", greeter.name),
        Lang::En => format!("Meeting {}, Velay greeter", greeter.name),
    };
    Event::new()
        .uid(uid)
        .summary(&summary)
        .description(greeter.bio.get(lang))
        .location(&location)
        .starts(at(slot.date.and_time(slot.start)))
        .ends(at(slot.end()))
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::read_dir;
    use crate::Content;

    #[test]
    fn a_confirmed_meeting_exports_as_an_event_in_paris_time_at_its_meeting_point() {
        let contents = read_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")).unwrap();
        let greeter = contents
            .iter()
            .find_map(|c| match c {
                Content::Greeter(g) if g.id == "martine" => Some(g.clone()),
                _ => None,
            })
            .unwrap();
        // Martine's first Saturday morning of December 2026, as her rule makes it.
        let slot = contents
            .iter()
            .find_map(|c| match c {
                Content::Availability(a) if a.greeter == "martine" => a
                    .expand(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), 7)
                    .into_iter()
                    .next(),
                _ => None,
            })
            .unwrap();
        let ics = meeting_ics("req-1", &slot, &greeter, Lang::En);
        assert!(ics.starts_with("BEGIN:VCALENDAR"));
        assert!(ics.contains("SUMMARY:Meeting Martine"));
        assert!(ics.contains(&format!(
            "DTSTART;TZID=Europe/Paris:{}",
            slot.date.and_time(slot.start).format("%Y%m%dT%H%M%S")
        )));
        assert!(ics.contains("UID:req-1"));
        assert!(ics.contains("LOCATION:"));
    }
}
