//! Sentence splitting that respects abbreviations (`art.`, `n°`, `nr.`, `e.g.`, `bv.`, `M.`),
//! initials, section numbers and act numbers.

use super::mapped::MappedText;

const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "n°", "nr", "nrs", "no", "nos", "e.g", "i.e", "bv", "m", "mme", "mm", "dr",
    "prof", "p", "pp", "cf", "vs", "st", "resp", "incl", "o.a", "e.a", "dhr", "mevr", "ca", "vol",
    "fig", "ir", "mr", "mrs", "ms", "jr", "sr", "min", "approx", "al", "z.b", "d.h", "u.a", "bzw",
    "vgl", "ggf", "nl", "fr", "blz", "par", "ex", "cfr", "enz", "bijv", "vb", "mgr", "sen", "rep",
    "co", "inc", "ltd", "av", "bd", "tel", "zgn",
];

/// Where the terminators may start, in order: the bytes `.`, `!`, `?` and the lead byte of
/// `…` (never inside a character), found with memchr (the first three together, the lead byte
/// apart, its next place remembered).
fn terminator_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    // the next lead byte of `…` (none: none is left)
    let mut lead = memchr::memchr(0xE2, bytes);
    std::iter::from_fn(move || {
        if lead.is_some_and(|l| l < from) {
            lead = memchr::memchr(0xE2, &bytes[from..]).map(|r| from + r);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|r| from + r);
        let i = stop.into_iter().chain(lead).min()?;
        from = i + 1;
        Some(i)
    })
}

/// Byte ranges of the sentences of `text` (trimmed).
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let char_at = |at: usize| text[at..].chars().next();
    for i in terminator_bytes(text.as_bytes()) {
        let c = char_at(i).expect("a terminator's first byte");
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // the terminator may be followed by closing quotes/brackets; the sentence ends at `j`
        let mut j = i + c.len_utf8();
        while let Some(q) = char_at(j).filter(|q| matches!(q, '"' | '\'' | '»' | '”' | ')')) {
            j += q.len_utf8();
        }
        let Some(after) = char_at(j) else {
            break;
        };
        if !after.is_whitespace() {
            continue;
        }
        let mut n = j;
        while let Some(w) = char_at(n).filter(|w| w.is_whitespace()) {
            n += w.len_utf8();
        }
        let Some(next) = char_at(n) else {
            break;
        };
        let opens = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '«' | '“' | '(' | '—' | '–' | '\'' | '[');
        if !opens {
            continue;
        }
        if c == '.' && !is_sentence_dot(text, start, i) {
            continue;
        }
        push_trimmed(text, start, j, &mut out);
        start = n;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let a = start + (s.len() - s.trim_start().len());
    let b = start + s.trim_end().len();
    if a < b {
        out.push((a, b));
    }
}

/// Is the dot at byte `dot` the end of a sentence that started at `start`?
fn is_sentence_dot(text: &str, start: usize, dot: usize) -> bool {
    let before = &text[start..dot];
    let token = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    // an ASCII token is lowered in the comparison, another one first (most have a dot after
    // them, so this runs for most sentences)
    let abbreviation = if token.is_ascii() {
        ABBREVIATIONS.iter().any(|a| token.eq_ignore_ascii_case(a))
    } else {
        ABBREVIATIONS.contains(&token.to_lowercase().as_str())
    };
    if abbreviation {
        return false;
    }
    // an initial (`A. De Croo`) or a dotted abbreviation (`e.g`, `o.a`)
    let mut letters = token.chars().filter(|c| c.is_alphabetic());
    let initial = match (letters.next(), letters.next()) {
        (Some(only), None) => only.is_uppercase(),
        _ => false,
    };
    if initial && token.chars().count() <= 2 {
        return false;
    }
    if token.contains('.')
        && token.chars().filter(|c| c.is_alphabetic()).count() <= 4
        && !token.ends_with(')')
    {
        return false;
    }
    // a section number at the start of the sentence (`1.`, `2.3.`, `IV.`)
    if before.trim() == token {
        let t = token.trim_end_matches('.');
        let numeric = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
        let roman = !t.is_empty() && t.len() <= 4 && t.chars().all(|c| "IVXL".contains(c));
        if numeric || roman {
            return false;
        }
    }
    true
}

/// Splits a paragraph into sentence texts that keep their offset maps.
pub fn split_mapped(p: &MappedText) -> Vec<MappedText> {
    split(&p.text)
        .into_iter()
        .map(|(a, b)| p.slice(a, b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn terminators_are_every_stop_byte_in_order() {
        let mut texts = crate::test_texts::seed_bodies();
        texts.push("…Quoi?! Oui… « Non. » — Fin…".to_string());
        texts.push("€ ‘’ … .".repeat(40));
        for t in &texts {
            let want: Vec<usize> = (0..t.len())
                .filter(|&i| matches!(t.as_bytes()[i], b'.' | b'!' | b'?' | 0xE2))
                .collect();
            assert_eq!(terminator_bytes(t.as_bytes()).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sents("L'IBPT est désigné. Il supervise le DSA! Quoi? Oui."),
            vec![
                "L'IBPT est désigné.",
                "Il supervise le DSA!",
                "Quoi?",
                "Oui."
            ]
        );
    }

    #[test]
    fn abbreviations_numbers_and_initials_do_not_end_sentences() {
        let cases = [
            "Voir art. 32 du règlement (UE) n° 2016/679. Suite.",
            "Zie bv. de wet van 7 april 2019 nr. 5 en de richtlijn. Volgende.",
            "Tools, e.g. Smart Nation and eBox, are used. Next.",
            "M. Dupont a dit que le point 1.1 est clair. Ensuite.",
            "Minister A. De Croo plant het. Daarna.",
        ];
        for c in cases {
            assert_eq!(sents(c).len(), 2, "{c}");
        }
    }

    #[test]
    fn section_numbers_stay_with_their_heading() {
        assert_eq!(
            sents("1. Een sterk identificatie- en access management"),
            vec!["1. Een sterk identificatie- en access management"]
        );
        assert_eq!(
            sents("IV. Digitale economie"),
            vec!["IV. Digitale economie"]
        );
    }
}
