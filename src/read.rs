//! The read stage: finds the input files, decodes them (UTF-8, else Windows-1252 with a
//! warning), refuses binary files, and attaches the corpus manifest's metadata.

use crate::document::{Document, ManifestEntry};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// File extensions we read.
pub const SUPPORTED: &[&str] = &["txt", "text", "md", "markdown"];

/// The warning for a file that was not valid UTF-8 and was decoded as Windows-1252.
pub const FALLBACK_WARNING: &str =
    "not valid UTF-8: decoded as Windows-1252; check the accents in the output";

/// Whether the file's extension is one we read.
pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUPPORTED.contains(&e.to_ascii_lowercase().as_str()))
}

/// Why an input file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Unsupported(String),
    Binary,
    Empty,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Unsupported(ext) => write!(
                f,
                "unsupported file type '.{ext}', skipped (policygraph reads {})",
                SUPPORTED.join(", ")
            ),
            Skip::Binary => write!(
                f,
                "binary file, skipped (convert it to text first, e.g. with pdftotext)"
            ),
            Skip::Empty => write!(f, "empty file, no graph written"),
        }
    }
}

/// Expands files and folders (recursively, sorted) into the list of candidate files.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p)
            .with_context(|| format!("cannot read {}: no such file or folder", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        let name = e.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.')
            || name.eq_ignore_ascii_case("MANIFEST.csv")
            || name.eq_ignore_ascii_case("README.md")
        {
            continue;
        }
        if e.is_dir() {
            walk(&e, out)?;
        } else {
            out.push(e);
        }
    }
    Ok(())
}

/// The manifest rows of every folder that holds inputs, by file name.
pub fn manifests(files: &[PathBuf]) -> HashMap<PathBuf, ManifestEntry> {
    let mut out = HashMap::new();
    let mut dirs: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let m = d.join("MANIFEST.csv");
        let Ok(mut rdr) = csv::Reader::from_path(&m) else {
            continue;
        };
        for row in rdr.deserialize::<ManifestEntry>().flatten() {
            out.insert(d.join(&row.file), row);
        }
    }
    out
}

/// Decodes bytes as text: UTF-8 (kept in place, without a copy), else Windows-1252. Returns
/// the text and whether it fell back.
pub fn decode(mut bytes: Vec<u8>) -> Result<(String, bool), Skip> {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    if sample.contains(&0) {
        return Err(Skip::Binary);
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, false)),
        Err(e) => {
            let text: String = e.as_bytes().iter().map(|&b| windows_1252(b)).collect();
            let controls = text
                .chars()
                .filter(|c| c.is_control() && !c.is_whitespace())
                .count();
            if controls * 20 > text.len().max(1) {
                return Err(Skip::Binary);
            }
            Ok((text, true))
        }
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The outcome of reading one file.
// a skip is the rare case: boxing the document would cost every read an allocation
#[allow(clippy::large_enum_variant)]
pub enum ReadOutcome {
    Document {
        doc: Document,
        warning: Option<String>,
    },
    Skipped(Skip),
}

/// Reads one file into a document.
pub fn read_document(path: &Path, manifest: Option<&ManifestEntry>) -> Result<ReadOutcome> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !SUPPORTED.contains(&ext.as_str()) {
        return Ok(ReadOutcome::Skipped(Skip::Unsupported(ext)));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (text, fallback) = match decode(bytes) {
        Ok(x) => x,
        Err(skip) => return Ok(ReadOutcome::Skipped(skip)),
    };
    if text.trim().is_empty() {
        return Ok(ReadOutcome::Skipped(Skip::Empty));
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("document.txt");
    let warning = fallback.then(|| FALLBACK_WARNING.to_string());
    Ok(ReadOutcome::Document {
        doc: Document::new(name, text, manifest),
        warning,
    })
}

/// Files larger than this are read in segments of about this size, so that memory stays bounded
/// by a few segments whatever the size of the file (or of its lines).
pub const SEGMENT_BYTES: usize = 8 << 20;

/// The segment size in use: [`SEGMENT_BYTES`], or `$POLICYGRAPH_SEGMENT_BYTES` (for tests and
/// for machines with little memory).
pub fn segment_bytes() -> usize {
    static SIZE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SIZE.get_or_init(|| {
        std::env::var("POLICYGRAPH_SEGMENT_BYTES")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .filter(|&n: &usize| n >= 1024)
            .unwrap_or(SEGMENT_BYTES)
    })
}

/// One piece of a large file, cut at a paragraph break where possible (else at a line break,
/// else at a space, else at a character boundary), with its place in the whole file.
pub struct Segment {
    pub text: String,
    /// Bytes, characters and lines of the file before this segment.
    pub byte_base: usize,
    pub char_base: usize,
    pub line_base: usize,
    /// Decoded as Windows-1252 (not valid UTF-8).
    pub fallback: bool,
}

/// Reads a large file segment by segment (see [`SEGMENT_BYTES`]); holds at most one segment.
pub struct SegmentReader {
    file: std::io::BufReader<std::fs::File>,
    carry: Vec<u8>,
    segment_bytes: usize,
    byte_base: usize,
    char_base: usize,
    line_base: usize,
    done: bool,
}

impl SegmentReader {
    pub fn open(path: &Path, segment_bytes: usize) -> Result<Self> {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(SegmentReader {
            file: std::io::BufReader::new(file),
            carry: Vec::new(),
            segment_bytes: segment_bytes.max(64),
            byte_base: 0,
            char_base: 0,
            line_base: 0,
            done: false,
        })
    }

    /// The next segment, `Ok(None)` at the end, or `Err(Skip::Binary)` for a binary file.
    pub fn next_segment(&mut self) -> Result<Option<Result<Segment, Skip>>> {
        use std::io::Read;
        if self.done && self.carry.is_empty() {
            return Ok(None);
        }
        let want = self.segment_bytes + self.segment_bytes / 4;
        if self.carry.len() < want && !self.done {
            let mut more = Vec::with_capacity(want - self.carry.len());
            (&mut self.file)
                .take((want - self.carry.len()) as u64)
                .read_to_end(&mut more)?;
            if more.is_empty() {
                self.done = true;
            }
            self.carry.extend_from_slice(&more);
            if self.carry.len() < want {
                self.done = true;
            }
        }
        let cut = if self.done {
            self.carry.len()
        } else {
            cut_point(&self.carry, self.segment_bytes)
        };
        let rest = self.carry.split_off(cut);
        let mut bytes = std::mem::replace(&mut self.carry, rest);
        if self.byte_base == 0 && bytes.starts_with(b"\xef\xbb\xbf") {
            bytes.drain(..3);
            self.byte_base = 3;
        }
        let byte_base = self.byte_base;
        self.byte_base += bytes.len();
        let (text, fallback) = match decode(bytes) {
            Ok(x) => x,
            Err(skip) => return Ok(Some(Err(skip))),
        };
        let segment = Segment {
            byte_base,
            char_base: self.char_base,
            line_base: self.line_base,
            fallback,
            text,
        };
        self.char_base += segment.text.chars().count();
        self.line_base += segment.text.matches('\n').count();
        Ok(Some(Ok(segment)))
    }
}

/// Where to end a segment of about `target` bytes: after the last paragraph break in the
/// second half of the window, else the last line break, else the last space, else at the last
/// UTF-8 character boundary before `target` (never inside a character).
fn cut_point(bytes: &[u8], target: usize) -> usize {
    let window = &bytes[..bytes.len().min(target + target / 4)];
    let floor = target / 2;
    let last = |pat: &[u8]| {
        window
            .windows(pat.len())
            .rposition(|w| w == pat)
            .map(|i| i + pat.len())
            .filter(|&i| i > floor)
    };
    last(b"\n\n")
        .or_else(|| last(b"\n"))
        .or_else(|| last(b" "))
        .unwrap_or_else(|| {
            let mut i = target.min(bytes.len());
            while i > 0 && i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
                i -= 1;
            }
            i
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_file_exactly_and_cut_at_breaks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(&format!("Paragraphe {i} : l'IBPT contrôle le règlement.\n"));
            if i % 7 == 0 {
                text.push('\n');
            }
        }
        text.push_str(&"é".repeat(300)); // a long run without any break, cut inside it
        std::fs::write(&path, &text).unwrap();
        let mut r = SegmentReader::open(&path, 1000).unwrap();
        let mut joined = String::new();
        let mut n = 0;
        while let Some(seg) = r.next_segment().unwrap() {
            let seg = seg.unwrap();
            assert_eq!(seg.byte_base, joined.len());
            assert_eq!(seg.char_base, joined.chars().count());
            assert_eq!(seg.line_base, joined.matches('\n').count());
            assert!(
                seg.text.len() <= 1250,
                "segment of {} bytes",
                seg.text.len()
            );
            joined.push_str(&seg.text);
            n += 1;
        }
        assert_eq!(joined, text);
        assert!(n > 10);
    }

    #[test]
    fn a_single_huge_line_is_cut_at_spaces_or_characters() {
        assert_eq!(cut_point(b"aaaa bbbb cccc dddd", 12), 15); // after "cccc "
        let e = "é".repeat(20); // 2 bytes each, no break anywhere
        let c = cut_point(e.as_bytes(), 15);
        assert!(e.is_char_boundary(c) && c > 0 && c <= 15);
    }

    #[test]
    fn decoding_falls_back_to_windows_1252_and_refuses_binary() {
        assert_eq!(
            decode("été".as_bytes().to_vec()).unwrap(),
            ("été".to_string(), false)
        );
        assert_eq!(
            decode(b"\xe9t\xe9 \x80".to_vec()).unwrap(),
            ("été €".to_string(), true)
        );
        assert_eq!(decode(b"PK\x03\x04\x00\x00".to_vec()), Err(Skip::Binary));
        // a byte-order mark is not text, in UTF-8 and in the fallback alike
        assert_eq!(
            decode(b"\xef\xbb\xbf\xc3\xa9t\xc3\xa9".to_vec()).unwrap(),
            ("été".to_string(), false)
        );
        assert_eq!(
            decode(b"\xef\xbb\xbf\xe9t\xe9".to_vec()).unwrap(),
            ("été".to_string(), true)
        );
    }
}
