//! The walker's own tracks: walks recorded on the device point by point, and GPX files they
//! imported. A *walk* is one recording, from pressing start to the last point written.
//!
//! All in the `walks` tree: `walk/<id>` (one [`WalkInfo`]), `point/<id><seq>` (a walk's
//! points, keyed so they read back in order) and `imported/<id>` (each imported file whole). Every point is flushed to disk before the next is taken: an app killed mid-walk
//! keeps everything but, at worst, the point being written.

use serde::{Deserialize, Serialize};

use super::{damaged, seal, unseal, Op, Store, StoreError, Tree};
use crate::route::{GpxError, GpxFile, GpxPoint, GpxTrack};

/// What the store knows of a walk, beside its points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkInfo {
    pub id: u64,
    pub name: String,
    /// The route followed, if any.
    pub route_id: Option<String>,
    /// Milliseconds since 1970 UTC.
    pub started_ms: i64,
}

/// Why a GPX file could not be imported. Nothing is written to the store in either case.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Gpx(#[from] GpxError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// The id after the highest one under `prefix` (ids are big-endian, so the last key is the
    /// highest). Called under the write lock.
    fn next_id(&self, prefix: &[u8]) -> Result<u64, StoreError> {
        let last = self.backend.scan(Tree::Walks, prefix)?.into_iter().last();
        match last {
            None => Ok(1),
            Some((k, _)) => {
                let bytes: [u8; 8] = k[prefix.len()..prefix.len() + 8]
                    .try_into()
                    .map_err(|_| damaged(&k, "not an id"))?;
                Ok(u64::from_be_bytes(bytes) + 1)
            }
        }
    }

    /// Starts recording a walk; returns its id.
    pub fn start_walk(&self, name: &str, route_id: Option<&str>, started_ms: i64) -> Result<u64, StoreError> {
        let _w = self.lock();
        let id = self.next_id(INFO)?;
        let info = WalkInfo {
            id,
            name: name.into(),
            route_id: route_id.map(str::to_owned),
            started_ms,
        };
        self.commit(&[Op::Put(Tree::Walks, key(INFO, id, None), seal(&encode(&info)))])?;
        Ok(id)
    }

    /// Adds a point to a walk and flushes it to disk before returning. Returns its sequence
    /// number in the walk, from 0.
    pub fn record_point(&self, walk: u64, point: &GpxPoint) -> Result<u32, StoreError> {
        let _w = self.lock();
        let prefix = key(POINT, walk, None);
        let seq = match self.backend.scan(Tree::Walks, &prefix)?.into_iter().last() {
            Some((k, _)) => {
                let bytes: [u8; 4] = k[prefix.len()..]
                    .try_into()
                    .map_err(|_| damaged(&k, "not a point key"))?;
                u32::from_be_bytes(bytes) + 1
            }
            None => 0,
        };
        self.commit(&[Op::Put(Tree::Walks, key(POINT, walk, Some(seq)), seal(&encode(point)))])?;
        Ok(seq)
    }

    /// Every recorded walk, oldest first.
    pub fn walks(&self) -> Result<Vec<WalkInfo>, StoreError> {
        self.scan_json(Tree::Walks, INFO)
    }

    /// The points of a walk, in the order they were recorded.
    pub fn walk_points(&self, walk: u64) -> Result<Vec<GpxPoint>, StoreError> {
        self.scan_json(Tree::Walks, &key(POINT, walk, None))
    }

    /// A recorded walk as a GPX file: one track, one segment, with times and elevations.
    /// `None` when there is no such walk.
    pub fn walk_gpx(&self, walk: u64) -> Result<Option<GpxFile>, StoreError> {
        let Some(info) = self.get_json::<WalkInfo>(Tree::Walks, &key(INFO, walk, None))? else {
            return Ok(None);
        };
        Ok(Some(GpxFile {
            name: Some(info.name.clone()),
            description: None,
            tracks: vec![GpxTrack {
                name: Some(info.name),
                is_route: false,
                segments: vec![self.walk_points(walk)?],
            }],
            waypoints: vec![],
        }))
    }

    /// Reads a GPX file and keeps it, whole; returns its id. A file that cannot be read, or has
    /// fewer than two track or route points, is refused with an error naming it, and the
    /// store is left as it was.
    pub fn import_gpx(&self, file: &str, bytes: &[u8]) -> Result<u64, ImportError> {
        let gpx = GpxFile::read(file, bytes)?;
        gpx.walkable(file)?;
        let _w = self.lock();
        let id = self.next_id(IMPORTED)?;
        self.commit(&[Op::Put(Tree::Walks, key(IMPORTED, id, None), seal(&encode(&gpx)))])?;
        Ok(id)
    }

    /// Every imported GPX file with its id, oldest first.
    pub fn imported(&self) -> Result<Vec<(u64, GpxFile)>, StoreError> {
        self.backend
            .scan(Tree::Walks, IMPORTED)?
            .into_iter()
            .map(|(k, v)| {
                let bytes: [u8; 8] = k[IMPORTED.len()..].try_into().map_err(|_| damaged(&k, "not an id"))?;
                let payload = unseal(&v).map_err(|r| damaged(&k, r))?;
                Ok((u64::from_be_bytes(bytes), decode(&k, payload)?))
            })
            .collect()
    }
}

const INFO: &[u8] = b"walk/";
const POINT: &[u8] = b"point/";
const IMPORTED: &[u8] = b"imported/";

/// `prefix`, the id, and for a point its sequence number, all big-endian so keys sort in order.
fn key(prefix: &[u8], id: u64, seq: Option<u32>) -> Vec<u8> {
    let mut k = prefix.to_vec();
    k.extend_from_slice(&id.to_be_bytes());
    if let Some(seq) = seq {
        k.extend_from_slice(&seq.to_be_bytes());
    }
    k
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("walks hold no maps with non-string keys")
}

fn decode<T: for<'de> Deserialize<'de>>(key: &[u8], value: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(value).map_err(|e| damaged(key, &e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(i: i64) -> GpxPoint {
        GpxPoint {
            time_ms: Some(1_700_000_000_000 + i * 1000),
            ..GpxPoint::new(45.04 + i as f64 * 1e-4, 3.89, Some(630.0 + i as f64))
        }
    }

    #[test]
    fn a_recorded_walk_reads_back_in_order_after_a_reopen_and_exports_as_gpx() {
        let dir = tempfile::tempdir().unwrap();
        let id = {
            let store = Store::open(dir.path()).unwrap();
            let id = store
                .start_walk("Polignac", Some("puy-polignac"), 1_700_000_000_000)
                .unwrap();
            for i in 0..5 {
                assert_eq!(store.record_point(id, &point(i)).unwrap(), i as u32);
            }
            id
        };
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.walks().unwrap()[0].route_id.as_deref(), Some("puy-polignac"));
        let points = store.walk_points(id).unwrap();
        assert_eq!(points, (0..5).map(point).collect::<Vec<_>>());
        let gpx = store.walk_gpx(id).unwrap().unwrap();
        let again = GpxFile::read("walk.gpx", &gpx.to_bytes("walk.gpx").unwrap()).unwrap();
        assert_eq!(again, gpx);
        assert_eq!(store.walk_gpx(id + 1000).unwrap(), None);
    }

    #[test]
    fn a_broken_gpx_file_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for (name, bytes) in [
            ("notes.gpx", &b"not a gpx"[..]),
            ("empty.gpx", b""),
            (
                "one-point.gpx",
                b"<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"45\" lon=\"3\"/></trkseg></trk></gpx>",
            ),
        ] {
            let err = store.import_gpx(name, bytes).unwrap_err();
            assert!(err.to_string().starts_with(name), "{err}");
        }
        let err = store.import_gpx(
            "one-point.gpx",
            b"<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"45\" lon=\"3\"/></trkseg></trk></gpx>",
        );
        assert!(
            err.unwrap_err().to_string().ends_with("1 track point and no route"),
            "the message says what the file holds"
        );
        let err = store
            .import_gpx("huge.gpx", &vec![b' '; crate::route::MAX_GPX_BYTES + 1])
            .unwrap_err();
        assert!(err.to_string().contains("huge.gpx"), "{err}");
        assert!(store.imported().unwrap().is_empty());
        let good = b"<gpx version=\"1.1\"><trk><name>Two</name><trkseg><trkpt lat=\"45\" lon=\"3\"/><trkpt lat=\"45.1\" lon=\"3\"/></trkseg></trk></gpx>";
        let id = store.import_gpx("two.gpx", good).unwrap();
        let imported = store.imported().unwrap();
        assert_eq!(imported.len(), 1);
        assert_eq!((imported[0].0, imported[0].1.display_name()), (id, Some("Two")));
    }
}
