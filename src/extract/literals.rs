//! Necessary literals of a regex: a small set of strings such that every match of the pattern
//! contains at least one of them. Checking for them with one Aho-Corasick search (SIMD for
//! a few dozen strings) is much cheaper than running the pattern, and most sentences contain
//! none of a pattern's rarer words (`règlement`, `directive`, `wet`), so the pattern is
//! skipped there. The analysis walks the pattern's syntax tree; it is sound, never exact:
//! where it cannot tell, it gives no literals and the pattern always runs.
//!
//! Strings are compared ASCII-case-insensitively; other characters exactly, so a
//! case-insensitive class like `[Èè]` stays two strings and `(?i)k` (which also matches the
//! Kelvin sign) stays `k` and `K`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// At most this many strings in a set; larger sets are dropped (unknown).
const MAX_SET: usize = 64;
/// A class of at most this many characters becomes a set of one-character strings.
const MAX_CLASS: usize = 4;
/// Strings shorter than this (in bytes) occur in too many sentences to be worth a check.
const MIN_USEFUL: usize = 3;

/// What the analysis knows of a part of the pattern.
#[derive(Debug, Clone, Default)]
struct Lits {
    /// Every string the part can match (folded), if that set is small and known.
    exact: Option<Vec<String>>,
    /// Strings one of which every match of the part contains, if known.
    required: Option<Vec<String>>,
}

/// How good a set is as a filter: its shortest string first, then fewer strings.
fn score(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(String::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn dedup(mut v: Vec<String>) -> Option<Vec<String>> {
    v.sort();
    v.dedup();
    (v.len() <= MAX_SET).then_some(v)
}

fn fold(c: char) -> char {
    c.to_ascii_lowercase()
}

/// All concatenations of one string from each set, if there are not too many.
fn product(sets: &[&Vec<String>]) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    for set in sets {
        if out.len() * set.len() > MAX_SET {
            return None;
        }
        out = out
            .iter()
            .flat_map(|a| set.iter().map(move |b| format!("{a}{b}")))
            .collect();
    }
    dedup(out)
}

fn analyse(hir: &Hir) -> Lits {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Lits {
            exact: Some(vec![String::new()]),
            required: None,
        },
        HirKind::Literal(lit) => Lits {
            exact: std::str::from_utf8(&lit.0)
                .ok()
                .map(|s| vec![s.chars().map(fold).collect()]),
            required: None,
        },
        HirKind::Class(Class::Unicode(class)) => {
            let count: usize = class
                .ranges()
                .iter()
                .map(|r| r.end() as usize - r.start() as usize + 1)
                .sum();
            let exact = (count <= MAX_CLASS).then(|| {
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|c| fold(c).to_string())
                    .collect()
            });
            Lits {
                exact: exact.and_then(dedup),
                required: None,
            }
        }
        HirKind::Class(Class::Bytes(_)) => Lits::default(),
        HirKind::Capture(cap) => analyse(&cap.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            let exact = match (rep.min, rep.max) {
                (_, Some(0)) => Some(vec![String::new()]),
                (1, Some(1)) => sub.exact.clone(),
                (0, Some(1)) => sub.exact.clone().and_then(|mut v| {
                    v.push(String::new());
                    dedup(v)
                }),
                _ => None,
            };
            let required = if rep.min >= 1 {
                better(sub.required, sub.exact)
            } else {
                None
            };
            Lits { exact, required }
        }
        HirKind::Concat(parts) => {
            let parts: Vec<Lits> = parts.iter().map(analyse).collect();
            let mut required = None;
            // runs of parts whose strings are known, joined while their product stays small
            let mut run: Vec<&Vec<String>> = Vec::new();
            let mut run_product: Option<Vec<String>> = None;
            for p in &parts {
                required = better(required, p.required.clone());
                let Some(e) = &p.exact else {
                    required = better(required, run_product.take());
                    run.clear();
                    continue;
                };
                run.push(e);
                match product(&run) {
                    Some(joined) => run_product = Some(joined),
                    None => {
                        required = better(required, run_product.take());
                        run = vec![e];
                        run_product = Some(e.clone());
                    }
                }
            }
            let all: Option<Vec<&Vec<String>>> = parts.iter().map(|p| p.exact.as_ref()).collect();
            Lits {
                exact: all.and_then(|sets| product(&sets)),
                required: better(required, run_product),
            }
        }
        HirKind::Alternation(alts) => {
            let alts: Vec<Lits> = alts.iter().map(analyse).collect();
            let exact: Option<Vec<String>> = alts
                .iter()
                .map(|a| a.exact.clone())
                .collect::<Option<Vec<_>>>()
                .and_then(|v| dedup(v.concat()));
            let required = alts
                .into_iter()
                .map(|a| better(a.required, a.exact))
                .collect::<Option<Vec<_>>>()
                .and_then(|v| dedup(v.concat()));
            Lits { exact, required }
        }
    }
}

/// Strings one of which every match of `pattern` contains (ASCII case folded), or None when
/// the analysis finds no useful set.
pub fn necessary(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let lits = analyse(&hir);
    better(lits.required, lits.exact).filter(|set| score(set).0 >= MIN_USEFUL)
}

/// Every registered pattern's necessary literals, and one automaton over all of them.
struct Registry {
    /// The literal sets, by pattern id.
    sets: Vec<Vec<String>>,
    /// The automaton over the sets registered so far, rebuilt when one is added.
    index: Option<Arc<Index>>,
}

/// One Aho-Corasick automaton over the literals of all registered patterns.
struct Index {
    ac: AhoCorasick,
    /// For each distinct literal (the automaton's pattern id), the patterns that need it.
    owners: Vec<Vec<u32>>,
    /// How many patterns the automaton covers.
    patterns: usize,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    sets: Vec::new(),
    index: None,
});

/// Registers `pattern` if it has useful necessary literals; its id is then what
/// [`may_contain`] takes.
pub fn register(pattern: &str) -> Option<u32> {
    let set = necessary(pattern)?;
    let mut reg = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    reg.sets.push(set);
    reg.index = None;
    Some(reg.sets.len() as u32 - 1)
}

fn current_index() -> Arc<Index> {
    let mut reg = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(index) = &reg.index {
        return index.clone();
    }
    let mut literals: Vec<&str> = Vec::new();
    let mut owners: Vec<Vec<u32>> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (id, set) in reg.sets.iter().enumerate() {
        for lit in set {
            let i = *at.entry(lit.as_str()).or_insert_with(|| {
                literals.push(lit);
                owners.push(Vec::new());
                literals.len() - 1
            });
            owners[i].push(id as u32);
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&literals)
        .expect("literals of bounded size");
    let index = Arc::new(Index {
        ac,
        owners,
        patterns: reg.sets.len(),
    });
    reg.index = Some(index.clone());
    index
}

/// Haystacks shorter than this are not worth a scan for all literals: the pattern runs.
const MIN_HAYSTACK: usize = 48;
/// How many recent haystacks each thread remembers the literals of.
const REMEMBERED: usize = 16;

/// A haystack seen recently: its content (compared in full before its hits are reused, so a
/// new string at a freed one's address is never mistaken for it) and, from its second use
/// on, which patterns' literals it holds (one scan costs about as much as running a few
/// patterns, so a haystack searched only once is not scanned).
struct Seen {
    text: String,
    hits: Option<(Arc<Index>, Vec<u64>)>,
}

thread_local! {
    static RECENT: RefCell<(Vec<Seen>, usize)> = const { RefCell::new((Vec::new(), 0)) };
}

fn scan(h: &str) -> (Arc<Index>, Vec<u64>) {
    let index = current_index();
    let mut hits = vec![0u64; index.patterns.div_ceil(64)];
    for m in index.ac.find_overlapping_iter(h) {
        for &owner in &index.owners[m.pattern().as_usize()] {
            hits[owner as usize / 64] |= 1 << (owner % 64);
        }
    }
    (index, hits)
}

/// Whether `h` may contain one of the necessary literals of pattern `id` (false: it surely
/// contains none, so the pattern cannot match anywhere in `h`). Extractors run dozens of
/// patterns over the same sentence: all literals are looked for in one scan, and each thread
/// remembers the last few haystacks.
pub fn may_contain(id: u32, h: &str) -> bool {
    if h.len() < MIN_HAYSTACK {
        return true;
    }
    let id_ = id as usize;
    RECENT.with(|recent| {
        let (entries, next) = &mut *recent.borrow_mut();
        let Some(seen) = entries.iter_mut().find(|e| e.text == h) else {
            let seen = Seen {
                text: h.to_string(),
                hits: None,
            };
            if entries.len() < REMEMBERED {
                entries.push(seen);
            } else {
                entries[*next] = seen;
                *next = (*next + 1) % REMEMBERED;
            }
            return true;
        };
        if seen
            .hits
            .as_ref()
            .is_none_or(|(index, _)| id_ >= index.patterns)
        {
            seen.hits = Some(scan(h));
        }
        let (_, hits) = seen.hits.as_ref().expect("just scanned");
        hits[id_ / 64] & (1 << (id % 64)) != 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn set(p: &str) -> Vec<String> {
        necessary(p).unwrap_or_default()
    }

    #[test]
    fn finds_the_rare_words_a_pattern_needs() {
        assert_eq!(
            set(r"(?i)\b(?:le|la)\s+(?:[\p{L}-]+\s+){0,3}?(directive|wet)\b"),
            ["directive", "wet"]
        );
        // a non-ASCII letter under (?i) stays both cases, as does `s` (also the long s)
        assert_eq!(set(r"(?i)\brèglement\b"), ["rÈglement", "règlement"]);
        assert_eq!(set(r"(?i)\bmise\b"), ["mise", "miſe"]);
        assert!(set(r"(?i)\bArt\.?\s*\d+").contains(&"art".to_string()));
    }

    #[test]
    fn gives_nothing_when_a_branch_needs_nothing() {
        assert_eq!(
            necessary(r"(?i)\b(?:wet|\w+heid)\b"),
            Some(vec!["heid".into(), "wet".into()])
        );
        assert_eq!(necessary(r"(?i)\b(?:wet|\w+)\b"), None);
        assert_eq!(necessary(r"\d{4}"), None);
        assert_eq!(necessary(r"(?i)(?:de)?"), None);
        // too short to be worth a search
        assert_eq!(necessary(r"(?i)\b(?:ik|we)\b"), None);
    }

    /// Wherever the pattern matches, one of its necessary literals occurs (on the seeds).
    #[test]
    fn every_match_contains_a_necessary_literal() {
        let pats = [
            r"(?i)\b(?:ce|le|la|de la|the|deze|de|het|die)\s+(?:[\p{L}-]+\s+){0,3}?(règlement|directive|verordening|richtlijn|regulation|loi|wet|act)\b",
            r"(?i)\b(?:mises? en (?:œuvre|oeuvre)|appliqu\w*|exécut\w*|uitvoer\w*|impl[ée]ment\w*|voer\w* .{0,40}\buit\b)\b",
            r"(?i)\b(?:loi|wet|act|ét\w+)\b",
            r"(?i)\b(?:(?:ik|we|wij)\s+(?:vraag|vragen|verzoek|verzoeken|roep|roepen)|(?:vraag|verzoek|roep)\s+ik)\b",
            r"(?i)\bKBO\b|Kelvin",
        ];
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut texts = vec!["La LOI, l'ÉTÉ; le RÈGLEMENT — \u{212A}BO.".to_string()];
        for entry in std::fs::read_dir(seeds).unwrap() {
            if let Ok(t) = std::fs::read_to_string(entry.unwrap().path()) {
                texts.extend(t.lines().map(str::to_string));
            }
        }
        for p in pats {
            let re = Regex::new(p).unwrap();
            let id = register(p).expect(p);
            let mut matched = 0;
            for t in &texts {
                for m in re.find_iter(t) {
                    matched += 1;
                    let padded = format!("{}{}", m.as_str(), " ".repeat(MIN_HAYSTACK));
                    assert!(may_contain(id, &padded), "{p} matched {:?}", m.as_str());
                }
                if re.is_match(t) {
                    assert!(may_contain(id, t), "{p} matched in {t:?}");
                }
            }
            assert!(matched > 0 || p.contains("Kelvin"), "{p} never matched");
        }
    }
}
