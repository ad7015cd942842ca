//! Mapping to RDF: a document's extraction becomes the statements of its named graph; the
//! gazetteer becomes the reference graph. Identifiers are stable across runs (no blank nodes).

use super::graph::{Graph, Node, Object, Value, Vocab};
use super::vocab::*;
use crate::document::{slug, Document};
use crate::extract::belgian_law::Transposition;
use crate::extract::stewardship::Stewardship;
use crate::extract::temporal::{GrainDate, TemporalKind, TemporalValue};
use crate::extract::{
    Act, Body, Deadline, Evidence, Extraction, Mentioned, Responsibility, Subject,
};
use crate::gazetteer::{ActType, Gazetteer};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{NamedNode, NamedNodeRef, Quad};

/// Builds the statements of one graph.
pub struct GraphBuilder {
    pub graph: Graph,
    /// The evidence nodes described so far, by character span: a sentence that supports
    /// several facts is described once (a second description would repeat every statement).
    evidence: rustc_hash::FxHashMap<(usize, usize), Node>,
    /// Bodies, acts and instants described so far: each is described once (likewise).
    bodies: rustc_hash::FxHashSet<Body>,
    acts: rustc_hash::FxHashSet<Act>,
    instants: rustc_hash::FxHashMap<GrainDate, Node>,
}

impl GraphBuilder {
    pub fn new(graph: NamedNode) -> Self {
        GraphBuilder {
            graph: Graph::new(graph),
            evidence: Default::default(),
            bodies: Default::default(),
            acts: Default::default(),
            instants: Default::default(),
        }
    }
    fn node(&mut self, iri: NamedNode) -> Node {
        self.graph.node(iri)
    }
    fn add(&mut self, s: Node, p: Vocab, o: impl Into<Object>) {
        self.graph.add(s, p, o);
    }
    /// `s p` the vocabulary IRI `o`.
    fn add_vocab(&mut self, s: Node, p: Vocab, o: Vocab) {
        let o = self.graph.vocab(o.0, o.1);
        self.graph.add(s, p, o);
    }
    fn typed(&mut self, s: Node, classes: &[Vocab]) {
        for class in classes {
            self.add_vocab(s, (RDF, "type"), *class);
        }
    }
    fn label(&mut self, s: Node, text: &str, lang: &'static str) {
        if text.trim().is_empty() {
            return;
        }
        self.add(s, (SKOS, "prefLabel"), tagged(text.trim(), lang));
    }
    fn alt_labels(&mut self, s: Node, list: &str) {
        for v in list.split('|').map(str::trim).filter(|v| !v.is_empty()) {
            self.add(s, (SKOS, "altLabel"), plain(v));
        }
    }
}

fn plain(value: impl Into<String>) -> Value {
    Value::Plain(value.into())
}

/// A literal in language `lang` (a tag in lower case).
fn tagged(value: impl Into<String>, lang: &'static str) -> Value {
    Value::Tagged(value.into(), lang)
}

fn typed_literal(value: impl Into<String>, datatype: NamedNodeRef<'static>) -> Value {
    Value::Typed(value.into(), datatype)
}

/// An integer as a literal's text (`n.to_string()` without the formatting machinery).
fn int(n: impl itoa::Integer) -> String {
    itoa::Buffer::new().format(n).to_owned()
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
            Body::Signatory(name) => self.minter.id_from("agency", &["person-", &slug(name)]),
            Body::Unknown(label) => self.minter.id_from("agency", &["x-", &slug(label)]),
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
        let s = g.node(iris.region(i));
        g.typed(s, &[(PG, "Region"), (DCTERMS, "Location")]);
        g.label(s, &r.label_en, "en");
        g.label(s, &r.label_fr, "fr");
        g.label(s, &r.label_nl, "nl");
        g.label(s, &r.label_de, "de");
        g.add(s, (SKOS, "notation"), plain(&r.id));
    }
    for (i, a) in gaz.agencies.iter().enumerate() {
        let s = g.node(iris.agency(i));
        g.typed(
            s,
            &[
                (PG, "Agency"),
                (M8G, "PublicOrganisation"),
                (ORG, "Organization"),
            ],
        );
        g.label(s, &a.label_en, "en");
        g.label(s, &a.label_fr, "fr");
        g.label(s, &a.label_nl, "nl");
        g.label(s, &a.label_de, "de");
        g.alt_labels(s, &a.acronyms);
        g.alt_labels(s, &a.variants);
        g.add(s, (SKOS, "notation"), plain(&a.id));
        if !a.level.is_empty() {
            g.add(s, (PG, "level"), plain(&a.level));
        }
        if let Some(r) = gaz.region_by_id(&a.region) {
            g.add(s, (DCTERMS, "spatial"), iris.region(r));
        }
        if a.kbo.len() == 10 && a.kbo.bytes().all(|b| b.is_ascii_digit()) {
            g.add(s, (OWL, "sameAs"), iri(BELGIF_ORG, &a.kbo));
        }
        if !a.ovo.is_empty() {
            g.add(s, (OWL, "sameAs"), iri(OVO, &a.ovo));
        }
        if let Some(p) = gaz.agency_by_id(&a.parent) {
            g.add(s, (ORG, "subOrganizationOf"), iris.agency(p));
        }
    }
    for a in &gaz.acts {
        let Some(key) = a.key() else { continue };
        let s = g.node(NamedNode::new_unchecked(key.eli()));
        g.typed(s, &[(PG, "EUAct"), (ELI, "LegalResource")]);
        g.add(s, (PG, "celex"), plain(key.celex()));
        g.add(s, (ELI, "id_local"), plain(key.celex()));
        g.add_vocab(
            s,
            (ELI, "type_document"),
            (RESOURCE_TYPE, resource_type(key.typ)),
        );
        g.add(s, (PG, "citation"), plain(key.citation()));
        g.label(s, &a.label_en, "en");
        g.label(s, &a.label_fr, "fr");
        g.label(s, &a.label_nl, "nl");
        g.label(s, &a.label_de, "de");
        g.alt_labels(s, &a.acronyms);
        g.add(s, (SKOS, "notation"), plain(&a.id));
    }
    for (i, ini) in gaz.initiatives.iter().enumerate() {
        let s = g.node(iris.initiative(i));
        g.typed(s, &[(PG, "Initiative")]);
        g.add(s, (SKOS, "prefLabel"), plain(&ini.label));
        g.alt_labels(s, &ini.variants);
        if !ini.kind.is_empty() {
            g.add(s, (PG, "initiativeKind"), plain(&ini.kind));
        }
        if let Some(o) = gaz.agency_by_id(&ini.owner) {
            g.add(s, (PG, "managedBy"), iris.agency(o));
        }
        if let Some(r) = gaz.region_by_id(&ini.region) {
            g.add(s, (DCTERMS, "spatial"), iris.region(r));
        }
    }
    g.graph.into_quads()
}

/// The quads of one document's graph (see [`document_graph`]).
pub fn document_quads(
    minter: &Minter,
    gaz: &Gazetteer,
    doc: &Document,
    ex: &Extraction,
) -> Vec<Quad> {
    document_graph(minter, gaz, doc, ex).into_quads()
}

/// One document's graph: the document, what it mentions, and each fact with its evidence. A
/// statement found twice (e.g. a body named twice) is kept once, where it was first made.
pub fn document_graph(minter: &Minter, gaz: &Gazetteer, doc: &Document, ex: &Extraction) -> Graph {
    let iris = Iris { minter, gaz };
    let mut g = GraphBuilder::new(minter.graph(&doc.id));
    // room for the statements, as the seeds' graphs come out (about 20 per fact with its
    // evidence, a few per mention), so that they rarely move as they grow
    let facts = ex.responsibilities.len()
        + ex.deadlines.len()
        + ex.transpositions.len()
        + ex.stewardships.len();
    g.graph.reserve(16 + 4 * ex.mentions.len() + 24 * facts);
    let d = g.node(iris.document(doc));
    g.typed(d, &[(PG, "Document"), (FOAF, "Document")]);
    g.add(d, (PG, "fileName"), plain(&doc.file_name));
    if let Some(t) = &doc.title {
        g.add(d, (DCTERMS, "title"), plain(t));
    }
    if let Some(y) = doc.year {
        g.add(d, (DCTERMS, "issued"), typed_literal(int(y), xsd::G_YEAR));
    }
    for l in &doc.languages {
        g.add(d, (DCTERMS, "language"), plain(l.code()));
    }
    if let Some(x) = &doc.genre {
        g.add(d, (PG, "genre"), plain(x));
    }
    if let Some(x) = &doc.publisher {
        g.add(d, (PG, "publisherName"), plain(x));
    }
    if let Some(name) = &doc.signatory {
        let b = Body::Signatory(name.clone());
        g.add(d, (PG, "signatory"), iris.body(&b));
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
        g.add(d, (PG, "mentions"), o);
    }
    let at = Place {
        iris: &iris,
        doc,
        d,
    };
    for r in &ex.responsibilities {
        responsibility(&mut g, &at, r);
    }
    for dl in &ex.deadlines {
        deadline(&mut g, &at, dl);
    }
    for t in &ex.transpositions {
        transposition(&mut g, &at, t);
    }
    for st in &ex.stewardships {
        stewardship(&mut g, &at, st);
    }
    let mut graph = g.graph;
    graph.dedup();
    graph
}

/// Where a fact is mapped: the IRIs, its document and the document's node.
struct Place<'a> {
    iris: &'a Iris<'a>,
    doc: &'a Document,
    d: Node,
}

/// Entities that the reference graph does not describe get their type and label here.
fn describe_body(g: &mut GraphBuilder, iris: &Iris, b: &Body) {
    if matches!(b, Body::Known(_)) || !g.bodies.insert(b.clone()) {
        return;
    }
    match b {
        Body::Known(_) => {}
        Body::Signatory(name) => {
            let s = g.node(iris.body(b));
            g.typed(s, &[(PG, "Agency"), (FOAF, "Agent")]);
            g.add(s, (SKOS, "prefLabel"), plain(name));
        }
        Body::Unknown(label) => {
            let s = g.node(iris.body(b));
            g.typed(
                s,
                &[
                    (PG, "Agency"),
                    (M8G, "PublicOrganisation"),
                    (ORG, "Organization"),
                ],
            );
            g.add(s, (SKOS, "prefLabel"), plain(label));
        }
    }
}

fn describe_act(g: &mut GraphBuilder, iris: &Iris, a: &Act) {
    if a.known.is_some() || !g.acts.insert(*a) {
        return;
    }
    let s = g.node(iris.act(a));
    g.typed(s, &[(PG, "EUAct"), (ELI, "LegalResource")]);
    g.add(s, (PG, "celex"), plain(a.key.celex()));
    g.add(s, (ELI, "id_local"), plain(a.key.celex()));
    g.add_vocab(
        s,
        (ELI, "type_document"),
        (RESOURCE_TYPE, resource_type(a.key.typ)),
    );
    g.add(s, (PG, "citation"), plain(a.key.citation()));
    g.add(s, (SKOS, "prefLabel"), tagged(a.key.citation(), "en"));
}

fn evidence(g: &mut GraphBuilder, at: &Place, e: &Evidence) -> Node {
    if let Some(ev) = g.evidence.get(&(e.start_char, e.end_char)) {
        return *ev;
    }
    let (mut start, mut end) = (itoa::Buffer::new(), itoa::Buffer::new());
    let (start, end) = (start.format(e.start_char), end.format(e.end_char));
    let iri = at
        .iris
        .minter
        .id_from("evidence", &[&at.doc.id, "/", start, "-", end]);
    let pos = NamedNode::new_unchecked([iri.as_str(), "-position"].concat());
    let quote = NamedNode::new_unchecked([iri.as_str(), "-quote"].concat());
    let ev = g.node(iri);
    g.typed(ev, &[(PG, "Evidence"), (OA, "SpecificResource")]);
    g.add(ev, (OA, "hasSource"), at.d);
    g.add(ev, (PG, "line"), typed_literal(int(e.line), xsd::INTEGER));
    g.add(ev, (DCTERMS, "language"), plain(e.lang.code()));
    let pos = g.node(pos);
    g.add(ev, (OA, "hasSelector"), pos);
    g.typed(pos, &[(OA, "TextPositionSelector")]);
    g.add(
        pos,
        (OA, "start"),
        typed_literal(start, xsd::NON_NEGATIVE_INTEGER),
    );
    g.add(
        pos,
        (OA, "end"),
        typed_literal(end, xsd::NON_NEGATIVE_INTEGER),
    );
    let quote = g.node(quote);
    g.add(ev, (OA, "hasSelector"), quote);
    g.typed(quote, &[(OA, "TextQuoteSelector")]);
    g.add(quote, (OA, "exact"), tagged(&e.text, e.lang.code()));
    g.evidence.insert((e.start_char, e.end_char), ev);
    ev
}

fn responsibility(g: &mut GraphBuilder, at: &Place, r: &Responsibility) {
    let iris = at.iris;
    describe_body(g, iris, &r.body);
    let body = iris.body(&r.body);
    let act = iris.act(&r.act);
    let id = digest(&[
        body.as_str(),
        act.as_str(),
        r.role.notation(),
        itoa::Buffer::new().format(r.evidence.start_char),
    ]);
    let s = iris
        .minter
        .id_from("responsibility", &[&at.doc.id, "/", &id]);
    let s = g.node(s);
    g.typed(s, &[(PG, "Responsibility")]);
    g.add(s, (PG, "body"), body);
    g.add(s, (PG, "act"), act);
    g.add_vocab(s, (PG, "role"), (PG, r.role.local_name()));
    g.add(
        s,
        (PG, "confidence"),
        typed_literal(format!("{:.2}", r.confidence), xsd::DECIMAL),
    );
    g.add(s, (PG, "rule"), plain(&r.rule));
    let ev = evidence(g, at, &r.evidence);
    g.add(s, (PG, "evidence"), ev);
    g.add(s, (PROV, "wasDerivedFrom"), at.d);
}

fn instant(g: &mut GraphBuilder, iris: &Iris, date: &GrainDate) -> Node {
    if let Some(s) = g.instants.get(date) {
        return *s;
    }
    let iso = date.iso();
    let s = g.node(iris.minter.id("instant", &iso));
    g.typed(s, &[(TIME, "Instant")]);
    let (p, dt) = match iso.len() {
        4 => ("inXSDgYear", xsd::G_YEAR),
        7 => ("inXSDgYearMonth", xsd::G_YEAR_MONTH),
        _ => ("inXSDDate", xsd::DATE),
    };
    g.add(s, (TIME, p), typed_literal(iso, dt));
    g.instants.insert(*date, s);
    s
}

fn deadline(g: &mut GraphBuilder, at: &Place, dl: &Deadline) {
    let iris = at.iris;
    let (start, end) = match &dl.value {
        TemporalValue::Point(p) => (None, *p),
        TemporalValue::Period { start, end } => (Some(*start), *end),
    };
    let id = digest(&[
        &end.iso(),
        &dl.expression,
        itoa::Buffer::new().format(dl.evidence.start_char),
    ]);
    let s = g.node(iris.minter.id_from("deadline", &[&at.doc.id, "/", &id]));
    g.typed(s, &[(PG, "Deadline")]);
    let kind = if dl.kind == TemporalKind::Event {
        "event"
    } else {
        "deadline"
    };
    g.add(s, (PG, "kind"), plain(kind));
    let grain = match end.iso().len() {
        4 => "year",
        7 => "month",
        _ => "day",
    };
    g.add(s, (PG, "grain"), plain(grain));
    let i = instant(g, iris, &end);
    g.add(s, (PG, "date"), i);
    if let Some(st) = start {
        let i = instant(g, iris, &st);
        g.add(s, (PG, "periodStart"), i);
    }
    let lang = dl.evidence.lang.code();
    g.add(s, (PG, "expression"), tagged(&dl.expression, lang));
    match &dl.subject {
        Subject::Act(a) => {
            describe_act(g, iris, a);
            g.add(s, (PG, "subject"), iris.act(a));
        }
        Subject::Initiative(i) => g.add(s, (PG, "subject"), iris.initiative(*i)),
        Subject::Action(text) => g.add(s, (PG, "subjectDescription"), tagged(text, lang)),
    }
    if let Some(b) = &dl.body {
        describe_body(g, iris, b);
        g.add(s, (PG, "body"), iris.body(b));
    }
    let ev = evidence(g, at, &dl.evidence);
    g.add(s, (PG, "evidence"), ev);
    g.add(s, (PROV, "wasDerivedFrom"), at.d);
}

fn transposition(g: &mut GraphBuilder, at: &Place, t: &Transposition) {
    let iris = at.iris;
    let law_iri = iris.minter.id("belgian-act", &t.law.local_id());
    let act_iri = iris.act(&t.act);
    let id = digest(&[
        law_iri.as_str(),
        act_iri.as_str(),
        itoa::Buffer::new().format(t.evidence.start_char),
    ]);
    let law = g.node(law_iri);
    g.typed(law, &[(PG, "BelgianAct"), (ELI, "LegalResource")]);
    g.add(
        law,
        (SKOS, "prefLabel"),
        tagged(t.law.english_label(), "en"),
    );
    if t.law.label != t.law.english_label() {
        g.add(
            law,
            (SKOS, "altLabel"),
            tagged(&t.law.label, t.evidence.lang.code()),
        );
    }
    g.add(
        law,
        (ELI, "date_document"),
        typed_literal(t.law.date.clone(), xsd::DATE),
    );
    g.add(law, (PG, "belgianActType"), plain(t.law.typ.slug()));
    g.add(at.d, (PG, "mentions"), law);
    let act = g.node(act_iri);
    describe_act(g, iris, &t.act);
    // a directive is transposed; a regulation is applied (eli:transposes is for directives)
    let link = if t.act.key.typ.celex_letter() == 'L' {
        "transposes"
    } else {
        "based_on"
    };
    g.add(law, (ELI, link), act);
    let s = g.node(
        iris.minter
            .id_from("transposition", &[&at.doc.id, "/", &id]),
    );
    g.typed(s, &[(PG, "Transposition")]);
    g.add(s, (PG, "belgianAct"), law);
    g.add(s, (PG, "act"), act);
    let ev = evidence(g, at, &t.evidence);
    g.add(s, (PG, "evidence"), ev);
    g.add(s, (PROV, "wasDerivedFrom"), at.d);
}

fn stewardship(g: &mut GraphBuilder, at: &Place, st: &Stewardship) {
    let iris = at.iris;
    let body_iri = iris.body(&st.body);
    let ini_iri = iris.initiative(st.initiative);
    describe_body(g, iris, &st.body);
    let id = digest(&[
        body_iri.as_str(),
        ini_iri.as_str(),
        itoa::Buffer::new().format(st.evidence.start_char),
    ]);
    let s = g.node(iris.minter.id_from("stewardship", &[&at.doc.id, "/", &id]));
    let body = g.node(body_iri);
    let ini = g.node(ini_iri);
    g.typed(s, &[(PG, "Stewardship")]);
    g.add(s, (PG, "body"), body);
    g.add(s, (PG, "initiative"), ini);
    g.add(ini, (PG, "managedBy"), body);
    let ev = evidence(g, at, &st.evidence);
    g.add(s, (PG, "evidence"), ev);
    g.add(s, (PROV, "wasDerivedFrom"), at.d);
}
