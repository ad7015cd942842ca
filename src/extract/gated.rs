//! A regex with a cheap gate in front of it.
//!
//! Unicode word boundaries (`\b`) keep the `regex` crate off its fast lazy DFA on any text
//! with a non-ASCII byte (most French, Dutch and German sentences): it falls back to the
//! backtracker or the PikeVM, an order of magnitude slower. The gate is the same pattern
//! without its `\b` assertions: it matches wherever the pattern does (removing a zero-width
//! assertion only adds matches), runs on the DFA, and says "no" for most sentences, so the
//! exact pattern only runs where it may match. Results are exactly those of the pattern.

use regex::{CaptureMatches, Captures, Match, Matches, Regex, RegexBuilder};

/// Room for the lazy DFA's states: with the default, patterns with Unicode classes under
/// bounded repetition (`(?:[\p{L}-]+\s+){0,3}`) thrash the cache and rebuild states all the time.
const DFA_CACHE: usize = 16 << 20;

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).dfa_size_limit(DFA_CACHE).build()
}

#[derive(Debug, Clone)]
pub struct GatedRegex {
    re: Regex,
    gate: Option<Regex>,
}

impl GatedRegex {
    pub fn new(pattern: &str) -> Result<GatedRegex, regex::Error> {
        let re = build(pattern)?;
        // only a pattern with Unicode word boundaries needs a gate; `\\b` (an escaped
        // backslash) or ASCII-only sections would make the rewrite unsound, so those keep none
        let gate =
            if pattern.contains(r"\b") && !pattern.contains(r"\\") && !pattern.contains("(?-u") {
                Some(build(&pattern.replace(r"\b", ""))?)
            } else {
                None
            };
        Ok(GatedRegex { re, gate })
    }

    /// The exact regex.
    pub fn regex(&self) -> &Regex {
        &self.re
    }

    pub fn as_str(&self) -> &str {
        self.re.as_str()
    }

    /// Whether the pattern may match somewhere in `h` (false: it surely does not).
    #[inline]
    pub fn may_match(&self, h: &str) -> bool {
        self.gate.as_ref().is_none_or(|g| g.is_match(h))
    }

    pub fn is_match(&self, h: &str) -> bool {
        self.may_match(h) && self.re.is_match(h)
    }

    pub fn find<'h>(&self, h: &'h str) -> Option<Match<'h>> {
        if self.may_match(h) {
            self.re.find(h)
        } else {
            None
        }
    }

    pub fn find_at<'h>(&self, h: &'h str, start: usize) -> Option<Match<'h>> {
        if self.may_match(h) {
            self.re.find_at(h, start)
        } else {
            None
        }
    }

    pub fn find_iter<'r, 'h>(
        &'r self,
        h: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<Matches<'r, 'h>>> {
        self.may_match(h)
            .then(|| self.re.find_iter(h))
            .into_iter()
            .flatten()
    }

    pub fn captures<'h>(&self, h: &'h str) -> Option<Captures<'h>> {
        if self.may_match(h) {
            self.re.captures(h)
        } else {
            None
        }
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        h: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'r, 'h>>> {
        self.may_match(h)
            .then(|| self.re.captures_iter(h))
            .into_iter()
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
