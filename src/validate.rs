//! `policygraph validate`: checks the store (or an exported file) against SHACL shapes — by
//! default our own, `ontology/shapes.ttl`, which state what a well-formed policygraph graph is —
//! and prints a readable report. Exit code 1 when there are violations.
//!
//! The SHACL engine is the rudof project's `shacl_validation` (its native in-memory engine);
//! data cross from Oxigraph to it as N-Triples. The data graph is the union of the store's
//! graphs (documents and reference graph), so that a fact in a document's graph can be checked
//! against what the reference graph says about the bodies and acts it names.

use crate::export;
use anyhow::{anyhow, Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
use oxigraph::store::Store;
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_impl::{InMemoryGraph, ReaderMode};
use shacl_ir::severity::CompiledSeverity;
use shacl_validation::shacl_processor::{GraphValidation, ShaclProcessor, ShaclValidationMode};
use shacl_validation::store::{Graph, ShaclDataManager};
use std::io::{Cursor, Write};
use std::path::Path;

/// Our shapes, `ontology/shapes.ttl`.
pub const BUNDLED_SHAPES: &str = include_str!("../ontology/shapes.ttl");

/// Exit code of `policygraph validate` when the data violates the shapes.
pub const EXIT_VIOLATIONS: i32 = 1;

/// What to validate.
pub enum ValidateInput<'a> {
    /// Every graph of a store (their union).
    Store(&'a Store),
    /// An RDF file in any format Oxigraph reads (chosen by its extension: .ttl, .nt, .nq, .trig,
    /// .rdf/.xml/.owl, .jsonld).
    File(&'a Path),
    /// Statements already in memory (their union).
    Quads(&'a [Quad]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Violation,
    Warning,
    Info,
    Other,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Violation => "violation",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Other => "other",
        })
    }
}

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub severity: Severity,
    pub focus: String,
    pub path: Option<String>,
    pub value: Option<String>,
    /// The SHACL constraint component, e.g. `sh:MinCountConstraintComponent`.
    pub component: String,
    pub message: Option<String>,
}

/// The outcome of a validation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Number of triples validated.
    pub triples: usize,
    /// Sorted findings (violations first).
    pub findings: Vec<Finding>,
}

impl Report {
    /// SHACL's `sh:conforms`: no result at all.
    pub fn conforms(&self) -> bool {
        self.findings.is_empty()
    }
    pub fn violations(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Violation)
            .count()
    }
    /// 0 when there is no violation (warnings are reported but do not fail), else 1.
    pub fn exit_code(&self) -> i32 {
        if self.violations() > 0 {
            EXIT_VIOLATIONS
        } else {
            0
        }
    }

    /// A readable report: one block per finding, grouped by constraint, then a summary line.
    pub fn print(&self, w: &mut dyn Write) -> std::io::Result<()> {
        for f in &self.findings {
            writeln!(w, "{}: {}", f.severity, f.focus)?;
            if let Some(p) = &f.path {
                writeln!(w, "  path:       {p}")?;
            }
            if let Some(v) = &f.value {
                writeln!(w, "  value:      {v}")?;
            }
            writeln!(w, "  constraint: {}", f.component)?;
            if let Some(m) = &f.message {
                writeln!(w, "  message:    {m}")?;
            }
        }
        let others = self.findings.len() - self.violations();
        if self.conforms() {
            writeln!(
                w,
                "conforms: {} triples validated, no violations",
                self.triples
            )
        } else {
            writeln!(
                w,
                "does not conform: {} violation(s), {others} other result(s) in {} triples",
                self.violations(),
                self.triples
            )
        }
    }
}

fn short(s: String) -> String {
    for (p, ns) in [
        ("sh:", "http://www.w3.org/ns/shacl#"),
        ("pg:", crate::rdf::vocab::PG),
    ] {
        if let Some(rest) = s
            .strip_prefix(&format!("<{ns}"))
            .and_then(|r| r.strip_suffix('>'))
        {
            return format!("{p}{rest}");
        }
        if let Some(rest) = s.strip_prefix(ns) {
            return format!("{p}{rest}");
        }
    }
    s
}

/// Validates `data` against the SHACL shapes in `shapes` (Turtle).
pub fn validate(data: ValidateInput, shapes: &str) -> Result<Report> {
    let quads: Vec<Quad> = match data {
        ValidateInput::Store(st) => export::store_quads(st, None)?,
        ValidateInput::Quads(q) => q.to_vec(),
        ValidateInput::File(path) => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            let format = match ext.as_str() {
                "xml" | "owl" => Some(RdfFormat::RdfXml),
                "json" => Some(RdfFormat::JsonLd {
                    profile: oxigraph::io::JsonLdProfile::Expanded.into(),
                }),
                e => RdfFormat::from_extension(e),
            }
            .with_context(|| {
                format!(
                    "cannot tell the RDF format of {} from its extension",
                    path.display()
                )
            })?;
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            export::parse_with_oxigraph(&bytes, format)
                .with_context(|| format!("cannot parse {}", path.display()))?
        }
    };
    let quads = export::stable_quads(quads)?;
    let triples = export::union_triples(&quads);
    let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in &triples {
        ser.serialize_triple(t)?;
    }
    let nt = String::from_utf8(ser.finish()?)?;

    let schema = ShaclDataManager::load(
        &mut Cursor::new(shapes.as_bytes()),
        "shapes",
        RDFFormat::Turtle,
        None,
    )
    .map_err(|e| anyhow!("cannot read the SHACL shapes: {e}"))?;
    let graph = InMemoryGraph::from_str(&nt, &RDFFormat::NTriples, None, &ReaderMode::default())
        .map_err(|e| anyhow!("cannot load the data into the SHACL engine: {e}"))?;
    let graph = Graph::from_graph(graph).map_err(|e| anyhow!("{e}"))?;
    let mut validation = GraphValidation::from_graph(graph, ShaclValidationMode::Native);
    let report = validation
        .validate(&schema)
        .map_err(|e| anyhow!("SHACL validation failed: {e}"))?;

    let mut findings: Vec<Finding> = report
        .results()
        .iter()
        .map(|r| Finding {
            severity: match r.severity() {
                CompiledSeverity::Violation => Severity::Violation,
                CompiledSeverity::Warning => Severity::Warning,
                CompiledSeverity::Info => Severity::Info,
                _ => Severity::Other,
            },
            focus: r.focus_node().to_string(),
            path: r.path().map(|p| short(p.to_string())),
            value: r.value().map(|v| v.to_string()),
            component: short(r.component().to_string()),
            message: r.message().map(str::to_string),
        })
        .collect();
    findings.sort();
    findings.dedup();
    Ok(Report {
        triples: triples.len(),
        findings,
    })
}

/// Validates and prints the report; returns the exit code (0, or 1 on violations).
pub fn validate_and_print(data: ValidateInput, shapes: &str, w: &mut dyn Write) -> Result<i32> {
    let report = validate(data, shapes)?;
    report.print(w)?;
    Ok(report.exit_code())
}
