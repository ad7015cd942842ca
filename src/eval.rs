//! Evaluation against gold annotations: precision, recall and F1 of (body, EU act) pairs and of
//! deadline dates, per document and overall, with the misses and false alarms listed.
//!
//! Gold layout: one folder per document (named after the document's file stem) holding
//! `implementations.tsv` (`body, eu_act, role, lang, line, evidence`) and optionally
//! `deadlines.tsv` (`date, granularity, subject, body, lang, line, evidence`).

use crate::gazetteer::{Entry, Gazetteer};
use crate::query::{self, display_term, QueryOutput};
use anyhow::{bail, Context, Result};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Scores of one comparison.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl Score {
    fn of(gold: &BTreeSet<String>, predicted: &BTreeSet<String>) -> Score {
        let matched = gold.intersection(predicted).count();
        let precision = if predicted.is_empty() {
            1.0
        } else {
            matched as f64 / predicted.len() as f64
        };
        let recall = if gold.is_empty() {
            1.0
        } else {
            matched as f64 / gold.len() as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            gold: gold.len(),
            predicted: predicted.len(),
            matched,
            precision,
            recall,
            f1,
            misses: gold.difference(predicted).cloned().collect(),
            false_alarms: predicted.difference(gold).cloned().collect(),
        }
    }
}

/// Evaluation of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentEval {
    pub document: String,
    pub pairs: Score,
    /// Matched pairs whose role agrees with a gold role for that pair.
    pub roles_correct: usize,
    pub deadlines: Option<Score>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub documents: Vec<DocumentEval>,
    pub pairs: Score,
    pub role_accuracy: f64,
    pub deadlines: Score,
}

/// Normalises a gold body: a gazetteer id, `signatory`, or a lower-case name.
fn gold_body(s: &str, gaz: &Gazetteer) -> String {
    let s = s.trim().replace('\u{2019}', "'");
    let s = s.as_str();
    if s == "signatory" || gaz.agency_by_id(s).is_some() {
        return s.to_string();
    }
    if let Some(generic) = crate::extract::context::canonical_generic_subject(s) {
        return generic.to_lowercase();
    }
    if let Some(h) = gaz
        .find(s)
        .into_iter()
        .find(|h| matches!(h.entry, Entry::Agency(_)) && h.end - h.start + 2 >= s.len())
    {
        if let Entry::Agency(i) = h.entry {
            return gaz.agencies[i].id.clone();
        }
    }
    s.to_lowercase()
}

/// Normalises a predicted body IRI to the same space as `gold_body`.
fn predicted_body(iri: &str, label: &str) -> String {
    let local = iri.rsplit('/').next().unwrap_or(iri);
    if local.starts_with("person-") {
        "signatory".into()
    } else if local.starts_with("x-") {
        label.to_lowercase()
    } else {
        local.to_string()
    }
}

fn read_tsv(path: &Path) -> Result<Vec<BTreeMap<String, String>>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let headers: Vec<String> = rdr
        .headers()?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r?;
        out.push(
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(|v| v.trim().to_string()))
                .collect(),
        );
    }
    Ok(out)
}

fn rows(out: QueryOutput) -> Vec<Vec<String>> {
    match out {
        QueryOutput::Solutions { rows, .. } => rows
            .into_iter()
            .map(|r| {
                r.iter()
                    .map(|t| t.as_ref().map(display_term).unwrap_or_default())
                    .collect()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Compares the store with the gold folder.
pub fn evaluate(store: &Store, gold_dir: &Path, gaz: &Gazetteer) -> Result<Evaluation> {
    let facts = rows(query::run(
        store,
        "SELECT ?document ?body ?label ?celex ?role WHERE {
           ?f a pg:Responsibility ; pg:body ?body ; pg:act ?act ; pg:role ?r ; pg:evidence/oa:hasSource/pg:fileName ?document .
           ?act pg:celex ?celex . OPTIONAL { ?r skos:notation ?rn } BIND(COALESCE(?rn, STRAFTER(STR(?r), \"#\")) AS ?role)
           OPTIONAL { ?body skos:prefLabel ?label } }",
        &[],
    )?);
    let dates = rows(query::run(
        store,
        "SELECT ?document ?date WHERE {
           ?d a pg:Deadline ; pg:kind \"deadline\" ; pg:date ?i ; pg:evidence/oa:hasSource/pg:fileName ?document .
           ?i ?p ?v . FILTER(?p IN (time:inXSDDate, time:inXSDgYearMonth, time:inXSDgYear)) BIND(STR(?v) AS ?date) }",
        &[],
    )?);
    let mut dirs: Vec<_> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("cannot read gold folder {}", gold_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        bail!(
            "no document folders in {}: expected one folder per document with implementations.tsv",
            gold_dir.display()
        );
    }
    let stem = |file: &str| {
        file.rsplit_once('.')
            .map_or(file.to_string(), |(s, _)| s.to_string())
    };
    let mut docs = Vec::new();
    let (mut all_g, mut all_p, mut all_dg, mut all_dp) = (
        BTreeSet::new(),
        BTreeSet::new(),
        BTreeSet::new(),
        BTreeSet::new(),
    );
    let mut roles_ok_total = 0usize;
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let imp = dir.join("implementations.tsv");
        if !imp.exists() {
            continue;
        }
        let mut gold_roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in read_tsv(&imp)? {
            let key = format!("{} × {}", gold_body(&r["body"], gaz), r["eu_act"]);
            gold_roles
                .entry(key)
                .or_default()
                .insert(r.get("role").cloned().unwrap_or_default());
        }
        let mut pred_roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for f in facts.iter().filter(|f| stem(&f[0]) == name) {
            let key = format!("{} × {}", predicted_body(&f[1], &f[2]), f[3]);
            pred_roles.entry(key).or_default().insert(f[4].clone());
        }
        let g: BTreeSet<String> = gold_roles.keys().cloned().collect();
        let p: BTreeSet<String> = pred_roles.keys().cloned().collect();
        let pairs = Score::of(&g, &p);
        let roles_correct = g
            .intersection(&p)
            .filter(|k| !gold_roles[*k].is_disjoint(&pred_roles[*k]))
            .count();
        roles_ok_total += roles_correct;
        all_g.extend(g.iter().map(|k| format!("{name}: {k}")));
        all_p.extend(p.iter().map(|k| format!("{name}: {k}")));
        let dl = dir.join("deadlines.tsv");
        let deadlines = if dl.exists() {
            let g: BTreeSet<String> = read_tsv(&dl)?
                .into_iter()
                .map(|r| r["date"].clone())
                .collect();
            let p: BTreeSet<String> = dates
                .iter()
                .filter(|d| stem(&d[0]) == name)
                .map(|d| d[1].clone())
                .collect();
            all_dg.extend(g.iter().map(|k| format!("{name}: {k}")));
            all_dp.extend(p.iter().map(|k| format!("{name}: {k}")));
            Some(Score::of(&g, &p))
        } else {
            None
        };
        docs.push(DocumentEval {
            document: name,
            pairs,
            roles_correct,
            deadlines,
        });
    }
    let pairs = Score::of(&all_g, &all_p);
    let role_accuracy = if pairs.matched == 0 {
        0.0
    } else {
        roles_ok_total as f64 / pairs.matched as f64
    };
    Ok(Evaluation {
        documents: docs,
        pairs,
        role_accuracy,
        deadlines: Score::of(&all_dg, &all_dp),
    })
}

/// A readable report.
pub fn report(e: &Evaluation, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let line = |w: &mut dyn std::io::Write, what: &str, s: &Score| {
        writeln!(
            w,
            "  {what:<28} P {:.2}  R {:.2}  F1 {:.2}   ({} matched, {} gold, {} predicted)",
            s.precision, s.recall, s.f1, s.matched, s.gold, s.predicted
        )
    };
    for d in &e.documents {
        writeln!(w, "{}", d.document)?;
        line(w, "(body, EU act) pairs", &d.pairs)?;
        if d.pairs.matched > 0 {
            writeln!(
                w,
                "  {:<28} {:.2} of matched pairs",
                "role correct",
                d.roles_correct as f64 / d.pairs.matched as f64
            )?;
        }
        if let Some(s) = &d.deadlines {
            line(w, "deadline dates", s)?;
        }
        for m in &d.pairs.misses {
            writeln!(w, "    miss         {m}")?;
        }
        for m in &d.pairs.false_alarms {
            writeln!(w, "    false alarm  {m}")?;
        }
        if let Some(s) = &d.deadlines {
            for m in &s.misses {
                writeln!(w, "    missed date  {m}")?;
            }
            for m in &s.false_alarms {
                writeln!(w, "    extra date   {m}")?;
            }
        }
    }
    writeln!(w, "overall")?;
    line(w, "(body, EU act) pairs", &e.pairs)?;
    writeln!(
        w,
        "  {:<28} {:.2} of matched pairs",
        "role correct", e.role_accuracy
    )?;
    line(w, "deadline dates", &e.deadlines)?;
    Ok(())
}
