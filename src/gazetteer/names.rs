//! Whole-word search for the gazetteer's names: the names' trie, walked from the word starts
//! whose first two bytes begin some name.
//!
//! The same matches as an unanchored leftmost-longest Aho-Corasick DFA keeping whole words, which
//! this replaces: that DFA stepped through every byte of every sentence in a 15 MB transition
//! table, missing the cache at most steps (13 % of `policygraph extract`'s time). The trie is 0.4 MB, and
//! a walk stops where no name continues, a few bytes on. One difference: the scan also found
//! matches starting inside a word, only to drop them, and such a match hid any name starting
//! before its end; those are not looked for here, so hide nothing (no output of the seeds or the
//! synthetic corpora changed).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, BuildError, MatchKind};

use crate::normalise::words;
use crate::prefixes::Prefixes;

pub(super) struct Names {
    /// The names in a trie (a contiguous NFA, walked anchored: no failure transitions).
    trie: NFA,
    /// How the names begin: most word starts are ruled out here, without walking the automaton.
    /// (One-byte names never occur: the gazetteer keeps names of 3 characters or more.)
    begins: Prefixes,
    /// How they begin by three bytes: of the walks that two bytes let through, most ended at
    /// the third (3.8 M of 6.0 M on 100 copies of the seeds).
    triples: Triples,
}

/// Bits of a [`Triples`] set.
const TRIPLE_BITS: u32 = 18;

/// Which three-byte beginnings some name has, each hashed to one bit of a 32 KB set: a clear
/// bit rules a beginning out; a set one may be another's (a few percent of them).
struct Triples(Box<[u64]>);

impl Triples {
    fn new<P: AsRef<[u8]>>(names: &[P]) -> Triples {
        let mut bits = vec![0u64; 1 << (TRIPLE_BITS - 6)].into_boxed_slice();
        let mut set = |t: [u8; 3]| {
            let i = Triples::bit(t);
            bits[i / 64] |= 1 << (i % 64);
        };
        for n in names {
            // a shorter name begins every triple that starts with it
            match *n.as_ref() {
                [b0, b1, b2, ..] => set([b0, b1, b2]),
                [b0, b1] => (0..=255).for_each(|b2| set([b0, b1, b2])),
                [b0] => (0..=255).for_each(|b1| (0..=255).for_each(|b2| set([b0, b1, b2]))),
                [] => {}
            }
        }
        Triples(bits)
    }

    fn bit(t: [u8; 3]) -> usize {
        let key = u32::from_le_bytes([t[0], t[1], t[2], 0]);
        (key.wrapping_mul(0x9E37_79B1) >> (32 - TRIPLE_BITS)) as usize
    }

    /// Whether some name may begin `s`, judging by its first three bytes (true for a shorter
    /// `s`: [`Prefixes`] judges those).
    #[inline]
    fn may_begin(&self, s: &[u8]) -> bool {
        match *s {
            [b0, b1, b2, ..] => {
                let i = Triples::bit([b0, b1, b2]);
                self.0[i / 64] & (1 << (i % 64)) != 0
            }
            _ => true,
        }
    }
}

/// A name found: its index among the names given to [`Names::new`], and its byte span.
pub(super) struct Found {
    pub name: usize,
    pub start: usize,
    pub end: usize,
}

impl Names {
    pub fn new<P: AsRef<[u8]>>(names: &[P]) -> Result<Names, BuildError> {
        let mut begins = Prefixes::default();
        for n in names {
            begins.add(n.as_ref());
        }
        let trie = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names)?;
        Ok(Names {
            trie,
            begins,
            triples: Triples::new(names),
        })
    }

    /// Whether some name begins with byte `b`.
    pub fn may_begin_with(&self, b: u8) -> bool {
        self.begins.may_begin_with(b)
    }

    /// The names in `haystack` that start at one of `starts` (see [`name_starts_into`]) and end
    /// at a word end of `text`, left to right, not overlapping: the longest name at each start,
    /// and none starting before the end of a name found (kept or not). `haystack` is `text` or a
    /// copy with the same byte offsets (`text` lowered in ASCII). Each is handed to `found`.
    pub fn find_words(
        &self,
        text: &str,
        haystack: &[u8],
        starts: &[usize],
        mut found: impl FnMut(Found),
    ) {
        debug_assert_eq!(text.len(), haystack.len());
        let mut resume = 0;
        for &at in starts {
            if at < resume || !self.may_begin_at(haystack, at) {
                continue;
            }
            if let Some((name, end)) = self.longest_at(haystack, at) {
                resume = end;
                if ends_word(text, end) {
                    found(Found {
                        name,
                        start: at,
                        end,
                    });
                }
            }
        }
    }

    /// Whether some name begins with the bytes at `at`, judging by the first two, then three.
    fn may_begin_at(&self, haystack: &[u8], at: usize) -> bool {
        let rest = &haystack[at..];
        self.begins.may_begin(rest) && self.triples.may_begin(rest)
    }

    /// The longest name starting at `at`: its index and end.
    fn longest_at(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        let trie = &self.trie;
        let mut sid = trie.start_state(Anchored::Yes).ok()?;
        let mut longest = None;
        for (i, &b) in haystack[at..].iter().enumerate() {
            sid = trie.next_state(Anchored::Yes, sid, b);
            if !trie.is_special(sid) {
                continue;
            }
            if trie.is_dead(sid) {
                break;
            }
            if trie.is_match(sid) {
                // a match state may carry a shorter name's match that starts later (the
                // automaton's failure matches): only a name starting at `at` counts
                let name = trie.match_pattern(sid, 0);
                let end = at + i + 1;
                if end - trie.pattern_len(name) == at {
                    longest = Some((name.as_usize(), end));
                }
            }
        }
        longest
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// [`name_starts_into`] a new vector.
#[cfg(test)]
pub(super) fn name_starts(text: &str, may_begin: impl Fn(u8) -> bool) -> Vec<usize> {
    let mut starts = Vec::new();
    let _ = name_starts_into(text, may_begin, &mut starts);
    starts
}

/// The byte offsets where a name may start: not inside a word (a word character after another),
/// and a byte for which `may_begin` holds (some name begins with it). Written into `starts`
/// (emptied first), which keeps its room from text to text. Returns whether the text has a
/// character that makes these starts differ from the regex crate's word starts in a way the
/// cue words ([`crate::extract::cues`]) cannot allow: one taken here for a word character
/// that `\w` is not (`²`, other numbers that are not digits), or one that case-folds to an
/// ASCII letter (`ſ`, the Kelvin sign).
pub(super) fn name_starts_into(
    text: &str,
    may_begin: impl Fn(u8) -> bool,
    starts: &mut Vec<usize>,
) -> bool {
    let mut exotic = false;
    let bytes = text.as_bytes();
    starts.clear();
    let mut after_word = false;
    let mut at = 0;
    while at < bytes.len() {
        // eight ASCII bytes at once: a start is a byte that does not continue a word
        if let Some(w) = words::ascii_word_at(bytes, at) {
            let word = words::ascii_alnum(w);
            let continues = word & words::after_marked(word, after_word);
            let mut candidates = !continues & words::HIGH;
            while candidates != 0 {
                let k = candidates.trailing_zeros() as usize / 8;
                if may_begin(bytes[at + k]) {
                    starts.push(at + k);
                }
                candidates &= candidates - 1;
            }
            after_word = word >> 63 != 0;
            at += 8;
            continue;
        }
        let b = bytes[at];
        let (word, len) = match words::ALNUM.get(b as usize) {
            Some(&word) => (word, 1),
            None => {
                let c = text[at..].chars().next().unwrap_or_default();
                let letter = c.is_alphabetic();
                let word = letter || c.is_numeric();
                exotic |= (word && !letter && !regex_syntax::is_word_character(c))
                    || matches!(c, 'ſ' | '\u{212A}');
                (word, c.len_utf8())
            }
        };
        if !(after_word && word) && may_begin(b) {
            starts.push(at);
        }
        after_word = word;
        at += len;
    }
    exotic
}

/// Whether a name may end at byte `end` (a character boundary): not inside a word.
fn ends_word(text: &str, end: usize) -> bool {
    !is_word_char(text[end..].chars().next()) || !is_word_char(text[..end].chars().next_back())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str], text: &str) -> Vec<String> {
        let names = Names::new(names).unwrap();
        let lower = text.to_ascii_lowercase();
        let starts = name_starts(text, |_| true);
        let mut out = Vec::new();
        names.find_words(text, lower.as_bytes(), &starts, |f| {
            out.push(format!("{}@{}", &text[f.start..f.end], f.start))
        });
        out
    }

    const NAMES: &[&str] = &["data", "data protection", "protection authority", "é-gov"];

    /// [`name_starts`] as first written: byte by byte.
    fn name_starts_by_byte(text: &str, may_begin: impl Fn(u8) -> bool) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut after_word = false;
        for (at, c) in text.char_indices() {
            let word = c.is_alphanumeric();
            if !(after_word && word) && may_begin(text.as_bytes()[at]) {
                starts.push(at);
            }
            after_word = word;
        }
        starts
    }

    #[test]
    fn name_starts_are_the_bytes_that_do_not_continue_a_word() {
        let mut texts = crate::test_texts::seed_lines();
        // 3^10 arrangements of letters, digits, spaces and `)` (three choices a place), each
        // across words of eight
        for k in 0u32..3u32.pow(10) {
            let t: String = (0..10)
                .map(|i| ['a', '7', ' ', ')'][(k / 3u32.pow(i) % 3 + i % 2) as usize])
                .collect();
            texts.push(format!("{t}ÉtÉ{t}x{t}"));
        }
        let alike = |b: u8| b != b'x' && b != b')';
        for t in &texts {
            assert_eq!(
                name_starts(t, |_| true),
                name_starts_by_byte(t, |_| true),
                "{t}"
            );
            assert_eq!(name_starts(t, alike), name_starts_by_byte(t, alike), "{t}");
        }
    }

    /// A triple set never rules out how a name begins (a short name begins every triple that
    /// starts with it), and rules out most other beginnings.
    #[test]
    fn triples_rule_out_only_what_no_name_begins() {
        let t = Triples::new(&["data", "é-gov", "ab"]);
        for n in ["data protection", "é-gov", "abc", "ab!"] {
            assert!(t.may_begin(n.as_bytes()), "{n}");
        }
        let one = Triples::new(&["z"]);
        assert!(one.may_begin(b"zzz") && one.may_begin("z\u{e9}".as_bytes()));
        // shorter than three bytes: left to the pairs
        assert!(t.may_begin(b"qq"));
        let others = (b'a'..=b'y')
            .flat_map(|b0| (b'a'..=b'z').map(move |b1| [b0, b1, b'q']))
            .filter(|x| x[..2] != *b"ab")
            .filter(|x| t.may_begin(x))
            .count();
        assert!(others < 20, "{others} of 649 ruled in");
    }

    #[test]
    fn the_longest_whole_word_name_at_each_word_start() {
        assert_eq!(
            found(NAMES, "The Data Protection Authority and data."),
            ["Data Protection@4", "data@34"]
        );
        assert_eq!(
            found(NAMES, "(protection authority)"),
            ["protection authority@1"]
        );
        assert_eq!(found(NAMES, "l'É-gov, é-gov"), ["é-gov@10"]);
    }

    #[test]
    fn no_name_inside_a_word() {
        assert!(found(NAMES, "databases, metadata").is_empty());
        // a name ending inside a word is dropped and hides the names starting before its end
        assert!(found(NAMES, "data protectionism authority").is_empty());
        // one starting inside a word hides nothing
        assert_eq!(
            found(NAMES, "metadata protection authority"),
            ["protection authority@9"]
        );
        assert_eq!(found(NAMES, "2data 1é-gov"), Vec::<String>::new());
    }

    /// On the seeds' lines, with names taken from them (phrases of one to three words, some cut
    /// inside a word), the same matches as an unanchored leftmost-longest scan that keeps whole
    /// words, except where the scan met a match starting inside a word (which hides what starts
    /// before its end; here nothing is looked for inside a word): those lines are left out.
    #[test]
    fn finds_what_an_unanchored_scan_keeping_whole_words_finds() {
        let texts = crate::test_texts::seed_texts();
        let lines: Vec<&str> = texts.iter().flat_map(|(_, t)| t.lines()).collect();
        let mut names = std::collections::BTreeSet::new();
        for (i, l) in lines.iter().enumerate().filter(|(i, _)| i % 7 == 0) {
            let words: Vec<&str> = l.split_whitespace().collect();
            for (k, w) in words.iter().enumerate().skip(i % 3).step_by(5) {
                let phrase = words[k..(k + 1 + i % 3).min(words.len())].join(" ");
                names.insert(phrase.to_ascii_lowercase());
                // a name that also matches inside longer words
                if let Some((cut, _)) = w.char_indices().rev().nth(3).filter(|(i, _)| *i > 0) {
                    names.insert(w[cut..].to_ascii_lowercase());
                }
            }
        }
        let names: Vec<String> = names.into_iter().filter(|n| n.len() >= 3).collect();
        assert!(names.len() > 1000, "{} names", names.len());
        let trie = Names::new(&names).unwrap();
        let scan = aho_corasick::AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .unwrap();
        let starts_word = |t: &str, at: usize| {
            !is_word_char(t[..at].chars().next_back()) || !is_word_char(t[at..].chars().next())
        };
        let (mut compared, mut found) = (0, 0);
        for line in &lines {
            let lower = line.to_ascii_lowercase();
            let matches: Vec<_> = scan.find_iter(&lower).collect();
            if matches.iter().any(|m| !starts_word(line, m.start())) {
                continue;
            }
            let want: Vec<(usize, usize, usize)> = matches
                .iter()
                .filter(|m| ends_word(line, m.end()))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let starts = name_starts(line, |b| trie.may_begin_with(b.to_ascii_lowercase()));
            let mut got: Vec<(usize, usize, usize)> = Vec::new();
            trie.find_words(line, lower.as_bytes(), &starts, |f| {
                got.push((f.name, f.start, f.end))
            });
            assert_eq!(got, want, "{line}");
            compared += 1;
            found += got.len();
        }
        assert!(
            compared > 3000 && found > 1000,
            "{compared} lines, {found} names"
        );
    }
}
