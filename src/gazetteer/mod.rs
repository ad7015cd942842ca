//! Reference data: the bundled gazetteers of agencies, EU acts, regions and initiatives
//! (`ontology/gazetteer/*.csv`) and a whole-word, case-aware matcher over all their names.

mod names;

use anyhow::{Context, Result};
use names::Names;
use serde::Deserialize;
use std::collections::hash_map::{self, HashMap};
use std::sync::LazyLock;

/// The ELI document type of an EU act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActType {
    Regulation,
    ImplementingRegulation,
    DelegatedRegulation,
    Directive,
    ImplementingDirective,
    Decision,
}

impl ActType {
    pub fn parse(s: &str) -> Option<ActType> {
        Some(match s.trim() {
            "reg" => ActType::Regulation,
            "reg_impl" => ActType::ImplementingRegulation,
            "reg_del" => ActType::DelegatedRegulation,
            "dir" => ActType::Directive,
            "dir_impl" => ActType::ImplementingDirective,
            "dec" | "dec_impl" => ActType::Decision,
            _ => return None,
        })
    }
    /// The type segment of an ELI.
    pub fn eli_segment(self) -> &'static str {
        match self {
            ActType::Regulation => "reg",
            ActType::ImplementingRegulation => "reg_impl",
            ActType::DelegatedRegulation => "reg_del",
            ActType::Directive => "dir",
            ActType::ImplementingDirective => "dir_impl",
            ActType::Decision => "dec",
        }
    }
    /// The CELEX descriptor letter (sector 3).
    pub fn celex_letter(self) -> char {
        match self {
            ActType::Regulation
            | ActType::ImplementingRegulation
            | ActType::DelegatedRegulation => 'R',
            ActType::Directive | ActType::ImplementingDirective => 'L',
            ActType::Decision => 'D',
        }
    }
    /// Whether this is a regulation (vs a directive or decision), for anaphora such as "the Regulation".
    pub fn is_regulation(self) -> bool {
        self.celex_letter() == 'R'
    }
    pub fn english(self) -> &'static str {
        match self {
            ActType::Regulation => "Regulation",
            ActType::ImplementingRegulation => "Implementing Regulation",
            ActType::DelegatedRegulation => "Delegated Regulation",
            ActType::Directive => "Directive",
            ActType::ImplementingDirective => "Implementing Directive",
            ActType::Decision => "Decision",
        }
    }
}

/// The identity of an EU act: type, year and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActKey {
    pub typ: ActType,
    pub year: u32,
    pub number: u32,
}

impl ActKey {
    pub fn celex(&self) -> String {
        format!(
            "3{}{}{:04}",
            self.year,
            self.typ.celex_letter(),
            self.number
        )
    }
    pub fn eli(&self) -> String {
        format!(
            "http://data.europa.eu/eli/{}/{}/{}/oj",
            self.typ.eli_segment(),
            self.year,
            self.number
        )
    }
    /// The official numbering: "No 910/2014" before 2015, "2016/679" from 2015.
    pub fn citation(&self) -> String {
        let scope = if self.year >= 2015 { "(EU) " } else { "" };
        if self.typ.celex_letter() == 'L' && self.year < 2015 {
            format!("{} {}/{}/EU", self.typ.english(), self.year, self.number)
        } else if self.year < 2015 {
            format!(
                "{} {}No {}/{}",
                self.typ.english(),
                scope,
                self.number,
                self.year
            )
        } else {
            format!(
                "{} {}{}/{}",
                self.typ.english(),
                scope,
                self.year,
                self.number
            )
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Agency {
    pub id: String,
    pub label_en: String,
    #[serde(default)]
    pub label_fr: String,
    #[serde(default)]
    pub label_nl: String,
    #[serde(default)]
    pub label_de: String,
    #[serde(default)]
    pub acronyms: String,
    #[serde(default)]
    pub variants: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub kbo: String,
    #[serde(default)]
    pub ovo: String,
    #[serde(default)]
    pub parent: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EuAct {
    pub id: String,
    #[serde(rename = "type")]
    pub typ: String,
    pub year: u32,
    pub number: u32,
    pub label_en: String,
    #[serde(default)]
    pub label_fr: String,
    #[serde(default)]
    pub label_nl: String,
    #[serde(default)]
    pub label_de: String,
    #[serde(default)]
    pub acronyms: String,
    #[serde(default)]
    pub variants: String,
}

impl EuAct {
    pub fn key(&self) -> Option<ActKey> {
        Some(ActKey {
            typ: ActType::parse(&self.typ)?,
            year: self.year,
            number: self.number,
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Region {
    pub id: String,
    pub label_en: String,
    #[serde(default)]
    pub label_fr: String,
    #[serde(default)]
    pub label_nl: String,
    #[serde(default)]
    pub label_de: String,
    #[serde(default)]
    pub variants: String,
    #[serde(default)]
    pub nuts: String,
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Initiative {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub variants: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub region: String,
}

/// What a name in the text refers to: an index into one of the gazetteer's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    Agency(usize),
    Act(usize),
    Region(usize),
    Initiative(usize),
}

/// A gazetteer name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: Entry,
}

pub struct Gazetteer {
    pub agencies: Vec<Agency>,
    pub acts: Vec<EuAct>,
    pub regions: Vec<Region>,
    pub initiatives: Vec<Initiative>,
    exact: Names,
    exact_entries: Vec<Entry>,
    folded: Names,
    folded_entries: Vec<Entry>,
    /// The complements of names `<head> <preposition> …` (`kader voor een Europese digitale
    /// identiteit`), for names written with a participle between head and complement (`een
    /// kader vastgesteld voor een Europese digitale identiteit`); per complement, its heads.
    gapped: Names,
    gapped_heads: Vec<Vec<(String, Entry)>>,
    /// Whether some name, exact or folded, begins with this byte of the text.
    first_bytes: [bool; 256],
}

/// Prepositions that open the complement of a name's head noun (`kader voor …`, `cadre pour
/// …`, `framework for …`, `Rahmen für …`). Not `de`/`van`/`of`, which are also articles or too
/// loose.
const GAP_PREPOSITIONS: &[&str] = &[
    "voor",
    "tot",
    "inzake",
    "betreffende",
    "pour",
    "sur",
    "relatif",
    "relative",
    "for",
    "on",
    "für",
    "über",
    "zur",
    "zum",
];

/// The names whose head may be separated from its complement by one participle: (complement,
/// head), both as written in the name. The complement must have three words at least, so that
/// it is specific on its own (`voor een Europese digitale identiteit`).
fn gapped_names(names: &[(String, Entry)]) -> Vec<(String, String, Entry)> {
    let mut out = Vec::new();
    for (name, e) in names {
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some(i) = (1..words.len())
            .find(|&i| GAP_PREPOSITIONS.contains(&words[i].to_lowercase().as_str()))
        else {
            continue;
        };
        if words.len() - i < 3 {
            continue;
        }
        out.push((words[i..].join(" "), words[..i].join(" "), *e));
    }
    out
}

/// Whether a word standing between a name's head and its complement is a participle (`kader
/// vastgesteld voor`, `cadre établi pour`, `framework adopted for`, `Rahmen geschaffen für`),
/// not an adjective or another word (`cadre national pour`, `kader nodig voor`).
fn is_participle(w: &str) -> bool {
    let w = w.to_lowercase();
    if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    // Dutch and German: ge- (also after a separable prefix: vast-ge-steld) or an inseparable
    // prefix, and the ending -d/-t/-en
    let germanic = (w.ends_with('d') || w.ends_with('t') || w.ends_with("en"))
        && (w.contains("ge")
            || ["be", "ont", "ver", "er", "her", "zer"]
                .iter()
                .any(|p| w.starts_with(p)));
    // French: -é(e)(s), -i(e)(s), -u(e)(s); English: -ed
    let romance = [
        "é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues",
    ]
    .iter()
    .any(|x| w.ends_with(x))
        && !w.ends_with("ais")
        && !w.ends_with("ois")
        && !["aussi", "ainsi", "parmi", "voici"].contains(&w.as_str());
    germanic || romance || w.ends_with("ed")
}

/// The start of `head` written right before `<participle> ` at the end of `before`, if so.
fn head_before_participle(before: &str, head: &str) -> Option<usize> {
    let rest = before.strip_suffix(|c: char| c.is_whitespace())?;
    let rest = rest.trim_end();
    let word_start = rest
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    if !is_participle(&rest[word_start..]) {
        return None;
    }
    let rest = &rest[..word_start];
    let rest = rest.strip_suffix(|c: char| c.is_whitespace())?.trim_end();
    let head = head.to_lowercase();
    // compare the last words of `rest` with the head, case-insensitively
    let n = head.split_whitespace().count();
    let mut start = rest.len();
    for _ in 0..n {
        let trimmed = rest[..start].trim_end();
        let ws = trimmed
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map(|(i, _)| i)?;
        start = ws;
    }
    let written: Vec<String> = rest[start..]
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let wanted: Vec<&str> = head.split_whitespace().collect();
    let before_head = rest[..start].chars().next_back();
    (written == wanted && !before_head.is_some_and(char::is_alphanumeric)).then_some(start)
}

fn read_csv<T: for<'de> Deserialize<'de>>(name: &str, data: &str) -> Result<Vec<T>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(data.as_bytes());
    rdr.deserialize()
        .enumerate()
        .map(|(i, r)| r.with_context(|| format!("{name}, record {}", i + 1)))
        .collect()
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

static BUNDLED: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::from_csv(
        include_str!("../../ontology/gazetteer/agencies.csv"),
        include_str!("../../ontology/gazetteer/eu_acts.csv"),
        include_str!("../../ontology/gazetteer/regions.csv"),
        include_str!("../../ontology/gazetteer/initiatives.csv"),
    )
    .expect("the bundled gazetteer files are valid")
});

impl Gazetteer {
    /// The gazetteer shipped in `ontology/gazetteer/`.
    pub fn bundled() -> &'static Gazetteer {
        &BUNDLED
    }

    pub fn from_csv(
        agencies: &str,
        acts: &str,
        regions: &str,
        initiatives: &str,
    ) -> Result<Gazetteer> {
        let agencies: Vec<Agency> = read_csv("agencies.csv", agencies)?;
        let acts: Vec<EuAct> = read_csv("eu_acts.csv", acts)?;
        let regions: Vec<Region> = read_csv("regions.csv", regions)?;
        let initiatives: Vec<Initiative> = read_csv("initiatives.csv", initiatives)?;
        let mut exact: Vec<(String, Entry)> = Vec::new();
        let mut folded: Vec<(String, Entry)> = Vec::new();
        for (i, a) in agencies.iter().enumerate() {
            let labels = [&a.label_en, &a.label_fr, &a.label_nl, &a.label_de];
            let e = Entry::Agency(i);
            add_row_names(&mut exact, &mut folded, &a.acronyms, labels, &a.variants, e);
        }
        for (i, a) in acts.iter().enumerate() {
            let labels = [&a.label_en, &a.label_fr, &a.label_nl, &a.label_de];
            let e = Entry::Act(i);
            add_row_names(&mut exact, &mut folded, &a.acronyms, labels, &a.variants, e);
        }
        for (i, r) in regions.iter().enumerate() {
            let labels = [&r.label_en, &r.label_fr, &r.label_nl, &r.label_de];
            let e = Entry::Region(i);
            add_row_names(&mut exact, &mut folded, "", labels, &r.variants, e);
        }
        for (i, r) in initiatives.iter().enumerate() {
            let e = Entry::Initiative(i);
            for s in std::iter::once(r.label.as_str()).chain(split_list(&r.variants)) {
                add_name(&mut exact, &mut folded, s, e);
            }
        }
        dedup(&mut exact);
        dedup(&mut folded);
        let mut tails: Vec<String> = Vec::new();
        let mut gapped_heads: Vec<Vec<(String, Entry)>> = Vec::new();
        // each complement once, whatever its case: where it is, by its lowered form (looked up,
        // not compared with every complement before it, lowered again each time)
        let mut tail_at: HashMap<String, usize> = HashMap::new();
        for (tail, head, e) in gapped_names(&folded) {
            match tail_at.entry(tail.to_lowercase()) {
                hash_map::Entry::Occupied(i) => gapped_heads[*i.get()].push((head, e)),
                hash_map::Entry::Vacant(v) => {
                    v.insert(tails.len());
                    tails.push(tail);
                    gapped_heads.push(vec![(head, e)]);
                }
            }
        }
        // the case-insensitive names are ASCII-lowercased and matched in the ASCII-lowercased
        // text (lowered once per sentence for both): the same matches as
        // `ascii_case_insensitive`, in smaller automatons
        let lowered = |names: &mut dyn Iterator<Item = &String>| {
            names.map(|s| s.to_ascii_lowercase()).collect::<Vec<_>>()
        };
        let exact_names = Names::new(&exact.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>())?;
        let folded_names = Names::new(&lowered(&mut folded.iter().map(|(s, _)| s)))?;
        let gapped = Names::new(&lowered(&mut tails.iter()))?;
        let first_bytes = std::array::from_fn(|b| {
            let b = b as u8;
            let lower = b.to_ascii_lowercase();
            exact_names.may_begin_with(b)
                || folded_names.may_begin_with(lower)
                || gapped.may_begin_with(lower)
        });
        Ok(Gazetteer {
            exact: exact_names,
            exact_entries: exact.into_iter().map(|(_, e)| e).collect(),
            folded: folded_names,
            folded_entries: folded.into_iter().map(|(_, e)| e).collect(),
            gapped,
            first_bytes,
            gapped_heads,
            agencies,
            acts,
            regions,
            initiatives,
        })
    }

    /// Every gazetteer name in `text`, whole words only, longest first where names overlap.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_and(text, |_, _| ()).0
    }

    /// [`Gazetteer::find`], and what `also` makes of the offsets where the search looked for
    /// names: every byte that some name begins with ([`Gazetteer::names_may_begin_with`]) and
    /// that does not continue a word (a letter or digit, as `char::is_alphanumeric` says, right
    /// after another) — the start of every such word, and of other characters. `also` is also
    /// told whether the text has a character for which these starts and the regex crate's word
    /// boundaries part (see [`crate::extract::cues::of_starts`]). Other searches at word starts
    /// ride on this one instead of finding them again.
    pub fn find_and<R>(&self, text: &str, also: impl FnOnce(&[usize], bool) -> R) -> (Vec<Hit>, R) {
        SCRATCH.with_borrow_mut(|(lower, starts)| {
            let found = self.find_with(text, lower, starts, also);
            // a very long text (a document without sentence breaks) does not keep its room
            if lower.capacity() > SCRATCH_KEPT {
                *lower = String::new();
                *starts = Vec::new();
            }
            found
        })
    }

    /// Whether some name begins with byte `b` (a name search looks only where one does).
    pub fn names_may_begin_with(&self, b: u8) -> bool {
        self.first_bytes[b as usize]
    }

    /// [`Gazetteer::find_and`] with buffers that keep their room from text to text.
    fn find_with<R>(
        &self,
        text: &str,
        lower: &mut String,
        starts: &mut Vec<usize>,
        also: impl FnOnce(&[usize], bool) -> R,
    ) -> (Vec<Hit>, R) {
        let mut hits: Vec<Hit> = Vec::new();
        // byte for byte the text, ASCII letters in lower case: offsets are the text's
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        let exotic = names::name_starts_into(text, |b| self.first_bytes[b as usize], starts);
        let starts = &*starts;
        let also = also(starts, exotic);
        for (names, entries, searched) in [
            (&self.exact, &self.exact_entries, text),
            (&self.folded, &self.folded_entries, lower.as_str()),
        ] {
            names.find_words(text, searched.as_bytes(), starts, |m| {
                hits.push(Hit {
                    start: m.start,
                    end: m.end,
                    entry: entries[m.name],
                })
            });
        }
        // a participle between a name's head and its complement: `een kader vastgesteld voor
        // een Europese digitale identiteit`
        self.gapped.find_words(text, lower.as_bytes(), starts, |m| {
            let heads = &self.gapped_heads[m.name];
            if let Some((start, entry)) = heads.iter().find_map(|(head, entry)| {
                head_before_participle(&text[..m.start], head).map(|start| (start, *entry))
            }) {
                hits.push(Hit {
                    start,
                    end: m.end,
                    entry,
                });
            }
        });
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        // the first of those that overlap, in place
        let mut kept_end: Option<usize> = None;
        hits.retain(|h| {
            let keep = kept_end.is_none_or(|end| h.start >= end);
            if keep {
                kept_end = Some(h.end);
            }
            keep
        });
        (hits, also)
    }

    pub fn agency_by_id(&self, id: &str) -> Option<usize> {
        self.agencies.iter().position(|a| a.id == id)
    }

    pub fn act_by_key(&self, key: &ActKey) -> Option<usize> {
        self.acts.iter().position(|a| a.key().as_ref() == Some(key))
    }

    pub fn region_by_id(&self, id: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.id == id)
    }
}

/// The most bytes of text whose room [`SCRATCH`] keeps for the next text.
const SCRATCH_KEPT: usize = 1 << 16;

thread_local! {
    /// Per thread, what [`Gazetteer::find`] makes of each text (its ASCII letters lowered, where
    /// names may start): allocated once, not once a sentence.
    static SCRATCH: std::cell::RefCell<(String, Vec<usize>)> = Default::default();
}

/// A gazetteer row's names: its acronyms (matched as written), then its labels and variants.
fn add_row_names(
    exact: &mut Vec<(String, Entry)>,
    folded: &mut Vec<(String, Entry)>,
    acronyms: &str,
    labels: [&String; 4],
    variants: &str,
    e: Entry,
) {
    split_list(acronyms).for_each(|s| exact.push((s.into(), e)));
    for s in labels
        .into_iter()
        .map(String::as_str)
        .chain(split_list(variants))
    {
        add_name(exact, folded, s, e);
    }
}

fn add_name(
    exact: &mut Vec<(String, Entry)>,
    folded: &mut Vec<(String, Entry)>,
    s: &str,
    e: Entry,
) {
    let s = s.trim().replace('’', "'");
    if s.chars().count() < 3 {
        return;
    }
    // acronyms and one-word proper names (`Paradigm`, `Smals`) are matched case-sensitively,
    // so that the ordinary word ("paradigm") does not count
    let acronym = s.chars().count() <= 6 && !s.chars().any(char::is_lowercase);
    let proper_word = !s.contains(char::is_whitespace) && s.chars().any(char::is_uppercase);
    if acronym || proper_word {
        exact.push((s, e));
    } else {
        folded.push((s, e));
    }
}

fn dedup(v: &mut Vec<(String, Entry)>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|(s, _)| seen.insert(s.to_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let g = Gazetteer::bundled();
        g.find(text)
            .into_iter()
            .map(|h| match h.entry {
                Entry::Agency(i) => g.agencies[i].id.clone(),
                Entry::Act(i) => g.acts[i].id.clone(),
                Entry::Region(i) => g.regions[i].id.clone(),
                Entry::Initiative(i) => g.initiatives[i].id.clone(),
            })
            .collect()
    }

    #[test]
    fn a_text_after_a_longer_one_finds_only_its_own_names() {
        // the buffers of the first search keep its text and starts beyond the second's length
        let long = format!("{} le SPF BOSA et l'IBPT.", "mot ".repeat(50));
        assert_eq!(names(&long), vec!["bosa", "bipt"]);
        assert_eq!(names("Le DSA."), vec!["dsa"]);
        assert_eq!(names("Rien."), Vec::<String>::new());
    }

    #[test]
    fn acronyms_match_whole_words_in_their_case() {
        assert_eq!(
            names("En Belgique, l'IBPT a été désigné pour le DSA."),
            vec!["be", "bipt", "dsa"]
        );
        assert!(names("Het BIPT en de FOD Economie").starts_with(&["bipt".to_string()]));
        assert!(!names("la DSAP et le dsa et CCBX et ACCB")
            .iter()
            .any(|n| n == "dsa" || n == "ccb"));
    }

    #[test]
    fn official_names_of_the_digital_identity_regulation() {
        for t in [
            "The Commission published guidance on the European Digital Identity Framework.",
            "Het Europees kader voor digitale identiteit vraagt een wallet per lidstaat.",
            "Le cadre européen relatif à une identité numérique impose un portefeuille.",
            "Die Mitgliedstaaten setzen den europäischen Rahmen für eine digitale Identität um.",
            "Die Umsetzung des europäischen Rahmens für eine digitale Identität läuft.",
        ] {
            assert_eq!(names(t), vec!["eidas2"], "{t}");
        }
    }

    #[test]
    fn a_participle_may_stand_between_a_names_head_and_its_complement() {
        for t in [
            "In 2024 werd een kader opgericht voor een Europese digitale identiteit.",
            "L'Union a adopté un cadre défini pour une identité numérique européenne.",
            "The Union set up a framework designed for a European digital identity.",
            "Brussel heeft het Europees kader vastgelegd voor digitale identiteit.",
        ] {
            assert_eq!(names(t), vec!["eidas2"], "{t}");
        }
        // the match starts at the head
        let t = "een kader uitgewerkt voor een Europese digitale identiteit (wallet)";
        let h = Gazetteer::bundled().find(t);
        assert_eq!(
            &t[h[0].start..h[0].end],
            "kader uitgewerkt voor een Europese digitale identiteit"
        );
    }

    #[test]
    fn no_gap_other_than_one_participle() {
        for t in [
            // an adjective: a national framework is not the EU regulation
            "Nous créerons un cadre national pour une identité numérique européenne.",
            "We need a framework urgently for a European digital identity.",
            // more than one word, or a clause break, between head and complement
            "Er is een kader dat werd uitgewerkt voor een Europese digitale identiteit.",
            "Een nieuw kader, opgericht voor een Europese digitale identiteit, volgt.",
            // another head
            "Er komt een budget vastgesteld voor een Europese digitale identiteit.",
        ] {
            assert!(!names(t).contains(&"eidas2".to_string()), "{t}");
        }
        assert!(!is_participle("nodig"));
        assert!(!is_participle("aussi"));
        assert!(is_participle("vastgesteld"));
        assert!(is_participle("établi"));
        assert!(is_participle("geschaffen"));
    }

    #[test]
    fn longest_name_wins() {
        let n = names("the Belgian Institute for Postal Services and Telecommunications");
        assert_eq!(n, vec!["bipt"]);
    }

    #[test]
    fn celex_and_eli_follow_the_numbering_rules() {
        let gdpr = ActKey {
            typ: ActType::Regulation,
            year: 2016,
            number: 679,
        };
        assert_eq!(gdpr.celex(), "32016R0679");
        assert_eq!(gdpr.eli(), "http://data.europa.eu/eli/reg/2016/679/oj");
        let einv = ActKey {
            typ: ActType::Directive,
            year: 2014,
            number: 55,
        };
        assert_eq!(einv.celex(), "32014L0055");
        assert_eq!(
            ActKey {
                typ: ActType::Regulation,
                year: 2014,
                number: 910
            }
            .citation(),
            "Regulation No 910/2014"
        );
    }
}
