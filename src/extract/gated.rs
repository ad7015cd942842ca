//! A regex with a cheap gate in front of it.
//!
//! Unicode word boundaries (`\b`) keep the `regex` crate off its fast lazy DFA on any text
//! with a non-ASCII byte (most French, Dutch and German sentences): it falls back to the
//! backtracker or the PikeVM, an order of magnitude slower. The gate is the same pattern with
//! its `\b` assertions loosened (to ASCII ones beside ASCII word characters, else removed:
//! `without_word_boundaries`): it matches wherever the pattern does (a looser zero-width
//! assertion only adds matches), runs on the DFA, and says "no" for most sentences, so the
//! exact pattern only runs where it may match, anchored at the gate's candidates
//! (the `verifier` module). Results are exactly those of the pattern.
//!
//! A gate is only asked where a match may start, so it also drops what only decides where a
//! match ends (`starts_only`); [`MatchSet`] does the same for sets of patterns asked only
//! which of them match.

use regex::{Regex, RegexBuilder};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{meta, Input, PatternID, PatternSet};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};
use std::sync::OnceLock;

use super::verifier::Verifier;

/// The compiled NFA's size limit, the `regex` crate's default.
const NFA_LIMIT: Option<usize> = Some(10 << 20);

/// Room for the lazy DFA's states: with the default, patterns with Unicode classes under
/// bounded repetition (`(?:[\p{L}-]+\s+){0,3}`) thrash the cache and rebuild states all the time.
const DFA_CACHE: usize = 16 << 20;

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).dfa_size_limit(DFA_CACHE).build()
}

/// The gate of `pattern`: the pattern without its Unicode word boundaries, and without what
/// cannot change where a match starts. The gate is asked only where a match may start (the
/// leftmost start, or whether there is one), so whatever a match may end with can go: a
/// trailing part that matches the empty string anywhere (`\w*`, `(?: …){0,4}`, no assertion in
/// it) is dropped, and a trailing `X+` or `X{n,}` keeps its first `n` copies (the last one
/// trimmed likewise). The starts are exactly the pattern's, found by a smaller automaton: the
/// lazy DFA builds far fewer states, above all in the reverse search that finds a match's
/// start by walking back over it (`\w*` in reverse is every Unicode word character).
fn gate(hir: Hir) -> Result<meta::Regex, regex::Error> {
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(NFA_LIMIT)
                .hybrid_cache_capacity(DFA_CACHE)
                .which_captures(WhichCaptures::Implicit),
        )
        .build_from_hir(&starts_only(without_word_boundaries(hir)))
        .map_err(syntax_error)
}

fn syntax_error(e: impl std::fmt::Display) -> regex::Error {
    regex::Error::Syntax(e.to_string())
}

/// Patterns searched together for which of them match somewhere in a text, each reduced to
/// what decides whether it matches at all (see `starts_only`): the answer of a
/// `regex::RegexSet` of the patterns, from smaller automata.
pub struct MatchSet {
    re: meta::Regex,
}

/// Which patterns of a [`MatchSet`] match.
pub struct Matched(PatternSet);

impl Matched {
    pub fn matched(&self, i: usize) -> bool {
        PatternID::new(i).is_ok_and(|id| self.0.contains(id))
    }
    pub fn matched_any(&self) -> bool {
        !self.0.is_empty()
    }
}

impl MatchSet {
    /// The set of `patterns`; with `without_bounds`, each without its Unicode word boundaries
    /// (it may then match where the pattern does not: a gate). `cache` is the lazy
    /// DFA's room, as `RegexSetBuilder::dfa_size_limit`.
    pub fn new<'p>(
        patterns: impl IntoIterator<Item = &'p str>,
        without_bounds: bool,
        cache: usize,
    ) -> Result<MatchSet, regex::Error> {
        let hirs = patterns
            .into_iter()
            .map(|p| {
                let hir = regex_automata::util::syntax::parse(p).map_err(syntax_error)?;
                let hir = if without_bounds {
                    without_word_boundaries(hir)
                } else {
                    hir
                };
                Ok(starts_only(hir))
            })
            .collect::<Result<Vec<Hir>, regex::Error>>()?;
        let re = meta::Regex::builder()
            .configure(
                meta::Config::new()
                    .match_kind(regex_automata::MatchKind::All)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(NFA_LIMIT)
                    .hybrid_cache_capacity(cache),
            )
            .build_many_from_hir(&hirs)
            .map_err(syntax_error)?;
        Ok(MatchSet { re })
    }

    /// Which patterns match somewhere in `h`.
    pub fn matches(&self, h: &str) -> Matched {
        let mut set = PatternSet::new(self.re.pattern_len());
        self.re.which_overlapping_matches(&Input::new(h), &mut set);
        Matched(set)
    }
}

/// `hir` with every Unicode word boundary (`\b`) loosened to an assertion the lazy DFA runs
/// on any text, and that holds wherever the boundary does: an ASCII word boundary
/// (`(?-u:\b)`) where the pattern puts an ASCII word character right beside it, else the
/// empty string. Beside an ASCII word character, a Unicode boundary holds when the character
/// on the other side is no word character; the ASCII boundary holds then too, and also when it
/// is a word character beyond ASCII. A gate that asserts the boundary where it can finds far
/// fewer candidates inside words (`je` in `projet`, `we` in `nieuwe`).
fn without_word_boundaries(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(Look::WordUnicode) => Hir::empty(),
        HirKind::Concat(xs) => {
            let loosened: Vec<Hir> = (0..xs.len())
                .map(|i| match xs[i].kind() {
                    HirKind::Look(Look::WordUnicode)
                        if ascii_word_beside(&xs[..i], &xs[i + 1..]) =>
                    {
                        Hir::look(Look::WordAscii)
                    }
                    _ => without_word_boundaries(xs[i].clone()),
                })
                .collect();
            Hir::concat(loosened)
        }
        HirKind::Alternation(xs) => {
            Hir::alternation(xs.into_iter().map(without_word_boundaries).collect())
        }
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(without_word_boundaries(*c.sub)),
            ..c
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(without_word_boundaries(*r.sub)),
            ..r
        }),
        kind @ (HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_)) => {
            rebuild(kind)
        }
    }
}

/// Whether every match of `after` begins, or every match of `before` ends, with an ASCII word
/// character (`[0-9A-Za-z_]`).
fn ascii_word_beside(before: &[Hir], after: &[Hir]) -> bool {
    edge_of_concat(after.iter(), Edge::First) == Some(false)
        || edge_of_concat(before.iter().rev(), Edge::Last) == Some(false)
}

#[derive(Clone, Copy)]
enum Edge {
    First,
    Last,
}

/// Whether a non-empty match of `hir` surely has an ASCII word character at its `edge`:
/// `Some(may it match the empty string)` if so, `None` if not known.
fn ascii_word_edge(hir: &Hir, edge: Edge) -> Option<bool> {
    use regex_syntax::hir::Class;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(true),
        HirKind::Literal(l) => {
            let b = match edge {
                Edge::First => l.0.first(),
                Edge::Last => l.0.last(),
            };
            b.copied().is_some_and(is_ascii_word).then_some(false)
        }
        HirKind::Class(c) => {
            let all_ascii_word = match c {
                Class::Unicode(c) => c
                    .ranges()
                    .iter()
                    .all(|r| ascii_word_range(u32::from(r.start()), u32::from(r.end()))),
                Class::Bytes(c) => c
                    .ranges()
                    .iter()
                    .all(|r| ascii_word_range(u32::from(r.start()), u32::from(r.end()))),
            };
            all_ascii_word.then_some(false)
        }
        HirKind::Capture(c) => ascii_word_edge(&c.sub, edge),
        HirKind::Repetition(r) => ascii_word_edge(&r.sub, edge).map(|empty| empty || r.min == 0),
        HirKind::Alternation(xs) => xs
            .iter()
            .map(|x| ascii_word_edge(x, edge))
            .try_fold(false, |empty, x| Some(empty || x?)),
        HirKind::Concat(xs) => match edge {
            Edge::First => edge_of_concat(xs.iter(), edge),
            Edge::Last => edge_of_concat(xs.iter().rev(), edge),
        },
    }
}

/// Whether `b` is an ASCII word character (`[0-9A-Za-z_]`, what `(?-u:\b)` calls one).
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether every character (byte) from `lo` to `hi` is an ASCII word character.
fn ascii_word_range(lo: u32, hi: u32) -> bool {
    (lo..=hi).all(|c| u8::try_from(c).is_ok_and(is_ascii_word))
}

/// [`ascii_word_edge`] of a concatenation, its parts given from the edge inwards.
fn edge_of_concat<'h>(mut parts: impl Iterator<Item = &'h Hir>, edge: Edge) -> Option<bool> {
    parts.try_fold(true, |empty, x| {
        // past the first part that cannot be empty, the edge is known
        if !empty {
            return Some(false);
        }
        ascii_word_edge(x, edge)
    })
}

fn rebuild(kind: HirKind) -> Hir {
    match kind {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Repetition(r) => Hir::repetition(r),
        HirKind::Capture(c) => Hir::capture(c),
        HirKind::Concat(xs) => Hir::concat(xs),
        HirKind::Alternation(xs) => Hir::alternation(xs),
    }
}

/// Whether `hir` matches the empty string at every position (it may, and asserts nothing).
fn empty_anywhere(hir: &Hir) -> bool {
    hir.properties().minimum_len() == Some(0) && hir.properties().look_set().is_empty()
}

/// A regex that matches at exactly the positions where `hir` matches (not to the same ends).
fn starts_only(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Concat(mut xs) => {
            // a concatenation matches at p when its head does, up to q, and its last part
            // matches at q: that part's ends do not matter, nor does a trailing part that
            // matches the empty string anywhere
            while xs.last().is_some_and(empty_anywhere) {
                xs.pop();
            }
            if let Some(last) = xs.pop() {
                xs.push(starts_only(last));
            }
            Hir::concat(xs)
        }
        HirKind::Alternation(xs) => Hir::alternation(xs.into_iter().map(starts_only).collect()),
        HirKind::Capture(c) => starts_only(*c.sub),
        // `X{n,m}` starts where `X{n}` does; `X{1}` where `X` does
        HirKind::Repetition(r) if r.min == 1 => starts_only(*r.sub),
        HirKind::Repetition(r) if r.min > 1 => Hir::repetition(Repetition {
            max: Some(r.min),
            ..r
        }),
        kind => {
            let hir = rebuild(kind);
            if empty_anywhere(&hir) {
                Hir::empty()
            } else {
                hir
            }
        }
    }
}

/// A match: the span of the haystack the pattern matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn of(m: regex::Match<'h>, haystack: &'h str) -> Match<'h> {
        Match {
            haystack,
            start: m.start(),
            end: m.end(),
        }
    }
    fn at(haystack: &'h str, span: regex_automata::Span) -> Match<'h> {
        Match {
            haystack,
            start: span.start,
            end: span.end,
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

#[derive(Debug)]
pub struct GatedRegex {
    pattern: String,
    /// The exact regex, built on first use when there is a verifier (which finds the matches
    /// and their groups: only [`GatedRegex::regex`] then asks for it).
    re: OnceLock<Regex>,
    gate: Option<meta::Regex>,
    /// The exact pattern for anchored checks at the gate's candidates (when it cannot match
    /// the empty string, so that iteration needs no empty-match rules).
    verify: Option<Verifier>,
    /// For a pattern that matches only at the start of a text (`^…`): the bytes a match may
    /// begin with ([`first_bytes`]), looked at before any search.
    first_bytes: Option<Box<[bool; 256]>>,
}

/// The bytes that every match of `hir` begins with one of, when its matches can only start at
/// the start of the text (`^`) and those bytes are known: from its literal prefixes cut to
/// one byte (`(?i)^(?:dit|cela)` begins with `d`, `D`, `c` or `C`). Such a pattern is asked of
/// every sentence (does it open with a cue?) and most sentences open otherwise. `None` for a
/// pattern that may match anywhere, or whose prefixes are not a finite set of bytes (a class
/// too large to list, `\s*` in front, a pattern that matches the empty string).
fn first_bytes(hir: &Hir) -> Option<Box<[bool; 256]>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_literal_len(1);
    let prefixes = extractor.extract(hir);
    let mut bytes = Box::new([false; 256]);
    for literal in prefixes.literals()? {
        bytes[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(bytes)
}

impl GatedRegex {
    pub fn new(pattern: &str) -> Result<GatedRegex, regex::Error> {
        // only a pattern with Unicode word boundaries needs a gate; one with `\\b` (an escaped
        // backslash) or an ASCII-only section keeps none (the gates were once made by deleting
        // `\b` from the text, which such patterns made unsound; the syntax tree's rewrite
        // would not be, but these stay ungated as they were)
        let gated =
            pattern.contains(r"\b") && !pattern.contains(r"\\") && !pattern.contains("(?-u");
        // the pattern is parsed once, for its minimum length, its gate and its check
        let hir = regex_automata::util::syntax::parse(pattern).map_err(syntax_error)?;
        let nonempty = hir.properties().minimum_len().is_some_and(|n| n > 0);
        let gate = if gated {
            Some(gate(hir.clone())?)
        } else {
            None
        };
        let verify = if gated && nonempty {
            Verifier::new(&hir, NFA_LIMIT, DFA_CACHE)
        } else {
            None
        };
        let re = OnceLock::new();
        if verify.is_none() {
            re.set(build(pattern)?).expect("empty");
        }
        Ok(GatedRegex {
            pattern: pattern.to_string(),
            re,
            gate,
            verify,
            first_bytes: first_bytes(&hir),
        })
    }

    /// The exact regex.
    pub fn regex(&self) -> &Regex {
        self.re
            .get_or_init(|| build(&self.pattern).expect("the verifier compiled this pattern"))
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Whether the pattern may match somewhere in `h` (false: it surely does not).
    #[inline]
    pub fn may_match(&self, h: &str) -> bool {
        self.may_open(h) && self.gate.as_ref().is_none_or(|g| g.is_match(h))
    }

    /// Whether `h` opens with a byte that a match may begin with, for a pattern that matches
    /// only at the start (true for any other pattern).
    #[inline]
    fn may_open(&self, h: &str) -> bool {
        self.first_bytes.as_ref().is_none_or(|firsts| {
            h.as_bytes()
                .first()
                .is_some_and(|&b| firsts[usize::from(b)])
        })
    }

    /// The leftmost-first match starting at or after `start` (look-behind sees what is before),
    /// exactly as `Regex::find_at`. With a verifier: the gate finds the leftmost place where
    /// the pattern may start, an anchored search there says whether it does; if not, the gate
    /// looks again one character further. Every match of the pattern is a match of the gate,
    /// so the first place where the anchored search succeeds is the leftmost match's start,
    /// and the anchored leftmost-first match there is the unanchored one.
    fn first_at<'h>(&self, h: &'h str, start: usize) -> Option<Match<'h>> {
        if !self.may_open(h) {
            return None;
        }
        let (Some(gate), Some(verify)) = (&self.gate, &self.verify) else {
            return if self.may_match(h) {
                self.regex().find_at(h, start).map(|m| Match::of(m, h))
            } else {
                None
            };
        };
        let mut at = start;
        while at <= h.len() {
            let candidate = gate.find(Input::new(h).range(at..))?.start();
            if let Some(span) = verify.match_at(h, candidate) {
                return Some(Match::at(h, span));
            }
            at = candidate + h[candidate..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    pub fn is_match(&self, h: &str) -> bool {
        self.first_at(h, 0).is_some()
    }

    pub fn find<'h>(&self, h: &'h str) -> Option<Match<'h>> {
        self.first_at(h, 0)
    }

    pub fn find_at<'h>(&self, h: &'h str, start: usize) -> Option<Match<'h>> {
        self.first_at(h, start)
    }

    pub fn find_iter<'r, 'h>(&'r self, h: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let mut slow =
            (self.verify.is_none() && self.may_match(h)).then(|| self.regex().find_iter(h));
        let mut at = Some(0);
        std::iter::from_fn(move || {
            if self.verify.is_none() {
                return slow.as_mut()?.next().map(|m| Match::of(m, h));
            }
            let m = self.first_at(h, at?)?;
            at = Some(m.end());
            Some(m)
        })
    }

    /// The groups of the leftmost match, the first of [`GatedRegex::captures_iter`].
    pub fn captures<'h>(&self, h: &'h str) -> Option<Captures<'h>> {
        self.captures_iter(h).next()
    }

    pub fn captures_iter<'r, 'h>(&'r self, h: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let mut slow =
            (self.verify.is_none() && self.may_match(h)).then(|| self.regex().captures_iter(h));
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let Some(verify) = &self.verify else {
                let caps = slow.as_mut()?.next()?;
                return Some(Captures::Regex { haystack: h, caps });
            };
            let m = self.first_at(h, at?)?;
            at = Some(m.end());
            Some(Self::groups_of(verify, h, m))
        })
    }

    /// The groups of the match `m`, found by an anchored search of the verifier over the
    /// match's span alone (look-around still sees the text around it). The leftmost-first
    /// match at `m.start()` is the one of highest priority among those starting there; it ends
    /// at `m.end()`, so it is also the one of highest priority among those that end by then:
    /// the same match, with the same groups, as a search of the whole text from the start.
    fn groups_of<'h>(verify: &Verifier, h: &'h str, m: Match<'h>) -> Captures<'h> {
        let caps = verify.groups(h, regex_automata::Span::from(m.range()));
        debug_assert_eq!(caps.get_match().map(|x| x.range()), Some(m.range()));
        Captures::Groups { haystack: h, caps }
    }
}

/// The groups of a match of a [`GatedRegex`], by number or by name, as `regex::Captures`.
#[derive(Debug)]
pub enum Captures<'h> {
    /// From the verifier: the groups' spans in `haystack`.
    Groups {
        haystack: &'h str,
        caps: regex_automata::util::captures::Captures,
    },
    /// From the exact regex (a pattern without a verifier).
    Regex {
        haystack: &'h str,
        caps: regex::Captures<'h>,
    },
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        match self {
            Captures::Groups { haystack, caps } => {
                caps.get_group(i).map(|sp| Match::at(haystack, sp))
            }
            Captures::Regex { haystack, caps } => caps.get(i).map(|m| Match::of(m, haystack)),
        }
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        match self {
            Captures::Groups { haystack, caps } => caps
                .get_group_by_name(name)
                .map(|sp| Match::at(haystack, sp)),
            Captures::Regex { haystack, caps } => caps.name(name).map(|m| Match::of(m, haystack)),
        }
    }
}

impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;
    /// The text of group `i`; panics when it did not take part in the match.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

impl super::cues::Matcher for GatedRegex {
    fn matches_somewhere(&self, text: &str) -> bool {
        self.is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `extra`, then every line of the seeds.
    fn with_seed_lines(extra: &str) -> Vec<String> {
        let mut texts = vec![extra.to_string()];
        for (_, t) in crate::test_texts::seed_texts() {
            texts.extend(t.lines().map(str::to_string));
        }
        texts
    }

    type Spans = Vec<Option<std::ops::Range<usize>>>;

    /// The groups of a match, ours or the `regex` crate's.
    trait Groups {
        fn by_number(&self, i: usize) -> Option<std::ops::Range<usize>>;
        fn by_name(&self, n: &str) -> Option<std::ops::Range<usize>>;
    }

    impl Groups for Captures<'_> {
        fn by_number(&self, i: usize) -> Option<std::ops::Range<usize>> {
            self.get(i).map(|m| m.range())
        }
        fn by_name(&self, n: &str) -> Option<std::ops::Range<usize>> {
            self.name(n).map(|m| m.range())
        }
    }

    impl Groups for regex::Captures<'_> {
        fn by_number(&self, i: usize) -> Option<std::ops::Range<usize>> {
            self.get(i).map(|m| m.range())
        }
        fn by_name(&self, n: &str) -> Option<std::ops::Range<usize>> {
            self.name(n).map(|m| m.range())
        }
    }

    /// Every group's span, by number (`groups` of them) and by name.
    fn group_spans(c: &impl Groups, groups: usize, names: &[&str]) -> (Spans, Spans) {
        (
            (0..groups).map(|i| c.by_number(i)).collect(),
            names.iter().map(|n| c.by_name(n)).collect(),
        )
    }

    /// A gate asserts an ASCII word boundary only beside what surely is an ASCII word
    /// character: a boundary beside a letter beyond ASCII, or beside what `(?i)` extends beyond
    /// ASCII, or beside what may be empty, is dropped.
    #[test]
    fn the_gate_keeps_the_boundaries_beside_ascii_word_characters() {
        let looks = |p: &str| {
            let hir = regex_automata::util::syntax::parse(p).unwrap();
            let gate = without_word_boundaries(hir);
            let mut kinds = Vec::new();
            fn walk(h: &Hir, out: &mut Vec<Look>) {
                match h.kind() {
                    HirKind::Look(l) => out.push(*l),
                    HirKind::Concat(xs) | HirKind::Alternation(xs) => {
                        xs.iter().for_each(|x| walk(x, out))
                    }
                    HirKind::Capture(c) => walk(&c.sub, out),
                    HirKind::Repetition(r) => walk(&r.sub, out),
                    _ => {}
                }
            }
            walk(&gate, &mut kinds);
            kinds
        };
        let ascii = Look::WordAscii;
        assert_eq!(looks(r"\bje\b"), [ascii, ascii]);
        assert_eq!(looks(r"(?i)\b(?:je|nous)\s"), [ascii]);
        assert_eq!(looks(r"\b(?:x)?foo"), [ascii]);
        assert_eq!(looks(r"\b[a-z_0-9]+"), [ascii]);
        assert_eq!(looks(r"(?i)\bk"), []);
        assert_eq!(looks(r"\bé"), []);
        assert_eq!(looks(r"\b\w"), []);
        assert_eq!(looks(r"\b(?:x)?"), []);
        assert_eq!(looks(r"\s\b"), []);
    }

    /// Matches and captures of the gated search are those of the plain regex, on the seeds.
    #[test]
    fn gated_searches_find_what_the_regex_finds() {
        let pats = [
            r"(?i)\b(?:ce|le|la|de la|the|deze|de|het|die)\s+(?:[\p{L}-]+\s+){0,3}?(règlement|directive|verordening|richtlijn|regulation|loi|wet|act)\b",
            r"(?i)\b(?:mises? en (?:œuvre|oeuvre)|appliqu\w*|exécut\w*|uitvoer\w*|impl[ée]ment\w*|voer\w* .{0,40}\buit\b)\b",
            r"(?i)\b(?:loi|wet|act|é\w+)\b",
            // named groups that may take no part, and alternatives whose order decides
            r"(?i)\b(?P<d>\d{1,2})(?:er|e)?\s+(?P<m>janvier|januari|january|mai|mei|may)(?:\s+(?P<y>\d{4}))?\b",
            r"(?i)\b(?P<a>de|de\s+la|van)\s+(?P<b>\w+(?:\s+\w+)?)?\s*(?P<c>loi|wet|commission|commissie)\b",
            // boundaries beside ASCII letters (asserted by the gate), beside letters that
            // `(?i)` extends beyond ASCII (`k`: the Kelvin sign) and beside other letters
            r"(?i)\b(?:je|j'|nous)(?:\s|\b)",
            r"(?i)\b(?:ik|we|wij)\b",
            r"\b(?:I|[Ww]e)\b",
            r"(?i)\bk\w*",
            r"\bé\w+\b",
            // only at the start, looked at by the first byte
            r"(?i)^(?:dit|cela|this|das)\s+(?:gebeurt|se fait|is done|geschieht)\b",
            r"^(?:Dit|Il|It|Es)\b",
            r"(?i)^(?:s|k)\w*\b",
        ];
        let mut texts = with_seed_lines(
            "À la loi, été; l'été du règlement — Act acts ACT. Le 1er mai 2025 et 3 januari, de la loi. \
             éje, projet, «je», ʼje, jeé, \u{212A}ern kern Kern, nieuwe we, wé, éwe, We-I, étéé.",
        );
        texts.extend(
            [
                "Dit gebeurt samen met de FOD.",
                "CELA SE FAIT avec le SPF.",
                "Il est",
                "Ilse",
                "\u{17F}o it is",
                "\u{212A}elvin",
                "sk",
                "",
            ]
            .map(String::from),
        );
        for p in pats {
            let g = GatedRegex::new(p).unwrap();
            assert!(g.verify.is_some());
            let r = Regex::new(p).unwrap();
            for t in &texts {
                let a: Vec<_> = g.find_iter(t).map(|m| m.range()).collect();
                let b: Vec<_> = r.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(a, b, "{p} on {t}");
                // every group, by number and by name, of every match
                let groups = r.captures_len();
                let names: Vec<&str> = r.capture_names().flatten().collect();
                let a: Vec<_> = g
                    .captures_iter(t)
                    .map(|c| group_spans(&c, groups, &names))
                    .collect();
                let b: Vec<_> = r
                    .captures_iter(t)
                    .map(|c| group_spans(&c, groups, &names))
                    .collect();
                assert_eq!(a, b, "{p} on {t}");
                assert_eq!(
                    g.captures(t).map(|c| c[0].to_string()),
                    r.captures(t).map(|c| c[0].to_string()),
                    "{p} on {t}"
                );
                for at in [1, t.len() / 2] {
                    if t.is_char_boundary(at) {
                        assert_eq!(
                            g.find_at(t, at).map(|m| m.range()),
                            r.find_at(t, at).map(|m| m.range())
                        );
                    }
                }
            }
        }
    }

    /// A pattern anchored at the start is looked at by its first byte where its prefixes say
    /// which bytes open a match; not where they do not, nor where the pattern may match
    /// elsewhere.
    #[test]
    fn patterns_anchored_at_the_start_know_their_first_bytes() {
        let firsts = |p: &str| {
            first_bytes(&regex_automata::util::syntax::parse(p).unwrap()).map(|t| {
                (0..=255u8)
                    .filter(|b| t[usize::from(*b)])
                    .collect::<Vec<u8>>()
            })
        };
        assert_eq!(firsts(r"(?i)^(?:dit|cela)\s+x\b"), Some(b"CDcd".to_vec()));
        assert_eq!(firsts(r"^(?:Dit|Il)\b"), Some(b"DI".to_vec()));
        // `(?i)s` is also the long s, whose first byte is 0xC5
        assert_eq!(firsts(r"(?i)^s"), Some(vec![b'S', b's', 0xC5]));
        assert_eq!(firsts(r"(?i)^\s*,"), None);
        assert_eq!(firsts(r"^(?:x)?"), None);
        assert_eq!(firsts(r"\bdit\b"), None);
        assert_eq!(firsts(r"(?m)^dit"), None);
    }

    /// The pattern with its word boundaries loosened as a gate loosens them (and nothing
    /// trimmed).
    fn loosened(p: &str) -> meta::Regex {
        let hir = without_word_boundaries(regex_automata::util::syntax::parse(p).unwrap());
        meta::Regex::builder().build_from_hir(&hir).unwrap()
    }

    /// The gate starts where the pattern with its word boundaries loosened starts, at every
    /// offset of the seeds' lines, for patterns whose ends it trims (`\w*`, `+`, `{n,m}`, `{0,n}`, a
    /// trailing assertion that stays, a group that matches the empty string).
    #[test]
    fn the_gate_starts_where_the_pattern_starts() {
        let pats = [
            r"(?i)\b(?:supervis\w*|toezicht\w*|zet\w* .{0,60}?\bom\b|contrôle)\b",
            r"\b(?:SPF|FOD|Agence)\s+(?:(?:de la|du|van)\s+)?\p{Lu}[\p{L}-]+(?:\s+(?:et|en)?\s*\p{Lu}[\p{L}-]+){0,4}",
            r"(?i)\b(?:le|de|het)\s+(?:[\p{L}-]+\s+){2,5}(?:\w+)?",
            r"(?i)\b(?:sera|zal|will)\s+(?:\S+\s+)?$",
            r"(?i)(?:\d{4}|\b(?:janvier|januari)\b)(?:\s*,)?",
        ];
        let texts = with_seed_lines("SPF Économie, le droit de la Commission, zet dit om");
        let mut trimmed = 0;
        for p in pats {
            let plain = loosened(p);
            let g = gate(regex_automata::util::syntax::parse(p).unwrap()).unwrap();
            for t in &texts {
                let mut found = 0;
                for at in (0..=t.len()).filter(|at| t.is_char_boundary(*at)) {
                    let want = plain.find(Input::new(t).range(at..)).map(|m| m.start());
                    let got = g.find(Input::new(t).range(at..)).map(|m| m.start());
                    assert_eq!(got, want, "{p} on {t} from {at}");
                    found += usize::from(got.is_some());
                }
                trimmed += usize::from(
                    found > 0
                        && plain.find(t).map(|m| m.len()) != g.find(Input::new(t)).map(|m| m.len()),
                );
            }
        }
        // the ends did change
        assert!(trimmed > 100, "{trimmed}");
    }

    /// A match set answers as a `RegexSet` of its patterns; when asked to loosen their word
    /// boundaries, it answers yes wherever the patterns match and no wherever they do not
    /// match without their word boundaries, on every seed line.
    #[test]
    fn a_match_set_answers_as_a_regex_set() {
        let pats = [
            r"(?i)\b(?:supervis\w*|toezicht\w*|zet\w* .{0,60}?\bom\b|contrôle)\b",
            r"\b(?:SPF|FOD|Agence)\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){0,4}",
            r"(?i)\b(?:sera|zal|will)\s+(?:\S+\s+)?$",
            r"(?i)\b(?P<pp>\w+)(?:é|ed)\b",
        ];
        let lines = with_seed_lines("SPF Économie et Agence Wallonne du Numérique");
        let exact = regex::RegexSet::new(pats).unwrap();
        let unbounded = regex::RegexSet::new(pats.iter().map(|p| p.replace(r"\b", ""))).unwrap();
        for without_bounds in [false, true] {
            let set = MatchSet::new(pats, without_bounds, 1 << 20).unwrap();
            let (mut matched, mut between) = (0, 0);
            for line in &lines {
                let ours = set.matches(line);
                let (at_least, at_most) = if without_bounds {
                    (exact.matches(line), unbounded.matches(line))
                } else {
                    (exact.matches(line), exact.matches(line))
                };
                for (i, p) in pats.iter().enumerate() {
                    if at_least.matched(i) {
                        assert!(ours.matched(i), "{p} on {line}");
                    }
                    if !at_most.matched(i) {
                        assert!(!ours.matched(i), "{p} on {line}");
                    }
                    matched += usize::from(ours.matched(i));
                    between += usize::from(ours.matched(i) && !at_least.matched(i));
                }
                assert_eq!(ours.matched_any(), (0..pats.len()).any(|i| ours.matched(i)));
            }
            assert!(matched > 50, "{matched}");
            assert!(without_bounds || between == 0);
        }
    }

    #[test]
    fn the_gate_never_hides_a_match() {
        let g = GatedRegex::new(r"(?i)\b(?:loi|wet|act)\b").unwrap();
        assert!(g.gate.is_some());
        for (h, want) in [
            ("la loi du 7 avril", true),
            ("de wetgeving", false),
            ("the impact", false),
            ("Zie de wet.", true),
            ("", false),
        ] {
            assert_eq!(g.is_match(h), g.regex().is_match(h), "{h}");
            assert_eq!(g.is_match(h), want, "{h}");
            assert_eq!(g.find_iter(h).count(), g.regex().find_iter(h).count());
        }
    }
}
