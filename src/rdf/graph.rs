//! A graph as the mapping builds it: every IRI held once, each statement three small indices
//! and a literal. Read as borrowed quads (the N-Quads of `extract` are written from these) or
//! turned into Oxigraph's owned quads (for a store).
//!
//! Oxigraph's `Quad` owns its four terms: built directly, every statement copied its subject,
//! predicate and graph name into new strings, and freed them once written (a quarter of the
//! extraction's allocations). Here a subject used by ten statements is one string, and a
//! vocabulary IRI (`pg:body`, `rdf:type`) one string per graph.

use oxigraph::model::{GraphNameRef, LiteralRef, NamedNode, NamedNodeRef, Quad, QuadRef, TermRef};
use rustc_hash::FxHashMap;

/// A vocabulary IRI: its namespace and local name.
pub type Vocab = (&'static str, &'static str);

/// An IRI of the graph: an index into its nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Node(u32);

/// A literal's value, with its language tag or datatype.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Plain(String),
    Tagged(String, &'static str),
    Typed(String, NamedNodeRef<'static>),
}

impl Value {
    fn as_ref(&self) -> LiteralRef<'_> {
        match self {
            Value::Plain(v) => LiteralRef::new_simple_literal(v),
            // language tags come from our own code, in lower case
            Value::Tagged(v, lang) => LiteralRef::new_language_tagged_literal_unchecked(v, lang),
            Value::Typed(v, datatype) => LiteralRef::new_typed_literal(v, *datatype),
        }
    }

    fn text(&self) -> &str {
        match self {
            Value::Plain(v) | Value::Tagged(v, _) | Value::Typed(v, _) => v,
        }
    }
}

/// What [`Graph::add`] takes as an object: a node of the graph, an IRI to add as a new node,
/// or a literal.
pub enum Object {
    Node(Node),
    Iri(NamedNode),
    Literal(Value),
}

impl From<Node> for Object {
    fn from(n: Node) -> Object {
        Object::Node(n)
    }
}

impl From<NamedNode> for Object {
    fn from(iri: NamedNode) -> Object {
        Object::Iri(iri)
    }
}

impl From<Value> for Object {
    fn from(v: Value) -> Object {
        Object::Literal(v)
    }
}

/// What a statement says of its subject, as held: an IRI of the graph or a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Held {
    Node(Node),
    Literal(Value),
}

/// A statement: subject, predicate, object.
#[derive(Debug, Clone)]
struct Statement {
    subject: Node,
    predicate: Node,
    object: Held,
}

/// The statements of one named graph, in the order they were added.
#[derive(Debug, Clone)]
pub struct Graph {
    name: NamedNode,
    nodes: Vec<NamedNode>,
    /// The vocabulary IRIs added so far, by namespace and local name.
    vocabulary: FxHashMap<Vocab, Node>,
    statements: Vec<Statement>,
}

impl Graph {
    pub fn new(name: NamedNode) -> Graph {
        Graph {
            name,
            nodes: Vec::new(),
            vocabulary: FxHashMap::default(),
            statements: Vec::new(),
        }
    }

    pub fn name(&self) -> &NamedNode {
        &self.name
    }

    /// Room for `n` more statements.
    pub fn reserve(&mut self, n: usize) {
        self.statements.reserve(n);
        self.nodes.reserve(n / 2);
    }

    /// `iri` as a node of this graph (a new one each time: mint an IRI used often once).
    pub fn node(&mut self, iri: NamedNode) -> Node {
        let n = Node(self.nodes.len() as u32);
        self.nodes.push(iri);
        n
    }

    /// The vocabulary IRI `ns` + `local` as a node, added the first time it is asked for.
    pub fn vocab(&mut self, ns: &'static str, local: &'static str) -> Node {
        if let Some(n) = self.vocabulary.get(&(ns, local)) {
            return *n;
        }
        let n = self.node(super::vocab::iri(ns, local));
        self.vocabulary.insert((ns, local), n);
        n
    }

    /// The IRI of `n`.
    pub fn iri(&self, n: Node) -> &NamedNode {
        &self.nodes[n.0 as usize]
    }

    /// Adds the statement `subject` `predicate` (a vocabulary IRI) `object`.
    pub fn add(&mut self, subject: Node, predicate: Vocab, object: impl Into<Object>) {
        let predicate = self.vocab(predicate.0, predicate.1);
        let object = match object.into() {
            Object::Node(n) => Held::Node(n),
            Object::Iri(iri) => Held::Node(self.node(iri)),
            Object::Literal(v) => Held::Literal(v),
        };
        self.statements.push(Statement {
            subject,
            predicate,
            object,
        });
    }

    /// How many statements the graph holds.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    fn quad<'a>(&'a self, s: &'a Statement) -> QuadRef<'a> {
        let object = match &s.object {
            Held::Node(n) => TermRef::NamedNode(self.iri(*n).as_ref()),
            Held::Literal(v) => TermRef::Literal(v.as_ref()),
        };
        QuadRef::new(
            self.iri(s.subject),
            self.iri(s.predicate),
            object,
            GraphNameRef::NamedNode(self.name.as_ref()),
        )
    }

    /// The quads, borrowed, in the order they were added.
    pub fn quads(&self) -> impl ExactSizeIterator<Item = QuadRef<'_>> + '_ {
        self.statements.iter().map(|s| self.quad(s))
    }

    /// Statements `range` (by index) as quads.
    pub fn quads_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = QuadRef<'_>> + '_ {
        self.statements[range].iter().map(|s| self.quad(s))
    }

    /// The quads, owned (each term copied), in the order they were added.
    pub fn into_quads(self) -> Vec<Quad> {
        self.quads().map(QuadRef::into_owned).collect()
    }

    /// Drops the statements made a second time (e.g. a body named twice), keeping the first.
    pub fn dedup(&mut self) {
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(self.statements.len());
        let first: Vec<bool> = self
            .statements
            .iter()
            .map(|s| seen.insert(Stated(self, s)))
            .collect();
        drop(seen);
        let mut first = first.into_iter();
        self.statements.retain(|_| first.next().unwrap_or(false));
    }

    /// The text of a statement's terms: subject, predicate, object (a literal's value).
    fn texts<'a>(&'a self, s: &'a Statement) -> [&'a str; 3] {
        let object = match &s.object {
            Held::Node(n) => self.iri(*n).as_str(),
            Held::Literal(v) => v.text(),
        };
        [
            self.iri(s.subject).as_str(),
            self.iri(s.predicate).as_str(),
            object,
        ]
    }
}

/// A statement of a graph, compared by its terms (an IRI may be held twice), hashed by the
/// length and last bytes of each term's text: a document's terms share long beginnings
/// (namespaces, the document's own IRIs, the words of a sentence's quotation) and differ at
/// their ends, and hashing every byte of every quoted sentence cost a sixth of the mapping.
struct Stated<'a>(&'a Graph, &'a Statement);

impl PartialEq for Stated<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.1, other.1);
        let object_eq = match (&a.object, &b.object) {
            (Held::Node(x), Held::Node(y)) => self.0.iri(*x) == other.0.iri(*y),
            (Held::Literal(x), Held::Literal(y)) => x == y,
            _ => false,
        };
        object_eq
            && self.0.iri(a.subject) == other.0.iri(b.subject)
            && self.0.iri(a.predicate) == other.0.iri(b.predicate)
    }
}

impl Eq for Stated<'_> {}

impl std::hash::Hash for Stated<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        for text in self.0.texts(self.1) {
            let tail = &text.as_bytes()[text.len().saturating_sub(16)..];
            h.write_usize(text.len());
            h.write(tail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::vocab::xsd;
    use oxigraph::model::Literal;

    const EX: &str = "https://example.org/";

    #[test]
    fn repeated_statements_are_dropped_and_statements_alike_at_their_ends_kept() {
        let mut g = Graph::new(NamedNode::new_unchecked("https://example.org/graph"));
        let s = g.node(NamedNode::new_unchecked("https://example.org/s"));
        // the same IRI held twice is the same subject
        let s2 = g.node(NamedNode::new_unchecked("https://example.org/s"));
        let p = (EX, "p");
        // the same length and the same last sixteen bytes: hashed alike, told apart
        let a = Value::Plain("A sentence that ends the same way.".into());
        let b = Value::Plain("B sentence that ends the same way.".into());
        let tagged = Value::Tagged("A sentence that ends the same way.".into(), "en");
        let typed = Value::Typed("A sentence that ends the same way.".into(), xsd::TOKEN);
        let o = g.node(NamedNode::new_unchecked("https://example.org/o"));
        let o2 = g.node(NamedNode::new_unchecked("https://example.org/o"));
        g.add(s, p, a.clone());
        g.add(s, p, b.clone());
        g.add(s2, p, a.clone());
        g.add(s, p, tagged.clone());
        g.add(s, p, typed.clone());
        g.add(s, p, o);
        g.add(s, (EX, "q"), o);
        g.add(s2, p, b.clone());
        g.add(s, p, tagged.clone());
        g.add(s, p, o2);
        g.dedup();
        let kept: Vec<String> = g.quads().map(|q| q.to_string()).collect();
        let quad = |p: &str, o: TermRef| {
            QuadRef::new(
                NamedNodeRef::new_unchecked("https://example.org/s"),
                NamedNodeRef::new_unchecked(p),
                o,
                NamedNodeRef::new_unchecked("https://example.org/graph"),
            )
            .to_string()
        };
        let p = "https://example.org/p";
        let o = NamedNodeRef::new_unchecked("https://example.org/o");
        assert_eq!(
            kept,
            [
                quad(p, a.as_ref().into()),
                quad(p, b.as_ref().into()),
                quad(p, tagged.as_ref().into()),
                quad(p, typed.as_ref().into()),
                quad(p, o.into()),
                quad("https://example.org/q", o.into()),
            ]
        );
        assert_eq!(g.len(), 6);
    }

    #[test]
    fn quads_borrowed_or_owned_are_the_statements_added_and_vocabulary_is_held_once() {
        let mut g = Graph::new(NamedNode::new_unchecked("https://example.org/graph"));
        let s = g.node(NamedNode::new_unchecked("https://example.org/s"));
        let t = g.vocab(EX, "T");
        g.add(s, (EX, "type"), t);
        let u = g.vocab(EX, "U");
        g.add(s, (EX, "type"), u);
        g.add(s, (EX, "year"), Value::Typed("2026".into(), xsd::G_YEAR));
        assert_eq!(g.vocab(EX, "T"), t);
        // s, T, type, U, year
        assert_eq!(g.nodes.len(), 5);
        let node = |iri: &str| NamedNode::new_unchecked(format!("{EX}{iri}"));
        let quad =
            |p: &str, o: oxigraph::model::Term| Quad::new(node("s"), node(p), o, node("graph"));
        let expected = [
            quad("type", node("T").into()),
            quad("type", node("U").into()),
            quad(
                "year",
                Literal::new_typed_literal("2026", xsd::G_YEAR).into(),
            ),
        ];
        let borrowed: Vec<Quad> = g.quads_in(1..3).map(QuadRef::into_owned).collect();
        assert_eq!(borrowed, expected[1..]);
        assert_eq!(g.into_quads(), expected);
    }
}
