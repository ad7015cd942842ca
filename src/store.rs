//! The store stage: a plain on-disk Oxigraph store (so the stock `oxigraph serve` can open it
//! too), one named graph per document, replaced atomically; clear errors when the store is
//! missing or held by another process.

use crate::pipeline::GraphSink;
use anyhow::{anyhow, Result};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store};
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
    fn replace(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        replace_graph(self.0, graph, &quads)
    }

    fn append(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        let mut t = self.0.start_transaction()?;
        for q in quads {
            debug_assert_eq!(q.graph_name.as_ref(), graph.as_ref().into());
            t.insert(q.as_ref());
        }
        t.commit()?;
        Ok(())
    }
}

/// Writes graphs with oxigraph's bulk loader: every `flush_at` quads (several documents at a
/// time) a batch goes to a background thread, so that the next documents are extracted while
/// it is loaded, and every few batches the loader commits. Replace semantics hold: a graph
/// already in the store (or loaded earlier in this build) is removed just before its new
/// content is loaded. Unlike [`Transactional`], a crash between that removal and the next
/// commit loses the old graph, and a crash loses the batches not yet committed: rerun the
/// build.
pub struct BulkLoad<'a> {
    store: &'a Store,
    pending: Vec<Quad>,
    pending_graphs: HashSet<NamedNode>,
    /// Graphs in the store before this load.
    existing_graphs: HashSet<NamedNode>,
    /// Graphs handed to the loader thread in this load (committed, or being loaded).
    handed_over: HashSet<NamedNode>,
    /// Graphs of the store to remove before the pending quads are loaded.
    pending_removals: Vec<NamedNode>,
    flush_at: usize,
    threads: usize,
    loader: Option<Loader>,
    /// Why the loader failed: nothing more is loaded after that (batches not committed were
    /// lost), so every later call fails too.
    failed: Option<String>,
}

/// What the loader thread gets: graphs of the store to remove, then quads to load.
struct Batch {
    remove_first: Vec<NamedNode>,
    quads: Vec<Quad>,
}

/// The background thread that loads one batch at a time and commits every
/// [`BulkLoad::BATCHES_PER_COMMIT`] batches (and at the end), each commit on a thread of its own
/// while the next batches are loaded. It also removes the store's old graphs (after every
/// commit has ended: an in-memory store's loader holds the write lock until it commits).
struct Loader {
    batches: std::sync::mpsc::SyncSender<Batch>,
    thread: std::thread::JoinHandle<Result<()>>,
}

/// A commit of the bulk loader running on a thread of its own.
type Committing<'scope> = std::thread::ScopedJoinHandle<'scope, Result<(), StorageError>>;

/// Waits for the commit in `committing` (one at a time, in order), then starts committing
/// `loader` (if there is one) on a thread of `scope`.
fn start_commit<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    loader: &mut Option<oxigraph::store::BulkLoader<'env>>,
    committing: &mut Option<Committing<'scope>>,
) -> Result<()> {
    committed(committing)?;
    if let Some(l) = loader.take() {
        *committing = Some(scope.spawn(move || l.commit()));
    }
    Ok(())
}

/// Waits for the commit in `committing`, if any, to end.
fn committed(committing: &mut Option<Committing<'_>>) -> Result<()> {
    match committing.take() {
        Some(c) => Ok(c
            .join()
            .map_err(|_| anyhow!("the bulk loader's commit panicked"))??),
        None => Ok(()),
    }
}

/// Waits for the commit in `committing`, then commits `loader` on this thread.
fn commit_now(
    loader: &mut Option<oxigraph::store::BulkLoader<'_>>,
    committing: &mut Option<Committing<'_>>,
) -> Result<()> {
    committed(committing)?;
    Ok(loader.take().map_or(Ok(()), |l| l.commit())?)
}

impl<'a> BulkLoad<'a> {
    /// Quads per batch. At most `threads` + 2 batches are in memory: one filled by the build,
    /// one waiting for the loader, and up to one per thread turned into SST files by oxigraph
    /// (1 GB corpus on 2 cores: peak RSS 1,083-1,153 MiB; 1,224-1,470 MiB with batches of
    /// 500,000 quads).
    pub const DEFAULT_FLUSH_AT: usize = 250_000;
    /// Batches whose SST files wait on disk to be ingested together. RocksDB puts each
    /// ingested set of files on level 0 (their keys are hashes that overlap everything) and
    /// compacts level 0 into the levels below; ingesting 24 batches (6 million quads) at a time
    /// compacts a few times per gigabyte of text instead of after every batch (1 GB corpus:
    /// 18 % less CPU, BENCHMARKS.md), while keeping level 0 small enough for fast reads.
    const BATCHES_PER_COMMIT: usize = 24;

    pub fn new(store: &'a Store, flush_at: usize) -> Result<Self> {
        Ok(BulkLoad {
            store,
            pending: Vec::new(),
            pending_graphs: HashSet::new(),
            existing_graphs: graphs(store)?.into_iter().collect(),
            handed_over: HashSet::new(),
            pending_removals: Vec::new(),
            flush_at: flush_at.max(1),
            threads: rayon::current_num_threads().clamp(1, 4),
            loader: None,
            failed: None,
        })
    }

    /// An error if the loader failed earlier in this load.
    fn check(&self) -> Result<()> {
        match &self.failed {
            Some(e) => Err(anyhow!(
                "the bulk loader failed earlier ({e}): the documents since its last commit were \
                 not stored; rerun the build"
            )),
            None => Ok(()),
        }
    }

    /// Hands the pending quads to the loader thread (waiting while it loads the previous batch).
    fn flush(&mut self) -> Result<()> {
        self.check()?;
        if self.pending.is_empty() && self.pending_removals.is_empty() {
            return Ok(());
        }
        if self.loader.is_none() {
            self.loader = Some(self.spawn_loader());
        }
        let batch = Batch {
            remove_first: std::mem::take(&mut self.pending_removals),
            quads: std::mem::take(&mut self.pending),
        };
        if self.loader.as_ref().unwrap().batches.send(batch).is_err() {
            // The loader stopped on an error: report it.
            self.wait()?;
            return Err(anyhow!("the bulk loader stopped"));
        }
        self.handed_over.extend(self.pending_graphs.drain());
        Ok(())
    }

    fn spawn_loader(&self) -> Loader {
        let (batches, incoming) = std::sync::mpsc::sync_channel::<Batch>(0);
        let (store, threads) = (self.store.clone(), self.threads);
        let thread = std::thread::spawn(move || -> Result<()> {
            // 512 MB per thread makes oxigraph's own batch (memory × 1000 / threads quads) at
            // least one whole batch of ours: one set of SST files per batch.
            let new_loader = || {
                store
                    .bulk_loader()
                    .with_num_threads(threads)
                    .with_max_memory_size_in_megabytes(512 * threads)
            };
            std::thread::scope(|scope| -> Result<()> {
                // (an in-memory store's loader holds the write lock until it commits: the next
                // one waits for it)
                let mut loader: Option<oxigraph::store::BulkLoader<'_>> = None;
                // A commit runs on a thread of its own while the next batches are loaded:
                // RocksDB copies the SST files into the store and syncs them, seconds of
                // waiting on the disk (1 GB corpus: 5-9 s per commit) in which the build
                // would otherwise stop. One commit at a time, in order.
                let mut committing = None;
                let mut uncommitted = 0;
                let load_all = || -> Result<()> {
                    for Batch {
                        remove_first,
                        quads,
                    } in incoming
                    {
                        if !remove_first.is_empty() {
                            commit_now(&mut loader, &mut committing)?;
                            uncommitted = 0;
                            for g in &remove_first {
                                store.remove_named_graph(g.as_ref())?;
                            }
                        }
                        loader.get_or_insert_with(new_loader).load_quads(quads)?;
                        uncommitted += 1;
                        if uncommitted == Self::BATCHES_PER_COMMIT {
                            start_commit(scope, &mut loader, &mut committing)?;
                            uncommitted = 0;
                        }
                    }
                    commit_now(&mut loader, &mut committing)
                };
                let loaded = load_all();
                // a commit still running when loading failed: its own error is reported too
                // (the scope would join it and drop its result)
                match (loaded, committed(&mut committing)) {
                    (Err(e), Err(c)) => Err(anyhow!(
                        "{e:#}; the commit of the batches before it failed too: {c:#}"
                    )),
                    (loaded, commit) => loaded.and(commit),
                }
            })
        });
        Loader { batches, thread }
    }

    /// Waits until every batch handed over is committed.
    fn wait(&mut self) -> Result<()> {
        self.check()?;
        if let Some(Loader { batches, thread }) = self.loader.take() {
            drop(batches);
            let done = thread
                .join()
                .map_err(|_| anyhow!("the bulk loader thread panicked"))
                .and_then(|r| r);
            if let Err(e) = &done {
                self.failed = Some(format!("{e:#}"));
            }
            done?;
        }
        Ok(())
    }
}

impl BulkLoad<'_> {
    /// Room for a whole batch when one starts: growing it by doubling copies every quad again
    /// and touches fresh pages each time (about 2 % of a large build's time).
    fn reserve_batch(&mut self) {
        if self.pending.capacity() == 0 {
            self.pending
                .reserve(self.flush_at.saturating_add(self.flush_at / 8));
        }
    }

    /// Adds quads to a graph loaded earlier in this same load (no replacement).
    pub fn append_quads(&mut self, quads: impl IntoIterator<Item = Quad>) -> Result<()> {
        self.check()?;
        self.reserve_batch();
        self.pending.extend(quads);
        if self.pending.len() >= self.flush_at {
            self.flush()?;
        }
        Ok(())
    }
}

impl GraphSink for BulkLoad<'_> {
    fn replace(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        self.check()?;
        if self.pending_graphs.contains(graph) {
            // The same document twice in one batch: load the first before replacing it.
            self.flush()?;
        }
        if self.handed_over.remove(graph) {
            // Loaded earlier in this load, maybe still loading: let that finish first.
            self.wait()?;
            self.store.remove_named_graph(graph.as_ref())?;
        } else if self.existing_graphs.remove(graph) {
            // removed by the loader thread just before it loads the batch with the new content
            self.pending_removals.push(graph.clone());
        }
        self.reserve_batch();
        self.pending.extend(quads);
        self.pending_graphs.insert(graph.clone());
        if self.pending.len() >= self.flush_at {
            self.flush()?;
        }
        Ok(())
    }

    fn append(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        // a replacement of this graph later in the load must flush these quads first
        self.pending_graphs.insert(graph.clone());
        self.append_quads(quads)
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

/// Whether the store holds nothing but the reference and summary graphs: no other named graph
/// (blank nodes included) and no quad in the default graph.
pub fn holds_only_reference(store: &Store, minter: &crate::rdf::Minter) -> Result<bool> {
    let (reference, summary) = (minter.reference_graph(), minter.summary_graph());
    for g in store.named_graphs() {
        match g? {
            NamedOrBlankNode::NamedNode(n) if n == reference || n == summary => {}
            _ => return Ok(false),
        }
    }
    let default = GraphNameRef::DefaultGraph;
    Ok(store
        .quads_for_pattern(None, None, None, Some(default))
        .next()
        .is_none())
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
            GraphName::NamedNode(g) if first => sink.replace(&g, quads),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::GraphSink;
    use oxigraph::model::Literal;

    fn graph(i: usize) -> NamedNode {
        NamedNode::new(format!("https://example.org/graph/{i}")).unwrap()
    }

    /// `n` quads in graph `i`, each saying `version`.
    fn quads(i: usize, n: usize, version: &str) -> Vec<Quad> {
        (0..n)
            .map(|k| {
                Quad::new(
                    NamedNode::new(format!("https://example.org/s/{i}/{k}")).unwrap(),
                    NamedNode::new("https://example.org/p").unwrap(),
                    Literal::from(version),
                    graph(i),
                )
            })
            .collect()
    }

    /// Over many batches and several commits, every graph arrives whole, and a graph written
    /// again replaces the earlier one, whether that was committed long ago or still pending.
    #[test]
    fn bulk_loads_over_several_commits_keep_replace_semantics() {
        let dir = tempfile::tempdir().unwrap();
        let mut graphs = 0;
        for store in [Store::new().unwrap(), Store::open(dir.path()).unwrap()] {
            graphs = several_commits(&store);
        }
        // every commit, those run on threads of their own included, reached the disk: the
        // store opened afresh holds the whole second load
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.len().unwrap(), graphs * 150);
    }

    /// A large document's later parts still pending are not loaded into its replacement.
    #[test]
    fn a_replaced_graph_loses_its_appended_parts() {
        let store = Store::new().unwrap();
        let mut load = BulkLoad::new(&store, 100).unwrap();
        load.replace(&graph(0), quads(0, 150, "first part"))
            .unwrap();
        load.append(&graph(0), quads(0, 20, "next part")).unwrap();
        load.replace(&graph(0), quads(0, 5, "again")).unwrap();
        load.finish().unwrap();
        drop(load);
        let g = graph(0);
        let objects: Vec<String> = store
            .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
            .map(|q| q.unwrap().object.to_string())
            .collect();
        assert_eq!(objects, vec!["\"again\"".to_string(); 5]);
    }

    /// Once the loader has failed, the load reports it to the end instead of carrying on.
    #[test]
    fn a_failed_loader_fails_the_rest_of_the_load() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let store = Store::open_read_only(dir.path()).unwrap();
        let mut load = BulkLoad::new(&store, 100).unwrap();
        let mut results = Vec::new();
        for i in 0..5 {
            results.push(load.replace(&graph(i), quads(i, 150, "x")).is_ok());
        }
        let finished = load.finish();
        assert!(finished.is_err(), "{results:?}");
        assert!(load.replace(&graph(9), quads(9, 1, "x")).is_err());
        assert!(store.is_empty().unwrap());
    }

    /// Two bulk loads over several commits into `store`, checked; the number of graphs, each
    /// holding 150 quads at the end.
    fn several_commits(store: &Store) -> usize {
        let mut load = BulkLoad::new(store, 100).unwrap();
        let graphs = BulkLoad::BATCHES_PER_COMMIT * 5 / 2; // two batches per graph
        for i in 0..graphs {
            load.replace(&graph(i), quads(i, 200, "first")).unwrap();
        }
        load.replace(&graph(1), quads(1, 7, "second")).unwrap();
        load.replace(&graph(graphs - 1), quads(graphs - 1, 3, "second"))
            .unwrap();
        load.finish().unwrap();
        drop(load);
        let objects = |i: usize| -> Vec<String> {
            let g = graph(i);
            store
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                .map(|q| q.unwrap().object.to_string())
                .collect()
        };
        assert_eq!(objects(1), vec!["\"second\"".to_string(); 7]);
        assert_eq!(objects(graphs - 1), vec!["\"second\"".to_string(); 3]);
        for i in (0..graphs).filter(|i| *i != 1 && *i != graphs - 1) {
            assert_eq!(objects(i), vec!["\"first\"".to_string(); 200], "graph {i}");
        }
        assert_eq!(store.len().unwrap(), (graphs - 2) * 200 + 7 + 3);
        // a second load replaces the graphs already in the store, batch after batch
        let mut load = BulkLoad::new(store, 100).unwrap();
        for i in 0..graphs {
            load.replace(&graph(i), quads(i, 150, "third")).unwrap();
        }
        load.finish().unwrap();
        drop(load);
        for i in 0..graphs {
            assert_eq!(objects(i), vec!["\"third\"".to_string(); 150], "graph {i}");
        }
        graphs
    }
}
