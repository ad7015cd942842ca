//! Property tests: the reading and extraction stages never panic, and every offset they report
//! points inside the document, whatever the text.

use policygraph::document::Document;
use policygraph::gazetteer::Gazetteer;
use policygraph::normalise::{normalise, Format};
use policygraph::{extract, lang::Lang};
use proptest::prelude::*;

/// Text made of the pieces that make real documents hard: both languages, hyphens at line
/// ends, broken ligatures, Markdown, page starts, citations, dates, odd Unicode.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(
            "Le règlement (UE) 2016/679 est appliqué par l'IBPT d'ici le 2 août 2025. ".to_string()
        ),
        Just("Het BIPT houdt toezicht op de DSA vanaf 11 septem-\nber 2026 ".to_string()),
        Just("identifi catie en fl orissant ".to_string()),
        Just("\n\n".to_string()),
        Just("\n ".to_string()),
        Just(" \n".to_string()),
        Just("[link](#) **bold** \\(EU\\) <li>item</li>\t".to_string()),
        Just("— ".to_string()),
        Just("je veillerai à: ".to_string()),
        Just("ik zal ".to_string()),
        Just("é’ﬁ\u{a0}\u{ad}\u{fffd}".to_string()),
        "\\PC{0,40}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn offsets_stay_inside_the_document(text in messy_text(), md in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Text };
        let n = normalise(&text, format, Some(&[Lang::Fr, Lang::Nl]));
        let chars = text.chars().count();
        for s in &n.sentences {
            prop_assert!(s.start_byte <= s.end_byte && s.end_byte <= text.len());
            prop_assert!(text.is_char_boundary(s.start_byte) && text.is_char_boundary(s.end_byte));
            prop_assert!(s.start_char <= s.end_char && s.end_char <= chars);
            prop_assert!(s.line >= 1 && s.line <= text.split('\n').count());
            prop_assert!(policygraph::normalise::mapped::well_formed(&s.text, &s.runs));
            prop_assert!(s.offsets().iter().all(|&o| o < text.len()));
        }
    }

    #[test]
    fn extraction_never_panics(text in messy_text()) {
        let doc = Document::new("prop.fr-nl.txt", text, None);
        let n = normalise(&doc.text, doc.format, Some(&[Lang::Fr, Lang::Nl]));
        let ex = extract::extract(&doc, &n.sentences, Gazetteer::bundled());
        for r in &ex.responsibilities {
            prop_assert!(r.evidence.end_char <= doc.text.chars().count());
        }
    }

    #[test]
    fn any_unicode_string_is_read_without_panic(text in "\\PC{0,300}") {
        let _ = normalise(&text, Format::Text, None);
        let _ = normalise(&text, Format::Markdown, Some(&[Lang::En]));
    }
}

/// The fuzz target's checks (fuzz/checks.rs), replayed on stable over the fuzz corpus kept in
/// the repository: each file is read as bytes, as text and as Markdown.
#[path = "../fuzz/checks.rs"]
mod fuzz_checks;

#[test]
fn the_fuzz_corpus_passes_the_fuzz_checks() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/normalise_extract");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        eprintln!("checking {}", f.display());
        fuzz_checks::check_input(&bytes);
    }
}
