//! The read stage: finds the input files, decodes them (UTF-8, else Windows-1252 with a
//! warning), refuses binary files, and attaches the corpus manifest's metadata.

use crate::document::{Document, ManifestEntry};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// File extensions we read.
pub const SUPPORTED: &[&str] = &["txt", "text", "md", "markdown"];

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

/// Decodes bytes as text: UTF-8, else Windows-1252. Returns the text and whether it fell back.
pub fn decode(bytes: &[u8]) -> Result<(String, bool), Skip> {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    if sample.contains(&0) {
        return Err(Skip::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), false)),
        Err(_) => {
            let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
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
    let (text, fallback) = match decode(&bytes) {
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
    let warning = fallback.then(|| {
        "not valid UTF-8: decoded as Windows-1252; check the accents in the output".to_string()
    });
    Ok(ReadOutcome::Document {
        doc: Document::new(name, text, manifest),
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_falls_back_to_windows_1252_and_refuses_binary() {
        assert_eq!(
            decode("été".as_bytes()).unwrap(),
            ("été".to_string(), false)
        );
        assert_eq!(
            decode(b"\xe9t\xe9 \x80").unwrap(),
            ("été €".to_string(), true)
        );
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(Skip::Binary));
    }
}
