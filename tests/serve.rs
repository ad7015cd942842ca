//! End-to-end tests of `policygraph serve`: the server runs in-process on a free loopback port,
//! over a store built by the real binary from the real seeds, and is driven over HTTP (and, when
//! Debian's chromium is installed, by a headless browser).

use oxhttp::model::{header, Body, Method, Request, StatusCode};
use oxhttp::Client;
use policygraph::serve::{self, ServeArgs, ServerHandle};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The per-query time limit of the server of the timeout test (the shared server has a generous
/// one: several tests run at once on a small machine, and some canned queries take a second).
const TIMEOUT_SECS: f64 = 3.0;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// One store built from the seeds by the real binary, shared by the tests of this file.
fn store_dir() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep().join("store");
        let out = Command::new(env!("CARGO_BIN_EXE_policygraph"))
            .arg("build")
            .arg(seeds())
            .arg("--store")
            .arg(&dir)
            .arg("-q")
            .output()
            .expect("run policygraph build");
        assert!(
            out.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

fn start(timeout: f64, max_rows: usize) -> ServerHandle {
    let store = policygraph::store::open_for_reading(store_dir()).expect("open the store");
    let args = ServeArgs {
        bind: "127.0.0.1:0".parse().unwrap(),
        timeout,
        max_rows,
    };
    serve::start(store, &args).expect("start the server")
}

/// The server shared by most tests.
fn server() -> &'static str {
    static SERVER: OnceLock<(ServerHandle, String)> = OnceLock::new();
    &SERVER
        .get_or_init(|| {
            let h = start(60.0, 10_000);
            assert!(h.addr().ip().is_loopback());
            let url = h.url();
            (h, url)
        })
        .1
}

struct Reply {
    status: StatusCode,
    content_type: String,
    disposition: String,
    body: String,
}

fn send(
    method: Method,
    url: &str,
    accept: Option<&str>,
    content_type: Option<&str>,
    body: &str,
) -> Reply {
    let mut b = Request::builder().method(method).uri(url);
    if let Some(a) = accept {
        b = b.header(header::ACCEPT, a);
    }
    if let Some(c) = content_type {
        b = b.header(header::CONTENT_TYPE, c);
    }
    let req = b.body(Body::from(body.to_string())).unwrap();
    let resp = Client::new()
        .with_global_timeout(Duration::from_secs(60))
        .request(req)
        .expect("HTTP request");
    let get = |h| {
        resp.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let content_type = get(header::CONTENT_TYPE);
    let disposition = get(header::CONTENT_DISPOSITION);
    let status = resp.status();
    let body = resp.into_body().to_string().expect("UTF-8 body");
    Reply {
        status,
        content_type,
        disposition,
        body,
    }
}

fn get(path: &str, accept: Option<&str>) -> Reply {
    send(
        Method::GET,
        &format!("{}{path}", server()),
        accept,
        None,
        "",
    )
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sparql_get(query: &str, accept: Option<&str>) -> Reply {
    get(&format!("/sparql?query={}", enc(query)), accept)
}

const RESPONSIBILITIES: &str = "SELECT ?body_label ?celex ?document WHERE {
  ?f a pg:Responsibility ; pg:body ?body ; pg:act ?act ; pg:evidence ?ev .
  ?body skos:prefLabel ?body_label . ?act pg:celex ?celex .
  ?ev oa:hasSource/pg:fileName ?document .
} ORDER BY ?celex";

const CONSTRUCT: &str = "CONSTRUCT { ?act pg:celex ?celex } WHERE { ?act pg:celex ?celex }";

fn json(r: &Reply) -> serde_json::Value {
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.body))
}

fn bindings(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["results"]["bindings"]
        .as_array()
        .expect("SPARQL JSON results")
}

#[test]
fn get_returns_sparql_json_over_the_union_of_the_documents() {
    let r = sparql_get(RESPONSIBILITIES, Some("application/sparql-results+json"));
    assert!(
        r.content_type
            .starts_with("application/sparql-results+json"),
        "{}",
        r.content_type
    );
    let v = json(&r);
    assert_eq!(
        v["head"]["vars"],
        serde_json::json!(["body_label", "celex", "document"])
    );
    let rows = bindings(&v);
    assert!(rows.len() >= 20, "only {} rows", rows.len());
    assert!(
        rows.iter().any(|b| b["celex"]["value"] == "32022R2065"),
        "no DSA responsibility"
    );
    let docs: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|b| b["document"]["value"].as_str().unwrap())
        .collect();
    assert!(
        docs.len() >= 3,
        "the default graph is not the union of the documents: {docs:?}"
    );
    // No Accept at all: JSON too.
    assert!(sparql_get("ASK { ?s ?p ?o }", None)
        .content_type
        .starts_with("application/sparql-results+json"));
}

#[test]
fn every_result_format_is_negotiated() {
    let cases = [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        ("text/csv", "text/csv", "body_label,celex,document\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?body_label\t?celex\t?document\n",
        ),
        (
            "application/json",
            "application/sparql-results+json",
            "\"vars\"",
        ),
        (
            "text/html, application/xhtml+xml, text/csv;q=0.9, */*;q=0.1",
            "text/csv",
            "32022R2065",
        ),
    ];
    for (accept, expected, snippet) in cases {
        let r = sparql_get(RESPONSIBILITIES, Some(accept));
        assert_eq!(r.status, StatusCode::OK, "{accept}: {}", r.body);
        assert!(
            r.content_type.starts_with(expected),
            "Accept {accept} gave {}",
            r.content_type
        );
        assert!(
            r.body.contains(snippet),
            "Accept {accept}: no {snippet:?} in {}",
            &r.body[..r.body.len().min(300)]
        );
        assert!(r.body.contains("32022R2065"));
    }
    // format= overrides Accept, and CSV downloads get a file name.
    let r = get(
        &format!("/sparql?query={}&format=csv", enc(RESPONSIBILITIES)),
        Some("application/sparql-results+json"),
    );
    assert!(r.content_type.starts_with("text/csv"));
    assert!(r.disposition.contains("attachment"), "{}", r.disposition);
    // ASK in XML.
    let r = sparql_get(
        "ASK { ?a pg:celex \"32022R2065\" }",
        Some("application/sparql-results+xml"),
    );
    assert!(r.body.contains("<boolean>true</boolean>"), "{}", r.body);
    // Something no result format can carry.
    assert_eq!(
        sparql_get(RESPONSIBILITIES, Some("image/png")).status,
        StatusCode::NOT_ACCEPTABLE
    );
}

#[test]
fn construct_and_describe_come_as_turtle_ntriples_or_json_ld() {
    let r = sparql_get(CONSTRUCT, Some("text/turtle"));
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.content_type.starts_with("text/turtle"),
        "{}",
        r.content_type
    );
    assert!(
        r.body.contains("@prefix pg:") && r.body.contains("\"32022R2065\""),
        "{}",
        r.body
    );

    let r = sparql_get(CONSTRUCT, Some("application/n-triples"));
    assert!(
        r.content_type.starts_with("application/n-triples"),
        "{}",
        r.content_type
    );
    let lines: Vec<&str> = r.body.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        lines.len() >= 5
            && lines
                .iter()
                .all(|l| l.starts_with('<') && l.ends_with(" .")),
        "{}",
        r.body
    );

    let r = sparql_get(CONSTRUCT, Some("application/ld+json"));
    assert!(
        r.content_type.starts_with("application/ld+json"),
        "{}",
        r.content_type
    );
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("JSON-LD");
    assert!(v.to_string().contains("32022R2065"));

    // The default for a graph is Turtle; DESCRIBE works too.
    let r = sparql_get("DESCRIBE ?act WHERE { ?act pg:celex \"32022R2065\" }", None);
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.content_type.starts_with("text/turtle") && r.body.contains("32022R2065"),
        "{}",
        r.body
    );
    // A graph cannot be CSV.
    assert_eq!(
        get(
            &format!("/sparql?query={}&format=csv", enc(CONSTRUCT)),
            None
        )
        .status,
        StatusCode::NOT_ACCEPTABLE
    );
}

#[test]
fn post_as_sparql_query_and_as_form() {
    let url = format!("{}/sparql", server());
    let r = send(
        Method::POST,
        &url,
        Some("text/csv"),
        Some("application/sparql-query"),
        RESPONSIBILITIES,
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.starts_with("body_label,celex,document") && r.body.contains("32022R2065"));

    let form = format!("query={}", enc(RESPONSIBILITIES));
    let r = send(
        Method::POST,
        &url,
        Some("application/sparql-results+json"),
        Some("application/x-www-form-urlencoded"),
        &form,
    );
    assert!(bindings(&json(&r)).len() >= 20);

    let r = send(
        Method::POST,
        &url,
        None,
        Some("text/plain"),
        RESPONSIBILITIES,
    );
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[test]
fn default_and_named_graph_uris_select_the_dataset() {
    let graphs = json(&sparql_get(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
        None,
    ));
    let graphs: Vec<String> = bindings(&graphs)
        .iter()
        .map(|b| b["g"]["value"].as_str().unwrap().to_string())
        .collect();
    assert!(graphs.len() >= 3, "{graphs:?}");
    let count = |extra: &str| -> u64 {
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
        let v = json(&get(&format!("/sparql?query={}{extra}", enc(q)), None));
        bindings(&v)[0]["n"]["value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let all = count("");
    let one = count(&format!("&default-graph-uri={}", enc(&graphs[0])));
    let two = count(&format!(
        "&default-graph-uri={}&default-graph-uri={}",
        enc(&graphs[0]),
        enc(&graphs[1])
    ));
    assert!(
        0 < one && one < two && two < all,
        "one {one}, two {two}, all {all}"
    );

    let q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }";
    let v = json(&get(
        &format!(
            "/sparql?query={}&named-graph-uri={}",
            enc(q),
            enc(&graphs[1])
        ),
        None,
    ));
    let named: Vec<&str> = bindings(&v)
        .iter()
        .map(|b| b["g"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(named, vec![graphs[1].as_str()]);

    assert_eq!(
        get(
            &format!("/sparql?query={}&default-graph-uri=not%20an%20iri", enc(q)),
            None
        )
        .status,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn updates_are_refused() {
    let url = format!("{}/sparql", server());
    let insert = "INSERT DATA { <http://example.org/s> <http://example.org/p> \"x\" }";
    let r = send(
        Method::POST,
        &url,
        None,
        Some("application/sparql-update"),
        insert,
    );
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("read-only"), "{}", r.body);
    let r = send(
        Method::POST,
        &url,
        None,
        Some("application/x-www-form-urlencoded"),
        &format!("update={}", enc(insert)),
    );
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for update in [
        insert,
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "LOAD <http://example.org/data.ttl>",
        "DELETE WHERE { ?s ?p ?o }",
    ] {
        let r = sparql_get(update, None);
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{update}: {}", r.body);
    }
    assert_eq!(
        send(
            Method::POST,
            &format!("{}/update", server()),
            None,
            Some("application/sparql-update"),
            insert
        )
        .status,
        StatusCode::FORBIDDEN
    );
    // Nothing changed.
    let v = json(&sparql_get("ASK { ?s <http://example.org/p> ?o }", None));
    assert_eq!(v["boolean"], false);
}

#[test]
fn a_syntax_error_gets_400_with_the_position() {
    let r = sparql_get("SELECT ?x WHERE { ?x ?y }", None);
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("SPARQL syntax error") && r.body.contains("1:"),
        "{}",
        r.body
    );
    assert_eq!(get("/sparql", None).status, StatusCode::BAD_REQUEST);
}

#[test]
fn service_calls_are_refused_without_waiting() {
    let started = Instant::now();
    let r = sparql_get(
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        None,
    );
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("SERVICE"), "{}", r.body);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn a_slow_query_times_out_and_others_are_still_served() {
    let h = start(TIMEOUT_SECS, 10_000);
    let base = h.url();
    let run = move |base: &str, q: &str| {
        send(
            Method::GET,
            &format!("{base}/sparql?query={}", enc(q)),
            None,
            None,
            "",
        )
    };
    // Tens of millions of rows, each checked against the store: minutes of work, cancelled.
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER EXISTS { ?a ?x ?f } }";
    let started = Instant::now();
    let slow_base = base.clone();
    let slow_thread = std::thread::spawn(move || run(&slow_base, slow));
    // While it runs, other requests are answered.
    std::thread::sleep(Duration::from_millis(300));
    let quick = run(&base, "ASK { ?s ?p ?o }");
    assert_eq!(quick.status, StatusCode::OK);
    assert!(
        !slow_thread.is_finished(),
        "the quick query was only answered after the slow one ({:?})",
        started.elapsed()
    );
    let r = slow_thread.join().unwrap();
    let elapsed = started.elapsed();
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("time limit"), "{}", r.body);
    assert!(
        elapsed >= Duration::from_secs_f64(TIMEOUT_SECS)
            && elapsed < Duration::from_secs_f64(TIMEOUT_SECS + 10.0),
        "took {elapsed:?}"
    );
    // And the server keeps serving.
    assert!(bindings(&json(&run(&base, RESPONSIBILITIES))).len() >= 20);
}

#[test]
fn too_many_rows_get_a_clear_error() {
    let h = start(60.0, 5);
    let url = format!(
        "{}/sparql?query={}",
        h.url(),
        enc("SELECT * WHERE { ?s ?p ?o }")
    );
    let r = send(Method::GET, &url, None, None, "");
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("more than 5 rows"), "{}", r.body);
    let url = format!(
        "{}/sparql?query={}",
        h.url(),
        enc("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    );
    assert_eq!(
        send(Method::GET, &url, None, None, "").status,
        StatusCode::OK
    );
}

#[test]
fn canned_queries_are_listed_and_run_with_bound_parameters() {
    let list = json(&get("/queries", None));
    let list = list.as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"who-implements-what") && names.contains(&"agency-profile"),
        "{names:?}"
    );
    let profile = list.iter().find(|q| q["name"] == "agency-profile").unwrap();
    assert_eq!(profile["params"][0]["name"], "agency");
    assert!(profile["description"].as_str().unwrap().len() > 10);
    assert!(profile["query"].as_str().unwrap().contains("SELECT"));

    let r = get("/queries/who-implements-what?format=csv", None);
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.starts_with("body,body_label,act,act_celex"),
        "{}",
        &r.body[..100.min(r.body.len())]
    );
    assert!(r.body.contains("32022R2065"));

    let v = json(&get("/queries/agency-profile?agency=bipt", None));
    assert!(bindings(&v).len() >= 3, "{v}");
    assert!(v.to_string().contains("32022R2065"));

    // A value that tries to inject SPARQL is bound as a plain string: no match, no error, no change.
    let evil = "bipt\")) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #";
    let v = json(&get(
        &format!("/queries/agency-profile?agency={}", enc(evil)),
        None,
    ));
    assert_eq!(bindings(&v).len(), 0, "{v}");
    let evil_iri = "urn:x> } UNION { ?s ?p ?o } #";
    let v = json(&get(
        &format!("/queries/agency-profile?agency={}", enc(evil_iri)),
        None,
    ));
    assert_eq!(bindings(&v).len(), 0, "{v}");
    assert!(
        json(&sparql_get(RESPONSIBILITIES, None))["results"]["bindings"]
            .as_array()
            .unwrap()
            .len()
            >= 20
    );

    // `after` defaults to today; a missing required parameter, an unknown one or name: clear 400/404.
    assert_eq!(
        get("/queries/upcoming-deadlines", None).status,
        StatusCode::OK
    );
    let r = get("/queries/upcoming-deadlines?after=2000-01-01", None);
    assert!(!bindings(&json(&r)).is_empty(), "{}", r.body);
    let r = get("/queries/agency-profile", None);
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("agency"), "{}", r.body);
    assert_eq!(
        get("/queries/agency-profile?agnecy=bipt", None).status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get("/queries/no-such-query", None).status,
        StatusCode::NOT_FOUND
    );
}

#[test]
fn the_page_is_self_contained() {
    let r = get("/", Some("text/html"));
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type.starts_with("text/html"));
    for needle in [
        "<textarea",
        "Download CSV",
        "/queries",
        "/sparql",
        "\"prefixes\"",
    ] {
        assert!(r.body.contains(needle), "the page has no {needle}");
    }
    for external in ["http://", "https://"]
        .iter()
        .flat_map(|s| ["src=\"", "href=\""].map(|a| format!("{a}{s}")))
    {
        assert!(
            !r.body.contains(&external),
            "the page loads an external asset ({external})"
        );
    }
    assert_eq!(get("/nope", None).status, StatusCode::NOT_FOUND);
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Runs a command, killing it after `limit`; its output goes through files (a full pipe would
/// block chromium).
fn run_with_limit(cmd: &mut Command, limit: Duration) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.wait();
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    (read(&out), read(&err))
}

#[test]
fn a_browser_runs_the_headline_query_on_the_page() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        assert!(
            !in_ci(),
            "CI must have Debian's chromium (/usr/bin/chromium): .ci/run installs it"
        );
        eprintln!("SKIPPED a_browser_runs_the_headline_query_on_the_page: /usr/bin/chromium is not installed (apt-get install chromium)");
        return;
    }
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let profile = tempfile::tempdir().unwrap();
    let page = format!("{}/?run=who-implements-what", server());
    let browser = |extra: &[&str]| {
        let mut cmd = Command::new(chromium);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=5000")
        .args(extra)
        .arg(&page);
        run_with_limit(&mut cmd, Duration::from_secs(90))
    };
    let (dom, stderr) = browser(&["--dump-dom"]);
    assert!(
        dom.contains("id=\"results-table\""),
        "no results table in the page (chromium stderr: {stderr})\n{dom}"
    );
    assert!(
        dom.contains("<th scope=\"col\">body_label</th>"),
        "the table has no body_label column"
    );
    assert!(dom.contains("32022R2065"), "the table has no DSA row");
    let rows = dom.matches("<tr>").count();
    assert!(rows >= 20, "only {rows} table rows");

    let shot = out_dir.join("serve.png");
    let _ = std::fs::remove_file(&shot);
    let (_, stderr) = browser(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1280,900",
        "--hide-scrollbars",
    ]);
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot at {} (chromium stderr: {stderr})",
        shot.display()
    );
    eprintln!("screenshot of the query page: {}", shot.display());
}
