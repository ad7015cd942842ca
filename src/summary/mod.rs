//! The summary stage, after the store: a derived graph with one row per (body, EU act, role) —
//! how many documents and statements attest it, the highest confidence, and the statement that
//! says it most clearly — so that the headline query reads a few rows instead of joining every
//! fact and its evidence in a large store. It is a materialised view: recomputed from the
//! document graphs at the end of every `build` and `load` (and by `policygraph summarise`),
//! dropped when a build starts so that an interrupted build leaves no stale counts behind.
//! Each row also carries what the headline query shows about its body, act, role and regions
//! (labels, CELEX number, notation), which the document graphs repeat once per document: the
//! query reads them off the row instead of de-duplicating every copy in the store.

mod facts;

pub use facts::{Facts, GraphFacts};

use crate::rdf::vocab::{digest, iri, Minter, DCTERMS, PG, PREFIXES, RDF, SKOS, XSD};
use anyhow::{anyhow, Result};
use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The class of a summary row.
pub fn row_class() -> NamedNode {
    iri(PG, "ResponsibilitySummary")
}

/// Every fact with what the summary needs. Each pattern sits in its own sub-select so that
/// oxigraph joins whole predicate scans by hashing instead of seeking the store once per fact
/// and pattern (tens of times faster on a store of a million facts).
const FACTS: &str = "SELECT ?f ?body ?act ?role ?doc ?confidence WHERE {
  { SELECT ?f WHERE { ?f a pg:Responsibility } }
  { SELECT ?f ?body WHERE { ?f pg:body ?body } }
  { SELECT ?f ?act WHERE { ?f pg:act ?act } }
  { SELECT ?f ?role WHERE { ?f pg:role ?role } }
  { SELECT ?f ?confidence WHERE { ?f pg:confidence ?confidence } }
  { SELECT ?f ?doc WHERE { ?f prov:wasDerivedFrom ?doc } }
}";

/// One (body, act, role) with its tallies.
#[derive(Debug, Default, PartialEq)]
struct Tally {
    documents: HashSet<Term>,
    statements: usize,
    /// The clearest statement: highest confidence, then the smallest IRI (a stable choice).
    example: Option<(f64, NamedNode)>,
}

/// The named graphs that hold summary rows (normally one).
pub fn graphs(store: &Store) -> Result<Vec<NamedNode>> {
    let mut out = BTreeSet::new();
    let class = row_class();
    let ty = iri(RDF, "type");
    for q in store.quads_for_pattern(None, Some(ty.as_ref()), Some(class.as_ref().into()), None) {
        if let GraphName::NamedNode(g) = q?.graph_name {
            out.insert(g);
        }
    }
    Ok(out.into_iter().collect())
}

/// Removes the summary (at the start of a build: until the build ends, the store has none).
pub fn clear(store: &Store) -> Result<()> {
    for g in graphs(store)? {
        store.remove_named_graph(g.as_ref())?;
    }
    Ok(())
}

/// Recomputes the summary from the document graphs and stores it in `minter`'s summary graph,
/// replacing any earlier summary in one transaction. Returns the number of rows.
pub fn refresh(store: &Store, minter: &Minter) -> Result<usize> {
    store_summary(store, minter, tally(store)?)
}

/// [`refresh`] from the facts a build gathered as it wrote every document graph of the store
/// (a build into a store that had none), instead of from a scan of the store.
pub fn refresh_from(store: &Store, minter: &Minter, facts: &Facts) -> Result<usize> {
    store_summary(store, minter, sorted(facts.tallies()))
}

/// Stores the summary of `tallies`, replacing any earlier summary in one transaction (or, when
/// there is none, adding it in one commit of the bulk loader).
fn store_summary(
    store: &Store,
    minter: &Minter,
    tallies: Vec<((Term, Term, Term), Tally)>,
) -> Result<usize> {
    let (rows, quads) = summary_quads(store, minter, tallies)?;
    let old = graphs(store)?;
    if old.is_empty() {
        // Nothing to replace (a build clears the summary first): the bulk loader adds the rows
        // in one commit. A transaction could wait here for RocksDB to compact the files that
        // a large bulk load just added (1 GB corpus: about 20 s on one core), a write stall
        // that the ingestion of a new file does not meet.
        let mut loader = store.bulk_loader();
        loader.load_quads(quads)?;
        loader.commit()?;
        return Ok(rows);
    }
    let mut t = store.start_transaction()?;
    for g in old {
        t.remove_named_graph(g.as_ref())?;
    }
    if !quads.is_empty() {
        t.insert_named_graph(minter.summary_graph().as_ref());
        for q in &quads {
            t.insert(q.as_ref());
        }
    }
    t.commit()?;
    Ok(rows)
}

/// [`refresh`] with the base IRI the store's data was minted with (`load`, `summarise`).
pub fn refresh_with_store_base(store: &Store) -> Result<usize> {
    refresh(store, &minter_of(store)?)
}

/// The base IRI the store's data was minted with (from its reference graph).
pub fn minter_of(store: &Store) -> Result<Minter> {
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(g) = g? {
            if let Some(base) = g.as_str().strip_suffix("graph/reference") {
                return Minter::new(base);
            }
        }
    }
    Ok(Minter::default())
}

/// The rows as quads of the summary graph.
fn summary_quads(
    store: &Store,
    minter: &Minter,
    tallies: Vec<((Term, Term, Term), Tally)>,
) -> Result<(usize, Vec<Quad>)> {
    let graph: GraphName = minter.summary_graph().into();
    let mut quads = Vec::new();
    let mut values = Descriptions::new(store);
    let mut rows = 0;
    for ((body, act, role), t) in tallies {
        let Some((_, example)) = t.example else {
            continue;
        };
        rows += 1;
        let row = minter.id(
            "summary",
            &digest(&[&body.to_string(), &act.to_string(), &role.to_string()]),
        );
        let count = |n: usize| Literal::new_typed_literal(n.to_string(), iri(XSD, "integer"));
        // Body, act, role and the highest confidence are the example statement's own.
        let mut row_values: Vec<(NamedNode, Term)> = vec![
            (iri(RDF, "type"), row_class().into()),
            (iri(PG, "example"), example.into()),
            (iri(PG, "documentCount"), count(t.documents.len()).into()),
            (iri(PG, "statementCount"), count(t.statements).into()),
        ];
        let copies = [
            ("bodyLabel", values.of(&body, SKOS, "prefLabel")?),
            ("actLabel", values.of(&act, SKOS, "prefLabel")?),
            ("actCelex", values.of(&act, PG, "celex")?),
            ("roleNotation", values.of(&role, SKOS, "notation")?),
            ("regionLabel", values.region_labels(&body)?),
        ];
        for (p, objects) in copies {
            row_values.extend(objects.into_iter().map(|o| (iri(PG, p), o)));
        }
        for (p, o) in row_values {
            quads.push(Quad::new(row.clone(), p, o, graph.clone()));
        }
    }
    Ok((rows, quads))
}

/// Looks up, once per subject and predicate, the distinct values the document and reference
/// graphs give (a body unknown to the gazetteer is described in every document that names it).
struct Descriptions<'a> {
    store: &'a Store,
    seen: HashMap<(Term, NamedNode), Vec<Term>>,
}

impl<'a> Descriptions<'a> {
    fn new(store: &'a Store) -> Self {
        Self {
            store,
            seen: HashMap::new(),
        }
    }

    /// The distinct objects of (`subject`, `ns` + `name`) over all graphs.
    fn of(&mut self, subject: &Term, ns: &str, name: &str) -> Result<Vec<Term>> {
        let p = iri(ns, name);
        let key = (subject.clone(), p.clone());
        if let Some(v) = self.seen.get(&key) {
            return Ok(v.clone());
        }
        let mut out = Vec::new();
        let s: Option<NamedOrBlankNodeRef> = match subject {
            Term::NamedNode(n) => Some(n.as_ref().into()),
            Term::BlankNode(b) => Some(b.as_ref().into()),
            _ => None,
        };
        if let Some(s) = s {
            let mut distinct = HashSet::new();
            for q in self
                .store
                .quads_for_pattern(Some(s), Some(p.as_ref()), None, None)
            {
                let o = q?.object;
                if distinct.insert(o.clone()) {
                    out.push(o);
                }
            }
        }
        self.seen.insert(key, out.clone());
        Ok(out)
    }

    /// The labels of the regions a body serves (`dcterms:spatial`).
    fn region_labels(&mut self, body: &Term) -> Result<Vec<Term>> {
        let mut out = Vec::new();
        for region in self.of(body, DCTERMS, "spatial")? {
            for label in self.of(&region, SKOS, "prefLabel")? {
                if !out.contains(&label) {
                    out.push(label);
                }
            }
        }
        Ok(out)
    }
}

/// A (body, EU act, role) triple and its tally.
type TallyRow = ((Term, Term, Term), Tally);

/// The tallies, in a stable order (body, act, role).
fn tally(store: &Store) -> Result<Vec<TallyRow>> {
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in PREFIXES {
        ev = ev.with_prefix(*p, *ns).map_err(|e| anyhow!("{e}"))?;
    }
    let mut q = ev.parse_query(FACTS).map_err(|e| anyhow!("{e}"))?;
    q.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(sols) = q.on_store(store).execute()? else {
        unreachable!("a SELECT query gives solutions")
    };
    let mut by_key: HashMap<(Term, Term, Term), Tally> = HashMap::new();
    for s in sols {
        let s = s?;
        let (Some(Term::NamedNode(f)), Some(body), Some(act), Some(role), Some(doc)) = (
            s.get("f"),
            s.get("body"),
            s.get("act"),
            s.get("role"),
            s.get("doc"),
        ) else {
            continue;
        };
        count(&mut by_key, f, body, act, role, doc, s.get("confidence"));
    }
    Ok(sorted(by_key))
}

/// Counts one statement of (`body`, `act`, `role`): fact `f` of document `doc`, with its
/// confidence (a statement without a numeric confidence literal is not counted).
fn count(
    by_key: &mut HashMap<(Term, Term, Term), Tally>,
    f: &NamedNode,
    body: &Term,
    act: &Term,
    role: &Term,
    doc: &Term,
    confidence: Option<&Term>,
) {
    let c: f64 = match confidence {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0.0),
        _ => return,
    };
    let t = by_key
        .entry((body.clone(), act.clone(), role.clone()))
        .or_default();
    t.documents.insert(doc.clone());
    t.statements += 1;
    let better = match &t.example {
        None => true,
        Some((best, iri)) => c > *best || (c == *best && f.as_str() < iri.as_str()),
    };
    if better {
        t.example = Some((c, f.clone()));
    }
}

/// The tallies in a stable order (body, act, role).
fn sorted(by_key: HashMap<(Term, Term, Term), Tally>) -> Vec<((Term, Term, Term), Tally)> {
    let mut out: Vec<_> = by_key.into_iter().collect();
    out.sort_by_cached_key(|((b, a, r), _)| (b.to_string(), a.to_string(), r.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{build_store, FileReport};

    /// The summary graph's quads, sorted.
    fn summary_graph(store: &Store, minter: &Minter) -> Vec<String> {
        let g = minter.summary_graph();
        let mut out: Vec<String> = store
            .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
            .map(|q| q.unwrap().to_string())
            .collect();
        out.sort();
        out
    }

    /// A build into an empty store counts the facts of the graphs it writes; the summary is the
    /// one the store's query gives afterwards, with the bulk loader and with transactions.
    #[test]
    fn the_facts_a_build_gathers_give_the_stores_summary() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for bulk in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let minter = Minter::default();
            let progress = |_: &FileReport| {};
            let report = build_store(
                &store,
                std::slice::from_ref(&seeds),
                &minter,
                &progress,
                bulk,
            )
            .unwrap();
            let gathered = summary_graph(&store, &minter);
            assert!(
                report.summary_rows.unwrap() > 10,
                "{:?}",
                report.summary_rows
            );
            assert!(gathered.iter().any(|q| q.contains("statementCount")));
            refresh(&store, &minter).unwrap();
            assert_eq!(gathered, summary_graph(&store, &minter), "bulk: {bulk}");
        }
    }

    /// A graph written again in the same build replaces its facts; appended parts add to them.
    #[test]
    fn a_graph_written_again_replaces_its_facts() {
        let f = |n: &str| iri(PG, n);
        let g = f("graph");
        let fact = |s: &str, body: &str| -> Vec<Quad> {
            [
                (iri(RDF, "type"), Term::from(f("Responsibility"))),
                (f("body"), f(body).into()),
                (f("act"), f("act").into()),
                (f("role"), f("role").into()),
                (
                    iri(crate::rdf::vocab::PROV, "wasDerivedFrom"),
                    f("doc").into(),
                ),
                (f("confidence"), Literal::from(0.5).into()),
            ]
            .into_iter()
            .map(|(p, o)| Quad::new(f(s), p, o, g.clone()))
            .collect()
        };
        let mut facts = Facts::default();
        let read = facts.read(&fact("f1", "b1"));
        facts.replace(&g, read);
        let read = facts.read(&fact("f2", "b2"));
        facts.replace(&g, read);
        let read = facts.read(&fact("f3", "b2"));
        facts.append(&g, read);
        let tallies = sorted(facts.tallies());
        assert_eq!(tallies.len(), 1);
        let ((body, _, _), t) = &tallies[0];
        assert_eq!(*body, Term::from(f("b2")));
        assert_eq!(t.statements, 2);
        assert_eq!(t.documents.len(), 1);
    }
}
