//! The export stage: the store (or one document's graph) as Turtle, N-Triples, N-Quads, TriG,
//! RDF/XML or JSON-LD.
//!
//! Every format is byte-stable: the same store always exports to the same bytes.
//! - Blank nodes (only the ontology has a few: `[] a owl:AllDifferent` and its list) get
//!   canonical labels (RDFC-1.0, sophia's `c14n`), so their labels and therefore the order of
//!   statements do not depend on the random identifiers Oxigraph gives them when loading.
//! - Turtle and TriG, the formats meant for people, are written by sophia's pretty serialiser:
//!   prefixes, subjects sorted and grouped, predicates and objects factored, single-use blank
//!   nodes nested as `[ … ]` and lists as `( … )` — up to [`PRETTY_LIMIT`] statements (one
//!   document's graph, the catalogue); beyond, by its streaming serialiser on sorted statements:
//!   Turtle gathered in memory up to [`STREAM_ABOVE`] statements and beyond that sorted in
//!   bounded memory like the line formats, TriG always sorted so (by graph first).
//! - N-Triples and N-Quads are sorted line by line, in bounded memory: runs of sorted lines
//!   spill to a temporary file and are merged on the way out ([`lines`]); RDF/XML and JSON-LD
//!   (expanded) are written by Oxigraph from the statements in that order.
//!
//! Triple formats (Turtle, N-Triples, RDF/XML) get the union of the graphs, each triple once;
//! quad formats (N-Quads, TriG, JSON-LD) keep the named graphs.
//!
//! Oxigraph and sophia have no common term types: here statements cross between them as
//! N-Triples/N-Quads text (see [`to_sophia_dataset`], [`to_sophia_graph`]), which gives the
//! sorted, owned sophia terms the pretty serialisers need. (`extract`'s streaming N-Quads use
//! [`crate::rdf::sophia_view`] instead: Oxigraph's terms read through sophia's traits.)

pub mod lines;

use crate::rdf::vocab::PREFIXES;
use anyhow::{anyhow, Context, Result};
use oxigraph::io::{JsonLdProfile, RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::Store;
use sophia::api::parser::{QuadParser, TripleParser};
use sophia::api::prefix::{Prefix, PrefixMapPair};
use sophia::api::quad::Spog;
use sophia::api::serializer::{QuadSerializer, TripleSerializer};
use sophia::api::source::{QuadSource, TripleSource};
use sophia::api::term::SimpleTerm;
use sophia::iri::Iri;
use sophia::turtle::parser::nq::NQuadsParser;
use sophia::turtle::parser::nt::NTriplesParser;
use sophia::turtle::serializer::trig::TriGSerializer;
use sophia::turtle::serializer::turtle::{TurtleConfig, TurtleSerializer};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// A dataset in sophia's terms (sorted, deduplicated).
pub type SophiaDataset = BTreeSet<Spog<SimpleTerm<'static>>>;
/// A graph in sophia's terms (sorted, deduplicated).
pub type SophiaGraph = BTreeSet<[SimpleTerm<'static>; 3]>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Rdfxml,
    Jsonld,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Turtle,
        ExportFormat::Ntriples,
        ExportFormat::Nquads,
        ExportFormat::Trig,
        ExportFormat::Rdfxml,
        ExportFormat::Jsonld,
    ];

    pub fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfile::Expanded.into(),
            },
        }
    }

    /// The IANA media type (as used in DCAT-AP `dcat:mediaType`).
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "text/turtle",
            ExportFormat::Ntriples => "application/n-triples",
            ExportFormat::Nquads => "application/n-quads",
            ExportFormat::Trig => "application/trig",
            ExportFormat::Rdfxml => "application/rdf+xml",
            ExportFormat::Jsonld => "application/ld+json",
        }
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "ttl",
            ExportFormat::Ntriples => "nt",
            ExportFormat::Nquads => "nq",
            ExportFormat::Trig => "trig",
            ExportFormat::Rdfxml => "rdf",
            ExportFormat::Jsonld => "jsonld",
        }
    }

    /// The command-line name (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "turtle",
            ExportFormat::Ntriples => "ntriples",
            ExportFormat::Nquads => "nquads",
            ExportFormat::Trig => "trig",
            ExportFormat::Rdfxml => "rdfxml",
            ExportFormat::Jsonld => "jsonld",
        }
    }

    /// The EU file-type authority code (`http://publications.europa.eu/resource/authority/file-type/…`).
    pub fn eu_file_type(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "RDF_TURTLE",
            ExportFormat::Ntriples => "RDF_N_TRIPLES",
            ExportFormat::Nquads => "RDF_N_QUADS",
            ExportFormat::Trig => "RDF_TRIG",
            ExportFormat::Rdfxml => "RDF_XML",
            ExportFormat::Jsonld => "JSON_LD",
        }
    }

    /// Whether the format keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        self.rdf_format().supports_datasets()
    }
}

/// Writes the store, or one named graph, in `format`. Triple formats get the union of the
/// graphs (each triple once); quad formats keep the named graphs. The same store always exports
/// to the same bytes.
pub fn export(
    store: &Store,
    graph: Option<&NamedNode>,
    format: ExportFormat,
    w: &mut dyn Write,
) -> Result<()> {
    if lines::is_sorted_format(format) {
        return lines::export_sorted(store, graph, format, PREFIXES, lines::run_bytes(), w);
    }
    // TriG that is not pretty-printed is always streamed, so that each graph is one block
    match format {
        ExportFormat::Turtle if lines::more_statements_than(store, graph, STREAM_ABOVE)? => {
            return lines::export_turtle(store, graph, PREFIXES, lines::run_bytes(), w);
        }
        ExportFormat::Trig if lines::more_statements_than(store, graph, PRETTY_LIMIT)? => {
            return lines::export_trig(store, graph, PREFIXES, lines::run_bytes(), w);
        }
        _ => {}
    }
    let quads = stable_quads(store_quads(store, graph)?)?;
    write_quads(&quads, format, PREFIXES, w)
}

/// The quads of the store (without the derived summary, which `build` recomputes), or of one
/// named graph.
pub fn store_quads(store: &Store, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
    statements(store, graph)?.collect()
}

/// The statements an export covers, as [`store_quads`], one by one.
fn statements(
    store: &Store,
    graph: Option<&NamedNode>,
) -> Result<impl Iterator<Item = Result<Quad>>> {
    let derived: Vec<GraphName> = match graph {
        Some(_) => Vec::new(),
        None => crate::summary::graphs(store)?
            .into_iter()
            .map(GraphName::from)
            .collect(),
    };
    let g: Option<GraphName> = graph.map(|g| g.clone().into());
    Ok(store
        .quads_for_pattern(None, None, None, g.as_ref().map(GraphName::as_ref))
        .map(|q| q.map_err(anyhow::Error::from))
        .filter(move |q| {
            q.as_ref()
                .map_or(true, |q| !derived.contains(&q.graph_name))
        }))
}

/// `quads` sorted, deduplicated and with canonical blank-node labels: the input of every
/// serialiser, so that output does not depend on the store's internal order or blank-node ids.
pub fn stable_quads(quads: Vec<Quad>) -> Result<Vec<Quad>> {
    let quads = canonical_blank_nodes(quads)?;
    let mut keyed: Vec<(String, Quad)> = quads.into_iter().map(|q| (q.to_string(), q)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(keyed.into_iter().map(|(_, q)| q).collect())
}

/// The union of the graphs of `quads` as sorted, deduplicated triples.
pub fn union_triples(quads: &[Quad]) -> Vec<Triple> {
    let mut keyed: Vec<(String, Triple)> = quads
        .iter()
        .map(|q| {
            let t = Triple::from(q.clone());
            (t.to_string(), t)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, t)| t).collect()
}

/// Writes already stable quads (see [`stable_quads`]) in `format`, declaring `prefixes` where
/// the format has prefixes.
pub fn write_quads(
    quads: &[Quad],
    format: ExportFormat,
    prefixes: &[(&str, &str)],
    w: &mut dyn Write,
) -> Result<()> {
    match format {
        ExportFormat::Turtle => {
            let g = to_sophia_graph(&union_triples(quads))?;
            let config = pretty_config(prefixes)?.with_pretty(g.len() <= PRETTY_LIMIT);
            let mut ser = TurtleSerializer::new_with_config(&mut *w, config);
            ser.serialize_graph(&g)
                .map_err(|e| anyhow!("cannot write Turtle: {e}"))?;
        }
        ExportFormat::Trig => {
            let d = to_sophia_dataset(quads)?;
            let config = pretty_config(prefixes)?.with_pretty(d.len() <= PRETTY_LIMIT);
            let mut ser = TriGSerializer::new_with_config(&mut *w, config);
            ser.serialize_dataset(&d)
                .map_err(|e| anyhow!("cannot write TriG: {e}"))?;
        }
        _ => {
            let mut ser = oxigraph_serializer(format, prefixes)?.for_writer(&mut *w);
            if format.keeps_graphs() {
                for q in quads {
                    ser.serialize_quad(q)?;
                }
            } else {
                for t in union_triples(quads) {
                    ser.serialize_triple(&t)?;
                }
            }
            ser.finish()?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Beyond this many statements, Turtle is streamed in bounded memory ([`lines::export_turtle`]):
/// sorted by its N-Triples text rather than by sophia's term order, so a large export's
/// statements come in a different (still stable) order than a small one's. TriG is streamed
/// ([`lines::export_trig`]) whenever it is not pretty-printed (beyond [`PRETTY_LIMIT`]), so that
/// each graph is one block.
pub const STREAM_ABOVE: usize = 100_000;

/// Oxigraph's serialiser for `format`, declaring `prefixes` where the format has prefixes.
fn oxigraph_serializer(format: ExportFormat, prefixes: &[(&str, &str)]) -> Result<RdfSerializer> {
    let mut s = RdfSerializer::from_format(format.rdf_format());
    if !matches!(format, ExportFormat::Ntriples | ExportFormat::Nquads) {
        for (p, ns) in prefixes {
            s = s.with_prefix(*p, *ns).map_err(|e| anyhow!("{e}"))?;
        }
    }
    Ok(s)
}

/// Up to this many statements, Turtle and TriG are written by sophia's pretty serialiser. It
/// scans the whole graph for every subject (quadratic: about 50 s for the 11,000 triples of the
/// seeds), so larger exports use sophia's streaming serialiser on the sorted statements instead:
/// still prefixed, subjects grouped and sorted, predicates factored, byte-stable — but blank
/// nodes keep their (canonical) labels and lists are not written as `( … )`.
pub const PRETTY_LIMIT: usize = 4000;

fn pretty_config(prefixes: &[(&str, &str)]) -> Result<TurtleConfig> {
    let mut pm: Vec<PrefixMapPair> = Vec::new();
    for (p, ns) in prefixes {
        let prefix =
            Prefix::new(p.to_string().into()).map_err(|e| anyhow!("bad prefix {p}: {e}"))?;
        let iri =
            Iri::new(ns.to_string().into()).map_err(|e| anyhow!("bad namespace {ns}: {e}"))?;
        pm.push((prefix, iri));
    }
    Ok(TurtleConfig::new()
        .with_pretty(true)
        .with_own_prefix_map(pm))
}

/// The quads as a sophia dataset (through N-Quads; blank-node labels are kept).
pub fn to_sophia_dataset(quads: &[Quad]) -> Result<SophiaDataset> {
    let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        ser.serialize_quad(q)?;
    }
    let text = String::from_utf8(ser.finish()?)?;
    parse_sophia_dataset(&text)
}

/// The triples as a sophia graph (through N-Triples; blank-node labels are kept).
pub fn to_sophia_graph(triples: &[Triple]) -> Result<SophiaGraph> {
    let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in triples {
        ser.serialize_triple(t)?;
    }
    let text = String::from_utf8(ser.finish()?)?;
    NTriplesParser::new()
        .with_preserve_bn_labels(true)
        .parse_str(&text)
        .collect_triples()
        .map_err(|e| anyhow!("sophia cannot read N-Triples: {e}"))
}

/// Parses N-Quads text into a sophia dataset, keeping blank-node labels.
pub fn parse_sophia_dataset(nquads: &str) -> Result<SophiaDataset> {
    NQuadsParser::new()
        .with_preserve_bn_labels(true)
        .parse_str(nquads)
        .collect_quads()
        .map_err(|e| anyhow!("sophia cannot read N-Quads: {e}"))
}

/// Whether a statement has a blank node (subject, object or graph name).
fn touches_bnode(q: &Quad) -> bool {
    matches!(q.subject, NamedOrBlankNode::BlankNode(_))
        || matches!(q.object, Term::BlankNode(_))
        || matches!(q.graph_name, GraphName::BlankNode(_))
}

/// Relabels blank nodes canonically (RDFC-1.0 over the statements that touch a blank node), so
/// that labels do not depend on the ids Oxigraph drew when the data was loaded.
fn canonical_blank_nodes(quads: Vec<Quad>) -> Result<Vec<Quad>> {
    let (with_bnodes, mut quads): (Vec<Quad>, Vec<Quad>) =
        quads.into_iter().partition(touches_bnode);
    quads.extend(relabel_blank_nodes(with_bnodes)?);
    Ok(quads)
}

/// `with_bnodes` (all the statements that touch a blank node) with canonical blank-node labels.
/// Statements without blank nodes play no part in RDFC-1.0's labels.
fn relabel_blank_nodes(with_bnodes: Vec<Quad>) -> Result<Vec<Quad>> {
    if with_bnodes.is_empty() {
        return Ok(with_bnodes);
    }
    let ds = to_sophia_dataset(&with_bnodes)?;
    let (_, map) = sophia::c14n::rdfc10::relabel(&ds)
        .map_err(|e| anyhow!("cannot canonicalise blank nodes: {e}"))?;
    let map: BTreeMap<String, String> = map
        .iter()
        .map(|(k, v)| (k.to_string(), v.as_str().to_string()))
        .collect();
    let relabel = |b: &BlankNode| -> Result<BlankNode> {
        let c = map.get(b.as_str()).with_context(|| {
            format!("blank node _:{} missing from canonical labels", b.as_str())
        })?;
        BlankNode::new(c.as_str()).map_err(|e| anyhow!("{e}"))
    };
    with_bnodes
        .into_iter()
        .map(|q| {
            let subject = match &q.subject {
                NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(relabel(b)?),
                s => s.clone(),
            };
            let object = match &q.object {
                Term::BlankNode(b) => Term::BlankNode(relabel(b)?),
                o => o.clone(),
            };
            let graph_name = match &q.graph_name {
                GraphName::BlankNode(b) => GraphName::BlankNode(relabel(b)?),
                g => g.clone(),
            };
            Ok(Quad::new(subject, q.predicate.clone(), object, graph_name))
        })
        .collect()
}

/// Parses `text` in `format` with Oxigraph (for tests and `validate --file`).
pub fn parse_with_oxigraph(text: &[u8], format: RdfFormat) -> Result<Vec<Quad>> {
    RdfParser::from_format(format)
        .for_slice(text)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow!("cannot parse {format}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_are_consistent() {
        for f in ExportFormat::ALL {
            assert_eq!(
                clap::ValueEnum::to_possible_value(&f).unwrap().get_name(),
                f.name()
            );
            assert_eq!(f.rdf_format().media_type(), f.media_type(), "{f:?}");
        }
    }

    #[test]
    fn export_blank_nodes_get_canonical_labels() {
        let ttl = "@prefix ex: <http://example.org/> . [] a ex:A ; ex:list ( ex:x ex:y ) . ex:s ex:p ex:o .";
        let a =
            stable_quads(parse_with_oxigraph(ttl.as_bytes(), RdfFormat::Turtle).unwrap()).unwrap();
        let b =
            stable_quads(parse_with_oxigraph(ttl.as_bytes(), RdfFormat::Turtle).unwrap()).unwrap();
        assert_eq!(a, b);
        let mut out1 = Vec::new();
        write_quads(&a, ExportFormat::Turtle, PREFIXES, &mut out1).unwrap();
        let s = String::from_utf8(out1).unwrap();
        assert!(
            s.contains("( <http://example.org/x> <http://example.org/y> )") || s.contains("("),
            "{s}"
        );
    }
}
