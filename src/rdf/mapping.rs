//! Mapping to RDF: a document's extraction becomes the quads of its named graph; the
//! gazetteer becomes the reference graph. Identifiers are stable across runs (no blank nodes).

use super::vocab::*;
use crate::document::{slug, Document};
use crate::extract::belgian_law::Transposition;
use crate::extract::stewardship::Stewardship;
use crate::extract::temporal::{GrainDate, TemporalKind, TemporalValue};
use crate::extract::{
    Act, Body, Deadline, Evidence, Extraction, Mentioned, Responsibility, Subject,
};
use crate::gazetteer::{ActType, Gazetteer};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// Collects the quads of one graph.
pub struct GraphBuilder {
    pub graph: GraphName,
    pub quads: Vec<Quad>,
    /// The evidence nodes described so far, by character span: a sentence that supports
    /// several facts is described once (a second description would repeat every statement).
    evidence: rustc_hash::FxHashMap<(usize, usize), NamedNode>,
    /// Bodies, acts and instants described so far: each is described once (likewise).
    bodies: rustc_hash::FxHashSet<Body>,
    acts: rustc_hash::FxHashSet<Act>,
    instants: rustc_hash::FxHashMap<GrainDate, NamedNode>,
}

impl GraphBuilder {
    pub fn new(graph: NamedNode) -> Self {
        GraphBuilder {
            graph: graph.into(),
            quads: Vec::new(),
            evidence: Default::default(),
            bodies: Default::default(),
            acts: Default::default(),
            instants: Default::default(),
        }
    }
    pub fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o, self.graph.clone()));
    }
    fn typed(&mut self, s: &NamedNode, classes: &[(&str, &str)]) {
        for (ns, local) in classes {
            self.add(s, iri(RDF, "type"), iri(ns, local));
        }
    }
    fn label(&mut self, s: &NamedNode, text: &str, lang: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.add(
            s,
            iri(SKOS, "prefLabel"),
            Literal::new_language_tagged_literal_unchecked(text.trim(), lang),
        );
    }
    fn alt_labels(&mut self, s: &NamedNode, list: &str) {
        for v in list.split('|').map(str::trim).filter(|v| !v.is_empty()) {
            self.add(s, iri(SKOS, "altLabel"), Literal::new_simple_literal(v));
        }
    }
}

fn typed_literal(value: impl Into<String>, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, iri(XSD, datatype))
}

/// IRIs of the things we talk about.
pub struct Iris<'a> {
    pub minter: &'a Minter,
    pub gaz: &'a Gazetteer,
}

impl Iris<'_> {
    pub fn agency(&self, i: usize) -> NamedNode {
        self.minter.id("agency", &self.gaz.agencies[i].id)
    }
    pub fn body(&self, b: &Body) -> NamedNode {
        match b {
            Body::Known(i) => self.agency(*i),
            Body::Signatory(name) => self.minter.id("agency", &format!("person-{}", slug(name))),
            Body::Unknown(label) => self.minter.id("agency", &format!("x-{}", slug(label))),
        }
    }
    pub fn act(&self, a: &Act) -> NamedNode {
        NamedNode::new_unchecked(a.key.eli())
    }
    pub fn region(&self, i: usize) -> NamedNode {
        let r = &self.gaz.regions[i];
        if !r.nuts.is_empty() {
            iri(NUTS, &r.nuts)
        } else if r.id == "be" {
            iri(COUNTRY, "BEL")
        } else {
            self.minter.id("region", &r.id)
        }
    }
    pub fn initiative(&self, i: usize) -> NamedNode {
        self.minter.id("initiative", &self.gaz.initiatives[i].id)
    }
    pub fn document(&self, doc: &Document) -> NamedNode {
        self.minter.id("document", &doc.id)
    }
}

fn resource_type(t: ActType) -> &'static str {
    match t {
        ActType::Regulation | ActType::DelegatedRegulation => "REG",
        ActType::ImplementingRegulation => "REG_IMPL",
        ActType::Directive => "DIR",
        ActType::ImplementingDirective => "DIR_IMPL",
        ActType::Decision => "DEC",
    }
}

/// The reference graph: every gazetteer entity with its labels and identifiers.
pub fn reference_quads(minter: &Minter, gaz: &Gazetteer) -> Vec<Quad> {
    let iris = Iris { minter, gaz };
    let mut g = GraphBuilder::new(minter.reference_graph());
    for (i, r) in gaz.regions.iter().enumerate() {
        let s = iris.region(i);
        g.typed(&s, &[(PG, "Region"), (DCTERMS, "Location")]);
        g.label(&s, &r.label_en, "en");
        g.label(&s, &r.label_fr, "fr");
        g.label(&s, &r.label_nl, "nl");
        g.label(&s, &r.label_de, "de");
        g.add(
            &s,
            iri(SKOS, "notation"),
            Literal::new_simple_literal(&r.id),
        );
    }
    for (i, a) in gaz.agencies.iter().enumerate() {
        let s = iris.agency(i);
        g.typed(
            &s,
            &[
                (PG, "Agency"),
                (M8G, "PublicOrganisation"),
                (ORG, "Organization"),
            ],
        );
        g.label(&s, &a.label_en, "en");
        g.label(&s, &a.label_fr, "fr");
        g.label(&s, &a.label_nl, "nl");
        g.label(&s, &a.label_de, "de");
        g.alt_labels(&s, &a.acronyms);
        g.alt_labels(&s, &a.variants);
        g.add(
            &s,
            iri(SKOS, "notation"),
            Literal::new_simple_literal(&a.id),
        );
        if !a.level.is_empty() {
            g.add(&s, iri(PG, "level"), Literal::new_simple_literal(&a.level));
        }
        if let Some(r) = gaz.region_by_id(&a.region) {
            g.add(&s, iri(DCTERMS, "spatial"), iris.region(r));
        }
        if a.kbo.len() == 10 && a.kbo.bytes().all(|b| b.is_ascii_digit()) {
            g.add(&s, iri(OWL, "sameAs"), iri(BELGIF_ORG, &a.kbo));
        }
        if !a.ovo.is_empty() {
            g.add(&s, iri(OWL, "sameAs"), iri(OVO, &a.ovo));
        }
        if let Some(p) = gaz.agency_by_id(&a.parent) {
            g.add(&s, iri(ORG, "subOrganizationOf"), iris.agency(p));
        }
    }
    for a in &gaz.acts {
        let Some(key) = a.key() else { continue };
        let s = NamedNode::new_unchecked(key.eli());
        g.typed(&s, &[(PG, "EUAct"), (ELI, "LegalResource")]);
        g.add(
            &s,
            iri(PG, "celex"),
            Literal::new_simple_literal(key.celex()),
        );
        g.add(
            &s,
            iri(ELI, "id_local"),
            Literal::new_simple_literal(key.celex()),
        );
        g.add(
            &s,
            iri(ELI, "type_document"),
            iri(RESOURCE_TYPE, resource_type(key.typ)),
        );
        g.add(
            &s,
            iri(PG, "citation"),
            Literal::new_simple_literal(key.citation()),
        );
        g.label(&s, &a.label_en, "en");
        g.label(&s, &a.label_fr, "fr");
        g.label(&s, &a.label_nl, "nl");
        g.label(&s, &a.label_de, "de");
        g.alt_labels(&s, &a.acronyms);
        g.add(
            &s,
            iri(SKOS, "notation"),
            Literal::new_simple_literal(&a.id),
        );
    }
    for (i, ini) in gaz.initiatives.iter().enumerate() {
        let s = iris.initiative(i);
        g.typed(&s, &[(PG, "Initiative")]);
        g.add(
            &s,
            iri(SKOS, "prefLabel"),
            Literal::new_simple_literal(&ini.label),
        );
        g.alt_labels(&s, &ini.variants);
        if !ini.kind.is_empty() {
            g.add(
                &s,
                iri(PG, "initiativeKind"),
                Literal::new_simple_literal(&ini.kind),
            );
        }
        if let Some(o) = gaz.agency_by_id(&ini.owner) {
            g.add(&s, iri(PG, "managedBy"), iris.agency(o));
        }
        if let Some(r) = gaz.region_by_id(&ini.region) {
            g.add(&s, iri(DCTERMS, "spatial"), iris.region(r));
        }
    }
    g.quads
}

/// The quads of one document's graph.
pub fn document_quads(
    minter: &Minter,
    gaz: &Gazetteer,
    doc: &Document,
    ex: &Extraction,
) -> Vec<Quad> {
    let iris = Iris { minter, gaz };
    let mut g = GraphBuilder::new(minter.graph(&doc.id));
    // room for the quads, as the seeds' graphs come out (about 20 per fact with its evidence,
    // a few per mention), so that the vector of quads rarely moves as it grows
    let facts = ex.responsibilities.len()
        + ex.deadlines.len()
        + ex.transpositions.len()
        + ex.stewardships.len();
    g.quads.reserve(16 + 4 * ex.mentions.len() + 24 * facts);
    let d = iris.document(doc);
    g.typed(&d, &[(PG, "Document"), (FOAF, "Document")]);
    g.add(
        &d,
        iri(PG, "fileName"),
        Literal::new_simple_literal(&doc.file_name),
    );
    if let Some(t) = &doc.title {
        g.add(&d, iri(DCTERMS, "title"), Literal::new_simple_literal(t));
    }
    if let Some(y) = doc.year {
        g.add(
            &d,
            iri(DCTERMS, "issued"),
            typed_literal(y.to_string(), "gYear"),
        );
    }
    for l in &doc.languages {
        g.add(
            &d,
            iri(DCTERMS, "language"),
            Literal::new_simple_literal(l.code()),
        );
    }
    if let Some(x) = &doc.genre {
        g.add(&d, iri(PG, "genre"), Literal::new_simple_literal(x));
    }
    if let Some(x) = &doc.publisher {
        g.add(&d, iri(PG, "publisherName"), Literal::new_simple_literal(x));
    }
    if let Some(name) = &doc.signatory {
        let b = Body::Signatory(name.clone());
        g.add(&d, iri(PG, "signatory"), iris.body(&b));
        describe_body(&mut g, &iris, &b);
    }
    for m in &ex.mentions {
        let o = match m {
            Mentioned::Body(b) => {
                describe_body(&mut g, &iris, b);
                iris.body(b)
            }
            Mentioned::Act(a) => {
                describe_act(&mut g, &iris, a);
                iris.act(a)
            }
            Mentioned::Initiative(i) => iris.initiative(*i),
            Mentioned::Region(i) => iris.region(*i),
        };
        g.add(&d, iri(PG, "mentions"), o);
    }
    for r in &ex.responsibilities {
        responsibility(&mut g, &iris, doc, &d, r);
    }
    for dl in &ex.deadlines {
        deadline(&mut g, &iris, doc, &d, dl);
    }
    for t in &ex.transpositions {
        transposition(&mut g, &iris, doc, &d, t);
    }
    for st in &ex.stewardships {
        stewardship(&mut g, &iris, doc, &d, st);
    }
    dedup_quads(g.quads)
}

/// The same statement can be found twice (e.g. a body named twice): keeps the first copy.
/// The quads of one document share its graph name: they are compared without it.
fn dedup_quads(mut quads: Vec<Quad>) -> Vec<Quad> {
    debug_assert!(quads.windows(2).all(|w| w[0].graph_name == w[1].graph_name));
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(quads.len());
    let first: Vec<bool> = quads.iter().map(|q| seen.insert(Statement(q))).collect();
    drop(seen);
    let mut first = first.into_iter();
    quads.retain(|_| first.next().unwrap_or(false));
    quads
}

/// A quad's statement (its graph aside), compared whole but hashed by the length and last
/// bytes of each term's text: a document's terms share long beginnings (namespaces, the
/// document's own IRIs, the words of a sentence's quotation) and differ at their ends, and
/// hashing every byte of every quoted sentence cost a sixth of the mapping.
struct Statement<'a>(&'a Quad);

impl PartialEq for Statement<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0, other.0);
        a.subject == b.subject && a.predicate == b.predicate && a.object == b.object
    }
}

impl Eq for Statement<'_> {}

impl std::hash::Hash for Statement<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let q = self.0;
        let subject = match &q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str(),
            oxigraph::model::NamedOrBlankNode::BlankNode(b) => b.as_str(),
        };
        let object = match &q.object {
            Term::NamedNode(n) => n.as_str(),
            Term::BlankNode(b) => b.as_str(),
            Term::Literal(l) => l.value(),
            #[allow(unreachable_patterns)]
            _ => "",
        };
        for text in [subject, q.predicate.as_str(), object] {
            let tail = &text.as_bytes()[text.len().saturating_sub(16)..];
            h.write_usize(text.len());
            h.write(tail);
        }
    }
}

/// Entities that the reference graph does not describe get their type and label here.
fn describe_body(g: &mut GraphBuilder, iris: &Iris, b: &Body) {
    if matches!(b, Body::Known(_)) || !g.bodies.insert(b.clone()) {
        return;
    }
    let s = iris.body(b);
    match b {
        Body::Known(_) => {}
        Body::Signatory(name) => {
            g.typed(&s, &[(PG, "Agency"), (FOAF, "Agent")]);
            g.add(
                &s,
                iri(SKOS, "prefLabel"),
                Literal::new_simple_literal(name),
            );
        }
        Body::Unknown(label) => {
            g.typed(
                &s,
                &[
                    (PG, "Agency"),
                    (M8G, "PublicOrganisation"),
                    (ORG, "Organization"),
                ],
            );
            g.add(
                &s,
                iri(SKOS, "prefLabel"),
                Literal::new_simple_literal(label),
            );
        }
    }
}

fn describe_act(g: &mut GraphBuilder, iris: &Iris, a: &Act) {
    if a.known.is_some() || !g.acts.insert(*a) {
        return;
    }
    let s = iris.act(a);
    g.typed(&s, &[(PG, "EUAct"), (ELI, "LegalResource")]);
    g.add(
        &s,
        iri(PG, "celex"),
        Literal::new_simple_literal(a.key.celex()),
    );
    g.add(
        &s,
        iri(ELI, "id_local"),
        Literal::new_simple_literal(a.key.celex()),
    );
    g.add(
        &s,
        iri(ELI, "type_document"),
        iri(RESOURCE_TYPE, resource_type(a.key.typ)),
    );
    g.add(
        &s,
        iri(PG, "citation"),
        Literal::new_simple_literal(a.key.citation()),
    );
    g.add(
        &s,
        iri(SKOS, "prefLabel"),
        Literal::new_language_tagged_literal_unchecked(a.key.citation(), "en"),
    );
}

fn evidence(
    g: &mut GraphBuilder,
    iris: &Iris,
    doc: &Document,
    d: &NamedNode,
    e: &Evidence,
) -> NamedNode {
    if let Some(ev) = g.evidence.get(&(e.start_char, e.end_char)) {
        return ev.clone();
    }
    let ev = iris.minter.id(
        "evidence",
        &format!("{}/{}-{}", doc.id, e.start_char, e.end_char),
    );
    g.typed(&ev, &[(PG, "Evidence"), (OA, "SpecificResource")]);
    g.add(&ev, iri(OA, "hasSource"), d.clone());
    g.add(
        &ev,
        iri(PG, "line"),
        typed_literal(e.line.to_string(), "integer"),
    );
    g.add(
        &ev,
        iri(DCTERMS, "language"),
        Literal::new_simple_literal(e.lang.code()),
    );
    let pos = NamedNode::new_unchecked(format!("{}-position", ev.as_str()));
    g.add(&ev, iri(OA, "hasSelector"), pos.clone());
    g.typed(&pos, &[(OA, "TextPositionSelector")]);
    g.add(
        &pos,
        iri(OA, "start"),
        typed_literal(e.start_char.to_string(), "nonNegativeInteger"),
    );
    g.add(
        &pos,
        iri(OA, "end"),
        typed_literal(e.end_char.to_string(), "nonNegativeInteger"),
    );
    let quote = NamedNode::new_unchecked(format!("{}-quote", ev.as_str()));
    g.add(&ev, iri(OA, "hasSelector"), quote.clone());
    g.typed(&quote, &[(OA, "TextQuoteSelector")]);
    g.add(
        &quote,
        iri(OA, "exact"),
        Literal::new_language_tagged_literal_unchecked(&e.text, e.lang.code()),
    );
    g.evidence.insert((e.start_char, e.end_char), ev.clone());
    ev
}

fn responsibility(
    g: &mut GraphBuilder,
    iris: &Iris,
    doc: &Document,
    d: &NamedNode,
    r: &Responsibility,
) {
    describe_body(g, iris, &r.body);
    let body = iris.body(&r.body);
    let act = iris.act(&r.act);
    let id = digest(&[
        body.as_str(),
        act.as_str(),
        r.role.notation(),
        &r.evidence.start_char.to_string(),
    ]);
    let s = iris
        .minter
        .id("responsibility", &format!("{}/{id}", doc.id));
    g.typed(&s, &[(PG, "Responsibility")]);
    g.add(&s, iri(PG, "body"), body);
    g.add(&s, iri(PG, "act"), act);
    g.add(&s, iri(PG, "role"), iri(PG, r.role.local_name()));
    g.add(
        &s,
        iri(PG, "confidence"),
        typed_literal(format!("{:.2}", r.confidence), "decimal"),
    );
    g.add(&s, iri(PG, "rule"), Literal::new_simple_literal(&r.rule));
    let ev = evidence(g, iris, doc, d, &r.evidence);
    g.add(&s, iri(PG, "evidence"), ev);
    g.add(&s, iri(PROV, "wasDerivedFrom"), d.clone());
}

fn instant(g: &mut GraphBuilder, iris: &Iris, date: &GrainDate) -> NamedNode {
    if let Some(s) = g.instants.get(date) {
        return s.clone();
    }
    let iso = date.iso();
    let s = iris.minter.id("instant", &iso);
    g.typed(&s, &[(TIME, "Instant")]);
    let (p, dt) = match iso.len() {
        4 => ("inXSDgYear", "gYear"),
        7 => ("inXSDgYearMonth", "gYearMonth"),
        _ => ("inXSDDate", "date"),
    };
    g.add(&s, iri(TIME, p), typed_literal(iso, dt));
    g.instants.insert(*date, s.clone());
    s
}

fn deadline(g: &mut GraphBuilder, iris: &Iris, doc: &Document, d: &NamedNode, dl: &Deadline) {
    let (start, end) = match &dl.value {
        TemporalValue::Point(p) => (None, *p),
        TemporalValue::Period { start, end } => (Some(*start), *end),
    };
    let id = digest(&[
        &end.iso(),
        &dl.expression,
        &dl.evidence.start_char.to_string(),
    ]);
    let s = iris.minter.id("deadline", &format!("{}/{id}", doc.id));
    g.typed(&s, &[(PG, "Deadline")]);
    let kind = if dl.kind == TemporalKind::Event {
        "event"
    } else {
        "deadline"
    };
    g.add(&s, iri(PG, "kind"), Literal::new_simple_literal(kind));
    let grain = match end.iso().len() {
        4 => "year",
        7 => "month",
        _ => "day",
    };
    g.add(&s, iri(PG, "grain"), Literal::new_simple_literal(grain));
    let i = instant(g, iris, &end);
    g.add(&s, iri(PG, "date"), i);
    if let Some(st) = start {
        let i = instant(g, iris, &st);
        g.add(&s, iri(PG, "periodStart"), i);
    }
    g.add(
        &s,
        iri(PG, "expression"),
        Literal::new_language_tagged_literal_unchecked(&dl.expression, dl.evidence.lang.code()),
    );
    match &dl.subject {
        Subject::Act(a) => {
            describe_act(g, iris, a);
            g.add(&s, iri(PG, "subject"), iris.act(a));
        }
        Subject::Initiative(i) => g.add(&s, iri(PG, "subject"), iris.initiative(*i)),
        Subject::Action(text) => g.add(
            &s,
            iri(PG, "subjectDescription"),
            Literal::new_language_tagged_literal_unchecked(text, dl.evidence.lang.code()),
        ),
    }
    if let Some(b) = &dl.body {
        describe_body(g, iris, b);
        g.add(&s, iri(PG, "body"), iris.body(b));
    }
    let ev = evidence(g, iris, doc, d, &dl.evidence);
    g.add(&s, iri(PG, "evidence"), ev);
    g.add(&s, iri(PROV, "wasDerivedFrom"), d.clone());
}

fn transposition(
    g: &mut GraphBuilder,
    iris: &Iris,
    doc: &Document,
    d: &NamedNode,
    t: &Transposition,
) {
    let law = iris.minter.id("belgian-act", &t.law.local_id());
    g.typed(&law, &[(PG, "BelgianAct"), (ELI, "LegalResource")]);
    g.add(
        &law,
        iri(SKOS, "prefLabel"),
        Literal::new_language_tagged_literal_unchecked(t.law.english_label(), "en"),
    );
    if t.law.label != t.law.english_label() {
        g.add(
            &law,
            iri(SKOS, "altLabel"),
            Literal::new_language_tagged_literal_unchecked(&t.law.label, t.evidence.lang.code()),
        );
    }
    g.add(
        &law,
        iri(ELI, "date_document"),
        typed_literal(t.law.date.clone(), "date"),
    );
    g.add(
        &law,
        iri(PG, "belgianActType"),
        Literal::new_simple_literal(t.law.typ.slug()),
    );
    g.add(d, iri(PG, "mentions"), law.clone());
    let act = iris.act(&t.act);
    describe_act(g, iris, &t.act);
    // a directive is transposed; a regulation is applied (eli:transposes is for directives)
    let link = if t.act.key.typ.celex_letter() == 'L' {
        "transposes"
    } else {
        "based_on"
    };
    g.add(&law, iri(ELI, link), act.clone());
    let id = digest(&[
        law.as_str(),
        act.as_str(),
        &t.evidence.start_char.to_string(),
    ]);
    let s = iris.minter.id("transposition", &format!("{}/{id}", doc.id));
    g.typed(&s, &[(PG, "Transposition")]);
    g.add(&s, iri(PG, "belgianAct"), law);
    g.add(&s, iri(PG, "act"), act);
    let ev = evidence(g, iris, doc, d, &t.evidence);
    g.add(&s, iri(PG, "evidence"), ev);
    g.add(&s, iri(PROV, "wasDerivedFrom"), d.clone());
}

fn stewardship(g: &mut GraphBuilder, iris: &Iris, doc: &Document, d: &NamedNode, st: &Stewardship) {
    let body = iris.body(&st.body);
    let ini = iris.initiative(st.initiative);
    describe_body(g, iris, &st.body);
    let id = digest(&[
        body.as_str(),
        ini.as_str(),
        &st.evidence.start_char.to_string(),
    ]);
    let s = iris.minter.id("stewardship", &format!("{}/{id}", doc.id));
    g.typed(&s, &[(PG, "Stewardship")]);
    g.add(&s, iri(PG, "body"), body.clone());
    g.add(&s, iri(PG, "initiative"), ini.clone());
    g.add(&ini, iri(PG, "managedBy"), body);
    let ev = evidence(g, iris, doc, d, &st.evidence);
    g.add(&s, iri(PG, "evidence"), ev);
    g.add(&s, iri(PROV, "wasDerivedFrom"), d.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_statements_are_dropped_and_statements_alike_at_their_ends_kept() {
        let g = NamedNode::new_unchecked("https://example.org/graph");
        let s = NamedNode::new_unchecked("https://example.org/s");
        let p = NamedNode::new_unchecked("https://example.org/p");
        let quad = |o: Term| Quad::new(s.clone(), p.clone(), o, g.clone());
        // the same length and the same last sixteen bytes: hashed alike, told apart
        let a = Literal::new_simple_literal("A sentence that ends the same way.");
        let b = Literal::new_simple_literal("B sentence that ends the same way.");
        let tagged = Literal::new_language_tagged_literal_unchecked(a.value(), "en");
        let quads = vec![
            quad(a.clone().into()),
            quad(b.clone().into()),
            quad(a.clone().into()),
            quad(tagged.clone().into()),
            quad(NamedNode::new_unchecked("https://example.org/o").into()),
            quad(b.clone().into()),
            quad(tagged.clone().into()),
        ];
        let kept: Vec<Term> = dedup_quads(quads).into_iter().map(|q| q.object).collect();
        assert_eq!(
            kept,
            [
                a.into(),
                b.into(),
                tagged.into(),
                NamedNode::new_unchecked("https://example.org/o").into()
            ]
        );
    }
}
