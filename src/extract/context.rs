//! Context beyond the sentence: resolves definite descriptions (`ce règlement`, `deze
//! verordening`, `l'institut`, `the Regulation`), first-person pronouns (the signatory) and
//! section headings to entities, following each language's thread of sentences.

use super::cues::{cued, cued_in, Cue, Cues};
use super::gated::GatedRegex as Regex;
use super::mentions::SentenceMentions;
use super::{Act, Body, Mentioned, Role};
use crate::document::Document;
use crate::gazetteer::Gazetteer;
use crate::lang::Lang;
use crate::normalise::words;
use crate::normalise::Sentence;
use std::cell::LazyCell;
// keyed by language and asked several times a sentence: hashed by Fx, not SipHash
use rustc_hash::FxHashMap as HashMap;
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
    /// Positions of the bodies that are co-actors (`avec le SPF Économie`, `samen met het
    /// CCB`): they share the fact, ranked after the actors.
    pub co_actors: Vec<usize>,
    /// A weak link the sentence's facts rest on (lone co-actors, a subject borrowed by a
    /// bodiless lead-in): their confidence is lowered and the rule says why.
    pub weak: Option<&'static str>,
    /// The sentence's own earliest role trigger (see [`super::relations::first_trigger`]);
    /// looked for only in sentences that may state a fact (not headings; a body and an act or
    /// a section's act): `None` elsewhere.
    pub trigger: Option<(Role, usize)>,
}

static ACT_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ce|cet|le|du|au|cette|la|de la|à la|this|the|that|deze|de|dit|het|diese|die|der|dieser|dieses|dem|den)\s+(?:[\p{L}-]+\s+(?:(?:et|en|and|und)\s+)?){0,3}?(règlement|règlementation|réglementation|directive|verordening|reglement|richtlijn|regulation|verordnung|richtlinie|loi|wet|act)\b").unwrap()
});
/// Demonstratives that point back at the act just discussed without naming its kind (`ce
/// texte`, `deze tekst`, `this text`).
static DEMONSTRATIVE_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:ce|cet|this|deze|dit|dieser|diesen|diesem)\s+(?:texte|tekst|text|Texts?)\b",
    )
    .unwrap()
});
/// How many sentences back `ce texte` may reach.
const DEMONSTRATIVE_TEXT_SCOPE: usize = 2;
/// Names of national (non-EU) texts: once one is mentioned, `ce texte` no longer reaches past
/// it to an EU act.
static NATIONAL_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:loi|lois|projet|projets|avant-projet|arrêté|arrêtés|décret|ordonnance|wet|wetten|wetsontwerp|wetsvoorstel|ontwerp|voorontwerp|besluit|decreet|ordonnantie|bill|law|laws|statute|Gesetz|Gesetzes|Gesetzentwurf|Entwurf|Erlass|Dekret)\b").unwrap()
});
/// Continuing the work on something (`poursuivre ce travail`, `dit werk voortzetten`,
/// `continue the work`): following it up, and `ce travail` is the act just discussed.
pub static CONTINUE_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpoursuiv\w*\s+(?:ce|le|les|ces|cet)\s+trava\w+|\b(?:dit|het|deze)\s+werk(?:zaamheden)?\s+voort\w*|\bcontinu\w*\s+(?:this|the|that)\s+work\b|\b(?:diese|die)\s+Arbeit\w*\s+fortsetz\w*|\bsetz\w*\s+(?:\w+\s+)?(?:diese|die)\s+Arbeit\w*\s+fort\b").unwrap()
});
/// Whether the continued work is a demonstrative (`ce travail`, `dit werk`, `this work`),
/// which points back at the act of the sentence before.
static DEMONSTRATIVE_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ce|ces|cet|dit|deze|this|that|diese)\s+(?:travail|travaux|werk|werkzaamheden|work|Arbeit)\b").unwrap()
});
const DEMONSTRATIVE_WORK_SCOPE: usize = 2;

/// The cues by which a sentence of `lang` is searched for the patterns of `cue`: the
/// sentence's own, but where a language's pattern may match without one of the family's words
/// at the start of a word, whose sentences are always searched. English first person: `I` is
/// no cue word. French pronoun objects ([`PRONOUN_OBJECT`]): the verb may follow its pronoun
/// without a space (`\s*`, for `l'appliquer`), so a verb glued to `la`, `le` or `les`
/// (`latransposer`, text extracted from a PDF) starts no word.
fn language_cues(cues: Cues, cue: Cue, lang: Lang) -> Cues {
    match (cue, lang) {
        (Cue::FirstPerson, Lang::En) | (Cue::RoleVerb, Lang::Fr) => Cues::ALL,
        _ => cues,
    }
}

/// A clitic pronoun that is the object of a role verb (`de la transposer`, `l'appliquer`, `les
/// mettre en œuvre`, `om deze in Belgisch recht om te zetten`, `we voeren ze uit`, `to
/// implement it`, `sie umzusetzen`): the act just discussed. Nouns (`la transposition`,
/// `l'exécution`) are not pronouns. Group 1 is set when the verb is a transposition.
static PRONOUN_OBJECT: LazyLock<HashMap<Lang, Regex>> = LazyLock::new(|| {
    HashMap::from_iter([
        (
            Lang::Fr,
            Regex::new(r"(?i)\b(?:la|le|les|l')\s*(?:(transpos(?:er|e|ent|era|erai|eras|erons|erez|eront))|(?:mettre|mettra|mettrai|mettrons|mettront|met|mets|mettent|mettons)\s+en\s+(?:œuvre|oeuvre)|appliqu(?:er|e|ent|era|erai|erons|eront)|exécut(?:er|e|ent|era|erai|erons|eront))\b").unwrap(),
        ),
        (
            Lang::Nl,
            Regex::new(r"(?i)\b(?:(?:dit|deze|ze)\s+(?:(?:in\s+(?:het\s+)?(?:[\p{L}-]+\s+){0,2}?recht\s+)?(om te zetten)|(?:volledig\s+|verder\s+)?(?:uit te voeren|toe te passen))|(?:(?:voer|voeren|pas|passen)\s+(?:ik|we|wij)|(?:ik|we|wij)\s+(?:voer|voeren|pas|passen))\s+(?:ze|dit|deze)\s+(?:[\p{L}-]+\s+){0,3}?(?:uit|toe)|((?:zet|zetten)\s+(?:ik|we|wij)|(?:ik|we|wij)\s+(?:zet|zetten))\s+(?:ze|dit|deze)\s+(?:[\p{L}-]+\s+){0,3}?om)\b").unwrap(),
        ),
        (
            Lang::En,
            Regex::new(r"(?i)\b(?:(transpos(?:e|es|ed|ing))|implement(?:s|ed|ing)?|apply|applies|applied|applying|enforc(?:e|es|ed|ing))\s+(?:it|them)\b").unwrap(),
        ),
        (
            Lang::De,
            Regex::new(r"(?i)\b(?:sie|es)\s+(?:[\p{L}-]+\s+){0,2}?(?:umzusetzen|umsetzen|anzuwenden|anwenden|durchzuführen|durchführen)\b").unwrap(),
        ),
    ])
});
const PRONOUN_OBJECT_SCOPE: usize = 2;

/// The national legal order named as the target of a transposition (`in Belgisch recht`, `in
/// het nationale recht`, `en droit belge`, `dans l'ordre juridique national`, `into national
/// law`, `in belgisches Recht`): bringing an act into national law also holds for regulations,
/// which need national implementing measures; a bare `transpose it` stays with directives.
static NATIONAL_LAW_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|en|dans|into|ins)\s+(?:(?:het|le|la|l'|the|das|unser\w*|ons|onze|notre)\s*)?(?:(?:belgisch\w*|nationa\w*|intern\w*|domestic|belgian|innerstaatlich\w*)\s+(?:recht|droit|law|rechtsorde|legal order|Rechtsordnung|ordre juridique)|(?:recht|droit|rechtsorde|ordre juridique|legal order)\s+(?:belge|national|interne|nationaal|belgisch))\b").unwrap()
});

/// A sentence that says with whom the previous one's action is done (`Dit gebeurt samen met …`,
/// `Cela se fera avec …`, `This will be done together with …`, `Dies geschieht gemeinsam mit
/// …`): the previous actor keeps acting, and the bodies named after the cue are its co-actors.
static CONTINUES_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:dit|dat|cela|ceci|this|that|dies|das)\s+(?:gebeurt|zal gebeuren|wordt gedaan|zal worden gedaan|se fait|se fera|sera fait|is done|will be done|happens|will happen|geschieht|erfolgt|wird erfolgen)\s+(?:(?:en\s+(?:étroite\s+)?(?:collaboration|coopération|concertation)\s+avec|conjointement avec|avec)|(?:samen met|in (?:nauwe )?samenwerking met|in overleg met|met)|(?:together with|jointly with|in (?:close )?(?:cooperation|collaboration) with|with)|(?:zusammen mit|gemeinsam mit|in (?:enger )?Zusammenarbeit mit|mit))\b").unwrap()
});

/// Words that may stand between a cue and the body it governs: determiners, possessives and
/// titles (`avec mes collègues le ministre de …`, `met de FOD`, `with our colleagues the …`).
const FILLER: &str = r"(?:\s+(?:le|la|les|du|des|de|het|the|der|die|das|den|dem|des|mes|mon|ma|nos|notre|ses|son|sa|leurs?|mijn|onze|ons|zijn|haar|hun|my|our|its|their|his|her|meinem|meiner|meinen|unserem|unserer|unseren|seinem|seiner|ihrem|ihrer|collègues?|collega'?s?|colleagues?|Kolleg(?:e|en|in|innen)))*\s*(?:l'|d')?\s*$";

/// Cues, by language, that make the body right after them a co-actor of the sentence's subject
/// (`avec le ministre de …`, `in samenwerking met`, `together with`, `zusammen mit`).
static CO_ACTOR_CUE: LazyLock<HashMap<Lang, Regex>> = LazyLock::new(|| {
    let cue = |c: &str| Regex::new(&format!(r"(?i)\b(?:{c}){FILLER}")).unwrap();
    HashMap::from_iter([
        (
            Lang::Fr,
            cue(
                r"avec|en (?:étroite |etroite )?(?:collaboration|coopération|cooperation|concertation|partenariat|coordination) avec|de concert avec|conjointement avec",
            ),
        ),
        (
            Lang::Nl,
            cue(r"samen met|met|in (?:nauwe )?(?:samenwerking|overleg|samenspraak) met"),
        ),
        (
            Lang::En,
            cue(
                r"together with|jointly with|with|in (?:close )?(?:cooperation|collaboration|consultation|partnership|coordination) with",
            ),
        ),
        (
            Lang::De,
            cue(
                r"zusammen mit|gemeinsam mit|mit|in (?:enger )?(?:Zusammenarbeit|Abstimmung|Kooperation) mit",
            ),
        ),
    ])
});
/// `with` that does not bring in a co-actor: conformity (`in line with`, `in overeenstemming
/// met`, `en conformité avec`, `im Einklang mit`) and charges (`belast met`).
static NOT_CO_ACTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in line|in accordance|in compliance|compliance|compliant|consistent|in keeping|in overeenstemming|in lijn|conform|belast|en conformité|conformité|conforme|en accord|en ligne|in Übereinstimmung|Übereinstimmung|im Einklang|in Einklang|entrusted|charged)\s+(?:with|met|avec|mit)\b").unwrap()
});

/// Cues that make the bodies after them advisers or supporters, not actors (`en m'appuyant
/// sur l'expertise du SPF BOSA`, `met de expertise van`, `ondersteund door`, `with the support
/// of`, `mit Unterstützung`).
static SUPPORT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bl'expertise|\bexpertise|\bappu(?:i|yant)|\bsoutien|\bondersteund door|\bondersteuning van|\bsteun van|\bsupport(?:ed)? (?:of|by|from)|\bUnterstützung|\bunterstützt (?:von|durch))\b").unwrap()
});

/// Cues that make the body right after them the one who asked (`à la demande du SPF`, `op
/// vraag van de FOD`, `at the request of the FPS`, `auf Ersuchen des FÖD`): not an actor.
static REQUESTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:(?:à la|sur la|sur) demande (?:du|de la|de l'|des|de|d')|(?:op|na|op uitdrukkelijk) (?:vraag|verzoek) van|(?:at|on|upon) the (?:request|invitation) of|auf (?:Ersuchen|Anfrage|Wunsch|Bitte|Antrag) (?:des|der|von|vom)){FILLER}")).unwrap()
});

/// The first person asking someone else to act, by language: (verb after which the asked body
/// stands, verb-final clause in which the asked body stands between the pronoun and the verb).
/// `je demanderai au SPF Économie de …`, `ik vraag het BIPT om …`, `zal ik de FOD Economie
/// oproepen`, `I will ask the FPS to …`, `ich werde das BIPT ersuchen`. Nouns (`à la demande
/// de`, `op vraag van`, `oproepen tot projecten`) are no requests.
static REQUEST: LazyLock<HashMap<Lang, (Regex, Option<Regex>)>> = LazyLock::new(|| {
    HashMap::from_iter([
        (
            Lang::Fr,
            (
                Regex::new(r"(?i)\b(?:je|j'|nous)\s*(?:[\p{L}]+\s+){0,2}?(?:demande|demanderai|demanderais|demandons|demanderons|invite|inviterai|invitons|inviterons|prie|prierai|prions|exhorte|exhorterai|appelle|appellerai|appelons)\b").unwrap(),
                None,
            ),
        ),
        (
            Lang::Nl,
            (
                Regex::new(r"(?i)\b(?:(?:ik|we|wij)\s+(?:vraag|vragen|verzoek|verzoeken|roep|roepen)|(?:vraag|verzoek|roep)\s+ik|(?:vragen|verzoeken|roepen)\s+(?:we|wij))\b").unwrap(),
                Some(Regex::new(r"(?i)\b(?:(?:zal|wil|ga)\s+ik|ik\s+(?:zal|wil|ga)|(?:zullen|willen|gaan)\s+(?:we|wij)|(?:we|wij)\s+(?:zullen|willen|gaan))\b[^.;:]*?\b(oproepen|verzoeken|vragen|aansporen)\s*(?:[:;,.]|om\b|$)").unwrap()),
            ),
        ),
        (
            Lang::En,
            (
                Regex::new(r"\b(?:I|[Ww]e)\s+(?:\w+\s+){0,2}?(?:ask|asked|request|requested|call on|call upon|called on|urge|urged|invite|invited)\b").unwrap(),
                None,
            ),
        ),
        (
            Lang::De,
            (
                Regex::new(r"(?i)\b(?:(?:ich|wir)\s+(?:bitte|bitten|ersuche|ersuchen|fordere|fordern)|(?:bitte|ersuche|fordere)\s+ich|(?:bitten|ersuchen|fordern)\s+wir)\b").unwrap(),
                Some(Regex::new(r"(?i)\b(?:(?:werde|möchte|will)\s+ich|ich\s+(?:werde|möchte|will)|(?:werden|möchten|wollen)\s+wir|wir\s+(?:werden|möchten|wollen))\b[^.;:]*?\b(ersuchen|bitten|auffordern)\b").unwrap()),
            ),
        ),
    ])
});

/// The span of the sentence where the bodies asked to act stand, if the first person asks.
fn request_span(text: &str, lang: Lang) -> Option<(usize, usize)> {
    let (after, between) = REQUEST.get(&lang)?;
    if let Some(m) = after.find(text) {
        return Some((m.end(), text.len()));
    }
    let c = between.as_ref()?.captures(text)?;
    let whole = c.get(0).unwrap();
    Some((whole.start(), c.get(1).unwrap().start()))
}

/// Where the body mentioned at `pos` ends: the named mention there, else the word there.
fn span_end(text: &str, pos: usize, sm: &SentenceMentions) -> usize {
    if let Some(m) = sm.mentions.iter().find(|m| m.start == pos) {
        return m.end;
    }
    text[pos..]
        .find(|c: char| c.is_whitespace() || c == ',')
        .map_or(text.len(), |i| pos + i)
}

/// Whether a cue governs the body right after `gap` (the text between the previous body and
/// this one): only determiners, possessives and titles stand between them.
fn cue_right_before(gap: &str, cue: &Regex) -> bool {
    cue.find(gap)
        .is_some_and(|m| !NOT_CO_ACTOR.is_match(&gap[..m.end()]))
}

/// How each body of a sentence is linked to the one before it.
#[derive(PartialEq, Clone, Copy)]
enum Link {
    None,
    Comma,
    Conj,
}

/// The bodies of a sentence at `spans` (in text order), with the links between them: the
/// enumerations they form, read once for the cues [`Enumerations::governed`] is asked about.
struct Enumerations<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
    links: Vec<Link>,
    /// The text before each body (from the end of the one before it).
    gaps: Vec<&'a str>,
}

impl<'a> Enumerations<'a> {
    fn of(text: &'a str, spans: &'a [(usize, usize)]) -> Self {
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
        let mut gaps = Vec::with_capacity(spans.len());
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
            gaps.push(gap);
            prev_end = end.max(prev_end);
        }
        Enumerations {
            text,
            spans,
            links,
            gaps,
        }
    }

    /// For each body, whether it is governed by a cue (`avec …`, `l'expertise du …`), or
    /// continues an enumeration (`le ministre de …, le ministre de … et la ministre de …`)
    /// whose head is governed. `heads` tells whether the text before a body (from the end of
    /// the one before it) governs it: a cue that must stand right before the body, or one
    /// anywhere in that text with no clause break after it. A comma continues an
    /// enumeration only when a conjunction closes it and a clause break follows its last item
    /// (`avec A, B et C, des campagnes …`); otherwise the comma closed the cue's phrase and the
    /// items after it are the subject (`Avec A, B et C mettront en œuvre …`).
    fn governed(&self, heads: &dyn Fn(&str) -> bool) -> Vec<bool> {
        let (text, spans, links) = (self.text, self.spans, &self.links);
        // whether a clause break (or the end) follows the last item of the enumeration from i
        let closed_after = |i: usize| {
            let last = (i + 1..spans.len())
                .take_while(|j| links[*j] != Link::None)
                .find(|j| links[*j] == Link::Conj)
                .unwrap_or(i);
            let rest = text.get(spans[last].1..).unwrap_or("").trim_start();
            rest.is_empty() || rest.starts_with([',', ';', ':', '.', ')', '('])
        };
        let mut out = vec![false; spans.len()];
        for i in 0..spans.len() {
            let continues = i > 0
                && out[i - 1]
                && match links[i] {
                    Link::Conj => true,
                    Link::Comma => {
                        links[i + 1..]
                            .iter()
                            .take_while(|l| **l != Link::None)
                            .any(|l| *l == Link::Conj)
                            && closed_after(i)
                    }
                    Link::None => false,
                };
            out[i] = heads(self.gaps[i]) || continues;
        }
        out
    }
}

/// [`Enumerations::governed`] for the bodies at `spans` of `text`.
#[cfg(test)]
fn governed(text: &str, spans: &[(usize, usize)], heads: &dyn Fn(&str) -> bool) -> Vec<bool> {
    Enumerations::of(text, spans).governed(heads)
}

/// A title not marked as a heading: a section number (`A.`, `1.`, `IV.`, `2.3`) before a
/// line in capitals (`C. NAAR EEN GESTRUCTUREERDE EN EERLIJKE GEGEVENSMARKT`).
fn looks_like_heading(text: &str) -> bool {
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:[A-Z]|[IVXLC]{1,5})[.)]|\d{1,2}(?:\.\d{1,2})*[.)]?)\s+\S").unwrap()
    });
    let t = text.trim();
    if t.is_empty()
        || t.ends_with(['.', ';', ':', '!', '?', ','])
        || t.split_whitespace().count() > 14
        || !NUMBERED.is_match(t)
    {
        return false;
    }
    // the section number alone does not make a title: `1 La directive …` is a list item
    let body = t.split_once(char::is_whitespace).map_or("", |x| x.1);
    let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 8 && upper * 10 >= letters.len() * 8
}

static BODY_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bl'|\b(?:le|la|het|de|the|das|die|dit|cet|ce|cette|this|deze)\s+)(institut|instituut|institute|agence|agentschap|agency|autorité|autoriteit|authority|régulateur|regulator)\b").unwrap()
});
static FIRST_PERSON: LazyLock<HashMap<Lang, Regex>> = LazyLock::new(|| {
    HashMap::from_iter([
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

/// How far into the sentence the generic subject may start.
const GENERIC_SUBJECT_WITHIN: usize = 60;

/// The start of every name in [`GENERIC_SUBJECT`], ASCII only and without `k` or `s` (which
/// `(?i)` also matches with the Kelvin sign and the long s). None holds another, and each
/// begins with one of [`GENERIC_SUBJECT_FIRSTS`].
const GENERIC_SUBJECT_STARTS: [&[u8]; 6] = [
    b"belgi",
    b"gouvernement",
    b"regering",
    b"federal",
    b"government",
    b"bunde",
];

/// The first letters of [`GENERIC_SUBJECT_STARTS`], in lower case.
const GENERIC_SUBJECT_FIRSTS: &[u8] = b"bfgr";

/// Whether one of the generic subjects' names may start within [`GENERIC_SUBJECT_WITHIN`]
/// bytes of the start: when not, [`GENERIC_SUBJECT`] need not run (the costliest search that
/// runs on every sentence). The names are compared in place where a byte may begin one, found
/// eight bytes at a time (a search automaton costs more per byte on these few bytes).
fn generic_subject_near_start(text: &str) -> bool {
    let b = text.as_bytes();
    let starts_name = |i: usize| {
        GENERIC_SUBJECT_STARTS.iter().any(|s| {
            b[i..]
                .get(..s.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(s))
        })
    };
    let last = b.len().min(GENERIC_SUBJECT_WITHIN + 1);
    let mut at = 0;
    while at < last {
        let Some(w) = words::word_at(b, at) else {
            return (at..last).any(|i| may_begin_generic_subject(b[i]) && starts_name(i));
        };
        let mut candidates = words::bytes_among(w, GENERIC_SUBJECT_FIRSTS);
        while candidates != 0 {
            let i = at + candidates.trailing_zeros() as usize / 8;
            if i < last && starts_name(i) {
                return true;
            }
            candidates &= candidates - 1;
        }
        at += 8;
    }
    false
}

/// Whether byte `b` may begin one of [`GENERIC_SUBJECT_STARTS`].
fn may_begin_generic_subject(b: u8) -> bool {
    GENERIC_SUBJECT_FIRSTS.contains(&(b | 0x20))
}

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
    /// Whether those bodies were borrowed from the sentence before a bodiless lead-in.
    lead_in_borrowed: bool,
    /// The role trigger of that lead-in, if any.
    lead_in_role: Option<Role>,
    /// Whether a lead-in is open (its list items follow).
    lead_in_open: bool,
    /// Acts of the previous sentence, for `Dit gebeurt samen met …`.
    previous_acts: Vec<Placed<Act>>,
    /// The previous sentence (its index) and the lead-in role it continued: its role is its
    /// own trigger, else that one. The trigger is looked for only when a sentence continues it.
    previous: Option<(usize, Option<Role>)>,
    bodies: Recent<Body>,
    acts: Recent<Act>,
    section_act: Option<Act>,
    /// The last sentence that named a national text (`projet de loi`, `wet`, `bill`).
    national_text_at: usize,
    count: usize,
}

/// Whether a body is the first person or the country/government as a generic subject.
fn is_generic_subject(b: &Placed<Body>) -> bool {
    b.source == Source::FirstPerson
        || matches!(&b.item, Body::Signatory(_))
        || matches!(&b.item, Body::Unknown(l) if canonical_generic_subject(l).is_some())
}

/// Resolves the context of every sentence.
pub fn resolve(
    doc: &Document,
    sentences: &[Sentence],
    found: &[SentenceMentions],
    gaz: &Gazetteer,
) -> Vec<SentenceContext> {
    let mut threads: HashMap<Lang, Thread> = HashMap::default();
    let mut out = Vec::with_capacity(sentences.len());
    for (i, (s, sm)) in sentences.iter().zip(found).enumerate() {
        let th = threads.entry(s.lang).or_insert_with(|| Thread {
            lead_in: Vec::new(),
            lead_in_borrowed: false,
            lead_in_role: None,
            lead_in_open: false,
            previous_acts: Vec::new(),
            previous: None,
            previous_bodies: Vec::new(),
            bodies: Recent::new(),
            acts: Recent::new(),
            section_act: None,
            national_text_at: 0,
            count: 0,
        });
        th.count += 1;
        let now = th.count;
        let mut ctx = SentenceContext::default();
        // the role trigger is the costliest search here and is wanted only by facts, lead-ins
        // and the sentences that continue this one's action: looked for when one needs it
        let trigger = LazyCell::new(|| {
            if s.heading {
                None
            } else {
                super::relations::cued_trigger(&s.text, sm.cues)
            }
        });
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
        // An anaphor is looked for only where it can resolve: to an act or body of the last
        // sentences of this thread (`now - at` is how many sentences back).
        let last_act_at = th.acts.items.last().map(|(at, _)| *at);
        let act_within = |scope: usize| last_act_at.is_some_and(|at| now - at <= scope);
        let body_within = th
            .bodies
            .items
            .last()
            .is_some_and(|(at, _)| now - at <= SCOPE);
        // national texts named here (not part of an EU act's name: `loi sur l'interopérabilité`)
        let national_text = LazyCell::new(|| {
            cued(sm.cues, Cue::NationalText, &*NATIONAL_TEXT, &s.text)?
                .find_iter(&s.text)
                .find(|m| !overlaps(m.start(), m.end()))
                .map(|m| m.start())
        });
        // definite descriptions of acts
        let act_anaphors = act_within(SCOPE) || th.section_act.is_some();
        for c in act_anaphors
            .then(|| cued(sm.cues, Cue::ActNoun, &*ACT_ANAPHOR, &s.text))
            .flatten()
            .map(|re| re.captures_iter(&s.text))
            .into_iter()
            .flatten()
        {
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
        // `ce texte`, `deze tekst`: an EU act of the last sentences, unless a national text was
        // named since
        let text_anaphors = last_act_at
            .is_some_and(|at| now - at <= DEMONSTRATIVE_TEXT_SCOPE && at > th.national_text_at);
        for m in text_anaphors
            .then(|| cued(sm.cues, Cue::TextNoun, &*DEMONSTRATIVE_TEXT, &s.text))
            .flatten()
            .map(|re| re.find_iter(&s.text))
            .into_iter()
            .flatten()
        {
            if overlaps(m.start(), m.end()) || national_text.is_some_and(|p| p < m.start()) {
                continue;
            }
            let since = th.national_text_at;
            if let Some((_, a)) = th
                .acts
                .items
                .iter()
                .rev()
                .take_while(|(at, _)| now - at <= DEMONSTRATIVE_TEXT_SCOPE && *at > since)
                .next()
            {
                ctx.acts.push(Placed {
                    pos: m.start(),
                    item: *a,
                    source: Source::Anaphor,
                });
            }
        }
        // `poursuivre ce travail`, `dit werk voortzetten`: the act of the sentence before
        let work_anaphor = ctx.acts.is_empty() && act_within(DEMONSTRATIVE_WORK_SCOPE);
        let continue_work = work_anaphor
            .then(|| cued(sm.cues, Cue::WorkNoun, &*CONTINUE_WORK, &s.text))
            .flatten();
        if let Some(m) = continue_work.and_then(|re| re.find(&s.text)) {
            if DEMONSTRATIVE_WORK.is_match(m.as_str()) {
                if let Some(a) = th
                    .acts
                    .latest_within(now, DEMONSTRATIVE_WORK_SCOPE, |_| true)
                {
                    ctx.acts.push(Placed {
                        pos: m.start(),
                        item: a,
                        source: Source::Anaphor,
                    });
                }
            }
        }
        // a pronoun object of a role verb (`om deze in Belgisch recht om te zetten`); what is
        // transposed is a directive
        if ctx.acts.is_empty() && act_within(PRONOUN_OBJECT_SCOPE) {
            let found = PRONOUN_OBJECT
                .get(&s.lang)
                .and_then(|re| {
                    cued(
                        language_cues(sm.cues, Cue::RoleVerb, s.lang),
                        Cue::RoleVerb,
                        re,
                        &s.text,
                    )
                })
                .and_then(|re| {
                    re.captures_iter(&s.text).find(|c| {
                        // `om te zetten in` is to convert into, unless into law
                        let rest = s.text[c.get(0).unwrap().end()..].trim_start();
                        let into = rest.starts_with("in ") && {
                            let next: Vec<&str> = rest.split_whitespace().take(4).collect();
                            !next.iter().any(|w| w.starts_with("recht"))
                        };
                        !(into && (c.get(1).is_some() || c.get(2).is_some()))
                    })
                });
            if let Some(c) = found {
                // the legal order the act is brought into, named in or right after the match
                let whole = c.get(0).unwrap();
                let after = &s.text[whole.end()..];
                let near = &after[..after.char_indices().nth(40).map_or(after.len(), |(i, _)| i)];
                let into_national_law = NATIONAL_LAW_TARGET.is_match(whole.as_str())
                    || NATIONAL_LAW_TARGET
                        .find(near)
                        .is_some_and(|m| !near[..m.start()].contains([',', ';', '.']));
                let transposes = (c.get(1).is_some() || c.get(2).is_some()) && !into_national_law;
                let ok = |a: &Act| !transposes || a.key.typ.celex_letter() == 'L';
                if let Some(a) = th.acts.latest_within(now, PRONOUN_OBJECT_SCOPE, ok) {
                    ctx.acts.push(Placed {
                        pos: c.get(0).unwrap().start(),
                        item: a,
                        source: Source::Anaphor,
                    });
                }
            }
        }
        // `Dit gebeurt samen met …` continues the previous sentence's action, with co-actors
        let continued = if ctx.acts.is_empty() {
            cued(sm.cues, Cue::Continued, &*CONTINUES_ACTION, &s.text)
                .and_then(|re| re.find(&s.text))
                .map(|m| m.end())
        } else {
            None
        };
        if continued.is_some() {
            for a in &th.previous_acts {
                ctx.acts.push(Placed {
                    pos: 0,
                    item: a.item,
                    source: Source::Anaphor,
                });
            }
            ctx.lead_in_role = th.previous.and_then(|(at, lead_in_role)| {
                super::relations::cued_trigger(&sentences[at].text, found[at].cues)
                    .map(|(r, _)| r)
                    .or(lead_in_role)
            });
        }
        // definite descriptions of bodies
        for c in body_within
            .then(|| cued(sm.cues, Cue::BodyNoun, &*BODY_ANAPHOR, &s.text))
            .flatten()
            .map(|re| re.captures_iter(&s.text))
            .into_iter()
            .flatten()
        {
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
        if let Some(c) = generic_subject_near_start(&s.text)
            .then(|| GENERIC_SUBJECT.captures(&s.text))
            .flatten()
            .filter(|c| {
                c.get(1)
                    .is_some_and(|m| m.start() <= GENERIC_SUBJECT_WITHIN)
            })
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
            let cues = language_cues(sm.cues, Cue::FirstPerson, s.lang);
            if let Some(m) = FIRST_PERSON
                .get(&s.lang)
                .and_then(|re| cued(cues, Cue::FirstPerson, re, &s.text))
                .and_then(|re| re.find(&s.text))
            {
                ctx.bodies.push(Placed {
                    pos: m.start(),
                    item: Body::Signatory(name.clone()),
                    source: Source::FirstPerson,
                });
            }
        }
        // who acts: supporters (`en m'appuyant sur l'expertise du SPF BOSA`) and requesters (`à
        // la demande du SPF`) are not actors; co-actors (`avec le ministre de …`) share the
        // fact after the actors; when the first person asks another body to act (`je
        // demanderai au SPF Économie de …`, `zal ik, met de minister van Economie, de FOD
        // Economie oproepen`), that body acts, not the first person and its co-actors
        ctx.bodies.sort_by_key(|b| b.pos);
        let spans: Vec<(usize, usize)> = ctx
            .bodies
            .iter()
            .map(|b| (b.pos, span_end(&s.text, b.pos, sm)))
            .collect();
        let enumerations = Enumerations::of(&s.text, &spans);
        let supporters = enumerations.governed(&|gap: &str| {
            cued_in(&s.text, sm.cues, Cue::Support, &*SUPPORT_CUE, gap).is_some_and(|re| {
                re.find_iter(gap)
                    .last()
                    .is_some_and(|m| !gap[m.end()..].contains([',', ';', ':', '.']))
            })
        });
        let requesters = enumerations.governed(&|gap: &str| {
            cued_in(&s.text, sm.cues, Cue::Request, &*REQUESTER_CUE, gap)
                .is_some_and(|re| re.is_match(gap))
        });
        let co_actors = match CO_ACTOR_CUE.get(&s.lang) {
            Some(cue) => enumerations.governed(&|gap: &str| {
                cued_in(&s.text, sm.cues, Cue::CoActor, cue, gap)
                    .is_some_and(|re| cue_right_before(gap, re))
            }),
            None => vec![false; spans.len()],
        };
        let mut own: Vec<(Placed<Body>, bool)> = std::mem::take(&mut ctx.bodies)
            .into_iter()
            .zip(co_actors)
            .zip(supporters.into_iter().zip(requesters))
            .filter(|(_, (supporter, requester))| !supporter && !requester)
            .map(|((b, co), _)| {
                let co = co && b.source != Source::FirstPerson;
                (b, co)
            })
            .collect();
        if own.iter().any(|(b, _)| b.source == Source::FirstPerson) {
            if let Some((from, to)) = request_span(&s.text, s.lang) {
                let asked: Vec<(Placed<Body>, bool)> = own
                    .iter()
                    .filter(|(b, co)| {
                        !co && b.source != Source::FirstPerson && b.pos >= from && b.pos < to
                    })
                    .cloned()
                    .collect();
                if !asked.is_empty() {
                    own = asked;
                }
            }
        }
        // `Dit gebeurt samen met X`: X (named after the cue) are co-actors of the previous
        // sentence's actor; nobody else here takes over the action
        if let Some(cue_end) = continued {
            own.retain(|(b, _)| b.pos >= cue_end && b.source == Source::Named);
            for (_, co) in own.iter_mut() {
                *co = true;
            }
            for b in &th.previous_bodies {
                if !own.iter().any(|(x, _)| x.item == b.item) {
                    own.push((
                        Placed {
                            pos: 0,
                            item: b.item.clone(),
                            source: if b.source == Source::FirstPerson {
                                Source::FirstPerson
                            } else {
                                Source::Anaphor
                            },
                        },
                        false,
                    ));
                }
            }
        }
        let lone_co_actors = !own.is_empty() && own.iter().all(|(_, co)| *co);
        ctx.co_actors = own
            .iter()
            .filter(|(_, co)| *co)
            .map(|(b, _)| b.pos)
            .collect();
        ctx.bodies = own.into_iter().map(|(b, _)| b).collect();
        let pronoun = LazyCell::new(|| PRONOUN_SUBJECT.is_match(&s.text));
        // a sentence whose subject is a pronoun or demonstrative (`Dit voert het PSI-reglement
        // uit`, `Il sera chargé …`) continues the bodies of the previous sentence
        if ctx.bodies.is_empty()
            && continued.is_none()
            && !th.previous_bodies.is_empty()
            && *pronoun
        {
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
        let mut inherited = false;
        if th.lead_in_open && (list_item || *pronoun) {
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
                    inherited = true;
                }
            }
            if list_item && ctx.lead_in_role.is_none() {
                ctx.lead_in_role = th.lead_in_role;
            }
            if inherited && th.lead_in_borrowed {
                ctx.weak = Some("borrowed-subject");
            }
        } else if s.text.trim_end().ends_with(':') && !s.heading {
            // a lead-in without a body of its own (`Pour atteindre ces objectifs, plusieurs
            // actions seront mises en œuvre:`) continues the subject of the sentence before
            // only when that subject is the first person or the government (`Le gouvernement
            // mettra en place …`); another body's sentence before says nothing of who does
            // what the list says
            th.lead_in_borrowed = ctx.bodies.is_empty();
            th.lead_in = if ctx.bodies.is_empty() {
                th.previous_bodies
                    .iter()
                    .filter(|b| is_generic_subject(b))
                    .cloned()
                    .collect()
            } else {
                ctx.bodies.clone()
            };
            th.lead_in_role = trigger.map(|(r, _)| r);
            th.lead_in_open = !th.lead_in.is_empty() || th.lead_in_role.is_some();
        } else {
            th.lead_in.clear();
            th.lead_in_borrowed = false;
            th.lead_in_role = None;
            th.lead_in_open = false;
        }
        // co-actors without an actor (`En collaboration avec le SPF Économie, des campagnes
        // seront menées`) keep the fact, with less confidence
        if lone_co_actors && !inherited && ctx.weak.is_none() {
            ctx.co_actors.clear();
            ctx.weak = Some("lone-co-actor");
        }
        // headings (and numbered titles in capitals, `C. NAAR EEN … GEGEVENSMARKT`) open a
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
            th.previous = Some((i, ctx.lead_in_role));
        }
        for b in ctx.bodies.iter().filter(|b| b.source == Source::Named) {
            th.bodies.push(now, b.item.clone());
        }
        for a in ctx.acts.iter() {
            th.acts.push(now, a.item);
        }
        // a national text named here hides from `ce texte` the acts up to here, which matters
        // only for acts still within reach of a later sentence
        let reachable = !ctx.acts.is_empty() || act_within(DEMONSTRATIVE_TEXT_SCOPE - 1);
        if reachable && national_text.is_some() {
            th.national_text_at = now;
        }
        ctx.bodies.sort_by_key(|b| b.pos);
        ctx.acts.sort_by_key(|a| a.pos);
        // a fact needs a body and an act (named, resolved or the section's)
        if !ctx.bodies.is_empty() && (!ctx.acts.is_empty() || ctx.section_act.is_some()) {
            ctx.trigger = *trigger;
        }
        out.push(ctx);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte look for the generic subject's names answers as a byte-by-byte
    /// comparison at every place, and misses no generic subject near the start, on every seed
    /// line and on names placed across eight-byte words and at the limit.
    #[test]
    fn the_generic_subject_precheck_misses_no_subject() {
        for name in GENERIC_SUBJECT_STARTS {
            assert!(GENERIC_SUBJECT_FIRSTS.contains(&name[0]), "{name:?}");
        }
        let mut texts = crate::test_texts::seed_lines();
        for pad in 0..=GENERIC_SUBJECT_WITHIN + 2 {
            for name in [
                "Belgique",
                "GOUVERNEMENT",
                "regering",
                "Federale",
                "Bundesregierung",
            ] {
                texts.push(format!(
                    "{}{name} zal",
                    "é".repeat(pad / 2) + &"x".repeat(pad % 2)
                ));
                texts.push(format!("{}, {name} zal", "a".repeat(pad)));
            }
        }
        for t in &texts {
            let b = t.as_bytes();
            let by_bytes = (0..=b.len().min(GENERIC_SUBJECT_WITHIN)).any(|i| {
                GENERIC_SUBJECT_STARTS.iter().any(|s| {
                    b[i..]
                        .get(..s.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(s))
                })
            });
            assert_eq!(generic_subject_near_start(t), by_bytes, "{t}");
            if let Some(c) = GENERIC_SUBJECT.captures(t) {
                if c.get(1).unwrap().start() <= GENERIC_SUBJECT_WITHIN {
                    assert!(generic_subject_near_start(t), "{t}");
                }
            }
        }
    }

    fn spans(text: &str, names: &[&str]) -> Vec<(usize, usize)> {
        names
            .iter()
            .map(|n| {
                let s = text.find(n).unwrap();
                (s, s + n.len())
            })
            .collect()
    }

    fn co_actors(text: &str, lang: Lang, names: &[&str]) -> Vec<bool> {
        let cue = &CO_ACTOR_CUE[&lang];
        governed(text, &spans(text, names), &|gap: &str| {
            cue_right_before(gap, cue)
        })
    }

    #[test]
    fn co_actor_cues_stand_right_before_the_body() {
        // an enumeration closed by a comma stays in the with-phrase
        let t = "En concertation avec nos collègues le ministre de la Justice, le ministre de l'Intérieur et la ministre de la Mobilité, une circulaire sera publiée.";
        assert_eq!(
            co_actors(
                t,
                Lang::Fr,
                &[
                    "ministre de la Justice",
                    "ministre de l'Intérieur",
                    "ministre de la Mobilité"
                ]
            ),
            vec![true, true, true]
        );
        // the with-phrase closed by a comma before the subject
        let t = "Avec le SPF Économie, le CCB et l'IBPT mettront en œuvre la directive.";
        assert_eq!(
            co_actors(t, Lang::Fr, &["SPF Économie", "CCB", "IBPT"]),
            vec![true, false, false]
        );
        let t = "Daarom zal ik, samen met de minister van Justitie, de FOD BOSA vragen:";
        assert_eq!(
            co_actors(t, Lang::Nl, &["ik", "minister van Justitie", "FOD BOSA"]),
            vec![false, true, false]
        );
        // not right before the body: an act, or a noun phrase, stands between
        let t = "Compliance with the NIS2 Directive is supervised by the CCB.";
        assert_eq!(co_actors(t, Lang::En, &["CCB"]), vec![false]);
        let t = "In lijn met het advies houdt het CCB toezicht.";
        assert_eq!(co_actors(t, Lang::Nl, &["CCB"]), vec![false]);
        // conformity is no co-action
        let t = "Het plan is in overeenstemming met de FOD BOSA opgesteld.";
        assert_eq!(co_actors(t, Lang::Nl, &["FOD BOSA"]), vec![false]);
        // cues by the sentence's language: French `met` is a verb
        let t = "Cet arrêté met le SPF Finances en charge du contrôle.";
        assert_eq!(co_actors(t, Lang::Fr, &["SPF Finances"]), vec![false]);
        let t = "Wir setzen das gemeinsam mit dem CCB um.";
        assert_eq!(co_actors(t, Lang::De, &["CCB"]), vec![true]);
    }

    #[test]
    fn supporters_are_governed_by_their_cue() {
        let t = "Ich werde mit Unterstützung des FÖD BOSA die Verordnung umsetzen.";
        let sp = spans(t, &["Ich", "FÖD BOSA"]);
        let support = |gap: &str| SUPPORT_CUE.is_match(gap);
        assert_eq!(governed(t, &sp, &support), vec![false, true]);
    }

    #[test]
    fn requests_are_first_person_verbs_not_nouns() {
        for (t, lang) in [
            (
                "À la demande du SPF Économie, je transposerai la directive.",
                Lang::Fr,
            ),
            (
                "Op vraag van de FOD Economie zal ik de richtlijn omzetten.",
                Lang::Nl,
            ),
            (
                "At the request of the FPS Economy, I will transpose the directive.",
                Lang::En,
            ),
            (
                "Auf Ersuchen des FÖD Wirtschaft werde ich die Richtlinie umsetzen.",
                Lang::De,
            ),
            (
                "We lanceren oproepen tot projecten voor de FOD BOSA.",
                Lang::Nl,
            ),
            ("Nous répondrons à la demande de la Commission.", Lang::Fr),
        ] {
            assert_eq!(request_span(t, lang), None, "{t}");
        }
        let t = "Avec la ministre, je demanderai au SPF Finances:";
        let (from, _) = request_span(t, Lang::Fr).unwrap();
        assert_eq!(&t[from..], " au SPF Finances:");
        let t = "Daarom zal ik, met de minister, de FOD Financiën oproepen:";
        let (from, to) = request_span(t, Lang::Nl).unwrap();
        assert!(t[from..to].contains("FOD Financiën"), "{}", &t[from..to]);
        assert!(request_span("I have asked the CCB to act.", Lang::En).is_some());
    }

    #[test]
    fn only_numbered_titles_in_capitals_are_headings() {
        assert!(looks_like_heading("B. VERS UNE ADMINISTRATION NUMÉRIQUE"));
        assert!(looks_like_heading("2.3 DIGITALE IDENTITEIT VOOR IEDEREEN"));
        assert!(looks_like_heading("IV. CYBERSECURITY AND RESILIENCE"));
        // capitals alone make no title
        assert!(!looks_like_heading(
            "LE SPF BOSA COORDONNE LA DIRECTIVE NIS2"
        ));
        assert!(!looks_like_heading("NIS2 EN CER"));
        assert!(!looks_like_heading("1. Le SPF BOSA coordonne la NIS2."));
    }

    /// The CELEX numbers of the acts resolved in the last sentence of a one-language text.
    fn last_acts(text: &str, lang: Lang) -> Vec<String> {
        let g = Gazetteer::bundled();
        let doc = Document::new("t.txt", text.to_string(), None);
        let n = crate::normalise::normalise(text, crate::normalise::Format::Text, Some(&[lang]));
        let found = super::super::mentions::find_all(&doc, &n.sentences, g);
        let ctx = resolve(&doc, &n.sentences, &found, g);
        ctx.last()
            .map(|c| c.acts.iter().map(|a| a.item.key.celex()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_named_national_legal_order_takes_any_act() {
        for (t, lang) in [
            (
                "De dataverordening is in werking getreden. Het BIPT bereidt maatregelen voor om dit in het nationale recht om te zetten.\n",
                Lang::Nl,
            ),
            (
                "Le règlement sur les services numériques est entré en vigueur. Le SPF Économie devra le transposer en droit belge.\n",
                Lang::Fr,
            ),
            (
                "The Data Act entered into force. The FPS Economy will transpose it into Belgian law.\n",
                Lang::En,
            ),
        ] {
            assert_eq!(last_acts(t, lang).len(), 1, "{t}");
        }
        assert!(NATIONAL_LAW_TARGET.is_match("in belgisches Recht"));
        assert!(NATIONAL_LAW_TARGET.is_match("dans l'ordre juridique belge"));
    }

    #[test]
    fn a_bare_transposition_still_takes_only_a_directive() {
        for (t, lang) in [
            (
                "De dataverordening is in werking getreden. Het BIPT bereidt maatregelen voor om dit om te zetten.\n",
                Lang::Nl,
            ),
            (
                "The Data Act entered into force. The FPS Economy will transpose it quickly.\n",
                Lang::En,
            ),
            // the law named after a clause break is not the target
            (
                "The Data Act entered into force. The FPS Economy will transpose it, as required by national law.\n",
                Lang::En,
            ),
        ] {
            assert!(last_acts(t, lang).is_empty(), "{t}: {:?}", last_acts(t, lang));
        }
        // `into EU law` names no national legal order
        assert!(!NATIONAL_LAW_TARGET.is_match("into EU law"));
        assert!(!NATIONAL_LAW_TARGET.is_match("om te zetten in concrete maatregelen"));
    }

    #[test]
    fn pronoun_objects_are_clitics_not_nouns() {
        let fr = &PRONOUN_OBJECT[&Lang::Fr];
        for t in [
            "de la transposer",
            "pour l'appliquer",
            "les mettre en œuvre",
        ] {
            assert!(fr.is_match(t), "{t}");
        }
        for t in [
            "la transposition",
            "l'exécution du budget",
            "la mise en œuvre",
            "l'application",
        ] {
            assert!(!fr.is_match(t), "{t}");
        }
        let nl = &PRONOUN_OBJECT[&Lang::Nl];
        assert!(nl.is_match("om deze in Belgisch recht om te zetten"));
        assert!(!nl.is_match("om de richtlijn snel om te zetten"));
    }

    #[test]
    fn a_verb_glued_to_its_pronoun_is_still_searched() {
        let text = "Il faut latransposer.";
        let fr = &PRONOUN_OBJECT[&Lang::Fr];
        assert!(fr.is_match(text));
        let gaz = Gazetteer::bundled();
        let cues = gaz
            .find_and(text, |starts, exotic| {
                super::super::cues::of_starts(text, starts, exotic)
            })
            .1;
        assert!(!cues.has(Cue::RoleVerb), "no role verb starts a word here");
        let searched = language_cues(cues, Cue::RoleVerb, Lang::Fr);
        assert!(cued(searched, Cue::RoleVerb, fr, text).is_some());
    }
}
