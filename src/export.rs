//! The export stage: the store (or one document's graph) as Turtle, N-Triples, N-Quads, TriG,
//! RDF/XML or JSON-LD, with readable prefixes.

use crate::rdf::vocab::PREFIXES;
use anyhow::{anyhow, Result};
use oxigraph::io::{JsonLdProfile, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::store::Store;
use std::io::Write;

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
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
            ExportFormat::Jsonld => RdfFormat::JsonLd { profile: JsonLdProfile::Expanded.into() },
        }
    }
}

fn serializer(format: RdfFormat) -> Result<RdfSerializer> {
    let mut s = RdfSerializer::from_format(format);
    for (p, ns) in PREFIXES {
        s = s.with_prefix(*p, *ns).map_err(|e| anyhow!("{e}"))?;
    }
    Ok(s)
}

/// Writes the store, or one named graph, in `format`. Triple formats get the union of the
/// graphs (each triple once); quad formats keep the named graphs. Output is sorted, so the same
/// store always exports to the same bytes.
pub fn export(store: &Store, graph: Option<&NamedNode>, format: ExportFormat, w: &mut dyn Write) -> Result<()> {
    let rdf = format.rdf_format();
    let quads: Vec<Quad> = match graph {
        Some(g) => {
            let gn: GraphNameRef = g.as_ref().into();
            store.quads_for_pattern(None, None, None, Some(gn)).collect::<Result<_, _>>()?
        }
        None => store.iter().collect::<Result<_, _>>()?,
    };
    let mut ser = serializer(rdf)?.for_writer(w);
    if rdf.supports_datasets() {
        let mut by_key: Vec<(String, &Quad)> = quads.iter().map(|q| (q.to_string(), q)).collect();
        by_key.sort_by(|a, b| a.0.cmp(&b.0));
        by_key.dedup_by(|a, b| a.0 == b.0);
        for (_, q) in by_key {
            ser.serialize_quad(q)?;
        }
    } else {
        let mut triples: Vec<(String, oxigraph::model::Triple)> = quads
            .into_iter()
            .map(|q| {
                let t = oxigraph::model::Triple::from(q);
                (t.to_string(), t)
            })
            .collect();
        triples.sort_by(|a, b| a.0.cmp(&b.0));
        triples.dedup_by(|a, b| a.0 == b.0);
        for (_, t) in &triples {
            ser.serialize_triple(t)?;
        }
    }
    ser.finish()?;
    Ok(())
}
