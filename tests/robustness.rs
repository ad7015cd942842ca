//! Bad input and interruptions lose nothing: per-file errors, a store in use, a killed build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_policygraph"))
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

/// Runs SPARQL on the store with the real binary; the answer in `format` (csv, tsv, …).
fn query(store: &Path, sparql: &str, format: &str) -> String {
    let out = bin()
        .args(["query", sparql, "--format", format, "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn documents(store: &Path) -> Vec<String> {
    query(
        store,
        "SELECT ?f WHERE { ?d pg:fileName ?f } ORDER BY ?f",
        "csv",
    )
    .lines()
    .skip(1)
    .map(|l| l.trim().to_string())
    .collect()
}

#[test]
fn bad_files_are_reported_and_the_good_ones_built() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        seed("flanders-digital-strategy.nl.txt"),
        input.join("good.txt"),
    )
    .unwrap();
    std::fs::write(input.join("scan.txt"), b"%PDF-1.4\x00\x01\x02binary").unwrap();
    std::fs::write(input.join("latin1.txt"), b"Le r\xe8glement (UE) 2016/679 est appliqu\xe9 par l'Autorit\xe9 de protection des donn\xe9es.\n").unwrap();
    std::fs::write(input.join("empty.txt"), b"  \n\n").unwrap();
    std::fs::write(input.join("slides.pptx"), b"PK\x03\x04").unwrap();
    let store = dir.path().join("store");
    let out = bin()
        .arg("build")
        .arg(&input)
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("scan.txt") && err.contains("binary file, skipped"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt") && err.contains("Windows-1252"),
        "{err}"
    );
    assert!(
        err.contains("empty.txt") && err.contains("empty file"),
        "{err}"
    );
    assert!(
        err.contains("slides.pptx") && err.contains("unsupported"),
        "{err}"
    );
    assert_eq!(documents(&store), vec!["good.txt", "latin1.txt"]);
    let out = bin()
        .args([
            "query",
            "SELECT ?t WHERE { ?s oa:exact ?t FILTER(CONTAINS(?t, \"règlement\")) }",
            "--format",
            "csv",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Le règlement (UE) 2016/679 est appliqué"),
        "Latin-1 text decoded"
    );
}

#[test]
fn a_second_writer_is_told_the_store_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let held = oxigraph::store::Store::open(&store).unwrap();
    let out = bin()
        .arg("build")
        .arg(seed("flanders-digital-strategy.nl.txt"))
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is in use by another policygraph process"),
        "{err}"
    );
    assert!(
        !err.contains("RocksDB") && !err.contains("panicked"),
        "{err}"
    );
    drop(held);
}

#[test]
fn a_killed_build_leaves_a_usable_store() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = [
        "be-federal-policy-note-digitalisation-2025.fr-nl.txt",
        "eu-digital-public-administration-factsheet-belgium-2024.en.md",
        "flanders-digital-strategy.nl.txt",
    ];
    for i in 0..20 {
        for n in names {
            std::fs::copy(seed(n), input.join(format!("c{i:02}-{n}"))).unwrap();
        }
    }
    let store = dir.path().join("store");
    let mut child = bin()
        .arg("build")
        .arg(&input)
        .arg("--store")
        .arg(&store)
        .arg("-q")
        .spawn()
        .unwrap();
    // wait until some documents are committed, then kill -9
    let start = std::time::Instant::now();
    while !store.join("CURRENT").exists() && start.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(700));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let before = documents(&store).len();
    let out = bin()
        .arg("build")
        .arg(&input)
        .arg("--store")
        .arg(&store)
        .arg("-q")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "rebuild after kill: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        documents(&store).len(),
        60,
        "every document is there after the second build (first had {before})"
    );
}

/// Characters `start..end` of `text`.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn a_large_file_is_built_in_segments_with_file_wide_offsets() {
    // Segments of 16 KiB instead of 8 MiB, so a modest file takes the large-file path.
    let dir = tempfile::tempdir().unwrap();
    let seed_text =
        std::fs::read_to_string(seed("be-federal-policy-note-digitalisation-2025.fr-nl.txt"))
            .unwrap();
    let text = seed_text.repeat(3);
    let file = dir.path().join("big-note.fr-nl.txt");
    std::fs::write(&file, &text).unwrap();
    let store = dir.path().join("store");
    let out = bin()
        .arg("build")
        .arg(&file)
        .arg("--store")
        .arg(&store)
        .arg("-q")
        .env("POLICYGRAPH_SEGMENT_BYTES", "16384")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(documents(&store), vec!["big-note.fr-nl.txt"]);
    // Every evidence selector points at its sentence in the whole file: the quoted text starts
    // with the same word as the file's characters at that offset, and the last third of the
    // file (the third copy, read in later segments) has facts too.
    let rows = query(
        &store,
        "SELECT ?start ?end ?quote WHERE { ?e oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end . ?e oa:hasSelector ?q . ?q oa:exact ?quote }",
        "tsv",
    );
    let chars = text.chars().count();
    let mut late = 0;
    let mut checked = 0;
    for row in rows.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let num = |s: &str| s.split('"').nth(1).unwrap_or(s).parse::<usize>().unwrap();
        let (start, end) = (num(cols[0]), num(cols[1]));
        assert!(
            start < end && end <= chars,
            "{start}..{end} outside {chars} characters"
        );
        let quote = cols[2].trim_start_matches('"');
        let first_word: String = quote.chars().take_while(|c| c.is_alphanumeric()).collect();
        let original = char_slice(&text, start, end);
        assert!(
            original.starts_with(&first_word),
            "offset {start} shows {:?}, the quote starts with {first_word:?}",
            original.chars().take(40).collect::<String>()
        );
        checked += 1;
        if start > chars * 2 / 3 {
            late += 1;
        }
    }
    assert!(checked > 30, "only {checked} evidence selectors");
    assert!(late > 10, "only {late} facts in the last segments");
}
