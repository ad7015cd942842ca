//! Exports in bounded memory (every format; Turtle and TriG beyond a size): the store's
//! statements as text lines, sorted in runs that spill to a temporary file and are merged on
//! the way out, each line once (an external merge sort). A 1 GB corpus's store holds 18 million
//! quads; gathered in memory and sorted they took over 20 GB, as runs they take about
//! [`RUN_BYTES`] (plus the statements with blank nodes, which are canonicalised together: a few
//! in a built store).
//!
//! N-Quads, N-Triples, RDF/XML and JSON-LD come out byte for byte as from the in-memory path
//! ([`super::write_quads`] on [`super::stable_quads`]): the same canonical blank-node labels,
//! the same order (of the statements' text), each statement once. Turtle and TriG are read
//! back line by line into sophia's streaming serialisers.

use super::{relabel_blank_nodes, statements, touches_bnode, ExportFormat};
use anyhow::{anyhow, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Triple};
use oxigraph::store::Store;
use sophia::api::parser::{QuadParser, TripleParser};
use sophia::api::quad::Spog;
use sophia::api::serializer::{QuadSerializer, TripleSerializer};
use sophia::api::source::{QuadSource, StreamError, TripleSource};
use sophia::api::term::SimpleTerm;
use sophia::turtle::parser::nq::NQuadsParser;
use sophia::turtle::parser::nt::NTriplesParser;
use sophia::turtle::serializer::trig::TriGSerializer;
use sophia::turtle::serializer::turtle::TurtleSerializer;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};

/// Text gathered before a run is sorted and spilled to a temporary file.
pub const RUN_BYTES: usize = 64 << 20;

/// The run size in use: [`RUN_BYTES`], or `$POLICYGRAPH_EXPORT_RUN_BYTES` (for tests, or a
/// machine with little memory).
pub fn run_bytes() -> usize {
    std::env::var("POLICYGRAPH_EXPORT_RUN_BYTES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(RUN_BYTES)
}

/// Whether `format` is always exported in bounded memory, in the order of the in-memory path
/// and so byte for byte as it: N-Quads and N-Triples, and RDF/XML and JSON-LD (written by
/// Oxigraph from the statements in that order).
pub fn is_sorted_format(format: ExportFormat) -> bool {
    matches!(
        format,
        ExportFormat::Nquads | ExportFormat::Ntriples | ExportFormat::Rdfxml | ExportFormat::Jsonld
    )
}

/// Sorted runs of lines. The current run is one buffer of text and the spans of its lines (so a
/// run takes its text's size in memory); full runs are sorted and written one after another to
/// a single anonymous temporary file (one file handle whatever the export's size: RocksDB may
/// take all the others).
struct Runs {
    run_bytes: usize,
    text: String,
    spans: Vec<(usize, usize)>,
    file: Option<BufWriter<File>>,
    /// Byte ranges of the spilled runs in the file.
    spilled: Vec<(u64, u64)>,
    written: u64,
}

/// What to say when the temporary file fails (a full disk, an unwritable directory).
fn temp_context(action: &str) -> String {
    format!(
        "cannot {action} the export's sorted runs in a temporary file in {} (set TMPDIR to a directory on a disk with room: about the size of the export as N-Quads, a little more for TriG)",
        std::env::temp_dir().display()
    )
}

impl Runs {
    fn new(run_bytes: usize) -> Runs {
        Runs {
            run_bytes,
            text: String::with_capacity(run_bytes.min(RUN_BYTES) + 4096),
            spans: Vec::new(),
            file: None,
            spilled: Vec::new(),
            written: 0,
        }
    }

    fn push(&mut self, line: impl std::fmt::Display) -> Result<()> {
        let start = self.text.len();
        write!(self.text, "{line}").expect("writing to a String");
        self.spans.push((start, self.text.len()));
        if self.text.len() >= self.run_bytes {
            self.spill().with_context(|| temp_context("write"))?;
        }
        Ok(())
    }

    /// Sorts the current run's spans by their text and drops repeated lines.
    fn sort_current(&mut self) {
        let text = &self.text;
        self.spans
            .sort_unstable_by(|a, b| text[a.0..a.1].cmp(&text[b.0..b.1]));
        self.spans.dedup_by(|a, b| text[a.0..a.1] == text[b.0..b.1]);
    }

    fn spill(&mut self) -> Result<()> {
        self.sort_current();
        if self.file.is_none() {
            self.file = Some(BufWriter::new(tempfile::tempfile()?));
        }
        let w = self.file.as_mut().expect("just created");
        let start = self.written;
        for &(a, b) in &self.spans {
            w.write_all(&self.text.as_bytes()[a..b])?;
            w.write_all(b"\n")?;
            self.written += (b - a) as u64 + 1;
        }
        self.spilled.push((start, self.written));
        self.text.clear();
        self.spans.clear();
        Ok(())
    }

    /// The lines of all runs in order, each distinct line once.
    fn merged(mut self) -> Result<Merged> {
        self.sort_current();
        let file = match self.file.take() {
            Some(w) => Some(
                w.into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| temp_context("write"))?,
            ),
            None => None,
        };
        let mut merged = Merged {
            readers: self
                .spilled
                .iter()
                .map(|&(start, end)| RunReader {
                    next: start,
                    end,
                    buf: Vec::new(),
                    at: 0,
                })
                .collect(),
            file,
            text: self.text,
            spans: self.spans.into_iter(),
            heap: BinaryHeap::new(),
        };
        for i in 0..=merged.readers.len() {
            merged
                .advance(i)
                .with_context(|| temp_context("read back"))?;
        }
        Ok(merged)
    }
}

/// Bytes read from a spilled run at a time.
const READ_CHUNK: usize = 64 << 10;

/// Reads one spilled run's lines from the shared file, by position.
struct RunReader {
    next: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
}

impl RunReader {
    fn next_line(&mut self, file: &File) -> std::io::Result<Option<String>> {
        loop {
            if let Some(i) = self.buf[self.at..].iter().position(|&b| b == b'\n') {
                let line = String::from_utf8(self.buf[self.at..self.at + i].to_vec())
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
                self.at += i + 1;
                return Ok(Some(line));
            }
            if self.next >= self.end {
                return Ok(None);
            }
            self.buf.drain(..self.at);
            self.at = 0;
            let want = READ_CHUNK.min((self.end - self.next) as usize);
            let old = self.buf.len();
            self.buf.resize(old + want, 0);
            read_exact_at(file, &mut self.buf[old..], self.next)?;
            self.next += want as u64;
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut at: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

/// The merge of sorted runs: the heap holds the next line of every run; run `i` is the `i`th
/// spilled one, and the in-memory run comes after them.
struct Merged {
    readers: Vec<RunReader>,
    file: Option<File>,
    text: String,
    spans: std::vec::IntoIter<(usize, usize)>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
}

impl Merged {
    /// Puts the next line of run `i` on the heap.
    fn advance(&mut self, i: usize) -> std::io::Result<()> {
        let next = match (self.readers.get_mut(i), &self.file) {
            (Some(r), Some(file)) => r.next_line(file)?,
            _ => self.spans.next().map(|(a, b)| self.text[a..b].to_string()),
        };
        if let Some(line) = next {
            self.heap.push(Reverse((line, i)));
        }
        Ok(())
    }
}

impl Iterator for Merged {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((line, mut i)) = self.heap.pop()?;
        // every run holds a line once, so a run's next line sorts after this one: the copies
        // of this line in other runs are what remains at the top of the heap
        loop {
            if let Err(e) = self.advance(i) {
                return Some(Err(anyhow::Error::new(e).context(temp_context("read back"))));
            }
            match self.heap.peek() {
                Some(Reverse((l, _))) if *l == line => {
                    i = self.heap.pop().expect("peeked").0 .1;
                }
                _ => return Some(Ok(line)),
            }
        }
    }
}

/// How a statement becomes a line to sort.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    /// Its N-Quads line.
    Quad,
    /// The N-Triples line of its triple (the union of the graphs).
    Triple,
    /// Its graph name, a tab, then its N-Quads line: sorted by graph, then by subject.
    GraphFirst,
}

/// The statements of the store (without the derived summary) or of one named graph as sorted
/// runs of lines (see [`Key`]). Statements with blank nodes (only the ontology has a few in a
/// built store) are kept aside until the end, when their canonical labels are known.
fn gather(store: &Store, graph: Option<&NamedNode>, key: Key, run_bytes: usize) -> Result<Runs> {
    let mut runs = Runs::new(run_bytes);
    let mut with_bnodes = Vec::new();
    let push = |runs: &mut Runs, q: Quad| match key {
        Key::Quad => runs.push(q),
        Key::Triple => runs.push(Triple::from(q)),
        // graph names (IRIs, blank nodes, DEFAULT) hold no tab
        Key::GraphFirst => runs.push(format_args!("{}\t{q}", q.graph_name)),
    };
    for q in statements(store, graph)? {
        let q = q?;
        if touches_bnode(&q) {
            with_bnodes.push(q);
        } else {
            push(&mut runs, q)?;
        }
    }
    for q in relabel_blank_nodes(with_bnodes)? {
        push(&mut runs, q)?;
    }
    Ok(runs)
}

/// Exports the store (without the derived summary) or one named graph in a format of
/// [`is_sorted_format`], in bounded memory: N-Quads and N-Triples lines are written as they
/// come; for RDF/XML and JSON-LD each line is read back by Oxigraph and handed to its
/// serialiser, declaring `prefixes`.
pub fn export_sorted(
    store: &Store,
    graph: Option<&NamedNode>,
    format: ExportFormat,
    prefixes: &[(&str, &str)],
    run_bytes: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let key = if format.keeps_graphs() {
        Key::Quad
    } else {
        Key::Triple
    };
    let lines = gather(store, graph, key, run_bytes)?.merged()?;
    if matches!(format, ExportFormat::Nquads | ExportFormat::Ntriples) {
        for line in lines {
            w.write_all(line?.as_bytes())?;
            w.write_all(b" .\n")?;
        }
        w.flush()?;
        return Ok(());
    }
    let mut ser = super::oxigraph_serializer(format, prefixes)?.for_writer(&mut *w);
    for line in lines {
        let line = line?;
        let quad = RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(format!("{line} .\n").as_bytes())
            .next()
            .with_context(|| format!("not a statement: {line}"))?
            .with_context(|| format!("cannot read back the statement {line}"))?;
        if format.keeps_graphs() {
            ser.serialize_quad(&quad)?;
        } else {
            ser.serialize_triple(&Triple::from(quad))?;
        }
    }
    ser.finish()?;
    w.flush()?;
    Ok(())
}

/// Exports the store (without the derived summary) or one named graph as Turtle, in bounded
/// memory: the union of the graphs as sorted N-Triples lines (so each subject's statements are
/// together, then each predicate's), read back one by one into sophia's streaming Turtle
/// serialiser — prefixes, subjects grouped, predicates factored; blank nodes keep their
/// canonical labels.
pub fn export_turtle(
    store: &Store,
    graph: Option<&NamedNode>,
    prefixes: &[(&str, &str)],
    run_bytes: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let runs = gather(store, graph, Key::Triple, run_bytes)?;
    let triples = runs.merged()?.map(|line| {
        read_back(line, whole_line, |text| {
            NTriplesParser::new()
                .with_preserve_bn_labels(true)
                .parse_str(text)
                .collect_triples::<Vec<[SimpleTerm<'static>; 3]>>()
        })
    });
    let config = super::pretty_config(prefixes)?.with_pretty(false);
    let result = TurtleSerializer::new_with_config(&mut *w, config)
        .serialize_triples(triples)
        .map(|_| ());
    finish(result, "Turtle", w)
}

/// Exports the store (without the derived summary) or one named graph as TriG, in bounded
/// memory: the statements sorted by graph, then by their N-Quads text, read back one by one into
/// sophia's streaming TriG serialiser — one block per graph, subjects grouped, predicates
/// factored.
pub fn export_trig(
    store: &Store,
    graph: Option<&NamedNode>,
    prefixes: &[(&str, &str)],
    run_bytes: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let runs = gather(store, graph, Key::GraphFirst, run_bytes)?;
    let quads = runs.merged()?.map(|line| {
        read_back(line, after_graph_key, |text| {
            NQuadsParser::new()
                .with_preserve_bn_labels(true)
                .parse_str(text)
                .collect_quads::<Vec<Spog<SimpleTerm<'static>>>>()
        })
    });
    let config = super::pretty_config(prefixes)?.with_pretty(false);
    let result = TriGSerializer::new_with_config(&mut *w, config)
        .serialize_quads(quads)
        .map(|_| ());
    finish(result, "TriG", w)
}

fn whole_line(line: &str) -> Option<&str> {
    Some(line)
}

/// The N-Quads text of a [`Key::GraphFirst`] line.
fn after_graph_key(line: &str) -> Option<&str> {
    line.split_once('\t').map(|(_, quad)| quad)
}

/// A merged line read back as one statement by `parse` (its sort key taken off by `statement`).
/// The temporary file's errors, already explained, pass through sophia as I/O errors.
fn read_back<T, E: ToString>(
    line: Result<String>,
    statement: fn(&str) -> Option<&str>,
    parse: fn(&str) -> std::result::Result<Vec<T>, E>,
) -> std::io::Result<T> {
    let line = line.map_err(explained)?;
    let text = statement(&line).ok_or_else(|| invalid(format!("no sort key: {line}")))?;
    parse(&format!("{text} .\n"))
        .map_err(|e| {
            invalid(format!(
                "cannot read back the statement {line}: {}",
                e.to_string()
            ))
        })?
        .pop()
        .ok_or_else(|| invalid(format!("not a statement: {line}")))
}

fn explained(e: anyhow::Error) -> std::io::Error {
    std::io::Error::other(format!("{e:#}"))
}

fn invalid(e: impl ToString) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())
}

/// The outcome of a streamed serialisation: errors reading the runs back as they are, errors
/// writing as "cannot write FORMAT".
fn finish(
    result: Result<(), StreamError<std::io::Error, std::io::Error>>,
    format: &str,
    w: &mut dyn Write,
) -> Result<()> {
    match result {
        Ok(()) => {}
        Err(StreamError::SourceError(e)) => return Err(anyhow!("{e}")),
        Err(StreamError::SinkError(e)) => return Err(anyhow!("cannot write {format}: {e}")),
    }
    w.flush()?;
    Ok(())
}

/// Whether the store (without the derived summary) or one named graph has more than `limit`
/// statements (quads: the same triple in two graphs counts twice); stops counting there.
pub fn more_statements_than(
    store: &Store,
    graph: Option<&NamedNode>,
    limit: usize,
) -> Result<bool> {
    let mut n = 0;
    for q in statements(store, graph)? {
        q?;
        n += 1;
        if n > limit {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;

    /// The streamed export equals the in-memory one, with runs small enough to spill many
    /// times, for a dataset with duplicates across graphs and blank nodes.
    #[test]
    fn streamed_lines_equal_the_in_memory_export() {
        let trig = r#"@prefix ex: <http://example.org/> .
            ex:g1 { ex:a ex:p "x", "é\n" ; ex:q ex:b . [] a ex:A ; ex:list ( ex:x ex:y ) . }
            ex:g2 { ex:a ex:p "x" . ex:c ex:p ex:d . ex:a ex:p "x"@fr . }
            ex:z ex:p ex:a ."#;
        let quads = super::super::parse_with_oxigraph(trig.as_bytes(), RdfFormat::TriG).unwrap();
        let store = Store::new().unwrap();
        store.extend(quads).unwrap();
        for format in [
            ExportFormat::Nquads,
            ExportFormat::Ntriples,
            ExportFormat::Rdfxml,
            ExportFormat::Jsonld,
        ] {
            assert!(is_sorted_format(format));
            let mut want = Vec::new();
            super::super::write_quads(
                &super::super::stable_quads(super::super::store_quads(&store, None).unwrap())
                    .unwrap(),
                format,
                &[],
                &mut want,
            )
            .unwrap();
            for run_bytes in [1, 40, RUN_BYTES] {
                let mut got = Vec::new();
                export_sorted(&store, None, format, &[], run_bytes, &mut got).unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(want.clone()).unwrap(),
                    "{format:?}, runs of {run_bytes} bytes"
                );
            }
            let g = NamedNode::new("http://example.org/g2").unwrap();
            assert!(more_statements_than(&store, Some(&g), 2).unwrap());
            assert!(!more_statements_than(&store, Some(&g), 3).unwrap());
            let mut one = Vec::new();
            export_sorted(&store, Some(&g), format, &[], 1, &mut one).unwrap();
            let one = super::super::parse_with_oxigraph(&one, format.rdf_format()).unwrap();
            assert_eq!(one.len(), 3, "{one:?}");
        }
    }

    /// The streamed Turtle holds the same triples as the in-memory export, each subject's
    /// statements in one block.
    #[test]
    fn streamed_turtle_has_the_statements_of_the_in_memory_export() {
        let trig = r#"@prefix ex: <http://example.org/> .
            ex:g1 { ex:a ex:p "x", "é\n" ; ex:q ex:b . [] a ex:A ; ex:list ( ex:x ex:y ) . }
            ex:g2 { ex:a ex:p "x" . ex:c ex:p ex:d . ex:a ex:p "x"@fr . <http://example.org/a/b> ex:p ex:c . }"#;
        let quads = super::super::parse_with_oxigraph(trig.as_bytes(), RdfFormat::TriG).unwrap();
        let store = Store::new().unwrap();
        store.extend(quads).unwrap();
        // the triples of the in-memory path
        let stable =
            super::super::stable_quads(super::super::store_quads(&store, None).unwrap()).unwrap();
        let want: Vec<Quad> = super::super::union_triples(&stable)
            .into_iter()
            .map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph))
            .collect();
        for run_bytes in [1, RUN_BYTES] {
            let mut got = Vec::new();
            let prefixes = [("ex", "http://example.org/")];
            export_turtle(&store, None, &prefixes, run_bytes, &mut got).unwrap();
            let text = String::from_utf8(got).unwrap();
            assert!(
                text.starts_with("PREFIX ex: <http://example.org/>"),
                "{text}"
            );
            assert_eq!(
                text.matches("ex:a ex:p").count(),
                1,
                "one block for ex:a: {text}"
            );
            let mut got =
                super::super::parse_with_oxigraph(text.as_bytes(), RdfFormat::Turtle).unwrap();
            let mut want = want.clone();
            got.sort_by_key(|q| q.to_string());
            want.sort_by_key(|q| q.to_string());
            assert_eq!(got, want, "{text}");
        }
    }

    /// The streamed TriG holds the quads of the in-memory export, one block per graph.
    #[test]
    fn streamed_trig_has_the_quads_of_the_in_memory_export() {
        let trig = r#"@prefix ex: <http://example.org/> .
            ex:g1 { ex:a ex:p "x", "é\n" ; ex:q ex:b . [] a ex:A ; ex:list ( ex:x ex:y ) . }
            ex:g2 { ex:a ex:p "x" . ex:c ex:p ex:d . ex:a ex:p "x"@fr . }
            ex:z ex:p ex:a . ex:y ex:p ex:a .
            _:g { ex:a ex:p ex:b } "#;
        let quads = super::super::parse_with_oxigraph(trig.as_bytes(), RdfFormat::TriG).unwrap();
        let store = Store::new().unwrap();
        store.extend(quads).unwrap();
        let mut want =
            super::super::stable_quads(super::super::store_quads(&store, None).unwrap()).unwrap();
        for run_bytes in [1, RUN_BYTES] {
            let mut got = Vec::new();
            let prefixes = [("ex", "http://example.org/")];
            export_trig(&store, None, &prefixes, run_bytes, &mut got).unwrap();
            let text = String::from_utf8(got).unwrap();
            assert_eq!(text.matches("GRAPH ex:g1").count(), 1, "{text}");
            assert_eq!(text.matches("GRAPH ex:g2").count(), 1, "{text}");
            let mut got =
                super::super::parse_with_oxigraph(text.as_bytes(), RdfFormat::TriG).unwrap();
            got = super::super::stable_quads(got).unwrap();
            want.sort_by_key(|q| q.to_string());
            got.sort_by_key(|q| q.to_string());
            assert_eq!(got, want, "{text}");
        }
    }
}
