//! Responsibilities: *body X is coordinator / competent authority / supervisor / implements /
//! transposes / prepares the implementation of / follows up EU act Y*, from role trigger words
//! in French, Dutch, English and German, with a confidence and the rule that fired.

use super::context::{Placed, SentenceContext, Source};
use super::{Act, Body, Evidence, Responsibility, Role};
use crate::gazetteer::Gazetteer;
use crate::normalise::Sentence;
use regex::Regex;
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
            r"\b(?:suivi|suivr\w*|suit de près|opvolg\w*|opgevolgd|volg\w* .{0,40}\bop\b|follow(?:s|ed|ing)? up|follow-up|monitor\w*|verfolg\w*)\b",
        ),
        t(
            Role::Implements,
            r"\b(?:mises? en (?:œuvre|oeuvre)|mettr\w* en (?:œuvre|oeuvre)|met\w* en (?:œuvre|oeuvre)|appliqu\w*|application|exécution|uitvoer\w*|uitgevoerd|impl[ée]ment\w*|toepass\w*|toegepast|invoering|apply|applies|applied|enforce\w*|Durchführung|durchführ\w*|Anwendung|umsetz\w*|exécut\w*|voer\w* .{0,40}\buit\b|déploi\w*|uitrol\w*|deploy\w*)\b|\bpoursuiv\w*\s+(?:ce|le|les|ces)\s+trava\w+|\b(?:dit|het|deze)\s+werk(?:zaamheden)?\s+voort\w*|\bcontinu\w*\s+(?:this|the)\s+work\b|\bdiese Arbeit fortsetz\w*|\b(?:operated|managed|run|maintained) by\b|\b(?:gérée?s?|exploitée?s?|opérée?s?) par\b|\b(?:beheerd|uitgebaat|geëxploiteerd) door\b|\b(?:betrieben|verwaltet) (?:von|durch)\b",
        ),
    ]
});

/// Framing phrases: a trigger right after them sets the scene (`dans le cadre de la mise en
/// œuvre …`), it is not the role the sentence gives.
static FRAMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:dans le cadre d[eu]s?|in het kader van|in the context of|as part of|im Rahmen d\w+|en vue d[eu]s?|met het oog op|with a view to)(?:\s+(?:la|l'|le|les|de|het|the|der|die|des))?\s*$").unwrap()
});

/// The earliest role trigger in a text that is not part of a framing phrase: (role, byte position).
pub fn first_trigger(text: &str) -> Option<(Role, usize)> {
    TRIGGERS
        .iter()
        .flat_map(|(role, re)| re.find_iter(text).map(move |m| (*role, m.start())))
        .filter(|(_, pos)| !FRAMING.is_match(&text[..*pos]))
        .min_by_key(|(_, pos)| *pos)
}

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
        let Some((role, tpos)) = first_trigger(&s.text).or(ctx.lead_in_role.map(|role| (role, 0)))
        else {
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
        bodies.sort_by_key(|b| (b.pos.abs_diff(tpos), b.source != Source::Named));
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
        let mut acts: Vec<Placed<Act>> = ctx.acts.clone();
        if acts.is_empty() {
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
            for (rank, body) in bodies.iter().enumerate() {
                let (confidence, rule) = score(body.source, act.source);
                let confidence = if rank == 0 {
                    confidence
                } else {
                    confidence - 0.1
                };
                out.push(Responsibility {
                    body: body.item.clone(),
                    act: act.item,
                    role,
                    confidence,
                    rule: format!(
                        "trigger:{}+{}{}",
                        role.notation(),
                        rule,
                        if rank == 0 { "" } else { "+co-actor" }
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

    /// (body, CELEX, role) facts of a one-language text signed by a minister.
    fn facts(text: &str, lang: Lang) -> Vec<(String, String, &'static str)> {
        let g = Gazetteer::bundled();
        let mut doc = Document::new("t.txt", text.to_string(), None);
        doc.signatory = Some("Test Minister".into());
        let n = crate::normalise::normalise(text, crate::normalise::Format::Text, Some(&[lang]));
        let found = super::super::mentions::find_all(&doc, &n.sentences, g);
        let ctx = super::super::context::resolve(&doc, &n.sentences, &found, g);
        let mut out: Vec<(String, String, &'static str)> = responsibilities(&n.sentences, &ctx, g)
            .into_iter()
            .map(|r| {
                let body = match r.body {
                    Body::Known(i) => g.agencies[i].id.clone(),
                    Body::Signatory(_) => "signatory".into(),
                    Body::Unknown(l) => l,
                };
                (body, r.act.key.celex(), r.role.notation())
            })
            .collect();
        out.sort();
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

    #[test]
    fn the_one_who_asks_is_not_the_actor() {
        let fr = "Le 11 avril 2024, l'Union européenne a établi un cadre pour une identité numérique européenne.\n\nDans ce contexte, avec le ministre de l'Économie, je demanderai au SPF Économie:\n\n— de prendre les initiatives nécessaires en vue d'assurer la mise en œuvre de ce texte en droit belge avec les administrations concernées (dont le SPF BOSA et le CCB);\n";
        assert_eq!(
            pairs(fr, Lang::Fr),
            vec![
                pair("bosa", "32024R1183"),
                pair("ccb", "32024R1183"),
                pair("fps-economy", "32024R1183")
            ]
        );
        let nl = "Ik vraag het BIPT om zich voor te bereiden op zijn rol als marktwaakhond voor de AI Act.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("bipt", "32024R1689")]);
        let en =
            "With the Minister of Economy, I will ask the FPS Economy to implement the Data Act.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("fps-economy", "32023R2854")]);
    }

    #[test]
    fn supporters_and_lone_co_actors_are_not_actors() {
        let fr = "C'est pourquoi, en m'appuyant sur l'expertise du SPF BOSA, je souhaite:\n\n• adopter un arrêté royal pour exécuter la directive PSI;\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("signatory", "32019L1024")]);
        let nl =
            "Daarom wil ik, met de expertise van FOD BOSA, het Europese PSI-reglement uitvoeren.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("signatory", "32019L1024")]);
        // co-actors with no actor: nobody named here implements
        let fr = "Le Digital Services Act (DSA)\n\nEn collaboration avec mes collègues le ministre de l'Économie, le ministre de la Protection des consommateurs et la ministre des PME, des campagnes pourront être mises en œuvre dans le cadre du DSA.\n";
        assert!(pairs(fr, Lang::Fr).is_empty(), "{:?}", pairs(fr, Lang::Fr));
        let nl = "In samenwerking met de minister van Economie kunnen campagnes rond de DSA worden uitgevoerd.\n";
        assert!(pairs(nl, Lang::Nl).is_empty(), "{:?}", pairs(nl, Lang::Nl));
        // co-actors of an actor share the fact
        let en = "Together with the Minister of Economy, we will implement the Data Act.\n";
        assert_eq!(
            pairs(en, Lang::En),
            vec![
                pair("minister-economy", "32023R2854"),
                pair("signatory", "32023R2854")
            ]
        );
    }

    #[test]
    fn designations_go_to_the_body_named_not_the_first_person() {
        let fr = "Je veillerai à créer un guichet pour remplir les rôles de l'intégrateur de services en tant qu'autorité nationale compétente pour la loi sur l'interopérabilité.\n";
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![("bosa".into(), "32024R0903".into(), "competent-authority")]
        );
        let nl = "Daarom zal ik een loket oprichten om de rollen van dienstenintegrator te vervullen als bevoegde nationale autoriteit voor de interoperabiliteitswet.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("bosa", "32024R0903")]);
    }

    #[test]
    fn list_items_take_the_role_of_a_lead_in_and_a_subject_before_it() {
        let fr = "Le gouvernement mettra en place une stratégie fédérale de sécurité.\n\nPour atteindre ces objectifs, plusieurs actions seront mises en œuvre, à savoir:\n\n• la généralisation des protocoles de sécurité, conformément à la réglementation NIS2;\n";
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![(
                "federal government".into(),
                "32022L2555".into(),
                "implements"
            )]
        );
        let nl = "Om deze doelstellingen te bereiken, zullen verschillende acties worden uitgevoerd, zoals:\n\n• we gebruiken overal beveiligingsprotocollen overeenkomstig de NIS2-richtlijn.\n";
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![("signatory".into(), "32022L2555".into(), "implements")]
        );
    }

    #[test]
    fn demonstratives_point_back_at_the_act() {
        let nl = "Het programma Digital Decade Policy Programme (DDPP) stelt doelstellingen voor 2030.\n\nDe regering zal dit werk voortzetten ter voorbereiding van de roadmap 2025.\n";
        assert_eq!(
            pairs(nl, Lang::Nl),
            vec![pair("federal government", "32022D2481")]
        );
        let fr = "Le règlement sur l'IA est entré en vigueur. Je prends toutes les initiatives nécessaires en vue d'assurer la mise en œuvre de ce texte ambitieux en droit belge.\n";
        assert_eq!(pairs(fr, Lang::Fr), vec![pair("signatory", "32024R1689")]);
    }

    #[test]
    fn pronoun_objects_and_continued_actions() {
        let nl = "De Europese Unie heeft een kader vastgesteld voor een Europese digitale identiteit.\n\nIn deze context zal ik de FOD Economie oproepen:\n\n— enerzijds alle nodige initiatieven te nemen om dit in Belgisch recht om te zetten.\nDit gebeurt samen met de betrokken administraties, zoals FOD BOSA en het CCB;\n";
        assert_eq!(
            facts(nl, Lang::Nl),
            vec![
                ("bosa".into(), "32024R1183".into(), "transposes"),
                ("ccb".into(), "32024R1183".into(), "transposes"),
                ("fps-economy".into(), "32024R1183".into(), "transposes")
            ]
        );
        let en = "The NIS2 Directive raises security requirements. The FPS BOSA will implement it across federal services.\n";
        assert_eq!(pairs(en, Lang::En), vec![pair("bosa", "32022L2555")]);
        let fr = "La directive NIS2 renforce les exigences de sécurité. Le SPF BOSA est chargé de la transposer.\n";
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![("bosa".into(), "32022L2555".into(), "transposes")]
        );
        let fr = "Le programme Digital Decade Policy Programme (DDPP) fixe des objectifs pour 2030. Le gouvernement poursuivra ce travail en vue de l'élaboration de la feuille de route 2025.\n";
        assert_eq!(
            facts(fr, Lang::Fr),
            vec![(
                "federal government".into(),
                "32022D2481".into(),
                "implements"
            )]
        );
    }

    #[test]
    fn operators_and_classes_of_governments() {
        let en = "Geo.be is a federal portal listing INSPIRE datasets and services, operated by the NGI.\n";
        assert_eq!(
            facts(en, Lang::En),
            vec![("ngi".into(), "32007L0002".into(), "implements")]
        );
        let en = "Regional and community governments too were required to transpose the directive on the reuse of public sector information.\n";
        assert_eq!(
            facts(en, Lang::En),
            vec![(
                "Regional and community governments".into(),
                "32019L1024".into(),
                "transposes"
            )]
        );
        let nl = "Het portaal voor de INSPIRE-richtlijn wordt beheerd door het NGI.\n";
        assert_eq!(pairs(nl, Lang::Nl), vec![pair("ngi", "32007L0002")]);
    }

    #[test]
    fn a_title_in_capitals_closes_the_section_of_an_act() {
        let nl = "De cyberweerbaarheidsverordening\n\nDe Cyber Resilience Act verbetert de beveiliging van producten.\n\nC. NAAR EEN GESTRUCTUREERDE EN EERLIJKE GEGEVENSMARKT\n\nDeze ontwikkeling volg ik nauwgezet op met de FOD Economie.\n";
        assert!(pairs(nl, Lang::Nl).is_empty(), "{:?}", pairs(nl, Lang::Nl));
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
