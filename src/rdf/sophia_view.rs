//! Oxigraph's quads seen through sophia's term traits, without copying: lets sophia's
//! serialisers write quads that the pipeline built with Oxigraph's model.
//!
//! The streaming N-Quads of `policygraph extract` go through sophia's canonical N-Quads
//! serialiser: it writes each term's bytes whole and escapes a literal by searching it for the
//! characters to escape, where Oxigraph's `Display` formats every character of every literal
//! through `core::fmt` (a tenth of the extraction's instructions). Both write the same bytes for
//! the same quads (same escapes, `xsd:string` left implicit, one space between terms) as long as
//! language tags are in lower case, as Oxigraph's checked constructors and parsers leave them
//! (sophia's canonical form lowers them); the test below holds them to it.

use oxigraph::model::{GraphNameRef, QuadRef, TermRef};
use sophia::api::serializer::QuadSerializer;
use sophia::api::source::{IntoSource, StreamError};
use sophia::api::term::{BaseDirection, BnodeId, IriRef, LanguageTag, Term, TermKind};
use sophia::api::MownStr;
use sophia::turtle::serializer::nq::{NQuadsConfig, NQuadsSerializer};
use std::io::{self, Write};

/// Writes `quads` to `w` as N-Quads: the bytes Oxigraph's N-Quads serialiser writes.
pub fn write_nquads<'a>(
    w: &mut impl Write,
    quads: impl IntoIterator<Item = QuadRef<'a>>,
) -> io::Result<()> {
    NQuadsSerializer::new_with_config(w, NQuadsConfig::new().with_canonical(true))
        .serialize_quads(quads.into_iter().map(ox_quad).into_source())
        .map(|_| ())
        .map_err(StreamError::unwrap_sink_error)
}

/// An Oxigraph term as a sophia [`Term`].
#[derive(Debug, Clone, Copy)]
struct OxTerm<'a>(TermRef<'a>);

/// An Oxigraph quad as a sophia quad: subject, predicate, object, and the graph name (`None`
/// for the default graph).
type OxQuad<'a> = ([OxTerm<'a>; 3], Option<OxTerm<'a>>);

/// `q` as a sophia quad.
fn ox_quad(q: QuadRef<'_>) -> OxQuad<'_> {
    let graph = match q.graph_name {
        GraphNameRef::NamedNode(n) => Some(OxTerm(n.into())),
        GraphNameRef::BlankNode(b) => Some(OxTerm(b.into())),
        GraphNameRef::DefaultGraph => None,
    };
    (
        [
            OxTerm(q.subject.into()),
            OxTerm(q.predicate.into()),
            OxTerm(q.object),
        ],
        graph,
    )
}

impl Term for OxTerm<'_> {
    type BorrowTerm<'x>
        = Self
    where
        Self: 'x;

    fn kind(&self) -> TermKind {
        match self.0 {
            TermRef::NamedNode(_) => TermKind::Iri,
            TermRef::BlankNode(_) => TermKind::BlankNode,
            TermRef::Literal(_) => TermKind::Literal,
            TermRef::Triple(_) => TermKind::Triple,
        }
    }

    fn iri(&self) -> Option<IriRef<MownStr<'_>>> {
        match self.0 {
            TermRef::NamedNode(n) => Some(IriRef::new_unchecked(n.as_str().into())),
            _ => None,
        }
    }

    fn bnode_id(&self) -> Option<BnodeId<MownStr<'_>>> {
        match self.0 {
            TermRef::BlankNode(b) => Some(BnodeId::new_unchecked(b.as_str().into())),
            _ => None,
        }
    }

    fn lexical_form(&self) -> Option<MownStr<'_>> {
        match self.0 {
            TermRef::Literal(l) => Some(l.value().into()),
            _ => None,
        }
    }

    fn datatype(&self) -> Option<IriRef<MownStr<'_>>> {
        match self.0 {
            TermRef::Literal(l) => Some(IriRef::new_unchecked(l.datatype().as_str().into())),
            _ => None,
        }
    }

    fn language_tag(&self) -> Option<LanguageTag<MownStr<'_>>> {
        match self.0 {
            TermRef::Literal(l) => l.language().map(|t| LanguageTag::new_unchecked(t.into())),
            _ => None,
        }
    }

    fn base_direction(&self) -> Option<BaseDirection> {
        match self.0 {
            TermRef::Literal(l) => l.direction().map(|d| match d {
                oxigraph::model::BaseDirection::Ltr => BaseDirection::Ltr,
                oxigraph::model::BaseDirection::Rtl => BaseDirection::Rtl,
            }),
            _ => None,
        }
    }

    fn triple(&self) -> Option<[Self; 3]> {
        match self.0 {
            TermRef::Triple(t) => Some([
                OxTerm(t.subject.as_ref().into()),
                OxTerm(t.predicate.as_ref().into()),
                OxTerm(t.object.as_ref()),
            ]),
            _ => None,
        }
    }

    fn to_triple(self) -> Option<[Self; 3]> {
        self.triple()
    }

    fn borrow_term(&self) -> Self {
        *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::pipeline;
    use crate::rdf::Minter;
    use oxigraph::io::{RdfFormat, RdfSerializer};
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Triple};

    fn oxigraph_nquads(quads: &[Quad]) -> String {
        let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
        for q in quads {
            ser.serialize_quad(q).unwrap();
        }
        String::from_utf8(ser.finish().unwrap()).unwrap()
    }

    fn sophia_nquads(quads: &[Quad]) -> String {
        let mut out = Vec::new();
        write_nquads(&mut out, quads.iter().map(Quad::as_ref)).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Literals that need every kind of escape, in every kind of literal and graph.
    fn awkward_quads() -> Vec<Quad> {
        let s = NamedNode::new_unchecked("https://example.org/s");
        let p = NamedNode::new_unchecked("https://example.org/p");
        let g = NamedNode::new_unchecked("https://example.org/g?a=1#x");
        let b = BlankNode::new_unchecked("b0");
        let texts = [
            "plain",
            "quote \" backslash \\ tab \t newline \n return \r",
            "bell \u{7} backspace \u{8} vertical tab \u{b} form feed \u{c} escape \u{1b} del \u{7f}",
            "nul \0 and \u{fffe} \u{ffff} and \u{fffd} kept",
            "Sécurité, ĳ, ß, 日本, 🇧🇪, “quotes”",
            "",
            " \t leading and trailing space \n ",
        ];
        let mut quads = Vec::new();
        for t in texts {
            for object in [
                Literal::new_simple_literal(t),
                Literal::new_language_tagged_literal_unchecked(t, "fr-be"),
                Literal::new_typed_literal(t, NamedNode::new_unchecked("https://example.org/dt")),
                Literal::new_directional_language_tagged_literal_unchecked(
                    t,
                    "ar",
                    oxigraph::model::BaseDirection::Rtl,
                ),
            ] {
                for graph in [GraphName::DefaultGraph, g.clone().into(), b.clone().into()] {
                    quads.push(Quad::new(s.clone(), p.clone(), object.clone(), graph));
                }
            }
        }
        quads.push(Quad::new(
            b.clone(),
            p.clone(),
            s.clone(),
            GraphName::DefaultGraph,
        ));
        let inner = Triple::new(s.clone(), p.clone(), Literal::from(42));
        quads.push(Quad::new(b, p, inner, g));
        quads
    }

    #[test]
    fn sophia_writes_the_nquads_oxigraph_writes() {
        let minter = Minter::new("https://example.org/pg/").unwrap();
        let mut quads = pipeline::reference_quads(&minter, Gazetteer::bundled()).unwrap();
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        pipeline::extract_to(
            &[seeds],
            &minter,
            &|g| Ok(g.into_quads()),
            &mut |q| {
                quads.extend(q);
                Ok(())
            },
            &|_| {},
        )
        .unwrap();
        let real = quads.len();
        quads.extend(awkward_quads());
        let expected = oxigraph_nquads(&quads);
        let written = sophia_nquads(&quads);
        assert!(
            real > 1000,
            "{real} quads from the reference graph and the seeds"
        );
        assert_eq!(written.lines().count(), quads.len());
        for (ours, theirs) in written.lines().zip(expected.lines()) {
            assert_eq!(ours, theirs);
        }
        assert_eq!(written, expected);
    }
}
