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
        self.id_from(kind, &[local])
    }
    /// [`Minter::id`] of a local name given in pieces (`doc`, `/`, a number…), joined straight
    /// into the IRI: no string of its own, no formatting.
    pub fn id_from(&self, kind: &str, local: &[&str]) -> NamedNode {
        let head = [self.base.as_str(), "id/", kind, "/"];
        let len = head.iter().chain(local).map(|p| p.len()).sum();
        let mut iri = String::with_capacity(len);
        for p in head.iter().chain(local) {
            iri.push_str(p);
        }
        NamedNode::new_unchecked(iri)
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
    // sixteen hexadecimal digits (`{h:016x}`)
    (0..16)
        .rev()
        .map(|k| char::from(b"0123456789abcdef"[(h >> (4 * k) & 0xf) as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digest is FNV-1a over the parts, each ended by 0x1f, in sixteen lower-case
    /// hexadecimal digits (leading zeros kept); minted IRIs join their pieces as given.
    #[test]
    fn digests_and_minted_iris() {
        let fnv = |parts: &[&str]| {
            let mut h: u64 = 0xcbf29ce484222325;
            for b in parts.iter().flat_map(|p| p.bytes().chain([0x1f])) {
                h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
            }
            h
        };
        // (`x200`: a digest with a leading zero)
        assert!(digest(&["x200"]).starts_with('0'));
        for parts in [
            &[][..],
            &["x200"],
            &["agency/bipt", "32016R0679", "coordinates", "1234"],
        ] {
            let d = digest(parts);
            assert_eq!(d, format!("{:016x}", fnv(parts)), "{parts:?}");
            assert_eq!(d.len(), 16);
        }
        let m = Minter::default();
        assert_eq!(
            m.id_from("evidence", &["doc", "/", "12", "-", "30"]),
            m.id("evidence", "doc/12-30")
        );
        assert_eq!(
            m.id("agency", "bipt").as_str(),
            format!("{DEFAULT_BASE}id/agency/bipt")
        );
    }
}
