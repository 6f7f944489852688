//! The keys an imported file has named so far, to find a repeated key from the keys
//! themselves (not from the engine's row order). A key is kept as a 128-bit hash of its text
//! (two SipHash-1-3 with independent random keys) beside where it was first, instead of every
//! key's text (a 1,000,000-row import peaks at 128 MiB with it, 179 MiB with the text); a false
//! "repeated" needs two different keys of one file to agree on 128 random bits (about 10^-27
//! for a million rows).

use super::lines::Pos;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// The keys met so far, with the position of each one's first row.
pub struct Seen {
    first: HashMap<u128, Pos, BuildHasherDefault<Folded>>,
    a: RandomState,
    b: RandomState,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            first: HashMap::default(),
            a: RandomState::new(),
            b: RandomState::new(),
        }
    }
}

impl Seen {
    fn hash(&self, key: &str) -> u128 {
        (u128::from(self.a.hash_one(key)) << 64) | u128::from(self.b.hash_one(key))
    }

    /// Where `key` was first met, if it was.
    pub fn get(&self, key: &str) -> Option<Pos> {
        self.first.get(&self.hash(key)).copied()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.first.contains_key(&self.hash(key))
    }

    /// Records `key` as first met at `pos` (a key met again keeps its first position).
    pub fn insert(&mut self, key: &str, pos: Pos) {
        let h = self.hash(key);
        self.first.entry(h).or_insert(pos);
    }
}

/// The hasher of the map: its keys are already uniform hashes, so it folds them.
#[derive(Default)]
pub struct Folded(u64);

impl Hasher for Folded {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(b);
        }
    }

    fn write_u128(&mut self, v: u128) {
        self.0 = (v as u64) ^ ((v >> 64) as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_again_with_its_first_position_and_others_are_not() {
        let mut seen = Seen::default();
        let at = |line| Pos {
            byte: line * 10,
            line,
        };
        for (i, k) in ["C-1", "C-2", "CQ-001|training|2024-01-01|t"].iter().enumerate() {
            assert!(seen.get(k).is_none());
            seen.insert(k, at(i as u64 + 2));
        }
        seen.insert("C-1", at(9));
        assert_eq!(seen.get("C-1").map(|p| p.line), Some(2));
        assert!(seen.contains("C-2"));
        assert!(!seen.contains("C-3"));
        assert!(seen.get("CQ-001|training|2024-01-01|").is_none());
    }
}
