//! The extractor measured against the hand-annotated gold (`tests/gold/`), through the same
//! `policygraph eval` code path users run.

use std::path::Path;
use std::process::Command;

#[test]
fn extraction_meets_its_targets_on_the_gold_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = Command::new(env!("CARGO_BIN_EXE_policygraph"))
        .arg("build")
        .arg(root.join("seeds/be-federal-policy-note-digitalisation-2025.fr-nl.txt"))
        .arg(root.join("seeds/eu-digital-public-administration-factsheet-belgium-2024.en.md"))
        .arg("--store")
        .arg(&store)
        .arg("-q")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let st = policygraph::store::open_for_reading(&store).unwrap();
    let e = policygraph::eval::evaluate(
        &st,
        &root.join("tests/gold"),
        policygraph::gazetteer::Gazetteer::bundled(),
    )
    .unwrap();
    let mut report = Vec::new();
    policygraph::eval::report(&e, &mut report).unwrap();
    let report = String::from_utf8_lossy(&report);
    // issue target for deadlines: precision and recall >= 0.90 on (document, date)
    assert!(
        e.deadlines.precision >= 0.9 && e.deadlines.recall >= 0.9,
        "{report}"
    );
    // (body, act) pairs: the targets are P >= 0.90, R >= 0.80, role >= 0.85; reached
    // P 1.00, R 0.86, role 0.90 with general rules only — these floors keep a small margin
    // under what is reached
    assert!(e.pairs.precision >= 0.95, "{report}");
    assert!(e.pairs.recall >= 0.83, "{report}");
    assert!(e.role_accuracy >= 0.87, "{report}");
}
