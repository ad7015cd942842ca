//! A set of words as byte strings, those of eight bytes or fewer (most words) kept as integers:
//! hashed and compared in one step, and stored without an allocation each.

use rustc_hash::FxHashSet;

/// Words as byte strings (UTF-8 text, so without a zero byte).
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    short: FxHashSet<u64>,
    long: FxHashSet<Box<[u8]>>,
}

/// `word` as an integer when it has at most eight bytes: its bytes, then zeros (a word has no
/// zero byte, so no two words share an integer).
fn packed(word: &[u8]) -> Option<u64> {
    debug_assert!(!word.contains(&0), "a word has no zero byte");
    let mut bytes = [0u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

impl WordSet {
    /// Room for `n` more words of eight bytes or fewer.
    pub fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }

    pub fn insert(&mut self, word: &[u8]) {
        match packed(word) {
            Some(k) => {
                self.short.insert(k);
            }
            None => {
                if !self.long.contains(word) {
                    self.long.insert(word.into());
                }
            }
        }
    }

    pub fn contains(&self, word: &[u8]) -> bool {
        match packed(word) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(word),
        }
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_subset(&self, other: &WordSet) -> bool {
        self.short.is_subset(&other.short) && self.long.is_subset(&other.long)
    }
}

impl<W: AsRef<[u8]>> FromIterator<W> for WordSet {
    fn from_iter<I: IntoIterator<Item = W>>(words: I) -> WordSet {
        let mut set = WordSet::default();
        for w in words {
            set.insert(w.as_ref());
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_any_length_are_members_alone() {
        let words = [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "éé",
            "ééééé",
            "identificatie",
        ];
        let set: WordSet = words.iter().collect();
        assert_eq!(set.len(), words.len());
        for w in words {
            assert!(set.contains(w.as_bytes()), "{w}");
        }
        for w in ["abc", "abcdefg", "abcdefghij", "é", "identificati", "b"] {
            assert!(!set.contains(w.as_bytes()), "{w}");
        }
        let some: WordSet = ["ab", "abcdefghi"].iter().collect();
        assert!(some.is_subset(&set) && !set.is_subset(&some));
    }
}
