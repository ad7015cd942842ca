//! The exact check of a gated pattern at a candidate start (see [`super::gated`]): anchored
//! searches of the whole pattern, Unicode word boundaries and all.
//!
//! One NFA serves four engines. The lazy DFA finds where the match ends, a few instructions a
//! byte; it gives up where a Unicode word boundary meets a byte beyond ASCII, and the PikeVM
//! then finds the match instead. Once the match is known, the one-pass DFA (when the pattern
//! is one-pass), the bounded backtracker (when the match is short enough for its visited set)
//! or the PikeVM finds its groups over its span alone. The `regex` crate's meta
//! engine would also compile the pattern in reverse for its lazy DFA, which an anchored search
//! never uses: that compilation cost more than all the checks it would speed up.

use regex_automata::dfa::onepass;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, backtrack, pikevm::PikeVM, WhichCaptures, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, Span};
use regex_syntax::hir::Hir;
use std::panic::{RefUnwindSafe, UnwindSafe};

/// Each thread's scratch room for the four engines.
struct Caches {
    dfa: hybrid::dfa::Cache,
    pikevm: thompson::pikevm::Cache,
    onepass: Option<onepass::Cache>,
    backtrack: backtrack::Cache,
}

/// The backtracker's visited set, in bytes (its default): a match's groups are found by it when
/// the NFA's states times the match's length fit.
const VISITED: usize = 256 << 10;

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

pub(super) struct Verifier {
    dfa: hybrid::dfa::DFA,
    pikevm: PikeVM,
    onepass: Option<onepass::DFA>,
    backtrack: backtrack::BoundedBacktracker,
    caches: Pool<Caches, MakeCaches>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("one_pass", &self.onepass.is_some())
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// The verifier of `hir`, which matches no empty string (so that a search's end alone
    /// says where a match is). `None` when an engine cannot be built (too large).
    pub fn new(hir: &Hir, nfa_limit: Option<usize>, dfa_cache: usize) -> Option<Verifier> {
        Verifier::with_visited(hir, nfa_limit, dfa_cache, VISITED)
    }

    /// [`Verifier::new`] with the backtracker's visited set of `visited` bytes.
    fn with_visited(
        hir: &Hir,
        nfa_limit: Option<usize>,
        dfa_cache: usize,
        visited: usize,
    ) -> Option<Verifier> {
        let nfa: NFA = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .nfa_size_limit(nfa_limit)
                    .shrink(false)
                    .which_captures(WhichCaptures::All),
            )
            .build_from_hir(hir)
            .ok()?;
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .unicode_word_boundary(true)
                    .cache_capacity(dfa_cache),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let pikevm = PikeVM::new_from_nfa(nfa.clone()).ok()?;
        let onepass = onepass::DFA::new_from_nfa(nfa.clone()).ok();
        let backtrack = backtrack::Builder::new()
            .configure(backtrack::Config::new().visited_capacity(visited))
            .build_from_nfa(nfa)
            .ok()?;
        let make: MakeCaches = {
            let (dfa, pikevm, onepass, bt) = (
                dfa.clone(),
                pikevm.clone(),
                onepass.clone(),
                backtrack.clone(),
            );
            Box::new(move || Caches {
                dfa: dfa.create_cache(),
                pikevm: pikevm.create_cache(),
                onepass: onepass.as_ref().map(onepass::DFA::create_cache),
                backtrack: bt.create_cache(),
            })
        };
        Some(Verifier {
            dfa,
            pikevm,
            onepass,
            backtrack,
            caches: Pool::new(make),
        })
    }

    /// The leftmost-first match of the pattern that starts at `start`, if any.
    pub fn match_at(&self, h: &str, start: usize) -> Option<Span> {
        let input = Input::new(h).range(start..).anchored(Anchored::Yes);
        let mut caches = self.caches.get();
        match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            Ok(end) => end.map(|m| Span::from(start..m.offset())),
            // the lazy DFA gave up (a Unicode word boundary beside a byte beyond ASCII)
            Err(_) => self
                .pikevm
                .find(&mut caches.pikevm, input)
                .map(|m| m.span()),
        }
    }

    /// The groups of the match `span` (one found by [`Verifier::match_at`]), found by an
    /// anchored search over the span alone (look-around still sees the text around it): each
    /// of the three engines that can finds the leftmost-first match's groups.
    pub fn groups(&self, h: &str, span: Span) -> Captures {
        let input = Input::new(h).span(span).anchored(Anchored::Yes);
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        match (&self.onepass, &mut caches.onepass) {
            (Some(dfa), Some(cache)) => {
                let mut caps = dfa.create_captures();
                dfa.captures(cache, input, &mut caps);
                caps
            }
            _ if span.len() <= self.backtrack.max_haystack_len() => {
                let mut caps = self.backtrack.create_captures();
                self.backtrack
                    .try_captures(&mut caches.backtrack, input, &mut caps)
                    .expect("a span the backtracker takes");
                caps
            }
            _ => {
                let mut caps = self.pikevm.create_captures();
                self.pikevm.captures(&mut caches.pikevm, input, &mut caps);
                caps
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verifier of `pattern`; with `backtracks`, its backtracker's visited set holds the
    /// matches of the tests, else none (the PikeVM finds the groups).
    fn verifier(pattern: &str, backtracks: bool) -> Verifier {
        let hir = regex_automata::util::syntax::parse(pattern).unwrap();
        let visited = if backtracks { VISITED } else { 0 };
        let v = Verifier::with_visited(&hir, Some(10 << 20), 1 << 20, visited).unwrap();
        assert_eq!(v.backtrack.max_haystack_len() >= 40, backtracks);
        v
    }

    /// A match's start and its groups' spans.
    type Found = (usize, Vec<Option<(usize, usize)>>);

    /// Every match and group that `regex` finds starting at each character of `t`, anchored.
    fn anchored_by_regex(pattern: &str, t: &str) -> Vec<Found> {
        let re = regex::Regex::new(pattern).unwrap();
        t.char_indices()
            .filter_map(|(at, _)| {
                // the text before `at` still counts for look-behind: search the whole text
                // from `at`, keeping only a match that starts there
                let caps = re.captures_at(t, at)?;
                let m = caps.get(0).unwrap();
                (m.start() == at).then(|| {
                    let groups = (0..caps.len())
                        .map(|i| caps.get(i).map(|g| (g.start(), g.end())))
                        .collect();
                    (at, groups)
                })
            })
            .collect()
    }

    #[test]
    fn finds_the_matches_and_groups_that_regex_finds_at_each_start() {
        let texts = [
            "Le 12 mai 2025, été 2024-05, 1999-12 et 2030-01; éé2024-01 x2024-02 2024-03é.",
            "De minister van Économie en de Minister of Finance, la ministre de l'Énergie.",
        ];
        let patterns = [
            // a Unicode boundary beside text beyond ASCII: the lazy DFA gives up there
            r"\b(?P<y>\d{4})-(?P<m>\d\d)\b",
            r"(?i)\b(?:minist(?:er|re))\s+(?P<of>van|of|de l'|de)\s*(?P<what>\p{Lu}\w+)",
            // one-pass: the groups come from the one-pass DFA
            r"(?-u:\b)(?P<y>[0-9]{4})-(?P<m>[0-9]{2})",
        ];
        let one_pass: Vec<bool> = patterns
            .iter()
            .map(|p| verifier(p, true).onepass.is_some())
            .collect();
        assert!(one_pass.contains(&true) && one_pass.contains(&false));
        for (p, backtracks) in patterns.iter().flat_map(|p| [(*p, true), (*p, false)]) {
            let v = verifier(p, backtracks);
            let mut found = 0;
            for t in texts {
                let ours: Vec<_> = t
                    .char_indices()
                    .filter_map(|(at, _)| {
                        let span = v.match_at(t, at)?;
                        let caps = v.groups(t, span);
                        let groups = (0..caps.group_len())
                            .map(|i| caps.get_group(i).map(|g| (g.start, g.end)))
                            .collect();
                        Some((at, groups))
                    })
                    .collect();
                let want = anchored_by_regex(p, t);
                assert_eq!(ours, want, "{p} on {t}");
                found += want.len();
            }
            assert!(found >= 3, "{p} finds {found} matches");
        }
    }
}
