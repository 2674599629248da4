//! The sync protocol's side of the store ([`ServerStore`]): published content and its log,
//! devices, and the mutations they push, each applied at most once.
//!
//! A push's meeting requests and cancellations are decided by [`super::requests`]; the
//! availability rules greeters made theirs are left out of a staff publish (see
//! [`super::slots`]).

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use serde::{Deserialize, Serialize};
use velay_core::content::{canonical, diff};
use velay_core::maps::MapPack;
use velay_core::mutation::{Mutation, Op, Outcome, Refusal};
use velay_core::sync::{PrivateChange, PrivateRecord, PublishReport, PullBatch, PushResult, PULL_MAX_BYTES};
use velay_core::{Change, Content, Key, Kind};

use super::codec::{
    be_u64, damaged, decode, encode, filed_by_key, private_key, private_prefix, HEAD, PRIVATE, RULES_BY,
};
use super::requests::Batch;
use super::sled_store::{SledStore, Write};
use super::slots::is_web_slot;
use super::{DeviceId, ServerStore, StoreError, DEVICE_EXPIRY_DAYS};

/// The most writes the server files for one device: far beyond a traveller's notes and
/// requests over years, and a bound on what one stolen or scripted token can store.
const MAX_FILED_PER_DEVICE: u32 = 10_000;

#[derive(Serialize, Deserialize)]
pub(super) struct Filed {
    device: DeviceId,
    outcome: Outcome,
    /// The SHA-256 of the mutation as first received (its time and operation), hex: the same
    /// id sent again with another payload is refused instead of answered with the first one's
    /// outcome while the second write is silently dropped. Absent in records of older servers.
    #[serde(default)]
    digest: Option<String>,
}

/// What identifies a mutation's payload, whatever its id.
fn digest(m: &Mutation) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(encode(&(&m.at, &m.op))))
}

impl SledStore {
    /// Refuses a set of content that would leave a slot with fewer seats than its pending and
    /// confirmed requests hold ("2 / 1"): those travellers were promised a place.
    fn refuse_capacity_below_seats<'a>(&self, contents: impl Iterator<Item = &'a Content>) -> Result<(), StoreError> {
        let today = self.clock.today();
        let mut below = Vec::new();
        for content in contents {
            let slots = match content {
                Content::Slot(slot) => vec![slot.clone()],
                Content::Availability(rule) => rule.expand(today, velay_core::greeter::WINDOW_DAYS),
                _ => continue,
            };
            for slot in slots {
                let held = self.held_seats(&slot.id)?;
                if held > u32::from(slot.capacity) {
                    below.push(format!("{} (capacity {}, {held} seats held)", slot.id, slot.capacity));
                }
            }
        }
        if below.is_empty() {
            return Ok(());
        }
        let first: Vec<_> = below.iter().take(5).cloned().collect();
        Err(StoreError::Refused(format!(
            "{} slot(s) would have fewer seats than their requests hold: {}; keep the capacity, or have the greeter decline requests first",
            below.len(),
            first.join(", ")
        )))
    }

    /// What one mutation does, given what is published now.
    fn decide(
        &self,
        device: &str,
        m: &Mutation,
        seq: u64,
        batch: &mut Batch,
    ) -> Result<(Outcome, Vec<Write>), StoreError> {
        if let Err(invalid) = m.op.validate() {
            return Ok((Outcome::Refused { reason: invalid.into() }, vec![]));
        }
        match &m.op {
            Op::RequestMeeting { .. } => self.decide_request(device, m, seq, batch),
            Op::CancelRequest { request } => self.decide_cancel(device, *request, seq, batch),
            Op::Feedback { route, text } => {
                let key = Key {
                    kind: Kind::Route,
                    id: route.clone(),
                };
                let published = self
                    .records
                    .get(key.to_bytes())?
                    .map(|v| decode::<Change>(&key.to_bytes(), &v))
                    .transpose()?;
                if published.is_none_or(|c| c.content.is_none()) {
                    return Ok((
                        Outcome::Refused {
                            reason: Refusal::NoSuchRoute,
                        },
                        vec![],
                    ));
                }
                let id = m.id.to_string();
                let record = PrivateRecord::Feedback {
                    id: m.id,
                    route: route.clone(),
                    text: text.clone(),
                    received_at: Utc::now(),
                };
                let change = PrivateChange {
                    seq,
                    id: id.clone(),
                    record: Some(record),
                };
                let key = private_key(device, &id);
                let value = encode(&change);
                Ok((
                    Outcome::Accepted,
                    vec![Write::Record {
                        key,
                        old_seq: None,
                        seq,
                        value,
                    }],
                ))
            }
        }
    }

    /// Makes `contents` the whole published set of the content `owns` selects: new or different
    /// keys get the next sequence numbers, its keys not in `contents` are deleted.
    fn publish_where(
        &self,
        owns: impl Fn(&Content) -> bool,
        contents: &[Content],
    ) -> Result<PublishReport, StoreError> {
        let mut current = Vec::new();
        for entry in self.records.iter() {
            let (k, v) = entry?;
            if k.starts_with(PRIVATE) || is_web_slot(&k) {
                continue; // private records and the slots greeters add on their pages are not staff content
            }
            let change: Change = decode(&k, &v)?;
            if let Some(content) = change.content.as_ref().filter(|c| owns(c)) {
                current.push((change.key.clone(), canonical(content)));
            }
        }
        let contents: Vec<Content> = contents.iter().filter(|c| owns(c)).cloned().collect();
        let updates = diff(&current, &contents);
        let head = self.head()?;
        let mut writes = Vec::new();
        for ((key, content), seq) in updates.iter().zip(head + 1..) {
            let k = key.to_bytes();
            let change = Change {
                seq,
                key: key.clone(),
                content: content.clone(),
            };
            let value = encode(&change);
            writes.push(Write::Record {
                old_seq: self.seq_of(&k)?,
                key: k,
                seq,
                value,
            });
        }
        let new_head = head + writes.len() as u64;
        self.commit(&writes, new_head)?;
        let deleted = updates.iter().filter(|(_, c)| c.is_none()).count();
        Ok(PublishReport {
            changed: updates.len() - deleted,
            deleted,
            head: new_head,
        })
    }
}

impl ServerStore for SledStore {
    fn head(&self) -> Result<u64, StoreError> {
        Ok(self.meta.get(HEAD)?.map(|v| be_u64(HEAD, &v)).transpose()?.unwrap_or(0))
    }

    fn pull(&self, cursor: u64, limit: usize, device: Option<&str>) -> Result<PullBatch, StoreError> {
        let _read = self.lock.read().unwrap_or_else(|e| e.into_inner());
        let head = self.head()?;
        let own_prefix = device.map(private_prefix);
        let (mut changes, mut private) = (Vec::new(), Vec::new());
        let (mut bytes, mut last, mut more) = (0, cursor, false);
        for entry in self.log.range(cursor.saturating_add(1).to_be_bytes()..) {
            let (seq, key) = entry?;
            if changes.len() + private.len() >= limit || (bytes >= PULL_MAX_BYTES && !changes.is_empty()) {
                more = true;
                break;
            }
            last = be_u64(&seq, &seq)?;
            let is_private = key.starts_with(PRIVATE);
            if is_private && !own_prefix.as_ref().is_some_and(|p| key.starts_with(p)) {
                continue; // another device's record: skipped, but the cursor moves past it
            }
            let raw = self
                .records
                .get(&key)?
                .ok_or_else(|| damaged(&key, "in the log but not in records"))?;
            bytes += raw.len();
            if is_private {
                private.push(decode(&key, &raw)?);
            } else {
                changes.push(decode(&key, &raw)?);
            }
        }
        Ok(PullBatch {
            changes,
            private,
            cursor: last,
            more,
            head,
        })
    }

    fn publish(&self, contents: &[Content]) -> Result<PublishReport, StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        // The availability rules a greeter has edited on their pages are theirs (see
        // `super::slots`): neither compared with the staff's set nor replaced by it. Map packs
        // are the `tiles` commands' (`publish_packs`).
        let mut theirs = HashSet::new();
        for entry in self.meta.scan_prefix(RULES_BY) {
            let (k, _) = entry?;
            theirs.insert(String::from_utf8_lossy(&k[RULES_BY.len()..]).into_owned());
        }
        let staffs = |c: &Content| {
            !matches!(c, Content::Availability(a) if theirs.contains(&a.greeter)) && !matches!(c, Content::MapPack(_))
        };
        self.refuse_capacity_below_seats(contents.iter().filter(|c| staffs(c)))?;
        self.publish_where(staffs, contents)
    }

    fn publish_packs(&self, packs: &[MapPack]) -> Result<PublishReport, StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let contents: Vec<Content> = packs.iter().cloned().map(Content::MapPack).collect();
        self.publish_where(|c| matches!(c, Content::MapPack(_)), &contents)
    }

    fn published(&self, key: &Key) -> Result<Option<Content>, StoreError> {
        let k = key.to_bytes();
        match self.records.get(&k)? {
            Some(raw) => Ok(decode::<Change>(&k, &raw)?.content),
            None => Ok(None),
        }
    }
    fn register(&self, token_hash: [u8; 32]) -> Result<DeviceId, StoreError> {
        let device = uuid::Uuid::now_v7().simple().to_string();
        self.devices.insert(token_hash, device.as_bytes())?;
        self.db.flush()?;
        Ok(device)
    }

    fn device(&self, token_hash: [u8; 32]) -> Result<Option<DeviceId>, StoreError> {
        Ok(self
            .devices
            .get(token_hash)?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    fn expire_devices(&self) -> Result<usize, StoreError> {
        let before = self.clock.now().timestamp() - DEVICE_EXPIRY_DAYS * 24 * 3600;
        let mut forgotten = 0;
        for entry in self.devices.iter() {
            let (hash, id) = entry?;
            let id = String::from_utf8_lossy(&id).into_owned();
            // A device id is a UUIDv7: it says when the device registered.
            let registered = uuid::Uuid::try_parse(&id)
                .ok()
                .and_then(|u| u.get_timestamp())
                .map(|t| t.to_unix().0 as i64);
            if registered.is_none_or(|at| at >= before) {
                continue;
            }
            let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
            let wrote = self.meta.contains_key(filed_by_key(&id))?
                || self.records.scan_prefix(private_prefix(&id)).next().is_some();
            if !wrote {
                self.devices.remove(hash)?;
                forgotten += 1;
            }
        }
        if forgotten > 0 {
            self.db.flush()?;
        }
        Ok(forgotten)
    }

    fn push(&self, device: &str, mutations: &[Mutation]) -> Result<Vec<PushResult>, StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let mut head = self.head()?;
        let mut writes = Vec::new();
        let mut results = Vec::with_capacity(mutations.len());
        let mut seen_in_batch = HashMap::new();
        let mut batch = Batch::default();
        let filed_key = filed_by_key(device);
        let filed_before = match self.meta.get(&filed_key)? {
            Some(v) => be_u64(&filed_key, &v)?,
            None => 0,
        };
        let mut filed_count = filed_before;
        for m in mutations {
            let id = *m.id.as_bytes();
            let digest = digest(m);
            let earlier = match seen_in_batch.get(&id) {
                Some((outcome, first)) => Some(Filed {
                    device: device.into(),
                    outcome: Outcome::clone(outcome),
                    digest: Some(String::clone(first)),
                }),
                None => self.mutations.get(id)?.map(|v| decode::<Filed>(&id, &v)).transpose()?,
            };
            let same_payload = |filed: &Filed| filed.digest.as_ref().is_none_or(|d| *d == digest);
            let outcome = match earlier {
                // The nil id is no one's: a device making ids at random never draws it.
                _ if m.id.is_nil() => Outcome::Refused {
                    reason: Refusal::IdTaken,
                },
                Some(filed) if filed.device == device && same_payload(&filed) => filed.outcome,
                Some(_) => Outcome::Refused {
                    reason: Refusal::IdTaken,
                },
                // Refused and not filed: the refusals of a device over its quota take no room.
                None if filed_count >= u64::from(MAX_FILED_PER_DEVICE) => Outcome::Refused {
                    reason: Refusal::QuotaReached {
                        limit: MAX_FILED_PER_DEVICE,
                    },
                },
                None => {
                    filed_count += 1;
                    let (outcome, decided) = self.decide(device, m, head + 1, &mut batch)?;
                    if decided.iter().any(|w| matches!(w, Write::Record { .. })) {
                        head += 1;
                    }
                    writes.extend(decided);
                    let filed = Filed {
                        device: device.into(),
                        outcome: outcome.clone(),
                        digest: Some(digest.clone()),
                    };
                    writes.push(Write::Mutation {
                        id,
                        value: encode(&filed),
                    });
                    seen_in_batch.insert(id, (outcome.clone(), digest));
                    outcome
                }
            };
            results.push(PushResult { id: m.id, outcome });
        }
        if filed_count != filed_before {
            writes.push(Write::Meta {
                key: filed_key,
                value: filed_count.to_be_bytes().to_vec(),
            });
        }
        self.commit(&writes, head)?;
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use velay_core::clock::Clock;
    use velay_core::content::{read_dir, snapshot};

    use super::*;

    fn routes_data() -> Vec<Content> {
        read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")).expect("routes-data reads")
    }

    #[test]
    fn a_device_over_its_quota_is_refused_and_nothing_more_is_filed() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store.publish(&routes_data()).unwrap();
        let device = store.register([1; 32]).unwrap();
        let all: Vec<_> = (0..MAX_FILED_PER_DEVICE + 3)
            .map(|i| note("puy-ville-haute", &format!("n{i}")))
            .collect();
        for chunk in all.chunks(500) {
            store.push(&device, chunk).unwrap();
        }
        let filed = store.mutations.len();
        assert_eq!(filed, MAX_FILED_PER_DEVICE as usize);
        let again = store.push(&device, &[note("puy-ville-haute", "one more")]).unwrap();
        assert!(matches!(
            &again[0].outcome,
            Outcome::Refused { reason: Refusal::QuotaReached { limit } } if *limit == MAX_FILED_PER_DEVICE
        ));
        assert_eq!(store.mutations.len(), filed, "a refusal over the quota is not stored");
        // An earlier write sent again still gets its first answer.
        let first = store.push(&device, &all[..1]).unwrap();
        assert!(matches!(first[0].outcome, Outcome::Accepted), "{:?}", first[0].outcome);
        // Another device is not affected.
        let other = store.register([2; 32]).unwrap();
        let theirs = store.push(&other, &[note("puy-ville-haute", "mine")]).unwrap();
        assert!(matches!(theirs[0].outcome, Outcome::Accepted));
    }

    #[test]
    fn devices_that_never_wrote_are_forgotten_after_thirty_days() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store.publish(&routes_data()).unwrap();
        let idle = store.register([1; 32]).unwrap();
        let writer = store.register([2; 32]).unwrap();
        store.push(&writer, &[note("puy-ville-haute", "kept")]).unwrap();
        assert_eq!(store.expire_devices().unwrap(), 0, "both are new");
        let later = |days| {
            let at = Clock::system().local_now() + chrono::Duration::days(days);
            SledStore::open(dir.path()).map(|s| s.with_clock(Clock::starting_at(at)))
        };
        drop(store);
        let store = later(29).unwrap();
        assert_eq!(store.expire_devices().unwrap(), 0, "29 days is not yet too long");
        drop(store);
        let store = later(31).unwrap();
        assert_eq!(store.expire_devices().unwrap(), 1);
        assert_eq!(store.device([1; 32]).unwrap(), None, "{idle} is forgotten");
        assert_eq!(
            store.device([2; 32]).unwrap(),
            Some(writer),
            "a device that wrote is kept"
        );
    }

    #[test]
    fn a_fresh_import_numbers_content_as_the_app_snapshot_does() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let contents = routes_data();
        store.publish(&contents).unwrap();
        let batch = store.pull(0, 1000, None).unwrap();
        assert_eq!(batch.changes, snapshot(&contents));
        assert!(!batch.more);
    }

    #[test]
    fn publishing_the_same_set_again_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let contents = routes_data();
        let first = store.publish(&contents).unwrap();
        let again = store.publish(&contents).unwrap();
        assert_eq!((again.changed, again.deleted, again.head), (0, 0, first.head));
    }

    #[test]
    fn a_renamed_route_and_a_removed_site_come_after_the_cursor_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let mut contents = routes_data();
        let head = store.publish(&contents).unwrap().head;
        let Some(Content::Route(route)) = contents.iter_mut().find(|c| matches!(c, Content::Route(_))) else {
            panic!("routes-data has a route")
        };
        route.name.en = "Renamed".into();
        let renamed = route.id.clone();
        let site_pos = contents.iter().position(|c| c.key().id == "la-chaise-dieu").unwrap();
        contents.remove(site_pos);
        store.publish(&contents).unwrap();
        let batch = store.pull(head, 1000, None).unwrap();
        let keys: Vec<(String, bool)> = batch
            .changes
            .iter()
            .map(|c| (c.key.id.clone(), c.is_deletion()))
            .collect();
        assert_eq!(keys, vec![(renamed, false), ("la-chaise-dieu".to_string(), true)]);
        assert_eq!(batch.cursor, head + 2);
        // Nothing is left after the new cursor, and the log holds one entry per key.
        assert!(store.pull(batch.cursor, 1000, None).unwrap().changes.is_empty());
        assert_eq!(store.log.len(), store.records.len());
    }

    #[test]
    fn a_small_limit_splits_the_pull_without_gap_or_repeat() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let contents = routes_data();
        store.publish(&contents).unwrap();
        let (mut cursor, mut seen) = (0, Vec::new());
        loop {
            let batch = store.pull(cursor, 2, None).unwrap();
            seen.extend(batch.changes.iter().map(|c| c.seq));
            cursor = batch.cursor;
            if !batch.more {
                break;
            }
        }
        assert_eq!(seen, (1..=contents.len() as u64).collect::<Vec<_>>());
    }

    fn note(route: &str, text: &str) -> Mutation {
        Mutation::new(Op::Feedback {
            route: route.into(),
            text: text.into(),
        })
    }

    #[test]
    fn an_id_sent_again_with_another_payload_is_refused_and_the_nil_id_is_no_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store.publish(&routes_data()).unwrap();
        let device = store.register([1; 32]).unwrap();
        let first = note("puy-ville-haute", "Balisage effacé");
        let mut other = first.clone();
        other.op = Op::Feedback {
            route: "puy-ville-haute".into(),
            text: "Tout va bien".into(),
        };
        let taken = Outcome::Refused {
            reason: Refusal::IdTaken,
        };
        assert_eq!(
            store.push(&device, std::slice::from_ref(&first)).unwrap()[0].outcome,
            Outcome::Accepted
        );
        assert_eq!(
            store.push(&device, std::slice::from_ref(&other)).unwrap()[0].outcome,
            taken
        );
        assert_eq!(
            store.push(&device, std::slice::from_ref(&first)).unwrap()[0].outcome,
            Outcome::Accepted,
            "the first payload, sent again, keeps its answer"
        );
        let in_one_batch = store.push(&device, &[note("puy-ville-haute", "a"), other]).unwrap();
        assert_eq!(in_one_batch[1].outcome, taken);
        let mut nil = note("puy-ville-haute", "nil");
        nil.id = uuid::Uuid::nil();
        assert_eq!(store.push(&device, &[nil]).unwrap()[0].outcome, taken);
        let mine = store.pull(0, 1000, Some(&device)).unwrap();
        assert_eq!(
            mine.private.len(),
            2,
            "the first note and the one after it, nothing else"
        );
    }

    #[test]
    fn a_push_replayed_five_times_has_one_effect_and_the_same_results() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store.publish(&routes_data()).unwrap();
        let device = store.register([1; 32]).unwrap();
        let batch = vec![
            note("puy-ville-haute", "Balisage effacé"),
            note("nowhere", "?"),
            note("puy-ville-haute", " "),
        ];
        let first = store.push(&device, &batch).unwrap();
        assert_eq!(first[0].outcome, Outcome::Accepted);
        assert_eq!(
            first[1].outcome,
            Outcome::Refused {
                reason: Refusal::NoSuchRoute
            }
        );
        assert_eq!(
            first[2].outcome,
            Outcome::Refused {
                reason: velay_core::mutation::InvalidRequest::EmptyNote.into()
            }
        );
        let head = store.head().unwrap();
        for _ in 0..5 {
            assert_eq!(store.push(&device, &batch).unwrap(), first);
        }
        assert_eq!(store.head().unwrap(), head);
        let mine = store.pull(0, 1000, Some(&device)).unwrap();
        assert_eq!(mine.private.len(), 1);
    }

    #[test]
    fn a_device_never_sees_another_devices_records() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store.publish(&routes_data()).unwrap();
        let (a, b) = (store.register([1; 32]).unwrap(), store.register([2; 32]).unwrap());
        let m = note("puy-ville-haute", "Merci");
        store.push(&a, std::slice::from_ref(&m)).unwrap();
        assert_eq!(store.pull(0, 1000, Some(&a)).unwrap().private.len(), 1);
        let seen_by_b = store.pull(0, 1000, Some(&b)).unwrap();
        assert!(seen_by_b.private.is_empty());
        assert_eq!(
            seen_by_b.cursor,
            store.head().unwrap(),
            "b's cursor moves past a's record"
        );
        assert!(store.pull(0, 1000, None).unwrap().private.is_empty());
        // b replaying a's mutation id is refused and changes nothing.
        let head = store.head().unwrap();
        assert!(matches!(
            store.push(&b, &[m]).unwrap()[0].outcome,
            Outcome::Refused { .. }
        ));
        assert_eq!(store.head().unwrap(), head);
    }
}
