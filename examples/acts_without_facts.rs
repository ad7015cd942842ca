//! Lists sentences that name an EU act but yielded no responsibility: where recall is lost.
use policygraph::extract::{mentions, relations, Mentioned};
use policygraph::gazetteer::Gazetteer;
use policygraph::read::{self, ReadOutcome};
use std::path::PathBuf;

fn main() {
    let path = PathBuf::from(std::env::args().nth(1).expect("FILE"));
    let manifests = read::manifests(std::slice::from_ref(&path));
    let ReadOutcome::Document { doc, .. } =
        read::read_document(&path, manifests.get(&path)).unwrap()
    else {
        return;
    };
    let p = policygraph::pipeline::process(doc, Gazetteer::bundled(), &Default::default());
    let with_facts: std::collections::HashSet<usize> = p
        .extraction
        .responsibilities
        .iter()
        .map(|r| r.evidence.start_char)
        .collect();
    for s in &p.sentences {
        let m = mentions::find_in(&s.text, Gazetteer::bundled());
        let acts = m
            .mentions
            .iter()
            .filter(|m| matches!(m.what, Mentioned::Act(_)))
            .count();
        let bodies = m
            .mentions
            .iter()
            .filter(|m| matches!(m.what, Mentioned::Body(_)))
            .count();
        if acts > 0 && !with_facts.contains(&s.start_char) {
            let trig = relations::first_trigger(&s.text)
                .map(|t| t.0.notation())
                .unwrap_or("-");
            println!(
                "{}:{} acts={acts} bodies={bodies} trigger={trig} | {}",
                s.lang,
                s.line,
                s.text.chars().take(220).collect::<String>()
            );
        }
    }
}
