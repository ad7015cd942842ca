//! `policygraph serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, the canned
//! queries as JSON and as URLs, and a small query page — all in one embedded HTTP server.
//!
//! Routes:
//! - `GET /` — the query page (HTML, CSS and JS embedded in the binary; no external asset).
//!   `/?run=NAME` runs that canned query on load.
//! - `GET|POST /sparql` — SPARQL 1.1 Protocol: `query=` in the URL, a POST body of type
//!   `application/sparql-query`, or a form-encoded POST; `default-graph-uri` / `named-graph-uri`;
//!   results negotiated by `Accept` (or a `format=` URL parameter). Without a dataset in the
//!   request or the query, the default graph is the union of all document graphs.
//! - `GET /queries` — the canned queries (JSON); `GET /queries/NAME?param=value` runs one,
//!   parameters bound with `substitute_variable`, never spliced into the query text.
//!
//! Read-only: SPARQL updates get 403; `SERVICE` calls are refused (403); every query runs under
//! a time limit (cancelled by a watchdog, 503) and a cap on result rows (400 when exceeded).

use crate::query::{self, CannedQuery, QueryOutput, ResultFormat};
use crate::rdf::vocab::{DEFAULT_BASE, PREFIXES};
use anyhow::{anyhow, Context, Result};
use oxhttp::model::{header, Body, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::{ListeningServer, Server};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Options of `policygraph serve` (the store directory is passed separately).
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on. The default serves this machine only; give e.g.
    /// 0.0.0.0:7878 to publish the endpoint on the network.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: SocketAddr,
    /// Per-query time limit in seconds; a query still running then is cancelled (HTTP 503).
    #[arg(long, default_value_t = 5.0)]
    pub timeout: f64,
    /// Most result rows (or triples) a query may return; more is refused with HTTP 400.
    #[arg(long, default_value_t = 10_000)]
    pub max_rows: usize,
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: 5.0,
            max_rows: 10_000,
        }
    }
}

/// A running server: its address, and threads that serve until the process ends.
pub struct ServerHandle {
    addr: SocketAddr,
    server: ListeningServer,
}

impl ServerHandle {
    /// The address the server listens on (with the real port when port 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// `http://ADDR` without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// Blocks while the server runs.
    pub fn join(self) -> Result<()> {
        self.server
            .join()
            .map_err(|e| anyhow!("server stopped: {e}"))
    }
}

/// `policygraph serve`: opens the store for reading and serves it until the process is stopped.
pub fn run(store_dir: &Path, args: &ServeArgs) -> Result<()> {
    let store = crate::store::open_for_reading(store_dir)?;
    let graphs = crate::store::graphs(&store)?.len();
    let handle = start(store, args)?;
    let url = handle.url();
    eprintln!(
        "policygraph serve: {graphs} named graph(s) from {}",
        store_dir.display()
    );
    eprintln!("  query page       {url}/");
    eprintln!("  SPARQL endpoint  {url}/sparql   (read-only; default graph = union of the document graphs)");
    eprintln!("  canned queries   {url}/queries");
    eprintln!(
        "  limits: {}s per query, {} rows; stop with Ctrl+C",
        args.timeout, args.max_rows
    );
    if !handle.addr().ip().is_loopback() {
        eprintln!(
            "  note: listening on {}, reachable from other machines",
            handle.addr()
        );
    }
    handle.join()
}

/// Starts the server in background threads and returns once it listens.
pub fn start(store: Store, args: &ServeArgs) -> Result<ServerHandle> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        anyhow::bail!(
            "--timeout must be a positive number of seconds, got {}",
            args.timeout
        );
    }
    let app = Arc::new(App {
        store,
        timeout: Duration::from_secs_f64(args.timeout),
        max_rows: args.max_rows,
        page: page_html(),
    });
    // oxhttp does not report the port it bound, so port 0 is resolved here first.
    let mut attempts = 0;
    loop {
        let addr = if args.bind.port() == 0 {
            let l = TcpListener::bind(args.bind)
                .with_context(|| format!("cannot listen on {}", args.bind))?;
            l.local_addr()?
        } else {
            args.bind
        };
        let app2 = Arc::clone(&app);
        let server = Server::new(move |req| app2.handle(req))
            .bind(addr)
            .with_global_timeout(Duration::from_secs(60))
            .with_max_concurrent_connections(128)
            .with_server_name(concat!("policygraph/", env!("CARGO_PKG_VERSION")))
            .map_err(|e| anyhow!("{e}"))?;
        match server.spawn() {
            Ok(server) => return Ok(ServerHandle { addr, server }),
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && args.bind.port() == 0
                    && attempts < 10 =>
            {
                attempts += 1
            }
            Err(e) => return Err(anyhow!("cannot listen on {addr}: {e}")),
        }
    }
}

struct App {
    store: Store,
    timeout: Duration,
    max_rows: usize,
    page: String,
}

/// An error answered to the client as plain text with its status.
#[derive(Debug)]
struct HttpError {
    status: StatusCode,
    message: String,
}

fn err(status: StatusCode, message: impl Into<String>) -> HttpError {
    HttpError {
        status,
        message: message.into(),
    }
}

type Handled = std::result::Result<(Response<Body>, Option<usize>), HttpError>;

const MAX_BODY: u64 = 1 << 20;

impl App {
    fn handle(&self, req: &mut Request<Body>) -> Response<Body> {
        let started = Instant::now();
        let method = req.method().clone();
        let path = req.uri().path().to_string();
        let (mut resp, rows) = match self.route(req) {
            Ok(r) => r,
            Err(e) => (text_response(e.status, &e.message), None),
        };
        let h = resp.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        let quiet = method == Method::OPTIONS
            || (resp.status().is_success() && rows.is_none() && path != "/sparql");
        if !quiet || path == "/" {
            eprintln!(
                "{} {method} {path} {} rows={} {}ms",
                crate::clock::now_utc(),
                resp.status().as_u16(),
                rows.map_or("-".to_string(), |r| r.to_string()),
                started.elapsed().as_millis()
            );
        }
        resp
    }

    fn route(&self, req: &mut Request<Body>) -> Handled {
        let path = req.uri().path().to_string();
        let method = req.method().clone();
        if method == Method::OPTIONS {
            let mut r = Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .unwrap();
            let h = r.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, OPTIONS"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("Accept, Content-Type"),
            );
            return Ok((r, None));
        }
        let readable = method == Method::GET || method == Method::HEAD;
        match path.as_str() {
            "/" | "/index.html" if readable => {
                Ok((content(StatusCode::OK, "text/html; charset=utf-8", self.page.clone().into_bytes()), None))
            }
            "/queries" | "/queries/" if readable => {
                let list: Vec<serde_json::Value> = query::canned().iter().map(canned_json).collect();
                let body = serde_json::to_vec_pretty(&list).map_err(|e| err(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
                Ok((content(StatusCode::OK, "application/json", body), None))
            }
            "/favicon.ico" => Ok((Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap(), None)),
            "/sparql" | "/query" if readable || method == Method::POST => self.sparql(req),
            "/update" => Err(read_only()),
            p if p.starts_with("/queries/") && readable => self.canned(req, &p["/queries/".len()..]),
            "/" | "/index.html" | "/queries" | "/sparql" | "/query" => {
                Err(err(StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed on {path}")))
            }
            p if p.starts_with("/queries/") => Err(err(StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed on {path}"))),
            _ => Err(err(StatusCode::NOT_FOUND, format!("no such page: {path}. Try / (query page), /sparql (SPARQL endpoint) or /queries (canned queries)."))),
        }
    }

    /// The SPARQL 1.1 Protocol query operation.
    fn sparql(&self, req: &mut Request<Body>) -> Handled {
        let url_params = parse_form(req.uri().query().unwrap_or(""));
        let mut params = url_params.clone();
        let mut query_text: Option<String> = None;
        if req.method() == Method::POST {
            let ctype = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match ctype.as_str() {
                "application/sparql-update" => return Err(read_only()),
                "application/sparql-query" => query_text = Some(read_body(req)?),
                "application/x-www-form-urlencoded" => params.extend(parse_form(&read_body(req)?)),
                "" => return Err(err(StatusCode::UNSUPPORTED_MEDIA_TYPE, "a POST needs a Content-Type: application/sparql-query or application/x-www-form-urlencoded")),
                other => {
                    return Err(err(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!("unsupported Content-Type {other}: POST application/sparql-query or application/x-www-form-urlencoded"),
                    ))
                }
            }
        }
        if params
            .iter()
            .any(|(k, _)| k == "update" || k == "using-graph-uri" || k == "using-named-graph-uri")
        {
            return Err(read_only());
        }
        let mut default_graphs = Vec::new();
        let mut named_graphs = Vec::new();
        let mut format = None;
        for (k, v) in &params {
            match k.as_str() {
                "query" => {
                    if query_text.is_some() {
                        return Err(err(StatusCode::BAD_REQUEST, "give exactly one query"));
                    }
                    query_text = Some(v.clone());
                }
                "default-graph-uri" => default_graphs.push(graph_iri(v)?),
                "named-graph-uri" => named_graphs.push(graph_iri(v)?),
                "format" => format = Some(v.clone()),
                _ => {}
            }
        }
        let Some(text) = query_text else {
            if accepts_html(req) {
                let r = Response::builder()
                    .status(StatusCode::SEE_OTHER)
                    .header(header::LOCATION, "/")
                    .body(Body::empty())
                    .unwrap();
                return Ok((r, None));
            }
            return Err(err(StatusCode::BAD_REQUEST, "missing query: give it as query=… (URL or form) or POST it as application/sparql-query"));
        };
        let dataset = Dataset {
            default_graphs,
            named_graphs,
        };
        let out = self.evaluate(&text, &dataset, &[])?;
        let rows = out.len();
        Ok((
            serialize(&out, format.as_deref(), accept(req).as_deref(), "results")?,
            Some(rows),
        ))
    }

    /// `/queries/NAME`: one canned query, parameters from the URL.
    fn canned(&self, req: &Request<Body>, name: &str) -> Handled {
        let name = name.trim_end_matches('/').trim_end_matches(".rq");
        let Some(q) = query::find_canned(name) else {
            let names: Vec<&str> = query::canned().iter().map(|q| q.name).collect();
            return Err(err(
                StatusCode::NOT_FOUND,
                format!(
                    "no canned query named '{name}'; there are: {}",
                    names.join(", ")
                ),
            ));
        };
        let mut format = None;
        let mut bound: Vec<(String, Term)> = Vec::new();
        for (k, v) in parse_form(req.uri().query().unwrap_or("")) {
            if k == "format" {
                format = Some(v);
            } else if q.params.iter().any(|(p, _)| *p == k) {
                if !v.is_empty() {
                    bound.retain(|(n, _)| *n != k);
                    bound.push((k, query::param_term(&v)));
                }
            } else {
                return Err(err(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "the canned query '{}' has no parameter '{k}'{}",
                        q.name,
                        takes(&q)
                    ),
                ));
            }
        }
        for (p, desc) in &q.params {
            if !bound.iter().any(|(n, _)| n == p) {
                if p == "after" {
                    bound.push((p.clone(), query::param_term(&crate::clock::today())));
                } else {
                    return Err(err(
                        StatusCode::BAD_REQUEST,
                        format!(
                            "the canned query '{}' needs the parameter {p}=… ({desc})",
                            q.name
                        ),
                    ));
                }
            }
        }
        let out = self.evaluate(q.text, &Dataset::default(), &bound)?;
        let rows = out.len();
        Ok((
            serialize(&out, format.as_deref(), accept(req).as_deref(), q.name)?,
            Some(rows),
        ))
    }

    /// Parses and runs a query under the time limit and the row cap.
    fn evaluate(
        &self,
        text: &str,
        dataset: &Dataset,
        bindings: &[(String, Term)],
    ) -> std::result::Result<QueryOutput, HttpError> {
        let token = CancellationToken::new();
        let mut prepared = match evaluator()
            .with_cancellation_token(token.clone())
            .parse_query(text)
        {
            Ok(p) => p,
            Err(e) => {
                if evaluator().parse_update(text).is_ok() {
                    return Err(read_only());
                }
                return Err(err(
                    StatusCode::BAD_REQUEST,
                    format!("SPARQL syntax error: {e}"),
                ));
            }
        };
        if !dataset.default_graphs.is_empty() || !dataset.named_graphs.is_empty() {
            prepared.dataset_mut().set_default_graph(
                dataset
                    .default_graphs
                    .iter()
                    .cloned()
                    .map(GraphName::from)
                    .collect(),
            );
            prepared.dataset_mut().set_available_named_graphs(
                dataset
                    .named_graphs
                    .iter()
                    .cloned()
                    .map(NamedOrBlankNode::from)
                    .collect(),
            );
        } else if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, value) in bindings {
            let var = oxigraph::model::Variable::new(name).map_err(|e| {
                err(
                    StatusCode::BAD_REQUEST,
                    format!("invalid parameter name '{name}': {e}"),
                )
            })?;
            prepared = prepared.substitute_variable(var, value.clone());
        }

        // The query runs in a worker thread; this thread waits for it at most `timeout`, then
        // cancels it and answers 503. Oxigraph checks the token whenever it reads the store, so a
        // cancelled query normally stops at once; one that computes in memory only (a cross
        // product of already-read rows) finishes in the background, its result dropped.
        let (tx, rx) = mpsc::sync_channel(1);
        let store = self.store.clone();
        let max_rows = self.max_rows;
        let worker = std::thread::Builder::new()
            .name("policygraph query".into())
            .spawn(move || {
                let _ = tx.send(collect(prepared.on_store(&store).execute(), max_rows));
            });
        if let Err(e) = worker {
            return Err(err(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("cannot start the query: {e}"),
            ));
        }
        let timed_out = || {
            token.cancel();
            err(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the query was stopped after {}s, the time limit of this server (--timeout): narrow it or add a LIMIT", self.timeout.as_secs_f64()),
            )
        };
        match rx.recv_timeout(self.timeout) {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(Failure::TooMany)) => Err(err(
                StatusCode::BAD_REQUEST,
                format!("the query returns more than {} rows, the limit of this server (--max-rows): add a LIMIT or narrow the query", self.max_rows),
            )),
            Ok(Err(Failure::Evaluation(_))) if token.is_cancelled() => Err(timed_out()),
            Ok(Err(Failure::Evaluation(e))) => Err(evaluation_error(e)),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(timed_out()),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(err(StatusCode::INTERNAL_SERVER_ERROR, "the query stopped unexpectedly")),
        }
    }
}

enum Failure {
    Evaluation(QueryEvaluationError),
    TooMany,
}

/// Reads a query's results into memory, up to `max_rows` rows (or triples).
fn collect(
    results: std::result::Result<QueryResults<'_>, QueryEvaluationError>,
    max_rows: usize,
) -> std::result::Result<QueryOutput, Failure> {
    match results.map_err(Failure::Evaluation)? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s.map_err(Failure::Evaluation)?;
                if rows.len() == max_rows {
                    return Err(Failure::TooMany);
                }
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            Ok(QueryOutput::Solutions { variables, rows })
        }
        QueryResults::Boolean(b) => Ok(QueryOutput::Boolean(b)),
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for t in triples {
                let t = t.map_err(Failure::Evaluation)?;
                if out.len() == max_rows {
                    return Err(Failure::TooMany);
                }
                out.push(t);
            }
            Ok(QueryOutput::Graph(out))
        }
    }
}

fn evaluation_error(e: QueryEvaluationError) -> HttpError {
    match e {
        QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnsupportedService(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_) => err(
            StatusCode::FORBIDDEN,
            format!("SERVICE calls to other endpoints are not allowed on this server ({e})"),
        ),
        QueryEvaluationError::NotExistingSubstitutedVariable(_)
        | QueryEvaluationError::UnsupportedCustomFunction(_)
        | QueryEvaluationError::UnsupportedCustomFunctionArity { .. } => {
            err(StatusCode::BAD_REQUEST, format!("query failed: {e}"))
        }
        e => err(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query failed: {e}"),
        ),
    }
}

#[derive(Default)]
struct Dataset {
    default_graphs: Vec<NamedNode>,
    named_graphs: Vec<NamedNode>,
}

/// The evaluator with our prefixes (pg:, skos:, eli:, …) predeclared.
fn evaluator() -> SparqlEvaluator {
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in PREFIXES {
        ev = ev.with_prefix(*p, *ns).expect("valid prefix IRI");
    }
    ev
}

fn read_only() -> HttpError {
    err(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, …) are not allowed. Change the graph with `policygraph build`.",
    )
}

fn graph_iri(v: &str) -> std::result::Result<NamedNode, HttpError> {
    NamedNode::new(v).map_err(|e| {
        err(
            StatusCode::BAD_REQUEST,
            format!("invalid graph IRI '{v}': {e}"),
        )
    })
}

fn takes(q: &CannedQuery) -> String {
    if q.params.is_empty() {
        " (it takes none besides format=…)".to_string()
    } else {
        format!(
            "; it takes: {}",
            q.params
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn canned_json(q: &CannedQuery) -> serde_json::Value {
    serde_json::json!({
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "params": q.params.iter().map(|(n, d)| serde_json::json!({"name": n, "description": d})).collect::<Vec<_>>(),
        "url": format!("/queries/{}", q.name),
        "query": q.text,
    })
}

fn read_body(req: &mut Request<Body>) -> std::result::Result<String, HttpError> {
    let mut buf = Vec::new();
    req.body_mut()
        .take(MAX_BODY + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            err(
                StatusCode::BAD_REQUEST,
                format!("cannot read the request body: {e}"),
            )
        })?;
    if buf.len() as u64 > MAX_BODY {
        return Err(err(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is larger than 1 MiB",
        ));
    }
    String::from_utf8(buf)
        .map_err(|_| err(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
}

fn parse_form(s: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(s.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn accept(req: &Request<Body>) -> Option<String> {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn accepts_html(req: &Request<Body>) -> bool {
    accept(req).is_some_and(|a| a.contains("text/html"))
}

/// Media ranges of an Accept header, best first (stable for equal q).
fn media_ranges(accept: &str) -> Vec<String> {
    let mut ranges: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = parts
                .filter_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                })
                .next()
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, media))
        })
        .collect();
    ranges.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    ranges.into_iter().map(|r| r.2).collect()
}

fn is_wildcard(media: &str) -> bool {
    matches!(media, "*/*" | "application/*" | "text/*")
}

const RESULT_FORMATS: &str = "json, xml, csv, tsv (Accept: application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values)";
const GRAPH_FORMATS: &str = "turtle, ntriples, jsonld, rdfxml (Accept: text/turtle, application/n-triples, application/ld+json, application/rdf+xml)";

fn results_format(
    format: Option<&str>,
    accept: Option<&str>,
) -> std::result::Result<QueryResultsFormat, HttpError> {
    if let Some(f) = format {
        return match f.to_ascii_lowercase().as_str() {
            "json" | "srj" => Ok(QueryResultsFormat::Json),
            "xml" | "srx" => Ok(QueryResultsFormat::Xml),
            "csv" => Ok(QueryResultsFormat::Csv),
            "tsv" => Ok(QueryResultsFormat::Tsv),
            other => Err(err(
                StatusCode::NOT_ACCEPTABLE,
                format!("unknown result format '{other}': use {RESULT_FORMATS}"),
            )),
        };
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(QueryResultsFormat::Json);
    };
    for m in media_ranges(accept) {
        if is_wildcard(&m) {
            return Ok(QueryResultsFormat::Json);
        }
        if let Some(f) = QueryResultsFormat::from_media_type(&m) {
            return Ok(f);
        }
    }
    Err(err(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the accepted types ({accept}) can carry query results: use {RESULT_FORMATS}"
        ),
    ))
}

fn graph_format(
    format: Option<&str>,
    accept: Option<&str>,
) -> std::result::Result<RdfFormat, HttpError> {
    let jsonld =
        || RdfFormat::from_media_type("application/ld+json").expect("JSON-LD is supported");
    if let Some(f) = format {
        return match f.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Ok(RdfFormat::Turtle),
            "ntriples" | "n-triples" | "nt" => Ok(RdfFormat::NTriples),
            "jsonld" | "json-ld" | "json" => Ok(jsonld()),
            "rdfxml" | "rdf" | "xml" => Ok(RdfFormat::RdfXml),
            other => Err(err(StatusCode::NOT_ACCEPTABLE, format!("unknown graph format '{other}' for a CONSTRUCT or DESCRIBE result: use {GRAPH_FORMATS}"))),
        };
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(RdfFormat::Turtle);
    };
    for m in media_ranges(accept) {
        if is_wildcard(&m) {
            return Ok(RdfFormat::Turtle);
        }
        if let Some(f) = RdfFormat::from_media_type(&m) {
            if !matches!(f, RdfFormat::N3 | RdfFormat::NQuads | RdfFormat::TriG) {
                return Ok(f);
            }
        }
    }
    Err(err(
        StatusCode::NOT_ACCEPTABLE,
        format!("none of the accepted types ({accept}) can carry a graph: use {GRAPH_FORMATS}"),
    ))
}

/// Serializes a query result in the negotiated format.
fn serialize(
    out: &QueryOutput,
    format: Option<&str>,
    accept: Option<&str>,
    name: &str,
) -> std::result::Result<Response<Body>, HttpError> {
    let internal = |e: anyhow::Error| {
        err(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the results: {e:#}"),
        )
    };
    let (media, body, ext) = match out {
        QueryOutput::Solutions { .. } | QueryOutput::Boolean(_) => {
            let f = results_format(format, accept)?;
            let rf = match f {
                QueryResultsFormat::Xml => ResultFormat::Xml,
                QueryResultsFormat::Csv => ResultFormat::Csv,
                QueryResultsFormat::Tsv => ResultFormat::Tsv,
                _ => ResultFormat::Json,
            };
            let mut body = Vec::new();
            query::write(out, rf, &mut body).map_err(internal)?;
            let media = match f {
                QueryResultsFormat::Csv => "text/csv; charset=utf-8",
                QueryResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
                f => f.media_type(),
            };
            (media.to_string(), body, f.file_extension())
        }
        QueryOutput::Graph(triples) => {
            let f = graph_format(format, accept)?;
            let mut ser = RdfSerializer::from_format(f);
            if f == RdfFormat::Turtle {
                for (p, ns) in PREFIXES {
                    ser = ser.with_prefix(*p, *ns).map_err(|e| internal(e.into()))?;
                }
            }
            let mut w = ser.for_writer(Vec::new());
            for t in triples {
                w.serialize_triple(t).map_err(|e| internal(e.into()))?;
            }
            let body = w.finish().map_err(|e| internal(e.into()))?;
            (f.media_type().to_string(), body, f.file_extension())
        }
    };
    let mut resp = content(StatusCode::OK, &media, body);
    if matches!(format, Some(f) if f.eq_ignore_ascii_case("csv") || f.eq_ignore_ascii_case("tsv")) {
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.{ext}\"")) {
            resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
    }
    Ok(resp)
}

fn content(status: StatusCode, media: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, media)
        .header(header::VARY, "Accept")
        .body(Body::from(body))
        .unwrap()
}

fn text_response(status: StatusCode, message: &str) -> Response<Body> {
    content(
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    )
}

/// The page, with the prefixes it uses to shorten IRIs filled in.
fn page_html() -> String {
    let prefixes: serde_json::Map<String, serde_json::Value> = PREFIXES
        .iter()
        .map(|(p, ns)| (p.to_string(), serde_json::Value::from(*ns)))
        .collect();
    let config = serde_json::json!({ "prefixes": prefixes, "base": DEFAULT_BASE });
    // `</` cannot end the script early: JSON strings never contain a raw `<` after this.
    let json = config.to_string().replace('<', "\\u003c");
    include_str!("page.html").replace("/*CONFIG*/null", &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_ranges_are_ordered_by_quality() {
        assert_eq!(
            media_ranges("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1"),
            vec!["application/sparql-results+json", "text/csv", "*/*"]
        );
        assert_eq!(
            results_format(None, Some("text/csv;q=0.5, application/sparql-results+xml")).unwrap(),
            QueryResultsFormat::Xml
        );
        assert_eq!(
            results_format(None, Some("*/*")).unwrap(),
            QueryResultsFormat::Json
        );
        assert!(results_format(None, Some("image/png")).is_err());
        assert_eq!(
            graph_format(None, Some("application/n-triples")).unwrap(),
            RdfFormat::NTriples
        );
    }
}
