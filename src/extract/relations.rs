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
            r"\b(?:autorités? compétentes?|autorité nationale|organismes? compétents?|point d'information central|point de contact|centraal informatiepunt|point de contact unique|point de contact central|bevoegde (?:autoriteit|instantie|overheid)|(?:centraal|één(?:ig)?) contactpunt|competent authorit\w*|single point of contact|national (?:competent )?authority|zuständige Behörde|zentrale Anlaufstelle|designated as (?:the )?(?:national )?authority)\b",
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
            r"\b(?:mises? en (?:œuvre|oeuvre)|mettr\w* en (?:œuvre|oeuvre)|met\w* en (?:œuvre|oeuvre)|appliqu\w*|application|exécution|uitvoer\w*|uitgevoerd|impl[ée]ment\w*|toepass\w*|toegepast|invoering|apply|applies|applied|enforce\w*|Durchführung|durchführ\w*|Anwendung|umsetz\w*|exécut\w*|voer\w* .{0,40}\buit\b|déploi\w*|uitrol\w*|deploy\w*)\b",
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
        let Some((role, tpos)) = first_trigger(&s.text) else {
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
