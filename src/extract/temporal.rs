//! Temporal expressions in French, Dutch, English and German policy sentences.
//!
//! [`find_temporal`] finds the dates, months, years, parts of years and periods of one sentence,
//! normalises each to a [`TemporalValue`] at the grain it was written at (we never invent a month
//! or a day), and tells whether it is a commitment ([`TemporalKind::Deadline`]: due by, from, in
//! the future) or something that happened ([`TemporalKind::Event`]).
//!
//! How it works, in order:
//! 1. a cheap pre-check: a 4-digit run 1800–2099 in the sentence, or (with a document year) a
//!    relative or quarter keyword; most sentences cost one byte scan;
//! 2. candidate expressions from regexes compiled once, each run only on short windows (around
//!    the year tokens, or around the keywords): absolute dates, numeric dates, month + year, parts
//!    of years, semesters and quarters, year ranges, years introduced by a noun or a cue word, and
//!    relative expressions resolved against `doc_year`;
//! 3. near-misses are dropped: act numbers (`2016/679`), standards (`ISO 27001:2013`), document
//!    references, page ranges, version numbers, amounts and percentages next to a year; a bare
//!    year only counts with a cue word or preposition right before it (or coordinated with one
//!    that has: "in 2023 and 2024");
//! 4. overlaps are resolved in favour of the longest expression;
//! 5. the cue word right before the expression (or "au plus tard"-like right after it) is attached
//!    and decides the kind when it is strong (deadline: "d'ici", "tegen", "by", "bis"; event:
//!    "depuis", "sinds", "since", "seit", "loi du", "Law of"); otherwise the nearest tense marker
//!    within 160 bytes (future/modal vs past, in the hinted language first; else the whole
//!    sentence) decides; otherwise the kind is `Unknown`. Two conventions of the project's gold
//!    annotation: a span of years written as a horizon ("Plan 2022–2024", "for the period
//!    2019–2025") is a deadline whatever the tense, and "pour/voor/for 2030" is a deadline unless
//!    a past verb says otherwise.
//!
//! Speed: the date regexes use ASCII word boundaries (`(?-u:\b)`, every boundary in them sits
//! next to an ASCII letter or digit) so that the regex crate can use its DFAs on accented text;
//! about 3–4 µs per sentence on average on policy text, ~20 µs for a sentence with a year.

use std::sync::LazyLock;

use super::gated::Captures;
use super::gated::GatedRegex as Regex;
use super::gated::MatchSet;

use crate::lang::Lang;
use crate::normalise::words;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grain {
    Year,
    Month,
    Day,
}

/// A calendar date at some grain: month and day are None above their grain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrainDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl GrainDate {
    pub fn grain(&self) -> Grain {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Grain::Day,
            (Some(_), None) => Grain::Month,
            _ => Grain::Year,
        }
    }

    /// "2025", "2025-09", "2025-08-02".
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

/// Deadline = a commitment (due by / from / in the future); Event = something that happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemporalKind {
    Deadline,
    Event,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemporalValue {
    Point(GrainDate),
    Period { start: GrainDate, end: GrainDate },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TemporalMention {
    /// Byte offset into the sentence where the expression (including its cue word) starts.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    pub text: String,
    pub value: TemporalValue,
    pub kind: TemporalKind,
    /// The cue word(s) as written ("d'ici le", "uiterlijk op", "by"), if any.
    pub cue: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Small date helpers
// ---------------------------------------------------------------------------------------------

fn gy(year: i32) -> GrainDate {
    GrainDate {
        year,
        month: None,
        day: None,
    }
}

fn gym(year: i32, month: u32) -> GrainDate {
    GrainDate {
        year,
        month: Some(month),
        day: None,
    }
}

fn gymd(year: i32, month: u32, day: u32) -> GrainDate {
    GrainDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_ymd(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// A value comparable as an interval: (first day, last day) encoded as yyyymmdd.
fn bounds(d: &GrainDate) -> (u32, u32) {
    let y = d.year as u32;
    match (d.month, d.day) {
        (Some(m), Some(day)) => (y * 10000 + m * 100 + day, y * 10000 + m * 100 + day),
        (Some(m), None) => (y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31),
        _ => (y * 10000 + 101, y * 10000 + 1231),
    }
}

// ---------------------------------------------------------------------------------------------
// Regex building blocks
// ---------------------------------------------------------------------------------------------

/// Replace `%NAME%` placeholders with shared sub-patterns, then compile.
fn build(pattern: &str) -> Regex {
    let mut p = pattern.to_string();
    // Order matters: composite pieces first, they contain smaller placeholders.
    let pieces: [(&str, &str); 12] = [
        ("%PARTY%", PARTY),
        ("%PARTM%", PARTM),
        ("%PARTREL%", PARTREL),
        ("%REL%", REL),
        ("%RELTAIL%", RELTAIL),
        ("%CONN%", CONN),
        ("%ORD%", ORD),
        ("%UNIT%", UNIT),
        ("%MONTH%", MONTH),
        ("%DAY%", DAY),
        ("%YEAR%", YEAR),
        ("%DASH%", DASH),
    ];
    for (k, v) in pieces {
        p = p.replace(k, v);
    }
    p = p.replace("%AP%", AP);
    Regex::new(&p).unwrap_or_else(|e| panic!("temporal regex does not compile: {e}\n{p}"))
}

/// Apostrophes: plain, typographic, modifier letter.
const AP: &str = "['’ʼ]";
const DASH: &str = "[-–—‐‑−]";
const YEAR: &str = r"(?:18|19|20)\d\d";
/// Month names in the four languages, with and without accents, then abbreviations (with an
/// optional dot). Full names come first so that "janvier" is never read as "jan".
const MONTH: &str = r"(?:(?:janvier|januari|january|januar|j[äa]nner|jaenner|f[ée]vrier|februari|february|februar|mars|maart|march|m[äa]rz|maerz|avril|april|mai|mei|may|juin|juni|june|juillet|juli|july|ao[ûu]t|augustus|august|septembre|september|octobre|oktober|october|novembre|november|d[ée]cembre|december|dezember)(?-u:\b)|(?:janv|jan|f[ée]vr|f[ée]v|feb|mrt|m[äa]r|avr|apr|juil|jul|jun|aug|sept|sep|oct|okt|nov|d[ée]c|dez)(?:\.|(?-u:\b)))";
/// Day of month with French/Dutch/English ordinal suffixes or the German dot.
const DAY: &str = r"(?P<d>[0-3]?\d)(?:er|ère|ere|re|ème|eme|e|ste|st|nd|rd|th|de|\.)?";
/// Part of a year written before the year ("fin 2025", "begin 2026", "mid-2025", "Ende 2025").
const PARTY: &str = r"(?:(?:la|le)\s+)?(?:fi\s?n|d[ée]but|milieu|courant)(?:\s+(?:de\s+l%AP%\s*ann[ée]e|d%AP%\s*ann[ée]e|de\s+l%AP%\s*an|de|d%AP%))?|(?:au\s+cours|dans\s+le\s+courant)\s+de\s+l%AP%\s*ann[ée]e|(?:l%AP%\s*)?(?:printemps|automne|hiver)(?:\s+(?:de|d%AP%))?|(?:l%AP%\s*|en\s+|cet\s+)[ée]t[ée](?:\s+(?:de|d%AP%))?|mi|(?:(?:het|de)\s+)?(?:begin|einde|eind|midden)(?:\s+van(?:\s+het\s+jaar)?)?|medio|half|(?:de\s+)?loop\s+van(?:\s+het\s+jaar)?|(?:het\s+|de\s+)?(?:voorjaar|najaar|lente|zomer|herfst|winter)(?:\s+van)?|(?:the\s+)?(?:end|beginning|start|middle|course)\s+of(?:\s+the\s+year)?|(?:the\s+)?(?:spring|summer|autumn)(?:\s+of)?|early|late|mid|year-end|end|(?:Anfang|Ende|Mitte|Beginn|Fr[üu]hjahr|Fruehjahr|Fr[üu]hling|Sommer|Herbst)(?:\s+des\s+Jahres)?|Laufe?\s+des\s+Jahres";
/// Part of a month written before the month name ("fin avril 2025", "begin april 2025").
const PARTM: &str = r"(?:(?:la|le|het|the)\s+)?(?:fin|d[ée]but|courant|milieu|mi|einde|eind|begin|midden|medio|early|late|mid|end|beginning|start|middle|Anfang|Ende|Mitte|Beginn)(?:\s+(?:of|van|de))?(?:\s+|\s*-\s*)";
/// Part of a year before a relative year ("fin de cette année", "eind dit jaar", "Ende dieses Jahres").
const PARTREL: &str = r"(?:la\s+)?(?:fin|d[ée]but|milieu)(?:\s+de)?|mi|(?:het\s+)?(?:einde|eind|begin|midden)(?:\s+van)?|medio|(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|late|mid|Ende|Anfang|Mitte|Beginn";
/// Relative years (and "the course of the year"), resolved against the document year.
const REL: &str = r"cette\s+ann[ée]e|l%AP%\s*ann[ée]e\s+(?:prochaine|en\s+cours|derni[èe]re|pass[ée]e|[ée]coul[ée]e|pr[ée]c[ée]dente)|l%AP%\s*an\s+(?:prochain|dernier|pass[ée])|(?:dans\s+le\s+courant|au\s+cours|courant)\s+de\s+(?:l%AP%\s*ann[ée]e(?:\s+(?:prochaine|en\s+cours|derni[èe]re|pass[ée]e|[ée]coul[ée]e|pr[ée]c[ée]dente))?|cette\s+ann[ée]e)|(?:la\s+)?(?:fin|d[ée]but|milieu)\s+(?:de\s+l%AP%\s*ann[ée]e|d%AP%\s*ann[ée]e)|dit\s+jaar|volgend\s+jaar|komende?\s+jaar|vorig\s+jaar|verleden\s+jaar|afgelopen\s+jaar|het\s+lopende\s+jaar|in\s+de\s+loop\s+van\s+(?:het|dit)\s+jaar|(?:het\s+)?(?:einde|eind|begin|midden)\s+van\s+het\s+jaar|this\s+year|next\s+year|last\s+year|(?:in\s+)?the\s+course\s+of\s+(?:the|this)\s+year|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+year|(?:later|earlier)\s+this\s+year|during\s+the\s+year|(?:dieses|diesem|n[äa]chstes|n[äa]chsten|naechstes|naechsten|kommendes|kommenden|letztes|letzten|vergangenes|vergangenen)\s+Jahr(?:es)?|im\s+Laufe?\s+(?:des|dieses)\s+Jahres|(?:Ende|Anfang|Mitte)\s+des\s+Jahres|Jahresende|Vorjahr";
/// Relative years after a quarter, a semester or a month ("premier trimestre de cette année").
const RELTAIL: &str = r"cette\s+ann[ée]e|l%AP%\s*ann[ée]e\s+(?:prochaine|en\s+cours|derni[èe]re|pass[ée]e)|l%AP%\s*an\s+(?:prochain|dernier)|dit\s+jaar|volgend\s+jaar|vorig\s+jaar|this\s+year|next\s+year|last\s+year|(?:dieses|n[äa]chsten|naechsten|kommenden|letzten|vergangenen)\s+Jahres";
/// Connectors of a range ("2021–2025", "van 2021 tot 2025", "between 2021 and 2025").
const CONN: &str = r"(?P<conn>\s*%DASH%\s*|\s+(?:to|until|till|through|tot\s+en\s+met|tot|t/m|à|a|au|jusqu%AP%\s*(?:à|a|au|en)|bis|and|et|en|und)\s+)";
const ORD: &str = r"premier|premi[èe]re|1er|1re|1ère|1e|seconde|second|deuxi[èe]me|2ème|2eme|2nd|2de|2e|troisi[èe]me|3ème|3eme|3rd|3de|3e|quatri[èe]me|4ème|4eme|4th|4de|4e|eerste|1ste|tweede|derde|vierde|first|1st|third|fourth|erste[nrs]?|zweite[nrs]?|dritte[nrs]?|vierte[nrs]?|[1-4]\.";
const UNIT: &str = r"trimestre|semestre|kwartaal|semester|jaarhelft|halfjaar|helft|quarter|half-year|half|moiti[ée]|Quartal|Halbjahr|Jahresh[äa]lfte|H[äa]lfte|Haelfte";

// ---------------------------------------------------------------------------------------------
// Compiled regexes
// ---------------------------------------------------------------------------------------------

/// "du 7 au 8 février 2024", "7 and 8 February 2024", "7-8 février 2024".
static R_DAY_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?:(?-u:\b)(?P<pre>from|van|von|vom|de|du|between|entre|tussen|zwischen)\s+)?(?-u:\b)(?P<d1>[0-3]?\d)(?:er|ère|re|e|ste|st|nd|rd|th|de|\.)?(?:\s+(?P<m1>%MONTH%)(?:\s+(?P<y1>%YEAR%))?)?%CONN%(?P<d2>[0-3]?\d)(?:er|e|ste|st|nd|rd|th|de|\.)?\s*(?:of\s+)?(?P<m2>%MONTH%)\s*,?\s*(?P<y2>%YEAR%)(?-u:\b)",
    )
});
/// "de janvier à mars 2025", "from January to March 2025", "mars–juin 2025".
static R_MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?:(?-u:\b)(?P<pre>from|van|von|vom|de|du|between|entre|tussen|zwischen)\s+)?(?-u:\b)(?P<m1>%MONTH%)(?:\s+(?P<y1>%YEAR%))?%CONN%(?P<m2>%MONTH%)\s+(?P<y2>%YEAR%)(?-u:\b)",
    )
});
/// "2022–2024", "van 2021 tot 2025", "de 2021 à 2025", "between 2021 and 2025".
static R_YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?:(?-u:\b)(?P<pre>from|van|von|vom|de|du|depuis|sinds|since|seit|vanaf|between|entre|tussen|zwischen)\s+(?:(?:l%AP%\s*ann[ée]e|het\s+jaar|the\s+year|dem\s+Jahr|l%AP%\s*an)\s+)?)?(?-u:\b)(?P<y1>%YEAR%)%CONN%(?P<y2>%YEAR%)(?-u:\b)",
    )
});
/// "2 août 2025", "le 1er janvier 2026", "17. Oktober 2024", "the 1st of January 2022".
static R_DMY: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?i)(?-u:\b)%DAY%\s*(?:of\s+)?(?P<m>%MONTH%)\s*,?\s*(?P<y>%YEAR%)(?-u:\b)")
});
/// "January 1, 2022".
static R_MDY: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?-u:\b)(?P<m>%MONTH%)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y>%YEAR%)(?-u:\b)",
    )
});
/// "02/08/2025", "2.8.2025", "02-08-2025" (day first, the Belgian order).
static R_NUM: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?-u:\b)(?P<d>[0-3]?\d)(?P<s1>[/.\-])(?P<m>[01]?\d)(?P<s2>[/.\-])(?P<y>(?:19|20)\d\d)(?-u:\b)",
    )
});
/// "2025-08-02", also before a time ("2025-08-02T10:00").
static R_ISO: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?-u:\b)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"));
/// "septembre 2025", "begin april 2025", "fin avril 2025", "mid-April 2025".
static R_MY: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?:(?-u:\b)(?P<part>%PARTM%))?(?-u:\b)(?P<m>%MONTH%)\s*,?\s*(?:(?:de|of|van)\s+|d%AP%\s*)?(?P<y>%YEAR%)(?-u:\b)",
    )
});
/// "fin 2025", "begin 2026", "mid-2025", "Ende 2025", "à l'automne 2017", "in de loop van 2018".
static R_PARTY: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)(?-u:\b)(?P<part>%PARTY%)(?:\s*-\s*|\s+)(?P<y>%YEAR%)(?-u:\b)"));
/// "l'année 2016", "het jaar 2016", "the year 2025", "im Jahr 2025".
static R_YEARNOUN: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?-u:\b)(?:(?:l%AP%\s*)?(?:ann[ée]e|exercice)|l%AP%\s*an|(?:het\s+)?(?:jaar|begrotingsjaar|kalenderjaar|werkjaar)|(?:the\s+)?(?:year|calendar\s+year|fiscal\s+year|financial\s+year|budget\s+year)|(?:das\s+|dem\s+|des\s+)?(?:Jahr|Jahres|Kalenderjahr|Haushaltsjahr|Gesch[äa]ftsjahr))\s+(?P<y>%YEAR%)(?-u:\b)",
    )
});
/// "le second semestre 2025", "het tweede semester van 2025", "3e trimestre 2025",
/// "second half of 2025", "im dritten Quartal", "le premier trimestre" (resolved with doc_year).
static R_ORDQ: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?-u:\b)(?P<ord>%ORD%)\s+(?P<unit>%UNIT%)(?-u:\b)(?:\s+(?:(?:de\s+l%AP%\s*ann[ée]e|de|van\s+het\s+jaar|van|of\s+the\s+year|of|des\s+Jahres|im\s+Jahr)\s+)?(?P<y>%YEAR%)(?-u:\b)|\s+(?:(?:de|van|of)\s+)?(?P<rel>%RELTAIL%|l%AP%\s*ann[ée]e|het\s+jaar|the\s+year|des\s+Jahres)(?-u:\b))?",
    )
});
/// "Q3 2025", "T3 2025", "H2 2025", "S1 2025".
static R_QSHORT: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?-u:\b)(?P<u>[QTHS])(?P<n>[1-4])(?:\s*[-/]\s*|\s+)(?P<y>%YEAR%)(?-u:\b)")
});
/// "2025-Q3", "2025 Q3".
static R_QSHORT_REV: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?-u:\b)(?P<y>%YEAR%)(?:\s*[-/]\s*|\s+)(?P<u>[QH])(?P<n>[1-4])(?-u:\b)")
});
/// Relative years, optionally after a part ("eind dit jaar", "début de l'année prochaine").
static R_REL: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)(?-u:\b)(?:(?P<part>%PARTREL%)\s+)?(?P<rel>%REL%)(?-u:\b)"));
/// A month of a relative year ("en janvier de cette année", "in January this year").
static R_MONTH_REL: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)(?:(?-u:\b)(?P<part>%PARTM%))?(?-u:\b)(?P<m>%MONTH%)\s+(?:(?:de|van|of)\s+)?(?P<rel>%RELTAIL%)(?-u:\b)",
    )
});

/// Cue words right before an expression. `dl` = deadline, `ev` = event, `wk` = a plain
/// preposition (licenses a bare year, the sentence's verbs decide the kind).
static R_CUE: LazyLock<Regex> = LazyLock::new(|| {
    let dl = [
        // French
        r"d%AP%\s?ici(?:\s+(?:à|a))?(?:\s+(?:la\s+)?fin(?:\s+(?:de|d%AP%))?)?",
        r"(?:(?:d%AP%\s?ici\s+(?:à\s+|a\s+)?)|à\s+|a\s+)l%AP%\s*horizon(?:\s+(?:de|d%AP%))?",
        r"au\s+plus\s+tard(?:\s+(?:pour|d%AP%\s?ici|avant|fin|à\s+la\s+fin\s+de))?",
        r"au\s+plus\s+t[ôo]t",
        r"(?:à|a)\s+partir\s+(?:de|du|des|d%AP%)",
        r"(?:à|a)\s+compter\s+(?:de|du|d%AP%)",
        r"dès",
        r"avant(?:\s+(?:la\s+)?fin(?:\s+(?:de|d%AP%))?)?",
        r"pour\s+(?:la\s+)?fin(?:\s+(?:de|d%AP%))?",
        r"pour\s+le",
        // Dutch
        r"tegen(?:\s+(?:het\s+(?:einde|begin|midden)\s+van|einde|eind|begin|midden|medio|half))?",
        r"uiterlijk(?:\s+(?:op|in|tegen|einde|eind|begin|voor))?",
        r"ten\s+laatste(?:\s+(?:op|in|tegen|einde|eind|voor))?",
        r"ten\s+vroegste(?:\s+(?:op|in|vanaf))?",
        r"vanaf",
        r"v[oó][oó]r(?:\s+(?:het\s+(?:einde|begin)\s+van|einde|eind|begin|midden|half))?",
        r"met\s+ingang\s+van",
        r"per",
        // English
        r"by(?:\s+(?:the\s+)?(?:end|beginning|start|middle)(?:\s+of)?|\s+(?:early|mid|late))?",
        r"no(?:t)?\s+later\s+than",
        r"as\s+(?:of|from)",
        r"starting(?:\s+(?:from|in|on))?",
        r"beginning\s+(?:in|on|from)",
        r"from",
        r"before(?:\s+(?:the\s+)?end(?:\s+of)?)?",
        r"with\s+effect\s+from",
        r"effective(?:\s+(?:from|on|as\s+of))?",
        r"due(?:\s+(?:by|in|on))?",
        r"at\s+the\s+latest\s+(?:by|on|in)",
        // German
        r"bis(?:\s+(?:sp[äa]testens|spaetestens|Ende|Anfang|Mitte))?",
        r"(?:sp[äa]testens|spaetestens)(?:\s+(?:bis|Ende|Anfang|Mitte))?",
        r"(?:fr[üu]hestens)",
        r"ab",
        r"vor(?:\s+Ende)?",
        r"mit\s+Wirkung\s+(?:vom|zum|ab)",
    ];
    let ev = [
        r"depuis",
        r"sinds",
        r"sedert",
        r"since",
        r"seit",
        // the date of an act or a publication: "loi du", "wet van", "Law of", "Gesetz vom"
        r"(?:loi|d[ée]cret|arr[êe]t[ée](?:\s+(?:royal|minist[ée]riel))?|ordonnance|r[èe]glement|directive|d[ée]cision|accord|circulaire|communication|moniteur\s+belge|wet|decreet|(?:koninklijk|ministerieel)\s+besluit|besluit|ordonnantie|verordening|richtlijn|beslissing|omzendbrief|akkoord|samenwerkingsakkoord|staatsblad|law|act|decree|ordinance|regulation|agreement|circular|council|monitor|gesetz|gesetzes|dekret|erlass|verordnung|richtlinie|beschluss|vereinbarung|abkommen)(?P<lawmid>(?:\s+[\w/().’'-]+){0,3}?)\s+(?:du|van|of|vom|des)",
        r"dated|dating|dat[ée]e?\s+du|gedateerd",
    ];
    let wk = [
        // French
        r"en",
        r"dans",
        r"pour",
        r"pendant",
        r"durant",
        r"jusqu%AP%\s?(?:au|à|a|en)",
        r"jusque",
        r"apr[èe]s",
        r"vers",
        r"(?:pour|sur|durant|pendant)\s+la\s+p[ée]riode",
        r"pour\s+les\s+ann[ée]es",
        // Dutch
        r"in",
        r"tot\s+en\s+met",
        r"tot",
        r"t/m",
        r"na",
        r"tijdens",
        r"gedurende",
        r"omstreeks",
        r"(?:voor|in|over|tijdens)\s+de\s+periode",
        r"(?:in|voor)\s+de\s+jaren",
        // English
        r"for",
        r"during",
        r"until",
        r"till",
        r"through",
        r"after",
        r"around",
        r"within",
        r"(?:for|over|during|in|within)\s+the\s+period(?:\s+of)?",
        r"(?:in|for)\s+the\s+years",
        // German
        r"im",
        r"nach",
        r"w[äa]hrend",
        r"gegen",
        r"f[üu]r",
        r"(?:f[üu]r\s+den|im)\s+Zeitraum",
        r"f[üu]r\s+die\s+Jahre",
    ];
    let art = r"le|la|les|l%AP%|du|des|de|d%AP%|het|the|dem|den|der|die|das|am|im|zum|zur|op|on|in|en|à|au|a|van|of|vom";
    build(&format!(
        r"(?i)(?:^|[^\w'’ʼ])(?:(?P<dl>{})|(?P<ev>{})|(?P<wk>{}))(?:\s+(?P<art>{art}))?\s*$",
        dl.join("|"),
        ev.join("|"),
        wk.join("|")
    ))
});

/// Cue words right after an expression ("le 2 août 2025 au plus tard").
static R_POSTCUE: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)^\s*,?\s*(?:au\s+plus\s+tard|au\s+plus\s+t[ôo]t|at\s+the\s+latest|at\s+the\s+earliest|ten\s+laatste|ten\s+vroegste|uiterlijk|sp[äa]testens|fr[üu]hestens)\b",
    )
});

/// Amounts and percentages right after a year: "2025 %", "2025 euros".
static R_AMOUNT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)^\s*(?:%|‰|€|\$|£|k€|m€|(?:euros?|eur|usd|dollars?|millions?|milliards?|miljoen|miljard|millionen|million|milliarden|billion|bn|procent|percent|prozent|pour\s?cent|per\s?cent)\b)",
    )
});
/// Currency right before a year: "€ 2025", "EUR 2025".
static R_AMOUNT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)(?:€|\$|£|\b(?:eur|usd|gbp|chf))\s*$"));
/// Spans that never hold a date: act numbers, standards, document references, page ranges.
static R_MASKS: LazyLock<[Regex; 5]> = LazyLock::new(|| {
    [
        // act numbers: 2016/679, 910/2014, 2014/55/EU, 0767/010
        build(r"(?-u:\b)(?:\d{1,4}/)+\d{1,4}(?-u:\b)(?:/[A-Za-z]{1,6})*"),
        // standards: ISO/IEC 27001:2013, ISO 8601, EN 301 549, DIN EN 1234
        build(
            r"(?-u:\b)(?:ISO(?:/IEC)?(?:/TS)?|IEC|(?:NBN\s+)?EN(?:\s+ISO(?:/IEC)?)?|DIN(?:\s+EN)?|NEN|ETSI\s+(?:EN|TS))\s*\d{3,5}(?:\s\d{3})?(?:[-:.]\d+)*",
        ),
        // parliamentary document references: DOC 56 0767/010, CRIV 55 COM 123
        build(r"(?-u:\b)(?:DOC|CRIV|CRABV|QRVA)\s*\d+\s+\d+(?:/\d+)?"),
        // page ranges: p. 2010-2015, pp. 12-14, blz. 2020
        build(r"(?i)(?-u:\b)(?:pp?|blz|S)\.\s*\d+(?:\s*[-–]\s*\d+)?"),
        // version numbers: eIDAS 2.0, Web 3.0, v2.1.2025
        build(r"(?i)(?-u:\b)(?:v|version|versie|Version)\.?\s*\d+(?:\.\d+)+"),
    ]
});

// ---------------------------------------------------------------------------------------------
// Tense markers
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tense {
    Future,
    Past,
}

/// One tense-marker regex. `standalone_participle`: a participle with no auxiliary of its own
/// ("adopted on", "lancée en"), which does not count after a future or passive auxiliary
/// ("will be adopted", "sera lancé"). A group named `pp` is checked against [`NOT_VERBS`].
struct Marker {
    re: Regex,
    tense: Tense,
    standalone_participle: bool,
    /// Also used when the sentence has no marker of its hinted language. False for words that
    /// mean something else in another language (English "met", "chose", "war"; French "a").
    fallback: bool,
}

fn marker(p: &str, tense: Tense, standalone_participle: bool) -> Marker {
    Marker {
        re: build(p),
        tense,
        standalone_participle,
        fallback: true,
    }
}

/// A marker used only in its own language.
fn own_marker(p: &str, tense: Tense) -> Marker {
    Marker {
        re: build(p),
        tense,
        standalone_participle: false,
        fallback: false,
    }
}

static FR_MARKERS: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    vec![
        marker(
            r"(?i)(?-u:\b)(?:(?:sera|seront|serai|serons|aura|auront|aurai|fera|feront|ferai|ira|iront|devra|devront|devrai|devrons|devrait|devraient|doit|doivent|dois|devons|faudra|pourra|pourront|pourrai|saura|verra|vaudra|tiendra|viendra|(?:va|vont)\s+(?:être|etre|\w+er))(?-u:\b)|pr[ée]vue?s?\s+(?:pour|en|d%AP%\s?ici|à|au|début|fin|dans)\s|attendue?s?\s+(?:pour|en|d%AP%\s?ici|début|fin|courant|dans)\s)",
            Tense::Future,
            false,
        ),
        // futur simple: "veillerai", "permettra", "s'appliqueront"
        own_marker(
            r"(?i)(?:^|[^\w])(?P<pp>\w{2,}[eidruvt](?:ra|ront|rai|rons|rez))(?-u:\b)",
            Tense::Future,
        ),
        own_marker(
            r"(?i)(?-u:\b)(?:a|ont|avait|avaient|ai|avons|avez|eut|eurent)\s+(?:(?:été|déjà|deja|également|egalement|aussi|bien|récemment|recemment|notamment|officiellement|finalement|ainsi|alors|encore|enfin|d%AP%abord|pu|dû)\s+)*(?P<pp>été|eu|pu|dû|su|vu|mis|pris|dit|fait|lu|\w{2,}(?:é|ée|és|ées|i|ie|is|ies|ise|ises|it|ite|its|ites|u|ue|us|ues|ert|erte|erts|ertes|int|inte|ints|intes))(?:$|[^\w])",
            Tense::Past,
        ),
        // the same, with a participle only French has: usable on a sentence tagged otherwise
        marker(
            r"(?i)(?-u:\b)(?:a|ont|avait|avaient)\s+(?:(?:déjà|deja|été|également|egalement|bien|officiellement)\s+)*(?:\w+(?:é|ée|és|ées)|reçue?s?|eu|mis|pris|fait)(?:$|[^\w])",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?:^|[^\w])(?:était|étaient|etait|etaient|fut|furent)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:est|sont|s%AP%est|se\s+sont)\s+(?:(?:déjà|également|officiellement)\s+)?(?:entrée?s?|devenue?s?|parue?s?|née?s?|arrivée?s?|venue?s?|intervenue?s?|tenue?s?|déroulée?s?|terminée?s?|achevée?s?|clôturée?s?)(?:$|[^\w])",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:lancée?s?|adoptée?s?|publiée?s?|signée?s?|approuvée?s?|créée?s?|introduite?s?|entrée?s?\s+en\s+vigueur|votée?s?|ratifiée?s?|inaugurée?s?|instaurée?s?|modifiée?s?|révisée?s?|présentée?s?)\s+(?:le|en|au|depuis|début|fin|courant)(?-u:\b)",
            Tense::Past,
            true,
        ),
    ]
});

static NL_MARKERS: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    vec![
        marker(
            r"(?i)(?-u:\b)(?:zal|zullen|zult|moet|moeten|dient|dienen|verwacht|verwachten|gepland|voorzien\s+(?:voor|tegen|in|op|begin|eind))(?-u:\b)",
            Tense::Future,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:werd|werden|was|waren|nam|namen|gaf|gaven|kwam|kwamen|ging|gingen|stond|stonden|bleek|bleken|besloot|begon|begonnen|trad|traden|bracht|brachten|kreeg|kregen|ontving|ontvingen|hield|hielden|steeg|stegen|lanceerden?|startten?|keurden?|stelden?|legden?|voerden?|richtten?|kondigden?|ondertekenden?|tekenden?|gebruikten?|maakten?|groeiden?|daalden?|telden?)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?P<pp>\w{3,}eerden?)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:heeft|hebben|had|hadden)(?-u:\b)(?:\s+\S+){0,20}?\s+(?P<pp>\w*ge\w+(?:d|t|en)|ondertekend|beslist|besloten|verklaard|ontvangen|ontwikkeld|erkend|herzien|vernieuwd|bereikt|betaald|bekendgemaakt|overgenomen|vervangen|voltooid|verhoogd|verlengd|verplicht|bevestigd)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:is|zijn)(?-u:\b)(?:\s+\S+){0,8}?\s+(?:gelanceerd|goedgekeurd|aangenomen|opgericht|ingevoerd|gestart|begonnen|afgerond|gepubliceerd|ondertekend|verschenen|geworden|gebleken|ontstaan|vastgelegd|voorgesteld|opgestart|uitgerold|in\s+werking\s+getreden|getreden|geopend|ingediend|vastgesteld|ge[ïi]ntroduceerd|gewijzigd|herzien|overgegaan|ingegaan|gestopt|verlopen|gestegen|gedaald|gegroeid|toegenomen|afgenomen|verdubbeld|gehalveerd)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:gelanceerd|aangenomen|goedgekeurd|gepubliceerd|ondertekend|opgericht|ingevoerd|gestart|voorgesteld|ge[ïi]ntroduceerd|afgerond|vastgesteld|gewijzigd|herzien|in\s+werking\s+getreden)\s+(?:in|op|sinds|begin|eind|medio)(?-u:\b)",
            Tense::Past,
            true,
        ),
    ]
});

static EN_MARKERS: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    vec![
        marker(
            r"(?i)(?-u:\b)(?:will|shall|must|should|(?:is|are)\s+to|(?:is|are)\s+(?:expected|scheduled|planned|due|set|going)\s+to|(?:is|are)\s+(?:scheduled|planned|foreseen|expected)|plans?\s+to|aims?\s+to|intends?\s+to)(?-u:\b)|'ll(?-u:\b)|won['’]t(?-u:\b)",
            Tense::Future,
            false,
        ),
        own_marker(
            r"(?i)(?-u:\b)(?:was|became|began|took|made|gave|brought|held|led|came|went|saw|grew|won|chose|drew|wrote|ran|met|sent|sought|built|spent|bought|kept|left|lost|paid|said|told|stood|found|rose|fell|broke|undertook|set\s+up|put\s+forward|took\s+place|came\s+into\s+force)(?-u:\b)",
            Tense::Past,
        ),
        marker(
            r"(?i)(?-u:\b)(?:were|had|did|has\s+been|have\s+been|(?:has|have)\s+(?:(?:also|already|recently|since|then|now|just)\s+)?(?:\w+ed|become|begun|taken|made|given|brought|held|led|come|gone|seen|grown|won|chosen|drawn|written|run|met|sent|set|put|done|shown))(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:adopted|launched|published|entered|revised|approved|signed|announced|introduced|released|presented|organi[sz]ed|established|created|amended|decided|renewed|participated|transposed|completed|replaced|started|scored|passed|agreed|endorsed|issued|submitted|ratified|concluded|joined|received|reached|initiated|deployed|unveiled|updated|modified|enacted|confirmed|validated|merged|drafted|founded|opened|closed|implemented|developed|extended|improved|applied|selected|granted|indicated|adapted|recogni[sz]ed|finali[sz]ed|hosted|rolled\s+out|abolished|repealed|expired|ended|invested|allocated|awarded|celebrated|welcomed|summed\s+up)(?-u:\b)",
            Tense::Past,
            true,
        ),
    ]
});

static DE_MARKERS: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    vec![
        marker(
            r"(?i)(?-u:\b)(?:wird|werden|muss|m[üu]ssen|muessen|soll|sollen|sollte|sollten|geplant|vorgesehen|beabsichtigt)(?-u:\b)",
            Tense::Future,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:wurde|wurden|hatte|hatten)(?-u:\b)",
            Tense::Past,
            false,
        ),
        own_marker(
            r"(?i)(?-u:\b)(?:war|waren|trat|traten|gab|kam|begann|beschloss|fand|fanden|lief|liefen|stieg|stiegen|erhielt|erhielten|verabschiedete|ver[öo]ffentlichte|unterzeichnete|startete|f[üu]hrte|stellte|legte)(?-u:\b)",
            Tense::Past,
        ),
        marker(
            r"(?i)(?-u:\b)(?:hat|haben)(?-u:\b)(?:\s+\S+){0,20}?\s+(?P<pp>ge\w+(?:t|en)|\w+iert|verabschiedet|ver[öo]ffentlicht|beschlossen|unterzeichnet|vorgestellt|eingef[üu]hrt|angenommen|[üu]berarbeitet|eingerichtet|erlassen|verk[üu]ndet|[üu]bermittelt|erneuert|erweitert|entwickelt|verbessert|abgeschlossen|genehmigt|gestartet|begonnen|erreicht|erhalten)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:ist|sind)(?-u:\b)(?:\s+\S+){0,8}?\s+(?:in\s+Kraft\s+getreten|getreten|gestartet|erschienen|begonnen|entstanden|\w+\s+worden)(?-u:\b)",
            Tense::Past,
            false,
        ),
        marker(
            r"(?i)(?-u:\b)(?:verabschiedet|ver[öo]ffentlicht|unterzeichnet|eingef[üu]hrt|gestartet|vorgestellt|beschlossen|angenommen|in\s+Kraft\s+getreten)\s+(?:am|im|in|seit|Anfang|Ende|Mitte)(?-u:\b)",
            Tense::Past,
            true,
        ),
    ]
});

/// An auxiliary that makes a following participle future or passive, not past.
static R_NOT_PAST_AUX: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)\b(?:be|being|sera|seront|serait|être|etre|soit|soient|worden|wordt|zal|zullen|wird|werden|soll|sollen|muss|m[üu]ssen)\s+(?:\S+\s+)?$",
    )
});

/// Words that the generic participle/future patterns catch but are not verbs.
const NOT_VERBS: &[&str] = &[
    "extra",
    "ultra",
    "intra",
    "contra",
    "infra",
    "camera",
    "riviera",
    "lieu",
    "plus",
    "tous",
    "sous",
    "vous",
    "nous",
    "trait",
    "droit",
    "du",
    "ici",
    "aussi",
    "parmi",
    "ainsi",
    "lui",
    "celui",
    "autrui",
    "quasi",
    "gemeenten",
    "gegevens",
    "gebieden",
    "gevallen",
    "gebruikers",
    "geleden",
    "begeleiden",
    "gelden",
    "geplant",
    "gepland",
    "gesehen",
    "gemacht",
    "genen",
    "regeringen",
    "gezondheid",
    "geen",
    "ingenieurs",
    "burgers",
    "ongeveer",
];

// ---------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A year on its own: counts only with a cue word.
    Bare,
    /// "l'année 2016", "het jaar 2016".
    YearNoun,
    /// An expression with a part-of-year or part-of-month word before the date.
    Part,
    Other,
}

#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    /// Where the date itself starts, after a part word ("fin", "eind", "the end of").
    date_start: usize,
    value: TemporalValue,
    shape: Shape,
    /// Lower wins among candidates of equal length.
    prio: u8,
    /// A span of years written as a title or horizon ("Plan 2022–2024", "2019–2025"): the
    /// horizon of a plan, a commitment whatever the tense of the sentence.
    plan_period: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueClass {
    Deadline,
    Event,
    Weak,
}

#[derive(Debug, Clone)]
struct Cue {
    start: usize,
    class: CueClass,
    /// Whether a definite article sits between the cue and the expression ("from the 2022 edition").
    definite_article: bool,
}

/// Month number from a matched month name or abbreviation.
fn month_num(raw: &str) -> Option<u32> {
    let mut s = String::with_capacity(raw.len());
    for c in raw
        .trim_end_matches('.')
        .chars()
        .flat_map(char::to_lowercase)
    {
        s.push(match c {
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ü' => 'u',
            'ä' | 'à' => 'a',
            other => other,
        });
    }
    let m = match s.as_str() {
        "janvier" | "januari" | "january" | "januar" | "janner" | "jaenner" | "janv" | "jan" => 1,
        "fevrier" | "februari" | "february" | "februar" | "fevr" | "fev" | "feb" => 2,
        "mars" | "maart" | "march" | "marz" | "maerz" | "mrt" | "mar" => 3,
        "avril" | "april" | "avr" | "apr" => 4,
        "mai" | "mei" | "may" => 5,
        "juin" | "juni" | "june" | "jun" => 6,
        "juillet" | "juli" | "july" | "juil" | "jul" => 7,
        "aout" | "augustus" | "august" | "aug" => 8,
        "septembre" | "september" | "sept" | "sep" => 9,
        "octobre" | "oktober" | "october" | "oct" | "okt" => 10,
        "novembre" | "november" | "nov" => 11,
        "decembre" | "december" | "dezember" | "dec" | "dez" => 12,
        _ => return None,
    };
    Some(m)
}

/// Month names that `lang` makes unlikely: "Mars" in English is the planet, "sept" without a dot
/// in French is the number seven.
fn month_ok(raw: &str, lang: Lang) -> bool {
    let l = raw.to_lowercase();
    !((l == "mars" && lang == Lang::En) || (l == "sept" && lang == Lang::Fr))
}

fn month_of(caps: &Captures, name: &str, lang: Lang) -> Option<u32> {
    let m = caps.name(name)?;
    if !month_ok(m.as_str(), lang) {
        return None;
    }
    month_num(m.as_str())
}

fn num<T: std::str::FromStr>(caps: &Captures, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The number at `start` is not the tail of a decimal, a section number or an act number.
fn head_ok(s: &str, start: usize) -> bool {
    match prev_char(s, start) {
        Some(c) if c.is_ascii_digit() => false,
        Some('.' | ',' | '/' | ':') => {
            // "9.5 mai" or "/2014": preceded by digit + separator
            !matches!(prev_char(s, start - 1), Some(c) if c.is_ascii_digit())
        }
        _ => true,
    }
}

/// The number ending at `end` is not followed by a separator and more digits ("2016/679",
/// "2013:2022", "2025.5").
fn tail_ok(s: &str, end: usize) -> bool {
    let mut it = s[end..].chars();
    match (it.next(), it.next()) {
        (Some(c), _) if c.is_ascii_digit() => false,
        (Some('/' | '.' | ':' | ',' | '-' | '–'), Some(d)) if d.is_ascii_digit() => false,
        _ => true,
    }
}

/// A year that is an amount or a percentage ("€ 2025", "2025 %", "2025 euros").
fn amount_around(s: &str, start: usize, end: usize) -> bool {
    let after = &s[end..floor_boundary(s, s.len().min(end + 24))];
    if R_AMOUNT_AFTER.is_match(after) {
        return true;
    }
    let from = ceil_boundary(s, start.saturating_sub(8));
    R_AMOUNT_BEFORE.is_match(&s[from..start])
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The 4-digit runs 1800–2099 standing alone (not inside a longer number), as byte ranges.
fn year_tokens(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // eight bytes without a digit at once
        if let Some(w) = words::word_at(b, i) {
            let digits = words::ascii_digits(w);
            if digits == 0 {
                i += 8;
                continue;
            }
            i += digits.trailing_zeros() as usize / 8;
        }
        if b[i].is_ascii_digit() {
            let mut j = i;
            while j < n && b[j].is_ascii_digit() {
                j += 1;
            }
            if j - i == 4 && matches!((b[i], b[i + 1]), (b'1', b'8' | b'9') | (b'2', b'0')) {
                out.push((i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Windows around the year tokens where absolute expressions can be: from up to `BEFORE` bytes
/// before a year (moved to a word start) to a little after it (moved to a word end); overlapping
/// windows are merged.
fn year_segments(s: &str, years: &[(usize, usize)]) -> Vec<(usize, usize)> {
    const BEFORE: usize = 64;
    const AFTER: usize = 8;
    let b = s.as_bytes();
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for &(ys, ye) in years {
        let mut a = ys.saturating_sub(BEFORE);
        // start at a word start: after a whitespace, or at the beginning
        while a > 0 && a < ys && !b[a - 1].is_ascii_whitespace() {
            a += 1;
        }
        let a = ceil_boundary(s, a.min(ys));
        let mut e = (ye + AFTER).min(b.len());
        while e < b.len() && e < ye + AFTER + 24 && !b[e].is_ascii_whitespace() {
            e += 1;
        }
        let e = floor_boundary(s, e).max(ye);
        match segs.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(e),
            _ => segs.push((a, e)),
        }
    }
    segs
}

/// The absolute-date patterns [`collect_absolute`] runs over a window; their order in
/// [`Absolute::ALL`] is their place in the [`ABSOLUTE`] set.
#[derive(Clone, Copy)]
enum Absolute {
    DayRange,
    MonthRange,
    YearRange,
    Dmy,
    Mdy,
    Num,
    Iso,
    My,
    PartY,
    YearNoun,
    QShort,
    QShortRev,
}

impl Absolute {
    /// Every pattern, in the order of declaration (`p as usize` is its place).
    const ALL: [Absolute; 12] = [
        Absolute::DayRange,
        Absolute::MonthRange,
        Absolute::YearRange,
        Absolute::Dmy,
        Absolute::Mdy,
        Absolute::Num,
        Absolute::Iso,
        Absolute::My,
        Absolute::PartY,
        Absolute::YearNoun,
        Absolute::QShort,
        Absolute::QShortRev,
    ];

    fn regex(self) -> &'static Regex {
        match self {
            Absolute::DayRange => &R_DAY_RANGE,
            Absolute::MonthRange => &R_MONTH_RANGE,
            Absolute::YearRange => &R_YEAR_RANGE,
            Absolute::Dmy => &R_DMY,
            Absolute::Mdy => &R_MDY,
            Absolute::Num => &R_NUM,
            Absolute::Iso => &R_ISO,
            Absolute::My => &R_MY,
            Absolute::PartY => &R_PARTY,
            Absolute::YearNoun => &R_YEARNOUN,
            Absolute::QShort => &R_QSHORT,
            Absolute::QShortRev => &R_QSHORT_REV,
        }
    }
}

/// The patterns of [`Absolute`] as one set: one search of a window says which of them match in
/// it, so that only those run (most windows hold a bare year and match none or one). The set
/// keeps the patterns' word boundaries (ASCII ones, which its lazy DFA runs on any text): its
/// answer is exact.
static ABSOLUTE: LazyLock<MatchSet> = LazyLock::new(|| {
    MatchSet::new(Absolute::ALL.map(|p| p.regex().as_str()), false, 16 << 20)
        .expect("the absolute patterns compile one by one")
});

/// Windows of `s` around the occurrences of `keys`: `before` bytes before a keyword and `after`
/// bytes after it, widened to word boundaries and merged.
/// `lower` is `s` with ASCII letters lowercased (same byte offsets); `keys` matches lowercase keywords.
fn keyword_windows(
    s: &str,
    lower: &str,
    keys: &Regex,
    before: usize,
    after: usize,
) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let hits: Vec<usize> = keys.find_iter(lower).map(|m| m.start()).collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for h in hits {
        let mut lo = h.saturating_sub(before);
        while lo > 0 && !b[lo - 1].is_ascii_whitespace() {
            lo -= 1;
        }
        let mut hi = (h + after).min(b.len());
        while hi < b.len() && !b[hi].is_ascii_whitespace() {
            hi += 1;
        }
        let (lo, hi) = (ceil_boundary(s, lo), floor_boundary(s, hi));
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

thread_local! {
    /// Per thread, the sentence with its ASCII letters lowered, for [`keyword_windows`]: its room
    /// is kept from sentence to sentence instead of a copy allocated for each.
    static LOWERED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Keywords of relative years ("cette année", "l'an prochain", "dit jaar", "next year", "Jahresende").
static REL_KEYS: LazyLock<Regex> = LazyLock::new(|| build(r"ann[eéÉ]e|l['’ʼ]an\s|jaar|year|jahr"));
/// Keywords of quarters and half-years ("trimestre", "kwartaal", "second half", "Halbjahr", "Hälfte").
static UNIT_KEYS: LazyLock<Regex> = LazyLock::new(|| {
    build(r"trimest|semest|kwartaal|quarter|quartal|halbjahr|helft|half|moiti|lfte")
});

fn push(
    cands: &mut Vec<Cand>,
    start: usize,
    end: usize,
    date_start: usize,
    value: TemporalValue,
    shape: Shape,
    prio: u8,
) {
    cands.push(Cand {
        start,
        end,
        date_start,
        value,
        shape,
        prio,
        plan_period: false,
    });
}

/// Build a period if `a` comes strictly before `b`.
fn period(a: GrainDate, b: GrainDate) -> Option<TemporalValue> {
    if bounds(&a).0 < bounds(&b).1 && bounds(&a).1 < bounds(&b).1 {
        Some(TemporalValue::Period { start: a, end: b })
    } else {
        None
    }
}

/// Is the connector of a range acceptable given the word before the range?
fn conn_ok(conn: &str, pre: Option<&str>, days: bool) -> bool {
    let c = conn.trim().to_lowercase();
    let pre = pre.map(|p| p.to_lowercase());
    let between = matches!(
        pre.as_deref(),
        Some("between" | "entre" | "tussen" | "zwischen")
    );
    match c.as_str() {
        "and" | "et" | "en" | "und" => between || days,
        "à" | "a" | "au" => matches!(pre.as_deref(), Some("de" | "du" | "depuis")),
        _ => !between,
    }
}

/// Absolute dates, months, parts of years and ranges inside the segment `s[a..b]` (a window
/// around year tokens; positions are shifted back to the sentence).
fn collect_absolute(s: &str, a: usize, b: usize, lang: Lang, cands: &mut Vec<Cand>) {
    let h = &s[a..b];
    let present = ABSOLUTE.matches(h);
    // the matches of pattern `p` in the window, searched only where the set says it matches
    let run = |p: Absolute| {
        p.regex()
            .captures_iter(if present.matched(p as usize) { h } else { "" })
    };
    // Day ranges.
    for c in run(Absolute::DayRange) {
        let all = c.get(0).unwrap();
        let d1s = c.name("d1").unwrap().start() + a;
        if !head_ok(s, d1s) || !tail_ok(s, all.end() + a) {
            continue;
        }
        let pre = c.name("pre").map(|m| m.as_str());
        if !conn_ok(c.name("conn").unwrap().as_str(), pre, true) {
            continue;
        }
        let (Some(m2), Some(y2), Some(d1), Some(d2)) = (
            month_of(&c, "m2", lang),
            num::<i32>(&c, "y2"),
            num::<u32>(&c, "d1"),
            num::<u32>(&c, "d2"),
        ) else {
            continue;
        };
        let m1 = if c.name("m1").is_some() {
            month_of(&c, "m1", lang)
        } else {
            Some(m2)
        };
        let Some(m1) = m1 else { continue };
        let y1 = num::<i32>(&c, "y1").unwrap_or(y2);
        if !valid_ymd(y1, m1, d1) || !valid_ymd(y2, m2, d2) {
            continue;
        }
        if let Some(v) = period(gymd(y1, m1, d1), gymd(y2, m2, d2)) {
            let st = if pre.is_some() { all.start() + a } else { d1s };
            push(cands, st, all.end() + a, d1s, v, Shape::Other, 0);
        }
    }
    // Month ranges.
    for c in run(Absolute::MonthRange) {
        let all = c.get(0).unwrap();
        if !tail_ok(s, all.end() + a) {
            continue;
        }
        let pre = c.name("pre").map(|m| m.as_str());
        if !conn_ok(c.name("conn").unwrap().as_str(), pre, false) {
            continue;
        }
        let (Some(m1), Some(m2), Some(y2)) = (
            month_of(&c, "m1", lang),
            month_of(&c, "m2", lang),
            num::<i32>(&c, "y2"),
        ) else {
            continue;
        };
        let y1 = num::<i32>(&c, "y1").unwrap_or(y2);
        if let Some(v) = period(gym(y1, m1), gym(y2, m2)) {
            let ds = c.name("m1").unwrap().start() + a;
            push(
                cands,
                all.start() + a,
                all.end() + a,
                ds,
                v,
                Shape::Other,
                0,
            );
        }
    }
    // Year ranges.
    for c in run(Absolute::YearRange) {
        let all = c.get(0).unwrap();
        let y1m = c.name("y1").unwrap();
        if !head_ok(s, y1m.start() + a) || !tail_ok(s, all.end() + a) {
            continue;
        }
        if matches!(prev_char(s, y1m.start() + a), Some('-' | '–' | '/')) {
            continue;
        }
        let pre = c.name("pre").map(|m| m.as_str());
        let conn = c.name("conn").unwrap().as_str();
        if !conn_ok(conn, pre, false) {
            continue;
        }
        let dashed = pre.is_none() && !conn.trim().chars().any(char::is_alphabetic);
        let (Some(y1), Some(y2)) = (num::<i32>(&c, "y1"), num::<i32>(&c, "y2")) else {
            continue;
        };
        if !(1900..=2099).contains(&y1) || y2 <= y1 || y2 - y1 > 100 {
            continue;
        }
        if amount_around(s, y1m.start() + a, all.end() + a) {
            continue;
        }
        push(
            cands,
            all.start() + a,
            all.end() + a,
            y1m.start() + a,
            TemporalValue::Period {
                start: gy(y1),
                end: gy(y2),
            },
            Shape::Other,
            0,
        );
        if dashed {
            cands.last_mut().unwrap().plan_period = true;
        }
    }
    // Day month year.
    for c in run(Absolute::Dmy) {
        let all = c.get(0).unwrap();
        if !head_ok(s, all.start() + a) || !tail_ok(s, all.end() + a) {
            continue;
        }
        let (Some(d), Some(m), Some(y)) = (
            num::<u32>(&c, "d"),
            month_of(&c, "m", lang),
            num::<i32>(&c, "y"),
        ) else {
            continue;
        };
        if valid_ymd(y, m, d) {
            push(
                cands,
                all.start() + a,
                all.end() + a,
                all.start() + a,
                TemporalValue::Point(gymd(y, m, d)),
                Shape::Other,
                1,
            );
        }
    }
    // Month day, year.
    for c in run(Absolute::Mdy) {
        let all = c.get(0).unwrap();
        if !tail_ok(s, all.end() + a) {
            continue;
        }
        let (Some(d), Some(m), Some(y)) = (
            num::<u32>(&c, "d"),
            month_of(&c, "m", lang),
            num::<i32>(&c, "y"),
        ) else {
            continue;
        };
        if valid_ymd(y, m, d) {
            push(
                cands,
                all.start() + a,
                all.end() + a,
                all.start() + a,
                TemporalValue::Point(gymd(y, m, d)),
                Shape::Other,
                2,
            );
        }
    }
    // Numeric dates.
    for c in run(Absolute::Num) {
        let all = c.get(0).unwrap();
        if c.name("s1").unwrap().as_str() != c.name("s2").unwrap().as_str() {
            continue;
        }
        if !head_ok(s, all.start() + a)
            || matches!(prev_char(s, all.start() + a), Some('.' | '/' | '-'))
            || !tail_ok(s, all.end() + a)
        {
            continue;
        }
        let (Some(d), Some(m), Some(y)) = (
            num::<u32>(&c, "d"),
            num::<u32>(&c, "m"),
            num::<i32>(&c, "y"),
        ) else {
            continue;
        };
        if valid_ymd(y, m, d) {
            push(
                cands,
                all.start() + a,
                all.end() + a,
                all.start() + a,
                TemporalValue::Point(gymd(y, m, d)),
                Shape::Other,
                1,
            );
        }
    }
    for c in run(Absolute::Iso) {
        let all = c.get(0).unwrap();
        if !head_ok(s, all.start() + a)
            || matches!(prev_char(s, all.start() + a), Some('-' | '/'))
            || !tail_ok(s, all.end() + a)
        {
            continue;
        }
        let (Some(d), Some(m), Some(y)) = (
            num::<u32>(&c, "d"),
            num::<u32>(&c, "m"),
            num::<i32>(&c, "y"),
        ) else {
            continue;
        };
        if valid_ymd(y, m, d) {
            push(
                cands,
                all.start() + a,
                all.end() + a,
                all.start() + a,
                TemporalValue::Point(gymd(y, m, d)),
                Shape::Other,
                1,
            );
        }
    }
    // Month year.
    for c in run(Absolute::My) {
        let all = c.get(0).unwrap();
        if !tail_ok(s, all.end() + a) {
            continue;
        }
        let (Some(m), Some(y)) = (month_of(&c, "m", lang), num::<i32>(&c, "y")) else {
            continue;
        };
        let mm = c.name("m").unwrap();
        let shape = if c.name("part").is_some() {
            Shape::Part
        } else {
            Shape::Other
        };
        push(
            cands,
            all.start() + a,
            all.end() + a,
            mm.start() + a,
            TemporalValue::Point(gym(y, m)),
            shape,
            3,
        );
    }
    // Part of a year.
    for c in run(Absolute::PartY) {
        let all = c.get(0).unwrap();
        let ym = c.name("y").unwrap();
        if !tail_ok(s, all.end() + a) || amount_around(s, ym.start() + a, ym.end() + a) {
            continue;
        }
        let Some(y) = num::<i32>(&c, "y") else {
            continue;
        };
        push(
            cands,
            all.start() + a,
            all.end() + a,
            ym.start() + a,
            TemporalValue::Point(gy(y)),
            Shape::Part,
            4,
        );
    }
    // "l'année 2016".
    for c in run(Absolute::YearNoun) {
        let all = c.get(0).unwrap();
        let ym = c.name("y").unwrap();
        if !tail_ok(s, all.end() + a) || amount_around(s, ym.start() + a, ym.end() + a) {
            continue;
        }
        let Some(y) = num::<i32>(&c, "y") else {
            continue;
        };
        push(
            cands,
            all.start() + a,
            all.end() + a,
            all.start() + a,
            TemporalValue::Point(gy(y)),
            Shape::YearNoun,
            4,
        );
    }
    // Q3 2025, 2025-Q3.
    for p in [Absolute::QShort, Absolute::QShortRev] {
        for c in run(p) {
            let all = c.get(0).unwrap();
            if !tail_ok(s, all.end() + a) || !head_ok(s, all.start() + a) {
                continue;
            }
            let (Some(n), Some(y)) = (num::<u32>(&c, "n"), num::<i32>(&c, "y")) else {
                continue;
            };
            let half = matches!(c.name("u").unwrap().as_str(), "H" | "S");
            if let Some(v) = unit_period(y, n, half) {
                push(
                    cands,
                    all.start() + a,
                    all.end() + a,
                    all.start() + a,
                    v,
                    Shape::Other,
                    2,
                );
            }
        }
    }
}

/// Years on their own (kept only with a cue word, checked later).
fn collect_bare(s: &str, years: &[(usize, usize)], cands: &mut Vec<Cand>) {
    for &(ys, ye) in years {
        if !(s[ys..ye].starts_with("19") || s[ys..ye].starts_with("20")) {
            continue;
        }
        if !head_ok(s, ys) || !tail_ok(s, ye) {
            continue;
        }
        if matches!(
            prev_char(s, ys),
            Some('-' | '–' | '/' | '€' | '$' | '£' | '#')
        ) {
            continue;
        }
        // a thousands group after it: "2025 000"
        let rb = &s.as_bytes()[ye..];
        if rb.len() >= 4
            && (rb[0] == b' ' || rb[0] == b'.')
            && rb[1..4].iter().all(u8::is_ascii_digit)
            && rb.get(4).is_none_or(|b| !b.is_ascii_digit())
        {
            continue;
        }
        if amount_around(s, ys, ye) {
            continue;
        }
        let Ok(y) = s[ys..ye].parse::<i32>() else {
            continue;
        };
        push(
            cands,
            ys,
            ye,
            ys,
            TemporalValue::Point(gy(y)),
            Shape::Bare,
            9,
        );
    }
}

/// Quarter `n` (or half `n`) of year `y` as a period at month grain.
fn unit_period(y: i32, n: u32, half: bool) -> Option<TemporalValue> {
    let (first, len) = if half {
        if !(1..=2).contains(&n) {
            return None;
        }
        ((n - 1) * 6 + 1, 5)
    } else {
        if !(1..=4).contains(&n) {
            return None;
        }
        ((n - 1) * 3 + 1, 2)
    };
    Some(TemporalValue::Period {
        start: gym(y, first),
        end: gym(y, first + len),
    })
}

fn ord_num(ord: &str) -> Option<u32> {
    let o = ord.to_lowercase();
    let first = o.chars().next()?;
    if let Some(d) = first.to_digit(10) {
        return Some(d);
    }
    const STEMS: [(&str, u32); 16] = [
        ("premi", 1),
        ("eerste", 1),
        ("first", 1),
        ("erst", 1),
        ("second", 2),
        ("deux", 2),
        ("tweede", 2),
        ("zweit", 2),
        ("trois", 3),
        ("derde", 3),
        ("third", 3),
        ("dritt", 3),
        ("quatr", 4),
        ("vierde", 4),
        ("fourth", 4),
        ("viert", 4),
    ];
    STEMS
        .iter()
        .find(|(stem, _)| o.starts_with(stem))
        .map(|&(_, n)| n)
}

/// Offset of a relative year expression against the document year.
fn rel_offset(text: &str) -> i32 {
    let t = text.to_lowercase();
    const NEXT: [&str; 7] = [
        "prochain", "volgend", "komend", "next", "nächst", "naechst", "kommend",
    ];
    const LAST: [&str; 14] = [
        "dernier",
        "dernière",
        "passé",
        "écoulé",
        "ecoule",
        "précédent",
        "precedent",
        "vorig",
        "verleden",
        "afgelopen",
        "last",
        "letzt",
        "vergangen",
        "vorjahr",
    ];
    if NEXT.iter().any(|k| t.contains(k)) {
        1
    } else if LAST.iter().any(|k| t.contains(k)) {
        -1
    } else {
        0
    }
}

static R_FOLLOWED_BY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)^\s*(?:(?:de|van|of|des)\s+)?(?:19|20)\d\d\b"));
/// "cette année-là", "l'année suivante", "het jaar daarop": another year than the document's.
static R_FOLLOWED_BY_LA: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?i)^(?:\s*-\s*(?:là|la)\b|\s+(?:suivante|d%AP%apr[èe]s|daarop|daarna)\b)")
});
static R_FOLLOWED_BY_OF: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)^\s+(?:de|du|des|d%AP%|of|van|der)\b"));

/// Between two coordinated years.
static R_COORD: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)^(?:\s*,\s*|\s*,?\s+(?:and|et|en|und|or|ou|of|oder|&)\s+)$"));

fn collect_ordinal(s: &str, a: usize, b: usize, doc_year: Option<i32>, cands: &mut Vec<Cand>) {
    for c in R_ORDQ.captures_iter(&s[a..b]) {
        let all = c.get(0).unwrap();
        let all = a + all.start()..a + all.end();
        let unit = c.name("unit").unwrap().as_str().to_lowercase();
        let quarter = matches!(
            unit.as_str(),
            "trimestre" | "kwartaal" | "quarter" | "quartal"
        );
        let loose_half = matches!(
            unit.as_str(),
            "helft"
                | "half"
                | "moitié"
                | "moitie"
                | "hälfte"
                | "haelfte"
                | "jahreshälfte"
                | "jahreshalfte"
        );
        let Some(n) = ord_num(c.name("ord").unwrap().as_str()) else {
            continue;
        };
        let year = if let Some(y) = num::<i32>(&c, "y") {
            if !tail_ok(s, all.end) {
                continue;
            }
            y
        } else if let Some(rel) = c.name("rel") {
            let Some(dy) = doc_year else { continue };
            dy + rel_offset(rel.as_str())
        } else {
            // no year: "le premier trimestre" is this year's, "the second half of the meeting" is not
            let Some(dy) = doc_year else { continue };
            if loose_half || R_FOLLOWED_BY_OF.is_match(&s[all.end..]) {
                continue;
            }
            dy
        };
        if let Some(v) = unit_period(year, n, !quarter) {
            push(cands, all.start, all.end, all.start, v, Shape::Other, 2);
        }
    }
}

fn collect_relative(s: &str, a: usize, b: usize, doc_year: i32, lang: Lang, cands: &mut Vec<Cand>) {
    let h = &s[a..b];
    for c in R_REL.captures_iter(h) {
        let all = c.get(0).unwrap();
        let all = a + all.start()..a + all.end();
        let rest = &s[all.end..];
        if R_FOLLOWED_BY_YEAR.is_match(rest) || R_FOLLOWED_BY_LA.is_match(rest) {
            continue;
        }
        let rel = c.name("rel").unwrap();
        let shape = if c.name("part").is_some() {
            Shape::Part
        } else {
            Shape::Other
        };
        let y = doc_year + rel_offset(rel.as_str());
        push(
            cands,
            all.start,
            all.end,
            a + rel.start(),
            TemporalValue::Point(gy(y)),
            shape,
            5,
        );
    }
    for c in R_MONTH_REL.captures_iter(h) {
        let all = c.get(0).unwrap();
        let all = a + all.start()..a + all.end();
        let Some(m) = month_of(&c, "m", lang) else {
            continue;
        };
        let y = doc_year + rel_offset(c.name("rel").unwrap().as_str());
        let mm = c.name("m").unwrap();
        let shape = if c.name("part").is_some() {
            Shape::Part
        } else {
            Shape::Other
        };
        push(
            cands,
            all.start,
            all.end,
            a + mm.start(),
            TemporalValue::Point(gym(y, m)),
            shape,
            3,
        );
    }
}

fn masks(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, re) in R_MASKS.iter().enumerate() {
        for m in re.find_iter(s) {
            if i == 0 {
                // a dd/mm/yyyy date is not an act number
                let parts: Vec<&str> = m.as_str().split('/').collect();
                if parts.len() == 3
                    && parts[0].len() <= 2
                    && parts[1].len() <= 2
                    && parts[2].len() == 4
                {
                    continue;
                }
            }
            out.push((m.start(), m.end()));
        }
    }
    out
}

/// Words that may not stand between an act and its "of" ("loi open data du" is fine, "Act à
/// partir du" is a deadline cue after the name of an act).
const NOT_IN_ACT_NAME: &[&str] = &[
    "à", "a", "au", "aux", "partir", "compter", "dès", "depuis", "en", "in", "by", "from", "to",
    "tot", "tegen", "vanaf", "sinds", "since", "bis", "ab", "seit", "le", "la", "les", "het",
    "the", "op", "on", "am", "zum", "sur", "pour", "voor", "for", "est", "sont", "is", "was",
    "were", "wurde", "werd", "sera", "zal", "will", "a", "été", "été", "entre", "between",
    "tussen", "zwischen", "avant", "before", "vor",
];

fn find_cue(s: &str, core_start: usize, lang: Lang) -> Option<Cue> {
    let mut ws = ceil_boundary(s, core_start.saturating_sub(64));
    let mut c = R_CUE.captures(&s[ws..core_start])?;
    // An act name swallowed a cue ("Act à partir du"): look again to the right of it.
    while let Some(mid) = c.name("lawmid") {
        let bad = mid
            .as_str()
            .split_whitespace()
            .any(|w| NOT_IN_ACT_NAME.contains(&w.to_lowercase().as_str()));
        if !bad {
            break;
        }
        ws = ceil_boundary(s, ws + mid.start());
        c = R_CUE.captures(&s[ws..core_start])?;
    }
    let (g, class) = if let Some(g) = c.name("dl") {
        (g, CueClass::Deadline)
    } else if let Some(g) = c.name("ev") {
        (g, CueClass::Event)
    } else {
        (c.name("wk")?, CueClass::Weak)
    };
    // in Dutch "en" is "and", not "in" (a capitalised "En" opens a sentence: French)
    if lang == Lang::Nl && class == CueClass::Weak && g.as_str() == "en" {
        return None;
    }
    // the window may start inside a word
    if g.start() == 0 && ws > 0 && prev_char(s, ws).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let definite_article = c.name("art").is_some_and(|a| {
        matches!(
            a.as_str().to_lowercase().as_str(),
            "le" | "la"
                | "les"
                | "l'"
                | "l’"
                | "du"
                | "des"
                | "de"
                | "het"
                | "the"
                | "dem"
                | "den"
                | "der"
                | "die"
                | "das"
                | "van"
                | "of"
                | "vom"
        )
    });
    Some(Cue {
        start: ws + g.start(),
        class,
        definite_article,
    })
}

fn normalize_cue(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['’', 'ʼ'], "'")
}

// ---------------------------------------------------------------------------------------------
// Tense of the sentence
// ---------------------------------------------------------------------------------------------

fn markers_for(lang: Lang) -> &'static [Marker] {
    match lang {
        Lang::Fr => &FR_MARKERS,
        Lang::Nl => &NL_MARKERS,
        Lang::En => &EN_MARKERS,
        Lang::De => &DE_MARKERS,
    }
}

/// The patterns of [`markers_for`] as one set, in the same order (one search says which of
/// them match).
fn marker_set(lang: Lang) -> &'static MatchSet {
    static SETS: LazyLock<Vec<MatchSet>> = LazyLock::new(|| {
        Lang::ALL
            .into_iter()
            .map(|l| {
                MatchSet::new(
                    markers_for(l).iter().map(|m| m.re.as_str()),
                    false,
                    16 << 20,
                )
                .expect("the markers compile one by one")
            })
            .collect()
    });
    &SETS[Lang::ALL
        .iter()
        .position(|l| *l == lang)
        .expect("a language")]
}

/// Tense markers of `lang` inside `s[lo..hi]`, as sentence positions; with `fallback`, only
/// those that cannot be mistaken for a word of another language.
fn tense_markers_in(
    s: &str,
    lo: usize,
    hi: usize,
    lang: Lang,
    fallback: bool,
) -> Vec<(usize, usize, Tense)> {
    let mut out = Vec::new();
    // one pass of the language's marker set says which markers occur at all
    let present = marker_set(lang).matches(&s[lo..hi]);
    for (_, mk) in markers_for(lang)
        .iter()
        .enumerate()
        .filter(|(i, mk)| (!fallback || mk.fallback) && present.matched(*i))
    {
        for c in mk.re.captures_iter(&s[lo..hi]) {
            let m = c.get(0).unwrap();
            let m = lo + m.start()..lo + m.end();
            if let Some(pp) = c.name("pp") {
                if NOT_VERBS.contains(&pp.as_str().to_lowercase().as_str()) {
                    continue;
                }
            }
            if mk.standalone_participle {
                let from = ceil_boundary(s, m.start.saturating_sub(40));
                if R_NOT_PAST_AUX.is_match(&s[from..m.start]) {
                    continue;
                }
            }
            out.push((m.start, m.end, mk.tense));
        }
    }
    out
}

/// Tense markers of the sentence: those of `lang`, else those of the first other language that
/// has any (the language hint may be wrong on short or mixed sentences).
fn tense_markers(s: &str, lo: usize, hi: usize, lang: Lang) -> Vec<(usize, usize, Tense)> {
    let own = tense_markers_in(s, lo, hi, lang, false);
    if !own.is_empty() {
        return own;
    }
    for other in [Lang::Fr, Lang::Nl, Lang::En, Lang::De] {
        if other != lang {
            let found = tense_markers_in(s, lo, hi, other, true);
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// How far (in bytes) from an expression a tense marker is looked for.
const MARKER_REACH: usize = 160;

fn nearest_tense(markers: &[(usize, usize, Tense)], start: usize, end: usize) -> Option<Tense> {
    markers
        .iter()
        .map(|&(ms, me, t)| {
            let dist = if me <= start {
                start - me
            } else {
                ms.saturating_sub(end)
            };
            // on a tie the future wins
            (dist, t == Tense::Past, t)
        })
        .min()
        .map(|(_, _, t)| t)
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/// Find the temporal expressions of one sentence. `doc_year` resolves relative expressions
/// ("cette année", "volgend jaar", "next year", "dans le courant de l'année"); without it they are
/// skipped. `lang` is a hint: patterns of all four languages are accepted, the hint breaks ties
/// (which verbs mark the tense, whether "Mars" is a month).
pub fn find_temporal(sentence: &str, lang: Lang, doc_year: Option<i32>) -> Vec<TemporalMention> {
    let s = sentence;
    let years = year_tokens(s);
    let has_year = !years.is_empty();
    if !has_year && doc_year.is_none() {
        return Vec::new();
    }
    let (rel_windows, unit_windows) = LOWERED.with_borrow_mut(|lower| {
        lower.clear();
        lower.push_str(s);
        lower.make_ascii_lowercase();
        let rel = if doc_year.is_some() {
            keyword_windows(s, lower, &REL_KEYS, 72, 48)
        } else {
            Vec::new()
        };
        let unit = keyword_windows(s, lower, &UNIT_KEYS, 48, 64);
        // a very long text (a document without sentence breaks) does not keep its room
        if lower.capacity() > 1 << 16 {
            *lower = String::new();
        }
        (rel, unit)
    });
    if !has_year && rel_windows.is_empty() && unit_windows.is_empty() {
        return Vec::new();
    }

    let mut cands = Vec::new();
    if has_year {
        for (a, b) in year_segments(s, &years) {
            collect_absolute(s, a, b, lang, &mut cands);
        }
        collect_bare(s, &years, &mut cands);
    }
    for &(a, b) in &unit_windows {
        collect_ordinal(s, a, b, doc_year, &mut cands);
    }
    if let Some(dy) = doc_year {
        for &(a, b) in &rel_windows {
            collect_relative(s, a, b, dy, lang, &mut cands);
        }
    }
    if cands.is_empty() {
        return Vec::new();
    }
    let masked = if has_year { masks(s) } else { Vec::new() };

    // Longest expression first; then pattern priority; then leftmost. Cues are looked up only for
    // expressions that survive the overlap check; a bare year needs one.
    cands.retain(|c| !masked.iter().any(|&(ms, me)| ms < c.end && c.start < me));
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.prio.cmp(&b.prio))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<(Cand, Option<Cue>, usize)> = Vec::new();
    let mut uncued: Vec<Cand> = Vec::new();
    for c in cands {
        if chosen
            .iter()
            .any(|(o, _, ofs)| c.start < o.end && *ofs < c.end)
        {
            continue;
        }
        let cue = find_cue(s, c.start, lang);
        if c.shape == Shape::Bare {
            match &cue {
                Some(k) if !k.definite_article => {}
                Some(_) => continue,
                None => {
                    // may still be coordinated with another year: "in 2023 and 2024"
                    uncued.push(c);
                    continue;
                }
            }
        }
        let full_start = cue.as_ref().map_or(c.start, |k| k.start);
        if chosen
            .iter()
            .any(|(o, _, ofs)| full_start < o.end && *ofs < c.end)
        {
            continue;
        }
        chosen.push((c, cue, full_start));
    }
    chosen.sort_by_key(|(c, _, fs)| (*fs, c.start));

    // A year without a cue coordinated with a chosen year: "in 2023 and 2024", "en 2018, 2019 et 2020".
    uncued.sort_by_key(|c| c.start);
    for c in uncued {
        if chosen
            .iter()
            .any(|(o, _, ofs)| c.start < o.end && *ofs < c.end)
        {
            continue;
        }
        let prev = chosen
            .iter()
            .filter(|(o, _, _)| o.end <= c.start)
            .max_by_key(|(o, _, _)| o.end);
        let Some((p, _, _)) = prev else { continue };
        let year_grain = match &p.value {
            TemporalValue::Point(d) => d.grain() == Grain::Year,
            TemporalValue::Period { start, .. } => start.grain() == Grain::Year,
        };
        if year_grain && R_COORD.is_match(&s[p.end..c.start]) {
            let at = chosen.partition_point(|(o, _, ofs)| (*ofs, o.start) < (c.start, c.start));
            chosen.insert(at, (c.clone(), None, c.start));
        }
    }

    // Tense markers are looked for near the expressions only.
    let marker_window = {
        let lo = chosen
            .iter()
            .map(|(_, _, fs)| *fs)
            .min()
            .unwrap_or(0)
            .saturating_sub(MARKER_REACH);
        let hi = (chosen.iter().map(|(c, _, _)| c.end).max().unwrap_or(0) + MARKER_REACH + 48)
            .min(s.len());
        let b = s.as_bytes();
        let mut lo = lo;
        while lo > 0 && !b[lo - 1].is_ascii_whitespace() {
            lo -= 1;
        }
        let mut hi = hi;
        while hi < b.len() && !b[hi].is_ascii_whitespace() {
            hi += 1;
        }
        (ceil_boundary(s, lo), floor_boundary(s, hi))
    };
    let mut markers: Option<Vec<(usize, usize, Tense)>> = None;
    let mut out = Vec::with_capacity(chosen.len());
    for (c, cue, full_start) in chosen {
        let mut end = c.end;
        let mut cue_text: Option<String> = None;
        let mut class: Option<CueClass> = None;
        let mut lean_deadline = false;
        let mut period_cue = false;
        if let Some(k) = &cue {
            let text = s[k.start..c.date_start].trim();
            let norm = normalize_cue(text);
            let mut cl = k.class;
            let first = norm.split(' ').next().unwrap_or("");
            // "voor het jaar 2016", "voor 2017", "pour 2018", "for 2025": "for", not "before"
            if cl == CueClass::Deadline
                && first == "voor"
                && (c.shape == Shape::YearNoun || (c.shape == Shape::Bare && norm == "voor"))
            {
                cl = CueClass::Weak;
            }
            // "pour la fin 2021", "pour fin 2021", "pour début 2026": a deadline
            if cl == CueClass::Weak
                && first == "pour"
                && (norm.contains("fin") || norm.contains("début") || norm.contains("debut"))
            {
                cl = CueClass::Deadline;
            }
            // "pour 2030", "voor 2030", "for 2030", "für 2030": a target unless the verb is past
            lean_deadline = cl == CueClass::Weak
                && matches!(first, "pour" | "voor" | "vóór" | "for" | "für" | "fur");
            // "for the period 2019–2025", "pour la période", "voor de periode", "für den Zeitraum"
            period_cue = ["period", "période", "periode", "zeitraum"]
                .iter()
                .any(|w| norm.contains(w));
            class = Some(cl);
            cue_text = Some(text.to_string());
        }
        let after_end = ceil_boundary(s, end);
        let tail_window = &s[after_end..floor_boundary(s, s.len().min(after_end + 40))];
        if let Some(pc) = R_POSTCUE.find(tail_window) {
            end = after_end + pc.end();
            class = Some(CueClass::Deadline);
            if cue_text.is_none() {
                cue_text = Some(
                    pc.as_str()
                        .trim_start_matches([',', ' '])
                        .trim()
                        .to_string(),
                );
            }
        }
        let plan_horizon =
            c.plan_period || (period_cue && matches!(c.value, TemporalValue::Period { .. }));
        let kind = match class {
            Some(CueClass::Deadline) => TemporalKind::Deadline,
            Some(CueClass::Event) => TemporalKind::Event,
            _ if plan_horizon => TemporalKind::Deadline,
            _ => {
                let mk = markers.get_or_insert_with(|| {
                    let near = tense_markers(s, marker_window.0, marker_window.1, lang);
                    // nothing near: the verbs of the whole sentence
                    if near.is_empty() && (marker_window.0 > 0 || marker_window.1 < s.len()) {
                        tense_markers(s, 0, s.len(), lang)
                    } else {
                        near
                    }
                });
                match nearest_tense(mk, full_start, end) {
                    Some(Tense::Future) => TemporalKind::Deadline,
                    Some(Tense::Past) => TemporalKind::Event,
                    None if lean_deadline => TemporalKind::Deadline,
                    None => TemporalKind::Unknown,
                }
            }
        };
        out.push(TemporalMention {
            start: full_start,
            end,
            text: s[full_start..end].to_string(),
            value: c.value,
            kind,
            cue: cue_text.filter(|t| !t.is_empty()),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    /// Year tokens are the runs of four ASCII digits that begin with 18, 19 or 20, on every
    /// line of the seeds and around multi-byte characters.
    #[test]
    fn year_tokens_are_four_digit_runs_of_years() {
        let mut texts = crate::test_texts::seed_lines();
        texts.push("é2019€20201 1999x2100—1850 12020 2024".to_string());
        let runs = Regex::new(r"[0-9]+").unwrap();
        for t in &texts {
            let want: Vec<(usize, usize)> = runs
                .find_iter(t)
                .filter(|m| m.len() == 4 && ["18", "19", "20"].contains(&&m.as_str()[..2]))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(year_tokens(t), want, "{t}");
        }
    }

    fn value_iso(v: &TemporalValue) -> String {
        match v {
            TemporalValue::Point(d) => d.iso(),
            TemporalValue::Period { start, end } => format!("{}/{}", start.iso(), end.iso()),
        }
    }

    fn kind_name(k: TemporalKind) -> &'static str {
        match k {
            TemporalKind::Deadline => "deadline",
            TemporalKind::Event => "event",
            TemporalKind::Unknown => "unknown",
        }
    }

    fn lang_of(code: &str) -> Lang {
        match code {
            "fr" => Lang::Fr,
            "nl" => Lang::Nl,
            "en" => Lang::En,
            "de" => Lang::De,
            other => panic!("unknown language {other:?}"),
        }
    }

    #[test]
    fn grain_and_iso() {
        assert_eq!(gy(2025).grain(), Grain::Year);
        assert_eq!(gy(2025).iso(), "2025");
        assert_eq!(gym(2025, 9).grain(), Grain::Month);
        assert_eq!(gym(2025, 9).iso(), "2025-09");
        assert_eq!(gymd(2025, 8, 2).grain(), Grain::Day);
        assert_eq!(gymd(2025, 8, 2).iso(), "2025-08-02");
        assert!(Grain::Year < Grain::Month && Grain::Month < Grain::Day);
        assert!(gy(2024) < gy(2025));
    }

    #[test]
    fn spans_and_cues() {
        let s = "Le cadre devra être établi d’ici le 2 août 2025 en vue de l’entrée en vigueur.";
        let m = find_temporal(s, Lang::Fr, Some(2025));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "d’ici le 2 août 2025");
        assert_eq!(&s[m[0].start..m[0].end], m[0].text);
        assert_eq!(m[0].cue.as_deref(), Some("d’ici le"));
        assert_eq!(m[0].kind, TemporalKind::Deadline);
        assert_eq!(m[0].value, TemporalValue::Point(gymd(2025, 8, 2)));

        let s = "Het kader moet uiterlijk op 2 augustus 2025 operationeel zijn.";
        let m = find_temporal(s, Lang::Nl, None);
        assert_eq!(m[0].cue.as_deref(), Some("uiterlijk op"));
        assert_eq!(m[0].text, "uiterlijk op 2 augustus 2025");

        let s = "The connectivity targets are to be met by 2025.";
        let m = find_temporal(s, Lang::En, None);
        assert_eq!(m[0].cue.as_deref(), Some("by"));
        assert_eq!(m[0].text, "by 2025");

        let s = "Het centrum werkt tegen eind 2025 de strategie uit.";
        let m = find_temporal(s, Lang::Nl, None);
        assert_eq!(m[0].cue.as_deref(), Some("tegen eind"));
        assert_eq!(m[0].value, TemporalValue::Point(gy(2025)));

        let s = "Le 11 avril 2024, l’UE a révisé eIDAS.";
        let m = find_temporal(s, Lang::Fr, None);
        assert_eq!(m[0].cue, None);
        assert_eq!(m[0].text, "11 avril 2024");
        assert_eq!(m[0].kind, TemporalKind::Event);
    }

    #[test]
    fn no_digit_no_doc_year_is_empty() {
        assert!(find_temporal(
            "Cette année, l’e-Box deviendra obligatoire.",
            Lang::Fr,
            None
        )
        .is_empty());
        assert!(find_temporal("Geen datum hier.", Lang::Nl, Some(2025)).is_empty());
    }

    #[test]
    fn non_breaking_spaces_and_typographic_apostrophes() {
        let s = "d\u{2019}ici\u{a0}le\u{a0}1er\u{a0}janvier\u{202f}2026";
        let m = find_temporal(s, Lang::Fr, None);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].value, TemporalValue::Point(gymd(2026, 1, 1)));
        assert_eq!(m[0].kind, TemporalKind::Deadline);
    }

    /// Random mixes of multibyte text, digits and cue words: no panic, spans on char boundaries.
    #[test]
    fn fuzz_no_panic() {
        const PIECES: [&str; 40] = [
            "d’ici",
            "le",
            "2",
            "août",
            "2025",
            "1er",
            "janv.",
            "é",
            "’",
            "\u{a0}",
            "\u{202f}",
            "–",
            "-",
            "/",
            "2016/679",
            "Q3",
            "T2",
            "semestre",
            "second",
            "eind",
            "dit jaar",
            "l'année",
            "prochaine",
            "mid-",
            "by",
            "the end of",
            "€",
            "%",
            "17.",
            "Oktober",
            "2.8.",
            "12 500",
            "ISO",
            "27001:2013",
            "van",
            "tot",
            "between",
            "and",
            "à",
            ",",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 14) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
                if x & 0x100 != 0 {
                    s.push(' ');
                }
            }
            for lang in [Lang::Fr, Lang::Nl, Lang::En, Lang::De] {
                for m in find_temporal(&s, lang, Some(2025)) {
                    assert!(m.start < m.end && m.end <= s.len(), "{s:?}");
                    assert_eq!(&s[m.start..m.end], m.text);
                }
            }
        }
        assert!(find_temporal("", Lang::Fr, Some(2025)).is_empty());
    }

    /// The set says of each absolute-date pattern, at its place, what the pattern says.
    #[test]
    fn the_absolute_set_answers_for_each_pattern_at_its_place() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/temporal_cases.tsv");
        let data = std::fs::read_to_string(path).expect("tests/data/temporal_cases.tsv");
        let mut texts: Vec<String> = data
            .lines()
            .filter_map(|l| l.split('\t').nth(1))
            .map(str::to_string)
            .collect();
        texts.push("La livraison est prévue pour 2026-Q2, puis Q4 2027.".to_string());
        for (_, t) in crate::test_texts::seed_texts() {
            texts.extend(t.lines().map(str::to_string));
        }
        let mut matched = [0usize; 12];
        for t in &texts {
            let present = ABSOLUTE.matches(t);
            for (i, p) in Absolute::ALL.into_iter().enumerate() {
                assert_eq!(p as usize, i, "Absolute::ALL out of declaration order");
                assert_eq!(
                    present.matched(i),
                    p.regex().is_match(t),
                    "pattern {i} on {t:?}"
                );
                matched[i] += usize::from(present.matched(i));
            }
        }
        // every pattern met a text it matches, so its place was checked both ways
        assert!(matched.iter().all(|n| *n > 0), "{matched:?}");
    }

    /// Every row of tests/data/temporal_cases.tsv.
    #[test]
    fn tsv_cases() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/temporal_cases.tsv");
        let data = std::fs::read_to_string(path).expect("tests/data/temporal_cases.tsv");
        let mut failures = Vec::new();
        let mut rows = 0;
        for (i, line) in data.lines().enumerate().skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cols.len(),
                5,
                "line {}: expected 5 tab-separated columns",
                i + 1
            );
            rows += 1;
            let lang = lang_of(cols[0]);
            let doc_year = if cols[2] == "-" {
                None
            } else {
                Some(cols[2].parse::<i32>().expect("doc_year"))
            };
            let found = find_temporal(cols[1], lang, doc_year);
            let got = if found.is_empty() {
                "-".to_string()
            } else {
                found
                    .iter()
                    .map(|m| value_iso(&m.value))
                    .collect::<Vec<_>>()
                    .join(" ; ")
            };
            let got_kind = found.first().map_or("-", |m| kind_name(m.kind));
            for m in &found {
                assert_eq!(
                    &cols[1][m.start..m.end],
                    m.text,
                    "line {}: span and text disagree",
                    i + 1
                );
            }
            if got != cols[3] || got_kind != cols[4] {
                failures.push(format!(
                    "line {}: [{}] {}\n    expected {} ({}), got {} ({})  {:?}",
                    i + 1,
                    cols[0],
                    cols[1],
                    cols[3],
                    cols[4],
                    got,
                    got_kind,
                    found
                        .iter()
                        .map(|m| (&m.text, m.cue.as_deref()))
                        .collect::<Vec<_>>()
                ));
            }
        }
        assert!(rows >= 170, "only {rows} rows");
        assert!(
            failures.is_empty(),
            "{} of {rows} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
