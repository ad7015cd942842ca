//! Language identification: per line (with smoothing across lines, so that each column's
//! thread keeps its language) and per text span.
//!
//! The `whatlang` crate gives trigram scores restricted to the document's languages (fast, no
//! model download, good on paragraphs); on the short lines of a two-column PDF it is unsure, so
//! function-word counts add a strong cue and a Viterbi pass over the lines makes a language
//! switch cheap at a block boundary and costly in the middle of a paragraph.

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

fn to_whatlang(lang: Lang) -> whatlang::Lang {
    match lang {
        Lang::Fr => whatlang::Lang::Fra,
        Lang::Nl => whatlang::Lang::Nld,
        Lang::En => whatlang::Lang::Eng,
        Lang::De => whatlang::Lang::Deu,
    }
}

fn from_whatlang(lang: whatlang::Lang) -> Option<Lang> {
    match lang {
        whatlang::Lang::Fra => Some(Lang::Fr),
        whatlang::Lang::Nld => Some(Lang::Nl),
        whatlang::Lang::Eng => Some(Lang::En),
        whatlang::Lang::Deu => Some(Lang::De),
        _ => None,
    }
}

/// Evidence for each allowed language in `text`: function-word hits plus a whatlang bonus.
pub fn scores(text: &str, allowed: &[Lang]) -> Vec<f64> {
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
    if allowed.len() > 1 && text.len() >= 12 {
        let det =
            whatlang::Detector::with_allowlist(allowed.iter().map(|l| to_whatlang(*l)).collect());
        if let Some(info) = det.detect(text) {
            if let Some(l) = from_whatlang(info.lang()) {
                if let Some(i) = allowed.iter().position(|a| *a == l) {
                    s[i] += 0.5 + 1.5 * info.confidence();
                }
            }
        }
    }
    s
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
/// least 15% of its larger chunks (English when nothing is found).
pub fn document_languages(text: &str) -> Vec<Lang> {
    let mut counts = [0usize; 4];
    let mut total = 0usize;
    let det =
        whatlang::Detector::with_allowlist(Lang::ALL.iter().map(|l| to_whatlang(*l)).collect());
    for chunk in text.split("\n\n").filter(|c| c.len() > 200).take(400) {
        if let Some(l) = det.detect(chunk).and_then(|i| from_whatlang(i.lang())) {
            counts[Lang::ALL.iter().position(|x| *x == l).unwrap()] += 1;
            total += 1;
        }
    }
    let mut langs: Vec<Lang> = Lang::ALL
        .iter()
        .zip(counts)
        .filter(|(_, c)| total > 0 && *c * 100 >= total * 15)
        .map(|(l, _)| *l)
        .collect();
    if langs.is_empty() {
        if let Some(l) = det.detect(text).and_then(|i| from_whatlang(i.lang())) {
            langs.push(l);
        } else {
            langs.push(Lang::En);
        }
    }
    langs
}

/// Labels each line with a language. `boundary[i]` says line `i` starts a new block, where a
/// switch of language is cheap; after a line that ends a sentence it costs a little more, and
/// in the middle of a sentence much more.
pub fn label_lines(lines: &[&str], boundary: &[bool], allowed: &[Lang]) -> Vec<Lang> {
    let k = allowed.len();
    if k == 1 || lines.is_empty() {
        return vec![allowed[0]; lines.len()];
    }
    const SWITCH_AT_BOUNDARY: f64 = 1.0;
    const SWITCH_AFTER_SENTENCE: f64 = 2.5;
    const SWITCH_INSIDE: f64 = 6.0;
    let emit = |text: &str| -> Vec<f64> {
        let s = scores(text, allowed);
        let total: f64 = s.iter().sum::<f64>() + 0.5 * k as f64;
        s.iter().map(|x| ((x + 0.5) / total).ln()).collect()
    };
    let n = lines.len();
    let mut cost = vec![vec![0.0f64; k]; n];
    let mut back = vec![vec![0usize; k]; n];
    let e0 = emit(lines[0]);
    cost[0][..k].copy_from_slice(&e0[..k]);
    for i in 1..n {
        let e = emit(lines[i]);
        let sentence_end = lines[i - 1].trim_end().ends_with(['.', '!', '?', ':']);
        let switch = if boundary[i] {
            SWITCH_AT_BOUNDARY
        } else if sentence_end {
            SWITCH_AFTER_SENTENCE
        } else {
            SWITCH_INSIDE
        };
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
