//! Content: what the server publishes and every device keeps a copy of (sites, routes, tracks,
//! the timetable, greeters, their one-off slots and the availability rules that make the others).
//!
//! Each piece of content has a [`Key`] (its kind and id). The server versions content with one
//! sequence number that only grows: a [`Change`] is the state of one key at the sequence where
//! it last changed, with no body when the key was deleted. A device's *cursor* is the highest
//! sequence it has applied; pulling asks for the changes after it.

mod source;
mod timetable;

use serde::{Deserialize, Serialize};

use crate::greeter::{Availability, Greeter, Slot};
use crate::maps::MapPack;
use crate::{Route, Site, Track};

pub use source::{dir_files, read_dir, read_files, ContentError};
pub use timetable::{TimetableRecord, BUNDLED_TIMETABLE};

/// The kinds of content, in the order they are published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Site,
    Route,
    Track,
    Timetable,
    Greeter,
    Slot,
    /// A greeter's recurring availability rule, filed under `<greeter>-<rule>`.
    Availability,
    /// A site's offline map pack, filed under the site's id; built and published by the
    /// server's `tiles` commands, not by a content folder.
    #[serde(rename = "map-pack")]
    MapPack,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Site => "site",
            Kind::Route => "route",
            Kind::Track => "track",
            Kind::Timetable => "timetable",
            Kind::Greeter => "greeter",
            Kind::Slot => "slot",
            Kind::Availability => "availability",
            Kind::MapPack => "map-pack",
        }
    }
}

/// Names one piece of content.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub kind: Kind,
    pub id: String,
}

impl Key {
    /// The bytes a store files the key under: `route/puy-ville-haute`.
    pub fn to_bytes(&self) -> Vec<u8> {
        format!("{}/{}", self.kind.as_str(), self.id).into_bytes()
    }
}

/// One piece of content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "body", rename_all = "lowercase")]
pub enum Content {
    Site(Site),
    /// A route's words and figures, without its points (its `track` is empty here).
    Route(Box<Route>),
    Track(Track),
    /// Every train and bus, as one compact record.
    Timetable(TimetableRecord),
    Greeter(Box<Greeter>),
    /// A one-off slot, on one date.
    Slot(Slot),
    /// A rule that makes a greeter's slots of the coming weeks (see [`crate::greeter::availability`]).
    Availability(Availability),
    /// A site's offline map pack (see [`crate::maps`]).
    #[serde(rename = "map-pack")]
    MapPack(MapPack),
}

impl Content {
    pub fn key(&self) -> Key {
        match self {
            Content::Site(s) => Key {
                kind: Kind::Site,
                id: s.id.clone(),
            },
            Content::Route(r) => Key {
                kind: Kind::Route,
                id: r.id.clone(),
            },
            Content::Track(t) => Key {
                kind: Kind::Track,
                id: t.id.clone(),
            },
            Content::Timetable(t) => Key {
                kind: Kind::Timetable,
                id: t.id.clone(),
            },
            Content::Greeter(g) => Key {
                kind: Kind::Greeter,
                id: g.id.clone(),
            },
            Content::Slot(s) => Key {
                kind: Kind::Slot,
                id: s.id.clone(),
            },
            Content::Availability(a) => Key {
                kind: Kind::Availability,
                id: a.key_id(),
            },
            Content::MapPack(p) => Key {
                kind: Kind::MapPack,
                id: p.site.clone(),
            },
        }
    }
}

/// The state of one key as of sequence `seq`. `content: None` is a deletion (the design's
/// "deleted flag"): the device removes its copy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub seq: u64,
    pub key: Key,
    pub content: Option<Content>,
}

impl Change {
    pub fn is_deletion(&self) -> bool {
        self.content.is_none()
    }
}

/// What publishing a new set of content changes, given what is published now: the keys whose
/// content is new or different, then the keys that disappeared, each group in key order.
///
/// `current` lists the published keys with the canonical JSON of their content. Publishing the
/// same set twice changes nothing, so an unchanged route keeps its sequence number.
pub fn diff(current: &[(Key, Vec<u8>)], next: &[Content]) -> Vec<(Key, Option<Content>)> {
    use std::collections::BTreeMap;
    let current: BTreeMap<&Key, &Vec<u8>> = current.iter().map(|(k, v)| (k, v)).collect();
    let mut next_sorted: Vec<(Key, &Content)> = next.iter().map(|c| (c.key(), c)).collect();
    next_sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (key, content) in &next_sorted {
        if current.get(key).map(|bytes| bytes.as_slice()) != Some(canonical(content).as_slice()) {
            out.push((key.clone(), Some((*content).clone())));
        }
    }
    for key in current.keys() {
        if next_sorted.binary_search_by(|(k, _)| k.cmp(key)).is_err() {
            out.push(((*key).clone(), None));
        }
    }
    out
}

/// The JSON a piece of content is compared and stored as. Field order is the struct's, so the
/// same content always gives the same bytes.
pub fn canonical(content: &Content) -> Vec<u8> {
    serde_json::to_vec(content).expect("content serialises: it holds no maps with non-string keys")
}

/// The changes a server publishing `contents` into an empty store assigns, sequence 1 upward.
/// The app's bundled snapshot is exactly this, so its cursor matches a server seeded from the
/// same routes-data.
pub fn snapshot(contents: &[Content]) -> Vec<Change> {
    diff(&[], contents)
        .into_iter()
        .zip(1..)
        .map(|((key, content), seq)| Change { seq, key, content })
        .collect()
}

/// The routes of a content set, each joined with its track (published apart, see
/// [`Route::track`]), in the set's order.
pub fn routes(contents: &[Content]) -> Vec<Route> {
    contents
        .iter()
        .filter_map(|c| match c {
            Content::Route(r) => {
                let mut route = (**r).clone();
                route.track = contents
                    .iter()
                    .find_map(|t| match t {
                        Content::Track(t) if t.id == r.id => Some(t.points.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                Some(route)
            }
            _ => None,
        })
        .collect()
}

/// Checks a content set as a whole before it is published: ids are short lowercase slugs and
/// unique per kind, texts are written in both languages, routes belong to a published site and
/// have a track, slots and availability rules follow the charter and belong to a published
/// greeter. Returns the first problem found.
pub fn validate(contents: &[Content]) -> Result<(), String> {
    use std::collections::HashSet;
    let mut keys = HashSet::new();
    let ids = |kind: Kind| -> HashSet<&str> {
        contents
            .iter()
            .filter_map(|c| match (c, kind) {
                (Content::Site(s), Kind::Site) => Some(s.id.as_str()),
                (Content::Route(r), Kind::Route) => Some(r.id.as_str()),
                (Content::Track(t), Kind::Track) => Some(t.id.as_str()),
                _ => None,
            })
            .collect()
    };
    let (sites, routes, tracks) = (ids(Kind::Site), ids(Kind::Route), ids(Kind::Track));
    let greeter = |id: &str| {
        contents.iter().find_map(|c| match c {
            Content::Greeter(g) if g.id == id => Some(&**g),
            _ => None,
        })
    };
    let rules: HashSet<String> = contents
        .iter()
        .filter_map(|c| match c {
            Content::Availability(a) => Some(a.key_id()),
            _ => None,
        })
        .collect();
    for content in contents {
        let key = content.key();
        let name = format!("{} {:?}", key.kind.as_str(), key.id);
        let slug = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if key.id.is_empty() || key.id.len() > 64 || !key.id.chars().all(slug) {
            return Err(format!("{name}: an id is 1 to 64 characters of a-z, 0-9 and -"));
        }
        if !keys.insert(key) {
            return Err(format!("{name}: published twice"));
        }
        let texts: Vec<&crate::Text> = match content {
            Content::Site(s) => vec![&s.name, &s.summary],
            Content::Route(r) => {
                if !sites.contains(r.site.as_str()) {
                    return Err(format!("{name}: its site {:?} is not published", r.site));
                }
                if !tracks.contains(r.id.as_str()) {
                    return Err(format!("{name}: its track is not published"));
                }
                let mut t = vec![&r.name, &r.summary];
                t.extend(r.pois.iter().flat_map(|p| [&p.name, &p.text]));
                t
            }
            Content::Track(t) => {
                if !routes.contains(t.id.as_str()) {
                    return Err(format!("{name}: no route has this track"));
                }
                if t.points.len() < 2 {
                    return Err(format!("{name}: a track needs at least two points"));
                }
                vec![]
            }
            Content::Timetable(t) => {
                t.timetable().map_err(|e| format!("{name}: {e}"))?;
                vec![]
            }
            Content::Greeter(g) => {
                if !sites.contains(g.site.as_str()) {
                    return Err(format!("{name}: its site {:?} is not published", g.site));
                }
                g.check()?;
                let mut t = vec![&g.bio];
                t.extend(g.meeting_points.iter().map(|p| &p.name));
                t
            }
            Content::Slot(s) => {
                let Some(g) = greeter(&s.greeter) else {
                    return Err(format!("{name}: its greeter {:?} is not published", s.greeter));
                };
                s.check(Some(g))?;
                // A one-off slot named like a rule's would share its seats.
                if crate::greeter::split_slot_id(&s.id).is_some_and(|(key, _)| rules.contains(key)) {
                    return Err(format!("{name}: the id is that of a slot an availability rule makes"));
                }
                vec![]
            }
            Content::Availability(a) => {
                let Some(g) = greeter(&a.greeter) else {
                    return Err(format!("{name}: its greeter {:?} is not published", a.greeter));
                };
                a.check(Some(g)).map_err(|e| format!("{name}: {e}"))?;
                vec![]
            }
            Content::MapPack(p) => {
                if !sites.contains(p.site.as_str()) {
                    return Err(format!("{name}: its site {:?} is not published", p.site));
                }
                vec![]
            }
        };
        if !texts.iter().all(|t| t.is_complete()) {
            return Err(format!("{name}: every text needs both fr and en"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes_data() -> Vec<Content> {
        read_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data"))
            .expect("routes-data reads")
    }

    #[test]
    fn the_bundled_content_is_valid() {
        let contents = routes_data();
        validate(&contents).expect("routes-data passes the publishing checks");
        assert!(contents.iter().any(|c| matches!(c, Content::Route(_))));
    }

    #[test]
    fn a_snapshot_numbers_content_in_key_order_from_one() {
        let changes = snapshot(&routes_data());
        let seqs: Vec<u64> = changes.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, (1..=changes.len() as u64).collect::<Vec<_>>());
        assert!(changes.windows(2).all(|w| w[0].key < w[1].key));
    }

    #[test]
    fn the_feed_is_published_as_one_timetable_record_that_only_changes_with_the_feed() {
        let contents = routes_data();
        let records: Vec<&TimetableRecord> = contents
            .iter()
            .filter_map(|c| match c {
                Content::Timetable(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(records.len(), 1, "one record for the whole feed");
        let tt = records[0].timetable().expect("the record decodes");
        assert!(tt.trip_count() > 50);
        let json = canonical(&Content::Timetable(records[0].clone()));
        assert!(json.len() < 32 * 1024, "{} bytes of JSON", json.len());
        // Read again, the feed gives the same bytes: an unchanged feed keeps its sequence.
        let published: Vec<(Key, Vec<u8>)> = contents.iter().map(|c| (c.key(), canonical(c))).collect();
        assert!(diff(&published, &routes_data()).is_empty());
        // A feed with one time changed is a new version of the one record.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
        let mut files = std::collections::BTreeMap::new();
        for entry in walk(&root) {
            let rel = entry.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(&entry).unwrap());
        }
        let times = files.get_mut("gtfs/stop_times.txt").unwrap();
        let text = String::from_utf8(times.clone()).unwrap().replacen(
            "OCESN886801,05:20:00,05:20:00",
            "OCESN886801,05:19:00,05:19:00",
            1,
        );
        *times = text.into_bytes();
        let changed = diff(&published, &read_files(&files).unwrap());
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0.kind, Kind::Timetable);
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    fn rule(contents: &mut [Content]) -> &mut crate::greeter::Availability {
        contents
            .iter_mut()
            .find_map(|c| match c {
                Content::Availability(a) if a.greeter == "martine" => Some(a),
                _ => None,
            })
            .expect("Martine has a rule")
    }

    #[test]
    fn a_rule_is_published_only_for_a_greeter_and_meeting_point_that_are_and_no_slot_takes_its_ids() {
        let mut contents = routes_data();
        assert!(
            contents.iter().all(|c| !matches!(c, Content::Slot(_))),
            "no sample date to run out"
        );
        rule(&mut contents).meeting_point = "ailleurs".into();
        assert!(validate(&contents)
            .unwrap_err()
            .contains("not one of martine's meeting points"));
        let mut contents = routes_data();
        rule(&mut contents).greeter = "nobody".into();
        assert!(validate(&contents).unwrap_err().contains("is not published"));
        let mut contents = routes_data();
        let made = rule(&mut contents).expand(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), 7);
        contents.push(Content::Slot(made[0].clone()));
        assert!(validate(&contents)
            .unwrap_err()
            .contains("a slot an availability rule makes"));
    }

    #[test]
    fn a_route_without_its_site_or_translation_is_refused() {
        let mut contents = routes_data();
        contents.retain(|c| !matches!(c, Content::Site(_)));
        assert!(validate(&contents).unwrap_err().contains("is not published"));
        let mut contents = routes_data();
        if let Some(Content::Site(s)) = contents.first_mut() {
            s.name.en.clear();
        }
        assert!(validate(&contents).unwrap_err().contains("both fr and en"));
    }
}
