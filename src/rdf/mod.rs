//! The map-to-RDF stage: vocabulary IRIs, the graphs the mapping builds, and the mapping of
//! documents, facts and reference data to them.

pub mod graph;
pub mod mapping;
pub mod sophia_view;
pub mod vocab;

pub use graph::Graph;
pub use mapping::{document_graph, document_quads, reference_quads};
pub use vocab::Minter;
