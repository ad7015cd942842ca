//! Bulk loading keeps the per-document replace semantics: `build --load bulk|transactions`
//! give the same store, re-building replaces graphs instead of adding to them, and `load`
//! puts `extract` shards together into the same store as a `build`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_policygraph"))
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Quads per named graph, as "graph count" lines.
fn census(store: &Path) -> Vec<String> {
    let csv = ok(bin()
        .args([
            "query",
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            "--format",
            "csv",
            "--store",
        ])
        .arg(store));
    csv.lines().skip(1).map(str::to_string).collect()
}

fn build(store: &Path, load: &str, inputs: &[PathBuf]) {
    ok(bin()
        .arg("build")
        .args(inputs)
        .arg("--store")
        .arg(store)
        .args(["--load", load, "-q"]));
}

#[test]
fn bulk_and_transactional_builds_agree_and_rebuilds_replace() {
    let dir = tempfile::tempdir().unwrap();
    let (tx, bulk) = (dir.path().join("tx"), dir.path().join("bulk"));
    build(&tx, "transactions", &[seeds()]);
    build(&bulk, "bulk", &[seeds()]);
    let expected = census(&tx);
    assert_eq!(
        expected.len(),
        7,
        "reference graph + summary + 5 documents: {expected:?}"
    );
    assert_eq!(census(&bulk), expected);
    // Re-building with the bulk loader replaces each graph: same counts, not twice as many.
    build(&bulk, "bulk", &[seeds()]);
    assert_eq!(census(&bulk), expected);
    // The same document twice in one bulk build (a folder and the file again) is replaced too.
    let one = seeds().join("flanders-digital-strategy.nl.txt");
    build(&bulk, "bulk", &[seeds(), one]);
    assert_eq!(census(&bulk), expected);
}

#[test]
fn extract_shards_loaded_together_equal_a_build() {
    let dir = tempfile::tempdir().unwrap();
    let built = dir.path().join("built");
    build(&built, "auto", &[seeds()]);
    // Two shards, as two machines would write them; the reference graph with the first.
    let files: Vec<PathBuf> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    let (a, b) = files.split_at(files.len() / 2);
    let shard_a = dir.path().join("a.nq");
    let shard_b = dir.path().join("b.nq");
    ok(bin()
        .arg("extract")
        .args(a)
        .arg("--with-reference")
        .arg("-o")
        .arg(&shard_a));
    ok(bin().arg("extract").args(b).arg("-o").arg(&shard_b));
    let loaded = dir.path().join("loaded");
    let said = ok(bin()
        .arg("load")
        .arg(&shard_a)
        .arg(&shard_b)
        .arg("--store")
        .arg(&loaded));
    assert!(said.contains("6 graph(s)"), "{said}");
    assert!(said.contains("summary:"), "{said}");
    assert_eq!(census(&loaded), census(&built));
    // Loading the same shard again replaces its graphs.
    ok(bin().arg("load").arg(&shard_b).arg("--store").arg(&loaded));
    assert_eq!(census(&loaded), census(&built));
}

#[test]
fn a_broken_shard_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.nq");
    std::fs::write(
        &bad,
        "<http://e/s> <http://e/p> \"ok\" <http://e/g1> .\n<http://e/s> <http://e/p> oops <http://e/g2> .\n",
    )
    .unwrap();
    let out = bin()
        .arg("load")
        .arg(&bad)
        .arg("--store")
        .arg(dir.path().join("s"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.nq") && err.contains("quad 2"), "{err}");
}

/// The headline's (documents, statements) for BIPT × DSA as supervisor.
fn bipt_dsa_supervisor(store: &Path) -> (usize, usize) {
    let csv = ok(bin()
        .args(["query", "who-implements-what", "--format", "csv", "--store"])
        .arg(store));
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let row = rdr
        .records()
        .map(|r| r.unwrap())
        .find(|r| r[0].ends_with("/bipt") && &r[3] == "32022R2065" && &r[5] == "supervisor")
        .unwrap_or_else(|| panic!("no BIPT × DSA supervisor row in\n{csv}"));
    (row[7].parse().unwrap(), row[8].parse().unwrap())
}

#[test]
fn the_summary_follows_rebuilt_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let note = seeds().join("be-federal-policy-note-digitalisation-2025.fr-nl.txt");
    build(&store, "auto", std::slice::from_ref(&note));
    let (docs, statements) = bipt_dsa_supervisor(&store);
    assert_eq!(docs, 1);
    assert!(statements >= 2, "French and Dutch: {statements}");

    // A second document saying the same: one more document, twice the statements.
    let copy = dir.path().join("copy-of-the-note.txt");
    std::fs::copy(&note, &copy).unwrap();
    build(&store, "transactions", std::slice::from_ref(&copy));
    assert_eq!(bipt_dsa_supervisor(&store), (2, 2 * statements));

    // Re-building the copy without those sentences replaces its graph: back to one document.
    let text = std::fs::read_to_string(&note).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("IBPT") && !l.contains("BIPT"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&copy, kept).unwrap();
    build(&store, "transactions", &[copy]);
    assert_eq!(bipt_dsa_supervisor(&store), (1, statements));

    // `summarise` recomputes the same rows on demand.
    let before = ok(bin()
        .args(["query", "who-implements-what", "-f", "csv", "--store"])
        .arg(&store));
    let said = ok(bin().arg("summarise").arg("--store").arg(&store));
    assert!(said.contains("row(s)"), "{said}");
    let after = ok(bin()
        .args(["query", "who-implements-what", "-f", "csv", "--store"])
        .arg(&store));
    assert_eq!(before, after);
}
