//! Greeters' slots on the server: the availability rules a greeter edits on their pages, the
//! dated slots those rules make (worked out here as the app works them out, see
//! [`velay_core::greeter::availability`]), and the one-off slots a greeter adds.
//!
//! Rules are content, published like any other and pulled by every device. Staff publish the
//! rules of `routes-data` until a greeter first edits theirs on the pages; from then on the
//! greeter's rules are theirs and publishing `routes-data` again leaves them as they are (the
//! store remembers it under `rules-by/<greeter>` in `meta`). The other way, where staff would
//! overwrite what a greeter set, loses a greeter's holidays without telling anyone.
//!
//! The one-off slots a greeter adds on their pages ("web slots") have ids of their own
//! ([`web_slot_id`]), so that staff publishing `routes-data` again neither compares nor
//! deletes them.

use chrono::{NaiveDate, NaiveTime};
use velay_core::greeter::{offered, split_slot_id, Availability, DaysOff, Greeter, RuleError, Slot, WINDOW_DAYS};
use velay_core::{Change, Content, Key, Kind};

use super::codec::{decode, encode, rules_by_key};
use super::sled_store::{SledStore, Write};
use super::{ServerStore, StoreError};

/// The store key prefix of the slots greeters add on their pages (see [`web_slot_id`]).
const WEB_SLOT_PREFIX: &[u8] = b"slot/w-";

/// The id of the one-off slot `greeter` adds on their pages at `date` and `start`.
pub fn web_slot_id(greeter: &str, date: NaiveDate, start: NaiveTime) -> String {
    format!("w-{greeter}-{}-{}", date.format("%Y%m%d"), start.format("%H%M"))
}

/// Whether the record under `key` is a slot a greeter added on their pages.
pub(super) fn is_web_slot(key: &[u8]) -> bool {
    key.starts_with(WEB_SLOT_PREFIX)
}

/// What the greeter pages do with slots and availability rules. A refusal the greeter can act
/// on is [`StoreError::Refused`] with its reason, or [`StoreError::Rule`].
pub trait SlotStore {
    /// The published greeter profile, if any.
    fn greeter(&self, id: &str) -> Result<Option<Greeter>, StoreError>;
    /// The greeter's availability rules, by id.
    fn greeter_rules(&self, greeter: &str) -> Result<Vec<Availability>, StoreError>;
    /// The greeter's slots from today on, those their rules make in the coming weeks and the
    /// one-off ones, with the seats held in each, by start.
    fn greeter_slots(&self, greeter: &str) -> Result<Vec<(Slot, u32)>, StoreError>;
    /// Publishes a one-off slot a greeter adds; its id is a [`web_slot_id`].
    fn add_slot(&self, slot: &Slot) -> Result<(), StoreError>;
    /// Withdraws a slot no request holds seats in: a one-off is unpublished, a rule's slot
    /// becomes a day off of its rule.
    fn remove_slot(&self, greeter: &str, id: &str) -> Result<(), StoreError>;
    /// Files a new rule (`replacing: None`) or one in place of the greeter's rule `replacing`
    /// (same id). From then on the greeter's rules are theirs: publishing routes-data again
    /// leaves them alone.
    fn save_rule(&self, rule: &Availability, replacing: Option<&str>) -> Result<(), StoreError>;
    /// Withdraws one of the greeter's rules; requests made for its slots keep them.
    fn remove_rule(&self, greeter: &str, id: &str) -> Result<(), StoreError>;
}

/// Why a greeter's change to their availability is refused: a code the greeter pages
/// translate, never free text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleRefusal {
    /// The rule itself is outside the charter or names a meeting point the greeter lacks.
    #[error(transparent)]
    Invalid(#[from] RuleError),
    #[error("there is no published greeter {0}")]
    NoGreeter(String),
    #[error("you have no rule {0}")]
    NoSuchRule(String),
    #[error("you already have a rule {0}")]
    Taken(String),
    #[error("no rule of yours offers {0}")]
    NoSuchSlot(String),
    /// A day taken off while travellers hold seats in its slot.
    #[error("travellers hold seats on {0}: decline their requests first")]
    SeatsHeld(NaiveDate),
    /// A capacity lowered below the seats requests already hold on a date.
    #[error("{seats} seats are already held on {date}: the capacity cannot go below that")]
    BelowSeatsHeld { date: NaiveDate, seats: u32 },
}

impl SlotStore for SledStore {
    fn greeter(&self, id: &str) -> Result<Option<Greeter>, StoreError> {
        let key = Key {
            kind: Kind::Greeter,
            id: id.into(),
        };
        Ok(match self.published(&key)? {
            Some(Content::Greeter(g)) => Some(*g),
            _ => None,
        })
    }

    fn greeter_rules(&self, greeter: &str) -> Result<Vec<Availability>, StoreError> {
        let prefix = [b"availability/", greeter.as_bytes(), b"-"].concat();
        let mut rules = Vec::new();
        for entry in self.records.scan_prefix(prefix) {
            let (k, v) = entry?;
            // A prefix shared with a greeter whose id goes on ("jean-paul" after "jean").
            if let Some(Content::Availability(a)) = decode::<Change>(&k, &v)?.content {
                if a.greeter == greeter {
                    rules.push(a);
                }
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(rules)
    }

    fn greeter_slots(&self, greeter: &str) -> Result<Vec<(Slot, u32)>, StoreError> {
        let slots = offered(
            &self.greeter_rules(greeter)?,
            &self.one_off_slots_of(greeter)?,
            self.clock.today(),
        );
        let mut out = Vec::with_capacity(slots.len());
        for s in slots {
            let seats = self.held_seats(&s.id)?;
            out.push((s, seats));
        }
        Ok(out)
    }

    fn add_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let Some(greeter) = self.greeter(&slot.greeter)? else {
            return Err(StoreError::Refused(format!("there is no greeter {}", slot.greeter)));
        };
        slot.check(Some(&greeter)).map_err(StoreError::Refused)?;
        if slot.has_started(self.clock.local_now()) {
            return Err(StoreError::Refused("that date and time are past".into()));
        }
        if self.published_slot(&slot.id)?.is_some() {
            return Err(StoreError::Refused("you already offer a slot at that time".into()));
        }
        let content = Content::Slot(slot.clone());
        self.write_content(content.key(), Some(content), vec![])
    }

    fn remove_slot(&self, greeter: &str, id: &str) -> Result<(), StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = self.published_slot(id)? {
            if s.greeter != greeter {
                return Err(StoreError::Refused(format!("there is no slot {id} of yours")));
            }
            if self.held_seats(id)? > 0 {
                return Err(StoreError::Refused(
                    "travellers hold seats in this slot: decline their requests first".into(),
                ));
            }
            let key = Key {
                kind: Kind::Slot,
                id: id.into(),
            };
            return self.write_content(key, None, vec![]);
        }
        let no_such = || StoreError::Rule(RuleRefusal::NoSuchSlot(id.into()));
        let (key, date) = split_slot_id(id).ok_or_else(no_such)?;
        let mut rule = self
            .rule(key)?
            .filter(|r| r.greeter == greeter && r.offers(date))
            .ok_or_else(no_such)?;
        if self.held_seats(id)? > 0 {
            return Err(StoreError::Rule(RuleRefusal::SeatsHeld(date)));
        }
        rule.off.push(DaysOff {
            first: date,
            last: date,
        });
        rule.off.sort_by_key(|o| (o.first, o.last));
        // Days off in the past say nothing any more: they go, so that the list stays short.
        let today = self.clock.today();
        rule.off.retain(|o| o.last >= today);
        let id = rule.id.clone();
        self.save_rule_locked(&rule, Some(&id))
    }

    fn save_rule(&self, rule: &Availability, replacing: Option<&str>) -> Result<(), StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        self.save_rule_locked(rule, replacing)
    }

    fn remove_rule(&self, greeter: &str, id: &str) -> Result<(), StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let key_id = format!("{greeter}-{id}");
        if self.rule(&key_id)?.filter(|r| r.greeter == greeter).is_none() {
            return Err(StoreError::Rule(RuleRefusal::NoSuchRule(id.into())));
        }
        let key = Key {
            kind: Kind::Availability,
            id: key_id,
        };
        self.write_content(key, None, vec![own(greeter)])
    }
}

impl SledStore {
    fn rule(&self, key_id: &str) -> Result<Option<Availability>, StoreError> {
        let key = Key {
            kind: Kind::Availability,
            id: key_id.into(),
        };
        Ok(match self.published(&key)? {
            Some(Content::Availability(a)) => Some(a),
            _ => None,
        })
    }

    /// The one-off slot published as `id`, if any.
    fn published_slot(&self, id: &str) -> Result<Option<Slot>, StoreError> {
        let key = Key {
            kind: Kind::Slot,
            id: id.into(),
        };
        Ok(match self.published(&key)? {
            Some(Content::Slot(s)) => Some(s),
            _ => None,
        })
    }

    /// The slot a request for `id` is judged on, from the store clock's today: a one-off slot,
    /// or the slot a published rule makes on that date if it lies before the window's end (one
    /// in the past is returned, to be refused as started).
    pub(super) fn offered_slot(&self, id: &str) -> Result<Option<Slot>, StoreError> {
        if let Some(s) = self.published_slot(id)? {
            return Ok(Some(s));
        }
        let Some((key, date)) = split_slot_id(id) else {
            return Ok(None);
        };
        let today = self.clock.today();
        let not_yet = date >= today + chrono::Duration::days(i64::from(WINDOW_DAYS));
        Ok(match self.rule(key)? {
            Some(rule) if !not_yet => rule.slot_on(date),
            _ => None,
        })
    }

    fn one_off_slots_of(&self, greeter: &str) -> Result<Vec<Slot>, StoreError> {
        let mut out = Vec::new();
        for entry in self.records.scan_prefix(b"slot/") {
            let (k, v) = entry?;
            if let Some(Content::Slot(s)) = decode::<Change>(&k, &v)?.content {
                if s.greeter == greeter {
                    out.push(s);
                }
            }
        }
        Ok(out)
    }

    fn save_rule_locked(&self, rule: &Availability, replacing: Option<&str>) -> Result<(), StoreError> {
        let refuse = |r: RuleRefusal| Err(StoreError::Rule(r));
        let Some(greeter) = self.greeter(&rule.greeter)? else {
            return refuse(RuleRefusal::NoGreeter(rule.greeter.clone()));
        };
        rule.check(Some(&greeter))
            .map_err(|e| StoreError::Rule(RuleRefusal::Invalid(e)))?;
        let existing = self.rule(&rule.key_id())?;
        // Another greeter's rule can share the content id ("jean" + "paul-x", "jean-paul" + "x").
        let mine = existing.as_ref().is_some_and(|r| r.greeter == rule.greeter);
        match replacing {
            None if existing.is_some() => return refuse(RuleRefusal::Taken(rule.id.clone())),
            Some(id) if id != rule.id || !mine => return refuse(RuleRefusal::NoSuchRule(id.into())),
            _ => {}
        }
        // The seats already held on a date stay within the capacity (the store's invariant).
        for slot in rule.expand(self.clock.today(), WINDOW_DAYS) {
            let seats = self.held_seats(&slot.id)?;
            if seats > u32::from(rule.capacity) {
                return refuse(RuleRefusal::BelowSeatsHeld { date: slot.date, seats });
            }
        }
        let content = Content::Availability(rule.clone());
        self.write_content(content.key(), Some(content), vec![own(&rule.greeter)])
    }

    /// Publishes `content` under `key` (`None` deletes it) at the next sequence, with `more`
    /// writes in the same transaction.
    fn write_content(&self, key: Key, content: Option<Content>, more: Vec<Write>) -> Result<(), StoreError> {
        let head = self.head()?;
        let k = key.to_bytes();
        let change = Change {
            seq: head + 1,
            key,
            content,
        };
        let mut writes = vec![Write::Record {
            old_seq: self.seq_of(&k)?,
            key: k,
            seq: head + 1,
            value: encode(&change),
        }];
        writes.extend(more);
        self.commit(&writes, head + 1)
    }
}

/// The write that makes `greeter`'s rules theirs.
fn own(greeter: &str) -> Write {
    Write::Meta {
        key: rules_by_key(greeter),
        value: b"1".to_vec(),
    }
}
