//! A source document and its metadata: identity, title, date, languages, genre and signatory
//! (from the corpus manifest, or detected in the text).

use crate::lang::Lang;
use crate::normalise::Format;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Stable identifier: the file name without its last extension, as a slug.
    pub id: String,
    pub file_name: String,
    #[serde(skip)]
    pub format: Format,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i32>,
    /// Month of the document (from a header such as `JULY 2024`), when its year is known.
    pub month: Option<u32>,
    pub languages: Vec<Lang>,
    pub genre: Option<String>,
    /// The person who signs the document: the "je/ik/nous/we" of a policy note.
    pub signatory: Option<String>,
    #[serde(skip)]
    pub text: String,
}

/// One row of `MANIFEST.csv`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ManifestEntry {
    pub file: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub genre: String,
}

impl Document {
    /// Builds a document from its file name and text, with the manifest's metadata if any.
    pub fn new(file_name: &str, text: String, manifest: Option<&ManifestEntry>) -> Document {
        let format = if file_name.ends_with(".md")
            || file_name.ends_with(".markdown")
            || file_name.ends_with(".html")
        {
            Format::Markdown
        } else {
            Format::Text
        };
        let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
        let id = slug(stem);
        let languages: Vec<Lang> = manifest
            .map(|m| {
                m.languages
                    .split([';', ',', ' '])
                    .filter_map(Lang::from_code)
                    .fold(Vec::new(), |mut langs, l| {
                        // each once, in the manifest's order (`fr;fr;nl` is French and Dutch)
                        if !langs.contains(&l) {
                            langs.push(l);
                        }
                        langs
                    })
            })
            .unwrap_or_default();
        let title = manifest.map(|m| m.title.clone()).filter(|t| !t.is_empty());
        let year = manifest
            .and_then(|m| m.year.trim().parse().ok())
            .or_else(|| detect_year(&text));
        let signatory =
            detect_signatory(&text).or_else(|| title.as_deref().and_then(signatory_from_title));
        Document {
            id,
            file_name: file_name.to_string(),
            format,
            title,
            publisher: manifest
                .map(|m| m.publisher.clone())
                .filter(|t| !t.is_empty()),
            year,
            month: year.and_then(|y| detect_month(&text, y)),
            languages,
            genre: manifest.map(|m| m.genre.clone()).filter(|t| !t.is_empty()),
            signatory,
            text,
        }
    }
}

/// The ASCII letter an accented Latin letter is written with (`é` → `e`, `ë` → `e`).
fn ascii_fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ô' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' => 'n',
        'ÿ' => 'y',
        other => other,
    }
}

/// Lower-case ASCII letters, digits, `.`, `-` and `_`; anything else becomes `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().map(ascii_fold) {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-').to_string();
    if t.is_empty() {
        "document".into()
    } else {
        t
    }
}

static SIGNATURE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(ministre|minister|ministerin|secrétaire d'état|staatssecretaris|secretary of state|staatssekretär|minister-?president|ministre-?président)\b").unwrap()
});
static PERSON_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'-]+(?:\s+(?:\p{Lu}[\p{L}'-]+|van|de|der|den|du|le|la)){1,3}$")
        .unwrap()
});
static TITLE_SIGNATORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:minister|ministre|minister-president|secretary of state)\s+([^)]+)\)")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20[0-4]\d)\b").unwrap());

/// The signatory of a policy note: a person's name right after a ministerial title among the
/// last lines of the text.
pub fn detect_signatory(text: &str) -> Option<String> {
    // the last 40 non-empty lines, read from the end (the document may be long)
    let mut tail: Vec<&str> = text
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(40)
        .collect();
    tail.reverse();
    for (i, l) in tail.iter().enumerate() {
        if !SIGNATURE_TITLE.is_match(l) || l.len() > 120 {
            continue;
        }
        for cand in tail.iter().skip(i + 1).take(3) {
            let c = cand.trim_end_matches([',', '.']);
            if c.len() < 50 && PERSON_NAME.is_match(c) && !SIGNATURE_TITLE.is_match(c) {
                return Some(title_case(c));
            }
        }
    }
    None
}

fn signatory_from_title(title: &str) -> Option<String> {
    TITLE_SIGNATORY
        .captures(title)
        .map(|c| title_case(c[1].trim()))
}

/// `Alexander DE CROO` → `Alexander De Croo`.
fn title_case(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            if w.chars().all(|c| !c.is_lowercase()) && w.chars().count() > 1 {
                let mut cs = w.chars();
                let first = cs.next().unwrap();
                first.to_string() + &cs.as_str().to_lowercase()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A year in the first lines (a document header), when no manifest gives one.
fn detect_year(text: &str) -> Option<i32> {
    let head: String = text.lines().take(60).collect::<Vec<_>>().join("\n");
    YEAR.find(&head).and_then(|m| m.as_str().parse().ok())
}

/// The month of the document: `<month name> <year>` in its first lines.
fn detect_month(text: &str, year: i32) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "janvier", "januari", "januar"],
        &["february", "février", "fevrier", "februari", "februar"],
        &["march", "mars", "maart", "märz"],
        &["april", "avril"],
        &["may", "mai", "mei"],
        &["june", "juin", "juni"],
        &["july", "juillet", "juli"],
        &["august", "août", "aout", "augustus"],
        &["september", "septembre"],
        &["october", "octobre", "oktober"],
        &["november", "novembre"],
        &["december", "décembre", "decembre", "dezember"],
    ];
    let y = year.to_string();
    for line in text.lines().take(60) {
        let words: Vec<String> = line
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        for w in words.windows(2) {
            if w[1] == y {
                if let Some(m) = MONTHS
                    .iter()
                    .position(|names| names.contains(&w[0].as_str()))
                {
                    return Some(m as u32 + 1);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatory_is_found_after_the_ministerial_title() {
        let t = "texte\n\nLa ministre chargée du Numérique,\n\nVanessa Matz\n\nDe minister belast met Digitalisering,\n\nVanessa Matz\n";
        assert_eq!(detect_signatory(t).as_deref(), Some("Vanessa Matz"));
        let t = "Vice-Premier ministre et ministre de\nla Coopération au développement, de l'Agenda\n\nnumérique, des Télécom et de la Poste\n\nAlexander DE CROO\n";
        assert_eq!(detect_signatory(t).as_deref(), Some("Alexander De Croo"));
        assert_eq!(
            detect_signatory("Le ministre a dit que tout va bien.\nRien d'autre ici.\n"),
            None
        );
    }

    #[test]
    fn ids_are_slugs_of_the_file_stem() {
        let d = Document::new("Be Note (2025).fr-nl.txt", "x".into(), None);
        assert_eq!(d.id, "be-note-2025-.fr-nl".trim_matches('-'));
        assert_eq!(d.format, Format::Text);
        assert_eq!(slug("België, SPF Économie"), "belgie-spf-economie");
    }

    #[test]
    fn manifest_languages_are_kept_once_each_in_their_order() {
        let entry = |languages: &str| ManifestEntry {
            file: "note.txt".into(),
            title: String::new(),
            publisher: String::new(),
            year: String::new(),
            languages: languages.into(),
            genre: String::new(),
        };
        let langs = |l: &str| Document::new("note.txt", "x".into(), Some(&entry(l))).languages;
        assert_eq!(langs("fr;fr;nl"), [Lang::Fr, Lang::Nl]);
        assert_eq!(langs("nl, fr nl;xx"), [Lang::Nl, Lang::Fr]);
        assert_eq!(langs(""), []);
    }
}
