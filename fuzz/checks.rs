//! The invariants the `normalise_extract` fuzz target checks, shared with the replay test in
//! tests/properties.rs (`#[path]`-included there), so that the corpus and the fixed regressions
//! are checked by `cargo test` on the stable toolchain too. See fuzz/README.md.

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use policygraph::document::{Document, ManifestEntry};
use policygraph::extract::{self, mentions, Evidence};
use policygraph::gazetteer::Gazetteer;
use policygraph::normalise::Sentence;
use policygraph::pipeline;
use policygraph::rdf::Minter;
use policygraph::read;
use std::sync::LazyLock;

static MINTER: LazyLock<Minter> = LazyLock::new(Minter::default);

/// Reads `data` as a file would be read, then checks the pipeline on it as text and Markdown.
pub fn check_input(data: &[u8]) {
    // the read stage: binary input is refused, anything else becomes text
    let Ok((text, _fallback)) = read::decode(data.to_vec()) else {
        return;
    };
    if text.trim().is_empty() {
        return; // read_document skips empty files
    }
    // the languages as a manifest would give them, or none (detected); chosen by the input's
    // length so that every input always takes the same path
    let languages = ["", "fr;nl", "nl fr", "en", "de"][data.len() % 5];
    let manifest = ManifestEntry {
        file: String::new(),
        title: String::new(),
        publisher: String::new(),
        year: String::new(),
        languages: languages.to_string(),
        genre: String::new(),
    };
    let manifest = (!languages.is_empty()).then_some(&manifest);
    for name in ["fuzz.txt", "fuzz.md"] {
        check(Document::new(name, text.clone(), manifest));
    }
}

/// Runs normalise → extract → RDF mapping on one document and checks what they report.
pub fn check(doc: Document) {
    let gaz = Gazetteer::bundled();
    let text = doc.text.clone();
    let p = pipeline::process(doc, gaz, &MINTER);
    for s in &p.sentences {
        check_sentence(s, &text);
    }
    // mentions are offsets into a sentence's text
    for (s, sm) in p
        .sentences
        .iter()
        .zip(mentions::find_all(&p.doc, &p.sentences, gaz))
    {
        for m in &sm.mentions {
            assert!(
                m.start <= m.end && m.end <= s.text.len(),
                "mention {m:?} outside {s:?}"
            );
            assert!(
                s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end),
                "mention {m:?} not on char boundaries of {:?}",
                s.text
            );
            let (a, b) = s.orig_span(m.start, m.end, &text);
            assert!(a <= b && b <= text.len(), "mention {m:?} maps to {a}..{b}");
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        }
    }
    // every piece of evidence quotes one sentence, with that sentence's offsets
    let ex = &p.extraction;
    let evidence = ex
        .responsibilities
        .iter()
        .map(|r| &r.evidence)
        .chain(ex.deadlines.iter().map(|d| &d.evidence))
        .chain(ex.transpositions.iter().map(|t| &t.evidence))
        .chain(ex.stewardships.iter().map(|s| &s.evidence));
    for e in evidence {
        assert!(
            p.sentences.iter().any(|s| Evidence::of(s) == *e),
            "evidence quotes no sentence: {e:?}"
        );
    }
    for d in &ex.deadlines {
        assert!(
            d.evidence.text.contains(d.expression.as_str()),
            "deadline expression {:?} not in its evidence {:?}",
            d.expression,
            d.evidence.text
        );
    }
    // the graph serialises as N-Quads and reads back to the same number of quads
    let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in p.graph.quads() {
        ser.serialize_quad(q).expect("serialise quad");
    }
    let out = ser.finish().expect("finish N-Quads");
    let back = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&out)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("N-Quads do not parse back: {e}"));
    assert_eq!(back.len(), p.graph.len());
    // a second run gives the same facts (no hidden state)
    let again = extract::extract(&p.doc, &p.sentences, gaz);
    assert_eq!(again.responsibilities, ex.responsibilities);
    assert_eq!(again.deadlines, ex.deadlines);
}

fn check_sentence(s: &Sentence, text: &str) {
    assert!(!s.text.is_empty(), "empty sentence {s:?}");
    assert!(
        policygraph::normalise::mapped::well_formed(&s.text, &s.runs),
        "map of {s:?}"
    );
    assert!(
        s.start_byte <= s.end_byte && s.end_byte <= text.len(),
        "span of {s:?}"
    );
    assert!(
        text.is_char_boundary(s.start_byte) && text.is_char_boundary(s.end_byte),
        "span of {s:?} not on char boundaries"
    );
    assert_eq!(
        s.start_char,
        text[..s.start_byte].chars().count(),
        "start_char of {s:?}"
    );
    assert_eq!(
        s.end_char,
        text[..s.end_byte].chars().count(),
        "end_char of {s:?}"
    );
    assert_eq!(
        s.line,
        text[..s.start_byte].matches('\n').count() + 1,
        "line of {s:?}"
    );
    assert_eq!(
        (s.start_byte, s.end_byte),
        s.orig_span(0, s.text.len(), text)
    );
    // the text reads forward through the original (a stitch jumps ahead over the other column)
    assert!(
        s.offsets().windows(2).all(|w| w[0] <= w[1]),
        "map of {s:?} goes backwards"
    );
    // every byte maps to a character of the original; a letter or digit to the same one (or to
    // the ligature it was spelled with)
    for (i, c) in s.text.char_indices() {
        for k in 0..c.len_utf8() {
            let o = s.orig(i + k);
            assert!(
                o < text.len() && text.is_char_boundary(o),
                "map[{}] = {o} in {s:?}",
                i + k
            );
        }
        if c.is_alphanumeric() {
            let o = s.orig(i);
            let d = text[o..].chars().next().unwrap();
            let ligature = matches!(d, '\u{fb00}' | '\u{fb01}' | '\u{fb02}') && "fil".contains(c);
            assert!(
                d == c || ligature,
                "{c:?} at byte {i} of {:?} maps to {d:?} at {o}",
                s.text
            );
        }
    }
}
