//! The user's own data: favourite routes, the home station they plan from, the language they
//! chose, the days they kept (trips), and the private records the server sends back to this device alone (the notes it
//! received from it).

use super::{seal, Op, Store, StoreError, Tree};
use crate::sync::{PrivateChange, PrivateRecord};
use crate::trip::Trip;
use crate::Lang;
use uuid::Uuid;

const FAVOURITE: &str = "favourite/";
const PRIVATE: &str = "private/";
const HOME: &[u8] = b"home";
const LANGUAGE: &[u8] = b"language";
const TRIP: &str = "trip/";

impl Store {
    /// Marks or unmarks a route as a favourite; on disk when it returns.
    pub fn set_favourite(&self, route: &str, on: bool) -> Result<(), StoreError> {
        let key = format!("{FAVOURITE}{route}").into_bytes();
        let _w = self.lock();
        self.commit(&[match on {
            true => Op::Put(Tree::User, key, seal(b"true")),
            false => Op::Delete(Tree::User, key),
        }])
    }

    pub fn favourites(&self) -> Result<Vec<String>, StoreError> {
        let keys = self.backend.scan(Tree::User, FAVOURITE.as_bytes())?;
        Ok(keys
            .into_iter()
            .map(|(k, _)| String::from_utf8_lossy(&k[FAVOURITE.len()..]).into_owned())
            .collect())
    }

    /// Keeps the home station (a GTFS stop id) the person plans from; on disk when it returns.
    pub fn set_home_station(&self, stop: &str) -> Result<(), StoreError> {
        let _w = self.lock();
        self.commit(&[Op::Put(Tree::User, HOME.to_vec(), seal(stop.as_bytes()))])
    }

    /// The home station last kept, if any.
    pub fn home_station(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .get_sealed(Tree::User, HOME)?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// Keeps the language the person chose in the app; on disk when it returns.
    pub fn set_language(&self, lang: Lang) -> Result<(), StoreError> {
        let _w = self.lock();
        self.commit(&[Op::Put(Tree::User, LANGUAGE.to_vec(), seal(lang.code().as_bytes()))])
    }

    /// The language last chosen in the app, if any.
    pub fn language(&self) -> Result<Option<Lang>, StoreError> {
        Ok(self
            .get_sealed(Tree::User, LANGUAGE)?
            .and_then(|v| Lang::from_code(&String::from_utf8_lossy(&v))))
    }

    /// Keeps a planned day on the device; on disk when it returns.
    pub fn save_trip(&self, trip: &Trip) -> Result<(), StoreError> {
        let json = serde_json::to_vec(trip).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let _w = self.lock();
        self.commit(&[Op::Put(
            Tree::User,
            format!("{TRIP}{}", trip.id).into_bytes(),
            seal(&json),
        )])
    }

    /// The days kept, by date.
    pub fn trips(&self) -> Result<Vec<Trip>, StoreError> {
        let mut trips: Vec<Trip> = self.scan_json(Tree::User, TRIP.as_bytes())?;
        trips.sort_by_key(|t| (t.date, t.span().map(|s| s.0)));
        Ok(trips)
    }

    pub fn delete_trip(&self, id: Uuid) -> Result<(), StoreError> {
        let _w = self.lock();
        self.commit(&[Op::Delete(Tree::User, format!("{TRIP}{id}").into_bytes())])
    }

    /// The records the server keeps for this device, by id.
    pub fn private_records(&self) -> Result<Vec<PrivateRecord>, StoreError> {
        self.scan_json(Tree::User, PRIVATE.as_bytes())
    }
}

pub(super) fn private_ops<'a>(changes: impl Iterator<Item = &'a PrivateChange>) -> Vec<Op> {
    changes
        .map(|c| {
            let key = format!("{PRIVATE}{}", c.id).into_bytes();
            match &c.record {
                Some(r) => Op::Put(
                    Tree::User,
                    key,
                    seal(&serde_json::to_vec(r).expect("a record serialises")),
                ),
                None => Op::Delete(Tree::User, key),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_chosen_is_kept_across_a_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.language().unwrap(), None);
        store.set_language(Lang::En).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.language().unwrap(), Some(Lang::En));
    }

    #[test]
    fn a_kept_day_is_listed_after_a_reopening_until_it_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let trip = crate::trip::tests::a_kept_day();
        store.save_trip(&trip).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.trips().unwrap(), vec![trip.clone()]);
        store.delete_trip(trip.id).unwrap();
        assert!(store.trips().unwrap().is_empty());
    }
}
