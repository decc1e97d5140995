//! An id → index map for the hot loops of scoring and validation, which look ids up in the
//! order a file holds them. The hash is `rustc-hash`'s (Fx): ids come from the scorecard, and
//! the standard SipHash costs more than the rest of scoring a rating.

use rustc_hash::FxHashMap;

/// An id → index map that remembers its last answer. Ratings come in runs (one evaluator's
/// ratings of one vendor, or one requirement's ratings by every evaluator) and in the order of
/// the ids (evaluators one after another, requirements in tree order), so most look-ups are the
/// previous id again or the one after it, and cost a string comparison instead of a hash.
pub(crate) struct IdLookup<'a> {
    map: FxHashMap<&'a str, usize>,
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
        let mut map = FxHashMap::default();
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
