//! The store stage: a plain on-disk Oxigraph store (so the stock `oxigraph serve` can open it
//! too), one named graph per document, replaced atomically; clear errors when the store is
//! missing or held by another process.

use crate::pipeline::GraphSink;
use anyhow::{anyhow, Result};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::Store;
use std::collections::HashSet;
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

/// Opens an existing store for writing (exit code 4 when there is none).
pub fn open_existing_for_writing(path: &Path) -> Result<Store> {
    if !path.join("CURRENT").exists() {
        return Err(StoreError::Missing(path.to_path_buf()).into());
    }
    open_for_writing(path)
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

/// Writes each document's graph in its own transaction: a document is either stored whole or
/// its previous graph stays untouched.
pub struct Transactional<'a>(pub &'a Store);

impl GraphSink for Transactional<'_> {
    fn replace(&mut self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        replace_graph(self.0, graph, quads)
    }

    fn append(&mut self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut t = self.0.start_transaction()?;
        for q in quads {
            debug_assert_eq!(q.graph_name.as_ref(), graph.as_ref().into());
            t.insert(q.as_ref());
        }
        t.commit()?;
        Ok(())
    }
}

/// Writes graphs with oxigraph's bulk loader, committing every `flush_at` quads (several
/// documents at a time) on a background thread, so that the next documents are extracted while
/// a batch is loaded. Replace semantics hold: a graph already in the store (or loaded earlier
/// in this build) is removed just before its new content is loaded. Unlike [`Transactional`], a
/// crash between that removal and the next commit loses the old graph: rerun the build.
pub struct BulkLoad<'a> {
    store: &'a Store,
    pending: Vec<Quad>,
    pending_graphs: HashSet<NamedNode>,
    /// Graphs in the store before this load.
    existing_graphs: HashSet<NamedNode>,
    /// Graphs handed to the loader thread in this load (committed, or being loaded).
    handed_over: HashSet<NamedNode>,
    flush_at: usize,
    threads: usize,
    loader: Option<Loader>,
}

/// The background thread that loads and commits one batch at a time.
struct Loader {
    batches: std::sync::mpsc::SyncSender<Vec<Quad>>,
    thread: std::thread::JoinHandle<Result<()>>,
}

impl<'a> BulkLoad<'a> {
    /// Quads buffered before a commit: about 150 MB of memory (one batch is filled while the
    /// previous one is loaded).
    pub const DEFAULT_FLUSH_AT: usize = 500_000;

    pub fn new(store: &'a Store, flush_at: usize) -> Result<Self> {
        Ok(BulkLoad {
            store,
            pending: Vec::new(),
            pending_graphs: HashSet::new(),
            existing_graphs: graphs(store)?.into_iter().collect(),
            handed_over: HashSet::new(),
            flush_at: flush_at.max(1),
            threads: rayon::current_num_threads().clamp(1, 4),
            loader: None,
        })
    }

    /// Hands the pending quads to the loader thread (waiting while it loads the previous batch).
    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.loader.is_none() {
            self.loader = Some(self.spawn_loader());
        }
        let batch = std::mem::take(&mut self.pending);
        if self.loader.as_ref().unwrap().batches.send(batch).is_err() {
            // The loader stopped on an error: report it.
            self.wait()?;
            return Err(anyhow!("the bulk loader stopped"));
        }
        self.handed_over.extend(self.pending_graphs.drain());
        Ok(())
    }

    fn spawn_loader(&self) -> Loader {
        let (batches, incoming) = std::sync::mpsc::sync_channel::<Vec<Quad>>(0);
        let (store, threads) = (self.store.clone(), self.threads);
        let thread = std::thread::spawn(move || -> Result<()> {
            for batch in incoming {
                // 512 MB per thread makes oxigraph's own batch (memory × 1000 / threads quads)
                // at least one whole batch of ours: one set of SST files per commit, which
                // RocksDB ingests and compacts with less overlap than two half-size sets (1 GB
                // corpus: 280 s -> 245 s, peak RSS 946 -> 1,112 MiB; BENCHMARKS.md).
                let mut loader = store
                    .bulk_loader()
                    .with_num_threads(threads)
                    .with_max_memory_size_in_megabytes(512 * threads);
                loader.load_quads(batch)?;
                loader.commit()?;
            }
            Ok(())
        });
        Loader { batches, thread }
    }

    /// Waits until every batch handed over is committed.
    fn wait(&mut self) -> Result<()> {
        if let Some(Loader { batches, thread }) = self.loader.take() {
            drop(batches);
            thread
                .join()
                .map_err(|_| anyhow!("the bulk loader thread panicked"))??;
        }
        Ok(())
    }
}

impl BulkLoad<'_> {
    /// Adds quads to a graph loaded earlier in this same load (no replacement).
    pub fn append_quads(&mut self, quads: impl IntoIterator<Item = Quad>) -> Result<()> {
        self.pending.extend(quads);
        if self.pending.len() >= self.flush_at {
            self.flush()?;
        }
        Ok(())
    }
}

impl GraphSink for BulkLoad<'_> {
    fn replace(&mut self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        if self.pending_graphs.contains(graph) {
            // The same document twice in one batch: load the first before replacing it.
            self.flush()?;
        }
        if self.handed_over.remove(graph) {
            // Loaded earlier in this load, maybe still loading: let that finish first.
            self.wait()?;
            self.store.remove_named_graph(graph.as_ref())?;
        } else if self.existing_graphs.remove(graph) {
            self.store.remove_named_graph(graph.as_ref())?;
        }
        self.pending.extend(quads.iter().cloned());
        self.pending_graphs.insert(graph.clone());
        if self.pending.len() >= self.flush_at {
            self.flush()?;
        }
        Ok(())
    }

    fn append(&mut self, _graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        self.append_quads(quads.iter().cloned())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush()?;
        self.wait()
    }
}

impl Drop for BulkLoad<'_> {
    /// An early return (an error) still waits for the batches already handed over.
    fn drop(&mut self) {
        let _ = self.wait();
    }
}

/// Whether the store holds any graph besides the reference and summary graphs (a document's).
pub fn has_document_graphs(store: &Store, minter: &crate::rdf::Minter) -> Result<bool> {
    let (reference, summary) = (minter.reference_graph(), minter.summary_graph());
    Ok(graphs(store)?
        .iter()
        .any(|g| *g != reference && *g != summary))
}

/// What [`load_quads`] did.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoadReport {
    pub quads: usize,
    pub graphs: usize,
}

/// Loads N-Quads or TriG (e.g. the output of `policygraph extract`, maybe from other machines)
/// with the bulk loader. Each named graph in the input replaces the store's graph of that name;
/// a graph that appears in several places of the input gets all its parts.
pub fn load_quads(
    store: &Store,
    input: impl std::io::Read,
    format: oxigraph::io::RdfFormat,
) -> Result<LoadReport> {
    use oxigraph::io::RdfParser;
    use oxigraph::model::GraphName;
    let mut sink = BulkLoad::new(store, BulkLoad::DEFAULT_FLUSH_AT)?;
    let mut seen: HashSet<GraphName> = HashSet::new();
    let mut current: Option<GraphName> = None;
    let mut buffer: Vec<Quad> = Vec::new();
    let mut report = LoadReport::default();
    fn hand_over(
        sink: &mut BulkLoad,
        seen: &mut HashSet<GraphName>,
        graph: GraphName,
        quads: Vec<Quad>,
    ) -> Result<()> {
        let first = seen.insert(graph.clone());
        match graph {
            GraphName::NamedNode(g) if first => sink.replace(&g, &quads),
            _ => sink.append_quads(quads),
        }
    }
    for (i, q) in RdfParser::from_format(format).for_reader(input).enumerate() {
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                // Keep the graphs read whole before the error; the current one is dropped.
                sink.finish()?;
                return Err(anyhow!(
                    "invalid {} input at quad {}: {e} (the {} graph(s) before it were loaded)",
                    format.name(),
                    i + 1,
                    seen.len()
                ));
            }
        };
        report.quads += 1;
        if current.as_ref() != Some(&q.graph_name) || buffer.len() >= 100_000 {
            if let Some(g) = current.take() {
                hand_over(&mut sink, &mut seen, g, std::mem::take(&mut buffer))?;
            }
            current = Some(q.graph_name.clone());
        }
        buffer.push(q);
    }
    if let Some(g) = current.take() {
        hand_over(&mut sink, &mut seen, g, buffer)?;
    }
    sink.finish()?;
    report.graphs = seen.len();
    Ok(report)
}
