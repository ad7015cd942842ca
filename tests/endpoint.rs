//! `policygraph build --endpoint URL` against a real external triple store: Virtuoso Open Source
//! from Debian's packages, started by this test on loopback ports with its own database in a
//! temporary folder. The graphs pushed by the real binary are then queried on Virtuoso and
//! compared, graph by graph, with what `policygraph extract` produces locally.
//!
//! `.ci/run` installs Virtuoso and sets POLICYGRAPH_REQUIRE_VIRTUOSO, so CI never skips this;
//! elsewhere the test skips (saying so) when `virtuoso-t` is not installed.

use oxhttp::model::{header, Body, Method, Request};
use oxhttp::Client;
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const VIRTUOSO: &str = "/usr/bin/virtuoso-t";
const ISQL: &str = "/usr/bin/isql-vt";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_policygraph"))
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A Virtuoso server with a fresh database, killed when dropped.
struct Virtuoso {
    child: Child,
    http: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Virtuoso {
    fn start() -> Option<Virtuoso> {
        if !Path::new(VIRTUOSO).exists() {
            let required = std::env::var_os("POLICYGRAPH_REQUIRE_VIRTUOSO").is_some();
            assert!(
                !required,
                "POLICYGRAPH_REQUIRE_VIRTUOSO is set but {VIRTUOSO} is missing: install Debian's virtuoso-opensource"
            );
            eprintln!(
                "SKIPPED: {VIRTUOSO} is not installed (apt-get install virtuoso-opensource; .ci/run does it)"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let (sql, http) = (free_port(), free_port());
        let d = dir.path().display();
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\nTempStorage = TempDatabase\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\n\
             [Parameters]\nServerPort = 127.0.0.1:{sql}\nDisableUnixSocket = 1\nDirsAllowed = .\n\
             NumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\n\
             [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = {d}\nServerThreads = 4\nCharset = UTF-8\n\
             [SPARQL]\nResultSetMaxRows = 100000\nMaxQueryExecutionTime = 60\n"
        );
        let ini_path = dir.path().join("virtuoso.ini");
        std::fs::write(&ini_path, ini).unwrap();
        let child = Command::new(VIRTUOSO)
            .arg("+foreground")
            .arg("+configfile")
            .arg(&ini_path)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start virtuoso-t");
        let v = Virtuoso {
            child,
            http,
            _dir: dir,
        };
        // A new database takes 10–30 s to initialise.
        let deadline = Instant::now() + Duration::from_secs(180);
        while v.sparql("ASK {}").is_none() {
            assert!(
                Instant::now() < deadline,
                "Virtuoso did not start in 3 minutes"
            );
            std::thread::sleep(Duration::from_millis(500));
        }
        // Let the anonymous SPARQL user of /sparql-graph-crud write (a fresh database denies it).
        let grant = Command::new(ISQL)
            .arg(format!("127.0.0.1:{sql}"))
            .args(["dba", "dba"])
            .arg("exec=DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7); GRANT SPARQL_UPDATE TO \"SPARQL\";")
            .output()
            .expect("run isql-vt");
        let said = String::from_utf8_lossy(&grant.stdout).to_string()
            + &String::from_utf8_lossy(&grant.stderr);
        assert!(
            !said.contains("Error") || said.contains("already have role"),
            "granting updates failed: {said}"
        );
        Some(v)
    }

    fn graph_store(&self) -> String {
        format!("http://127.0.0.1:{}/sparql-graph-crud", self.http)
    }

    /// Runs a query on Virtuoso's SPARQL endpoint; the CSV answer, or None if it is not up.
    fn sparql(&self, query: &str) -> Option<String> {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", query)
            .finish();
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("http://127.0.0.1:{}/sparql", self.http))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/csv")
            .body(Body::from(body))
            .unwrap();
        let response = Client::new()
            .with_global_timeout(Duration::from_secs(60))
            .request(request)
            .ok()?;
        if !response.status().is_success() {
            return None;
        }
        response.into_body().to_string().ok()
    }

    /// Triples per named graph on the server, for our graphs only.
    fn counts(&self) -> BTreeMap<String, usize> {
        let csv = self
            .sparql(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
                 FILTER(STRSTARTS(STR(?g), \"https://w3id.org/policygraph/\")) } GROUP BY ?g",
            )
            .expect("query Virtuoso");
        csv.lines()
            .skip(1)
            .filter_map(|l| {
                let (g, n) = l.rsplit_once(',')?;
                Some((g.trim_matches('"').to_string(), n.trim().parse().ok()?))
            })
            .collect()
    }
}

/// Triples per named graph in what `policygraph extract --with-reference` writes for the seeds.
fn local_counts() -> BTreeMap<String, usize> {
    let out = bin()
        .arg("extract")
        .arg(seeds())
        .arg("--with-reference")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut per_graph: BTreeMap<String, std::collections::HashSet<oxigraph::model::Quad>> =
        BTreeMap::new();
    for q in
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads).for_slice(&out.stdout)
    {
        let q = q.unwrap();
        let g = match &q.graph_name {
            oxigraph::model::GraphName::NamedNode(n) => n.as_str().to_string(),
            other => panic!("extract wrote a quad outside a named graph: {other}"),
        };
        per_graph.entry(g).or_default().insert(q);
    }
    per_graph.into_iter().map(|(g, s)| (g, s.len())).collect()
}

fn push(endpoint: &str) -> Output {
    bin()
        .arg("build")
        .arg(seeds())
        .arg("--endpoint")
        .arg(endpoint)
        .arg("-q")
        .output()
        .unwrap()
}

#[test]
fn build_pushes_every_graph_whole_to_virtuoso_and_a_rebuild_replaces_them() {
    let Some(v) = Virtuoso::start() else { return };
    let expected = local_counts();
    assert!(
        expected.len() >= 6,
        "seeds give a reference graph and 5 documents: {expected:?}"
    );

    let out = push(&v.graph_store());
    assert!(
        out.status.success(),
        "build --endpoint failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("sparql-graph-crud"));
    assert_eq!(
        v.counts(),
        expected,
        "graphs on Virtuoso differ from the local extraction"
    );

    // The pushed facts answer the headline question on the server too.
    let csv = v
        .sparql(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a <https://w3id.org/policygraph/ontology#Responsibility> } }",
        )
        .unwrap();
    let n: usize = csv.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(n >= 20, "responsibilities on the server: {n}");

    // PUT replaces: a second build leaves the same graphs, not twice the triples.
    let again = push(&v.graph_store());
    assert!(again.status.success());
    assert_eq!(v.counts(), expected, "a rebuild must replace the graphs");

    // A URL that is not a Graph Store endpoint fails with a message that says what to check.
    let out = push(&format!("http://127.0.0.1:{}/no-such-service", v.http));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("endpoint answered"), "{err}");
    assert!(err.contains("Graph Store endpoint"), "{err}");
}
