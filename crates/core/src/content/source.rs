//! Reading the authored content folder, `routes-data/`:
//!
//! ```text
//! sites.toml                 [[site]] tables: id, name.fr/en, summary.fr/en, lat, lon
//! routes/<id>/route.toml     one route's metadata (see Route), with `track = "<file>.gpx"`
//!                            and `start_stop`, `end_stop` = { id = GTFS stop_id, name }
//! routes/<id>/<file>.gpx     its track
//! gtfs/*.txt                 the GTFS feed, published as one timetable record
//! greeters/<id>.toml         one greeter's profile (see Greeter), with `illustration =
//!                            "<file>.svg"`, its `[[availability]]` rules (see Availability)
//!                            and any `[[slot]]` on a single date (see Slot)
//! greeters/<file>.svg        a greeter's illustration
//! ```
//!
//! The same reader serves the server's import (from a folder) and the app's bundled snapshot
//! (from files embedded at build time), so both give the same content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::greeter::{Availability, Greeter, GreeterTheme, MeetingPoint, Slot};
use crate::route::{read_track, Difficulty, Figures, GpxError, Poi, StopRef, Theme};
use crate::{Content, Route, Site, Text, Track};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ContentError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}: {reason}")]
    Toml { file: String, reason: String },
    #[error("{file}: {reason}")]
    Invalid { file: String, reason: String },
    #[error(transparent)]
    Gpx(#[from] GpxError),
    #[error("{file}: missing: the content folder needs it")]
    Missing { file: String },
    #[error("gtfs: {0}")]
    Feed(#[from] crate::timetable::FeedError),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SitesFile {
    site: Vec<Site>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteFile {
    id: String,
    site: String,
    name: Text,
    summary: Text,
    difficulty: Difficulty,
    #[serde(default)]
    themes: Vec<Theme>,
    sample: bool,
    track: String,
    start_stop: StopRef,
    end_stop: StopRef,
    #[serde(default)]
    poi: Vec<Poi>,
}

/// Reads a content folder from disk.
pub fn read_dir(root: &Path) -> Result<Vec<Content>, ContentError> {
    read_files(&dir_files(root)?)
}

/// Every file of a content folder by its path relative to it (`routes/x/route.toml`), as
/// [`read_files`] takes them.
pub fn dir_files(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, ContentError> {
    let mut files = BTreeMap::new();
    collect(root, root, &mut files)?;
    Ok(files)
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) -> Result<(), ContentError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.is_dir() {
            collect(root, &path, files)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(&path).map_err(io(&path))?);
        }
    }
    Ok(())
}

/// Reads content from files given by their path relative to the content folder.
/// Files the layout does not name (READMEs, licences) are ignored.
pub fn read_files(files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<Content>, ContentError> {
    let sites_file = "sites.toml";
    let sites: SitesFile = parse_toml(
        sites_file,
        files.get(sites_file).ok_or(ContentError::Missing {
            file: sites_file.into(),
        })?,
    )?;
    let mut out = Vec::new();
    for site in sites.site {
        check_text(sites_file, &format!("site {}", site.id), [&site.name, &site.summary])?;
        out.push(Content::Site(site));
    }
    let site_ids: Vec<String> = out.iter().map(|c| c.key().id).collect();
    for (path, bytes) in files {
        let Some(dir) = path.strip_prefix("routes/").and_then(|p| p.strip_suffix("/route.toml")) else {
            continue;
        };
        let mut route = read_route(path, dir, bytes, files)?;
        if !site_ids.contains(&route.site) {
            return Err(invalid(path, format!("site {:?} is not in sites.toml", route.site)));
        }
        let points = std::mem::take(&mut route.track);
        out.push(Content::Track(Track {
            id: route.id.clone(),
            points,
        }));
        out.push(Content::Route(Box::new(route)));
    }
    if let Some(record) = super::timetable::from_files(files)? {
        out.push(Content::Timetable(record));
    }
    for (path, bytes) in files {
        let Some(id) = path.strip_prefix("greeters/").and_then(|p| p.strip_suffix(".toml")) else {
            continue;
        };
        read_greeter(path, id, bytes, files, &mut out)?;
    }
    super::validate(&out).map_err(|reason| invalid("routes-data", reason))?;
    Ok(out)
}

fn read_route(path: &str, dir: &str, bytes: &[u8], files: &BTreeMap<String, Vec<u8>>) -> Result<Route, ContentError> {
    let meta: RouteFile = parse_toml(path, bytes)?;
    if meta.id != dir {
        return Err(invalid(
            path,
            format!("id {:?} differs from its folder {dir:?}", meta.id),
        ));
    }
    check_text(path, "route", [&meta.name, &meta.summary])?;
    for poi in &meta.poi {
        check_text(path, "point of interest", [&poi.name, &poi.text])?;
    }
    let gpx_path = format!("routes/{dir}/{}", meta.track);
    let gpx = files
        .get(&gpx_path)
        .ok_or(ContentError::Missing { file: gpx_path.clone() })?;
    let track = read_track(&gpx_path, gpx)?;
    Ok(Route {
        figures: Figures::of(&track),
        id: meta.id,
        site: meta.site,
        name: meta.name,
        summary: meta.summary,
        difficulty: meta.difficulty,
        themes: meta.themes,
        sample: meta.sample,
        start_stop: meta.start_stop,
        end_stop: meta.end_stop,
        pois: meta.poi,
        track,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GreeterFile {
    #[serde(flatten)]
    profile: GreeterProfile,
    #[serde(default)]
    availability: Vec<Availability>,
    #[serde(default)]
    slot: Vec<Slot>,
}

#[derive(Deserialize)]
struct GreeterProfile {
    id: String,
    name: String,
    fictional: bool,
    languages: Vec<String>,
    themes: Vec<GreeterTheme>,
    site: String,
    bio: Text,
    meeting_point: Vec<MeetingPoint>,
    illustration: String,
}

fn read_greeter(
    path: &str,
    id: &str,
    bytes: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
    out: &mut Vec<Content>,
) -> Result<(), ContentError> {
    let file: GreeterFile = parse_toml(path, bytes)?;
    let p = file.profile;
    if p.id != id {
        return Err(invalid(
            path,
            format!("id {:?} differs from its file name {id:?}", p.id),
        ));
    }
    let svg_path = format!("greeters/{}", p.illustration);
    let svg = files
        .get(&svg_path)
        .ok_or(ContentError::Missing { file: svg_path.clone() })?;
    let illustration = String::from_utf8(svg.clone()).map_err(|e| invalid(&svg_path, format!("not UTF-8: {e}")))?;
    out.push(Content::Greeter(Box::new(Greeter {
        id: p.id,
        name: p.name,
        fictional: p.fictional,
        languages: p.languages,
        themes: p.themes,
        site: p.site,
        bio: p.bio,
        meeting_points: p.meeting_point,
        illustration,
    })));
    for mut rule in file.availability {
        if rule.greeter.is_empty() {
            rule.greeter = id.to_string();
        }
        out.push(Content::Availability(rule));
    }
    for mut slot in file.slot {
        if slot.greeter.is_empty() {
            slot.greeter = id.to_string();
        }
        out.push(Content::Slot(slot));
    }
    Ok(())
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ContentError + '_ {
    move |source| ContentError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn parse_toml<T: for<'de> Deserialize<'de>>(file: &str, bytes: &[u8]) -> Result<T, ContentError> {
    let text = std::str::from_utf8(bytes).map_err(|e| invalid(file, format!("not UTF-8: {e}")))?;
    toml::from_str(text).map_err(|e| ContentError::Toml {
        file: file.into(),
        reason: e.to_string(),
    })
}

fn check_text<'a>(file: &str, what: &str, texts: impl IntoIterator<Item = &'a Text>) -> Result<(), ContentError> {
    match texts.into_iter().all(Text::is_complete) {
        true => Ok(()),
        false => Err(invalid(file, format!("{what}: every text needs both fr and en"))),
    }
}

fn invalid(file: &str, reason: String) -> ContentError {
    ContentError::Invalid {
        file: file.into(),
        reason,
    }
}
