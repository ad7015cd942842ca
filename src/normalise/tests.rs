//! Constructed interleavings, offsets and layout cases for the whole normalisation stage.

use super::*;

const FR_NL: &[Lang] = &[Lang::Fr, Lang::Nl];

fn texts(n: &Normalised, lang: Lang) -> Vec<String> {
    n.sentences
        .iter()
        .filter(|s| s.lang == lang)
        .map(|s| s.text.clone())
        .collect()
}

/// The text of the original between two byte offsets with line breaks and line-end
/// hyphens removed, as a reader would see it.
fn squeeze(s: &str) -> String {
    let mut out = String::new();
    for line in s.split('\n') {
        let l = line.trim();
        if let Some(x) = l.strip_suffix('-') {
            out.push_str(x);
        } else if !l.is_empty() {
            out.push_str(l);
        }
    }
    out.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

#[test]
fn a_french_sentence_cut_by_a_dutch_block_is_stitched() {
    let src =
        "Les compétences de contrôle et de coordination seront confiées à un régulateur spé-\n\
cifique. Le cadre doit être\n\n\
De controle- en coördinatiebevoegdheid wordt toevertrouwd aan een specifieke\n\
regulator, het BIPT. Dat kader moet een veilige\n\
\x20établi d'ici le 2 août 2025 par les autorités compétentes.\n\n\
Nouveau paragraphe en français pour le contexte du texte.\n\n\
en ethische ontwikkeling van artificiële intelligentie stimuleren.\n";
    let n = normalise(src, Format::Text, Some(FR_NL));
    let fr = texts(&n, Lang::Fr);
    let nl = texts(&n, Lang::Nl);
    assert!(fr.contains(&"Les compétences de contrôle et de coordination seront confiées à un régulateur spécifique.".to_string()), "{fr:?}");
    assert!(
        fr.contains(
            &"Le cadre doit être établi d'ici le 2 août 2025 par les autorités compétentes."
                .to_string()
        ),
        "{fr:?}"
    );
    assert!(nl.contains(&"Dat kader moet een veilige en ethische ontwikkeling van artificiële intelligentie stimuleren.".to_string()), "{nl:?}");
    let stitched = n
        .sentences
        .iter()
        .find(|s| s.text.starts_with("Dat kader"))
        .unwrap();
    assert!(stitched.stitched);
    assert_eq!(stitched.line, 5);
}

#[test]
fn a_page_number_or_running_header_between_leaves_the_thread_open() {
    let src = "Le gouvernement fédéral poursuivra la mise en œuvre du règlement sur les\n\n\
DOC 56 0767/010\n\n\
12\n\n\
\x20données avec le SPF Économie et les régions concernées.\n";
    let n = normalise(src, Format::Text, Some(FR_NL));
    assert_eq!(texts(&n, Lang::Fr), vec![
        "Le gouvernement fédéral poursuivra la mise en œuvre du règlement sur les données avec le SPF Économie et les régions concernées."
    ]);
}

#[test]
fn a_heading_is_its_own_sentence_and_does_not_swallow_the_text() {
    let src = "Le Digital Services Act (DSA)\n\nLe Digital Services Act (DSA) renforce la protection des consommateurs.\n";
    let n = normalise(src, Format::Text, Some(FR_NL));
    assert_eq!(n.sentences.len(), 2);
    assert!(n.sentences[0].heading);
    assert!(!n.sentences[1].heading);
}

#[test]
fn double_spaced_transcripts_read_as_paragraphs() {
    let mut src = String::new();
    for _ in 0..12 {
        src.push_str("Mes services mettent la dernière main à un projet de \n\ncoaching digital et d'accompagne-\n\nment gratuit pour les PME. \n\n \n\n");
    }
    let n = normalise(&src, Format::Text, Some(FR_NL));
    assert_eq!(n.sentences[0].text, "Mes services mettent la dernière main à un projet de coaching digital et d'accompagnement gratuit pour les PME.");
    assert_eq!(n.sentences.len(), 12);
}

#[test]
fn offsets_round_trip_to_the_original_text() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/be-federal-policy-note-digitalisation-2025.fr-nl.txt"
    ))
    .unwrap();
    let n = normalise(&src, Format::Text, Some(FR_NL));
    assert!(n.sentences.len() > 500);
    let mut checked = 0;
    for s in n.sentences.iter().filter(|s| !s.stitched) {
        let orig = &src[s.start_byte..s.end_byte];
        assert_eq!(squeeze(orig), squeeze(&s.text), "line {}", s.line);
        assert_eq!(src[..s.start_byte].chars().count(), s.start_char);
        assert_eq!(src[..s.start_byte].matches('\n').count() + 1, s.line);
        checked += 1;
    }
    assert!(checked > 400);
    // every stitched sentence starts and ends where its pieces do
    for s in n.sentences.iter().filter(|s| s.stitched) {
        let first_word = s.text.split_whitespace().next().unwrap();
        let at_start = src[s.start_byte..].replace('\u{2019}', "'");
        assert!(at_start.starts_with(first_word), "{}", s.text);
    }
}

#[test]
fn the_2025_note_reads_as_french_and_dutch_threads() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/be-federal-policy-note-digitalisation-2025.fr-nl.txt"
    ))
    .unwrap();
    let n = normalise(&src, Format::Text, Some(FR_NL));
    let all: Vec<&str> = n.sentences.iter().map(|s| s.text.as_str()).collect();
    assert!(all.contains(&"Dans ce cadre, les opportunités offertes par les avancées technologiques majeures comme l'intelligence artificielle (IA), la 5G, la technologie quantique, l'internet des objets (IoT) et les enjeux liés à la cybersécurité nécessitent le développement d'une approche stratégique."), "missing FR sentence");
    let dat = n
        .sentences
        .iter()
        .find(|s| s.text.starts_with("Dat kader moet een veilige"))
        .expect("NL sentence");
    assert_eq!(dat.lang, Lang::Nl);
    assert!(
        dat.text.ends_with("ontwikkeling stimuleren.") || dat.text.contains("ontwikkeling"),
        "{}",
        dat.text
    );
    let cadre = n
        .sentences
        .iter()
        .find(|s| {
            s.text
                .starts_with("Celle-ci consiste à trouver un équilibre")
        })
        .expect("FR sentence");
    assert!(
        cadre
            .text
            .contains("d'un cadre juridique solide pour encourager"),
        "{}",
        cadre.text
    );
}

#[test]
fn a_column_switch_resumes_an_unfinished_sentence_even_in_capitals() {
    let src = "Ik zal het kader aannemen. Indien nodig, zullen we samen met de minister van\n\n\
K A M E R • 2e Z I T T I N G VA N D E 5 6 e Z I T T I N G S P E R I O D E\n\n\
au niveau administratif fédéral. Si nécessaire, nous développerons une gouvernance adaptée.\n\n\
Economie een aangepaste governance ontwikkelen om de uitvoering te waarborgen.\n";
    let n = normalise(src, Format::Text, Some(FR_NL));
    let nl = texts(&n, Lang::Nl);
    assert!(nl.contains(&"Indien nodig, zullen we samen met de minister van Economie een aangepaste governance ontwikkelen om de uitvoering te waarborgen.".to_string()), "{nl:?}");
    assert!(
        n.sentences.iter().all(|s| !s.text.contains("Z I T T")),
        "running header kept"
    );
}

/// Lines and character offsets as counted from the start of the text, at every character
/// boundary of the seeds and of text with multi-byte characters across the count's blocks.
#[test]
fn positions_count_lines_and_characters_from_the_start() {
    let mut texts = crate::test_texts::seed_bodies();
    texts.push(format!(
        "{}\n\nÉté — 𝔘\r\n{}\n",
        "é".repeat(300),
        "x€".repeat(200)
    ));
    texts.push(String::new());
    for t in &texts {
        let pos = Positions::new(t);
        let (mut line, mut chars) = (1, 0);
        for (byte, c) in t.char_indices().chain([(t.len(), ' ')]) {
            assert_eq!(pos.line(byte), line, "{byte}");
            assert_eq!(pos.char_offset(byte), chars, "{byte}");
            line += usize::from(c == '\n');
            chars += 1;
        }
        assert_eq!(pos.char_offset(t.len() + 5), t.chars().count());
    }
}

/// The seed whose file name ends with `name_end`.
fn seed(name_end: &str) -> String {
    crate::test_texts::seed_texts()
        .into_iter()
        .find(|(p, _)| p.to_string_lossy().ends_with(name_end))
        .map(|(_, t)| t)
        .expect("a seed of that name")
}

/// Without a manifest, a document's languages are detected in its paragraphs; where empty
/// lines do not cut it into paragraphs (a double-spaced transcript, where every line is one;
/// text without empty lines, one in all), in the normaliser's blocks. Before, the bilingual
/// transcript was found French only, and its Dutch sentences were labelled French.
#[test]
fn languages_without_a_manifest_where_empty_lines_mislead() {
    let transcript = seed("chamber-committee-digital-agenda-2021-06-02.fr-nl.txt");
    let n = normalise(&transcript, Format::Text, None);
    assert_eq!(n.languages, FR_NL);
    let dutch = texts(&n, Lang::Nl);
    assert!(dutch.len() > 50, "{} Dutch sentences", dutch.len());
    let cases: [(&str, Format, &[Lang]); 3] = [
        ("digitalisation-2025.fr-nl.txt", Format::Text, FR_NL),
        (
            "flanders-digital-strategy.nl.txt",
            Format::Text,
            &[Lang::Nl],
        ),
        ("belgium-2024.en.md", Format::Markdown, &[Lang::En]),
    ];
    for (name, format, langs) in cases {
        let text = seed(name);
        assert_eq!(normalise(&text, format, None).languages, langs, "{name}");
        let flat: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let flat = flat.join("\n");
        assert_eq!(
            normalise(&flat, format, None).languages,
            langs,
            "{name} without empty lines"
        );
    }
}
