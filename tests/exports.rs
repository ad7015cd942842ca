//! Exports: every format parses back (with Oxigraph and, where sophia has the parser, with
//! sophia) to a graph isomorphic to what was exported; pretty Turtle is byte-stable and matches
//! a golden file; the DCAT-AP catalogue conforms to data.gov.be's shapes; our own shapes pass on
//! the seeds and fail on a broken graph.
//!
//! Stores are built with the real binary; everything else goes through the library API.

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use oxigraph::store::Store;
use policygraph::catalog::{self, CatalogArgs, Coverage};
use policygraph::export::{self, ExportFormat};
use policygraph::rdf::Minter;
use policygraph::validate::{self, Severity, ValidateInput};
use sophia::api::source::{QuadSource, TripleSource};
use sophia::isomorphism::{isomorphic_datasets, isomorphic_graphs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build_store(paths: &[PathBuf]) -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep().join("store");
    let out = Command::new(env!("CARGO_BIN_EXE_policygraph"))
        .arg("build")
        .args(paths)
        .arg("--store")
        .arg(&dir)
        .arg("-q")
        .output()
        .expect("run policygraph");
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The seeds' store, built once for this file and only read afterwards.
fn seeds_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| build_store(&[root().join("seeds")]))
}

fn open(p: &Path) -> Store {
    policygraph::store::open_for_reading(p).unwrap()
}

fn mini_doc() -> PathBuf {
    root().join("tests/golden/mini-policy-note.fr.txt")
}

fn mini_graph() -> NamedNode {
    Minter::default().graph("mini-policy-note.fr")
}

fn export_bytes(store: &Store, graph: Option<&NamedNode>, f: ExportFormat) -> Vec<u8> {
    let mut out = Vec::new();
    export::export(store, graph, f, &mut out).unwrap();
    out
}

/// What an export in `f` must contain: the quads, or their union as triples (default graph).
fn expected(store: &Store, graph: Option<&NamedNode>, f: ExportFormat) -> Vec<Quad> {
    let quads = export::stable_quads(export::store_quads(store, graph).unwrap()).unwrap();
    if f.keeps_graphs() {
        quads
    } else {
        export::union_triples(&quads)
            .into_iter()
            .map(|t| t.in_graph(GraphName::DefaultGraph))
            .collect()
    }
}

fn assert_isomorphic(a: &[Quad], b: &[Quad], what: &str) {
    let da = export::to_sophia_dataset(a).unwrap();
    let db = export::to_sophia_dataset(b).unwrap();
    assert_eq!(
        da.len(),
        db.len(),
        "{what}: {} vs {} statements",
        da.len(),
        db.len()
    );
    assert!(
        isomorphic_datasets(&da, &db).unwrap(),
        "{what}: not isomorphic"
    );
}

/// Parses an export with sophia, when sophia has a parser for the format (its RDF/XML and
/// JSON-LD parsers are optional features that policygraph does not compile in).
fn parse_with_sophia(bytes: &[u8], f: ExportFormat) -> Option<export::SophiaDataset> {
    let text = std::str::from_utf8(bytes).unwrap();
    let in_default = |g: export::SophiaGraph| -> export::SophiaDataset {
        g.into_iter().map(|t| (t, None)).collect()
    };
    match f {
        ExportFormat::Turtle => Some(in_default(
            sophia::turtle::parser::turtle::parse_str(text)
                .collect_triples()
                .unwrap(),
        )),
        ExportFormat::Ntriples => Some(in_default(
            sophia::turtle::parser::nt::parse_str(text)
                .collect_triples()
                .unwrap(),
        )),
        ExportFormat::Nquads => Some(
            sophia::turtle::parser::nq::parse_str(text)
                .collect_quads()
                .unwrap(),
        ),
        ExportFormat::Trig => Some(
            sophia::turtle::parser::trig::parse_str(text)
                .collect_quads()
                .unwrap(),
        ),
        ExportFormat::Rdfxml | ExportFormat::Jsonld => None,
    }
}

fn check_round_trip(store: &Store, graph: Option<&NamedNode>) {
    for f in ExportFormat::ALL {
        let bytes = export_bytes(store, graph, f);
        let want = expected(store, graph, f);
        assert!(!want.is_empty());
        let back = export::parse_with_oxigraph(&bytes, f.rdf_format())
            .unwrap_or_else(|e| panic!("{f:?} does not parse back: {e}"));
        assert_isomorphic(&back, &want, &format!("{f:?} read back by Oxigraph"));
        if let Some(ds) = parse_with_sophia(&bytes, f) {
            let want = export::to_sophia_dataset(&want).unwrap();
            assert_eq!(ds.len(), want.len(), "{f:?} read back by sophia: size");
            assert!(
                isomorphic_datasets(&ds, &want).unwrap(),
                "{f:?} read back by sophia: not isomorphic"
            );
        }
    }
}

#[test]
fn every_format_round_trips_for_the_whole_store() {
    check_round_trip(&open(seeds_store()), None);
}

#[test]
fn every_format_round_trips_for_one_document() {
    let st = open(seeds_store());
    let g = Minter::default().graph("flanders-digital-strategy.nl");
    assert!(policygraph::store::graphs(&st).unwrap().contains(&g));
    check_round_trip(&st, Some(&g));
}

#[test]
fn exports_are_byte_identical_across_stores_and_runs() {
    // two stores built separately: Oxigraph draws new blank-node ids for the ontology's
    // `[] a owl:AllDifferent` each time; the export must not show it
    let a = open(&build_store(&[mini_doc()]));
    let b = open(&build_store(&[mini_doc()]));
    for f in ExportFormat::ALL {
        let x = export_bytes(&a, None, f);
        assert_eq!(x, export_bytes(&a, None, f), "{f:?}: two runs differ");
        assert_eq!(x, export_bytes(&b, None, f), "{f:?}: two stores differ");
    }
}

/// A large export sorts its statements in runs that spill to a temporary file: the bytes are
/// those of an export that does not spill, and an unusable temporary directory is named in
/// the error.
#[test]
fn spilled_exports_equal_unspilled_ones_and_name_a_bad_temp_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |format: &str, run_bytes: &str, tmpdir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_policygraph"))
            .args(["export", "--format", format, "--store"])
            .arg(seeds_store())
            .env("POLICYGRAPH_EXPORT_RUN_BYTES", run_bytes)
            .env("TMPDIR", tmpdir)
            .output()
            .expect("run policygraph")
    };
    for format in ["nquads", "ntriples", "rdfxml", "jsonld"] {
        let whole = run(format, "1000000000", tmp.path());
        let spilled = run(format, "4096", tmp.path());
        assert!(
            whole.status.success(),
            "{}",
            String::from_utf8_lossy(&whole.stderr)
        );
        assert!(
            spilled.status.success(),
            "{}",
            String::from_utf8_lossy(&spilled.stderr)
        );
        assert!(whole.stdout.len() > 100_000, "{format}: a real export");
        assert!(
            whole.stdout == spilled.stdout,
            "{format}: spilled export differs"
        );
        let bad_dir = Path::new("/nonexistent/policygraph-tmp");
        let bad = run(format, "4096", bad_dir);
        assert!(!bad.status.success());
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(
            err.contains("/nonexistent/policygraph-tmp") && err.contains("TMPDIR"),
            "{err}"
        );
    }
}

/// A failed export to a file leaves no partial file behind, and an earlier file of that name
/// whole (the export spills to an unusable temporary directory and fails half-way).
#[test]
fn a_failed_export_leaves_the_output_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph.nq");
    let bad_tmp = Path::new("/nonexistent/policygraph-tmp");
    let run = |tmpdir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_policygraph"))
            .args(["export", "--format", "nquads", "--store"])
            .arg(seeds_store())
            .arg("--output")
            .arg(&out)
            .env("POLICYGRAPH_EXPORT_RUN_BYTES", "4096")
            .env("TMPDIR", tmpdir)
            .output()
            .expect("run policygraph")
    };
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let failed = run(bad_tmp);
    assert!(!failed.status.success());
    assert!(files().is_empty(), "left behind: {:?}", files());
    let done = run(dir.path());
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let whole = std::fs::read(&out).unwrap();
    assert!(whole.len() > 100_000, "a real export");
    let failed = run(bad_tmp);
    assert!(!failed.status.success());
    assert_eq!(
        std::fs::read(&out).unwrap(),
        whole,
        "the earlier export was touched"
    );
    assert_eq!(files(), vec!["graph.nq".to_string()]);
}

/// `--output` through a symbolic link writes the file it points to and keeps the link.
#[test]
fn an_export_through_a_symbolic_link_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = (dir.path().join("link.nq"), dir.path().join("real.nq"));
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policygraph"))
        .args(["export", "--format", "nquads", "--store"])
        .arg(seeds_store())
        .arg("--output")
        .arg(&link)
        .output()
        .expect("run policygraph");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(&target).unwrap().len() > 100_000);
}

#[test]
fn pretty_turtle_is_pretty() {
    let st = open(seeds_store());
    let ttl = String::from_utf8(export_bytes(&st, None, ExportFormat::Turtle)).unwrap();
    assert!(
        ttl.starts_with("PREFIX ") || ttl.starts_with("@prefix "),
        "{}",
        &ttl[..200]
    );
    assert!(
        ttl.contains("PREFIX pg: <https://w3id.org/policygraph/ontology#>")
            || ttl.contains("@prefix pg:")
    );
    // subjects grouped: one block per agency, with the BelgIF link
    assert_eq!(
        ttl.matches("\n<https://w3id.org/policygraph/id/agency/bipt>")
            .count(),
        1,
        "BIPT described in more than one block"
    );
    assert!(ttl.contains("<https://org.belgif.be/id/CbeRegisteredEntity/0243405860>"));
    assert!(ttl.contains("owl:AllDifferent"));
    // small exports get the fully pretty form: the ontology's one blank node nested, not labelled
    let mini = open(&build_store(&[mini_doc()]));
    let ttl = String::from_utf8(export_bytes(&mini, None, ExportFormat::Turtle)).unwrap();
    let n = export::union_triples(&export::store_quads(&mini, None).unwrap()).len();
    if n <= export::PRETTY_LIMIT {
        assert!(
            !ttl.contains("_:"),
            "a blank node label leaked into the pretty Turtle"
        );
        assert!(ttl.contains("owl:distinctMembers ("), "no list syntax");
    }
}

#[test]
fn golden_pretty_turtle_of_one_small_document() {
    let a = open(&build_store(&[mini_doc()]));
    let b = open(&build_store(&[mini_doc()]));
    let g = mini_graph();
    let x = export_bytes(&a, Some(&g), ExportFormat::Turtle);
    assert_eq!(
        x,
        export_bytes(&b, Some(&g), ExportFormat::Turtle),
        "pretty Turtle differs between two builds"
    );
    let golden = root().join("tests/golden/mini-policy-note.ttl");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &x).unwrap();
    }
    let want = std::fs::read_to_string(&golden)
        .expect("golden file (UPDATE_GOLDEN=1 cargo test --test exports to create it)");
    let got: export::SophiaGraph =
        sophia::turtle::parser::turtle::parse_str(std::str::from_utf8(&x).unwrap())
            .collect_triples()
            .unwrap();
    let want_g: export::SophiaGraph = sophia::turtle::parser::turtle::parse_str(&want)
        .collect_triples()
        .unwrap();
    assert!(
        isomorphic_graphs(&got, &want_g).unwrap(),
        "the pretty Turtle of the small document is not isomorphic to {} (if the change is intended: UPDATE_GOLDEN=1 cargo test --test exports)",
        golden.display()
    );
    assert!(
        got.len() > 20,
        "the small document yields only {} triples",
        got.len()
    );
}

// ---------------------------------------------------------------------------------------------
// DCAT-AP

fn dcat_shapes(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/golden/dcat-ap-shapes").join(name)).unwrap()
}

fn catalog_args() -> CatalogArgs {
    CatalogArgs {
        publisher_name: Some("FPS Policy and Support (BOSA)".into()),
        publisher_uri: Some("https://org.belgif.be/id/CbeRegisteredEntity/0671516647".into()),
        contact_email: Some("opendata@example.be".into()),
        landing_page: Some("https://example.be/policygraph".into()),
        download_url: Some("https://example.be/policygraph/downloads".into()),
        issued: Some("2025-01-15".into()),
        modified: Some("2025-06-30".into()),
        ..Default::default()
    }
}

fn catalog_bytes(store: &Store, f: ExportFormat) -> Vec<u8> {
    let mut out = Vec::new();
    catalog::write_catalog(store, &catalog_args(), &Minter::default(), f, &mut out).unwrap();
    out
}

#[test]
fn catalog_conforms_to_the_data_gov_be_dcat_ap_shapes() {
    let st = open(seeds_store());
    let ttl = catalog_bytes(&st, ExportFormat::Turtle);
    let quads = export::parse_with_oxigraph(&ttl, RdfFormat::Turtle).unwrap();
    let report =
        validate::validate(ValidateInput::Quads(&quads), &dcat_shapes("shapes.ttl")).unwrap();
    let mut text = Vec::new();
    report.print(&mut text).unwrap();
    assert!(
        report.conforms(),
        "the catalogue does not conform to shapes.ttl:\n{}",
        String::from_utf8_lossy(&text)
    );

    // the recommended shapes: reported, and only the known gaps may remain
    let rec = validate::validate(
        ValidateInput::Quads(&quads),
        &dcat_shapes("shapes_recommended.ttl"),
    )
    .unwrap();
    let mut text = Vec::new();
    rec.print(&mut text).unwrap();
    eprintln!(
        "recommended DCAT-AP shapes:\n{}",
        String::from_utf8_lossy(&text)
    );
    assert_eq!(
        rec.violations(),
        0,
        "recommended shapes:\n{}",
        String::from_utf8_lossy(&text)
    );
}

#[test]
fn catalog_describes_the_dataset_and_every_distribution() {
    let st = open(seeds_store());
    let ttl = String::from_utf8(catalog_bytes(&st, ExportFormat::Turtle)).unwrap();
    let quads = export::parse_with_oxigraph(ttl.as_bytes(), RdfFormat::Turtle).unwrap();
    let objects = |p: &str| -> Vec<String> {
        quads
            .iter()
            .filter(|q| q.predicate.as_str() == p)
            .map(|q| q.object.to_string())
            .collect()
    };
    let media = objects("http://www.w3.org/ns/dcat#mediaType");
    for f in ExportFormat::ALL {
        assert!(
            media.contains(&format!(
                "<http://www.iana.org/assignments/media-types/{}>",
                f.media_type()
            )),
            "{f:?} missing: {media:?}"
        );
    }
    assert_eq!(objects("http://www.w3.org/ns/dcat#downloadURL").len(), 6);
    let themes = objects("http://www.w3.org/ns/dcat#theme");
    for t in ["GOVE", "JUST", "TECH"] {
        assert!(themes.contains(&format!(
            "<http://publications.europa.eu/resource/authority/data-theme/{t}>"
        )));
    }
    let spatial = objects("http://purl.org/dc/terms/spatial");
    assert!(spatial
        .contains(&"<http://publications.europa.eu/resource/authority/country/BEL>".to_string()));
    assert!(
        spatial
            .iter()
            .any(|s| s.starts_with("<http://data.europa.eu/nuts/code/BE")),
        "{spatial:?}"
    );
    assert!(objects("http://purl.org/dc/terms/type")
        .contains(&"<http://purl.org/adms/publishertype/NationalAuthority>".to_string()));
    // the seeds span 2017–2025
    assert!(objects("http://www.w3.org/ns/dcat#startDate")
        .contains(&"\"2017-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>".to_string()));
    assert!(objects("http://www.w3.org/ns/dcat#endDate")
        .contains(&"\"2025-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>".to_string()));
    assert!(!ttl.contains("_:"), "blank node in the catalogue");
    // stable, and every format round-trips
    assert_eq!(
        ttl.as_bytes(),
        catalog_bytes(&st, ExportFormat::Turtle).as_slice()
    );
    let want: Vec<Quad> = export::stable_quads(quads.clone()).unwrap();
    for f in ExportFormat::ALL {
        let back = export::parse_with_oxigraph(&catalog_bytes(&st, f), f.rdf_format()).unwrap();
        assert_isomorphic(&back, &want, &format!("catalogue in {f:?}"));
    }
}

#[test]
fn catalog_config_file_fills_what_the_command_line_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let toml_path = dir.path().join("catalog.toml");
    std::fs::write(&toml_path, "publisher_name = \"Digitaal Vlaanderen\"\npublisher_uri = \"https://data.vlaanderen.be/id/organisatie/OVO002949\"\npublisher_type = \"RegionalAuthority\"\nlicense = \"https://creativecommons.org/licenses/by/4.0/\"\n").unwrap();
    let args = CatalogArgs {
        config: Some(toml_path),
        publisher_name: Some("CLI wins".into()),
        ..Default::default()
    };
    let r = args.resolved().unwrap();
    assert_eq!(r.publisher_name.as_deref(), Some("CLI wins"));
    assert_eq!(r.publisher_type.as_deref(), Some("RegionalAuthority"));
    assert_eq!(
        r.license.as_deref(),
        Some("https://creativecommons.org/licenses/by/4.0/")
    );

    let json_path = dir.path().join("catalog.json");
    std::fs::write(
        &json_path,
        r#"{"download_url": "https://example.org/dl/", "issued": "2024-02-01"}"#,
    )
    .unwrap();
    let r = CatalogArgs {
        config: Some(json_path),
        ..Default::default()
    }
    .resolved()
    .unwrap();
    assert_eq!(r.download_url.as_deref(), Some("https://example.org/dl/"));

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "publisher = \"typo\"\n").unwrap();
    assert!(
        CatalogArgs {
            config: Some(bad),
            ..Default::default()
        }
        .resolved()
        .is_err(),
        "unknown keys must be rejected"
    );

    let cov = Coverage {
        documents: 1,
        first_year: Some(2020),
        last_year: Some(2020),
        ..Default::default()
    };
    assert!(catalog::catalog_quads(
        &cov,
        &CatalogArgs {
            issued: Some("2024-2-1".into()),
            ..Default::default()
        },
        &Minter::default()
    )
    .is_err());
}

// ---------------------------------------------------------------------------------------------
// our own shapes

#[test]
fn own_shapes_pass_on_the_seeds() {
    let st = open(seeds_store());
    let report = validate::validate(ValidateInput::Store(&st), validate::BUNDLED_SHAPES).unwrap();
    let mut text = Vec::new();
    report.print(&mut text).unwrap();
    assert_eq!(report.violations(), 0, "{}", String::from_utf8_lossy(&text));
    assert_eq!(report.exit_code(), 0);
    assert!(report.triples > 5000);
}

#[test]
fn own_shapes_fail_on_a_broken_graph() {
    let st = open(seeds_store());
    let mut quads = export::store_quads(&st, None).unwrap();
    let pg =
        |l: &str| NamedNode::new(format!("https://w3id.org/policygraph/ontology#{l}")).unwrap();
    let rdf_type = NamedNode::new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type").unwrap();
    // one responsibility loses its role and gains a second body
    let resp = quads
        .iter()
        .find(|q| q.predicate == rdf_type && q.object == Term::from(pg("Responsibility")))
        .map(|q| q.subject.clone())
        .expect("a responsibility in the seeds");
    let g = quads
        .iter()
        .find(|q| q.subject == resp)
        .unwrap()
        .graph_name
        .clone();
    quads.retain(|q| !(q.subject == resp && q.predicate == pg("role")));
    quads.push(Quad::new(
        resp.clone(),
        pg("body"),
        NamedNode::new("https://w3id.org/policygraph/id/agency/bosa").unwrap(),
        g.clone(),
    ));
    // one deadline's date loses its grain-bearing literal
    let instant = quads
        .iter()
        .find(|q| q.predicate == pg("date"))
        .map(|q| q.object.clone())
        .unwrap();
    quads.retain(|q| {
        !(Term::from(q.subject.clone()) == instant
            && q.predicate
                .as_str()
                .starts_with("http://www.w3.org/2006/time#inXSD"))
    });

    let report =
        validate::validate(ValidateInput::Quads(&quads), validate::BUNDLED_SHAPES).unwrap();
    let mut text = Vec::new();
    report.print(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(report.violations() >= 3, "{text}");
    assert_eq!(report.exit_code(), validate::EXIT_VIOLATIONS);
    let on = |focus: &str, component: &str| {
        report.findings.iter().any(|f| {
            f.severity == Severity::Violation
                && f.focus.contains(focus)
                && f.component
                    .to_lowercase()
                    .contains(&component.to_lowercase())
        })
    };
    let resp_id = resp.to_string();
    let resp_id = resp_id.trim_matches(|c| c == '<' || c == '>');
    assert!(
        on(resp_id, "MinCount"),
        "missing role not reported:\n{text}"
    );
    assert!(on(resp_id, "MaxCount"), "second body not reported:\n{text}");
    assert!(text.contains("does not conform"), "{text}");
}

#[test]
fn validate_reads_an_exported_file() {
    let st = open(&build_store(&[mini_doc()]));
    let dir = tempfile::tempdir().unwrap();
    for f in [ExportFormat::Turtle, ExportFormat::Nquads] {
        let path = dir.path().join(format!("export.{}", f.extension()));
        std::fs::write(&path, export_bytes(&st, None, f)).unwrap();
        let report =
            validate::validate(ValidateInput::File(&path), validate::BUNDLED_SHAPES).unwrap();
        assert_eq!(report.violations(), 0, "{f:?}: {:?}", report.findings);
    }
}
