//! Initiatives and their owners: `X, managed by Y`, `beheerd door`, `géré par`, `developed by`,
//! `under the responsibility of`, `Y maintains X`.

use super::context::SentenceContext;
use super::gated::GatedRegex as Regex;
use super::{Body, Evidence};
use crate::gazetteer::Gazetteer;
use crate::normalise::Sentence;
use serde::Serialize;
use std::sync::LazyLock;

/// *Body Y manages initiative X.*
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stewardship {
    pub body: Body,
    pub initiative: usize,
    pub evidence: Evidence,
}

/// Passive cues: the initiative comes first, the body after the cue.
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:managed|developed|operated|run|maintained|coordinated|hosted|created|launched) by\b|\bunder the responsibility of\b|\b(?:beheerd|ontwikkeld|uitgebaat|gecoördineerd|onderhouden) door\b|\bonder de verantwoordelijkheid van\b|\b(?:gérée?s?|développée?s?|exploitée?s?|coordonnée?s?|maintenue?s?) par\b|\bsous la responsabilité d[eu]\b|\b(?:verwaltet|entwickelt|betrieben) (?:von|durch)\b").unwrap()
});
/// Active cues: the body comes first.
static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:manages|maintains|operates|runs|develops|beheert|ontwikkelt|onderhoudt|gère|développe|exploite|verwaltet|betreibt)\b").unwrap()
});

/// Extracts stewardships from every sentence.
pub fn stewardships(
    sentences: &[Sentence],
    contexts: &[SentenceContext],
    gaz: &Gazetteer,
) -> Vec<Stewardship> {
    let mut out = Vec::new();
    for (s, ctx) in sentences.iter().zip(contexts) {
        if ctx.initiatives.is_empty() || ctx.bodies.is_empty() {
            continue;
        }
        let named = |b: &&super::context::Placed<Body>| {
            b.source == super::context::Source::Named
                && match &b.item {
                    Body::Known(i) => {
                        !matches!(gaz.agencies[*i].level.as_str(), "eu" | "international")
                    }
                    _ => true,
                }
        };
        if let Some(m) = PASSIVE.find(&s.text) {
            // the initiative before the cue, the body right after it
            let ini = ctx
                .initiatives
                .iter()
                .filter(|i| i.pos < m.start())
                .max_by_key(|i| i.pos);
            let body = ctx
                .bodies
                .iter()
                .filter(named)
                .filter(|b| b.pos >= m.end())
                .min_by_key(|b| b.pos);
            if let (Some(i), Some(b)) = (ini, body) {
                if b.pos - m.end() <= 12 {
                    out.push(Stewardship {
                        body: b.item.clone(),
                        initiative: i.item,
                        evidence: Evidence::of(s),
                    });
                }
            }
        } else if let Some(m) = ACTIVE.find(&s.text) {
            let body = ctx
                .bodies
                .iter()
                .filter(named)
                .filter(|b| b.pos < m.start())
                .max_by_key(|b| b.pos);
            let ini = ctx
                .initiatives
                .iter()
                .filter(|i| i.pos >= m.end())
                .min_by_key(|i| i.pos);
            if let (Some(i), Some(b)) = (ini, body) {
                if i.pos - m.end() <= 40 {
                    out.push(Stewardship {
                        body: b.item.clone(),
                        initiative: i.item,
                        evidence: Evidence::of(s),
                    });
                }
            }
        }
    }
    out
}
