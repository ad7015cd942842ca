//! IRIs: the vocabularies we reuse, our ontology namespace, and the minting of identifiers
//! under one configurable base.

use oxigraph::model::NamedNode;

pub const PG: &str = "https://w3id.org/policygraph/ontology#";
pub const DEFAULT_BASE: &str = "https://w3id.org/policygraph/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const M8G: &str = "http://data.europa.eu/m8g/";
pub const ELI: &str = "http://data.europa.eu/eli/ontology#";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const DCAT: &str = "http://www.w3.org/ns/dcat#";

pub const BELGIF_ORG: &str = "https://org.belgif.be/id/CbeRegisteredEntity/";
pub const OVO: &str = "https://data.vlaanderen.be/id/organisatie/";
pub const NUTS: &str = "http://data.europa.eu/nuts/code/";
pub const COUNTRY: &str = "http://publications.europa.eu/resource/authority/country/";
pub const RESOURCE_TYPE: &str = "http://publications.europa.eu/resource/authority/resource-type/";

/// The prefixes used in queries and pretty exports.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pg", PG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("foaf", FOAF),
    ("org", ORG),
    ("m8g", M8G),
    ("eli", ELI),
    ("time", TIME),
    ("prov", PROV),
    ("oa", OA),
    ("dcat", DCAT),
];

/// An IRI from a namespace and a local name.
pub fn iri(ns: &str, local: &str) -> NamedNode {
    // `concat`: one allocation of the right size; mapping mints an IRI or two per quad, and
    // `format!` took several times as long
    NamedNode::new_unchecked([ns, local].concat())
}

/// Mints our own identifiers under a base IRI (ending in `/` or `#`).
#[derive(Debug, Clone)]
pub struct Minter {
    pub base: String,
}

impl Default for Minter {
    fn default() -> Self {
        Minter {
            base: DEFAULT_BASE.to_string(),
        }
    }
}

impl Minter {
    pub fn new(base: &str) -> anyhow::Result<Minter> {
        let base = if base.ends_with('/') || base.ends_with('#') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        NamedNode::new(format!("{base}x"))
            .map_err(|e| anyhow::anyhow!("invalid --base IRI {base:?}: {e}"))?;
        Ok(Minter { base })
    }
    pub fn id(&self, kind: &str, local: &str) -> NamedNode {
        NamedNode::new_unchecked([&self.base, "id/", kind, "/", local].concat())
    }
    pub fn graph(&self, doc_id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/{doc_id}", self.base))
    }
    /// The graph holding the ontology and the gazetteer's reference data.
    pub fn reference_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/reference", self.base))
    }
    /// The graph holding the derived summary of responsibilities (see `summary`).
    pub fn summary_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/summary", self.base))
    }
}

/// A short, stable hexadecimal digest (FNV-1a, 64 bits) for minting fact identifiers.
pub fn digest(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}
