//! Words of a text as maximal runs of word characters, found by walking bytes: a character is
//! decoded only where a byte is not ASCII (the hot loops of normalisation split every line).

/// The maximal runs of `text` whose ASCII bytes satisfy `ascii_word` and whose other
/// characters satisfy `char_word`, each with whether it is all ASCII.
pub fn runs(
    text: &str,
    ascii_word: impl Fn(u8) -> bool,
    char_word: impl Fn(char) -> bool,
) -> impl Iterator<Item = (&str, bool)> {
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
            if b[i].is_ascii() {
                if !ascii_word(b[i]) {
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
            let got: Vec<(&str, bool)> = runs(text, |b| word(b as char), word).collect();
            let want: Vec<(&str, bool)> = text
                .split(|c: char| !word(c))
                .filter(|w| !w.is_empty())
                .map(|w| (w, w.is_ascii()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
