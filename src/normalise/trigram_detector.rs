//! whatlang's language detector (0.16.4, method `Combined`, with an allow-list), re-done for
//! Latin text and the four languages of policygraph so that it gives the same language and the
//! same confidence bit for bit, at a fraction of the cost: the line's few trigrams are looked up
//! in a rank table, where whatlang scans each allowed language's 300-trigram profile per call.
//!
//! The steps are whatlang's, in its order (including its unstable sorts, which are
//! deterministic on these small inputs): the text lowercased; an alphabet score per language
//! (letters of its alphabet against all letters); a trigram distance per language (the text's
//! trigrams ranked by count, each compared with its rank in the profile); the two mixed by
//! weights that depend on the number of letters; the confidence from the best two. Text with a
//! character of another script (or one whose script whatlang would count) is not handled here:
//! [`detect`] answers `None` and the caller asks whatlang.

use super::trigram_profiles as profiles;
use crate::lang::Lang;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// whatlang's `Info`: the language and the confidence, or no language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Detected(Lang, f64),
    Nothing,
}

/// The languages in the order of whatlang's lists (the Latin script's and the profiles' agree).
const ORDER: [Lang; 4] = [Lang::En, Lang::Fr, Lang::De, Lang::Nl];

const MAX_TRIGRAM_DISTANCE: i64 = 300;
const MAX_TOTAL_DISTANCE: i64 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
const TEXT_TRIGRAMS_SIZE: usize = 600;

fn is_stop_char(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

fn is_latin(ch: char) -> bool {
    matches!(ch,
        'a'..='z'
        | 'A'..='Z'
        | '\u{0080}'..='\u{00FF}'
        | '\u{0100}'..='\u{017F}'
        | '\u{0180}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1D7F}'
        | '\u{1D80}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2100}'..='\u{214F}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
    )
}

/// Punctuation and currency signs, which no script of whatlang counts.
fn is_scriptless(ch: char) -> bool {
    matches!(ch, '\u{2000}'..='\u{206F}' | '\u{20A0}'..='\u{20CF}')
}

/// The letters of each language's alphabet beyond `a`-`z` (which all four have), as whatlang
/// lists them.
fn extra_letters(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Fr => "àâçèéêëîïôùûüÿœ",
        Lang::De => "ßäöü",
        Lang::Nl => "àèéëïĳ",
    }
}

fn profile(lang: Lang) -> &'static [&'static str; 300] {
    match lang {
        Lang::En => &profiles::ENG,
        Lang::Fr => &profiles::FRA,
        Lang::De => &profiles::DEU,
        Lang::Nl => &profiles::NLD,
    }
}

/// Three characters packed in one integer (21 bits each: every `char` fits), ordered as the
/// triple of characters is: cheaper to hash and to sort than the triple.
type Trigram = u64;

fn pack(a: char, b: char, c: char) -> Trigram {
    (a as u64) << 42 | (b as u64) << 21 | c as u64
}

fn trigram(s: &str) -> Trigram {
    let mut c = s.chars();
    match (c.next(), c.next(), c.next()) {
        (Some(a), Some(b), Some(c)) => pack(a, b, c),
        _ => unreachable!("a profile's trigram has three characters"),
    }
}

/// For each trigram of any profile, its rank in each language's profile.
static RANKS: LazyLock<FxHashMap<Trigram, [Option<u16>; 4]>> = LazyLock::new(|| {
    let mut ranks: FxHashMap<Trigram, [Option<u16>; 4]> = FxHashMap::default();
    for (k, lang) in ORDER.iter().enumerate() {
        for (i, t) in profile(*lang).iter().enumerate() {
            ranks.entry(trigram(t)).or_insert([None; 4])[k] = Some(i as u16);
        }
    }
    ranks
});

/// One item per language asked about (at most the four there are): kept on the stack, as this
/// runs for many lines of a document.
type PerLang<T> = smallvec::SmallVec<[T; 4]>;

/// `counted` (distinct trigrams in ascending order, each with its count) sorted by count, then
/// by trigram, both descending: a counting sort (counts are small), walking `counted` backwards
/// so that each count's trigrams come out descending.
fn ranked_by_count(counted: &[(u32, Trigram)]) -> Vec<(u32, Trigram)> {
    let most = counted.iter().map(|&(n, _)| n as usize).max().unwrap_or(0);
    // where each count's trigrams begin in the answer: the higher counts first
    let mut begin = vec![0usize; most + 2];
    for &(n, _) in counted {
        begin[most - n as usize + 1] += 1;
    }
    for k in 1..begin.len() {
        begin[k] += begin[k - 1];
    }
    let mut out = vec![(0, 0); counted.len()];
    for &(n, t) in counted.iter().rev() {
        let slot = &mut begin[most - n as usize];
        out[*slot] = (n, t);
        *slot += 1;
    }
    out
}

/// whatlang's detection of `text` among `allowed`; `None` when the text is not for this path
/// (a character of another script), so that whatlang itself must be asked.
pub fn detect(text: &str, allowed: &[Lang]) -> Option<Outcome> {
    // the allowed languages in whatlang's order, and where each is in ORDER (and in a rank
    // table's entry)
    let slots: PerLang<usize> = (0..ORDER.len())
        .filter(|&k| allowed.contains(&ORDER[k]))
        .collect();
    let langs: PerLang<Lang> = slots.iter().map(|&k| ORDER[k]).collect();

    // one pass over the text, lowercased (as whatlang lowercases the whole text: one character
    // at a time, since the script check below leaves out Greek, whose final sigma alone
    // depends on its neighbours): the script check, the alphabets' counts and the trigrams
    let mut latin = false;
    let mut letters = 0usize;
    // letters `a`-`z`, in every alphabet; and the others of each language's alphabet
    let mut ascii_letters = 0usize;
    let mut in_alphabet = [0usize; 4];
    // every trigram of the text, stop characters read as spaces and a space after the end,
    // except those centred on a space beside another
    let mut seen: Vec<Trigram> = Vec::with_capacity(text.len() + 1);
    let (mut c1, mut c2) = (' ', ' ');
    let mut next = |c3: char| {
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            seen.push(pack(c1, c2, c3));
        }
        (c1, c2) = (c2, c3);
    };
    for ch in text.chars() {
        if ch.is_ascii() {
            if ch == '\u{7f}' {
                // the one ASCII character that is neither a letter nor a stop character
                return None;
            }
            let lower = ch.to_ascii_lowercase();
            if is_stop_char(lower) {
                next(' ');
            } else {
                // an ASCII character that is no stop character is a letter
                latin = true;
                letters += 1;
                ascii_letters += 1;
                next(lower);
            }
            continue;
        }
        if is_latin(ch) {
            latin = true;
        } else if !is_scriptless(ch) {
            return None;
        }
        for lower in ch.to_lowercase() {
            if is_stop_char(lower) {
                next(' ');
                continue;
            }
            letters += 1;
            if lower.is_ascii_lowercase() {
                ascii_letters += 1;
            } else {
                for (k, l) in langs.iter().enumerate() {
                    if extra_letters(*l).contains(lower) {
                        in_alphabet[k] += 1;
                    }
                }
            }
            next(lower);
        }
    }
    next(' ');
    if !latin {
        // no script at all
        return Some(Outcome::Nothing);
    }
    for n in &mut in_alphabet {
        *n += ascii_letters;
    }

    // alphabets
    let mut alphabet_raw: PerLang<(Lang, usize)> = langs
        .iter()
        .enumerate()
        .map(|(k, l)| (*l, (2 * in_alphabet[k]).saturating_sub(letters)))
        .collect();
    alphabet_raw.sort_unstable_by_key(|(_, score)| std::cmp::Reverse(*score));
    let alphabet_scores: PerLang<(Lang, f64)> = alphabet_raw
        .iter()
        .map(|&(l, raw)| (l, raw as f64 / letters as f64))
        .collect();

    // trigrams ranked by count, then by trigram, both descending (a total order: whatlang's
    // sort of its count map gives the same)
    seen.sort_unstable();
    let mut counted: Vec<(u32, Trigram)> = Vec::with_capacity(seen.len());
    for t in seen {
        match counted.last_mut() {
            Some((n, last)) if *last == t => *n += 1,
            _ => counted.push((1, t)),
        }
    }
    let mut by_count = ranked_by_count(&counted);
    by_count.truncate(TEXT_TRIGRAMS_SIZE);
    let unique = by_count.len() as i64;
    // distance: 300 for each profile trigram the text lacks, |position − rank| for the others
    let mut matched_distance = [0i64; 4];
    let mut matched = [0i64; 4];
    for (pos, (_, t)) in by_count.iter().enumerate() {
        if let Some(ranks) = RANKS.get(t) {
            for (k, &slot) in slots.iter().enumerate() {
                if let Some(rank) = ranks[slot] {
                    matched_distance[k] += (pos as i64 - rank as i64).abs();
                    matched[k] += 1;
                }
            }
        }
    }
    let mut distances: PerLang<(Lang, i64)> = langs
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let mut total =
                matched_distance[k] + (MAX_TRIGRAM_DISTANCE - matched[k]) * MAX_TRIGRAM_DISTANCE;
            if MAX_TRIGRAM_DISTANCE > unique {
                total -= (MAX_TRIGRAM_DISTANCE - unique) * MAX_TRIGRAM_DISTANCE;
            }
            (*l, total.clamp(0, MAX_TOTAL_DISTANCE))
        })
        .collect();
    distances.sort_unstable_by_key(|(_, d)| *d);
    let max_distance = unique * MAX_TRIGRAM_DISTANCE;
    let trigram_scores: PerLang<(Lang, f64)> = distances
        .iter()
        .map(|&(l, d)| (l, (max_distance - d) as f64 / max_distance as f64))
        .collect();

    // combined
    let mut all: PerLang<Lang> = alphabet_scores.iter().map(|x| x.0).collect();
    for (l, _) in &trigram_scores {
        if !all.contains(l) {
            all.push(*l);
        }
    }
    let alphabet_weight = (-(letters as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
    let trigram_weight = 1.0 - alphabet_weight;
    let find = |v: &[(Lang, f64)], l: Lang| v.iter().find(|(x, _)| *x == l).map_or(0.0, |x| x.1);
    let mut scores: PerLang<(Lang, f64)> = all
        .into_iter()
        .map(|l| {
            (
                l,
                find(&alphabet_scores, l) * alphabet_weight
                    + find(&trigram_scores, l) * trigram_weight,
            )
        })
        .collect();
    scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less));
    let Some(&(best, s1)) = scores.first() else {
        return Some(Outcome::Nothing);
    };
    let confidence = match scores.get(1) {
        Some(&(_, s2)) => confidence(s1, s2, unique as usize),
        None => 1.0,
    };
    Some(Outcome::Detected(best, confidence))
}

/// whatlang's `calculate_confidence`.
fn confidence(highest: f64, second: f64, count: usize) -> f64 {
    if highest == 0.0 {
        return 0.0;
    }
    if second == 0.0 {
        return highest;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest - second) / second;
    if rate > confident_rate {
        1.0
    } else {
        rate / confident_rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whatlang(text: &str, allowed: &[Lang]) -> Outcome {
        use crate::normalise::langid::{from_whatlang, to_whatlang};
        let det =
            whatlang::Detector::with_allowlist(allowed.iter().map(|l| to_whatlang(*l)).collect());
        det.detect(text)
            .and_then(|info| {
                Some(Outcome::Detected(
                    from_whatlang(info.lang())?,
                    info.confidence(),
                ))
            })
            .unwrap_or(Outcome::Nothing)
    }

    fn same(text: &str, allowed: &[Lang]) -> bool {
        match detect(text, allowed) {
            None => true,
            Some(ours) => {
                let theirs = whatlang(text, allowed);
                match (ours, theirs) {
                    (Outcome::Detected(a, x), Outcome::Detected(b, y)) => {
                        a == b && x.to_bits() == y.to_bits()
                    }
                    (a, b) => a == b,
                }
            }
        }
    }

    /// The counting sort orders as the comparison sort whatlang's order was first written with.
    #[test]
    fn trigrams_ranked_by_count_as_by_sorting() {
        let mut seed = 11u64;
        for n in 0..200usize {
            let mut counted: Vec<(u32, Trigram)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (
                        1 + (seed >> 60) as u32 % (1 + n as u32 % 7),
                        i as u64 * 3 + (seed >> 62),
                    )
                })
                .collect();
            counted.sort_unstable_by_key(|&(_, t)| t);
            counted.dedup_by_key(|&mut (_, t)| t);
            let mut sorted = counted.clone();
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(ranked_by_count(&counted), sorted, "{counted:?}");
        }
    }

    /// Every line and every paragraph of the seeds and of the test documents, with every set
    /// of two or more of the languages: the same language and the same confidence, bit for bit.
    #[test]
    fn agrees_with_whatlang_on_every_line_and_paragraph() {
        let mut lines: Vec<String> = vec![
            "Ĳsselmeer Straße façade œuvre – € 5 … ‘quoted’".into(),
            "A".into(),
            "delete \u{7f} here and a Kelvin \u{212a} sign".into(),
            "1234 -- 56".into(),
            "ǅemal ﬁnancement ſ K".into(),
            "Die GROẞE Straße über Öl İstanbul und Ärger".into(),
            "ĲSSEL ĳs Ça a été l'œuvre naïve, à côté du café".into(),
            "The quick brown fox jumps over the lazy dog × ÷ ° ½".into(),
            "zzzz qqqq xxxx".into(),
        ];
        for (_, t) in crate::test_texts::texts_in(&["seeds", "tests/golden", "tests/data"]) {
            lines.extend(t.lines().map(str::to_string));
            // the paragraphs a document's languages are detected from (see langid)
            lines.extend(
                t.split("\n\n")
                    .filter(|c| c.len() > 200)
                    .map(str::to_string),
            );
        }
        let sets: [&[Lang]; 6] = [
            &[Lang::Fr, Lang::Nl],
            &[Lang::Nl, Lang::Fr],
            &[Lang::En, Lang::De],
            &[Lang::Fr, Lang::En, Lang::De],
            &[Lang::Fr, Lang::Nl, Lang::En, Lang::De],
            &[Lang::De, Lang::Nl],
        ];
        let mut handled = 0;
        for l in &lines {
            for allowed in sets {
                assert!(same(l, allowed), "{allowed:?} {l:?}");
                handled += usize::from(detect(l, allowed).is_some());
            }
        }
        assert!(handled > lines.len() * 5, "most lines take this path");
    }
}
