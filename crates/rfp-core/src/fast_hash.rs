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
/// ratings of one vendor, or one requirement's ratings by every evaluator), so most look-ups
/// are the previous id again and cost one string comparison instead of a hash.
pub(crate) struct IdLookup<'a> {
    map: FastMap<&'a str, usize>,
    last: std::cell::Cell<Option<(&'a str, usize)>>,
}

impl<'a> IdLookup<'a> {
    /// Index the ids in order; a repeated id keeps its first index.
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> IdLookup<'a> {
        let mut map = FastMap::default();
        for (i, id) in ids.into_iter().enumerate() {
            map.entry(id).or_insert(i);
        }
        IdLookup {
            map,
            last: std::cell::Cell::new(None),
        }
    }

    /// The index of `id`, if known.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        if let Some((last, index)) = self.last.get() {
            if last == id {
                return Some(index);
            }
        }
        let (key, index) = self.map.get_key_value(id)?;
        self.last.set(Some((key, *index)));
        Some(*index)
    }
}
