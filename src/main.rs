//! The `policygraph` command line: a thin layer over the library's pipeline stages.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use policygraph::export::{self, ExportFormat};
use policygraph::pipeline::{self, FileReport};
use policygraph::query::{self, ResultFormat};
use policygraph::rdf::Minter;
use policygraph::store::{self, StoreError};
use std::io::Write;
use std::path::PathBuf;

/// mimalloc: extraction and the bulk loader allocate and free millions of small buffers; glibc's
/// allocator took ~18 % of the loader's CPU time. ~10 % faster builds (BENCHMARKS.md). It also
/// replaces malloc for RocksDB (feature "override", see Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_t` (libmimalloc-sys names no constant).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For `extract`, whose memory is a few documents': freed memory stays committed for the next
/// document instead of being returned to the system after mimalloc's delay (1 s) and faulted in
/// again, zeroed, when the next document needs it. That re-faulting cost ~5 % of extraction
/// (BENCHMARKS.md, session 8). Not for `build`: RocksDB's buffers would stay at their high-water
/// mark too (the 1 GB build's peak rose from 1.19 to 1.37 GiB).
fn keep_freed_memory_committed() {
    // SAFETY: sets one of mimalloc's option values; any value is valid for this option
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[derive(Parser)]
#[command(
    name = "policygraph",
    version,
    about = "Turn Belgian digital-policy documents into a knowledge graph you can query with SPARQL.",
    long_about = "Turn Belgian digital-policy documents into a knowledge graph you can query with SPARQL.\n\n\
Typical use:\n  policygraph build seeds/                 # read, extract and store the facts\n  policygraph query who-implements-what    # which body is responsible for which EU act\n  policygraph export --output graph.ttl    # Turtle for open-data portals\n\n\
Exit codes: 0 success, 1 error (or some files failed), 2 usage error, 3 store in use by another process, 4 no store."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct StoreArg {
    /// Store directory (an Oxigraph store).
    #[arg(long, env = "POLICYGRAPH_STORE", default_value = "policygraph-store")]
    store: PathBuf,
}

/// Options of `build` for an external triple store.
#[derive(clap::Args)]
struct EndpointArgs {
    /// Push each document's graph to this SPARQL 1.1 Graph Store endpoint instead of the local
    /// store (HTTP PUT ?graph=IRI, which replaces the graph): e.g. Virtuoso
    /// http://HOST:8890/sparql-graph-crud, Fuseki http://HOST:3030/DATASET/data, Oxigraph
    /// http://HOST:7878/store.
    #[arg(long, value_name = "URL", env = "POLICYGRAPH_ENDPOINT")]
    endpoint: Option<String>,
    /// User for HTTP Basic authentication at the endpoint; the password is read from
    /// $POLICYGRAPH_ENDPOINT_PASSWORD (never from the command line, where `ps` would show it).
    #[arg(long, value_name = "USER", requires = "endpoint")]
    endpoint_user: Option<String>,
}

/// How `build` writes to the local store.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LoadMode {
    Auto,
    Transactions,
    Bulk,
}

// one command is parsed per run: the size of the largest variant costs nothing
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Read documents, extract facts, store one named graph per document.
    ///
    /// Re-building a document replaces its graph. Folders are read recursively (keep-going is the
    /// default): a file that cannot be read is reported and skipped, the others are still built,
    /// and the exit code is 1 at the end.
    Build {
        /// Files and folders to ingest (.txt, .md). A folder's MANIFEST.csv supplies titles,
        /// years and languages.
        #[arg(default_value = "seeds")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArg,
        /// Base IRI for the identifiers policygraph mints.
        #[arg(long, default_value = policygraph::rdf::vocab::DEFAULT_BASE)]
        base: String,
        /// Print only the summary.
        #[arg(long, short)]
        quiet: bool,
        /// How graphs are written to the local store. `transactions`: one transaction per
        /// document, so a failure or a kill leaves every other document's graph intact. `bulk`:
        /// oxigraph's bulk loader, several documents per commit (fastest for large corpora; a
        /// document's old graph is removed just before its new one is loaded). `auto`: bulk for a
        /// new or empty store (nothing to lose), transactions otherwise.
        #[arg(long, value_enum, default_value = "auto")]
        load: LoadMode,
        #[command(flatten)]
        endpoint: EndpointArgs,
    },
    /// Run a canned query, a query file (.rq) or SPARQL text over all documents.
    Query {
        /// Canned query name (see `policygraph queries`), path to a .rq file, or SPARQL text.
        query: String,
        #[command(flatten)]
        store: StoreArg,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: ResultFormat,
        /// Bind a query variable, e.g. `--param agency=bipt` (bound safely, never spliced into the text).
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
    },
    /// List the canned queries with their descriptions.
    Queries,
    /// Extract facts without a store, as N-Quads on standard output.
    ///
    /// One named graph per document; for sharding large corpora and loading them anywhere.
    Extract {
        /// Files and folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format: N-Quads (one quad per line, easy to shard and concatenate) or TriG.
        #[arg(long, short, value_enum, default_value = "nquads")]
        format: QuadFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Base IRI of the minted identifiers (must match the store you will load into).
        #[arg(long, default_value = policygraph::rdf::vocab::DEFAULT_BASE)]
        base: String,
        /// Also write the reference graph (ontology and gazetteer).
        #[arg(long)]
        with_reference: bool,
    },
    /// Load N-Quads or TriG (e.g. `extract` output from other machines) with the bulk loader.
    ///
    /// Each named graph in the input replaces the store's graph of that name. Give `-` to read
    /// standard input. The format follows the extension (.nq, .trig; N-Quads otherwise).
    Load {
        /// Files to load.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Recompute the summary that the headline query `who-implements-what` reads.
    ///
    /// `build` and `load` do it at their end; run it after an interrupted build, or after
    /// changing the store with other tools.
    Summarise {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Export the graph as Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD.
    ///
    /// By default everything: all documents, the ontology and the reference data. Large
    /// exports are sorted in bounded memory, with a temporary file in $TMPDIR about the size of
    /// the export as N-Quads (a little more for TriG).
    Export {
        #[command(flatten)]
        store: StoreArg,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "turtle")]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Export only this document's graph (its id or file name).
        #[arg(long)]
        graph: Option<String>,
        /// Write the DCAT-AP 3 catalogue (dataset description for data.gov.be) instead of the graph.
        #[arg(long)]
        catalog: bool,
        #[command(flatten)]
        catalog_args: policygraph::catalog::CatalogArgs,
        /// Base IRI the store's identifiers were minted with (to find `--graph`; the catalogue's
        /// dataset IRIs).
        #[arg(long, default_value = policygraph::rdf::vocab::DEFAULT_BASE)]
        base: String,
    },
    /// Serve the store read-only: SPARQL endpoint, canned queries and a query page.
    ///
    /// A SPARQL 1.1 endpoint at /sparql, the canned queries at /queries, and a query page at /
    /// (loopback only by default).
    Serve {
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        args: policygraph::serve::ServeArgs,
    },
    /// Check the store or an exported file against SHACL shapes.
    ///
    /// Default shapes: ontology/shapes.ttl. Exit code 1 on violations.
    Validate {
        #[command(flatten)]
        store: StoreArg,
        /// SHACL shapes in Turtle (default: the bundled ontology/shapes.ttl).
        #[arg(long)]
        shapes: Option<PathBuf>,
        /// Validate this RDF file (.ttl .nt .nq .trig .rdf .jsonld) instead of the store.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Score the store against gold annotations (precision, recall, F1).
    ///
    /// One folder per document with implementations.tsv and deadlines.tsv; prints the misses and
    /// the false alarms.
    Eval {
        /// Folder of gold annotations.
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        #[command(flatten)]
        store: StoreArg,
        #[arg(long, short, value_enum, default_value = "table")]
        format: InspectFormat,
    },
    /// Show a file's normalised sentences with language, line and offsets.
    ///
    /// Use it to see why a fact was or was not found.
    Inspect {
        file: PathBuf,
        #[arg(long, short, value_enum, default_value = "table")]
        format: InspectFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum QuadFormat {
    Nquads,
    Trig,
}

#[derive(Clone, Copy, ValueEnum)]
enum InspectFormat {
    Table,
    Json,
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        // `policygraph query … | head` closes the pipe early: not an error
        if e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        }) {
            std::process::exit(0);
        }
        let code = e
            .downcast_ref::<StoreError>()
            .map_or(1, StoreError::exit_code);
        eprintln!("error: {e:#}");
        std::process::exit(code);
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build {
            paths,
            store,
            base,
            quiet,
            load,
            endpoint,
        } => build(paths, store.store, &base, quiet, load, endpoint),
        Command::Query {
            query,
            store,
            format,
            params,
        } => run_query(&query, &store.store, format, &params),
        Command::Queries => {
            for q in query::canned() {
                println!("{:<22} {}", q.name, q.description);
                for (p, d) in &q.params {
                    println!("{:<22}   --param {p}=…  {d}", "");
                }
            }
            Ok(())
        }
        Command::Export {
            store,
            format,
            output,
            graph,
            base,
            catalog,
            catalog_args,
        } => {
            let st = store::open_for_reading(&store.store)?;
            let minter = Minter::new(&base)?;
            let g = match graph {
                None => None,
                Some(name) => {
                    let id = policygraph::document::slug(
                        name.rsplit_once('.')
                            .filter(|(_, e)| matches!(*e, "txt" | "md"))
                            .map_or(name.as_str(), |(s, _)| s),
                    );
                    let g = minter.graph(&id);
                    if !store::graphs(&st)?.contains(&g) {
                        bail!("no graph for document '{name}' in the store (see `policygraph query documents`)");
                    }
                    Some(g)
                }
            };
            if catalog && g.is_some() {
                bail!("--catalog describes the whole graph; drop --graph");
            }
            write_output(output.as_deref(), |w| {
                if catalog {
                    policygraph::catalog::write_catalog(&st, &catalog_args, &minter, format, w)
                } else {
                    export::export(&st, g.as_ref(), format, w)
                }
            })
        }
        Command::Inspect { file, format } => inspect(&file, format),
        Command::Load { files, store } => load(&files, &store.store),
        Command::Summarise { store } => {
            let st = store::open_existing_for_writing(&store.store)?;
            let start = std::time::Instant::now();
            let rows = policygraph::summary::refresh_with_store_base(&st)?;
            println!(
                "Summary: {rows} (body, EU act, role) row(s) in {:.1}s.",
                start.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Serve { store, args } => policygraph::serve::run(&store.store, &args),
        Command::Validate {
            store,
            shapes,
            file,
        } => {
            use policygraph::validate::{self, ValidateInput};
            let shapes = match &shapes {
                Some(p) => std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read {}", p.display()))?,
                None => validate::BUNDLED_SHAPES.to_string(),
            };
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let code = match &file {
                Some(f) => validate::validate_and_print(ValidateInput::File(f), &shapes, &mut w)?,
                None => {
                    let st = store::open_for_reading(&store.store)?;
                    validate::validate_and_print(ValidateInput::Store(&st), &shapes, &mut w)?
                }
            };
            w.flush()?;
            if code != 0 {
                std::process::exit(code);
            }
            Ok(())
        }
        Command::Extract {
            paths,
            format,
            output,
            base,
            with_reference,
        } => {
            keep_freed_memory_committed();
            extract(&paths, format, output.as_deref(), &base, with_reference)
        }
        Command::Eval {
            gold,
            store,
            format,
        } => {
            let st = store::open_for_reading(&store.store)?;
            let e = policygraph::eval::evaluate(
                &st,
                &gold,
                policygraph::gazetteer::Gazetteer::bundled(),
            )?;
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            match format {
                InspectFormat::Json => serde_json::to_writer_pretty(&mut w, &e)?,
                InspectFormat::Table => policygraph::eval::report(&e, &mut w)?,
            }
            w.flush()?;
            Ok(())
        }
    }
}

/// Runs `write` on standard output, or on a temporary file beside `output` that replaces it
/// only once everything was written: a failed export leaves no partial file behind, and a file
/// of that name from an earlier run as it was. What is not a plain file (`/dev/stdout`, a pipe,
/// a symbolic link) is written directly.
fn write_output(
    output: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let plain_or_new = |path: &std::path::Path| match std::fs::symlink_metadata(path) {
        Ok(m) => m.file_type().is_file(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    let (sink, partial): (Box<dyn Write>, Option<PathBuf>) = match output {
        None => (Box::new(std::io::stdout().lock()), None),
        Some(path) if !plain_or_new(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            (Box::new(file), None)
        }
        Some(path) => {
            let name = path
                .file_name()
                .with_context(|| format!("{} is not a file name", path.display()))?;
            let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
            let file = std::fs::File::create(&partial)
                .with_context(|| format!("cannot write {}", partial.display()))?;
            (Box::new(file), Some(partial))
        }
    };
    let mut w = std::io::BufWriter::new(sink);
    let written = write(&mut w).and_then(|()| Ok(w.flush()?));
    drop(w);
    match (written, partial, output) {
        (Ok(()), Some(partial), Some(path)) => std::fs::rename(&partial, path)
            .with_context(|| format!("cannot move {} to {}", partial.display(), path.display())),
        (Err(e), Some(partial), _) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
        (written, _, _) => written,
    }
}

fn extract(
    paths: &[PathBuf],
    format: QuadFormat,
    output: Option<&std::path::Path>,
    base: &str,
    with_reference: bool,
) -> Result<()> {
    let minter = Minter::new(base)?;
    let w: Box<dyn Write> = match output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let reference = with_reference
        .then(|| pipeline::reference_quads(&minter, policygraph::gazetteer::Gazetteer::bundled()))
        .transpose()?;
    let quads = Streamed {
        paths,
        minter: &minter,
        reference,
    };
    let reports = match format {
        // N-Quads (a line per quad, no state) are serialised on the workers, in parallel
        QuadFormat::Nquads => {
            let mut w = w;
            let reports = quads.stream(&nquads_chunks, &mut |chunks| {
                chunks.iter().try_for_each(|c| w.write_all(c))?;
                Ok(())
            })?;
            w.flush()?;
            reports
        }
        // TriG (prefixes, graph blocks) by one serialiser, in order
        QuadFormat::Trig => {
            use oxigraph::io::{RdfFormat, RdfSerializer};
            let mut ser = RdfSerializer::from_format(RdfFormat::TriG).for_writer(w);
            let reports = quads.stream(&Ok, &mut |quads| {
                quads.all().try_for_each(|q| ser.serialize_quad(q))?;
                Ok(())
            })?;
            ser.finish()?.flush()?;
            reports
        }
    };
    let failed = reports
        .iter()
        .filter(|r| matches!(r, FileReport::Failed { .. }))
        .count();
    if failed > 0 {
        bail!("{failed} file(s) failed; the other documents were written");
    }
    Ok(())
}

/// What `extract` writes: the reference graph's quads (when asked for), then every document's.
struct Streamed<'a> {
    paths: &'a [PathBuf],
    minter: &'a Minter,
    reference: Option<Vec<oxigraph::model::Quad>>,
}

impl Streamed<'_> {
    /// Hands the quads to `write`, each document's turned by `prepare` on the worker that
    /// extracted it.
    fn stream<T: Send>(
        self,
        prepare: &(dyn Fn(Quads) -> Result<T> + Sync),
        write: &mut dyn FnMut(T) -> Result<()>,
    ) -> Result<Vec<FileReport>> {
        if let Some(reference) = self.reference {
            write(prepare(Quads::Reference(reference))?)?;
        }
        let progress = report_progress(self.paths, false);
        pipeline::extract_to(
            self.paths,
            self.minter,
            &|graph| prepare(Quads::Document(graph)),
            write,
            &progress,
        )
    }
}

/// The quads of one graph, as `extract` writes them: the reference graph's (the ontology's
/// blank nodes included), or a document's graph as the mapping built it.
enum Quads {
    Reference(Vec<oxigraph::model::Quad>),
    Document(policygraph::rdf::Graph),
}

impl Quads {
    fn len(&self) -> usize {
        match self {
            Quads::Reference(quads) => quads.len(),
            Quads::Document(graph) => graph.len(),
        }
    }

    /// Quads `range`, in order.
    fn some(
        &self,
        range: std::ops::Range<usize>,
    ) -> Box<dyn Iterator<Item = oxigraph::model::QuadRef<'_>> + '_> {
        match self {
            Quads::Reference(quads) => Box::new(quads[range].iter().map(|q| q.as_ref())),
            Quads::Document(graph) => Box::new(graph.quads_in(range)),
        }
    }

    fn all(&self) -> impl Iterator<Item = oxigraph::model::QuadRef<'_>> + '_ {
        self.some(0..self.len())
    }
}

/// N-Quads are serialised this many quads at a time, each chunk into a buffer of its own: no
/// buffer grows by reallocation to a whole document's N-Quads (an 8 MB segment of a large file
/// makes ~50 MB).
const QUADS_PER_CHUNK: usize = 256;

/// `quads` as N-Quads, by sophia's serialiser (the same bytes as Oxigraph's, written without
/// formatting each character), in chunks of [`QUADS_PER_CHUNK`] quads.
fn nquads_chunks(quads: Quads) -> Result<Vec<Vec<u8>>> {
    let n = quads.len();
    let mut chunks: Vec<Vec<u8>> = Vec::with_capacity(n / QUADS_PER_CHUNK + 1);
    for start in (0..n).step_by(QUADS_PER_CHUNK) {
        // room for as much as the last chunk took, and a little more: one allocation
        let room = chunks.last().map_or(64 << 10, |c| c.len() + c.len() / 8);
        let mut bytes = Vec::with_capacity(room);
        let some = quads.some(start..n.min(start + QUADS_PER_CHUNK));
        policygraph::rdf::sophia_view::write_nquads(&mut bytes, some)?;
        chunks.push(bytes);
    }
    Ok(chunks)
}

/// Reports each file on stderr. On a terminal a progress bar counts the files and problems are
/// printed above it; otherwise (a pipe, a log, CI) one line per file, or only problems with `quiet`.
fn report_progress(paths: &[PathBuf], quiet: bool) -> impl Fn(&FileReport) + Sync {
    use std::io::IsTerminal;
    let bar = if std::io::stderr().is_terminal() && !quiet {
        let total = policygraph::read::collect_inputs(paths)
            .map(|f| f.len())
            .unwrap_or(0) as u64;
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files  {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    move |r: &FileReport| {
        let line = match r {
            FileReport::Built {
                file,
                warning: Some(w),
                ..
            } => Some(format!("warning: {}: {w}", file.display())),
            FileReport::Built { file, counts, .. } if !quiet && bar.is_none() => Some(format!(
                "  built  {} ({} sentences, {} responsibilities, {} deadlines)",
                file.display(),
                counts.sentences,
                counts.responsibilities,
                counts.deadlines
            )),
            FileReport::Built { .. } => None,
            FileReport::Skipped { file, reason } => {
                Some(format!("  skip   {}: {reason}", file.display()))
            }
            FileReport::Failed { file, reason } => {
                Some(format!("  FAILED {}: {reason}", file.display()))
            }
        };
        match (&bar, line) {
            (Some(b), Some(l)) => b.println(l),
            (None, Some(l)) => eprintln!("{l}"),
            _ => {}
        }
        if let Some(b) = &bar {
            if let FileReport::Built { file, .. } = r {
                b.set_message(
                    file.file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default(),
                );
            }
            b.inc(1);
            if b.position() >= b.length().unwrap_or(0) {
                b.finish_and_clear();
            }
        }
    }
}

fn build(
    paths: Vec<PathBuf>,
    store_dir: PathBuf,
    base: &str,
    quiet: bool,
    load: LoadMode,
    endpoint: EndpointArgs,
) -> Result<()> {
    let minter = Minter::new(base)?;
    let progress = report_progress(&paths, quiet);
    let (report, target) = if let Some(url) = &endpoint.endpoint {
        let credentials = match endpoint.endpoint_user {
            None => None,
            Some(user) => Some(policygraph::endpoint::Credentials {
                user,
                password: std::env::var("POLICYGRAPH_ENDPOINT_PASSWORD").context(
                    "--endpoint-user needs the password in $POLICYGRAPH_ENDPOINT_PASSWORD",
                )?,
            }),
        };
        let mut remote = policygraph::endpoint::GraphStore::new(url, credentials)?;
        let report = pipeline::build_into(&mut remote, &paths, &minter, &progress)?;
        (report, format!("the Graph Store endpoint {url}"))
    } else {
        let st = store::open_for_writing(&store_dir)?;
        let bulk = match load {
            LoadMode::Bulk => true,
            LoadMode::Transactions => false,
            LoadMode::Auto => store::holds_only_reference(&st, &minter)?,
        };
        let report = pipeline::build_store(&st, &paths, &minter, &progress, bulk)?;
        (report, store_dir.display().to_string())
    };
    let t = report.totals();
    println!(
        "{} document(s) built into {} in {:.1}s: {} sentences; {} agencies, {} EU acts, {} initiatives, {} regions mentioned; {} responsibilities, {} deadlines; {} quads.",
        report.built(),
        target,
        report.elapsed.as_secs_f64(),
        t.sentences,
        t.agencies,
        t.acts,
        t.initiatives,
        t.regions,
        t.responsibilities,
        t.deadlines,
        t.quads
    );
    if let Some(rows) = report.summary_rows {
        println!("Summary: {rows} (body, EU act, role) row(s) for the headline query.");
    }
    if report.failed() > 0 {
        bail!(
            "{} file(s) failed; the other documents were stored",
            report.failed()
        );
    }
    if report.built() == 0 {
        bail!("no document was built: give files or folders with .txt or .md documents");
    }
    Ok(())
}

fn load(files: &[PathBuf], store_dir: &std::path::Path) -> Result<()> {
    use oxigraph::io::RdfFormat;
    let st = store::open_for_writing(store_dir)?;
    let start = std::time::Instant::now();
    let mut total = store::LoadReport::default();
    for f in files {
        let format = match f.extension().and_then(|e| e.to_str()) {
            Some("trig") => RdfFormat::TriG,
            _ => RdfFormat::NQuads,
        };
        let r = if f.as_os_str() == "-" {
            store::load_quads(&st, std::io::stdin().lock(), format)
        } else {
            let file =
                std::fs::File::open(f).with_context(|| format!("cannot read {}", f.display()))?;
            store::load_quads(&st, std::io::BufReader::new(file), format)
        }
        .with_context(|| format!("loading {}", f.display()))?;
        total.quads += r.quads;
        total.graphs += r.graphs;
    }
    let rows = policygraph::summary::refresh_with_store_base(&st)?;
    println!(
        "{} quads in {} graph(s) loaded into {} in {:.1}s; summary: {rows} (body, EU act, role) row(s).",
        total.quads,
        total.graphs,
        store_dir.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn run_query(
    spec: &str,
    store_dir: &std::path::Path,
    format: ResultFormat,
    params: &[String],
) -> Result<()> {
    let (text, canned) = query::resolve(spec)?;
    let mut bound = Vec::new();
    for p in params {
        let Some((n, v)) = p.split_once('=') else {
            bail!("--param takes NAME=VALUE, got '{p}'")
        };
        bound.push((n.trim().to_string(), query::param_term(v)));
    }
    if let Some(q) = &canned {
        for (name, desc) in &q.params {
            if !bound.iter().any(|(n, _)| n == name) {
                if name == "after" {
                    bound.push((
                        name.clone(),
                        query::param_term(&policygraph::clock::today()),
                    ));
                } else {
                    bail!(
                        "the canned query '{}' needs --param {name}=… ({desc})",
                        q.name
                    );
                }
            }
        }
    }
    let st = store::open_for_reading(store_dir)?;
    let out = query::run(&st, &text, &bound)?;
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    query::write(&out, format, &mut w)?;
    w.flush()?;
    Ok(())
}

fn inspect(file: &std::path::Path, format: InspectFormat) -> Result<()> {
    let manifests = policygraph::read::manifests(&[file.to_path_buf()]);
    let mut doc = match policygraph::read::read_document(file, manifests.get(file))? {
        policygraph::read::ReadOutcome::Document { doc, .. } => doc,
        policygraph::read::ReadOutcome::Skipped(s) => bail!("{}: {s}", file.display()),
    };
    let sentences = pipeline::normalise_and_detect(&mut doc);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    match format {
        InspectFormat::Json => {
            serde_json::to_writer_pretty(
                &mut w,
                &serde_json::json!({ "document": doc, "sentences": sentences }),
            )?;
            writeln!(w)?;
        }
        InspectFormat::Table => {
            writeln!(
                w,
                "{} — languages: {}; signatory: {}",
                doc.file_name,
                doc.languages
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(", "),
                doc.signatory.as_deref().unwrap_or("-")
            )?;
            writeln!(w, "{:>6} {:>4} {:>15}  text", "line", "lang", "chars")?;
            for s in &sentences {
                let mark = match (s.heading, s.stitched) {
                    (true, _) => "#",
                    (_, true) => "+",
                    _ => " ",
                };
                writeln!(
                    w,
                    "{:>6} {:>4} {:>15} {mark}{}",
                    s.line,
                    s.lang,
                    format!("{}-{}", s.start_char, s.end_char),
                    s.text
                )?;
            }
            writeln!(
                w,
                "({} sentences; # heading, + stitched across a column break)",
                sentences.len()
            )?;
        }
    }
    w.flush()?;
    Ok(())
}
