//! The store stage's remote side: pushes named graphs to an external triple store through the
//! SPARQL 1.1 Graph Store HTTP Protocol (`PUT ?graph=IRI`, so re-pushing a document replaces its
//! graph there too). Works with Virtuoso (`/sparql-graph-crud`), Fuseki (`/DATASET/data`),
//! GraphDB, Oxigraph (`/store`) and any other store that implements the protocol.

use anyhow::{anyhow, bail, Context, Result};
use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Method, Request};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};
use std::time::Duration;

/// Credentials for HTTP Basic authentication.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.user)
    }
}

/// A Graph Store Protocol endpoint, e.g. `http://localhost:8890/sparql-graph-crud`.
pub struct GraphStore {
    url: String,
    auth: Option<String>,
    client: oxhttp::Client,
}

impl GraphStore {
    /// Checks the URL and prepares the client (nothing is sent yet).
    pub fn new(url: &str, credentials: Option<Credentials>) -> Result<Self> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("--endpoint must be an http:// or https:// URL of a SPARQL Graph Store endpoint, got '{url}'");
        }
        if url.contains('?') || url.contains('#') {
            bail!("--endpoint takes the Graph Store endpoint without a query string (policygraph adds ?graph=…), got '{url}'");
        }
        let auth = credentials.map(|c| {
            use base64::Engine;
            let token = base64::engine::general_purpose::STANDARD
                .encode(format!("{}:{}", c.user, c.password));
            format!("Basic {token}")
        });
        Ok(GraphStore {
            url: url.to_string(),
            auth,
            client: oxhttp::Client::new()
                .with_global_timeout(Duration::from_secs(300))
                .with_redirection_limit(5),
        })
    }

    /// The endpoint URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL that addresses one named graph (indirect identification, `?graph=`).
    pub fn graph_url(&self, graph: &NamedNode) -> String {
        let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
        format!("{}?graph={encoded}", self.url)
    }

    /// Replaces the graph `graph` on the endpoint with the triples of `quads` (their graph names
    /// are ignored): one PUT, which the protocol defines as "replace the whole graph".
    pub fn put_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        self.send(Method::PUT, graph, quads)
    }

    /// Adds the triples of `quads` to the graph `graph` on the endpoint (POST: merge).
    pub fn post_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        self.send(Method::POST, graph, quads)
    }

    fn send(&self, method: Method, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let body = ntriples(quads)?;
        let verb = method.to_string();
        let mut request = Request::builder()
            .method(method)
            .uri(self.graph_url(graph))
            // N-Triples is a subset of Turtle; text/turtle is the one type every store accepts.
            .header(CONTENT_TYPE, "text/turtle; charset=utf-8");
        if let Some(a) = &self.auth {
            request = request.header(AUTHORIZATION, a);
        }
        let request = request
            .body(body)
            .map_err(|e| anyhow!("cannot build the request for {}: {e}", self.url))?;
        let response = self.client.request(request).map_err(|e| {
            anyhow!(
                "cannot reach the Graph Store endpoint {}: {e} (is the server running and the URL right?)",
                self.url
            )
        })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let detail = response
            .into_body()
            .to_string()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(300)
            .collect::<String>();
        let hint = match status.as_u16() {
            401 | 403 => " (the endpoint refused the write: give --endpoint-user and POLICYGRAPH_ENDPOINT_PASSWORD, or grant update rights to its anonymous user)",
            404 | 405 | 501 => " (is this the Graph Store endpoint? e.g. Virtuoso /sparql-graph-crud, Fuseki /DATASET/data, Oxigraph /store)",
            _ => "",
        };
        bail!(
            "the endpoint answered {status} to {verb} {}{hint}: {detail}",
            self.graph_url(graph)
        )
    }
}

impl crate::pipeline::GraphSink for GraphStore {
    fn replace(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        self.put_graph(graph, &quads)
    }

    fn append(&mut self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        self.post_graph(graph, &quads)
    }
}

/// Serialises the triples of `quads` as N-Triples.
fn ntriples(quads: &[Quad]) -> Result<Vec<u8>> {
    let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for q in quads {
        ser.serialize_triple(q.as_ref())
            .context("cannot serialise a triple")?;
    }
    Ok(ser.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls_are_percent_encoded() {
        let gs = GraphStore::new("http://localhost:8890/sparql-graph-crud", None).unwrap();
        let g = NamedNode::new("https://data.example.org/graph/a?b#c").unwrap();
        assert_eq!(
            gs.graph_url(&g),
            "http://localhost:8890/sparql-graph-crud?graph=https%3A%2F%2Fdata.example.org%2Fgraph%2Fa%3Fb%23c"
        );
    }

    #[test]
    fn bad_urls_are_refused_with_a_reason() {
        let e = GraphStore::new("localhost:8890", None).err().unwrap();
        assert!(e.to_string().contains("http://"));
        let e = GraphStore::new("http://h/store?graph=x", None)
            .err()
            .unwrap();
        assert!(e.to_string().contains("without a query string"));
    }

    #[test]
    fn basic_credentials_are_encoded() {
        let c = Credentials {
            user: "Aladdin".into(),
            password: "open sesame".into(),
        };
        let gs = GraphStore::new("https://h/store", Some(c)).unwrap();
        assert_eq!(
            gs.auth.as_deref(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
    }

    #[test]
    fn an_unreachable_endpoint_says_so() {
        // Port 9 (discard) on loopback is closed on any normal machine.
        let gs = GraphStore::new("http://127.0.0.1:9/store", None).unwrap();
        let g = NamedNode::new("http://example.org/g").unwrap();
        let e = gs.put_graph(&g, &[]).err().unwrap();
        assert!(e.to_string().contains("cannot reach"), "{e}");
    }
}
