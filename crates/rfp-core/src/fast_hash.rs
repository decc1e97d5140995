//! A small, fast, non-cryptographic hasher for the id → index maps of scoring and validation
//! (rustc's Fx hash with a finalizer). Keys are ids from the scorecard, not attacker-chosen at scale, and the
//! standard SipHash costs more than the rest of scoring a rating.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hasher: multiply-rotate over 8-byte words.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    /// The multiply only carries low bits upward, and ids such as `e1`, `e2` differ in their high
    /// bytes, so the state is mixed (MurmurHash3's 64-bit finalizer) before the table uses its low bits.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with the Fx hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with the Fx hasher.
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// An id → index map that remembers its last answer. Ratings come in runs (one evaluator's
/// ratings of one vendor, or one requirement's ratings by every evaluator) and in the order of
/// the ids (evaluators one after another, requirements in tree order), so most look-ups are the
/// previous id again or the one after it, and cost a string comparison instead of a hash.
pub(crate) struct IdLookup<'a> {
    map: FastMap<&'a str, usize>,
    /// The ids in order.
    ids: Vec<&'a str>,
    /// For each position, the index its id answers with (a repeated id keeps its first).
    first: Vec<usize>,
    /// The position of the last id found.
    last: std::cell::Cell<usize>,
}

impl<'a> IdLookup<'a> {
    /// Index the ids in order; a repeated id keeps its first index.
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> IdLookup<'a> {
        let ids: Vec<&'a str> = ids.into_iter().collect();
        let mut map = FastMap::default();
        let first = ids
            .iter()
            .enumerate()
            .map(|(i, id)| *map.entry(*id).or_insert(i))
            .collect();
        IdLookup {
            map,
            ids,
            first,
            last: std::cell::Cell::new(0),
        }
    }

    /// The index of `id`, if known.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        // The same id again, the next one, or back to the first.
        let last = self.last.get();
        for guess in [last, last + 1, 0] {
            if self.ids.get(guess).is_some_and(|known| *known == id) {
                self.last.set(guess);
                return Some(self.first[guess]);
            }
        }
        let index = *self.map.get(id)?;
        self.last.set(index);
        Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the order of the look-ups, the answer is the map's: the first index of the
        /// id, or none.
        #[test]
        fn look_ups_answer_as_a_map_does(
            ids in prop::collection::vec("[abc]{1,2}", 0..12),
            queries in prop::collection::vec("[abcd]{1,2}", 0..60),
        ) {
            let lookup = IdLookup::new(ids.iter().map(String::as_str));
            for query in &queries {
                let expected = ids.iter().position(|id| id == query);
                prop_assert_eq!(lookup.get(query), expected, "{}", query);
            }
            // In order, as a file's ratings usually come.
            for (i, id) in ids.iter().enumerate() {
                let first = ids.iter().position(|other| other == id);
                prop_assert_eq!(lookup.get(id), first, "{} at {}", id, i);
            }
        }
    }
}
