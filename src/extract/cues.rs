//! Cue words: the words without which some of extraction's patterns cannot match (an act's
//! kind for `ce règlement`, a body's kind for `l'agence`, `avec` for a co-actor …). A pattern
//! runs only on the sentences that hold one of its words, instead of every pattern scanning
//! every sentence.
//!
//! The words are looked up where a word starts, in a table keyed by their first two bytes,
//! at the word starts that the gazetteer's name search finds anyway
//! ([`crate::gazetteer::Gazetteer::find_and`]): a pass of its own over each sentence cost as
//! much as the searches it spared (see BENCHMARKS.md, "Session 24").
//!
//! Each family of words is a [`Cue`]; a sentence's [`Cues`] say which families it holds. A
//! family is a promise about the patterns it guards: every match of the pattern contains one of
//! the family's words, case-insensitively, where the family says: as a whole word, or at the
//! start of a word. [`cued`] keeps that promise checked: in debug builds (the tests), a pattern
//! the cues rule out is run anyway and must not match.

use std::sync::LazyLock;

/// A family of cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// The kind of an act, after a determiner: `ce règlement`, `deze richtlijn`, `the Act`.
    ActNoun,
    /// `ce texte`, `deze tekst`, `this text`.
    TextNoun,
    /// Names of national texts: `loi`, `wetsontwerp`, `bill`, `Gesetz`.
    NationalText,
    /// Work continued: `ce travail`, `dit werk`, `this work`, `diese Arbeit`.
    WorkNoun,
    /// Verbs of which a clitic pronoun is the object: `la transposer`, `om deze om te
    /// zetten`, `implement it`, `sie umzusetzen`.
    RoleVerb,
    /// The kind of a body, after a determiner: `l'institut`, `het agentschap`, `the
    /// authority`.
    BodyNoun,
    /// First-person pronouns but the English `I` (a letter, in every other word): `je`,
    /// `j'`, `nous`, `ik`, `we`, `wij`, `ich`, `wir`.
    FirstPerson,
    /// `avec`, `met`, `with`, `mit` (asked of the text between two bodies: see [`cued_in`]).
    CoActor,
    /// `l'expertise`, `ondersteund door`, `with the support of`.
    Support,
    /// `à la demande de`, `op vraag van`, `at the request of`.
    Request,
    /// The words of the role triggers, at the start of a word: `coordinat…`, `toezicht…`,
    /// `transpos…`, `mise en œuvre`, `bevoegde autoriteit`, `operated by`.
    RoleTrigger,
    /// The words that name a minister or a kind of body before its name: `ministre`, `SPF`,
    /// `Agentschap`, `Institut`.
    BodyKind,
    /// The verbs of an action continued (`Dit gebeurt samen met …`, `Cela se fera avec …`,
    /// `This is done with …`).
    Continued,
}

/// Where in a sentence a family's word must stand to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A whole word.
    Word,
    /// The start of a word (a prefix of it).
    WordStart,
}

/// Every family with its words (in lower case) and where they stand.
const FAMILIES: &[(Cue, Place, &[&str])] = &[
    (
        Cue::ActNoun,
        Place::Word,
        &[
            "règlement",
            "règlementation",
            "réglementation",
            "directive",
            "verordening",
            "reglement",
            "richtlijn",
            "regulation",
            "verordnung",
            "richtlinie",
            "loi",
            "wet",
            "act",
        ],
    ),
    (
        Cue::TextNoun,
        Place::Word,
        &["texte", "tekst", "text", "texts"],
    ),
    (
        Cue::NationalText,
        Place::Word,
        &[
            "loi",
            "lois",
            "projet",
            "projets",
            "arrêté",
            "arrêtés",
            "décret",
            "ordonnance",
            "wet",
            "wetten",
            "wetsontwerp",
            "wetsvoorstel",
            "ontwerp",
            "voorontwerp",
            "besluit",
            "decreet",
            "ordonnantie",
            "bill",
            "law",
            "laws",
            "statute",
            "gesetz",
            "gesetzes",
            "gesetzentwurf",
            "entwurf",
            "erlass",
            "dekret",
        ],
    ),
    (
        Cue::WorkNoun,
        Place::WordStart,
        &["trava", "werk", "work", "arbeit"],
    ),
    (
        Cue::RoleVerb,
        Place::WordStart,
        &[
            "transpos",
            "met",
            "appliqu",
            "exécut",
            "zet",
            "voer",
            "pas",
            "implement",
            "appl",
            "enforc",
            "umzusetzen",
            "umsetzen",
            "anzuwenden",
            "anwenden",
            "durchzuführen",
            "durchführen",
        ],
    ),
    (
        Cue::BodyNoun,
        Place::Word,
        &[
            "institut",
            "instituut",
            "institute",
            "agence",
            "agentschap",
            "agency",
            "autorité",
            "autoriteit",
            "authority",
            "régulateur",
            "regulator",
        ],
    ),
    (
        Cue::FirstPerson,
        Place::Word,
        &["je", "nous", "ik", "we", "wij", "ich", "wir"],
    ),
    (Cue::FirstPerson, Place::WordStart, &["j'"]),
    (
        Cue::CoActor,
        Place::WordStart,
        &["avec", "met", "with", "mit"],
    ),
    (
        Cue::Support,
        Place::WordStart,
        &[
            "expertise",
            "appu",
            "soutien",
            "ondersteun",
            "steun",
            "support",
            "unterstütz",
        ],
    ),
    (
        Cue::Request,
        Place::WordStart,
        &[
            "demande",
            "vraag",
            "verzoek",
            "request",
            "invitation",
            "ersuchen",
            "anfrage",
            "wunsch",
            "bitte",
            "antrag",
        ],
    ),
    (
        Cue::RoleTrigger,
        Place::WordStart,
        &[
            // coordinators
            "coordinat",
            "coördin",
            "coordonn",
            "koordinat",
            // competent authorities
            "autorit",
            "organisme",
            "point",
            "centraal",
            "bevoegde",
            "één",
            "competent",
            "single",
            "national",
            "zuständige",
            "zentrale",
            "designated",
            // supervisors
            "supervis",
            "surveillance",
            "contrôl",
            "toezicht",
            "controle",
            "marktwaakhond",
            "markttoezicht",
            "oversight",
            "oversee",
            "régulateur",
            "aufsicht",
            "überwach",
            "marktüberwachung",
            // transposition
            "transpos",
            "omzet",
            "omgezet",
            "zet",
            "umgesetzt",
            "umsetz",
            // preparation
            "prépar",
            "voorbereid",
            "bereid",
            "prepar",
            "vorbereit",
            // following up
            "suivi",
            "suivr",
            "suit",
            "opvolg",
            "opgevolgd",
            "volg",
            "follow",
            "monitor",
            "verfolg",
            "poursuiv",
            "werk",
            "continu",
            "arbeit",
            // implementation
            "mise",
            "mettr",
            "met",
            "appl",
            "exécut",
            "uitvoer",
            "uitgevoerd",
            "impl",
            "toepass",
            "toegepast",
            "invoering",
            "enforc",
            "durchführ",
            "anwend",
            "voer",
            "pas",
            "déploi",
            "uitrol",
            "deploy",
            "anzuwenden",
            "umzusetzen",
            "durchgeführt",
            "angewandt",
            "angewendet",
            // operators
            "operated",
            "managed",
            "maintained",
            "gér",
            "exploit",
            "opér",
            "beheerd",
            "uitgebaat",
            "geëxploit",
            "betrieben",
            "verwaltet",
        ],
    ),
    (
        Cue::BodyKind,
        Place::Word,
        &[
            "ministre",
            "minister",
            "secrétaire",
            "staatssecretaris",
            "secretary",
            "spf",
            "fod",
            "fps",
            "god",
            "pod",
            "spp",
            "service",
            "federale",
            "agence",
            "agentschap",
            "institut",
            "instituut",
            "vlaams",
            "centre",
            "autorité",
            "autoriteit",
        ],
    ),
    (
        Cue::Continued,
        Place::Word,
        &[
            "gebeurt",
            "gebeuren",
            "gedaan",
            "fait",
            "fera",
            "done",
            "happens",
            "happen",
            "geschieht",
            "erfolgt",
            "erfolgen",
        ],
    ),
];

/// The cue families a sentence holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cues(u32);

impl Cues {
    /// Every family: what a text is taken to hold when it was not looked at.
    pub const ALL: Cues = Cues(u32::MAX);

    /// Whether one of `cue`'s words stands in the text.
    pub fn has(self, cue: Cue) -> bool {
        self.0 & bit(cue) != 0
    }
}

fn bit(cue: Cue) -> u32 {
    1 << cue as u32
}

/// A word of a family, in lower case, with its family and where it must stand. Its first
/// eight bytes are compared at once, as an integer: a text's bytes there, with [`Entry::fold`]
/// set, masked to the word's length, are [`Entry::head`] where the word stands in either case.
struct Entry {
    word: &'static [u8],
    head: u64,
    /// The bit that makes a letter lower case (`0x20`), at the bytes of the head that are
    /// letters: ASCII ones, and the second byte of a Latin-1 letter (`É` is `C3 89`, `é` is
    /// `C3 A9`).
    fold: u64,
    mask: u64,
    bit: u32,
    place: Place,
}

impl Entry {
    fn new(word: &'static [u8], bit: u32, place: Place) -> Entry {
        let (mut head, mut fold, mut mask) = (0u64, 0u64, 0u64);
        for (i, &b) in word.iter().take(8).enumerate() {
            if b.is_ascii_lowercase() || (i > 0 && latin1_letter_tail(word[i - 1], b)) {
                fold |= 0x20 << (8 * i);
            }
            head |= u64::from(b) << (8 * i);
            mask |= 0xFF << (8 * i);
        }
        Entry {
            word,
            head,
            fold,
            mask,
            bit,
            place,
        }
    }

    /// Whether the word stands at `at` of `bytes`, whose eight bytes from there are `next`
    /// (zeros past the end).
    #[inline]
    fn at(&self, bytes: &[u8], at: usize, next: u64) -> bool {
        (next | self.fold) & self.mask == self.head
            && at + self.word.len() <= bytes.len()
            && (at + 8..at + self.word.len()).all(|i| lowered(bytes, i) == self.word[i - at])
    }
}

/// Every family's words, by their first three bytes (see [`triple`]), and which bytes begin
/// one.
struct Lexicon {
    /// The words of three bytes or more, by the slot of their first three ([`slot`]):
    /// `entries[slots[k]..slots[k + 1]]` are those of slot `k`.
    entries: Vec<Entry>,
    slots: Vec<u16>,
    /// Whether some word of three bytes or more begins like the text (by [`seen_bit`] of its
    /// first three): most word starts are turned away by one bit.
    seen: Box<[u64; 1 << 10]>,
    /// The words of two bytes (`we`, `j'`), and the bytes they begin with.
    short: Vec<Entry>,
    short_first_bytes: [bool; 256],
    first_bytes: [bool; 256],
}

const SLOTS: usize = 1 << 10;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut long: Vec<(usize, Entry)> = Vec::new();
    let mut short = Vec::new();
    let mut seen = Box::new([0u64; 1 << 10]);
    let mut first_bytes = [false; 256];
    let mut short_first_bytes = [false; 256];
    for &(cue, place, family) in FAMILIES {
        for word in family {
            let word = word.as_bytes();
            let first = word[0];
            let cases = [usize::from(first), usize::from(first.to_ascii_uppercase())];
            let entry = Entry::new(word, bit(cue), place);
            for b in cases {
                first_bytes[b] = true;
            }
            if word.len() < 3 {
                for b in cases {
                    short_first_bytes[b] = true;
                }
                short.push(entry);
                continue;
            }
            let t = triple(entry.head);
            let k = seen_bit(t);
            seen[k / 64] |= 1 << (k % 64);
            long.push((slot(t), entry));
        }
    }
    long.sort_by_key(|(k, _)| *k);
    let slots = (0..=SLOTS)
        .map(|k| long.partition_point(|(s, _)| *s < k) as u16)
        .collect();
    Lexicon {
        entries: long.into_iter().map(|(_, e)| e).collect(),
        slots,
        seen,
        short,
        short_first_bytes,
        first_bytes,
    }
});

/// The first three of the eight bytes `next` (little-endian), the bit that makes a letter lower
/// case set in each: a word's three in any case, and some other bytes too, give its own.
fn triple(next: u64) -> u32 {
    (next as u32 | 0x20_2020) & 0xFF_FFFF
}

/// A triple's bit in [`Lexicon::seen`] (one of 2^16).
fn seen_bit(t: u32) -> usize {
    (t.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// A triple's slot in [`Lexicon::slots`] (one of [`SLOTS`]).
fn slot(t: u32) -> usize {
    (t.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// Byte `i` of `bytes` in lower case: ASCII letters, and the second byte of the Latin-1
/// letters (`É` is `C3 89`, `é` is `C3 A9`; `×` and `÷` stay).
fn lowered(bytes: &[u8], i: usize) -> u8 {
    let b = bytes[i];
    if b.is_ascii_uppercase() || (i > 0 && latin1_letter_tail(bytes[i - 1], b)) {
        b | 0x20
    } else {
        b
    }
}

/// Whether `b`, after `prev`, is the second byte of a Latin-1 letter in either case (`É` is
/// `C3 89`, `é` is `C3 A9`; `×` `C3 97` and `÷` `C3 B7` are no letters), which the bit `0x20`
/// makes lower case.
fn latin1_letter_tail(prev: u8, b: u8) -> bool {
    let upper = b & !0x20;
    prev == 0xC3 && (0x80..=0x9E).contains(&upper) && upper != 0x97
}

/// The eight bytes of `bytes` from `at`, zeros past the end, as a little-endian integer.
#[inline]
fn eight_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().expect("eight bytes")),
        None => {
            let mut b = [0u8; 8];
            let rest = &bytes[at..];
            b[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(b)
        }
    }
}

/// Whether every byte a cue word begins with, in either case, is one at which `starts_at`
/// holds: a byte where the word starts given to [`of_starts`] may be.
pub fn covered(starts_at: impl Fn(u8) -> bool) -> bool {
    (0..=255u8).all(|b| !LEXICON.first_bytes[usize::from(b)] || starts_at(b))
}

/// The cue families `text` holds, its words looked up at `starts`: every byte offset where a
/// word starts (a character that is not a word character, or none, before it) and whose byte
/// is one that [`covered`] was asked about, with perhaps other offsets too. `exotic` says the
/// text has a character that breaks the lookup: one beyond ASCII that case-folds to an ASCII
/// letter (`ſ` to `s`, the Kelvin sign to `k`), or one that `starts` takes for a word
/// character and the regex crate's `\b` does not (`²`); such a text holds every cue.
pub fn of_starts(text: &str, starts: &[usize], exotic: bool) -> Cues {
    if exotic {
        return Cues::ALL;
    }
    let bytes = text.as_bytes();
    let lexicon = &*LEXICON;
    let mut held = 0u32;
    let mut look = |e: &Entry, at: usize, next: u64| {
        if held & e.bit == 0
            && e.at(bytes, at, next)
            && (e.place == Place::WordStart || !word_after(text, at + e.word.len()))
        {
            held |= e.bit;
        }
    };
    for &at in starts {
        let first = usize::from(bytes[at]);
        if !lexicon.first_bytes[first] {
            continue;
        }
        let next = eight_at(bytes, at);
        if lexicon.short_first_bytes[first] {
            for e in &lexicon.short {
                look(e, at, next);
            }
        }
        let t = triple(next);
        let k = seen_bit(t);
        if lexicon.seen[k / 64] & (1 << (k % 64)) == 0 {
            continue;
        }
        let k = slot(t);
        let (from, to) = (lexicon.slots[k], lexicon.slots[k + 1]);
        for e in &lexicon.entries[usize::from(from)..usize::from(to)] {
            look(e, at, next);
        }
    }
    Cues(held)
}

/// Whether a word character (`\w`, as the regex crate's `\b` sees it) starts at byte `at`.
fn word_after(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => return false,
        Some(&b) if b.is_ascii() => return b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => {}
    }
    text[at..]
        .chars()
        .next()
        .is_some_and(regex_syntax::is_word_character)
}

/// `re` if the text it is asked about may hold a match: if `cues` (of the sentence the text is
/// part of) hold one of `cue`'s words. In debug builds a pattern ruled out is run anyway, and
/// a match is a bug in `FAMILIES`.
pub fn cued<'r, R: Matcher + ?Sized>(cues: Cues, cue: Cue, re: &'r R, text: &str) -> Option<&'r R> {
    if cues.has(cue) {
        return Some(re);
    }
    debug_assert!(
        !re.matches_somewhere(text),
        "{cue:?} rules out a pattern that matches {text:?}"
    );
    None
}

/// [`cued`] for a piece of `sentence` (holding `cues`): a piece that starts inside one of the
/// sentence's words may match a word there that the sentence holds in no word start, so it is
/// always searched.
pub fn cued_in<'r, R: Matcher + ?Sized>(
    sentence: &str,
    cues: Cues,
    cue: Cue,
    re: &'r R,
    piece: &str,
) -> Option<&'r R> {
    // where the piece starts in the sentence (it is a slice of it)
    let at = (piece.as_ptr() as usize).wrapping_sub(sentence.as_ptr() as usize);
    let inside_word = sentence.get(..at).is_none_or(|before| {
        before
            .chars()
            .next_back()
            .is_some_and(regex_syntax::is_word_character)
            && word_after(sentence, at)
    });
    cued(if inside_word { Cues::ALL } else { cues }, cue, re, piece)
}

/// A pattern [`cued`] can check: a regex, or a function that runs the exact patterns behind a
/// looser search.
pub trait Matcher {
    fn matches_somewhere(&self, text: &str) -> bool;
}

impl<F: Fn(&str) -> bool> Matcher for F {
    fn matches_somewhere(&self, text: &str) -> bool {
        self(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    /// The cues of `text`, at the word starts of the bundled gazetteer's name search.
    fn of(text: &str) -> Cues {
        let gaz = Gazetteer::bundled();
        assert!(covered(|b| gaz.names_may_begin_with(b)));
        gaz.find_and(text, |starts, exotic| of_starts(text, starts, exotic))
            .1
    }

    #[test]
    fn families_are_found_where_they_stand() {
        let c = of("Nous transposerons ce Règlement avec l'AGENCE.");
        assert!(c.has(Cue::FirstPerson));
        assert!(c.has(Cue::RoleVerb));
        assert!(c.has(Cue::ActNoun));
        assert!(c.has(Cue::CoActor));
        assert!(c.has(Cue::BodyNoun));
        assert!(!c.has(Cue::TextNoun));
        assert!(!c.has(Cue::Request));
        assert!(of("Dit gebeurt samen met de FOD.").has(Cue::Continued));
        assert!(!of("Dit gebeurtenis.").has(Cue::Continued));
        // whole words and word starts only
        let c = of("L'impact des projections sur les institutions: interaction.");
        assert!(!c.has(Cue::ActNoun), "`act` inside `impact`, `interaction`");
        assert!(!c.has(Cue::NationalText), "`projet` is not `projections`");
        assert!(
            !c.has(Cue::BodyNoun),
            "`institut` is a word, not `institutions`"
        );
        assert!(!c.has(Cue::FirstPerson));
    }

    #[test]
    fn letters_beyond_ascii_are_found_in_either_case() {
        assert!(of("LE RÈGLEMENT").has(Cue::ActNoun));
        assert!(of("L'AUTORITÉ").has(Cue::BodyNoun));
        assert!(of("DURCHFÜHREN").has(Cue::RoleVerb));
    }

    #[test]
    fn letters_folding_to_ascii_hold_every_cue() {
        assert_eq!(of("la directive tranſpoſée"), Cues::ALL);
        assert_ne!(of("la directive transposée"), Cues::ALL);
        assert_eq!(of("\u{212A}"), Cues::ALL);
    }

    #[test]
    fn numbers_that_are_no_word_characters_hold_every_cue() {
        // `²` is no `\w` for the regex crate, so a word starts right after it; the
        // gazetteer's word starts take it for part of a word
        let text = "la note²loi";
        assert!(regex::Regex::new(r"(?i)\bloi\b").unwrap().is_match(text));
        assert_eq!(of(text), Cues::ALL);
        assert!(!of("la note 2 loi").has(Cue::BodyNoun));
    }

    #[test]
    fn only_two_characters_beyond_ascii_fold_to_ascii_letters() {
        for c in ('a'..='z').chain('A'..='Z') {
            for x in case_orbit(c) {
                // the two that the gazetteer's word starts report as exotic
                assert!(
                    x.is_ascii() || matches!(x, 'ſ' | '\u{212A}'),
                    "{c} folds to {x}"
                );
            }
        }
    }

    /// What the regex crate's case-insensitive matching takes for `c`.
    fn case_orbit(c: char) -> Vec<char> {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        class.iter().flat_map(|r| r.start()..=r.end()).collect()
    }

    #[test]
    fn the_byte_lowering_folds_every_case_of_the_words() {
        for &(_, _, family) in FAMILIES {
            for word in family {
                assert!(word.len() >= 2, "{word}: a key needs two bytes");
                // (an ASCII letter's other cases beyond ASCII make a text exotic: see above)
                for c in word.chars().filter(|c| !c.is_ascii()) {
                    for x in case_orbit(c).into_iter().filter(|x| !x.is_ascii()) {
                        let b = x.to_string();
                        let lowered: Vec<u8> =
                            (0..b.len()).map(|i| lowered(b.as_bytes(), i)).collect();
                        assert_eq!(lowered, c.to_string().into_bytes(), "{x} in {word}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_word_is_found_in_every_case_and_only_itself() {
        for &(_, _, family) in FAMILIES {
            for word in family {
                let e = Entry::new(word.as_bytes(), 1, Place::WordStart);
                let capital: String = word
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .chain(word.chars().skip(1))
                    .collect();
                for form in [word.to_string(), word.to_uppercase(), capital] {
                    let text = format!("« {form}");
                    let b = text.as_bytes();
                    let at = text.len() - form.len();
                    assert!(e.at(b, at, eight_at(b, at)), "{word} in {text}");
                }
                // one letter changed anywhere, or the word cut short, is not the word
                for i in 0..word.len() {
                    if !word.is_char_boundary(i) || !word.as_bytes()[i].is_ascii_alphabetic() {
                        continue;
                    }
                    let mut other = word.as_bytes().to_vec();
                    other[i] = if other[i] == b'x' { b'y' } else { b'x' };
                    assert!(!e.at(&other, 0, eight_at(&other, 0)), "{word}");
                }
                let short = &word.as_bytes()[..word.len() - 1];
                assert!(!e.at(short, 0, eight_at(short, 0)), "{word}");
            }
        }
    }

    #[test]
    fn a_piece_starting_inside_a_word_is_searched() {
        let sentence = "le SPF Economiewith le BIPT";
        let cues = of(sentence);
        assert!(!cues.has(Cue::CoActor));
        let gap = &sentence[15..24];
        assert_eq!(gap, "with le B");
        let any = |_: &str| true;
        assert!(cued_in(sentence, cues, Cue::CoActor, &any, gap).is_some());
        let piece = &sentence[6..];
        assert!(cued_in(sentence, cues, Cue::CoActor, &|_: &str| false, piece).is_none());
    }
}
