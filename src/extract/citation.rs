//! Numbered EU-act citations in French, Dutch, English and German → type, year and number
//! (hence CELEX and ELI): `Regulation (EU) 2016/679`, `règlement (UE) n° 910/2014`,
//! `Directive 2014/55/EU`, `richtlijn (EU) 2019/1024`, `Verordnung (EU) 2024/1689`.

use super::gated::GatedRegex as Regex;
use crate::gazetteer::{ActKey, ActType};
use std::sync::LazyLock;

/// A citation found in a text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub key: ActKey,
}

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?P<type>
            uitvoeringsverordening|durchführungsverordnung|gedelegeerde\s+verordening|delegierte\s+verordnung
          | (?:implementing\s+|delegated\s+)?regulation | règlement(?:\s+d'exécution|\s+délégué)?
          | verordening | verordnung
          | directive | richtlijn | richtlinie
          | decision | décision | besluit | beschluss
        )
        (?:\s+(?:\\?\((?:EU|UE|EC|CE|EG|EEG|EEC|CEE|Euratom)\\?\)|(?:EU|UE|EC|CE|EG|EEG|EEC|CEE)))?
        (?:\s*(?P<no>No\.?|n°|n[or]\.?|Nr\.?))?
        \s*(?P<a>\d{1,4})\s*/\s*(?P<b>\d{1,4})
        (?:\s*/\s*(?P<suffix>EU|UE|EC|CE|EG|EEG|EEC|CEE|Euratom))?
        \b",
    )
    .expect("citation regex")
});

fn full_year(y: u32) -> u32 {
    match y {
        0..=49 => 2000 + y,
        50..=99 => 1900 + y,
        _ => y,
    }
}

fn plausible_year(y: u32, digits: usize) -> bool {
    digits == 4 && (1950..=2040).contains(&y)
}

fn act_type(word: &str) -> ActType {
    let w = word.to_lowercase();
    if w.contains("uitvoerings")
        || w.contains("durchführungs")
        || w.contains("implementing")
        || w.contains("exécution")
    {
        ActType::ImplementingRegulation
    } else if w.contains("delegated")
        || w.contains("délégué")
        || w.contains("gedelegeerde")
        || w.contains("delegierte")
    {
        ActType::DelegatedRegulation
    } else if w.contains("regulation")
        || w.contains("règlement")
        || w.contains("verordening")
        || w.contains("verordnung")
    {
        ActType::Regulation
    } else if w.contains("directive") || w.contains("richtlijn") || w.contains("richtlinie") {
        ActType::Directive
    } else {
        ActType::Decision
    }
}

/// Every numbered EU-act citation in `text`.
pub fn find_citations(text: &str) -> Vec<Citation> {
    if !text.contains('/') {
        return Vec::new();
    }
    CITATION
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let a_s = c.name("a")?.as_str();
            let b_s = c.name("b")?.as_str();
            let (a, b): (u32, u32) = (a_s.parse().ok()?, b_s.parse().ok()?);
            let (year, number) = if c.name("suffix").is_some() {
                // old style: year/number/EU (`2014/55/EU`, `95/46/EC`)
                (full_year(a), b)
            } else if c.name("no").is_some() {
                (full_year(b), a)
            } else if plausible_year(a, a_s.len()) {
                (a, b)
            } else if plausible_year(b, b_s.len()) {
                (b, a)
            } else {
                return None;
            };
            if number == 0 || !(1950..=2040).contains(&year) {
                return None;
            }
            let typ = act_type(c.name("type")?.as_str());
            Some(Citation {
                start: whole.start(),
                end: whole.end(),
                key: ActKey { typ, year, number },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn celex(text: &str) -> Vec<String> {
        find_citations(text)
            .into_iter()
            .map(|c| c.key.celex())
            .collect()
    }

    #[test]
    fn markdown_escaped_parentheses() {
        // Markdown residue the reader may leave: `Regulation \(EU\) 2016/679`
        assert_eq!(
            celex(r"obligations under Regulation \(EU\) 2016/679."),
            vec!["32016R0679"]
        );
        assert_eq!(celex(r"richtlijn \(EU\) 2019/1024"), vec!["32019L1024"]);
    }

    #[test]
    fn citations_in_four_languages() {
        assert_eq!(
            celex("Regulation (EU) 2016/679 applies"),
            vec!["32016R0679"]
        );
        assert_eq!(
            celex("Regulation (EU) No 910/2014 on electronic identification"),
            vec!["32014R0910"]
        );
        assert_eq!(celex("Regulation (EU) No. 910/2014"), vec!["32014R0910"]);
        assert_eq!(
            celex("transposing Directive 2014/55/EU into national law"),
            vec!["32014L0055"]
        );
        assert_eq!(
            celex("le règlement (UE) n° 910/2014 du Parlement"),
            vec!["32014R0910"]
        );
        assert_eq!(
            celex("de Verordening (EU) 2024/1689 betreffende AI"),
            vec!["32024R1689"]
        );
        assert_eq!(
            celex("richtlijn (EU) 2019/1024 inzake open data"),
            vec!["32019L1024"]
        );
        assert_eq!(celex("de richtlijn 2016/2102"), vec!["32016L2102"]);
        assert_eq!(
            celex("die Verordnung (EU) 2022/2065 über einen Binnenmarkt"),
            vec!["32022R2065"]
        );
        assert_eq!(celex("Directive 95/46/EC"), vec!["31995L0046"]);
        assert_eq!(
            celex("EU Directive 2016/1148 (NIS Directive)"),
            vec!["32016L1148"]
        );
    }

    #[test]
    fn implementing_acts_keep_their_type() {
        let c = find_citations("Implementing Regulation (EU) 2023/138 lists high-value datasets");
        assert_eq!(
            c[0].key.eli(),
            "http://data.europa.eu/eli/reg_impl/2023/138/oj"
        );
        assert_eq!(c[0].key.celex(), "32023R0138");
    }

    #[test]
    fn near_misses_are_not_citations() {
        assert!(celex("DOC 56 0767/010").is_empty());
        assert!(celex("the regulations of 2016 and 679 others").is_empty());
        assert!(celex("Recommendation 2016/679").is_empty());
        assert!(celex("a ratio of 12/25 in the regulation").is_empty());
        assert!(celex("règlementation 2016/679").is_empty());
    }
}
