//! Language identification: per line (with smoothing across lines, so that each column's
//! thread keeps its language) and per text span.
//!
//! The `whatlang` crate gives trigram scores restricted to the document's languages (fast, no
//! model download, good on paragraphs); on the short lines of a two-column PDF it is unsure, so
//! function-word counts add a strong cue and a Viterbi pass over the lines makes a language
//! switch cheap at a block boundary and costly in the middle of a paragraph.

use super::trigram_detector::Outcome;
use crate::lang::Lang;

const FR: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "est",
    "une",
    "un",
    "pour",
    "dans",
    "sur",
    "au",
    "aux",
    "qui",
    "que",
    "par",
    "ce",
    "cette",
    "ces",
    "il",
    "elle",
    "nous",
    "je",
    "sont",
    "avec",
    "être",
    "été",
    "pas",
    "plus",
    "ses",
    "son",
    "sa",
    "leur",
    "leurs",
    "ont",
    "à",
    "où",
    "mais",
    "ou",
    "se",
    "ne",
    "l",
    "d",
    "qu",
    "n",
    "également",
    "ainsi",
    "afin",
    "entre",
    "notamment",
    "dont",
    "aussi",
    "sera",
    "seront",
    "vers",
    "d'un",
    "d'une",
    "l'",
];
const NL: &[&str] = &[
    "het", "een", "van", "voor", "met", "op", "te", "zijn", "wordt", "worden", "dat", "deze",
    "niet", "ook", "als", "om", "naar", "bij", "ik", "we", "wij", "zal", "zullen", "hun", "er",
    "aan", "door", "tot", "uit", "dit", "of", "over", "kan", "moet", "meer", "onze", "ons", "zo",
    "wel", "nog", "daarom", "binnen", "moeten", "heeft", "hebben", "tussen", "zoals", "waar",
    "rond", "samen", "via",
];
const EN: &[&str] = &[
    "the", "of", "and", "to", "is", "for", "with", "on", "by", "that", "this", "are", "be", "as",
    "an", "will", "which", "from", "it", "its", "has", "have", "their", "our", "at", "or", "not",
    "was", "were", "been", "also", "into", "such", "these", "through", "public",
];
const DE: &[&str] = &[
    "der", "das", "und", "ist", "für", "mit", "von", "zu", "den", "dem", "nicht", "auch", "eine",
    "ein", "einer", "werden", "wird", "sich", "im", "auf", "des", "bei", "nach", "oder", "durch",
    "sind", "wurde", "über", "unter",
];
/// Words shared by two languages count for both, hence for neither.
const SHARED: &[(&str, &[Lang])] = &[
    ("de", &[Lang::Fr, Lang::Nl]),
    ("en", &[Lang::Fr, Lang::Nl]),
    ("in", &[Lang::Nl, Lang::En, Lang::De]),
    ("die", &[Lang::Nl, Lang::De]),
];

fn words_of(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => FR,
        Lang::Nl => NL,
        Lang::En => EN,
        Lang::De => DE,
    }
}

pub(super) fn to_whatlang(lang: Lang) -> whatlang::Lang {
    match lang {
        Lang::Fr => whatlang::Lang::Fra,
        Lang::Nl => whatlang::Lang::Nld,
        Lang::En => whatlang::Lang::Eng,
        Lang::De => whatlang::Lang::Deu,
    }
}

pub(super) fn from_whatlang(lang: whatlang::Lang) -> Option<Lang> {
    match lang {
        whatlang::Lang::Fra => Some(Lang::Fr),
        whatlang::Lang::Nld => Some(Lang::Nl),
        whatlang::Lang::Eng => Some(Lang::En),
        whatlang::Lang::Deu => Some(Lang::De),
        _ => None,
    }
}

/// A score per allowed language (at most the four there are), kept on the stack: line
/// labelling scores every line of a document in two languages.
pub type Scores = smallvec::SmallVec<[f64; 4]>;

/// Evidence for each allowed language in `text`: function-word hits plus a whatlang bonus.
pub fn scores(text: &str, allowed: &[Lang]) -> Scores {
    let mut s = function_word_scores(text, allowed);
    add_whatlang_bonus(text, allowed, &mut s);
    s
}

/// Adds the whatlang part of [`scores`] to its function-word part.
fn add_whatlang_bonus(text: &str, allowed: &[Lang], s: &mut [f64]) {
    if !asks_whatlang(text, allowed) {
        return;
    }
    if let Some((l, confidence)) = whatlang_detect(text, allowed) {
        if let Some(i) = allowed.iter().position(|a| *a == l) {
            s[i] += 0.5 + 1.5 * confidence;
        }
    }
}

/// whatlang's language (among `allowed`) and confidence for `text`: from its re-implementation
/// for Latin text where that applies (the same answer, bit for bit, at a fraction of the
/// cost), from whatlang itself otherwise.
fn whatlang_detect(text: &str, allowed: &[Lang]) -> Option<(Lang, f64)> {
    match super::trigram_detector::detect(text, allowed) {
        Some(Outcome::Detected(l, confidence)) => Some((l, confidence)),
        Some(Outcome::Nothing) => None,
        None => {
            let det = whatlang::Detector::with_allowlist(
                allowed.iter().map(|l| to_whatlang(*l)).collect(),
            );
            det.detect(text)
                .and_then(|info| Some((from_whatlang(info.lang())?, info.confidence())))
        }
    }
}

/// Whether [`scores`] adds a whatlang bonus for `text` (a bonus of 0.5 to 2.0, to one language).
fn asks_whatlang(text: &str, allowed: &[Lang]) -> bool {
    allowed.len() > 1 && text.len() >= 12
}

/// The function-word part of [`scores`].
fn function_word_scores(text: &str, allowed: &[Lang]) -> Scores {
    let mut s: Scores = smallvec::smallvec![0.0; allowed.len()];
    let mut buf = [0u8; LONGEST_WORD];
    let mut lowered_buf = [0u8; LONGEST_WORD * 3 * 4];
    for (raw, ascii) in
        super::words::runs(text, &super::words::ALPHA_APOSTROPHE, char::is_alphabetic)
    {
        // lowercasing neither makes nor removes an apostrophe: trim first
        let raw = raw.trim_end_matches('\'');
        // lowercasing never makes fewer characters: a longer word is no function word (more
        // than four bytes a character is more characters, without counting them)
        if raw.is_empty()
            || raw.len() > LONGEST_WORD * 4
            || (ascii && raw.len() > LONGEST_WORD)
            || (!ascii && raw.chars().count() > LONGEST_WORD)
        {
            continue;
        }
        let lowered: String;
        let w: &[u8] = if ascii {
            let b = &mut buf[..raw.len()];
            b.copy_from_slice(raw.as_bytes());
            b.make_ascii_lowercase();
            b
        } else {
            // on the stack (`raw` has at most LONGEST_WORD * 4 bytes: room for three times
            // that), but for a sigma
            match super::words::lowered_in(raw, &mut lowered_buf) {
                Some(lower) => lower,
                None => {
                    lowered = raw.to_lowercase();
                    lowered.as_bytes()
                }
            }
        };
        let Some(kind) = function_word_kind(w) else {
            continue;
        };
        match *kind {
            WordKind::Shared(langs) => {
                for (i, l) in allowed.iter().enumerate() {
                    if langs.contains(l) {
                        s[i] += 0.3;
                    }
                }
            }
            WordKind::Of(mask) => {
                for (i, l) in allowed.iter().enumerate() {
                    if mask & lang_bit(*l) != 0 {
                        s[i] += 1.0;
                    }
                }
            }
        }
    }
    s
}

/// No function word has more characters (`également`, `notamment`).
const LONGEST_WORD: usize = 9;

#[derive(Clone, Copy)]
enum WordKind {
    /// Shared by languages: counts 0.3 for each.
    Shared(&'static [Lang]),
    /// A function word of the languages in the mask.
    Of(u8),
}

fn lang_bit(l: Lang) -> u8 {
    1 << Lang::ALL.iter().position(|x| *x == l).expect("a language")
}

/// Every function word and its kind, hashed: looked up for every word of every line.
static FUNCTION_WORD_KINDS: std::sync::LazyLock<rustc_hash::FxHashMap<&'static [u8], WordKind>> =
    std::sync::LazyLock::new(|| {
        let mut kinds: rustc_hash::FxHashMap<&'static [u8], WordKind> = SHARED
            .iter()
            .map(|(w, l)| (w.as_bytes(), WordKind::Shared(l)))
            .collect();
        for l in Lang::ALL {
            for w in words_of(l) {
                assert!(w.chars().count() <= LONGEST_WORD, "{w}");
                match kinds.entry(w.as_bytes()).or_insert(WordKind::Of(0)) {
                    WordKind::Of(mask) => *mask |= lang_bit(l),
                    WordKind::Shared(_) => {}
                }
            }
        }
        kinds
    });

/// Which lengths (bit `len`, in bytes; lengths of 64 or more never) the function words that
/// begin with a byte have: most words of a line are ruled out here, without hashing them.
static FUNCTION_WORD_LENGTHS: std::sync::LazyLock<[u64; 256]> = std::sync::LazyLock::new(|| {
    let mut lengths = [0u64; 256];
    for w in FUNCTION_WORD_KINDS.keys() {
        lengths[w[0] as usize] |= 1 << w.len();
    }
    lengths
});

/// The kind of function word `w` (lower case) is, if it is one.
fn function_word_kind(w: &[u8]) -> Option<&'static WordKind> {
    let (&first, len) = (w.first()?, w.len());
    if len >= 64 || FUNCTION_WORD_LENGTHS[first as usize] & 1 << len == 0 {
        return None;
    }
    FUNCTION_WORD_KINDS.get(w)
}

/// The most likely language of a span of text among `allowed`, if any evidence exists.
pub fn detect(text: &str, allowed: &[Lang]) -> Option<Lang> {
    if allowed.len() == 1 {
        return Some(allowed[0]);
    }
    let s = scores(text, allowed);
    let (best, score) = s.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    (*score > 0.0).then(|| allowed[best])
}

/// The languages a document is written in, when no manifest says: those whatlang finds in at
/// least 15% of its larger chunks (English when nothing is found). The chunks are the
/// paragraphs of `text` (between empty lines), unless these do not show the document's
/// structure: in a double-spaced transcript every line is a paragraph of its own, and text
/// without empty lines is one paragraph in all (fewer than `MAX_CHUNKS` long paragraphs, and
/// fewer than one per `BYTES_PER_PARAGRAPH`). There the blocks of its cleaned `lines` (those
/// that `boundary` starts, as line labelling reads them) are read instead.
pub fn document_languages(
    text: &str,
    lines: &[&str],
    boundary: &[bool],
    double_spaced: bool,
) -> Vec<Lang> {
    let mut counts = [0usize; 4];
    let mut total = 0;
    if !double_spaced {
        total = count_languages(
            text.split("\n\n").filter(|c| c.len() > LONG_CHUNK),
            &mut counts,
        );
    }
    if double_spaced || (total < MAX_CHUNKS && total * BYTES_PER_PARAGRAPH < text.len()) {
        counts = [0; 4];
        total = count_languages(
            block_chunks(lines, boundary, MAX_CHUNKS)
                .iter()
                .map(String::as_str),
            &mut counts,
        );
    }
    let mut langs: Vec<Lang> = Lang::ALL
        .iter()
        .zip(counts)
        .filter(|(_, c)| total > 0 && *c * 100 >= total * 15)
        .map(|(l, _)| *l)
        .collect();
    if langs.is_empty() {
        if let Some((l, _)) = whatlang_detect(text, &Lang::ALL) {
            langs.push(l);
        } else {
            langs.push(Lang::En);
        }
    }
    langs
}

/// Chunks of more than this many bytes are read for a document's languages.
const LONG_CHUNK: usize = 200;

/// A document's languages are detected in its first chunks, this many at most.
const MAX_CHUNKS: usize = 400;

/// Text with fewer long paragraphs than one per this many bytes is not cut into paragraphs
/// by empty lines (see [`document_languages`]).
const BYTES_PER_PARAGRAPH: usize = 4096;

/// A block's lines are cut into chunks of about this many bytes (a block may be the whole text).
const BLOCK_CHUNK: usize = 1000;

/// Counts the language of each of the first [`MAX_CHUNKS`] `chunks` into `counts` (in the
/// order of [`Lang::ALL`]); answers how many had one.
fn count_languages<'a>(chunks: impl Iterator<Item = &'a str>, counts: &mut [usize; 4]) -> usize {
    let mut total = 0;
    for chunk in chunks.take(MAX_CHUNKS) {
        if let Some((l, _)) = whatlang_detect(chunk, &Lang::ALL) {
            counts[Lang::ALL.iter().position(|x| *x == l).unwrap()] += 1;
            total += 1;
        }
    }
    total
}

/// The first `limit` blocks of `lines` (each starts where `boundary` says) longer than
/// [`LONG_CHUNK`], their lines joined by line breaks and cut after the line that reaches
/// [`BLOCK_CHUNK`] bytes.
fn block_chunks(lines: &[&str], boundary: &[bool], limit: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut chunk = String::new();
    for (line, &starts) in lines.iter().zip(boundary) {
        if starts || chunk.len() >= BLOCK_CHUNK {
            if chunk.len() > LONG_CHUNK {
                chunks.push(std::mem::take(&mut chunk));
                if chunks.len() == limit {
                    return chunks;
                }
            }
            chunk.clear();
        }
        if !chunk.is_empty() {
            chunk.push('\n');
        }
        chunk.push_str(line);
    }
    if chunk.len() > LONG_CHUNK {
        chunks.push(chunk);
    }
    chunks
}

/// Labels each line with a language. `boundary[i]` says line `i` starts a new block, where a
/// switch of language is cheap; after a line that ends a sentence it costs a little more, and
/// in the middle of a sentence much more.
pub fn label_lines(lines: &[&str], boundary: &[bool], allowed: &[Lang]) -> Vec<Lang> {
    let k = allowed.len();
    if k == 1 || lines.is_empty() {
        return vec![allowed[0]; lines.len()];
    }
    let words: Vec<Scores> = lines
        .iter()
        .map(|t| function_word_scores(t, allowed))
        .collect();
    // the scores already computed, reused when the shortcut gives up
    let mut asked = vec![None; lines.len()];
    if k == 2 {
        if let Some(labels) = label_two(lines, boundary, allowed, &words, &mut asked) {
            return labels;
        }
    }
    label_lines_viterbi(lines, boundary, allowed, &asked, Some(&words))
}

const SWITCH_AT_BOUNDARY: f64 = 1.0;
const SWITCH_AFTER_SENTENCE: f64 = 2.5;
const SWITCH_INSIDE: f64 = 6.0;

/// The cost of switching language between line `i - 1` and line `i`.
fn switch_cost(lines: &[&str], boundary: &[bool], i: usize) -> f64 {
    if boundary[i] {
        SWITCH_AT_BOUNDARY
    } else if lines[i - 1].trim_end().ends_with(['.', '!', '?', ':']) {
        SWITCH_AFTER_SENTENCE
    } else {
        SWITCH_INSIDE
    }
}

/// The best path of a two-state Viterbi where state 0 earns `d[i]` at line `i` (state 1 earns
/// nothing) and a switch before line `i` costs `switch[i]`: `true` for state 0. `back` is
/// scratch room (its contents do not matter), `path` receives the answer.
fn best_two_state_path(d: &[f64], switch: &[f64], back: &mut Vec<u8>, path: &mut Vec<bool>) {
    let n = d.len();
    back.clear();
    back.resize(n, 0);
    let (mut c0, mut c1) = (d[0], 0.0f64);
    for i in 1..n {
        // state 0 at i: from 0 (stay) or 1 (switch); bit 0 of back: state 0 came from state 0,
        // bit 1: state 1 came from state 0 (the scores are finite: a comparison is the max)
        let (from0_to0, from1_to0) = (c0, c1 - switch[i]);
        let (from0_to1, from1_to1) = (c0 - switch[i], c1);
        let stay0 = from0_to0 >= from1_to0;
        let cross1 = from0_to1 > from1_to1;
        back[i] = u8::from(stay0) | u8::from(cross1) << 1;
        let n0 = if stay0 { from0_to0 } else { from1_to0 } + d[i];
        let n1 = if cross1 { from0_to1 } else { from1_to1 };
        (c0, c1) = (n0, n1);
    }
    path.clear();
    path.resize(n, false);
    let mut state0 = c0 >= c1;
    for i in (0..n).rev() {
        path[i] = state0;
        state0 = back[i] >> u8::from(!state0) & 1 == 1;
    }
}

/// [`label_lines_viterbi`] for two languages, asking whatlang only about the lines whose label
/// may depend on it. With two states only the difference of a line's emissions matters,
/// `d = ln((s0 + 0.5) / (s1 + 0.5))`; the whatlang bonus (0.5 to 2.0, to one language) bounds
/// it to an interval. The path that is best for the interval midpoints is the answer when it
/// stays best (by a margin) with every `d` pushed to the end of its interval that works against
/// it — then it is the best path whatever whatlang says. Otherwise the lines where the
/// adversarial path differs are asked, and the check runs again. When every line that could
/// tip the choice is known and the paths still differ, they are within the margin of each other
/// (a real tie, e.g. a heading without evidence between two block boundaries), and the midpoint
/// path is the answer: the full computation would pick one by rounding, after asking whatlang
/// about every line. `None` when too many rounds leave the question to the full computation.
fn label_two(
    lines: &[&str],
    boundary: &[bool],
    allowed: &[Lang],
    words: &[Scores],
    asked: &mut [Option<Scores>],
) -> Option<Vec<Lang>> {
    const MAX_BONUS: f64 = 2.0;
    /// Far above the rounding error of the full computation's sums, far below any real margin.
    const MARGIN: f64 = 1e-3;
    const ROUNDS: usize = 64;
    const ASK_PER_STRETCH: usize = 2;
    let n = lines.len();
    let diff = |s: &[f64]| ((s[0] + 0.5) / (s[1] + 0.5)).ln();
    // (low, high) bounds of each line's d; equal when known
    let mut bounds: Vec<(f64, f64)> = lines
        .iter()
        .zip(words)
        .map(|(t, s)| {
            if asks_whatlang(t, allowed) {
                (
                    ((s[0] + 0.5) / (s[1] + 0.5 + MAX_BONUS)).ln(),
                    ((s[0] + 0.5 + MAX_BONUS) / (s[1] + 0.5)).ln(),
                )
            } else {
                let d = diff(s);
                (d, d)
            }
        })
        .collect();
    let mut known: Vec<bool> = lines.iter().map(|t| !asks_whatlang(t, allowed)).collect();
    let mut switch = vec![0.0; n];
    for (i, sw) in switch.iter_mut().enumerate().skip(1) {
        *sw = switch_cost(lines, boundary, i);
    }
    // the rounds' room, reused
    let (mut mid, mut adversarial) = (vec![0.0; n], vec![0.0; n]);
    let (mut best, mut rival, mut back) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for (m, (lo, hi)) in mid.iter_mut().zip(&bounds) {
            *m = (lo + hi) / 2.0;
        }
        best_two_state_path(&mid, &switch, &mut back, &mut best);
        for ((a, (lo, hi)), zero) in adversarial.iter_mut().zip(&bounds).zip(&best) {
            *a = if *zero { lo - MARGIN } else { hi + MARGIN };
        }
        best_two_state_path(&adversarial, &switch, &mut back, &mut rival);
        if rival == best {
            return Some(
                best.into_iter()
                    .map(|zero| allowed[if zero { 0 } else { 1 }])
                    .collect(),
            );
        }
        // ask a few lines of each stretch where the rival differs, the most uncertain first
        let mut progress = false;
        let mut i = 0;
        while i < n {
            if rival[i] == best[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && rival[i] != best[i] {
                i += 1;
            }
            let lo = start.saturating_sub(1);
            let hi = (i + 1).min(n);
            let mut open: Vec<usize> = (lo..hi).filter(|j| !known[*j]).collect();
            open.sort_by(|a, b| {
                let w = |j: usize| bounds[j].1 - bounds[j].0;
                w(*b).total_cmp(&w(*a)).then(a.cmp(b))
            });
            for &j in open.iter().take(ASK_PER_STRETCH) {
                let mut s = words[j].clone();
                add_whatlang_bonus(lines[j], allowed, &mut s);
                let d = diff(&s);
                asked[j] = Some(s);
                bounds[j] = (d, d);
                known[j] = true;
                progress = true;
            }
        }
        if !progress {
            // Every line that could tip the choice is known: the two paths are within MARGIN
            // of each other, a real tie, which goes to the midpoint path.
            return Some(
                best.into_iter()
                    .map(|zero| allowed[if zero { 0 } else { 1 }])
                    .collect(),
            );
        }
    }
    None
}

/// Labels lines by a Viterbi pass over every line's [`scores`] (any number of languages);
/// `known` holds scores already computed (by line; may be empty).
fn label_lines_viterbi(
    lines: &[&str],
    boundary: &[bool],
    allowed: &[Lang],
    known: &[Option<Scores>],
    words: Option<&[Scores]>,
) -> Vec<Lang> {
    let k = allowed.len();
    let emit = |i: usize| -> Scores {
        let s = match (known.get(i), words) {
            (Some(Some(s)), _) => s.clone(),
            (_, Some(words)) => {
                let mut s = words[i].clone();
                add_whatlang_bonus(lines[i], allowed, &mut s);
                s
            }
            _ => scores(lines[i], allowed),
        };
        let total: f64 = s.iter().sum::<f64>() + 0.5 * k as f64;
        s.iter().map(|x| ((x + 0.5) / total).ln()).collect()
    };
    let n = lines.len();
    let mut cost = vec![vec![0.0f64; k]; n];
    let mut back = vec![vec![0usize; k]; n];
    let e0 = emit(0);
    cost[0][..k].copy_from_slice(&e0[..k]);
    for i in 1..n {
        let e = emit(i);
        let switch = switch_cost(lines, boundary, i);
        for j in 0..k {
            let (best_prev, best) = (0..k)
                .map(|p| (p, cost[i - 1][p] - if p == j { 0.0 } else { switch }))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .unwrap();
            cost[i][j] = best + e[j];
            back[i][j] = best_prev;
        }
    }
    let mut j = (0..k)
        .max_by(|a, b| cost[n - 1][*a].total_cmp(&cost[n - 1][*b]))
        .unwrap();
    let mut out = vec![allowed[0]; n];
    for i in (0..n).rev() {
        out[i] = allowed[j];
        j = back[i][j];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks become chunks of more than 200 bytes, a long block is cut after the line that
    /// reaches 1,000 bytes, and no more chunks are made than asked for.
    #[test]
    fn block_chunks_are_cut_and_counted() {
        let line = "x".repeat(150);
        // a block of one short line, then a block of twenty lines, then one of two
        let mut lines = vec!["short"];
        lines.extend(std::iter::repeat_n(line.as_str(), 20));
        lines.extend(std::iter::repeat_n(line.as_str(), 2));
        let mut boundary = vec![false; lines.len()];
        boundary[0] = true;
        boundary[1] = true;
        boundary[21] = true;
        let chunks = block_chunks(&lines, &boundary, 10);
        let lens: Vec<usize> = chunks.iter().map(String::len).collect();
        // 7 lines (1,056 bytes with their breaks) reach 1,000; 20 = 7 + 7 + 6
        assert_eq!(lens, [1056, 1056, 905, 301]);
        assert_eq!(block_chunks(&lines, &boundary, 2).len(), 2);
    }

    /// The first-byte-and-length check rules out no function word: the map's answer for every
    /// function word and every word of the seeds.
    #[test]
    fn the_length_check_rules_out_no_function_word() {
        let mut words: Vec<String> = FUNCTION_WORD_KINDS
            .keys()
            .map(|w| String::from_utf8(w.to_vec()).unwrap())
            .collect();
        let found = words.len();
        for t in crate::test_texts::seed_bodies() {
            words.extend(
                t.split(|c: char| !c.is_alphabetic() && c != '\'')
                    .map(str::to_lowercase),
            );
        }
        let mut hits = 0;
        for w in &words {
            let kind = function_word_kind(w.as_bytes()).map(|k| k as *const WordKind);
            let expected = FUNCTION_WORD_KINDS
                .get(w.as_bytes())
                .map(|k| k as *const WordKind);
            assert_eq!(kind, expected, "{w:?}");
            hits += usize::from(kind.is_some());
        }
        assert!(
            hits > found && hits < words.len() / 2,
            "{hits} of {}",
            words.len()
        );
    }

    #[test]
    fn short_french_and_dutch_lines_are_told_apart() {
        let both = [Lang::Fr, Lang::Nl];
        assert_eq!(
            detect(
                "l'institut est chargé de superviser l'application du règlement",
                &both
            ),
            Some(Lang::Fr)
        );
        assert_eq!(
            detect(
                "Daarom houdt het instituut toezicht op de toepassing",
                &both
            ),
            Some(Lang::Nl)
        );
    }

    /// The function-word scores as first written: lowercase each word, scan the lists.
    fn function_word_scores_by_scan(text: &str, allowed: &[Lang]) -> Vec<f64> {
        let mut s = vec![0.0; allowed.len()];
        for raw in text.split(|c: char| !(c.is_alphabetic() || c == '\'')) {
            if raw.is_empty() {
                continue;
            }
            let w = raw.to_lowercase();
            let w = w.trim_end_matches('\'');
            if let Some((_, langs)) = SHARED.iter().find(|(x, _)| *x == w) {
                for (i, l) in allowed.iter().enumerate() {
                    if langs.contains(l) {
                        s[i] += 0.3;
                    }
                }
                continue;
            }
            for (i, l) in allowed.iter().enumerate() {
                if words_of(*l).contains(&w) {
                    s[i] += 1.0;
                }
            }
        }
        s
    }

    #[test]
    fn function_word_lookup_scores_like_the_list_scan() {
        let mut texts: Vec<String> = vec![
            "L'ÉTÉ où À DES Für ÜBER d'un D'UNE l''' ΣΟΦΟΣ".into(),
            "averyveryverylongwordindeed l'".into(),
            "İİİİİİİİİ İN İl ΣΟΦΟΣ ΣΕ Ωμέγα ÀÉÎÕÜ À ÉTÉ ÜBER".into(),
        ];
        texts.extend(crate::test_texts::seed_texts().into_iter().map(|(_, t)| t));
        for t in &texts {
            for line in t.lines() {
                for allowed in [&Lang::ALL[..], &[Lang::Fr, Lang::Nl], &[Lang::De, Lang::En]] {
                    let a = function_word_scores(line, allowed);
                    let b = function_word_scores_by_scan(line, allowed);
                    assert_eq!(
                        a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                        b.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                        "{line}"
                    );
                }
            }
        }
    }

    /// The two-language shortcut gives the labels of the full computation wherever it answers
    /// (on the seeds, real ties included; the full computation breaks a tie by rounding, so on
    /// other text it may in principle pick the other, equally good path).
    #[test]
    fn the_two_language_shortcut_agrees_with_the_full_viterbi() {
        let mut answered = 0;
        for (path, text) in crate::test_texts::seed_texts() {
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines.is_empty() {
                continue;
            }
            let boundary: Vec<bool> = (0..lines.len()).map(|i| i % 7 == 0).collect();
            for allowed in [
                [Lang::Fr, Lang::Nl],
                [Lang::Nl, Lang::Fr],
                [Lang::En, Lang::Nl],
            ] {
                let mut asked = vec![None; lines.len()];
                let words: Vec<Scores> = lines
                    .iter()
                    .map(|t| function_word_scores(t, &allowed))
                    .collect();
                if let Some(fast) = label_two(&lines, &boundary, &allowed, &words, &mut asked) {
                    answered += 1;
                    assert_eq!(
                        fast,
                        label_lines_viterbi(&lines, &boundary, &allowed, &[], None),
                        "{}",
                        path.display()
                    );
                }
            }
        }
        assert!(answered > 0);
    }

    #[test]
    fn a_switch_inside_a_block_needs_strong_evidence() {
        let lines = [
            "De Digital Services Act versterkt de bescherming",
            "van consumenten in de digitale wereld. In België is het",
            "Belgisch Instituut voor Postdiensten en Telecommunicatie",
            "Le Digital Services Act (DSA) renforce la protection",
            "des consommateurs dans l'environnement numérique.",
        ];
        let boundary = [true, false, false, true, false];
        let labels = label_lines(&lines, &boundary, &[Lang::Fr, Lang::Nl]);
        assert_eq!(
            labels,
            vec![Lang::Nl, Lang::Nl, Lang::Nl, Lang::Fr, Lang::Fr]
        );
    }
}
