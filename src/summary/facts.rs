//! The facts the summary counts, read from the quads a build writes instead of from the store.
//!
//! A build into a store that holds no document graphs leaves exactly the graphs it wrote, so
//! their responsibility facts are the store's (each described whole, with its type, in the
//! quads of its document, as the mapping writes it). Gathering them on the way, a few words per
//! fact, spares the summary a scan of the freshly loaded store, whose many unmerged level-0
//! files make scans slow (14 s on the 1 GB corpus). The tallies are those of the store's query.

use super::{count, Tally};
use crate::rdf::vocab::{iri, PG, PROV, RDF};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeSet, HashMap};

/// What the summary reads of a fact, in the order of [`Facts::parts`].
const PARTS: [(&str, &str); 6] = [
    (RDF, "type"),
    (PG, "body"),
    (PG, "act"),
    (PG, "role"),
    (PROV, "wasDerivedFrom"),
    (PG, "confidence"),
];

/// Each part's objects, as indexes into [`Facts::terms`].
type Parts = [Vec<u32>; 6];

/// The facts read from one graph's quads.
pub struct GraphFacts(HashMap<NamedNode, Parts>);

/// The responsibility facts of the graphs a build wrote, graph by graph (a graph written again
/// replaces its facts).
pub struct Facts {
    predicates: Vec<String>,
    class: Term,
    terms: Vec<Term>,
    ids: HashMap<Term, u32>,
    by_graph: HashMap<NamedNode, HashMap<NamedNode, Parts>>,
}

impl Default for Facts {
    fn default() -> Self {
        Facts {
            predicates: PARTS.iter().map(|(ns, n)| format!("{ns}{n}")).collect(),
            class: iri(PG, "Responsibility").into(),
            terms: Vec::new(),
            ids: HashMap::new(),
            by_graph: HashMap::new(),
        }
    }
}

impl Facts {
    /// The facts of `quads`, by subject, to hand to [`Facts::replace`] or [`Facts::append`]
    /// once the quads are written.
    pub fn read(&mut self, quads: &[Quad]) -> GraphFacts {
        GraphFacts(self.parts(quads))
    }

    fn parts(&mut self, quads: &[Quad]) -> HashMap<NamedNode, Parts> {
        let mut out: HashMap<NamedNode, Parts> = HashMap::new();
        for q in quads {
            let Some(part) = self
                .predicates
                .iter()
                .position(|p| p == q.predicate.as_str())
            else {
                continue;
            };
            let NamedOrBlankNode::NamedNode(f) = &q.subject else {
                continue;
            };
            if part == 0 && q.object != self.class {
                continue;
            }
            let next = self.terms.len() as u32;
            let id = *self.ids.entry(q.object.clone()).or_insert(next);
            if id == next {
                self.terms.push(q.object.clone());
            }
            out.entry(f.clone()).or_default()[part].push(id);
        }
        // the mapping describes each fact whole, with its type, in its document's quads: keep
        // only the responsibilities (most subjects with a source are deadlines and mentions)
        out.retain(|_, parts| !parts[0].is_empty());
        // kept until the summary is written, one table per graph: sized for what was kept, not
        // for every subject read (1 GB corpus: ~250 MB less at the build's peak)
        out.shrink_to_fit();
        out
    }

    /// `graph` now holds what was read (and nothing else).
    pub fn replace(&mut self, graph: &NamedNode, read: GraphFacts) {
        self.by_graph.insert(graph.clone(), read.0);
    }

    /// What was read was added to `graph`.
    pub fn append(&mut self, graph: &NamedNode, read: GraphFacts) {
        let parts = read.0;
        let facts = self.by_graph.entry(graph.clone()).or_default();
        for (f, p) in parts {
            let into = facts.entry(f).or_default();
            for (into, p) in into.iter_mut().zip(p) {
                into.extend(p);
            }
        }
    }

    /// The tallies, as the store's query gives them: every combination of a fact's distinct
    /// body, act, role, source and confidence, over all graphs.
    pub(super) fn tallies(&self) -> HashMap<(Term, Term, Term), Tally> {
        let mut merged: HashMap<&NamedNode, [BTreeSet<u32>; 6]> = HashMap::new();
        for facts in self.by_graph.values() {
            for (f, parts) in facts {
                let into = merged.entry(f).or_default();
                for (into, p) in into.iter_mut().zip(parts) {
                    into.extend(p);
                }
            }
        }
        let mut by_key = HashMap::new();
        let t = |i: &u32| &self.terms[*i as usize];
        for (f, [class, bodies, acts, roles, docs, confidences]) in &merged {
            if class.is_empty() {
                continue;
            }
            for (b, a, r, d, c) in combinations(bodies, acts, roles, docs, confidences) {
                count(&mut by_key, f, t(b), t(a), t(r), t(d), Some(t(c)));
            }
        }
        by_key
    }
}

/// Every combination of one element of each set.
fn combinations<'a>(
    b: &'a BTreeSet<u32>,
    a: &'a BTreeSet<u32>,
    r: &'a BTreeSet<u32>,
    d: &'a BTreeSet<u32>,
    c: &'a BTreeSet<u32>,
) -> impl Iterator<Item = (&'a u32, &'a u32, &'a u32, &'a u32, &'a u32)> + 'a {
    b.iter().flat_map(move |b| {
        a.iter().flat_map(move |a| {
            r.iter().flat_map(move |r| {
                d.iter()
                    .flat_map(move |d| c.iter().map(move |c| (b, a, r, d, c)))
            })
        })
    })
}
