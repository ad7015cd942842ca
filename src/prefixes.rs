//! A set of byte strings known only by how they begin (their first byte and first two bytes):
//! the quick "could one of them begin here?" asked before a costlier look. Shared by the
//! gazetteer's name search and the hyphenation vocabulary.

/// How the strings of a set begin.
pub struct Prefixes {
    /// Whether some string begins with this byte.
    first_byte: [bool; 256],
    /// Whether some string begins with this pair of bytes (bit `b0 << 8 | b1`); a one-byte
    /// string begins every pair that starts with its byte.
    first_pair: Box<[u64; 1024]>,
}

impl Default for Prefixes {
    fn default() -> Self {
        Prefixes {
            first_byte: [false; 256],
            first_pair: Box::new([0; 1024]),
        }
    }
}

impl Prefixes {
    /// Adds how `s` begins (nothing for an empty `s`).
    pub fn add(&mut self, s: &[u8]) {
        match *s {
            [b0, b1, ..] => {
                self.first_byte[b0 as usize] = true;
                self.set_pair(b0, b1);
            }
            [b0] => {
                self.first_byte[b0 as usize] = true;
                for b1 in 0..=255 {
                    self.set_pair(b0, b1);
                }
            }
            [] => {}
        }
    }

    fn set_pair(&mut self, b0: u8, b1: u8) {
        let pair = pair(b0, b1);
        self.first_pair[pair / 64] |= 1 << (pair % 64);
    }

    /// Whether some string of the set begins with byte `b`.
    pub fn may_begin_with(&self, b: u8) -> bool {
        self.first_byte[b as usize]
    }

    /// Whether some string of the set may begin `s`, judging by its first two bytes (by its
    /// byte, for a one-byte `s`).
    #[inline]
    pub fn may_begin(&self, s: &[u8]) -> bool {
        match *s {
            [b0, b1, ..] => {
                let pair = pair(b0, b1);
                self.first_pair[pair / 64] & (1 << (pair % 64)) != 0
            }
            [b0] => self.first_byte[b0 as usize],
            [] => false,
        }
    }
}

fn pair(b0: u8, b1: u8) -> usize {
    (b0 as usize) << 8 | b1 as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_begin_by_their_first_two_bytes() {
        let mut p = Prefixes::default();
        p.add(b"europe");
        p.add(b"x");
        assert!(p.may_begin(b"eu") && p.may_begin(b"euro") && p.may_begin(b"e"));
        assert!(!p.may_begin(b"ea") && !p.may_begin(b"ue") && !p.may_begin(b""));
        // a one-byte string begins whatever starts with its byte
        assert!(p.may_begin(b"x") && p.may_begin(b"xyz") && p.may_begin(b"x-"));
        assert!(p.may_begin_with(b'e') && p.may_begin_with(b'x') && !p.may_begin_with(b'u'));
    }
}
