//! Map tiles kept on the device, fetched along a route while online, so the map shows offline.

use super::{seal, Op, Store, StoreError, Tree};

fn key(z: u8, x: u32, y: u32) -> Vec<u8> {
    let mut k = vec![z];
    k.extend_from_slice(&x.to_be_bytes());
    k.extend_from_slice(&y.to_be_bytes());
    k
}

impl Store {
    pub fn put_tile(&self, z: u8, x: u32, y: u32, png: &[u8]) -> Result<(), StoreError> {
        self.commit(&[Op::Put(Tree::Tiles, key(z, x, y), seal(png))])
    }

    pub fn tile(&self, z: u8, x: u32, y: u32) -> Result<Option<Vec<u8>>, StoreError> {
        self.get_sealed(Tree::Tiles, &key(z, x, y))
    }
}
