//! N-Quads, N-Triples and large Turtle exports in bounded memory: the store's statements as sorted,
//! deduplicated lines, sorted in runs that spill to temporary files and are merged on the way
//! out (an external merge sort). A 1 GB corpus's store holds 18 million quads; gathered in
//! memory and sorted they took several gigabytes, as runs they take [`RUN_BYTES`].
//!
//! The output is byte for byte that of the in-memory path ([`super::write_quads`] on
//! [`super::stable_quads`]): the same canonical blank-node labels, the same order (of the
//! statements' N-Quads/N-Triples text), each statement once.

use super::{relabel_blank_nodes, touches_bnode, ExportFormat};
use anyhow::{anyhow, Context, Result};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Triple};
use oxigraph::store::Store;
use sophia::api::parser::TripleParser;
use sophia::api::serializer::TripleSerializer;
use sophia::api::source::TripleSource;
use sophia::api::term::SimpleTerm;
use sophia::turtle::parser::nt::NTriplesParser;
use sophia::turtle::serializer::turtle::TurtleSerializer;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

/// Text gathered before a run is sorted and spilled to a temporary file.
pub const RUN_BYTES: usize = 64 << 20;

/// Whether `format` is written line by line (and so can be exported in bounded memory).
pub fn is_line_format(format: ExportFormat) -> bool {
    matches!(format, ExportFormat::Nquads | ExportFormat::Ntriples)
}

/// Sorted runs of lines: the current one in memory, the full ones in temporary files.
struct Runs {
    run_bytes: usize,
    current: Vec<String>,
    bytes: usize,
    spilled: Vec<File>,
}

impl Runs {
    fn new(run_bytes: usize) -> Runs {
        Runs {
            run_bytes,
            current: Vec::new(),
            bytes: 0,
            spilled: Vec::new(),
        }
    }

    fn push(&mut self, line: String) -> Result<()> {
        self.bytes += line.len();
        self.current.push(line);
        if self.bytes >= self.run_bytes {
            self.spill()?;
        }
        Ok(())
    }

    fn sort_current(&mut self) {
        self.current.sort_unstable();
        self.current.dedup();
    }

    fn spill(&mut self) -> Result<()> {
        self.sort_current();
        let mut file = tempfile::tempfile()
            .context("cannot create a temporary file for the export's sorted runs (set TMPDIR to a directory with room)")?;
        let mut w = BufWriter::new(&mut file);
        for line in self.current.drain(..) {
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
        }
        w.flush().context("cannot write the export's sorted runs")?;
        drop(w);
        file.rewind()?;
        self.spilled.push(file);
        self.bytes = 0;
        Ok(())
    }

    /// The lines of all runs in order, each distinct line once.
    fn merged(mut self) -> Result<Merged> {
        self.sort_current();
        let mut readers: Vec<std::io::Lines<BufReader<File>>> = self
            .spilled
            .into_iter()
            .map(|f| BufReader::new(f).lines())
            .collect();
        let mut in_memory = self.current.into_iter();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(line) = r.next() {
                heap.push(Reverse((line?, i)));
            }
        }
        if let Some(line) = in_memory.next() {
            heap.push(Reverse((line, readers.len())));
        }
        Ok(Merged {
            readers,
            in_memory,
            heap,
            last: None,
        })
    }
}

/// The merge of sorted runs: the heap holds the next line of every run (the in-memory run has
/// the index after the files').
struct Merged {
    readers: Vec<std::io::Lines<BufReader<File>>>,
    in_memory: std::vec::IntoIter<String>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
    last: Option<String>,
}

impl Iterator for Merged {
    type Item = std::io::Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Reverse((line, i)) = self.heap.pop()?;
            let next = match self.readers.get_mut(i) {
                Some(r) => r.next().transpose(),
                None => Ok(self.in_memory.next()),
            };
            match next {
                Ok(Some(n)) => self.heap.push(Reverse((n, i))),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
            if self.last.as_deref() != Some(line.as_str()) {
                self.last = Some(line.clone());
                return Some(Ok(line));
            }
        }
    }
}

/// The statements of the store (without the derived summary) or of one named graph as sorted
/// runs of N-Quads lines, or of N-Triples lines (the union of the graphs) when `triples`.
/// Statements with blank nodes (only the ontology has a few) are kept aside until the end,
/// when their canonical labels are known.
fn gather(
    store: &Store,
    graph: Option<&NamedNode>,
    triples: bool,
    run_bytes: usize,
) -> Result<Runs> {
    let line = |q: Quad| {
        if triples {
            Triple::from(q).to_string()
        } else {
            q.to_string()
        }
    };
    let derived = derived_graphs(store, graph)?;
    let g: Option<GraphNameRef> = graph.map(|g| g.as_ref().into());
    let mut runs = Runs::new(run_bytes);
    let mut with_bnodes = Vec::new();
    for q in store.quads_for_pattern(None, None, None, g) {
        let q = q?;
        if derived.contains(&q.graph_name) {
            continue;
        }
        if touches_bnode(&q) {
            with_bnodes.push(q);
        } else {
            runs.push(line(q))?;
        }
    }
    for q in relabel_blank_nodes(with_bnodes)? {
        runs.push(line(q))?;
    }
    Ok(runs)
}

/// Exports the store (without the derived summary) or one named graph as N-Quads or
/// N-Triples, in bounded memory.
pub fn export_lines(
    store: &Store,
    graph: Option<&NamedNode>,
    format: ExportFormat,
    run_bytes: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let runs = gather(store, graph, format == ExportFormat::Ntriples, run_bytes)?;
    for line in runs.merged()? {
        w.write_all(line?.as_bytes())?;
        w.write_all(b" .\n")?;
    }
    w.flush()?;
    Ok(())
}

/// Exports the store (without the derived summary) or one named graph as Turtle, in bounded
/// memory: the union of the graphs as sorted N-Triples lines (so each subject's statements are
/// together, then each predicate's), read back one by one into sophia's streaming Turtle
/// serialiser — prefixed, subjects grouped, predicates factored; blank nodes keep their
/// canonical labels.
pub fn export_turtle(
    store: &Store,
    graph: Option<&NamedNode>,
    prefixes: &[(&str, &str)],
    run_bytes: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let runs = gather(store, graph, true, run_bytes)?;
    let triples = runs
        .merged()?
        .map(|line| -> std::io::Result<[SimpleTerm<'static>; 3]> {
            let line = line?;
            let mut parsed: Vec<[SimpleTerm<'static>; 3]> = NTriplesParser::new()
                .with_preserve_bn_labels(true)
                .parse_str(&format!("{line} .\n"))
                .collect_triples()
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
            parsed.pop().ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("not a triple: {line}"),
                )
            })
        });
    let config = super::pretty_config(prefixes)?.with_pretty(false);
    TurtleSerializer::new_with_config(&mut *w, config)
        .serialize_triples(triples)
        .map_err(|e| anyhow!("cannot write Turtle: {e}"))?;
    w.flush()?;
    Ok(())
}

/// The graphs an export of the whole store leaves out (the summary, which `build` recomputes).
fn derived_graphs(store: &Store, graph: Option<&NamedNode>) -> Result<Vec<GraphName>> {
    Ok(match graph {
        Some(_) => Vec::new(),
        None => crate::summary::graphs(store)?
            .into_iter()
            .map(GraphName::from)
            .collect(),
    })
}

/// Whether the store (without the derived summary) or one named graph has more than `limit`
/// statements; stops counting there.
pub fn more_statements_than(
    store: &Store,
    graph: Option<&NamedNode>,
    limit: usize,
) -> Result<bool> {
    let derived = derived_graphs(store, graph)?;
    let g: Option<GraphNameRef> = graph.map(|g| g.as_ref().into());
    let mut n = 0;
    for q in store.quads_for_pattern(None, None, None, g) {
        if !derived.contains(&q?.graph_name) {
            n += 1;
            if n > limit {
                return Ok(true);
            }
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
        for format in [ExportFormat::Nquads, ExportFormat::Ntriples] {
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
                export_lines(&store, None, format, run_bytes, &mut got).unwrap();
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
            export_lines(&store, Some(&g), format, 1, &mut one).unwrap();
            let one = String::from_utf8(one).unwrap();
            assert_eq!(one.lines().count(), 3, "{one}");
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
        let mut want = Vec::new();
        super::super::export(&store, None, ExportFormat::Ntriples, &mut want).unwrap();
        let want = super::super::parse_with_oxigraph(&want, RdfFormat::NTriples).unwrap();
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
}
