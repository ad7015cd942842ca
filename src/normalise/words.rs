//! Words of a text as maximal runs of word characters, found by walking bytes: a character is
//! decoded only where a byte is not ASCII (the hot loops of normalisation split every line).
//! Also the scans that take eight bytes at a time as one integer: masks of the bytes of a class
//! (ASCII letters and digits, digits, ranges), and the characters of a byte slice counted; and
//! a word lowered into a buffer instead of a new string.

/// `word` lowered as `str::to_lowercase` lowers it, into `buf`, without an allocation. `None`
/// where `buf` may be too small (it must hold three bytes per byte of `word`; lowered character
/// by character a word grows by at most half: `İ`, two bytes, lowers to three) and where the
/// lowered word holds a byte 0xCF, which leads `σ` and `ς`: `str::to_lowercase` lowers a
/// capital sigma by its neighbours, lowering character by character does not.
pub fn lowered_in<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    if word.len().saturating_mul(3) > buf.len() {
        return None;
    }
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        n += c.encode_utf8(&mut buf[n..]).len();
    }
    let lower = &buf[..n];
    (!lower.contains(&0xCF)).then_some(lower)
}

/// Which ASCII bytes are word bytes: a table looked up per byte (cheaper than the tests).
pub type AsciiWord = [bool; 128];

/// The table of the ASCII bytes in the inclusive ranges `word` (each within 0-127).
pub const fn ascii_table(word: &[(u8, u8)]) -> AsciiWord {
    let mut t = [false; 128];
    let mut k = 0;
    while k < word.len() {
        let (lo, hi) = word[k];
        let mut b = lo;
        while b <= hi {
            t[b as usize] = true;
            b += 1;
        }
        k += 1;
    }
    t
}

/// ASCII letters and digits.
pub const ALNUM: AsciiWord = ascii_table(&[(b'0', b'9'), (b'A', b'Z'), (b'a', b'z')]);
/// ASCII letters and digits and the hyphen.
pub const ALNUM_HYPHEN: AsciiWord =
    ascii_table(&[(b'0', b'9'), (b'A', b'Z'), (b'a', b'z'), (b'-', b'-')]);
/// ASCII letters and the apostrophe.
pub const ALPHA_APOSTROPHE: AsciiWord = ascii_table(&[(b'A', b'Z'), (b'a', b'z'), (b'\'', b'\'')]);

/// The top bit of each of eight bytes.
pub const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW: u64 = 0x0101_0101_0101_0101;

/// The eight bytes at `at` as one word (the first in the lowest byte), when they are there.
#[inline]
pub fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// The eight bytes at `at` as one word, when they are there and all ASCII.
#[inline]
pub fn ascii_word_at(bytes: &[u8], at: usize) -> Option<u64> {
    word_at(bytes, at).filter(|w| w & HIGH == 0)
}

/// The top bit of byte k of the result set when byte k − 1 has it in `mask` (byte 0's when
/// `before`): the bytes right after the marked ones, across the word's start.
#[inline]
pub fn after_marked(mask: u64, before: bool) -> u64 {
    (mask << 8) | if before { 0x80 } else { 0 }
}

/// The characters that start in `bytes`: the bytes that are not UTF-8 continuation bytes
/// (`0b10xx_xxxx`), counted eight at a time (the top bit set and the next one clear).
pub fn char_starts(bytes: &[u8]) -> usize {
    let words = bytes.chunks_exact(8);
    let rest = words.remainder();
    let mut continuation = 0;
    for w in words {
        let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        continuation += (w & !(w << 1) & HIGH).count_ones() as usize;
    }
    bytes.len() - continuation - rest.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// The top bit of each byte of `word` (eight ASCII bytes) that lies in `lo..=hi` (`hi` below
/// 0x7f): a byte below 0x80 plus `0x80 - lo` sets its top bit when it is at least `lo`, and
/// carries into no other byte.
#[inline]
pub fn ascii_in_range(word: u64, lo: u8, hi: u8) -> u64 {
    let from_lo = word + LOW * u64::from(0x80 - lo);
    let above_hi = word + LOW * u64::from(0x80 - (hi + 1));
    from_lo & !above_hi & HIGH
}

/// The top bit of each byte of `word` (eight ASCII bytes) that is an ASCII letter or digit
/// ([`ALNUM`]): a letter in either case is one in lower case, `| 0x20`.
#[inline]
pub fn ascii_alnum(word: u64) -> u64 {
    ascii_in_range(word, b'0', b'9') | ascii_in_range(word | (LOW * 0x20), b'a', b'z')
}

/// The top bit of each byte of `word` (any eight bytes) that is an ASCII digit: the bytes
/// are compared without their top bit (so that none carries into the next), and those that
/// have it are no digits.
#[inline]
pub fn ascii_digits(word: u64) -> u64 {
    ascii_in_range(word & !HIGH, b'0', b'9') & !word
}

/// The top bit of each byte of `word` (any eight bytes) that is zero.
#[inline]
fn zero_bytes(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((word & LOW7) + LOW7) | word) & HIGH
}

/// The top bit of each byte of `word` (any eight bytes) that is one of the lower-case ASCII
/// `letters` in either case.
#[inline]
pub fn bytes_among(word: u64, letters: &[u8]) -> u64 {
    let lowered = word | (LOW * 0x20);
    letters
        .iter()
        .fold(0, |m, &l| m | zero_bytes(lowered ^ (LOW * u64::from(l))))
}

/// The maximal runs of `text` whose ASCII bytes are word bytes in `ascii_word` and whose
/// other characters satisfy `char_word`, each with whether it is all ASCII.
pub fn runs<'t>(
    text: &'t str,
    ascii_word: &'static AsciiWord,
    char_word: impl Fn(char) -> bool,
) -> impl Iterator<Item = (&'t str, bool)> {
    let b = text.as_bytes();
    let char_at = move |i: usize| text[i..].chars().next().expect("a char boundary");
    let mut i = 0;
    std::iter::from_fn(move || loop {
        if i >= b.len() {
            return None;
        }
        let start = i;
        let mut ascii = true;
        while i < b.len() {
            if let Some(&word) = ascii_word.get(b[i] as usize) {
                if !word {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(i);
                if !char_word(c) {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        if i > start {
            return Some((&text[start..i], ascii));
        }
        // a separator
        i += if b[i].is_ascii() {
            1
        } else {
            char_at(i).len_utf8()
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lowered_on_the_stack_are_lowered_as_strings_are() {
        let mut buf = [0u8; 3 * 64];
        let mut words: Vec<String> = crate::test_texts::seed_bodies()
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_ascii())
            .map(String::from)
            .collect();
        assert!(words.len() > 100, "{} non-ASCII words", words.len());
        words.extend(["İSTANBUL", "ΟΔΥΣΣΕΥΣ", "ΣΑ", "ÉTÉ", "ǅemal", "ẞ"].map(String::from));
        words.push("İ".repeat(32));
        for w in &words {
            match lowered_in(w, &mut buf) {
                Some(lower) => assert_eq!(lower, w.to_lowercase().as_bytes(), "{w}"),
                None => assert!(w.len() > 64 || w.to_lowercase().contains(['σ', 'ς']), "{w}"),
            }
        }
        assert!(lowered_in("ΟΔΥΣΣΕΥΣ", &mut buf).is_none());
        assert!(lowered_in(&"é".repeat(33), &mut buf).is_none());
    }

    /// The letters found eight bytes at a time are those that `| 0x20` makes the letters, for
    /// every byte value in every place.
    #[test]
    fn bytes_among_are_the_letters_in_either_case() {
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut bytes = *b"xBfqGr-\xe2";
                bytes[place] = b;
                let word = u64::from_le_bytes(bytes);
                let expected = bytes.iter().enumerate().fold(0u64, |m, (k, &c)| {
                    if matches!(c | 0x20, b'b' | b'f' | b'g' | b'r') {
                        m | 0x80 << (8 * k)
                    } else {
                        m
                    }
                });
                assert_eq!(bytes_among(word, b"bfgr"), expected, "{bytes:?}");
            }
        }
    }

    /// The tables hold what the byte tests say.
    #[test]
    fn tables_are_the_byte_tests() {
        for b in 0..128u8 {
            assert_eq!(ALNUM[b as usize], b.is_ascii_alphanumeric());
            assert_eq!(
                ALNUM_HYPHEN[b as usize],
                b.is_ascii_alphanumeric() || b == b'-'
            );
            assert_eq!(
                ALPHA_APOSTROPHE[b as usize],
                b.is_ascii_alphabetic() || b == b'\''
            );
        }
    }

    /// The eight-byte masks say of every ASCII byte, in every place of the word, what the
    /// table and the range test say.
    #[test]
    fn word_masks_are_the_byte_tests() {
        for b in 0..128u8 {
            for place in 0..8 {
                let mut bytes = [b'.'; 8];
                bytes[place] = b;
                let w = ascii_word_at(&bytes, 0).expect("ASCII");
                let bit = |mask: u64| mask >> (8 * place + 7) & 1 == 1;
                assert_eq!(bit(ascii_alnum(w)), ALNUM[b as usize], "{b} at {place}");
                assert_eq!(bit(ascii_in_range(w, 9, 13)), (9..=13).contains(&b));
                assert_eq!(ascii_alnum(w) & !(0x80 << (8 * place)), 0);
            }
        }
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut bytes = [0xffu8; 8];
                bytes[place] = b;
                let digits = ascii_digits(u64::from_le_bytes(bytes));
                let want = if b.is_ascii_digit() {
                    0x80 << (8 * place)
                } else {
                    0
                };
                assert_eq!(digits, want, "{b} at {place}");
            }
        }
        assert_eq!(ascii_word_at("abcdefgé".as_bytes(), 0), None);
        assert_eq!(ascii_word_at(b"abcdefg", 0), None);
    }

    /// The runs are the non-empty pieces of `str::split` on the complement, in order.
    #[test]
    fn runs_are_the_pieces_between_separators() {
        for text in [
            "",
            "de eIDAS-verordening, l'été -- 2019/1024 ÉÉ x",
            "  identifi catie; Straße ½ naïve—œuvre ",
            "ǅ 𝔸b c",
        ] {
            let word = |c: char| c.is_alphanumeric() || c == '-';
            let got: Vec<(&str, bool)> = runs(text, &ALNUM_HYPHEN, word).collect();
            let want: Vec<(&str, bool)> = text
                .split(|c: char| !word(c))
                .filter(|w| !w.is_empty())
                .map(|w| (w, w.is_ascii()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
