//! End-to-end tests: the real binary on the real seeds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_policygraph"))
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run policygraph");
    assert!(
        out.status.success(),
        "command failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

/// One store built from the seeds, shared by the tests of this file (read-only afterwards).
fn seeds_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep().join("store");
        run(bin()
            .arg("build")
            .arg(seeds())
            .arg("--store")
            .arg(&dir)
            .arg("--quiet"));
        dir
    })
}

fn query_csv(store: &Path, q: &str) -> Vec<csv::StringRecord> {
    let out = run(bin()
        .args(["query", q, "--format", "csv", "--store"])
        .arg(store));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = rdr.headers().unwrap().clone();
    let mut rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    rows.insert(0, headers);
    rows
}

/// Columns of the per-statement listing `responsibilities`.
const BODY_LABEL: usize = 1;
const CELEX: usize = 3;
const DOCUMENT: usize = 7;
const LANG: usize = 8;
const LINE: usize = 9;
const EVIDENCE: usize = 10;
const CONFIDENCE: usize = 11;

/// The columns both `responsibilities` and the headline start with: who, which act, what role.
const DESCRIBED: [&str; 7] = [
    "body",
    "body_label",
    "act",
    "act_celex",
    "act_label",
    "role",
    "region",
];

#[test]
fn statements_have_the_promised_columns_and_facts() {
    let rows = query_csv(seeds_store(), "responsibilities");
    let header: Vec<&str> = rows[0].iter().collect();
    let own = ["document", "lang", "line", "evidence", "confidence"];
    assert_eq!(header, [&DESCRIBED[..], &own[..]].concat());
    let facts = &rows[1..];
    assert!(facts.len() >= 20, "only {} facts", facts.len());
    let docs: std::collections::BTreeSet<&str> = facts.iter().map(|r| &r[DOCUMENT]).collect();
    assert!(docs.len() >= 3, "facts span only {docs:?}");
    for r in facts {
        assert!(!r[EVIDENCE].is_empty(), "fact without evidence: {r:?}");
        assert!(r[LINE].parse::<usize>().unwrap() >= 1);
        assert!(
            r[CELEX].starts_with('3') && r[CELEX].len() == 10,
            "bad CELEX {}",
            &r[CELEX]
        );
    }
}

/// The headline query reads the summary that `build` recomputes: one row per (body, act, role),
/// whose counts must be those of the statements themselves, and whose example is one of them.
#[test]
fn headline_rows_summarise_the_statements_exactly() {
    use std::collections::{BTreeMap, BTreeSet};
    let headline = query_csv(seeds_store(), "who-implements-what");
    let header: Vec<&str> = headline[0].iter().collect();
    let own = [
        "documents",
        "statements",
        "confidence",
        "document",
        "lang",
        "line",
        "evidence",
    ];
    assert_eq!(header, [&DESCRIBED[..], &own[..]].concat());
    let statements = query_csv(seeds_store(), "responsibilities");
    // (body, act, role) -> (documents, statements, highest confidence)
    type Expected<'a> = BTreeMap<(&'a str, &'a str, &'a str), (BTreeSet<&'a str>, usize, f64)>;
    let mut expected: Expected = BTreeMap::new();
    for r in &statements[1..] {
        let e = expected
            .entry((&r[0], &r[2], &r[5]))
            .or_insert((BTreeSet::new(), 0, 0.0));
        e.0.insert(&r[DOCUMENT]);
        e.1 += 1;
        e.2 = e.2.max(r[CONFIDENCE].parse::<f64>().unwrap());
    }
    let rows = &headline[1..];
    assert_eq!(rows.len(), expected.len(), "one row per (body, act, role)");
    for r in rows {
        let (docs, n, best) = &expected[&(&r[0], &r[2], &r[5])];
        assert_eq!(r[7].parse::<usize>().unwrap(), docs.len(), "{r:?}");
        assert_eq!(r[8].parse::<usize>().unwrap(), *n, "{r:?}");
        assert_eq!(r[9].parse::<f64>().unwrap(), *best, "{r:?}");
        let example = statements[1..].iter().find(|s| {
            (&s[0], &s[2], &s[5], &s[DOCUMENT], &s[LINE], &s[EVIDENCE])
                == (&r[0], &r[2], &r[5], &r[10], &r[12], &r[13])
        });
        assert!(example.is_some(), "example is not a statement: {r:?}");
        let example = example.unwrap();
        assert_eq!(example[CONFIDENCE].parse::<f64>().unwrap(), *best);
        // Labels, CELEX number, role and region, which the row carries as copies, are those the
        // statement query reads from the document and reference graphs.
        let described: Vec<&str> = example.iter().take(DESCRIBED.len()).collect();
        let copied: Vec<&str> = r.iter().take(DESCRIBED.len()).collect();
        assert_eq!(described, copied, "{r:?}");
    }
    assert!(rows
        .iter()
        .any(|r| &r[3] == "32022R2065" && r[1].contains("Postal")));
}

#[test]
fn bipt_is_responsible_for_the_dsa_in_french_and_dutch() {
    let rows = query_csv(seeds_store(), "responsibilities");
    let note = "be-federal-policy-note-digitalisation-2025.fr-nl.txt";
    for lang in ["fr", "nl"] {
        let hit = rows[1..].iter().find(|r| {
            r[BODY_LABEL].contains("Postal")
                && &r[CELEX] == "32022R2065"
                && &r[DOCUMENT] == note
                && &r[LANG] == lang
        });
        assert!(
            hit.is_some(),
            "no BIPT × DSA fact in the {lang} text of the 2025 note"
        );
    }
}

#[test]
fn evidence_points_at_its_line_in_the_source() {
    let rows = query_csv(seeds_store(), "responsibilities");
    for r in &rows[1..] {
        let text = std::fs::read_to_string(seeds().join(&r[DOCUMENT])).unwrap();
        let line: usize = r[LINE].parse().unwrap();
        let src_line: String = text
            .lines()
            .nth(line - 1)
            .unwrap()
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect();
        let first_word: String = r[EVIDENCE]
            .split_whitespace()
            .next()
            .unwrap()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(4)
            .collect();
        assert!(
            src_line.contains(&first_word),
            "line {line} of {} does not start the evidence {:?}",
            &r[DOCUMENT],
            &r[EVIDENCE]
        );
    }
}

#[test]
fn cited_gdpr_resolves_to_its_celex_and_eli() {
    let rows = query_csv(seeds_store(), "acts");
    let gdpr = rows[1..]
        .iter()
        .find(|r| &r[1] == "32016R0679")
        .expect("GDPR among the acts");
    assert_eq!(&gdpr[0], "http://data.europa.eu/eli/reg/2016/679/oj");
}

#[test]
fn building_twice_gives_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let count = |s: &Path| -> usize {
        let rows = query_csv(s, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
        rows[1][0].parse().unwrap()
    };
    let doc = seeds().join("be-federal-policy-note-digital-agenda-2018.nl-fr.txt");
    run(bin()
        .arg("build")
        .arg(&doc)
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    let first = count(&store);
    run(bin()
        .arg("build")
        .arg(&doc)
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    assert_eq!(first, count(&store));
    assert!(first > 1000);
}

#[test]
fn turtle_export_parses_back_to_the_same_triples() {
    let out = run(bin()
        .args(["export", "--format", "turtle", "--store"])
        .arg(seeds_store()));
    let parsed: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(&out.stdout)
        .collect::<Result<Vec<_>, _>>()
        .expect("export is valid Turtle");
    // Everything but the derived summary rows, which exports leave out.
    let rows = query_csv(seeds_store(), "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER NOT EXISTS { ?s a pg:ResponsibilitySummary } } }");
    let distinct: usize = rows[1][0].parse().unwrap();
    assert_eq!(parsed.len(), distinct);
    let ttl = String::from_utf8_lossy(&out.stdout);
    assert!(
        ttl.contains("@prefix pg:") || ttl.contains("PREFIX pg:"),
        "readable prefixes"
    );
}

#[test]
fn query_errors_say_what_to_do() {
    let out = bin()
        .args(["query", "no-such-query", "--store"])
        .arg(seeds_store())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("who-implements-what"), "{err}");

    let out = bin()
        .args(["query", "SELECT ?x WHERE { ?x ?y }", "--store"])
        .arg(seeds_store())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("syntax error") && err.contains("1:"), "{err}");

    let out = bin()
        .args(["query", "acts", "--store", "/nonexistent/store"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("policygraph build"));
}

#[test]
fn every_canned_query_runs_and_lists_itself() {
    let out = run(bin().arg("queries"));
    let listing = String::from_utf8_lossy(&out.stdout);
    for q in [
        "who-implements-what",
        "responsibilities",
        "acts",
        "agencies",
        "initiatives-by-agency",
        "deadlines",
        "agency-profile",
    ] {
        assert!(listing.contains(q), "{q} not listed");
    }
    for q in [
        "who-implements-what",
        "responsibilities",
        "acts",
        "agencies",
        "initiatives-by-agency",
        "deadlines",
        "deadlines-by-body",
        "acts-without-owner",
        "bodies-by-act",
        "documents",
        "transpositions",
    ] {
        let rows = query_csv(seeds_store(), q);
        assert!(rows.len() > 1, "{q} returned no rows");
    }
}

#[test]
fn agency_profile_binds_its_parameter_safely() {
    let out = run(bin()
        .args([
            "query",
            "agency-profile",
            "--format",
            "csv",
            "--param",
            "agency=bipt",
            "--store",
        ])
        .arg(seeds_store()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().count() > 3, "{text}");
    assert!(text.contains("32022R2065"));
    let out = run(bin()
        .args([
            "query",
            "agency-profile",
            "--format",
            "csv",
            "--param",
            "agency=x\" } ?s ?p ?o { \"",
            "--store",
        ])
        .arg(seeds_store()));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "an injection attempt must match nothing"
    );
}

#[test]
fn deadlines_keep_their_grain() {
    let rows = query_csv(seeds_store(), "deadlines");
    let header: Vec<&str> = rows[0].iter().collect();
    assert_eq!(
        header,
        vec![
            "date",
            "grain",
            "kind",
            "subject_label",
            "body_label",
            "document",
            "lang",
            "line",
            "evidence"
        ]
    );
    let ai = rows[1..]
        .iter()
        .find(|r| &r[0] == "2025-08-02" && &r[2] == "deadline" && &r[6] == "fr");
    assert!(
        ai.is_some(),
        "the AI Act governance deadline of 2 August 2025 is missing"
    );
    for r in &rows[1..] {
        let want = match &r[1] {
            "year" => 4,
            "month" => 7,
            "day" => 10,
            g => panic!("bad grain {g}"),
        };
        assert_eq!(r[0].len(), want, "{r:?}");
    }
}

#[test]
fn belgian_laws_transpose_directives() {
    let rows = query_csv(seeds_store(), "transpositions");
    let hit = rows[1..]
        .iter()
        .find(|r| &r[2] == "2019-04-07" && &r[4] == "32014L0055" && &r[6] == "transposes");
    assert!(
        hit.is_some(),
        "the Law of 7 April 2019 transposing Directive 2014/55/EU is missing: {rows:?}"
    );
}

#[test]
fn extract_streams_nquads_without_a_store() {
    let out = run(bin().arg("extract").arg(seeds()));
    let quads: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(&out.stdout)
        .collect::<Result<Vec<_>, _>>()
        .expect("valid N-Quads");
    let graphs: std::collections::BTreeSet<String> =
        quads.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(graphs.len(), 5, "one graph per seed document: {graphs:?}");
    assert!(quads.len() > 5000);
}

#[test]
fn initiatives_get_the_body_the_text_says_manages_them() {
    let rows = query_csv(seeds_store(), "initiatives-by-agency");
    let geo = rows[1..]
        .iter()
        .find(|r| &r[1] == "Geo.be")
        .expect("Geo.be among the initiatives");
    assert!(
        geo[4].contains("Geographic"),
        "Geo.be is operated by the NGI: {geo:?}"
    );
}

#[test]
fn upcoming_deadlines_start_at_the_given_date_soonest_first() {
    let out = run(bin()
        .args([
            "query",
            "upcoming-deadlines",
            "--format",
            "csv",
            "--param",
            "after=2026-01-01",
            "--store",
        ])
        .arg(seeds_store()));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    let dates: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "soonest first");
    // a year-grain 2025 deadline ends before 2026-01-01: not upcoming; 2026 and later are
    assert!(dates.iter().all(|d| d.as_str() >= "2026"), "{dates:?}");
    assert!(
        dates
            .iter()
            .any(|d| d.starts_with("2026-08-02") || d.starts_with("2027-12-11")),
        "{dates:?}"
    );
}
