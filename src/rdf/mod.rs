//! The map-to-RDF stage: vocabulary IRIs and the mapping of documents, facts and reference
//! data to quads.

pub mod mapping;
pub mod sophia_view;
pub mod vocab;

pub use mapping::{document_quads, reference_quads};
pub use vocab::Minter;
