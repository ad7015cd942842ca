//! The normalisation stage: turns raw document text into the sentences a human reader sees —
//! Markdown/HTML residue removed, hyphenation and broken ligatures repaired, interleaved
//! columns de-interleaved into one thread per language — each sentence keeping the map back
//! to its bytes, characters and lines in the original file.

pub mod langid;
pub mod lines;
pub mod mapped;
pub mod sentences;
pub mod threads;
pub mod trigram_detector;
mod trigram_profiles;
pub mod word_set;
pub mod words;

pub use lines::Format;
pub use mapped::MappedText;

use crate::lang::Lang;
use serde::Serialize;

/// A normalised sentence with its provenance in the original file.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub text: String,
    /// Where each byte of `text` came from, as runs (see [`mapped::Run`]), counted from
    /// `map_base` (the offset of the file segment the sentence was read from).
    #[serde(skip)]
    pub runs: mapped::Runs,
    #[serde(skip)]
    pub map_base: usize,
    pub lang: Lang,
    /// 1-based line of the first character.
    pub line: usize,
    /// Original byte span (from the first to the last character, across any stitch).
    pub start_byte: usize,
    pub end_byte: usize,
    /// Original character (Unicode scalar) span, as used by `oa:TextPositionSelector`.
    pub start_char: usize,
    pub end_char: usize,
    pub heading: bool,
    /// Part of a list item.
    pub list_item: bool,
    /// Index of the paragraph (after de-interleaving) this sentence belongs to.
    pub paragraph: usize,
    /// The sentence was stitched from text in more than one place of the file.
    pub stitched: bool,
}

/// A document after normalisation.
#[derive(Debug, Clone, Serialize)]
pub struct Normalised {
    pub languages: Vec<Lang>,
    pub sentences: Vec<Sentence>,
}

/// Maps byte offsets of the original text to 1-based lines and character offsets.
pub struct Positions<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Characters before each block of [`POSITION_BLOCK`] bytes: a character offset counts
    /// only the bytes of its own block.
    chars_before_block: Vec<usize>,
}

/// Bytes per block of [`Positions`]' character counts.
const POSITION_BLOCK: usize = 64;

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut chars_before_block = Vec::with_capacity(bytes.len() / POSITION_BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(POSITION_BLOCK) {
            chars_before_block.push(chars);
            chars += words::char_starts(block);
        }
        chars_before_block.push(chars);
        Positions {
            text,
            line_starts,
            chars_before_block,
        }
    }

    fn line_index(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte) - 1
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, byte: usize) -> usize {
        self.line_index(byte) + 1
    }

    /// Character offset of a byte offset (a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        debug_assert!(self.text.is_char_boundary(byte));
        let block = byte / POSITION_BLOCK;
        self.chars_before_block[block]
            + words::char_starts(&self.text.as_bytes()[block * POSITION_BLOCK..byte])
    }
}

/// Normalises `original`. `languages` are the document's languages when known (manifest);
/// otherwise they are detected.
pub fn normalise(original: &str, format: Format, languages: Option<&[Lang]>) -> Normalised {
    // every offset must fit the maps' u32 (files beyond 4 GiB are read in segments): fail here,
    // with the reason, rather than deep inside a stage
    mapped::offset(original.len());
    let lines = lines::split_lines(original, format);
    let double = threads::is_double_spaced(&lines);
    let boundary = threads::boundaries(&lines, double);
    let texts: Vec<&str> = lines
        .iter()
        .filter(|l| l.kind == lines::LineKind::Text)
        .map(|l| l.text.text.as_str())
        .collect();
    let languages: Vec<Lang> = match languages {
        Some(l) if !l.is_empty() => l.to_vec(),
        _ => langid::document_languages(original, &texts, &boundary, double),
    };
    let langs = langid::label_lines(&texts, &boundary, &languages);
    let vocab = threads::vocabulary(&lines);
    let paragraphs = threads::paragraphs(lines, &langs, &boundary, &vocab);
    let pos = Positions::new(original);
    // most paragraphs are a sentence or two: the vector of large records rarely grows
    let mut sentences = Vec::with_capacity(paragraphs.len() * 2);
    for (pi, p) in paragraphs.iter().enumerate() {
        for s in sentences::split_mapped(&p.text) {
            if s.is_empty() {
                continue;
            }
            let (start_byte, end_byte) = s.orig_span(0, s.len(), original);
            sentences.push(Sentence {
                line: pos.line(start_byte),
                start_char: pos.char_offset(start_byte),
                end_char: pos.char_offset(end_byte),
                start_byte,
                end_byte,
                lang: p.lang,
                heading: p.heading,
                list_item: p.bullet,
                paragraph: pi,
                stitched: p.pieces > 1 && spans_gap(&s, original),
                text: s.text,
                runs: s.runs,
                map_base: 0,
            });
        }
    }
    Normalised {
        languages,
        sentences,
    }
}

/// Whether a sentence's bytes come from two places separated by more than a line break. Two
/// bytes side by side map more than four bytes apart only where a run starts (inside a run,
/// the next character's offset is the last one's plus its length, at most four).
fn spans_gap(s: &MappedText, original: &str) -> bool {
    s.runs.iter().skip(1).any(|&(at, next)| {
        let w = [s.orig(at as usize - 1), next as usize];
        w[1] > w[0] + 4
            && original
                .get(w[0]..w[1])
                .is_some_and(|gap| gap.chars().skip(1).any(|c| !c.is_whitespace() && c != '-'))
    })
}

impl Sentence {
    /// The original offset of every byte of the text, counted from `map_base`, one by one (for
    /// checks; [`Sentence::orig`] reads one).
    pub fn offsets(&self) -> Vec<usize> {
        mapped::offsets(&self.text, &self.runs)
    }

    /// The original byte offset (in the whole file) of the character at byte `i` of the text.
    pub fn orig(&self, i: usize) -> usize {
        self.map_base + mapped::lookup(&self.text, &self.runs, i)
    }

    /// The original byte span of the byte range `a..b` of this sentence's text; `original` is
    /// the whole file's text.
    pub fn orig_span(&self, a: usize, b: usize, original: &str) -> (usize, usize) {
        let segment = &original[self.map_base..];
        let (start, end) = mapped::orig_span(&self.text, &self.runs, a, b, segment);
        (start + self.map_base, end + self.map_base)
    }
}

#[cfg(test)]
mod tests;
