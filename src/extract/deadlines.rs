//! Deadlines: temporal expressions of each sentence (see `temporal`) tied to their subject —
//! the EU act, initiative or action of the sentence, or of its section heading — and to the
//! responsible body when one is named.

use super::context::SentenceContext;
use super::temporal::{find_temporal, TemporalKind, TemporalValue};
use super::{Body, Deadline, Evidence, Subject};
use crate::document::Document;
use crate::gazetteer::Gazetteer;
use crate::normalise::Sentence;

/// Extracts dated commitments and past dated events from every sentence.
pub fn deadlines(
    doc: &Document,
    sentences: &[Sentence],
    contexts: &[SentenceContext],
    gaz: &Gazetteer,
) -> Vec<Deadline> {
    let mut out = Vec::new();
    for (s, ctx) in sentences.iter().zip(contexts) {
        if s.heading {
            continue;
        }
        for t in find_temporal(&s.text, s.lang, doc.year) {
            // a commitment dated before the document was written is a past event
            let end = match &t.value {
                TemporalValue::Point(d) => *d,
                TemporalValue::Period { end, .. } => *end,
            };
            let before_document = match (doc.year, doc.month) {
                (Some(y), Some(m)) => {
                    end.year < y || (end.year == y && end.month.is_some_and(|em| em < m))
                }
                (Some(y), None) => end.year < y,
                _ => false,
            };
            // no cue and no tense (`In 2025 ligt de nadruk op …`): a date not before the
            // document is a plan; one before it, a past event
            let kind = match t.kind {
                TemporalKind::Deadline | TemporalKind::Unknown if before_document => {
                    TemporalKind::Event
                }
                TemporalKind::Unknown if doc.year.is_some() => TemporalKind::Deadline,
                TemporalKind::Unknown => continue,
                k => k,
            };
            let near = |pos: usize| pos.abs_diff(t.start);
            let subject = if let Some(a) = ctx.acts.iter().min_by_key(|a| near(a.pos)) {
                Subject::Act(a.item)
            } else if let Some(i) = ctx.initiatives.iter().min_by_key(|i| near(i.pos)) {
                Subject::Initiative(i.item)
            } else if let Some(a) = ctx.section_act {
                Subject::Act(a)
            } else {
                Subject::Action(describe(&s.text))
            };
            let body = ctx
                .bodies
                .iter()
                .filter(|b| match &b.item {
                    Body::Known(i) => {
                        !matches!(gaz.agencies[*i].level.as_str(), "eu" | "international")
                    }
                    _ => true,
                })
                .min_by_key(|b| near(b.pos))
                .map(|b| b.item.clone());
            out.push(Deadline {
                value: t.value.clone(),
                kind,
                expression: t.text.clone(),
                subject,
                body,
                evidence: Evidence::of(s),
            });
        }
    }
    out
}

/// A short description of what a sentence is about: its first words.
fn describe(text: &str) -> String {
    let mut out = String::new();
    for w in text.split_whitespace() {
        if out.len() + w.len() > 80 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
