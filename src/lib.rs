//! policygraph turns government policy documents into a knowledge graph that can be queried
//! with SPARQL. One module per pipeline stage:
//!
//! read → normalise → extract → rdf (map to RDF) → store (or `endpoint`, a remote Graph Store)
//! → summary (a derived view for the headline query) → query / export,
//! with `pipeline` tying them together and `gazetteer` holding the reference data.

pub mod catalog;
pub mod clock;
pub mod document;
pub mod endpoint;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod lang;
pub mod normalise;
pub mod pipeline;
pub mod prefixes;
pub mod query;
pub mod rdf;
pub mod read;
pub mod serve;
pub mod store;
pub mod summary;
pub mod validate;

#[cfg(test)]
mod test_texts;
