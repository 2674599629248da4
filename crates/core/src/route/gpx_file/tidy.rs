//! A second chance for GPX files the `gpx` crate finds too strict: real exporters write empty
//! elements (`<fix></fix>`) and point fields from other schemas (`<magvar>`, `<course>`) that
//! it refuses. Tidying drops exactly those, so the rest of the file can be read.

use xml::reader::{EventReader, XmlEvent};
use xml::writer::EmitterConfig;

/// The children of a point (`wpt`, `trkpt`, `rtept`) that the `gpx` crate reads.
const POINT_FIELDS: &[&str] = &[
    "ele",
    "time",
    "name",
    "cmt",
    "desc",
    "src",
    "link",
    "sym",
    "type",
    "fix",
    "geoidheight",
    "sat",
    "hdop",
    "vdop",
    "pdop",
    "ageofdgpsdata",
    "dgpsid",
    "extensions",
];
/// The children of a `trk` or `rte` that the `gpx` crate reads.
const LINE_FIELDS: &[&str] = &[
    "name",
    "cmt",
    "desc",
    "src",
    "link",
    "number",
    "type",
    "extensions",
    "trkseg",
    "rtept",
];

/// The fields the `gpx` crate reads in an element named `parent`, if it is one it is strict about.
fn known_fields(parent: &str) -> Option<&'static [&'static str]> {
    match parent {
        "wpt" | "trkpt" | "rtept" => Some(POINT_FIELDS),
        "trk" | "rte" => Some(LINE_FIELDS),
        _ => None,
    }
}

/// Elements that may rightly be empty: containers, and those whose content is attributes.
const MAY_BE_EMPTY: &[&str] = &["gpx", "metadata", "trk", "trkseg", "rte", "extensions"];

/// The document without empty text elements and without unknown fields of points, tracks
/// and routes.
/// `Err` with the XML reader's message when the bytes are not well-formed XML.
pub(super) fn tidy(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut writer = EmitterConfig::new()
        .write_document_declaration(false)
        .create_writer(&mut out);
    // A start element held back until we know whether it is empty.
    let mut pending: Option<XmlEvent> = None;
    // Names of the open elements, and how deep a dropped subtree still goes.
    let mut open: Vec<String> = Vec::new();
    let mut skipping = 0usize;
    for event in EventReader::new(bytes) {
        let event = event.map_err(|e| e.to_string())?;
        if skipping > 0 {
            match event {
                XmlEvent::StartElement { .. } => skipping += 1,
                XmlEvent::EndElement { .. } => skipping -= 1,
                _ => {}
            }
            continue;
        }
        match &event {
            XmlEvent::StartElement { name, attributes, .. } => {
                let known = open.last().and_then(|p| known_fields(p));
                if known.is_some_and(|k| !k.contains(&name.local_name.as_str())) {
                    skipping = 1;
                    continue;
                }
                flush(&mut pending, &mut writer)?;
                open.push(name.local_name.clone());
                if attributes.is_empty() && !MAY_BE_EMPTY.contains(&name.local_name.as_str()) {
                    pending = Some(event);
                    continue;
                }
            }
            XmlEvent::EndElement { .. } => {
                open.pop();
                if pending.take().is_some() {
                    continue; // an empty element: dropped with its end
                }
            }
            XmlEvent::Whitespace(_) if pending.is_some() => continue,
            XmlEvent::StartDocument { .. } => continue,
            _ => flush(&mut pending, &mut writer)?,
        }
        if let Some(e) = event.as_writer_event() {
            writer.write(e).map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

fn flush<W: std::io::Write>(pending: &mut Option<XmlEvent>, writer: &mut xml::EventWriter<W>) -> Result<(), String> {
    if let Some(e) = pending.take() {
        if let Some(e) = e.as_writer_event() {
            writer.write(e).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_and_foreign_point_fields_go_the_rest_stays() {
        let xml = br#"<gpx version="1.0"><wpt lat="1" lon="2"><magvar>1.1</magvar><fix></fix><name>A</name><ele/></wpt><trk><trkseg></trkseg></trk></gpx>"#;
        let tidy = String::from_utf8(tidy(xml).unwrap()).unwrap();
        assert_eq!(
            tidy,
            r#"<gpx version="1.0"><wpt lat="1" lon="2"><name>A</name></wpt><trk><trkseg /></trk></gpx>"#
        );
    }
}
