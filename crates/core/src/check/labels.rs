//! Sample labels: what was invented says so, everywhere it is read.
//!
//! - A route drawn by hand has `sample = true` and its GPX says "sample"; a GPX that says so
//!   belongs to a sample route.
//! - A fictional greeter says so in both bios (checked on reading, [`Greeter::check`]); a bio
//!   that says "fictional" belongs to a greeter marked `fictional`.
//! - A line whose agency, name or description says its times are a sample has
//!   `velay_sample = 1` (what makes the app say "sample times"), and a line marked so says it in
//!   its long name or description; a feed with sample lines says so in `feed_info.txt`.

use std::collections::{BTreeMap, HashMap};

use crate::greeter::Greeter;
use crate::Route;

use super::finding::Finding;

fn says_sample(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("sample") || t.contains("exemple")
}

fn says_fictional(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("fictif") || t.contains("fictive") || t.contains("fictional")
}

fn unlabelled(item: String, what: &str) -> Finding {
    Finding::Unlabelled {
        item,
        what: what.into(),
    }
}

/// Routes against their GPX files (`routes/<id>/*.gpx` in `files`), greeters against their bios.
pub fn check_content_labels(routes: &[Route], greeters: &[Greeter], files: &BTreeMap<String, Vec<u8>>) -> Vec<Finding> {
    let mut out = Vec::new();
    for route in routes {
        let prefix = format!("routes/{}/", route.id);
        let gpx: Vec<String> = files
            .iter()
            .filter(|(path, _)| path.starts_with(&prefix) && path.ends_with(".gpx"))
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .collect();
        if gpx.is_empty() {
            continue;
        }
        let item = format!("route {}", route.id);
        match (route.sample, gpx.iter().any(|text| says_sample(text))) {
            (true, false) => out.push(unlabelled(
                item,
                "a sample route whose track file does not say it is a sample",
            )),
            (false, true) => out.push(unlabelled(
                item,
                "its track file says it is a sample, but the route is not marked `sample = true`",
            )),
            _ => {}
        }
    }
    for g in greeters {
        let item = format!("greeter {}", g.id);
        let fictional_bio = says_fictional(&g.bio.fr) || says_fictional(&g.bio.en);
        if g.fictional && !(says_fictional(&g.bio.fr) && says_fictional(&g.bio.en)) {
            out.push(unlabelled(
                item,
                "a fictional profile whose bio does not say so in fr and en",
            ));
        } else if !g.fictional && fictional_bio {
            out.push(unlabelled(
                item,
                "its bio says it is fictional, but it is not marked `fictional = true`",
            ));
        }
    }
    out
}

/// The feed's lines and `feed_info.txt`, read from the raw GTFS files under `gtfs/`.
pub fn check_feed_labels(files: &BTreeMap<String, Vec<u8>>) -> Vec<Finding> {
    let mut out = Vec::new();
    let agencies: HashMap<String, String> = rows(files, "gtfs/agency.txt")
        .into_iter()
        .map(|r| (field(&r, "agency_id"), field(&r, "agency_name")))
        .collect();
    let mut any_sample = false;
    for line in rows(files, "gtfs/routes.txt") {
        let agency = agencies.get(&field(&line, "agency_id")).cloned().unwrap_or_default();
        let (long, desc) = (field(&line, "route_long_name"), field(&line, "route_desc"));
        let marked = field(&line, "velay_sample").trim() == "1";
        any_sample |= marked;
        let name = match field(&line, "route_short_name") {
            short if short.is_empty() => long.clone(),
            short => short,
        };
        let item = format!("line {name} ({})", field(&line, "route_id"));
        let says = [&agency, &long, &desc].iter().any(|t| says_sample(t));
        if says && !marked {
            out.push(unlabelled(
                item,
                "says its times are a sample but has no velay_sample = 1: the app would show them as an operator's",
            ));
        } else if marked && !(says_sample(&long) || says_sample(&desc)) {
            out.push(unlabelled(
                item,
                "has velay_sample = 1 but neither its long name nor its description says the times are a sample",
            ));
        }
    }
    if any_sample {
        let info = rows(files, "gtfs/feed_info.txt");
        let says = info
            .iter()
            .any(|r| says_sample(&field(r, "feed_publisher_name")) || says_sample(&field(r, "feed_version")));
        if !says {
            out.push(unlabelled(
                "gtfs/feed_info.txt".into(),
                "the feed has sample lines but its publisher name and version do not say so",
            ));
        }
    }
    out
}

type Row = HashMap<String, String>;

/// A CSV file's rows by column name; none when the file is absent or unreadable (the feed's
/// import already said what is wrong with it).
fn rows(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Vec<Row> {
    let Some(bytes) = files.get(path) else {
        return Vec::new();
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let Ok(headers) = reader.headers().cloned() else {
        return Vec::new();
    };
    reader
        .records()
        .filter_map(Result::ok)
        .map(|record| {
            headers
                .iter()
                .map(|h| h.trim().to_string())
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn field(row: &Row, name: &str) -> String {
    row.get(name).cloned().unwrap_or_default()
}
