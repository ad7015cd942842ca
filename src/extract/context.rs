//! Context beyond the sentence: resolves definite descriptions (`ce règlement`, `deze
//! verordening`, `l'institut`, `the Regulation`), first-person pronouns (the signatory) and
//! section headings to entities, following each language's thread of sentences.

use super::mentions::SentenceMentions;
use super::{Act, Body, Mentioned, Role};
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
    /// The role trigger of the lead-in a list item continues (`plusieurs actions seront mises
    /// en œuvre, à savoir: • …`), for items that have none of their own.
    pub lead_in_role: Option<Role>,
}

static ACT_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ce|cet|le|du|au|cette|la|de la|à la|this|the|that|deze|de|dit|het|diese|die|der|dieser|dieses|dem|den)\s+(?:[\p{L}-]+\s+(?:(?:et|en|and|und)\s+)?){0,3}?(règlement|règlementation|réglementation|directive|verordening|reglement|richtlijn|regulation|verordnung|richtlinie|loi|wet|act)\b").unwrap()
});
/// Demonstratives that point back at the act just discussed without naming its kind (`ce
/// texte`, `deze tekst`, `this text`; `ce travail`, `dit werk`: the work on it), with how many
/// sentences back they may reach.
static DEMONSTRATIVE_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ce|cet|this|deze|dit|dieser|diesen|diesem)\s+(?:(texte|tekst|text)|(travail|werk|work|Arbeit))\b").unwrap()
});
/// A pronoun that is the object of a role verb (`om dit in Belgisch recht om te zetten`, `we
/// voeren ze uit`, `de la transposer`, `la mettre en œuvre`, `to implement it`, `sie
/// umzusetzen`): the act just discussed.
static PRONOUN_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:dit|dat|ze|deze)\s+(?:[\p{L}-]+\s+){0,4}?(?:om te zetten|uit te voeren|toe te passen)|(?:voer\w*|zet\w*|pas\w*)\s+(?:we|wij|ik|zij|ze)?\s*(?:ze|dit|dat)\s+(?:[\p{L}-]+\s+){0,3}?(?:uit|om|toe)\b|(?:de |d')?(?:la|le|les|l')\s*(?:transpos\w*|mettre en (?:œuvre|oeuvre)|appliqu\w*|exécut\w*)|(?:transpos\w*|implement\w*|apply\w*|enforc\w*)\s+(?:it|them)|(?:sie|es)\s+(?:[\p{L}-]+\s+){0,3}?(?:umzusetzen|umsetzen|anzuwenden|durchzuführen))\b").unwrap()
});
const PRONOUN_OBJECT_SCOPE: usize = 2;

/// A sentence that says how the previous one's action is done (`Dit gebeurt samen met …`,
/// `Cela se fera avec …`, `This will be done with …`, `Dies geschieht mit …`): it continues that
/// action (act and role).
static CONTINUES_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:dit|dat|cela|ceci|this|that|dies|das)\s+(?:gebeurt|zal gebeuren|wordt gedaan|se fait|se fera|sera fait|is done|will be done|happens|geschieht|erfolgt)\b").unwrap()
});

const DEMONSTRATIVE_TEXT_SCOPE: usize = SCOPE;
const DEMONSTRATIVE_WORK_SCOPE: usize = 2;

/// Cues that make the bodies after them co-actors of the sentence's subject (`avec le ministre
/// de …`, `in samenwerking met`, `together with`, `zusammen mit`).
static CO_ACTOR_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bavec|\ben (?:étroite |etroite )?(?:collaboration|coopération|cooperation|concertation|partenariat) avec|\bsamen met|\bmet|\bin (?:nauwe )?(?:samenwerking|overleg) met|\btogether with|\bwith|\bin (?:close )?(?:cooperation|collaboration|consultation|partnership) with|\bzusammen mit|\bmit|\bin (?:enger )?(?:Zusammenarbeit|Abstimmung) mit)\b").unwrap()
});

/// Cues that make the bodies after them advisers or supporters, not actors (`en m'appuyant
/// sur l'expertise du SPF BOSA`, `met de expertise van`, `ondersteund door`, `with the support
/// of`, `mit Unterstützung`).
static SUPPORT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bl'expertise|\bexpertise|\bappu(?:i|yant)|\bsoutien|\bondersteund door|\bondersteuning van|\bsteun van|\bsupport(?:ed)? (?:of|by|from)|\bUnterstützung|\bunterstützt (?:von|durch))\b").unwrap()
});

/// Verbs of asking someone else to act (`je demanderai au SPF Économie de …`, `de FOD Economie
/// oproepen`, `I will ask the FPS`, `ich werde … ersuchen`): the one who asks is not the actor.
static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:demander\w*|demanderai\w*|demand(?:e|ons|é|ée)|inviter\w*|invite|invitons|prier\w*|prie|vraag|vragen|verzoek\w*|oproep\w*|roep\w*|ask|asks|asked|request\w*|call on|calls on|called on|urge|urges|urged|bitten|bitte|auffordern|fordere|ersuchen|ersuche)\b").unwrap()
});

/// Where the body mentioned at `pos` ends: the named mention there, else the word there.
fn span_end(text: &str, pos: usize, sm: &SentenceMentions) -> usize {
    if let Some(m) = sm.mentions.iter().find(|m| m.start == pos) {
        return m.end;
    }
    text[pos..]
        .find(|c: char| c.is_whitespace() || c == ',')
        .map_or(text.len(), |i| pos + i)
}

/// For bodies at `spans` (in text order), whether each is governed by a cue (`avec …`,
/// `l'expertise du …`): the cue stands in the text before it, with no clause break in between,
/// or the body continues an enumeration (`le ministre de …, le ministre de … et la ministre de
/// …`) whose head is governed. A comma continues an enumeration only when a conjunction closes it.
fn governed(text: &str, spans: &[(usize, usize)], cue: &Regex) -> Vec<bool> {
    #[derive(PartialEq, Clone, Copy)]
    enum Link {
        None,
        Comma,
        Conj,
    }
    static COMMA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*,\s*(?:(?:le|la|les|l'|de|het|the|der|die|das|den|dem|du|des|d'|van)\s*)?$",
        )
        .unwrap()
    });
    static CONJ: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*,?\s*(?:et|en|and|und|ainsi que|evenals|as well as|sowie|ou|of|or|oder)\s+(?:(?:le|la|les|l'|de|het|the|der|die|das|den|dem|du|des|d'|van)\s*)?$").unwrap()
    });
    let mut links = Vec::with_capacity(spans.len());
    let mut heads = Vec::with_capacity(spans.len());
    let mut prev_end = 0;
    for &(start, end) in spans {
        let gap = text.get(prev_end.min(start)..start).unwrap_or("");
        links.push(if prev_end == 0 {
            Link::None
        } else if CONJ.is_match(gap) {
            Link::Conj
        } else if COMMA.is_match(gap) {
            Link::Comma
        } else {
            Link::None
        });
        heads.push(
            cue.find_iter(gap)
                .last()
                .is_some_and(|m| !gap[m.end()..].contains([',', ';', ':', '.'])),
        );
        prev_end = end.max(prev_end);
    }
    let mut out = vec![false; spans.len()];
    for i in 0..spans.len() {
        let continues = i > 0
            && out[i - 1]
            && match links[i] {
                Link::Conj => true,
                Link::Comma => links[i + 1..]
                    .iter()
                    .take_while(|l| **l != Link::None)
                    .any(|l| *l == Link::Conj),
                Link::None => false,
            };
        out[i] = heads[i] || continues;
    }
    out
}

/// A title not marked as a heading: `C. NAAR EEN GESTRUCTUREERDE EN EERLIJKE GEGEVENSMARKT`.
fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty()
        || t.ends_with(['.', ';', ':', '!', '?', ','])
        || t.split_whitespace().count() > 14
    {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 8 && upper * 10 >= letters.len() * 8
}

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
        self.latest_within(now, SCOPE, ok)
    }
    fn latest_within(&self, now: usize, scope: usize, ok: impl Fn(&T) -> bool) -> Option<T> {
        self.items
            .iter()
            .rev()
            .take_while(|(at, _)| now - at <= scope)
            .find(|(_, t)| ok(t))
            .map(|(_, t)| t.clone())
    }
}

struct Thread {
    /// Bodies of the previous sentence, for pronoun subjects.
    previous_bodies: Vec<Placed<Body>>,
    /// Bodies of a lead-in sentence ending in ':' — its list items inherit them.
    lead_in: Vec<Placed<Body>>,
    /// The role trigger of that lead-in, if any.
    lead_in_role: Option<Role>,
    /// Whether a lead-in is open (its list items follow).
    lead_in_open: bool,
    /// Acts and role trigger of the previous sentence, for `Dit gebeurt samen met …`.
    previous_acts: Vec<Placed<Act>>,
    previous_role: Option<Role>,
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
            lead_in_role: None,
            lead_in_open: false,
            previous_acts: Vec::new(),
            previous_role: None,
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
        // demonstratives that name no kind of act (`ce texte`, `dit werk`)
        for c in DEMONSTRATIVE_ACT.captures_iter(&s.text) {
            let whole = c.get(0).unwrap();
            if overlaps(whole.start(), whole.end()) {
                continue;
            }
            let scope = if c.get(1).is_some() {
                DEMONSTRATIVE_TEXT_SCOPE
            } else {
                DEMONSTRATIVE_WORK_SCOPE
            };
            if let Some(a) = th.acts.latest_within(now, scope, |_| true) {
                ctx.acts.push(Placed {
                    pos: whole.start(),
                    item: a,
                    source: Source::Anaphor,
                });
            }
        }
        // a pronoun object of a role verb (`om dit in Belgisch recht om te zetten`)
        if ctx.acts.is_empty() {
            if let Some(m) = PRONOUN_OBJECT.find(&s.text) {
                if let Some(a) = th.acts.latest_within(now, PRONOUN_OBJECT_SCOPE, |_| true) {
                    ctx.acts.push(Placed {
                        pos: m.start(),
                        item: a,
                        source: Source::Anaphor,
                    });
                }
            }
        }
        // `Dit gebeurt samen met …` continues the previous sentence's action
        if ctx.acts.is_empty() && CONTINUES_ACTION.is_match(&s.text) {
            for a in &th.previous_acts {
                ctx.acts.push(Placed {
                    pos: 0,
                    item: a.item,
                    source: Source::Anaphor,
                });
            }
            ctx.lead_in_role = th.previous_role;
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
        // who acts: supporters (`en m'appuyant sur l'expertise du SPF BOSA`) are not actors;
        // when the first person asks another body to act (`je demanderai au SPF Économie de …`,
        // `zal ik, met de minister van Economie, de FOD Economie oproepen`), that body acts,
        // not the first person and its co-actors
        ctx.bodies.sort_by_key(|b| b.pos);
        let spans: Vec<(usize, usize)> = ctx
            .bodies
            .iter()
            .map(|b| (b.pos, span_end(&s.text, b.pos, sm)))
            .collect();
        let supporters = governed(&s.text, &spans, &SUPPORT_CUE);
        let co_actors = governed(&s.text, &spans, &CO_ACTOR_CUE);
        let mut own: Vec<(Placed<Body>, bool)> = std::mem::take(&mut ctx.bodies)
            .into_iter()
            .zip(co_actors)
            .zip(supporters)
            .filter(|(_, supporter)| !supporter)
            .map(|((b, co), _)| {
                let co = co && b.source != Source::FirstPerson;
                (b, co)
            })
            .collect();
        if REQUEST.is_match(&s.text) && own.iter().any(|(b, _)| b.source == Source::FirstPerson) {
            let asked: Vec<(Placed<Body>, bool)> = own
                .iter()
                .filter(|(b, co)| !co && b.source != Source::FirstPerson)
                .cloned()
                .collect();
            if !asked.is_empty() {
                own = asked;
            }
        }
        let only_co_actors = !own.is_empty() && own.iter().all(|(_, co)| *co);
        ctx.bodies = own.into_iter().map(|(b, _)| b).collect();
        let own_count = ctx.bodies.len();
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
        // list items (`• poursuivre le déploiement …;`) inherit the bodies of their lead-in,
        // and its role trigger when they have none (`plusieurs actions seront mises en œuvre, à
        // savoir: • …`)
        let list_item = s.list_item || s.text.chars().next().is_some_and(char::is_lowercase);
        if (list_item || pronoun) && th.lead_in_open {
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
            if list_item && ctx.lead_in_role.is_none() {
                ctx.lead_in_role = th.lead_in_role;
            }
        } else if s.text.trim_end().ends_with(':') && !s.heading {
            // a lead-in without a body of its own (`Pour atteindre ces objectifs, plusieurs
            // actions seront mises en œuvre:`) continues the subject of the sentence before
            th.lead_in = if ctx.bodies.is_empty() {
                th.previous_bodies.clone()
            } else {
                ctx.bodies.clone()
            };
            th.lead_in_role = super::relations::first_trigger(&s.text).map(|(r, _)| r);
            th.lead_in_open = !th.lead_in.is_empty() || th.lead_in_role.is_some();
        } else {
            th.lead_in.clear();
            th.lead_in_role = None;
            th.lead_in_open = false;
        }
        // co-actors without an actor (`En collaboration avec mes collègues le ministre de …,
        // des campagnes pourront être mises en œuvre`) act for no one named here
        if only_co_actors && ctx.bodies.len() == own_count {
            ctx.bodies.clear();
        }
        // headings (and titles the reader did not mark, `C. NAAR EEN … GEGEVENSMARKT`) open a
        // section about the act they name
        if s.heading || looks_like_heading(&s.text) {
            th.section_act = ctx
                .acts
                .iter()
                .find(|a| a.source == Source::Named)
                .map(|a| a.item);
        }
        ctx.section_act = th.section_act;
        if !s.heading {
            th.previous_bodies = ctx.bodies.clone();
            th.previous_acts = ctx.acts.clone();
            th.previous_role = super::relations::first_trigger(&s.text)
                .map(|(r, _)| r)
                .or(ctx.lead_in_role);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, names: &[&str]) -> Vec<(usize, usize)> {
        names
            .iter()
            .map(|n| {
                let s = text.find(n).unwrap();
                (s, s + n.len())
            })
            .collect()
    }

    #[test]
    fn co_actors_and_their_enumerations() {
        let t = "En collaboration avec mes collègues le ministre de l'Économie, le ministre de la Justice et la ministre des PME, des campagnes seront menées.";
        let sp = spans(
            t,
            &[
                "ministre de l'Économie",
                "ministre de la Justice",
                "ministre des PME",
            ],
        );
        assert_eq!(governed(t, &sp, &CO_ACTOR_CUE), vec![true, true, true]);
        // a comma without a closing conjunction ends the co-actor phrase
        let t = "In deze context zal ik, met de minister van Economie, de FOD Economie oproepen:";
        let sp = spans(t, &["ik", "minister van Economie", "FOD Economie"]);
        assert_eq!(governed(t, &sp, &CO_ACTOR_CUE), vec![false, true, false]);
        let t = "I will work together with the FPS BOSA and the CCB; the BIPT will supervise.";
        let sp = spans(t, &["I ", "FPS BOSA", "CCB", "BIPT"]);
        assert_eq!(
            governed(t, &sp, &CO_ACTOR_CUE),
            vec![false, true, true, false]
        );
        let t = "Ich werde mit Unterstützung des FÖD BOSA die Verordnung umsetzen.";
        let sp = spans(t, &["Ich", "FÖD BOSA"]);
        assert_eq!(governed(t, &sp, &SUPPORT_CUE), vec![false, true]);
    }

    #[test]
    fn titles_in_capitals_are_headings() {
        assert!(looks_like_heading(
            "C. NAAR EEN GESTRUCTUREERDE EN EERLIJKE GEGEVENSMARKT"
        ));
        assert!(looks_like_heading(
            "A. DIGITALISATION AU SERVICE DE LA COMPÉTITIVITÉ"
        ));
        assert!(!looks_like_heading(
            "Le SPF BOSA et le CCB coordonnent la NIS2."
        ));
        assert!(!looks_like_heading("Het BIPT is coördinator"));
    }

    #[test]
    fn demonstratives_without_a_kind() {
        for t in [
            "ce texte ambitieux",
            "deze tekst",
            "this text",
            "dit werk",
            "ce travail",
        ] {
            assert!(DEMONSTRATIVE_ACT.is_match(t), "{t}");
        }
        assert!(!DEMONSTRATIVE_ACT.is_match("le texte de la loi"));
    }
}
