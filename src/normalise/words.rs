//! Words of a text as maximal runs of word characters, found by walking bytes: a character is
//! decoded only where a byte is not ASCII (the hot loops of normalisation split every line).

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
