//! The user's own data: favourite routes, the home station they plan from, the language they
//! chose, and the private records the server sends back to this device alone (the notes it
//! received from it).

use super::{seal, Op, Store, StoreError, Tree};
use crate::sync::{PrivateChange, PrivateRecord};
use crate::Lang;

const FAVOURITE: &str = "favourite/";
const PRIVATE: &str = "private/";
const HOME: &[u8] = b"home";
const LANGUAGE: &[u8] = b"language";

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
}
