//! The query stage: canned queries (`queries/*.rq`, bundled in the binary), ad-hoc SPARQL,
//! safe parameter binding, and result output as an aligned table, CSV, TSV, JSON or XML.

use crate::rdf::vocab::PREFIXES;
use anyhow::{anyhow, bail, Context, Result};
use oxigraph::model::{Literal, NamedNode, Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;

/// A canned query with its header metadata.
#[derive(Debug, Clone)]
pub struct CannedQuery {
    pub name: &'static str,
    pub title: String,
    pub description: String,
    /// (name, description) of each parameter, bound with `--param NAME=VALUE`.
    pub params: Vec<(String, String)>,
    pub text: &'static str,
}

macro_rules! canned {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../queries/", $name, ".rq")))),*]
    };
}

const BUNDLED: &[(&str, &str)] = canned![
    "who-implements-what",
    "responsibilities",
    "acts",
    "agencies",
    "initiatives-by-agency",
    "deadlines",
    "upcoming-deadlines",
    "deadlines-by-body",
    "acts-without-owner",
    "transpositions",
    "bodies-by-act",
    "agency-profile",
    "documents",
];

fn parse_header(name: &'static str, text: &'static str) -> CannedQuery {
    let mut q = CannedQuery {
        name,
        title: name.to_string(),
        description: String::new(),
        params: Vec::new(),
        text,
    };
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let l = line.trim_start_matches('#').trim();
        if let Some(t) = l.strip_prefix("title:") {
            q.title = t.trim().to_string();
        } else if let Some(d) = l.strip_prefix("description:") {
            q.description = d.trim().to_string();
        } else if let Some(p) = l.strip_prefix("param:") {
            let (n, d) = p.trim().split_once(' ').unwrap_or((p.trim(), ""));
            q.params.push((
                n.to_string(),
                d.trim().trim_start_matches(['—', '-']).trim().to_string(),
            ));
        }
    }
    q
}

/// All canned queries, in a sensible reading order.
pub fn canned() -> Vec<CannedQuery> {
    BUNDLED.iter().map(|(n, t)| parse_header(n, t)).collect()
}

pub fn find_canned(name: &str) -> Option<CannedQuery> {
    canned().into_iter().find(|q| q.name == name)
}

/// Interprets the query argument: a canned query name, a `.rq` file, or SPARQL text.
pub fn resolve(spec: &str) -> Result<(String, Option<CannedQuery>)> {
    if let Some(q) = find_canned(spec) {
        return Ok((q.text.to_string(), Some(q)));
    }
    let looks_like_sparql = spec.contains('{')
        || spec.split_whitespace().any(|w| {
            matches!(
                w.to_ascii_uppercase().as_str(),
                "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE" | "PREFIX"
            )
        });
    if looks_like_sparql {
        return Ok((spec.to_string(), None));
    }
    let path = std::path::Path::new(spec);
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read query file {spec}"))?;
        return Ok((text, None));
    }
    let names: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
    bail!("unknown query '{spec}': not a canned query, a .rq file or SPARQL text.\nCanned queries: {}\n(see `policygraph queries`)", names.join(", "))
}

/// The result of a query, fully read.
pub enum QueryOutput {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<Vec<Option<Term>>>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

impl QueryOutput {
    pub fn len(&self) -> usize {
        match self {
            QueryOutput::Solutions { rows, .. } => rows.len(),
            QueryOutput::Boolean(_) => 1,
            QueryOutput::Graph(t) => t.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A parameter value: an IRI when it looks like one, else a plain string.
pub fn param_term(value: &str) -> Term {
    if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("urn:") {
        if let Ok(n) = NamedNode::new(value) {
            return n.into();
        }
    }
    Literal::new_simple_literal(value).into()
}

/// Runs a query over the union of all graphs, binding parameters without touching the query
/// text (`substitute_variable`).
pub fn run(store: &Store, text: &str, params: &[(String, Term)]) -> Result<QueryOutput> {
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in PREFIXES {
        ev = ev.with_prefix(*p, *ns).map_err(|e| anyhow!("{e}"))?;
    }
    let mut prepared = ev
        .parse_query(text)
        .map_err(|e| anyhow!("SPARQL syntax error: {e}"))?;
    prepared.dataset_mut().set_default_graph_as_union();
    for (name, value) in params {
        let var =
            Variable::new(name).map_err(|e| anyhow!("invalid parameter name '{name}': {e}"))?;
        prepared = prepared.substitute_variable(var, value.clone());
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| anyhow!("query failed: {e}"))?;
    Ok(match results {
        QueryResults::Solutions(sols) => {
            let variables = sols.variables().to_vec();
            let mut rows = Vec::new();
            for s in sols {
                let s = s.map_err(|e| anyhow!("query failed: {e}"))?;
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            QueryOutput::Solutions { variables, rows }
        }
        QueryResults::Boolean(b) => QueryOutput::Boolean(b),
        QueryResults::Graph(triples) => QueryOutput::Graph(
            triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow!("query failed: {e}"))?,
        ),
    })
}

/// Output formats for query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

/// Writes query results in the chosen format.
pub fn write(out: &QueryOutput, format: ResultFormat, w: &mut dyn Write) -> Result<()> {
    match out {
        QueryOutput::Solutions { variables, rows } => {
            let f = match format {
                ResultFormat::Table => return write_table(variables, rows, w),
                ResultFormat::Csv => QueryResultsFormat::Csv,
                ResultFormat::Tsv => QueryResultsFormat::Tsv,
                ResultFormat::Json => QueryResultsFormat::Json,
                ResultFormat::Xml => QueryResultsFormat::Xml,
            };
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut *w, variables.clone())?;
            for row in rows {
                ser.serialize(
                    variables
                        .iter()
                        .zip(row)
                        .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                )?;
            }
            ser.finish()?;
        }
        QueryOutput::Boolean(b) => match format {
            ResultFormat::Table => writeln!(w, "{b}")?,
            other => {
                let f = match other {
                    ResultFormat::Csv => QueryResultsFormat::Csv,
                    ResultFormat::Tsv => QueryResultsFormat::Tsv,
                    ResultFormat::Xml => QueryResultsFormat::Xml,
                    _ => QueryResultsFormat::Json,
                };
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut *w, *b)?;
            }
        },
        QueryOutput::Graph(triples) => {
            for t in triples {
                writeln!(w, "{t} .")?;
            }
        }
    }
    Ok(())
}

/// A term as a person reads it: literals by value, IRIs with a known prefix shortened.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => {
            for (p, ns) in PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(ns) {
                    return format!("{p}:{local}");
                }
            }
            n.as_str().to_string()
        }
        other => other.to_string(),
    }
}

/// Widest cell of the table view (evidence gets more room); CSV/JSON carry full values.
const MAX_CELL: usize = 40;
const MAX_EVIDENCE: usize = 80;

/// In the table view, our own identifiers shrink to their last segment.
fn table_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) if n.as_str().contains("/id/") => {
            n.as_str().rsplit('/').next().unwrap_or("").to_string()
        }
        Term::NamedNode(n) if n.as_str().starts_with("http://data.europa.eu/eli/") => {
            format!("eli:{}", &n.as_str()["http://data.europa.eu/eli/".len()..])
        }
        other => display_term(other),
    }
}

fn write_table(
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    w: &mut dyn Write,
) -> Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(variables)
                .map(|(t, v)| {
                    let max = if v.as_str() == "evidence" {
                        MAX_EVIDENCE
                    } else {
                        MAX_CELL
                    };
                    let s = t
                        .as_ref()
                        .map(table_term)
                        .unwrap_or_default()
                        .replace(['\n', '\t'], " ");
                    if s.chars().count() > max {
                        s.chars().take(max - 1).collect::<String>() + "…"
                    } else {
                        s
                    }
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = variables
        .iter()
        .map(|v| v.as_str().chars().count())
        .collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |w: &mut dyn Write, vals: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = vals
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{v:<width$}", width = widths[i]))
            .collect();
        writeln!(w, "{}", parts.join(" │ ").trim_end())
    };
    line(
        w,
        &variables
            .iter()
            .map(|v| v.as_str().to_string())
            .collect::<Vec<_>>(),
    )?;
    writeln!(
        w,
        "{}",
        widths
            .iter()
            .map(|n| "─".repeat(*n))
            .collect::<Vec<_>>()
            .join("─┼─")
    )?;
    for r in &cells {
        line(w, r)?;
    }
    writeln!(
        w,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}
