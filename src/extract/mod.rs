//! The extraction stage: from normalised sentences to facts — mentions of agencies, EU acts,
//! initiatives and regions; responsibilities (body × act × role); deadlines; transpositions —
//! each with the evidence that supports it.

pub mod belgian_law;
pub mod citation;
pub mod context;
pub mod cues;
pub mod deadlines;
pub mod gated;
pub mod mentions;
pub mod relations;
pub mod stewardship;
pub mod temporal;
mod verifier;

use crate::document::Document;
use crate::gazetteer::{ActKey, Gazetteer};
use crate::lang::Lang;
use crate::normalise::Sentence;
use serde::Serialize;

/// Where a fact was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub lang: Lang,
    pub line: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub text: String,
}

impl Evidence {
    pub fn of(s: &Sentence) -> Evidence {
        Evidence {
            lang: s.lang,
            line: s.line,
            start_char: s.start_char,
            end_char: s.end_char,
            text: s.text.clone(),
        }
    }
}

/// A public body as extracted: from the gazetteer, the document's signatory, or a body the
/// gazetteer lacks (found by pattern).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Body {
    Known(usize),
    Signatory(String),
    Unknown(String),
}

/// An EU act as extracted: its key, and the gazetteer entry when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Act {
    #[serde(skip)]
    pub key: ActKey,
    pub known: Option<usize>,
}

/// The role a body plays for an EU act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Role {
    Coordinator,
    CompetentAuthority,
    Supervisor,
    Implements,
    Transposes,
    PreparesImplementation,
    FollowsUp,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Coordinator,
        Role::CompetentAuthority,
        Role::Supervisor,
        Role::Implements,
        Role::Transposes,
        Role::PreparesImplementation,
        Role::FollowsUp,
    ];
    /// The notation used in queries, gold files and the CLI.
    pub fn notation(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::CompetentAuthority => "competent-authority",
            Role::Supervisor => "supervisor",
            Role::Implements => "implements",
            Role::Transposes => "transposes",
            Role::PreparesImplementation => "prepares-implementation",
            Role::FollowsUp => "follows-up",
        }
    }
    /// The local name of the role individual in the ontology.
    pub fn local_name(self) -> &'static str {
        match self {
            Role::Coordinator => "Coordinator",
            Role::CompetentAuthority => "CompetentAuthority",
            Role::Supervisor => "Supervisor",
            Role::Implements => "Implementer",
            Role::Transposes => "Transposer",
            Role::PreparesImplementation => "ImplementationPreparer",
            Role::FollowsUp => "FollowUp",
        }
    }
    pub fn from_notation(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.notation() == s.trim())
    }
}

/// *Body X has role R for EU act Y*, with evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Responsibility {
    pub body: Body,
    pub act: Act,
    pub role: Role,
    pub confidence: f32,
    pub rule: String,
    pub evidence: Evidence,
}

/// What a deadline is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Subject {
    Act(Act),
    Initiative(usize),
    /// No named entity: a short description taken from the sentence.
    Action(String),
}

/// A dated commitment or a past dated event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    #[serde(skip)]
    pub value: temporal::TemporalValue,
    #[serde(skip)]
    pub kind: temporal::TemporalKind,
    pub expression: String,
    pub subject: Subject,
    pub body: Option<Body>,
    pub evidence: Evidence,
}

/// An entity named in the document (for `pg:mentions`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mentioned {
    Body(Body),
    Act(Act),
    Initiative(usize),
    Region(usize),
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub mentions: Vec<Mentioned>,
    pub responsibilities: Vec<Responsibility>,
    pub deadlines: Vec<Deadline>,
    pub transpositions: Vec<belgian_law::Transposition>,
    pub stewardships: Vec<stewardship::Stewardship>,
}

/// Runs every extractor over a normalised document.
pub fn extract(doc: &Document, sentences: &[Sentence], gaz: &Gazetteer) -> Extraction {
    let found = mentions::find_all(doc, sentences, gaz);
    let mut ex = Extraction::default();
    let mut seen = std::collections::BTreeSet::new();
    for sm in &found {
        for m in &sm.mentions {
            seen.insert(m.what.clone());
        }
    }
    ex.mentions = seen.into_iter().collect();
    let ctx = context::resolve(doc, sentences, &found, gaz);
    ex.responsibilities = relations::responsibilities(sentences, &ctx, gaz);
    ex.deadlines = deadlines::deadlines(doc, sentences, &ctx, gaz);
    ex.transpositions = belgian_law::transpositions(sentences, &ctx);
    ex.stewardships = stewardship::stewardships(sentences, &ctx, gaz);
    ex
}
