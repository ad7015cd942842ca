//! The pipeline: read → normalise → extract → map to RDF → store, for one document and for a
//! whole build. Documents are processed in parallel; each one's graph is written in its own
//! transaction, so a failing document never touches the others.

use crate::document::Document;
use crate::extract::{self, Extraction};
use crate::gazetteer::Gazetteer;
use crate::normalise::{self, Sentence};
use crate::rdf::{self, Minter};
use crate::read::{self, ReadOutcome};
use crate::store;
use anyhow::{anyhow, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use oxigraph::store::Store;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A document taken through every stage but the store.
pub struct Processed {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub extraction: Extraction,
    pub quads: Vec<Quad>,
}

/// Normalises a document's text.
pub fn normalise_document(doc: &Document) -> Vec<Sentence> {
    let langs = (!doc.languages.is_empty()).then_some(doc.languages.as_slice());
    normalise::normalise(&doc.text, doc.format, langs).sentences
}

/// Runs normalisation, extraction and mapping for one document.
pub fn process(doc: Document, gaz: &Gazetteer, minter: &Minter) -> Processed {
    let sentences = normalise_document(&doc);
    let extraction = extract::extract(&doc, &sentences, gaz);
    let quads = rdf::document_quads(minter, gaz, &doc, &extraction);
    Processed {
        doc,
        sentences,
        extraction,
        quads,
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
            quads: p.quads.len(),
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
fn process_file(
    path: &Path,
    manifest: Option<&crate::document::ManifestEntry>,
    gaz: &Gazetteer,
    minter: &Minter,
) -> Result<Result<(Processed, Option<String>), read::Skip>> {
    let outcome = read::read_document(path, manifest)?;
    let (doc, warning) = match outcome {
        ReadOutcome::Skipped(s) => return Ok(Err(s)),
        ReadOutcome::Document { doc, warning } => (doc, warning),
    };
    let processed =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(doc, gaz, minter)))
            .map_err(|_| {
                anyhow!("internal error while extracting (please report it with this file)")
            })?;
    Ok(Ok((processed, warning)))
}

/// Processes every input file, a few in parallel at a time (memory stays bounded by the batch,
/// not the corpus), and hands each processed document to `on_document` in input order.
fn run_files(
    inputs: &[PathBuf],
    minter: &Minter,
    what: &str,
    on_document: &mut dyn FnMut(&Processed) -> Result<()>,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<Vec<FileReport>> {
    let gaz = Gazetteer::bundled();
    let files = read::collect_inputs(inputs)?;
    let manifests = read::manifests(&files);
    let mut reports = Vec::new();
    let batch = rayon::current_num_threads().max(1) * 2;
    for chunk in files.chunks(batch) {
        let done: Vec<_> = chunk
            .par_iter()
            .map(|f| (f.clone(), process_file(f, manifests.get(f), gaz, minter)))
            .collect();
        for (file, r) in done {
            let report = match r {
                Err(e) => FileReport::Failed {
                    file,
                    reason: format!("{e:#}"),
                },
                Ok(Err(skip @ read::Skip::Binary)) => FileReport::Failed {
                    file,
                    reason: skip.to_string(),
                },
                Ok(Err(skip)) => FileReport::Skipped {
                    file,
                    reason: skip.to_string(),
                },
                Ok(Ok((p, _))) if p.sentences.is_empty() => FileReport::Skipped {
                    file,
                    reason: "no sentences found, no graph written".into(),
                },
                Ok(Ok((p, warning))) => match on_document(&p) {
                    Ok(()) => FileReport::Built {
                        file,
                        counts: Counts::of(&p),
                        warning,
                    },
                    Err(e) => FileReport::Failed {
                        file,
                        reason: format!("could not {what}: {e:#}"),
                    },
                },
            };
            progress(&report);
            reports.push(report);
        }
    }
    Ok(reports)
}

/// Streams the quads of every input document to `sink` without a store (for sharding large
/// corpora over machines).
pub fn extract_to(
    inputs: &[PathBuf],
    minter: &Minter,
    sink: &mut dyn FnMut(&[Quad]) -> Result<()>,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<Vec<FileReport>> {
    run_files(
        inputs,
        minter,
        "write its quads",
        &mut |p| sink(&p.quads),
        progress,
    )
}

/// Builds (or rebuilds) the graphs of `inputs` in `store`. `progress` is told each file done.
pub fn build(
    store: &Store,
    inputs: &[PathBuf],
    minter: &Minter,
    progress: &(dyn Fn(&FileReport) + Sync),
) -> Result<BuildReport> {
    let start = Instant::now();
    let gaz = Gazetteer::bundled();
    store::replace_graph(
        store,
        &minter.reference_graph(),
        &reference_quads(minter, gaz)?,
    )?;
    let reports = run_files(
        inputs,
        minter,
        "store its graph",
        &mut |p| store::replace_graph(store, &minter.graph(&p.doc.id), &p.quads),
        progress,
    )?;
    Ok(BuildReport {
        files: reports,
        elapsed: start.elapsed(),
    })
}
