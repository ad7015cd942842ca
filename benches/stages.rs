//! Criterion benchmarks of the pipeline stages on the bundled seeds: read, normalise (with the
//! manifest's languages, and without: detected), extract, map to RDF, load (one transaction per
//! document, and the bulk loader), and the headline canned query on a store built from the
//! seeds. `cargo bench --bench stages`; figures and the end-to-end benchmark are in
//! BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use policygraph::document::Document;
use policygraph::gazetteer::Gazetteer;
use policygraph::pipeline::{self, GraphSink};
use policygraph::rdf::Minter;
use policygraph::read::{self, ReadOutcome};
use policygraph::{extract, query, rdf, store};
use std::path::{Path, PathBuf};

/// The allocator of the `policygraph` binary, so that the stages are measured as they run there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn seed_documents() -> Vec<Document> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let files = read::collect_inputs(&[seeds]).unwrap();
    let manifests = read::manifests(&files);
    files
        .iter()
        .filter_map(
            |f| match read::read_document(f, manifests.get(f)).unwrap() {
                ReadOutcome::Document { doc, .. } => Some(doc),
                ReadOutcome::Skipped(_) => None,
            },
        )
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = seed_documents();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let gaz = Gazetteer::bundled();
    let minter = Minter::new(policygraph::rdf::vocab::DEFAULT_BASE).unwrap();
    let sentences: Vec<_> = docs
        .iter()
        .map(|d| pipeline::normalise_document(d).sentences)
        .collect();
    let extractions: Vec<_> = docs
        .iter()
        .zip(&sentences)
        .map(|(d, s)| extract::extract(d, s, gaz))
        .collect();
    let quads: Vec<_> = docs
        .iter()
        .zip(&extractions)
        .map(|(d, e)| (minter.graph(&d.id), rdf::document_quads(&minter, gaz, d, e)))
        .collect();

    let mut g = c.benchmark_group("seeds");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("normalise", |b| {
        b.iter(|| docs.iter().map(pipeline::normalise_document).count())
    });
    // the same documents read without a MANIFEST.csv: their languages are detected first
    let unlabelled: Vec<Document> = docs
        .iter()
        .cloned()
        .map(|mut d| {
            d.languages.clear();
            d
        })
        .collect();
    g.bench_function("normalise_without_manifest", |b| {
        b.iter(|| unlabelled.iter().map(pipeline::normalise_document).count())
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&sentences)
                .map(|(d, s)| extract::extract(d, s, gaz).mentions.len())
                .sum::<usize>()
        })
    });
    g.bench_function("map_to_rdf", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&extractions)
                .map(|(d, e)| rdf::document_quads(&minter, gaz, d, e).len())
                .sum::<usize>()
        })
    });
    g.bench_function("all_stages_but_store", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipeline::process(d.clone(), gaz, &minter).graph.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("load");
    g.throughput(Throughput::Elements(
        quads.iter().map(|(_, q)| q.len() as u64).sum(),
    ));
    g.sample_size(10);
    let dir = tempfile::tempdir().unwrap();
    g.bench_function("transactions", |b| {
        let st = store::open_for_writing(&dir.path().join("tx")).unwrap();
        b.iter(|| {
            for (graph, q) in &quads {
                store::replace_graph(&st, graph, q).unwrap();
            }
        })
    });
    g.bench_function("bulk", |b| {
        let st = store::open_for_writing(&dir.path().join("bulk")).unwrap();
        b.iter(|| {
            let mut sink = store::BulkLoad::new(&st, store::BulkLoad::DEFAULT_FLUSH_AT).unwrap();
            for (graph, q) in &quads {
                // a copy: every iteration loads the same quads
                sink.replace(graph, q.clone()).unwrap();
            }
            sink.finish().unwrap();
        })
    });
    g.finish();

    let store_dir: PathBuf = dir.path().join("seeds-store");
    let st = store::open_for_writing(&store_dir).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    pipeline::build(&st, &[seeds], &minter, &|_| {}).unwrap();
    let headline = query::find_canned("who-implements-what").unwrap();
    let mut g = c.benchmark_group("query");
    g.sample_size(30);
    g.bench_function("who-implements-what", |b| {
        b.iter(|| query::run(&st, headline.text, &[]).unwrap().len())
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
