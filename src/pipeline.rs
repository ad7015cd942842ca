//! The pipeline: read → normalise → extract → map to RDF → store, for one document and for a
//! whole build. Documents are processed in parallel; each one's graph is written in its own
//! transaction, so a failing document never touches the others.

use crate::document::Document;
use crate::extract::{self, Extraction};
use crate::gazetteer::Gazetteer;
use crate::normalise::{self, Normalised, Sentence};
use crate::rdf::{self, Minter};
use crate::read::{self, ReadOutcome};
use crate::store;
use crate::summary;
use anyhow::{anyhow, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A document taken through every stage but the store.
pub struct Processed {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub extraction: Extraction,
    pub graph: rdf::Graph,
}

/// Normalises a document's text, in the manifest's languages or, without them, in those
/// detected.
pub fn normalise_document(doc: &Document) -> Normalised {
    let langs = (!doc.languages.is_empty()).then_some(doc.languages.as_slice());
    normalise::normalise(&doc.text, doc.format, langs)
}

/// Like [`normalise_document`]; a document that no manifest gave languages takes those
/// detected, so that its graph states them as a manifest's would be.
pub fn normalise_and_detect(doc: &mut Document) -> Vec<Sentence> {
    let normalised = normalise_document(doc);
    if doc.languages.is_empty() {
        doc.languages = normalised.languages;
    }
    normalised.sentences
}

/// Runs normalisation, extraction and mapping for one document.
pub fn process(doc: Document, gaz: &Gazetteer, minter: &Minter) -> Processed {
    process_at(doc, None, gaz, minter)
}

/// Like [`process`], for a segment of a large file: offsets and lines are made file-wide.
fn process_at(
    mut doc: Document,
    at: Option<(usize, usize, usize)>,
    gaz: &Gazetteer,
    minter: &Minter,
) -> Processed {
    let mut sentences = normalise_and_detect(&mut doc);
    if let Some((byte_base, char_base, line_base)) = at {
        for s in &mut sentences {
            s.line += line_base;
            s.start_byte += byte_base;
            s.end_byte += byte_base;
            s.start_char += char_base;
            s.end_char += char_base;
            s.map_base = byte_base;
        }
    }
    let extraction = extract::extract(&doc, &sentences, gaz);
    let graph = rdf::document_graph(minter, gaz, &doc, &extraction);
    Processed {
        doc,
        sentences,
        extraction,
        graph,
    }
}

/// The ontology and the gazetteer, as quads of the reference graph.
pub fn reference_quads(minter: &Minter, gaz: &Gazetteer) -> Result<Vec<Quad>> {
    let graph = minter.reference_graph();
    let mut quads = rdf::reference_quads(minter, gaz);
    let ontology = include_str!("../ontology/policygraph.ttl");
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ontology.as_bytes()) {
        let q = t.map_err(|e| anyhow!("bundled ontology: {e}"))?;
        quads.push(Quad::new(q.subject, q.predicate, q.object, graph.clone()));
    }
    Ok(quads)
}

/// What happened to one input file.
#[derive(Debug, Clone)]
pub enum FileReport {
    Built {
        file: PathBuf,
        counts: Counts,
        warning: Option<String>,
    },
    Skipped {
        file: PathBuf,
        reason: String,
    },
    Failed {
        file: PathBuf,
        reason: String,
    },
}

/// Facts per kind for one document (or a whole build).
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub sentences: usize,
    pub agencies: usize,
    pub acts: usize,
    pub initiatives: usize,
    pub regions: usize,
    pub responsibilities: usize,
    pub deadlines: usize,
    pub quads: usize,
}

impl Counts {
    fn of(p: &Processed) -> Counts {
        use crate::extract::Mentioned::*;
        let m = &p.extraction.mentions;
        Counts {
            sentences: p.sentences.len(),
            agencies: m.iter().filter(|x| matches!(x, Body(_))).count(),
            acts: m.iter().filter(|x| matches!(x, Act(_))).count(),
            initiatives: m.iter().filter(|x| matches!(x, Initiative(_))).count(),
            regions: m.iter().filter(|x| matches!(x, Region(_))).count(),
            responsibilities: p.extraction.responsibilities.len(),
            deadlines: p.extraction.deadlines.len(),
            quads: p.graph.len(),
        }
    }
    pub fn add(&mut self, o: &Counts) {
        self.sentences += o.sentences;
        self.agencies += o.agencies;
        self.acts += o.acts;
        self.initiatives += o.initiatives;
        self.regions += o.regions;
        self.responsibilities += o.responsibilities;
        self.deadlines += o.deadlines;
        self.quads += o.quads;
    }
}

/// The outcome of a build.
pub struct BuildReport {
    pub files: Vec<FileReport>,
    pub elapsed: Duration,
    /// Rows of the recomputed summary (builds into a local store).
    pub summary_rows: Option<usize>,
}

impl BuildReport {
    pub fn built(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f, FileReport::Built { .. }))
            .count()
    }
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f, FileReport::Failed { .. }))
            .count()
    }
    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.files {
            if let FileReport::Built { counts, .. } = f {
                c.add(counts);
            }
        }
        c
    }
}

/// Reads and processes one file; panics inside the stages become a failure of that file only.
fn process_file<T>(
    path: &Path,
    manifest: Option<&crate::document::ManifestEntry>,
    gaz: &Gazetteer,
    minter: &Minter,
    prepare: &Prepare<T>,
) -> FileOutcome<T> {
    let outcome = read::read_document(path, manifest)?;
    let (doc, warning) = match outcome {
        ReadOutcome::Skipped(s) => return Ok(Err(s)),
        ReadOutcome::Document { doc, warning } => (doc, warning),
    };
    let ready = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Ready::of(process(doc, gaz, minter), prepare)
    }))
    .map_err(|_| anyhow!("internal error while extracting (please report it with this file)"))?;
    Ok(Ok((ready, warning)))
}

/// What a consumer of [`run_files`] needs of a processed document (its quads, or their bytes),
/// made from it on the worker thread that processed it.
type Prepare<'a, T> = dyn Fn(Processed) -> Result<T> + Sync + 'a;

/// A processed document reduced, on the worker that made it, to its counts and what
/// [`Prepare`] takes of it (`None` when it has no sentences: nothing to write). The rest (its
/// text, sentences, extraction) is freed by the thread that allocated it: freed on the
/// consuming thread instead, every block costs the allocator a cross-thread free and a
/// collection (about a tenth of `extract`'s time; BENCHMARKS.md, session 17).
struct Ready<T> {
    counts: Counts,
    payload: Option<Result<T>>,
}

impl<T> Ready<T> {
    fn of(p: Processed, prepare: &Prepare<T>) -> Ready<T> {
        let counts = Counts::of(&p);
        let payload = (counts.sentences > 0).then(|| prepare(p));
        Ready { counts, payload }
    }
}

/// What `run_files` hands over: a whole document, or a part of a large file (the first part
/// replaces the document's graph, the next ones add to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    First,
    Next,
}

type OnDocument<'a, T> = dyn FnMut(T, Part) -> Result<()> + 'a;

/// Processes every input file, a few in parallel at a time (memory stays bounded by the files
/// in flight, not the corpus), and hands each processed document to `on_document` in input
/// order. Files above [`read::segment_bytes`] are processed segment by segment.
fn run_files<T: Send>(
    inputs: &[PathBuf],
    minter: &Minter,
    what: &str,
    prepare: &Prepare<T>,
    on_document: &mut OnDocument<T>,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<Vec<FileReport>> {
    let gaz = Gazetteer::bundled();
    let files = read::collect_inputs(inputs)?;
    let manifests = read::manifests(&files);
    let mut reports = Vec::new();
    let size = |f: &PathBuf| std::fs::metadata(f).map_or(0, |m| m.len() as usize);
    let is_large = |f: &PathBuf| size(f) > read::segment_bytes() && read::is_supported(f);
    let mut rest = files.as_slice();
    while !rest.is_empty() {
        if is_large(&rest[0]) {
            let file = rest[0].clone();
            let report = run_large_file(
                &file,
                manifests.get(&file),
                (gaz, minter),
                what,
                prepare,
                on_document,
            );
            progress(&report);
            reports.push(report);
            rest = &rest[1..];
            continue;
        }
        let n = rest.iter().position(is_large).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(n);
        rest = tail;
        in_order(
            run,
            &size,
            |f| process_file(f, manifests.get(f), gaz, minter, prepare),
            |file, r| {
                let report = file_report(file.clone(), r, what, on_document);
                progress(&report);
                reports.push(report);
            },
        );
    }
    Ok(reports)
}

/// Files in flight at most, per worker thread, and bytes of input in flight at most (a file is
/// always let in when nothing else is in flight).
const IN_FLIGHT_PER_THREAD: usize = 4;
const IN_FLIGHT_BYTES: usize = 64 << 20;

/// Runs `work` on each file on rayon's pool and gives the results to `consume` on this thread,
/// in input order, as they come: a sliding window instead of batches, so that no worker waits
/// for the slowest file of a batch, and the store is written while the next files are
/// extracted.
fn in_order<T: Send>(
    files: &[PathBuf],
    size: &(dyn Fn(&PathBuf) -> usize + Sync),
    work: impl Fn(&PathBuf) -> T + Sync,
    mut consume: impl FnMut(&PathBuf, T),
) {
    let window = rayon::current_num_threads().max(1) * IN_FLIGHT_PER_THREAD;
    let sizes: Vec<usize> = files.iter().map(size).collect();
    type Outcome<T> = std::thread::Result<T>;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Outcome<T>)>();
    let work = &work;
    // The body runs on this thread (not a pool worker), so waiting here leaves every worker free.
    rayon::in_place_scope(|scope| {
        let mut done: std::collections::BTreeMap<usize, Outcome<T>> = Default::default();
        let (mut next, mut bytes) = (0, 0);
        for emit in 0..files.len() {
            while next < files.len()
                && next < emit + window
                && (next == emit || bytes + sizes[next] <= IN_FLIGHT_BYTES)
            {
                let (tx, file, i) = (tx.clone(), &files[next], next);
                bytes += sizes[next];
                scope.spawn(move |_| {
                    // A panic is sent too (not lost in the pool), and raised again below.
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(file)));
                    let _ = tx.send((i, r));
                });
                next += 1;
            }
            let result = loop {
                if let Some(r) = done.remove(&emit) {
                    break r;
                }
                let (i, r) = rx.recv().expect("a worker sends every result");
                done.insert(i, r);
            };
            bytes -= sizes[emit];
            match result {
                Ok(r) => consume(&files[emit], r),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
}

type FileOutcome<T> = Result<Result<(Ready<T>, Option<String>), read::Skip>>;

/// What became of one (small) file: hands its document to `on_document` when there is one.
fn file_report<T>(
    file: PathBuf,
    r: FileOutcome<T>,
    what: &str,
    on_document: &mut OnDocument<T>,
) -> FileReport {
    let failed = |reason| FileReport::Failed {
        file: file.clone(),
        reason,
    };
    match r {
        Err(e) => failed(format!("{e:#}")),
        Ok(Err(skip @ read::Skip::Binary)) => failed(skip.to_string()),
        Ok(Err(skip)) => FileReport::Skipped {
            file,
            reason: skip.to_string(),
        },
        Ok(Ok((Ready { payload: None, .. }, _))) => FileReport::Skipped {
            file,
            reason: "no sentences found, no graph written".into(),
        },
        Ok(Ok((
            Ready {
                counts,
                payload: Some(payload),
            },
            warning,
        ))) => match payload.and_then(|p| on_document(p, Part::Whole)) {
            Ok(()) => FileReport::Built {
                file,
                counts,
                warning,
            },
            Err(e) => failed(format!("could not {what}: {e:#}")),
        },
    }
}

/// One large file, a few segments at a time in parallel, so that memory stays bounded by
/// the segments in flight. Context (headings, anaphora) does not cross segment boundaries.
fn run_large_file<T: Send>(
    file: &Path,
    manifest: Option<&crate::document::ManifestEntry>,
    (gaz, minter): (&Gazetteer, &Minter),
    what: &str,
    prepare: &Prepare<T>,
    on_document: &mut OnDocument<T>,
) -> FileReport {
    let failed = |reason: String| FileReport::Failed {
        file: file.to_path_buf(),
        reason,
    };
    let mut reader = match read::SegmentReader::open(file, read::segment_bytes()) {
        Ok(r) => r,
        Err(e) => return failed(format!("{e:#}")),
    };
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("document.txt");
    let mut template: Option<Document> = None;
    let mut counts = Counts::default();
    let mut fallback = false;
    let mut part = Part::First;
    loop {
        let mut docs = Vec::new();
        while docs.len() < rayon::current_num_threads().max(1) {
            let seg = match reader.next_segment() {
                Ok(None) => break,
                Ok(Some(Ok(seg))) => seg,
                Ok(Some(Err(skip))) => {
                    return failed(format!("{skip} (binary content inside the file)"))
                }
                Err(e) => return failed(format!("{e:#}")),
            };
            fallback |= seg.fallback;
            let doc = match &template {
                None => {
                    let doc = Document::new(name, seg.text, manifest);
                    template = Some(Document {
                        text: String::new(),
                        ..doc.clone()
                    });
                    doc
                }
                Some(t) => Document {
                    text: seg.text,
                    ..t.clone()
                },
            };
            docs.push((doc, (seg.byte_base, seg.char_base, seg.line_base)));
        }
        if docs.is_empty() {
            break;
        }
        let done: Vec<_> = docs
            .into_par_iter()
            .map(|(doc, at)| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    Ready::of(process_at(doc, Some(at), gaz, minter), prepare)
                }))
            })
            .collect();
        for ready in done {
            let Ok(ready) = ready else {
                return failed(
                    "internal error while extracting (please report it with this file)".into(),
                );
            };
            let Some(payload) = ready.payload else {
                continue; // nothing to add: the first part with sentences replaces the graph
            };
            if let Err(e) = payload.and_then(|p| on_document(p, part)) {
                return failed(format!("could not {what}: {e:#}"));
            }
            counts.add(&ready.counts);
            part = Part::Next;
        }
    }
    if part == Part::First {
        return FileReport::Skipped {
            file: file.to_path_buf(),
            reason: "no sentences found, no graph written".into(),
        };
    }
    FileReport::Built {
        file: file.to_path_buf(),
        counts,
        warning: fallback.then(|| read::FALLBACK_WARNING.to_string()),
    }
}

/// Streams the graph of every input document to `sink` without a store (for sharding large
/// corpora over machines). `prepare` turns each document's graph into what `sink` takes (its
/// serialisation, say) on the worker thread that extracted it, in parallel; `sink` gets the
/// results on this thread, in input order.
pub fn extract_to<T: Send>(
    inputs: &[PathBuf],
    minter: &Minter,
    prepare: &(dyn Fn(rdf::Graph) -> Result<T> + Sync),
    sink: &mut dyn FnMut(T) -> Result<()>,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<Vec<FileReport>> {
    run_files(
        inputs,
        minter,
        "write its quads",
        &|p| prepare(p.graph),
        &mut |t, _| sink(t),
        progress,
    )
}

/// Where a build writes each document's graph: the local store (one transaction per document,
/// or oxigraph's bulk loader) or an external Graph Store endpoint.
pub trait GraphSink {
    /// Replaces the named graph `graph` with `quads`.
    fn replace(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()>;
    /// Adds `quads` to `graph` (the next parts of a large document).
    fn append(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()>;
    /// Makes everything written so far durable (the bulk loader commits here).
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

/// Builds (or rebuilds) the graphs of `inputs` into `sink`: first the reference graph (ontology
/// and gazetteer), then one graph per document. `progress` is told each file done.
pub fn build_into(
    sink: &mut dyn GraphSink,
    inputs: &[PathBuf],
    minter: &Minter,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<BuildReport> {
    let start = Instant::now();
    let gaz = Gazetteer::bundled();
    sink.replace(&minter.reference_graph(), reference_quads(minter, gaz)?)?;
    let reports = run_files(
        inputs,
        minter,
        "store its graph",
        &|p| Ok((p.graph.name().clone(), p.graph.into_quads())),
        &mut |(graph, quads), part| match part {
            Part::Whole | Part::First => sink.replace(&graph, quads),
            Part::Next => sink.append(&graph, quads),
        },
        progress,
    )?;
    sink.finish()?;
    Ok(BuildReport {
        files: reports,
        elapsed: start.elapsed(),
        summary_rows: None,
    })
}

/// A sink that also gathers, when it has `facts`, the facts the summary counts from every
/// graph written.
struct Gathering<'a> {
    sink: &'a mut dyn GraphSink,
    facts: Option<summary::Facts>,
}

impl Gathering<'_> {
    /// Writes `quads` to `graph` with `write`, then, once written, records their facts with
    /// `record`.
    fn gather(
        &mut self,
        graph: &NamedNode,
        quads: Vec<Quad>,
        write: fn(&mut dyn GraphSink, &NamedNode, Vec<Quad>) -> Result<()>,
        record: fn(&mut summary::Facts, &NamedNode, summary::GraphFacts),
    ) -> Result<()> {
        let read = self.facts.as_mut().map(|f| f.read(&quads));
        write(&mut *self.sink, graph, quads)?;
        if let (Some(facts), Some(read)) = (&mut self.facts, read) {
            record(facts, graph, read);
        }
        Ok(())
    }
}

impl GraphSink for Gathering<'_> {
    fn replace(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        self.gather(
            graph,
            quads,
            |s, g, q| s.replace(g, q),
            summary::Facts::replace,
        )
    }

    fn append(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        self.gather(
            graph,
            quads,
            |s, g, q| s.append(g, q),
            summary::Facts::append,
        )
    }

    fn finish(&mut self) -> Result<()> {
        self.sink.finish()
    }
}

/// Builds (or rebuilds) the graphs of `inputs` in `store`, one transaction per document, then
/// recomputes the summary.
pub fn build(
    store: &Store,
    inputs: &[PathBuf],
    minter: &Minter,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<BuildReport> {
    build_store(store, inputs, minter, progress, false)
}

/// Builds (or rebuilds) the graphs of `inputs` in `store` — one transaction per document, or
/// with oxigraph's bulk loader when `bulk` — then recomputes the summary of responsibilities
/// (dropped first, so that an interrupted build leaves no stale summary). The summary is
/// recomputed even when some files failed: the others were stored.
pub fn build_store(
    store: &Store,
    inputs: &[PathBuf],
    minter: &Minter,
    progress: &(dyn Fn(&FileReport) + Sync),
    bulk: bool,
) -> Result<BuildReport> {
    let start = Instant::now();
    summary::clear(store)?;
    // a store with nothing but the reference graph will hold exactly the graphs written now:
    // the summary counts their facts as they pass instead of scanning the store afterwards
    let fresh = store::holds_only_reference(store, minter)?;
    let mut bulk_load;
    let mut transactional = store::Transactional(store);
    let sink: &mut dyn GraphSink = if bulk {
        bulk_load = store::BulkLoad::new(store, store::BulkLoad::DEFAULT_FLUSH_AT)?;
        &mut bulk_load
    } else {
        &mut transactional
    };
    let mut gathering = Gathering {
        sink,
        facts: fresh.then(summary::Facts::default),
    };
    let mut report = build_into(&mut gathering, inputs, minter, progress)?;
    report.summary_rows = Some(match &gathering.facts {
        Some(facts) => summary::refresh_from(store, minter, facts)?,
        None => summary::refresh(store, minter)?,
    });
    report.elapsed = start.elapsed();
    Ok(report)
}
