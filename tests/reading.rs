//! The reading stage on the real bilingual seeds: the French and Dutch threads of a policy note
//! say the same things, and sentence languages agree with a hand-annotated sample.

use policygraph::extract::Body;
use policygraph::gazetteer::Gazetteer;
use policygraph::pipeline;
use policygraph::rdf::Minter;
use policygraph::read::{self, ReadOutcome};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

fn processed(name: &str) -> pipeline::Processed {
    let path = seed(name);
    let manifests = read::manifests(std::slice::from_ref(&path));
    let ReadOutcome::Document { doc, .. } =
        read::read_document(&path, manifests.get(&path)).unwrap()
    else {
        panic!("seed skipped")
    };
    pipeline::process(doc, Gazetteer::bundled(), &Minter::default())
}

/// (body, act) pairs found in the sentences of one language.
fn pairs(p: &pipeline::Processed, lang: &str) -> BTreeSet<(String, String)> {
    let gaz = Gazetteer::bundled();
    p.extraction
        .responsibilities
        .iter()
        .filter(|r| r.evidence.lang.code() == lang)
        .map(|r| {
            let body = match &r.body {
                Body::Known(i) => gaz.agencies[*i].id.clone(),
                Body::Signatory(_) => "signatory".into(),
                Body::Unknown(l) => l.to_lowercase(),
            };
            (body, r.act.key.celex())
        })
        .collect()
}

#[test]
fn french_and_dutch_halves_of_the_2025_note_agree() {
    let p = processed("be-federal-policy-note-digitalisation-2025.fr-nl.txt");
    let fr = pairs(&p, "fr");
    let nl = pairs(&p, "nl");
    let union: BTreeSet<_> = fr.union(&nl).cloned().collect();
    let inter = fr.intersection(&nl).count();
    let jaccard = inter as f64 / union.len() as f64;
    assert!(union.len() >= 10, "only {} facts", union.len());
    assert!(
        jaccard >= 0.9,
        "Jaccard {jaccard:.2}: FR only {:?}, NL only {:?}",
        fr.difference(&nl).collect::<Vec<_>>(),
        nl.difference(&fr).collect::<Vec<_>>()
    );
}

#[test]
fn sentence_languages_match_the_annotated_sample() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/languages.tsv");
    let text = std::fs::read_to_string(&gold).expect("tests/gold/languages.tsv");
    let mut docs = std::collections::HashMap::new();
    let (mut total, mut right) = (0usize, 0usize);
    let mut wrong = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, at, snippet, lang) =
            (cols[0], cols[1].parse::<usize>().unwrap(), cols[2], cols[3]);
        let p = docs
            .entry(file.to_string())
            .or_insert_with(|| processed(file));
        // the snippet is raw text: give it the same ligature repair the sentences had
        let norm = |s: &str| {
            let mut m = policygraph::normalise::MappedText::new();
            s.replace('\u{2019}', "'")
                .chars()
                .for_each(|c| m.push(c, 0));
            policygraph::normalise::threads::repair_ligatures(&mut m);
            m.text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        };
        // the sentence that starts there, else the one that contains the snippet near that line
        let found = p
            .sentences
            .iter()
            .find(|s| s.line == at && norm(&s.text) == norm(snippet))
            .or_else(|| {
                p.sentences.iter().find(|s| {
                    s.line.abs_diff(at) <= 3
                        && s.text.replace('\u{2019}', "'").contains(&norm(snippet))
                })
            });
        total += 1;
        match found {
            Some(s) if s.lang.code() == lang => right += 1,
            Some(s) => wrong.push(format!(
                "{file}:{at} {snippet:?}: {} instead of {lang}",
                s.lang
            )),
            None => wrong.push(format!("{file}:{at} {snippet:?}: no sentence starts there")),
        }
    }
    assert!(total >= 100, "the sample has only {total} sentences");
    let accuracy = right as f64 / total as f64;
    assert!(
        accuracy >= 0.98,
        "accuracy {accuracy:.3} on {total} sentences; wrong: {wrong:#?}"
    );
}

/// A double-spaced bilingual transcript read without its manifest: its languages are detected
/// (French and Dutch, as the manifest says), its sentences get the languages they get with the
/// manifest, and its graph states the languages detected.
#[test]
fn a_transcript_without_its_manifest_reads_as_with_it() {
    let name = "be-chamber-committee-digital-agenda-2021-06-02.fr-nl.txt";
    let with = processed(name);
    let path = seed(name);
    let ReadOutcome::Document { doc, .. } = read::read_document(&path, None).unwrap() else {
        panic!("seed skipped")
    };
    assert!(doc.languages.is_empty(), "no manifest, no languages yet");
    let without = pipeline::process(doc, Gazetteer::bundled(), &Minter::default());
    assert_eq!(without.doc.languages, with.doc.languages);
    let langs = |p: &pipeline::Processed| -> Vec<(usize, &'static str)> {
        p.sentences
            .iter()
            .map(|s| (s.start_byte, s.lang.code()))
            .collect()
    };
    assert_eq!(langs(&without), langs(&with));
    let stated: BTreeSet<String> = without
        .graph
        .quads()
        .filter(|q| q.predicate.as_str() == "http://purl.org/dc/terms/language")
        .map(|q| q.object.to_string())
        .collect();
    assert_eq!(
        stated,
        BTreeSet::from(["\"fr\"".to_string(), "\"nl\"".to_string()])
    );
}
