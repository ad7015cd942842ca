//! N-Quads and N-Triples exports in bounded memory: the store's statements as sorted,
//! deduplicated lines, sorted in runs that spill to temporary files and are merged on the way
//! out (an external merge sort). A 1 GB corpus's store holds 18 million quads; gathered in
//! memory and sorted they took several gigabytes, as runs they take [`RUN_BYTES`].
//!
//! The output is byte for byte that of the in-memory path ([`super::write_quads`] on
//! [`super::stable_quads`]): the same canonical blank-node labels, the same order (of the
//! statements' N-Quads/N-Triples text), each statement once.

use super::{relabel_blank_nodes, touches_bnode, ExportFormat};
use anyhow::{Context, Result};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Triple};
use oxigraph::store::Store;
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

    /// Writes the merged runs, each distinct line once, as `line .\n`.
    fn write_merged(mut self, w: &mut dyn Write) -> Result<()> {
        self.sort_current();
        let mut readers: Vec<std::io::Lines<BufReader<File>>> = self
            .spilled
            .into_iter()
            .map(|f| BufReader::new(f).lines())
            .collect();
        let mut in_memory = self.current.into_iter();
        // the heap holds the next line of every run; the in-memory run has index `readers.len()`
        let mem = readers.len();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(line) = r.next() {
                heap.push(Reverse((line?, i)));
            }
        }
        if let Some(line) = in_memory.next() {
            heap.push(Reverse((line, mem)));
        }
        let mut last: Option<String> = None;
        while let Some(Reverse((line, i))) = heap.pop() {
            let next = if i == mem {
                in_memory.next()
            } else {
                readers[i].next().transpose()?
            };
            if let Some(n) = next {
                heap.push(Reverse((n, i)));
            }
            if last.as_deref() != Some(line.as_str()) {
                w.write_all(line.as_bytes())?;
                w.write_all(b" .\n")?;
                last = Some(line);
            }
        }
        w.flush()?;
        Ok(())
    }
}

/// Exports the store (without the derived summary) or one named graph as N-Quads or
/// N-Triples, in bounded memory. Statements with blank nodes (only the ontology has a few) are
/// kept aside until the end, when their canonical labels are known.
pub fn export_lines(
    store: &Store,
    graph: Option<&NamedNode>,
    format: ExportFormat,
    run_bytes: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let triples = format == ExportFormat::Ntriples;
    let line = |q: Quad| {
        if triples {
            Triple::from(q).to_string()
        } else {
            q.to_string()
        }
    };
    let derived: Vec<GraphName> = if graph.is_none() {
        crate::summary::graphs(store)?
            .into_iter()
            .map(GraphName::from)
            .collect()
    } else {
        Vec::new()
    };
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
    runs.write_merged(w)
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
            let mut one = Vec::new();
            export_lines(&store, Some(&g), format, 1, &mut one).unwrap();
            let one = String::from_utf8(one).unwrap();
            assert_eq!(one.lines().count(), 3, "{one}");
        }
    }
}
