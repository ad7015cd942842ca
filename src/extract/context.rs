//! Context beyond the sentence: resolves definite descriptions (`ce règlement`, `deze
//! verordening`, `l'institut`, `the Regulation`), first-person pronouns (the signatory) and
//! section headings to entities, following each language's thread of sentences.

use super::mentions::SentenceMentions;
use super::{Act, Body, Mentioned};
use crate::document::Document;
use crate::gazetteer::Gazetteer;
use crate::lang::Lang;
use crate::normalise::Sentence;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How an entity came to be in a sentence's context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Named,
    Anaphor,
    FirstPerson,
    Heading,
}

#[derive(Debug, Clone)]
pub struct Placed<T> {
    pub pos: usize,
    pub item: T,
    pub source: Source,
}

/// The entities a sentence speaks about, named or resolved.
#[derive(Debug, Clone, Default)]
pub struct SentenceContext {
    pub bodies: Vec<Placed<Body>>,
    pub acts: Vec<Placed<Act>>,
    pub initiatives: Vec<Placed<usize>>,
    /// The act the current section is about (from its heading), if any.
    pub section_act: Option<Act>,
}

static ACT_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ce|cet|le|du|au|cette|la|de la|à la|this|the|that|deze|de|dit|het|diese|die|der|dieser|dieses|dem|den)\s+(?:[\p{L}-]+\s+(?:(?:et|en|and|und)\s+)?){0,3}?(règlement|règlementation|réglementation|directive|verordening|reglement|richtlijn|regulation|verordnung|richtlinie|loi|wet|act)\b").unwrap()
});
static BODY_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bl'|\b(?:le|la|het|de|the|das|die|dit|cet|ce|cette|this|deze)\s+)(institut|instituut|institute|agence|agentschap|agency|autorité|autoriteit|authority|régulateur|regulator)\b").unwrap()
});
static FIRST_PERSON: LazyLock<HashMap<Lang, Regex>> = LazyLock::new(|| {
    HashMap::from([
        (
            Lang::Fr,
            Regex::new(r"(?i)\b(?:je|j'|nous)(?:\s|\b)").unwrap(),
        ),
        (Lang::Nl, Regex::new(r"(?i)\b(?:ik|we|wij)\b").unwrap()),
        (Lang::En, Regex::new(r"\b(?:I|[Ww]e)\b").unwrap()),
        (Lang::De, Regex::new(r"(?i)\b(?:ich|wir)\b").unwrap()),
    ])
});
static PRONOUN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Dit|Dat|Deze|Ze|Zij|Hij|Het|Il|Elle|Ils|Elles|Cela|Ceci|Celui-ci|Celle-ci|It|This|They|He|She|Es|Dies|Sie|Er)\b").unwrap()
});

/// The country or its government as the subject of a sentence (`la Belgique soutiendra …`,
/// `In deze context zal België …`, `Le gouvernement mettra en place …`).
static GENERIC_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[,:]\s+|\b(?:zal|zullen|wil|moet|kan|gaat|will|shall|wird)\s+)(?:la |le |de |het |the |die )?(Belgique|België|Belgium|Belgien|gouvernement fédéral|gouvernement|federale regering|regering|federal government|government|Bundesregierung)\b").unwrap()
});

/// One name per generic actor, whatever the language: `Belgique`/`België` → `Belgium`,
/// `gouvernement`/`regering` → `federal government`.
pub fn canonical_generic_subject(name: &str) -> Option<&'static str> {
    match name.trim().to_lowercase().as_str() {
        "belgique" | "belgië" | "belgium" | "belgien" => Some("Belgium"),
        "gouvernement"
        | "gouvernement fédéral"
        | "regering"
        | "federale regering"
        | "government"
        | "federal government"
        | "bundesregierung" => Some("federal government"),
        _ => None,
    }
}

/// Words after `the regulation` that make it a description of another act, not an anaphor.
const QUALIFIERS: &[&str] = &[
    "(",
    "sur",
    "relatif",
    "relative",
    "européen",
    "européenne",
    "général",
    "générale",
    "on",
    "inzake",
    "betreffende",
    "over",
    "über",
    "zur",
    "zum",
    "tot",
    "van",
    "of",
    "du",
    "de",
    "des",
    "d'",
    "belge",
    "belgische",
    "fédérale",
    "federale",
    "ue",
    "eu",
    "(ue)",
    "(eu)",
];

/// How many sentences back (in the same language) an anaphor may reach.
const SCOPE: usize = 6;

struct Recent<T> {
    items: Vec<(usize, T)>,
}

impl<T: Clone> Recent<T> {
    fn new() -> Self {
        Recent { items: Vec::new() }
    }
    fn push(&mut self, at: usize, t: T) {
        self.items.push((at, t));
    }
    fn latest(&self, now: usize, ok: impl Fn(&T) -> bool) -> Option<T> {
        self.items
            .iter()
            .rev()
            .take_while(|(at, _)| now - at <= SCOPE)
            .find(|(_, t)| ok(t))
            .map(|(_, t)| t.clone())
    }
}

struct Thread {
    /// Bodies of the previous sentence, for pronoun subjects.
    previous_bodies: Vec<Placed<Body>>,
    /// Bodies of a lead-in sentence ending in ':' — its list items inherit them.
    lead_in: Vec<Placed<Body>>,
    bodies: Recent<Body>,
    acts: Recent<Act>,
    section_act: Option<Act>,
    count: usize,
}

/// Resolves the context of every sentence.
pub fn resolve(
    doc: &Document,
    sentences: &[Sentence],
    found: &[SentenceMentions],
    gaz: &Gazetteer,
) -> Vec<SentenceContext> {
    let mut threads: HashMap<Lang, Thread> = HashMap::new();
    let mut out = Vec::with_capacity(sentences.len());
    for (s, sm) in sentences.iter().zip(found) {
        let th = threads.entry(s.lang).or_insert_with(|| Thread {
            lead_in: Vec::new(),
            previous_bodies: Vec::new(),
            bodies: Recent::new(),
            acts: Recent::new(),
            section_act: None,
            count: 0,
        });
        th.count += 1;
        let now = th.count;
        let mut ctx = SentenceContext::default();
        for m in &sm.mentions {
            match &m.what {
                Mentioned::Body(b) => ctx.bodies.push(Placed {
                    pos: m.start,
                    item: b.clone(),
                    source: Source::Named,
                }),
                Mentioned::Act(a) => ctx.acts.push(Placed {
                    pos: m.start,
                    item: *a,
                    source: Source::Named,
                }),
                Mentioned::Initiative(i) => ctx.initiatives.push(Placed {
                    pos: m.start,
                    item: *i,
                    source: Source::Named,
                }),
                Mentioned::Region(_) => {}
            }
        }
        let overlaps = |a: usize, b: usize| sm.mentions.iter().any(|m| a < m.end && m.start < b);
        // definite descriptions of acts
        for c in ACT_ANAPHOR.captures_iter(&s.text) {
            let whole = c.get(0).unwrap();
            if overlaps(whole.start(), whole.end()) {
                continue;
            }
            let next = s.text[whole.end()..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            if QUALIFIERS
                .iter()
                .any(|q| next == *q || next.starts_with('(') || next.starts_with("d'"))
            {
                continue;
            }
            let noun = c[1].to_lowercase();
            let want_reg = [
                "règlement",
                "verordening",
                "reglement",
                "regulation",
                "verordnung",
            ]
            .contains(&noun.as_str());
            let want_dir = ["directive", "richtlijn", "richtlinie"].contains(&noun.as_str());
            let ok = |a: &Act| {
                (!want_reg || a.key.typ.is_regulation())
                    && (!want_dir || a.key.typ.celex_letter() == 'L')
            };
            let resolved = th.acts.latest(now, ok).or(th.section_act.filter(ok));
            if let Some(a) = resolved {
                ctx.acts.push(Placed {
                    pos: whole.start(),
                    item: a,
                    source: Source::Anaphor,
                });
            }
        }
        // definite descriptions of bodies
        for c in BODY_ANAPHOR.captures_iter(&s.text) {
            let whole = c.get(0).unwrap();
            if overlaps(whole.start(), whole.end()) {
                continue;
            }
            let head = c[1].to_lowercase();
            let stem: &str = &head[..head.len().min(5)];
            let fits = |b: &Body| match b {
                Body::Known(i) => {
                    let a = &gaz.agencies[*i];
                    let names = format!(
                        "{} {} {} {}",
                        a.label_en, a.label_fr, a.label_nl, a.variants
                    )
                    .to_lowercase();
                    names.contains(stem) || head.starts_with("régul") || head.starts_with("regul")
                }
                Body::Unknown(l) => l.to_lowercase().contains(stem),
                Body::Signatory(_) => false,
            };
            if let Some(b) = th.bodies.latest(now, fits) {
                ctx.bodies.push(Placed {
                    pos: whole.start(),
                    item: b,
                    source: Source::Anaphor,
                });
            }
        }
        // the country or its government as subject, near the start of the sentence
        if let Some(c) = GENERIC_SUBJECT
            .captures(&s.text)
            .filter(|c| c.get(1).is_some_and(|m| m.start() <= 60))
        {
            let m = c.get(1).unwrap();
            // the name may be a region in the gazetteer (Belgium); it must not be another body
            let named_body = sm.mentions.iter().any(|x| {
                matches!(x.what, Mentioned::Body(_)) && m.start() < x.end && x.start < m.end()
            });
            if !named_body {
                ctx.bodies.push(Placed {
                    pos: m.start(),
                    item: Body::Unknown(
                        canonical_generic_subject(m.as_str())
                            .unwrap_or("Belgium")
                            .to_string(),
                    ),
                    source: Source::Named,
                });
            }
        }
        // first person: the signatory
        if let (Some(name), false) = (&doc.signatory, s.heading) {
            if let Some(m) = FIRST_PERSON.get(&s.lang).and_then(|r| r.find(&s.text)) {
                ctx.bodies.push(Placed {
                    pos: m.start(),
                    item: Body::Signatory(name.clone()),
                    source: Source::FirstPerson,
                });
            }
        }
        let pronoun = PRONOUN_SUBJECT.is_match(&s.text);
        // a sentence whose subject is a pronoun or demonstrative (`Dit voert het PSI-reglement
        // uit`, `Il sera chargé …`) continues the bodies of the previous sentence
        if ctx.bodies.is_empty() && pronoun {
            for b in &th.previous_bodies {
                ctx.bodies.push(Placed {
                    pos: 0,
                    item: b.item.clone(),
                    source: if b.source == Source::FirstPerson {
                        Source::FirstPerson
                    } else {
                        Source::Anaphor
                    },
                });
            }
        }
        // list items (`• poursuivre le déploiement …;`) inherit the bodies of their lead-in
        let list_item = s.list_item || s.text.chars().next().is_some_and(char::is_lowercase);
        if (list_item || pronoun) && !th.lead_in.is_empty() {
            for b in &th.lead_in {
                if !ctx.bodies.iter().any(|x| x.item == b.item) {
                    let source = if b.source == Source::FirstPerson {
                        Source::FirstPerson
                    } else {
                        Source::Anaphor
                    };
                    ctx.bodies.push(Placed {
                        pos: 0,
                        item: b.item.clone(),
                        source,
                    });
                }
            }
        } else if s.text.trim_end().ends_with(':') && !s.heading {
            th.lead_in = ctx.bodies.clone();
        } else {
            th.lead_in.clear();
        }
        // headings open a section about the act they name
        if s.heading {
            th.section_act = ctx
                .acts
                .iter()
                .find(|a| a.source == Source::Named)
                .map(|a| a.item);
        }
        ctx.section_act = th.section_act;
        if !s.heading {
            th.previous_bodies = ctx.bodies.clone();
        }
        for b in ctx.bodies.iter().filter(|b| b.source == Source::Named) {
            th.bodies.push(now, b.item.clone());
        }
        for a in ctx.acts.iter() {
            th.acts.push(now, a.item);
        }
        ctx.bodies.sort_by_key(|b| b.pos);
        ctx.acts.sort_by_key(|a| a.pos);
        out.push(ctx);
    }
    out
}
