//! Named mentions in each sentence: gazetteer names, numbered EU-act citations, and public
//! bodies the gazetteer lacks, found by pattern (`SPF …`, `Agentschap …`, `Vlaams Centrum voor …`).

use super::citation::find_citations;
use super::cues::{self, cued, Cue, Cues};
use super::gated::{GatedRegex as Regex, MatchSet};
use super::{Act, Body, Mentioned};
use crate::document::Document;
use crate::gazetteer::{Entry, Gazetteer};
use crate::normalise::Sentence;
use std::sync::LazyLock;

/// A mention of an entity at byte offsets of a sentence's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub what: Mentioned,
}

/// The mentions of one sentence, in text order, and the cue words it holds.
#[derive(Debug, Clone)]
pub struct SentenceMentions {
    pub mentions: Vec<Mention>,
    /// Found at the word starts of the gazetteer's search (see [`cues`]).
    pub cues: Cues,
}

/// Ministers named by their portfolio: `le ministre de l'Économie`, `de minister van Economie`.
const MINISTER_PATTERN: &str = r"\b(?:[Mm]inistre|[Mm]inister|[Ss]ecrétaire d'[ÉE]tat|[Ss]taatssecretaris|Secretary of State|Minister)\s+(?:de la |de l'|du |des |de |van |voor |of |for |für )\p{Lu}[\p{L}-]+";

/// Bodies the gazetteer lacks, named by the kind of body they are (`SPF …`, `Agentschap …`).
const UNKNOWN_BODY_PATTERN: &str = r"\b(?:SPF|FOD|FPS|GOD|POD|SPP|Service public fédéral|Federale Overheidsdienst|Agence|Agentschap|Institut|Instituut|Vlaams Centrum voor|Centre (?:pour|for)|Autorité|Autoriteit)\s+(?:(?:de la|de l'|du|des|de|d'|voor|van|het|pour la|pour le|for|of|and|et|en|la|le)\s+)?\p{Lu}[\p{L}-]+(?:\s+(?:(?:et|en|and|for|of|voor|van|de|du|des|la|le|het)\s+)?\p{Lu}[\p{L}-]+){0,4}";

static MINISTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(MINISTER_PATTERN).unwrap());

static UNKNOWN_BODY: LazyLock<Regex> = LazyLock::new(|| Regex::new(UNKNOWN_BODY_PATTERN).unwrap());

/// Either of the two, as gates: a text where neither may match has neither, which one look
/// (one scan of the text) tells for the most sentences, instead of two.
static MINISTER_OR_UNKNOWN_BODY: LazyLock<MatchSet> = LazyLock::new(|| {
    MatchSet::new([MINISTER_PATTERN, UNKNOWN_BODY_PATTERN], true, 16 << 20)
        .expect("minister and unknown-body gates")
});

/// Finds the named mentions of every sentence.
pub fn find_all(_doc: &Document, sentences: &[Sentence], gaz: &Gazetteer) -> Vec<SentenceMentions> {
    let covered = cues::covered(|b| gaz.names_may_begin_with(b));
    sentences
        .iter()
        .map(|s| find_with_cues(&s.text, gaz, covered))
        .collect()
}

/// Named mentions in one text.
pub fn find_in(text: &str, gaz: &Gazetteer) -> SentenceMentions {
    find_with_cues(text, gaz, cues::covered(|b| gaz.names_may_begin_with(b)))
}

/// [`find_in`]; the cue words are looked for at the gazetteer's word starts when those cover
/// every byte a cue word begins with (`covered`), else the text is taken to hold every cue.
fn find_with_cues(text: &str, gaz: &Gazetteer, covered: bool) -> SentenceMentions {
    let mut out: Vec<Mention> = Vec::new();
    for c in find_citations(text) {
        let act = Act {
            key: c.key,
            known: gaz.act_by_key(&c.key),
        };
        out.push(Mention {
            start: c.start,
            end: c.end,
            what: Mentioned::Act(act),
        });
    }
    let (hits, cues) = gaz.find_and(text, |starts, exotic| {
        if covered {
            cues::of_starts(text, starts, exotic)
        } else {
            Cues::ALL
        }
    });
    for h in hits {
        if out.iter().any(|m| h.start < m.end && m.start < h.end) {
            continue;
        }
        let what = match h.entry {
            Entry::Agency(i) => Mentioned::Body(Body::Known(i)),
            Entry::Act(i) => match gaz.acts[i].key() {
                Some(key) => Mentioned::Act(Act {
                    key,
                    known: Some(i),
                }),
                None => continue,
            },
            Entry::Region(i) => Mentioned::Region(i),
            Entry::Initiative(i) => Mentioned::Initiative(i),
        };
        out.push(Mention {
            start: h.start,
            end: h.end,
            what,
        });
    }
    let exact = |t: &str| MINISTER.is_match(t) || UNKNOWN_BODY.is_match(t);
    if text.contains(|c: char| c.is_uppercase())
        && cued(cues, Cue::BodyKind, &exact, text).is_some()
        && MINISTER_OR_UNKNOWN_BODY.matches(text).matched_any()
    {
        for m in MINISTER.find_iter(text).chain(UNKNOWN_BODY.find_iter(text)) {
            if out.iter().any(|x| m.start() < x.end && x.start < m.end()) {
                continue;
            }
            let label = m.as_str().trim().to_string();
            if label.split_whitespace().count() < 2 {
                continue;
            }
            out.push(Mention {
                start: m.start(),
                end: m.end(),
                what: Mentioned::Body(Body::Unknown(label)),
            });
        }
    }
    out.sort_by_key(|m| m.start);
    SentenceMentions {
        mentions: out,
        cues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_names_and_unknown_bodies() {
        let g = Gazetteer::bundled();
        let m = find_in(
            "Le SPF Sécurité Routière Nationale applique le règlement (UE) 2016/679 avec l'IBPT.",
            g,
        );
        let kinds: Vec<String> = m
            .mentions
            .iter()
            .map(|m| match &m.what {
                Mentioned::Act(a) => a.key.celex(),
                Mentioned::Body(Body::Known(i)) => g.agencies[*i].id.clone(),
                Mentioned::Body(Body::Unknown(l)) => format!("?{l}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert!(kinds.contains(&"32016R0679".to_string()), "{kinds:?}");
        assert!(kinds.contains(&"bipt".to_string()), "{kinds:?}");
        assert!(
            kinds
                .iter()
                .any(|k| k.starts_with("?SPF Sécurité Routière")),
            "{kinds:?}"
        );
    }
}
