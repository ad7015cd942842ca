//! Belgian legal acts (`Law of 7 April 2019`, `loi du 18 juillet 2017`, `wet van 7 april 2019`,
//! `Royal Decree of 22 October 2017`, `décret du 27 mars 2014`) and their transposition or
//! implementation of EU acts (`… transposing Directive 2014/55/EU`, `tot omzetting van`).

use super::context::SentenceContext;
use super::gated::GatedRegex as Regex;
use super::temporal::{find_temporal, TemporalValue};
use super::{Act, Evidence};
use crate::lang::Lang;
use crate::normalise::Sentence;
use serde::Serialize;
use std::sync::LazyLock;

/// The kind of a Belgian act, as a slug used in identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum BelgianActType {
    Law,
    RoyalDecree,
    MinisterialDecree,
    Decree,
    Ordinance,
}

impl BelgianActType {
    pub fn slug(self) -> &'static str {
        match self {
            BelgianActType::Law => "law",
            BelgianActType::RoyalDecree => "royal-decree",
            BelgianActType::MinisterialDecree => "ministerial-decree",
            BelgianActType::Decree => "decree",
            BelgianActType::Ordinance => "ordinance",
        }
    }
    pub fn english(self) -> &'static str {
        match self {
            BelgianActType::Law => "Law",
            BelgianActType::RoyalDecree => "Royal Decree",
            BelgianActType::MinisterialDecree => "Ministerial Decree",
            BelgianActType::Decree => "Decree",
            BelgianActType::Ordinance => "Ordinance",
        }
    }
    fn parse(word: &str) -> BelgianActType {
        let w = word.to_lowercase();
        if w.contains("royal") || w.contains("koninklijk") || w.contains("königlich") {
            BelgianActType::RoyalDecree
        } else if w.contains("minist") {
            BelgianActType::MinisterialDecree
        } else if w.contains("ordon") || w.contains("ordinance") {
            BelgianActType::Ordinance
        } else if w.contains("décret")
            || w.contains("decreet")
            || w.contains("decree")
            || w.contains("dekret")
        {
            BelgianActType::Decree
        } else {
            BelgianActType::Law
        }
    }
}

/// A Belgian act identified by type and date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct BelgianAct {
    pub typ: BelgianActType,
    /// ISO date of the act.
    pub date: String,
    /// As written in the text.
    pub label: String,
}

impl BelgianAct {
    /// Stable local identifier: type and date.
    pub fn local_id(&self) -> String {
        format!("{}-{}", self.typ.slug(), self.date)
    }
    /// English label, e.g. `Law of 7 April 2019`.
    pub fn english_label(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let parts: Vec<u32> = self
            .date
            .split('-')
            .filter_map(|p| p.parse().ok())
            .collect();
        match parts.as_slice() {
            [y, m, d] if (1..=12).contains(m) => format!(
                "{} of {} {} {}",
                self.typ.english(),
                d,
                MONTHS[*m as usize - 1],
                y
            ),
            _ => format!("{} of {}", self.typ.english(), self.date),
        }
    }
}

/// A Belgian act that transposes a directive or implements a regulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transposition {
    pub law: BelgianAct,
    pub act: Act,
    pub evidence: Evidence,
}

static BELGIAN_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(royal decree|ministerial decree|law|act|decree|ordinance|arrêté royal|arrêté ministériel|loi|décret|ordonnance|koninklijk besluit|ministerieel besluit|wet|decreet|ordonnantie|königlicher erlass|gesetz|dekret)(?:,)?\s+(?:of|dated|du|van|vom)\s+(\d{1,2}(?:er)?\.?\s+\p{L}+\.?\s+\d{4})",
    )
    .unwrap()
});

static TRANSPOSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:transpos\w*|omzet\w*|omgezet|umgesetzt|umsetz\w*|implement\w*|met(?:tant|tre)? en œuvre|uitvoer\w*|exécut\w*|complet\w*|complète\w*|aanvul\w*|in line with|conformément|overeenkomstig|découlant|voortvloeiend)\b").unwrap()
});

/// Belgian acts named in a text, with byte offsets.
pub fn find_belgian_acts(text: &str, lang: Lang) -> Vec<(usize, BelgianAct)> {
    let mut out = Vec::new();
    for c in BELGIAN_ACT.captures_iter(text) {
        let date_text = &c[2];
        let Some(date) = find_temporal(date_text, lang, None)
            .into_iter()
            .find_map(|t| match t.value {
                TemporalValue::Point(d) if d.day.is_some() => Some(d.iso()),
                _ => None,
            })
        else {
            continue;
        };
        let whole = c.get(0).unwrap();
        out.push((
            whole.start(),
            BelgianAct {
                typ: BelgianActType::parse(&c[1]),
                date,
                label: whole.as_str().to_string(),
            },
        ));
    }
    out
}

/// Transpositions: a sentence naming a Belgian act, an EU act and a transposition cue.
pub fn transpositions(sentences: &[Sentence], contexts: &[SentenceContext]) -> Vec<Transposition> {
    let mut out = Vec::new();
    for (s, ctx) in sentences.iter().zip(contexts) {
        if ctx.acts.is_empty() || !TRANSPOSES.is_match(&s.text) {
            continue;
        }
        let laws = find_belgian_acts(&s.text, s.lang);
        let Some((_, law)) = laws.into_iter().next() else {
            continue;
        };
        let mut seen = Vec::new();
        for a in &ctx.acts {
            if !seen.contains(&a.item.key) {
                seen.push(a.item.key);
                out.push(Transposition {
                    law: law.clone(),
                    act: a.item,
                    evidence: Evidence::of(s),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgian_acts_in_four_languages() {
        let ids = |t: &str, l| {
            find_belgian_acts(t, l)
                .into_iter()
                .map(|(_, a)| a.local_id())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(
                "the Law of 7 April 2019, published in the Belgian Monitor",
                Lang::En
            ),
            vec!["law-2019-04-07"]
        );
        assert_eq!(
            ids(
                "la loi du 18 juillet 2017 relative à l'identification",
                Lang::Fr
            ),
            vec!["law-2017-07-18"]
        );
        assert_eq!(
            ids("de wet van 7 april 2019 tot omzetting", Lang::Nl),
            vec!["law-2019-04-07"]
        );
        assert_eq!(
            ids("the Royal Decree of 22 October 2017", Lang::En),
            vec!["royal-decree-2017-10-22"]
        );
        assert_eq!(
            ids("le décret du 27 mars 2014", Lang::Fr),
            vec!["decree-2014-03-27"]
        );
        assert_eq!(
            ids("das Gesetz vom 17. Oktober 2024", Lang::De),
            vec!["law-2024-10-17"]
        );
        assert!(ids(
            "the law in 2019 and the Digital Services Act of the EU",
            Lang::En
        )
        .is_empty());
    }

    #[test]
    fn labels_are_english_and_stable() {
        let a = &find_belgian_acts("wet van 7 april 2019", Lang::Nl)[0].1;
        assert_eq!(a.english_label(), "Law of 7 April 2019");
    }
}
