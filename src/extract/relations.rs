//! Responsibilities: *body X is coordinator / competent authority / supervisor / implements /
//! transposes / prepares the implementation of / follows up EU act Y*, from role trigger words
//! in French, Dutch, English and German, with a confidence and the rule that fired.

use super::context::{Placed, SentenceContext, Source};
use super::cues::{cued, Cue, Cues};
use super::gated::GatedRegex as Regex;
use super::gated::MatchSet;
use super::{Act, Body, Evidence, Responsibility, Role};
use crate::gazetteer::Gazetteer;
use crate::normalise::Sentence;
use std::sync::LazyLock;

/// Trigger patterns, one per role (all languages together; case-insensitive).
static TRIGGERS: LazyLock<Vec<(Role, Regex)>> = LazyLock::new(|| {
    let t = |role, re: &str| {
        (
            role,
            Regex::new(&format!("(?i){re}")).expect("trigger regex"),
        )
    };
    vec![
        t(
            Role::Coordinator,
            r"\b(?:coordinat(?:eur|rice|or|ing)|coördinat(?:or|ie)|coördineert|coördineren|coordonn\w*|koordinat\w*|coordinatie)\b|\bcoordination\b|\bcoördinatiebevoegdhe\w*",
        ),
        t(
            Role::CompetentAuthority,
            r"\b(?:autorités? compétentes?|autorités? nationales? compétentes?|autorité nationale|organismes? compétents?|point d'information central|point de contact|centraal informatiepunt|point de contact unique|point de contact central|bevoegde (?:nationale |centrale )?(?:autoriteit|instantie|overheid)|(?:centraal|één(?:ig)?) contactpunt|competent authorit\w*|single point of contact|national (?:competent )?authority|zuständige (?:nationale )?Behörde|zentrale Anlaufstelle|designated as (?:the )?(?:national )?authority)\b",
        ),
        t(
            Role::Supervisor,
            r"\b(?:supervis\w*|surveillance|contrôle|contrôler|toezicht\w*|controle\w*|marktwaakhond|markttoezicht\w*|oversight|oversee\w*|supervisory|régulateur|Aufsicht\w*|überwach\w*|Marktüberwachung)\b",
        ),
        t(
            Role::Transposes,
            r"\b(?:transpos\w*|omzet\w*|omgezet|om te zetten|zet\w* .{0,60}?\bom\b|umgesetzt|Umsetzung in nationales Recht)\b",
        ),
        t(
            Role::PreparesImplementation,
            r"\b(?:prépar\w*|voorbereid\w*|voor te bereiden|bereid(?:en|t)\b.{0,80}?\bvoor\b|prepar\w*|vorbereit\w*)\b",
        ),
        t(
            Role::FollowsUp,
            r"\b(?:suivi|suivr\w*|suit de près|opvolg\w*|opgevolgd|volg\w* .{0,40}\bop\b|follow(?:s|ed|ing)? up|follow-up|monitor\w*|verfolg\w*)\b|\bpoursuiv\w*\s+(?:ce|le|les|ces|cet)\s+trava\w+|\b(?:dit|het|deze)\s+werk(?:zaamheden)?\s+voort\w*|\bcontinu\w*\s+(?:this|the|that)\s+work\b|\b(?:diese|die)\s+Arbeit\w*\s+fortsetz\w*",
        ),
        t(
            Role::Implements,
            &format!(
                "{}|{OPERATOR_PHRASES}",
                r"\b(?:mises? en (?:œuvre|oeuvre)|mettr\w* en (?:œuvre|oeuvre)|met\w* en (?:œuvre|oeuvre)|appliqu\w*|application|exécution|uitvoer\w*|uitgevoerd|impl[ée]ment\w*|toepass\w*|toegepast|invoering|apply|applies|applied|enforce\w*|Durchführung|durchführ\w*|Anwendung|umsetz\w*|exécut\w*|voer\w* .{0,40}\buit\b|pas(?:sen)?\s+(?:[\p{L}-]+\s+){0,4}?toe|déploi\w*|uitrol\w*|deploy\w*)\b|\b(?:anzuwenden|anwend\w*|umzusetzen|durchgeführt|angewandt|angewendet|toe te passen|uit te voeren)\b"
            ),
        ),
    ]
});

/// Operators: `operated by`, `géré par`, `beheerd door`, `betrieben von` (implementation
/// triggers too).
const OPERATOR_PHRASES: &str = r"\b(?:operated|managed|maintained) by\b|\b(?:gérée?s?|exploitée?s?|opérée?s?) par\b|\b(?:beheerd|uitgebaat|geëxploiteerd) door\b|\b(?:betrieben|verwaltet) (?:von|durch)\b";

/// An operator phrase (see [`OPERATOR_PHRASES`]).
static OPERATED_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){OPERATOR_PHRASES}")).unwrap());

/// Framing phrases: a trigger right after them sets the scene (`dans le cadre de la mise en
/// œuvre …`), it is not the role the sentence gives.
static FRAMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:dans le cadre d[eu]s?|in het kader van|in the context of|as part of|im Rahmen d\w+|en vue d[eu]s?|met het oog op|with a view to)(?:\s+(?:la|l'|le|les|de|het|the|der|die|des))?\s*$").unwrap()
});

/// All trigger patterns in one set, without their word boundaries (Unicode `\b` keeps the
/// regex engine off its fast DFA on accented text) and reduced to what decides whether they
/// match ([`MatchSet`]): one pass tells which roles may occur at all
/// (most sentences have none), so the exact per-role searches run only where they can match.
static TRIGGER_SET: LazyLock<MatchSet> = LazyLock::new(|| {
    MatchSet::new(TRIGGERS.iter().map(|(_, re)| re.as_str()), true, 64 << 20).expect("trigger set")
});

/// The earliest role trigger in a text that is not part of a framing phrase: (role, byte position).
pub fn first_trigger(text: &str) -> Option<(Role, usize)> {
    find_first_trigger(text)
}

/// [`first_trigger`] of a text that holds `cues`: none, without a search, where it holds no
/// trigger's word.
pub fn cued_trigger(text: &str, cues: Cues) -> Option<(Role, usize)> {
    let exact = |t: &str| TRIGGERS.iter().any(|(_, re)| re.is_match(t));
    cued(cues, Cue::RoleTrigger, &exact, text)?;
    find_first_trigger(text)
}

fn find_first_trigger(text: &str) -> Option<(Role, usize)> {
    let roles = TRIGGER_SET.matches(text);
    if !roles.matched_any() {
        return None;
    }
    let found: Vec<(Role, usize)> = TRIGGERS
        .iter()
        .enumerate()
        .filter(|(i, _)| roles.matched(*i))
        .flat_map(|(_, (role, re))| re.find_iter(text).map(move |m| (*role, m.start())))
        .filter(|(_, pos)| !FRAMING.is_match(&text[..*pos]))
        .collect();
    // continuing the work of a kind the text names (`poursuivre le travail d'implémentation`)
    // is doing that kind of work: the trigger after it decides
    let named_work = |pos: usize| {
        super::context::CONTINUE_WORK
            .find_at(text, pos)
            .filter(|m| m.start() == pos)
            .is_some_and(|m| {
                found.iter().any(|(_, p)| {
                    *p >= m.end() && *p <= m.end() + 8 && WORK_OF.is_match(&text[m.end()..*p])
                })
            })
    };
    found
        .iter()
        .copied()
        .filter(|(_, pos)| !named_work(*pos))
        .min_by_key(|(_, pos)| *pos)
}

/// What joins `the work` to the kind of work: `d'`, `de`, `of`, `van`, `der`.
static WORK_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:d'|de |de la |du |des |of |van |der |des |zur |zum )?\s*$").unwrap()
});

fn is_belgian(body: &Body, gaz: &Gazetteer) -> bool {
    match body {
        Body::Known(i) => !matches!(gaz.agencies[*i].level.as_str(), "eu" | "international"),
        _ => true,
    }
}

/// Extracts responsibilities from every sentence.
pub fn responsibilities(
    sentences: &[Sentence],
    contexts: &[SentenceContext],
    gaz: &Gazetteer,
) -> Vec<Responsibility> {
    let mut out = Vec::new();
    for (s, ctx) in sentences.iter().zip(contexts) {
        if s.heading {
            continue;
        }
        let Some((role, tpos)) = ctx.trigger.or(ctx.lead_in_role.map(|role| (role, 0))) else {
            continue;
        };
        let mut bodies: Vec<&Placed<Body>> = ctx
            .bodies
            .iter()
            .filter(|b| is_belgian(&b.item, gaz))
            .collect();
        if bodies.is_empty() {
            continue;
        }
        // the body nearest to the trigger first (named bodies win ties); every body of the
        // sentence gets the fact: co-actors ("avec le ministre de l'Économie", "dont le SPF
        // BOSA, le SPF Intérieur et le CCB") share the responsibility
        let is_co_actor =
            |b: &Placed<Body>| b.source == Source::Named && ctx.co_actors.contains(&b.pos);
        bodies.sort_by_key(|b| {
            (
                is_co_actor(b),
                b.pos.abs_diff(tpos),
                b.source != Source::Named,
            )
        });
        let mut seen_bodies: Vec<&Body> = Vec::new();
        bodies.retain(|b| {
            let fresh = !seen_bodies.contains(&&b.item);
            seen_bodies.push(&b.item);
            fresh
        });
        // a designation (coordinator, competent authority, supervisor) goes to the body it
        // names, not to the first person who reports it (`je veillerai à créer un guichet pour
        // remplir les rôles de l'intégrateur de services en tant qu'organisme compétent`)
        if is_designation(role) && bodies[0].source != Source::FirstPerson {
            bodies.retain(|b| b.source != Source::FirstPerson);
        }
        // `operated by`, `beheerd door` make an operator of the act only when the act is
        // named in the sentence (not the section's act, not an anaphor)
        let operator = OPERATED_BY
            .find_at(&s.text, tpos)
            .is_some_and(|m| m.start() == tpos);
        // continuing the work on an act (`poursuivre ce travail`) is following it up, weakly
        let continued_work = super::context::CONTINUE_WORK
            .find_at(&s.text, tpos)
            .is_some_and(|m| m.start() == tpos);
        let weak = ctx.weak.or(continued_work.then_some("continued-work"));
        let mut acts: Vec<Placed<Act>> = ctx.acts.clone();
        if operator {
            acts.retain(|a| a.source == Source::Named);
        } else if acts.is_empty() && weak.is_none() {
            // the section's act, unless the body is itself only weakly linked (two weak links
            // do not make a fact)
            if let Some(a) = ctx
                .section_act
                .filter(|_| matches!(bodies[0].source, Source::Named | Source::FirstPerson))
            {
                acts.push(Placed {
                    pos: 0,
                    item: a,
                    source: Source::Heading,
                });
            }
        }
        let mut seen = Vec::new();
        for act in acts {
            if seen.contains(&act.item.key) {
                continue;
            }
            seen.push(act.item.key);
            // a regulation applies directly: bringing it "into Belgian law" is implementing it
            // (national measures), never transposing it
            let role = if role == Role::Transposes && act.item.key.typ.is_regulation() {
                Role::Implements
            } else {
                role
            };
            let mut top: Option<f32> = None;
            for (rank, body) in bodies.iter().enumerate() {
                let (confidence, rule) = score(body.source, act.source);
                let co = is_co_actor(body);
                let confidence = confidence
                    - if co {
                        0.1
                    } else if rank > 0 {
                        0.05
                    } else {
                        0.0
                    }
                    - match weak {
                        Some("continued-work") => 0.35,
                        Some(_) => 0.2,
                        None => 0.0,
                    };
                // a co-actor is never surer than the actor it works with
                let confidence = match top {
                    Some(t) if co => confidence.min(t - 0.1),
                    _ => confidence,
                };
                let confidence = (confidence * 100.0).round() / 100.0;
                if rank == 0 {
                    top = Some(confidence);
                }
                out.push(Responsibility {
                    body: body.item.clone(),
                    act: act.item,
                    role,
                    confidence,
                    rule: format!(
                        "trigger:{}+{}{}{}",
                        role.notation(),
                        rule,
                        if co { "+co-actor" } else { "" },
                        weak.map(|w| format!("+{w}")).unwrap_or_default()
                    ),
                    evidence: Evidence::of(s),
                });
            }
        }
    }
    out
}

/// Roles a body is designated for, as opposed to work it does.
fn is_designation(role: Role) -> bool {
    matches!(
        role,
        Role::Coordinator | Role::CompetentAuthority | Role::Supervisor
    )
}

/// Confidence by how body and act were found.
fn score(body: Source, act: Source) -> (f32, &'static str) {
    match (body, act) {
        (Source::Named, Source::Named) => (0.9, "named-body+named-act"),
        (Source::Named, Source::Anaphor) => (0.75, "named-body+anaphoric-act"),
        (Source::Anaphor, Source::Named) => (0.75, "anaphoric-body+named-act"),
        (Source::Named, Source::Heading) => (0.6, "named-body+section-act"),
        (Source::FirstPerson, Source::Named) => (0.7, "signatory+named-act"),
        (Source::FirstPerson, _) => (0.55, "signatory+resolved-act"),
        _ => (0.5, "resolved-body+resolved-act"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::lang::Lang;

    /// (body, CELEX, role, confidence) facts of a one-language text signed by a minister.
    fn scored(text: &str, lang: Lang) -> Vec<(String, String, &'static str, f32)> {
        let g = Gazetteer::bundled();
        let mut doc = Document::new("t.txt", text.to_string(), None);
        doc.signatory = Some("Test Minister".into());
        let n = crate::normalise::normalise(text, crate::normalise::Format::Text, Some(&[lang]));
        let found = super::super::mentions::find_all(&doc, &n.sentences, g);
        let ctx = super::super::context::resolve(&doc, &n.sentences, &found, g);
        let mut out: Vec<(String, String, &'static str, f32)> =
            responsibilities(&n.sentences, &ctx, g)
                .into_iter()
                .map(|r| {
                    let body = match r.body {
                        Body::Known(i) => g.agencies[i].id.clone(),
                        Body::Signatory(_) => "signatory".into(),
                        Body::Unknown(l) => l,
                    };
                    (body, r.act.key.celex(), r.role.notation(), r.confidence)
                })
                .collect();
        out.sort_by(|a, b| (&a.0, &a.1, a.2).cmp(&(&b.0, &b.1, b.2)));
        out
    }

    /// (body, CELEX, role) facts.
    fn facts(text: &str, lang: Lang) -> Vec<(String, String, &'static str)> {
        let mut out: Vec<(String, String, &'static str)> = scored(text, lang)
            .into_iter()
            .map(|(b, a, r, _)| (b, a, r))
            .collect();
        out.dedup();
        out
    }

    fn pairs(text: &str, lang: Lang) -> Vec<(String, String)> {
        let mut p: Vec<(String, String)> = facts(text, lang)
            .into_iter()
            .map(|(b, a, _)| (b, a))
            .collect();
        p.dedup();
        p
    }

    fn pair(b: &str, a: &str) -> (String, String) {
        (b.to_string(), a.to_string())
    }

    fn fact(b: &str, a: &str, r: &'static str) -> (String, String, &'static str) {
        (b.to_string(), a.to_string(), r)
    }

    // --- who acts: co-actor cues ---

    #[test]
    fn with_that_is_not_a_co_actor_cue_keeps_the_body() {
        // `with`/`met`/`mit` governing an act, or the French verb `met`, make no co-actor
        let en = "Compliance with the NIS2 Directive is supervised by the CCB.\n";
        assert_eq!(
            facts(en, Lang::En),
            vec![fact("ccb", "32022L2555", "supervisor")]
        );
        let nl = "In lijn met de NIS2-richtlijn houdt het CCB toezicht op essentiële entiteiten.\n";
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![fact("ccb", "32022L2555", "supervisor")]
        );
        let fr = "L'arrêté royal met le SPF BOSA en charge de l'application du règlement eIDAS.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("bosa", "32014R0910")]);
        let de = "In Übereinstimmung mit der NIS2-Richtlinie überwacht das CCB die wesentlichen Einrichtungen.\n";
        assert_eq!(
            facts(de, Lang::De),
            vec![fact("ccb", "32022L2555", "supervisor")]
        );
        let nl = "Het CCB is belast met het toezicht op de naleving van de NIS2-richtlijn.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("ccb", "32022L2555")]);
    }

    #[test]
    fn a_with_phrase_closed_by_a_comma_leaves_the_subject_acting() {
        let fr = "Avec le SPF Économie, le CCB et l'IBPT mettront en œuvre la directive NIS2.\n";
        let got = scored(fr, Lang::Fr);
        let bodies: Vec<&str> = got.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(bodies, vec!["bipt", "ccb", "fps-economy"], "{got:?}");
        // the co-actor shares the fact, ranked after the actors
        let conf = |b: &str| got.iter().find(|f| f.0 == b).unwrap().3;
        assert!(conf("fps-economy") < conf("ccb"), "{got:?}");
        assert!(conf("fps-economy") < conf("bipt"), "{got:?}");
        // an enumeration that runs to a comma stays in the with-phrase
        let en = "Together with the FPS BOSA, the CCB and the BIPT, we will implement the NIS2 Directive.\n";
        let got = scored(en, Lang::En);
        let top = got.iter().max_by(|a, b| a.3.total_cmp(&b.3)).unwrap();
        assert_eq!(top.0, "signatory", "{got:?}");
    }

    #[test]
    fn lone_co_actors_keep_the_fact_with_less_confidence() {
        let nl = "In samenwerking met de FOD Economie worden campagnes over de DSA uitgevoerd.\n";
        let got = scored(nl, Lang::Nl);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str()),
            ("fps-economy", "32022R2065")
        );
        assert!(got[0].3 < 0.8, "{got:?}");
        let de = "Gemeinsam mit dem BIPT werden Kampagnen zur KI-Verordnung durchgeführt.\n";
        assert_eq!(pairs(de, Lang::De), vec![pair("bipt", "32024R1689")]);
    }

    #[test]
    fn supporters_are_not_actors() {
        let fr =
            "Avec l'appui technique du SPF BOSA, nous transposerons la directive (UE) 2019/1024.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("signatory", "32019L1024")]);
        let en = "With the support of the FPS BOSA, I will implement the Open Data Directive.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("signatory", "32019L1024")]);
        let en = "Together with the Minister of Economy, we will implement the Data Act.\n";
        assert_eq!(
            pairs(en, Lang::En),
            vec![
                pair("minister-economy", "32023R2854"),
                pair("signatory", "32023R2854")
            ]
        );
    }

    // --- who acts: requests ---

    #[test]
    fn the_requester_is_not_the_actor() {
        let fr = "À la demande du SPF Économie, je transposerai la directive (UE) 2019/1024.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("signatory", "32019L1024")]);
        let nl = "Op vraag van de FOD Economie zal ik de richtlijn (EU) 2019/1024 omzetten.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("signatory", "32019L1024")]);
        let en = "At the request of the FPS Economy, I will transpose Directive (EU) 2019/1024.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("signatory", "32019L1024")]);
        let de =
            "Auf Ersuchen des FÖD Wirtschaft werde ich die Richtlinie (EU) 2019/1024 umsetzen.\n";
        assert_eq!(pairs(de, Lang::De), vec![pair("signatory", "32019L1024")]);
    }

    #[test]
    fn the_one_asked_acts_not_the_one_who_asks() {
        let fr = "J'invite l'IBPT à appliquer le règlement sur les services numériques.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("bipt", "32022R2065")]);
        let en = "We will ask the CCB to supervise the NIS2 Directive.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("ccb", "32022L2555")]);
        let de = "Ich werde das BIPT ersuchen, die KI-Verordnung anzuwenden.\n";
        assert_eq!(pairs(de, Lang::De), vec![pair("bipt", "32024R1689")]);
        let nl = "Samen met de minister van Economie zal ik het CCB vragen om de NIS2-richtlijn toe te passen.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("ccb", "32022L2555")]);
    }

    #[test]
    fn designations_go_to_the_body_named_not_the_first_person() {
        let fr = "Je propose que le CCB soit désigné comme autorité compétente pour la directive NIS2.\n";
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![fact("ccb", "32022L2555", "competent-authority")]
        );
        let en = "I will make sure that the service integrator acts as competent authority under the Data Governance Act.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("bosa", "32022R0868")]);
    }

    // --- continuing work is not implementing ---

    #[test]
    fn continuing_the_work_is_no_implementation() {
        let en = "Belgium will continue the work on the AI Act in the Council working party.\n";
        let got = scored(en, Lang::En);
        assert!(got.iter().all(|f| f.2 != "implements"), "{got:?}");
        assert!(got.iter().all(|f| f.3 <= 0.6), "{got:?}");
        let nl = "De Digital Decade-beleidsagenda legt doelen vast. Het BIPT zal dit werk voortzetten.\n";
        let got = scored(nl, Lang::Nl);
        assert!(got.iter().all(|f| f.2 != "implements"), "{got:?}");
    }

    // --- gazetteer: a general idea is no act ---

    #[test]
    fn the_idea_of_a_digital_identity_is_not_the_regulation() {
        let nl = "Het project voor de Europese digitale identiteit wordt beheerd door Smals.\n";
        assert!(pairs(nl, Lang::Nl).is_empty(), "{:?}", pairs(nl, Lang::Nl));
        let de = "Die europäische digitale Identität wird vom FÖD BOSA umgesetzt.\n";
        assert!(pairs(de, Lang::De).is_empty(), "{:?}", pairs(de, Lang::De));
        let fr =
            "Le SPF BOSA mettra en œuvre le cadre européen relatif à une identité numérique.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("bosa", "32024R1183")]);
    }

    // --- continued actions ---

    #[test]
    fn a_continued_action_carries_only_to_co_actors() {
        let nl = "Het CCB zal de NIS2-richtlijn omzetten. Dit gebeurt na advies van de Gegevensbeschermingsautoriteit.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("ccb", "32022L2555")]);
        let fr = "Le SPF BOSA transposera la directive (UE) 2019/1024. Cela se fera avec le CCB.\n";
        let got = scored(fr, Lang::Fr);
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![
                fact("bosa", "32019L1024", "transposes"),
                fact("ccb", "32019L1024", "transposes")
            ]
        );
        let conf = |b: &str| {
            got.iter()
                .filter(|f| f.0 == b)
                .map(|f| f.3)
                .fold(0.0, f32::max)
        };
        assert!(conf("ccb") < conf("bosa"), "{got:?}");
    }

    // --- pronoun objects ---

    #[test]
    fn nouns_are_no_pronoun_objects() {
        let fr = "La directive NIS2 renforce la cybersécurité. Le CCB est chargé de l'exécution du budget.\n";
        assert!(pairs(fr, Lang::Fr).is_empty(), "{:?}", pairs(fr, Lang::Fr));
        let fr = "La directive NIS2 renforce la cybersécurité. Le SPF BOSA suit la transposition des normes techniques.\n";
        assert!(pairs(fr, Lang::Fr).is_empty(), "{:?}", pairs(fr, Lang::Fr));
        let nl = "De NIS2-richtlijn verhoogt de veiligheidseisen. Het CCB helpt organisaties om deze eisen om te zetten in concrete maatregelen.\n";
        assert!(pairs(nl, Lang::Nl).is_empty(), "{:?}", pairs(nl, Lang::Nl));
    }

    #[test]
    fn bringing_a_regulation_into_national_law_is_implementing_it() {
        // a regulation is never transposed; naming the national legal order as the target
        // makes the pronoun point back at it, with the role implements
        let nl = "De AI-verordening is aangenomen. De FOD Economie neemt initiatieven om ze in Belgisch recht om te zetten.\n";
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![fact("fps-economy", "32024R1689", "implements")]
        );
        // without the named legal order, "transpose it" stays directive-only
        let en = "The AI Act has been adopted. The FPS Economy will transpose it.\n";
        assert!(pairs(en, Lang::En).is_empty(), "{:?}", pairs(en, Lang::En));
    }

    #[test]
    fn pronoun_objects_point_back_at_the_act() {
        let nl = "De richtlijn (EU) 2019/1024 moet nog worden omgezet. De FOD BOSA neemt de nodige stappen om deze in Belgisch recht om te zetten.\n";
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![fact("bosa", "32019L1024", "transposes")]
        );
        let fr = "La directive sur les données ouvertes modernise la réutilisation. Le SPF BOSA compte l'appliquer dès cette année.\n";
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![fact("bosa", "32019L1024", "implements")]
        );
        let nl = "De CER-richtlijn beschermt kritieke entiteiten. We passen ze toe in alle federale diensten.\n";
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![fact("signatory", "32022L2557", "implements")]
        );
        let en = "The CER Directive covers critical entities. The NCCN will transpose it.\n";
        assert_eq!(
            facts(en, Lang::En),
            vec![fact("nccn", "32022L2557", "transposes")]
        );
    }

    // --- `ce texte` ---

    #[test]
    fn this_text_stays_near_and_stops_at_a_national_text() {
        let fr = "La directive NIS2 est entrée en vigueur. Le Parlement a adopté un projet de loi sur la cybersécurité. Le SPF BOSA est chargé d'appliquer ce texte.\n";
        assert!(pairs(fr, Lang::Fr).is_empty(), "{:?}", pairs(fr, Lang::Fr));
        let fr = "Le règlement sur l'IA a été adopté. Il vise la sécurité. Il vise la confiance. Il vise l'innovation. Il vise les droits. Le SPF Économie assure la mise en œuvre de ce texte.\n";
        assert!(pairs(fr, Lang::Fr).is_empty(), "{:?}", pairs(fr, Lang::Fr));
        let en = "The Data Act was adopted in 2023. The BIPT will apply this text from September 2025.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("bipt", "32023R2854")]);
    }

    // --- lists and their lead-ins ---

    #[test]
    fn a_bodiless_lead_in_borrows_only_a_first_person_or_government_subject() {
        let fr = "Le CCB a publié son rapport annuel. D'ici 2026, plusieurs directives devront être transposées, à savoir:\n\n• la directive NIS2;\n• la directive CER;\n";
        assert!(pairs(fr, Lang::Fr).is_empty(), "{:?}", pairs(fr, Lang::Fr));
        let nl = "De regering werkt aan een veiligheidsstrategie. Daartoe zullen meerdere richtlijnen worden omgezet, namelijk:\n\n• de NIS2-richtlijn;\n• de CER-richtlijn.\n";
        let got = scored(nl, Lang::Nl);
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![
                fact("federal government", "32022L2555", "transposes"),
                fact("federal government", "32022L2557", "transposes")
            ]
        );
        assert!(got.iter().all(|f| f.3 < 0.75), "{got:?}");
    }

    // --- operators and classes of governments ---

    #[test]
    fn operators_need_the_act_in_their_sentence() {
        let en = "The national INSPIRE geoportal is operated by the NGI.\n";
        assert_eq!(
            facts(en, Lang::En),
            vec![fact("ngi", "32007L0002", "implements")]
        );
        let en = "The INSPIRE geoportal is run by the NGI.\n";
        assert!(pairs(en, Lang::En).is_empty(), "{:?}", pairs(en, Lang::En));
        let md = "## INSPIRE Directive\n\nThe national geoportal is operated by the NGI.\n";
        assert!(pairs(md, Lang::En).is_empty(), "{:?}", pairs(md, Lang::En));
    }

    #[test]
    fn classes_of_governments_are_one_body_in_every_language() {
        let id = "regional-community-governments";
        let de = "Die Regional- und Gemeinschaftsregierungen müssen die Richtlinie (EU) 2019/1024 umsetzen.\n";
        assert_eq!(pairs(de, Lang::De), vec![pair(id, "32019L1024")]);
        let fr = "Les gouvernements régionaux et communautaires transposeront la directive (UE) 2019/1024.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair(id, "32019L1024")]);
        let nl = "Ook de gewest- en gemeenschapsregeringen moeten de richtlijn (EU) 2019/1024 omzetten.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair(id, "32019L1024")]);
        let en =
            "The community and regional governments must transpose Directive (EU) 2019/1024.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair(id, "32019L1024")]);
        // the governments of the German Länder are no Belgian class of bodies
        let de = "Die Landesregierungen müssen die Richtlinie (EU) 2019/1024 umsetzen.\n";
        assert!(pairs(de, Lang::De).is_empty(), "{:?}", pairs(de, Lang::De));
    }

    #[test]
    fn a_numbered_title_in_capitals_closes_the_section_of_an_act() {
        let nl = "De cyberweerbaarheidsverordening\n\nDe verordening verbetert de beveiliging van producten.\n\nD. EEN VEILIGE DIGITALE SAMENLEVING\n\nDeze ontwikkeling volg ik op met de FOD Economie.\n";
        assert!(pairs(nl, Lang::Nl).is_empty(), "{:?}", pairs(nl, Lang::Nl));
    }

    #[test]
    fn continuing_a_named_kind_of_work_is_that_work() {
        assert_eq!(
            first_trigger("nous poursuivrons le travail de transposition de la directive")
                .unwrap()
                .0,
            Role::Transposes
        );
        assert_eq!(
            first_trigger("We will continue the work of implementing the Data Act")
                .unwrap()
                .0,
            Role::Implements
        );
        assert_eq!(
            first_trigger("Het BIPT zal dit werk voortzetten in de Raad")
                .unwrap()
                .0,
            Role::FollowsUp
        );
    }

    #[test]
    fn earliest_trigger_decides_the_role() {
        assert_eq!(
            first_trigger("les compétences de contrôle et de coordination seront confiées")
                .unwrap()
                .0,
            Role::Supervisor
        );
        assert_eq!(
            first_trigger("l'IBPT a été désigné comme coordinateur pour la Belgique")
                .unwrap()
                .0,
            Role::Coordinator
        );
        assert_eq!(
            first_trigger("Het BIPT is bevoegde autoriteit").unwrap().0,
            Role::CompetentAuthority
        );
        assert_eq!(
            first_trigger("the Law transposing Directive 2014/55/EU")
                .unwrap()
                .0,
            Role::Transposes
        );
        assert_eq!(
            first_trigger("De FOD Economie blijft lopende initiatieven opvolgen")
                .unwrap()
                .0,
            Role::FollowsUp
        );
        assert_eq!(
            first_trigger("assurer la mise en œuvre de ce texte")
                .unwrap()
                .0,
            Role::Implements
        );
        assert!(
            first_trigger("Le Digital Services Act renforce la protection des consommateurs.")
                .is_none()
        );
        let framed = "Dans le cadre de la mise en œuvre au niveau national des initiatives, les compétences de contrôle seront confiées à l'IBPT";
        assert_eq!(first_trigger(framed).unwrap().0, Role::Supervisor);
    }
}
