//! The report as plain text: aligned tables an operator reads in a terminal, in English.

use std::fmt::{self, Display, Write};

use super::reach::{Reach, ORIGINS, STAY};
use super::{Cell, Report};

/// The label of an origin's column group.
fn origin_label(key: &str) -> &'static str {
    match key {
        "lyon" => "Lyon Part-Dieu",
        "saint-etienne" => "Saint-Étienne",
        "clermont-ferrand" => "Clermont-Ferrand",
        "le-puy" => "Le Puy",
        _ => "Stay at base",
    }
}

/// Minutes as `7h10`.
fn hours(minutes: u32) -> String {
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

/// A route or site cell: the time on site, `*` with a sample bus, in brackets when too short.
fn route_cell(reach: &Reach) -> String {
    match reach {
        Reach::Fits {
            minutes, sample_times, ..
        } => format!("{}{}", hours(*minutes), if *sample_times { "*" } else { "" }),
        Reach::DoesNotFit { minutes, .. } => format!("({})", hours(*minutes)),
        Reach::NoWayThere | Reach::NoWayBack => "—".into(),
    }
}

/// A slot cell: the time at the meeting point, or what keeps a visitor from the meeting.
fn slot_cell(reach: &Reach, starts: chrono::NaiveDateTime) -> String {
    match reach {
        Reach::DoesNotFit { arrive, .. } if *arrive > starts => format!("arr {}", arrive.format("%H:%M")),
        Reach::DoesNotFit { leave, .. } => format!("dep {}", leave.format("%H:%M")),
        other => route_cell(other),
    }
}

/// Rows of cells, padded to their columns' widths: the first `left` columns aligned to the
/// left (words), the others to the right (times).
struct Grid {
    rows: Vec<Vec<String>>,
    widths: Vec<usize>,
    left: usize,
}

impl Grid {
    fn new(rows: Vec<Vec<String>>, left: usize) -> Grid {
        let n = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; n];
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        Grid { rows, widths, left }
    }

    /// One row, with `gaps[i]` spaces before column `i` (2 when not given).
    fn line(&self, row: &[String], gaps: &[usize]) -> String {
        let mut out = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = " ".repeat(self.widths[i].saturating_sub(cell.chars().count()));
            out.push_str(&" ".repeat(gaps.get(i).copied().unwrap_or(2)));
            if i < self.left {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        out.trim_end().to_string()
    }

    fn write(&self, out: &mut String, gaps: &[usize]) -> fmt::Result {
        for row in &self.rows {
            writeln!(out, "{}", self.line(row, gaps))?;
        }
        Ok(())
    }
}

fn days_text(days: &[bool; 7]) -> String {
    let names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    let shown: Vec<&str> = names
        .iter()
        .zip(days)
        .map(|(n, on)| if *on { *n } else { "--" })
        .collect();
    shown.join(" ")
}

impl Report {
    fn matrix(&self, out: &mut String) -> fmt::Result {
        let keys: Vec<&str> = ORIGINS.iter().map(|o| o.key).chain([STAY]).collect();
        let cells_of = |cells: &[Cell]| -> Vec<String> {
            keys.iter()
                .flat_map(|k| self.days.iter().map(move |d| (k, d)))
                .map(|(k, d)| {
                    cells
                        .iter()
                        .find(|c| c.origin == *k && c.day == d.day)
                        .map_or_else(|| "?".into(), |c| route_cell(&c.reach))
                })
                .collect()
        };
        let mut rows = vec![];
        let mut header = vec!["site / route".to_string(), "walk".into()];
        for _ in &keys {
            header.extend(self.days.iter().map(|d| d.date.format("%a").to_string()));
        }
        rows.push(header);
        for site in &self.sites {
            let mut row = vec![format!("{} ({})", site.name, site.site), String::new()];
            row.extend(cells_of(&site.cells));
            rows.push(row);
            for route in self.routes.iter().filter(|r| r.site == site.site) {
                let mut row = vec![format!("  {}", route.route), hours(route.walk_minutes)];
                row.extend(cells_of(&route.cells));
                rows.push(row);
            }
        }
        let mut grid = Grid::new(rows, 1);
        // Each origin's name spans its three day columns; widen the last one if it is longer.
        let per = self.days.len();
        let mut gaps = vec![2, 2];
        for (g, key) in keys.iter().enumerate() {
            let first = 2 + g * per;
            let span: usize = grid.widths[first..first + per].iter().sum::<usize>() + per - 1;
            let need = origin_label(key).chars().count();
            if need > span {
                grid.widths[first + per - 1] += need - span;
            }
            gaps.push(3);
            gaps.extend(std::iter::repeat_n(1, per - 1));
        }
        let mut top = " ".repeat(2 + grid.widths[0] + 2 + grid.widths[1]);
        for (g, key) in keys.iter().enumerate() {
            let first = 2 + g * per;
            let span: usize = grid.widths[first..first + per].iter().sum::<usize>() + per - 1;
            write!(top, "   {:<span$}", origin_label(key))?;
        }
        writeln!(out, "{}", top.trim_end())?;
        grid.write(out, &gaps)
    }

    fn slot_table(&self, out: &mut String) -> fmt::Result {
        let keys: Vec<&str> = ORIGINS.iter().map(|o| o.key).chain([STAY]).collect();
        let mut header: Vec<String> = ["slot", "date", "time", "meeting point", "base"]
            .map(String::from)
            .to_vec();
        header.extend(keys.iter().map(|k| origin_label(k).to_string()));
        let mut rows = vec![header];
        for s in &self.slots {
            let starts = s.date.and_time(s.start);
            let ends = starts + chrono::Duration::minutes(i64::from(s.minutes));
            let mut row = vec![
                s.slot.clone(),
                s.date.format("%a %Y-%m-%d").to_string(),
                format!("{}–{}", s.start.format("%H:%M"), ends.format("%H:%M")),
                format!("{} ({})", s.meeting_point, s.greeter),
                s.base.name.to_string(),
            ];
            row.extend(s.cells.iter().map(|c| slot_cell(&c.reach, starts)));
            rows.push(row);
        }
        let mut gaps = vec![2, 2, 2, 2, 2];
        gaps.extend(std::iter::repeat_n(3, keys.len()));
        Grid::new(rows, 5).write(out, &gaps)
    }
}

impl Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let day = |d: chrono::NaiveDate| d.format("%a %Y-%m-%d").to_string();
        writeln!(out, "Content check, reference date {}", day(self.reference))?;
        let days: Vec<String> = self.days.iter().map(|d| format!("{} {}", d.day, day(d.date))).collect();
        writeln!(
            out,
            "Days checked: {} (the first on or after the reference that are not public holidays).",
            days.join(", ")
        )?;
        writeln!(
            out,
            "A car-free day leaves its origin at {} or later and is back by {} (the next night).",
            self.leave_after.format("%H:%M"),
            self.home_by.format("%H:%M")
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "Time on site, from arriving at the route's start to leaving its end, by origin and day:"
        )?;
        self.matrix(&mut out)?;
        writeln!(
            out,
            "  7h10: enough for the walk; *: with a sample bus; (1h20): there and back, too short \
             for the walk; —: no way there and back.\n  A site's line is its best route. Stay at \
             base: a night in Langeac for the gorges, in Le Puy for the other sites."
        )?;

        writeln!(out)?;
        writeln!(
            out,
            "Days the stops are served, in the week from {} to {} (a holiday replaced by the next ordinary one):",
            day(self.week[0]),
            day(self.week[6])
        )?;
        let rows: Vec<Vec<String>> = self
            .served
            .iter()
            .map(|s| {
                let name = if s.name.is_empty() {
                    "(not in the feed)"
                } else {
                    &s.name
                };
                vec![s.item.clone(), days_text(&s.days), format!("{} {}", s.stop, name)]
            })
            .collect();
        Grid::new(rows, 3).write(&mut out, &[])?;

        writeln!(out)?;
        writeln!(
            out,
            "Greeter slots from {}: time at the meeting point, by origin, on the slot's date:",
            self.reference
        )?;
        if self.slots.is_empty() {
            writeln!(out, "  (no upcoming slot)")?;
        } else {
            self.slot_table(&mut out)?;
            writeln!(
                out,
                "  9h40: there before the start and away after the end; arr 14:35: the first \
                 arrival is after the start;\n  dep 15:00: the last way back leaves before the end; \
                 —: no way there and back. Stay at base: a night at the base named."
            )?;
        }
        if !self.skipped_slots.is_empty() {
            writeln!(
                out,
                "  Skipped, already started: {} slot(s): {}",
                self.skipped_slots.len(),
                self.skipped_slots.join(", ")
            )?;
        }

        let failures: Vec<String> = self.failures().map(ToString::to_string).collect();
        let warnings: Vec<String> = self.warnings().map(ToString::to_string).collect();
        for (title, list) in [("Failures", &failures), ("Warnings", &warnings)] {
            if !list.is_empty() {
                writeln!(out)?;
                writeln!(out, "{title} ({}):", list.len())?;
                for item in list {
                    writeln!(out, "  - {item}")?;
                }
            }
        }
        writeln!(out)?;
        match failures.len() {
            0 => write!(out, "Result: passed ({} warning(s))", warnings.len())?,
            n => write!(out, "Result: FAILED, {n} failure(s), {} warning(s)", warnings.len())?,
        }
        f.write_str(&out)
    }
}
