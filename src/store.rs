//! The store stage: a plain on-disk Oxigraph store (so the stock `oxigraph serve` can open it
//! too), one named graph per document, replaced atomically; clear errors when the store is
//! missing or held by another process.

use anyhow::{anyhow, Result};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};

/// Exit code when the store is locked by another process.
pub const EXIT_STORE_IN_USE: i32 = 3;
/// Exit code when no store exists where one was expected.
pub const EXIT_NO_STORE: i32 = 4;

/// An error about the store that the CLI maps to its own exit code.
#[derive(Debug)]
pub enum StoreError {
    InUse(PathBuf),
    Missing(PathBuf),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::InUse(p) => write!(
                f,
                "store {} is in use by another policygraph process (a build or serve); wait for it to finish or stop it, then try again",
                p.display()
            ),
            StoreError::Missing(p) => write!(
                f,
                "no policygraph store at {}: create it with `policygraph build --store {}` (or point --store / POLICYGRAPH_STORE at an existing one)",
                p.display(),
                p.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::InUse(_) => EXIT_STORE_IN_USE,
            StoreError::Missing(_) => EXIT_NO_STORE,
        }
    }
}

fn is_lock_error(e: &dyn std::fmt::Display) -> bool {
    let m = e.to_string().to_lowercase();
    m.contains("lock") || m.contains("resource temporarily unavailable")
}

/// Opens (creating if needed) the store for writing.
pub fn open_for_writing(path: &Path) -> Result<Store> {
    std::fs::create_dir_all(path)
        .map_err(|e| anyhow!("cannot create store directory {}: {e}", path.display()))?;
    Store::open(path).map_err(|e| {
        if is_lock_error(&e) {
            anyhow::Error::new(StoreError::InUse(path.to_path_buf()))
        } else {
            anyhow!("cannot open store {}: {e}", path.display())
        }
    })
}

/// Opens an existing store for reading; works while another process writes to it.
pub fn open_for_reading(path: &Path) -> Result<Store> {
    if !path.join("CURRENT").exists() {
        return Err(StoreError::Missing(path.to_path_buf()).into());
    }
    Store::open_read_only(path)
        .map_err(|e| anyhow!("cannot open store {} for reading: {e}", path.display()))
}

/// Replaces the content of one named graph with `quads`, in one transaction: either the new
/// graph is stored whole, or the old one stays untouched.
pub fn replace_graph(store: &Store, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
    let mut t = store.start_transaction()?;
    t.remove_named_graph(graph.as_ref())?;
    t.insert_named_graph(graph.as_ref());
    for q in quads {
        t.insert(q.as_ref());
    }
    t.commit()?;
    Ok(())
}

/// The named graphs of the store, sorted.
pub fn graphs(store: &Store) -> Result<Vec<NamedNode>> {
    let mut out = Vec::new();
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g? {
            out.push(n);
        }
    }
    out.sort();
    Ok(out)
}

/// Number of quads in one graph.
pub fn graph_len(store: &Store, graph: &NamedNode) -> Result<usize> {
    let g: GraphNameRef = graph.as_ref().into();
    Ok(store.quads_for_pattern(None, None, None, Some(g)).count())
}
