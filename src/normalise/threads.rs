//! From lines to paragraphs: blocks of one language, line joins (hyphenation), and the
//! de-interleaving rule that stitches a sentence cut by the other column back together.
//!
//! The rule is general: a paragraph whose text stops without closing punctuation stays *open*
//! in its language; the next block of the same language continues it when it starts in lower
//! case or opens a new page (a PDF column break). Blocks of other languages and page furniture
//! (running headers, page numbers) in between leave it open.

use super::lines::{Line, LineKind};
use super::mapped::MappedText;
use super::words::{self, runs};
use crate::lang::Lang;
use crate::prefixes::Prefixes;

/// A run of text in one language, possibly stitched from several places of the file.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: MappedText,
    pub lang: Lang,
    /// 1-based line where it starts.
    pub line: usize,
    pub heading: bool,
    /// A list item.
    pub bullet: bool,
    /// How many separate blocks were stitched into it.
    pub pieces: usize,
}

struct Segment {
    text: MappedText,
    lang: Lang,
    line: usize,
    page_start: bool,
    heading: bool,
    bullet: bool,
    line_count: usize,
}

/// The document's words, lower case, as UTF-8 bytes (looked up without validating them).
pub type Vocabulary = super::word_set::WordSet;

/// Words of the document (lower case), used to decide hyphen joins. Empty when no text line
/// ends with a hyphen: a join consults the vocabulary only where the text before it (which
/// ends where a line ends) ends with one. Only the words that a join can ask about are kept
/// (see `JoinStarts`).
pub fn vocabulary(lines: &[Line]) -> Vocabulary {
    let mut v = Vocabulary::default();
    let text_lines = || lines.iter().filter(|l| l.kind == LineKind::Text);
    if !text_lines().any(|l| l.text.text.ends_with('-')) {
        return v;
    }
    let starts = JoinStarts::of(text_lines().map(|l| l.text.text.as_str()));
    v.reserve(lines.len());
    let mut buf = [0u8; 64];
    let mut lowered = [0u8; 3 * 64];
    for l in text_lines() {
        for (w, ascii) in runs(
            &l.text.text,
            &super::words::ALNUM_HYPHEN,
            char::is_alphanumeric,
        ) {
            if w.len() > 2 && !w.ends_with('-') && !w.starts_with('-') && starts.may_ask_head(w) {
                // an ASCII word is lowered on the stack
                if ascii && w.len() <= buf.len() {
                    let lower = &mut buf[..w.len()];
                    lower.copy_from_slice(w.as_bytes());
                    lower.make_ascii_lowercase();
                    v.insert(lower);
                } else {
                    let owned: Vec<u8>;
                    let lower = match super::words::lowered_in(w, &mut lowered) {
                        Some(lower) => lower,
                        None => {
                            owned = w.to_lowercase().into_bytes();
                            &owned
                        }
                    };
                    // the head passed; a word's own capital sigma is judged once lowered
                    if starts.may_ask(lower) {
                        v.insert(lower);
                    }
                }
            }
        }
    }
    v
}

/// How the words a hyphen join asks about can start. A join asks about `left + right` and
/// `left-right`, lowered, where `left` is the word before the hyphen that ends the text so far:
/// the end of some text line, trimmed. The first one or two bytes of that word's first two
/// characters, lowered one by one, start both questions (lowering is character by character,
/// but for a capital sigma, which looks at its neighbours: where one starts the word, every
/// word is kept), and a word of the document that starts otherwise is never asked about. A
/// word that reaches its line's start either starts there or continues an earlier line that
/// ends with a hyphen (a join without one puts a space between), whose word is recorded too.
struct JoinStarts {
    /// Every word may be asked about.
    all: bool,
    /// How the `left` words begin, lowered (their first two characters, lowered one by one).
    lefts: Prefixes,
}

impl JoinStarts {
    fn of<'a>(texts: impl Iterator<Item = &'a str>) -> JoinStarts {
        let mut s = JoinStarts {
            all: false,
            lefts: Prefixes::default(),
        };
        for t in texts {
            let Some(before) = t.trim_end().strip_suffix('-') else {
                continue;
            };
            let mut head = [0u8; HEAD];
            match lowered_head(word_at_end(before), &mut head) {
                None => {
                    s.all = true;
                    return s;
                }
                Some(n) => s.lefts.add(&head[..n.min(2)]),
            }
        }
        s
    }

    /// Whether a join may ask about `word` once lowered, judging by its first two characters
    /// lowered one by one (without lowering the rest of it).
    fn may_ask_head(&self, word: &str) -> bool {
        if self.all {
            return true;
        }
        if let [b0, b1, ..] = *word.as_bytes() {
            if b0.is_ascii() && b1.is_ascii() {
                return self.may_ask(&[b0.to_ascii_lowercase(), b1.to_ascii_lowercase()]);
            }
        }
        let mut head = [0u8; HEAD];
        match lowered_head(word, &mut head) {
            None | Some(0) => true,
            Some(n) => self.may_ask(&head[..n.min(2)]),
        }
    }

    /// Whether a join may ask about `word` (lowered).
    fn may_ask(&self, word: &[u8]) -> bool {
        self.all || self.lefts.may_begin(word)
    }
}

/// Room for two characters lowered (a character lowers to at most three).
const HEAD: usize = 24;

/// The first two characters of `word`, lowered one by one into `head`: how many bytes. `None`
/// for a capital sigma, which lowers according to its neighbours.
fn lowered_head(word: &str, head: &mut [u8; HEAD]) -> Option<usize> {
    let mut n = 0;
    for c in word.chars().take(2) {
        if c == 'Σ' {
            return None;
        }
        for l in c.to_lowercase() {
            n += l.encode_utf8(&mut head[n..]).len();
        }
    }
    Some(n)
}

/// The word (letters, digits and hyphens) that `text` ends with.
fn word_at_end(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// Lines whose previous text line is separated from them by a paragraph break.
pub fn boundaries(lines: &[Line], double_spaced: bool) -> Vec<bool> {
    let mut out = Vec::new();
    let mut empties = 0usize;
    let mut spacer = false;
    let mut prev_heading = true;
    for l in lines {
        match l.kind {
            LineKind::Empty => empties += 1,
            LineKind::Spacer => spacer = true,
            LineKind::Text => {
                let gap = if double_spaced {
                    spacer || empties >= 2
                } else {
                    spacer || empties >= 1
                };
                out.push(gap || l.page_start || l.break_before || l.heading || prev_heading);
                prev_heading = l.heading;
                empties = 0;
                spacer = false;
            }
        }
    }
    out
}

/// True when most text lines are followed by an empty line (double-spaced transcripts).
pub fn is_double_spaced(lines: &[Line]) -> bool {
    let mut text = 0usize;
    let mut followed = 0usize;
    for w in lines.windows(2) {
        if w[0].kind == LineKind::Text {
            text += 1;
            if w[1].kind == LineKind::Empty {
                followed += 1;
            }
        }
    }
    text > 20 && followed * 10 >= text * 7
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', ')', '»', '”', ' ']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric() || *c == '(')
        .is_some_and(|c| c.is_lowercase() || c == '(')
        && !text.starts_with(['—', '–'])
}

/// Page furniture: page numbers, document numbers, running headers.
fn is_furniture(text: &str) -> bool {
    // letter-spaced running headers: `K A M E R • 2e Z I T T I N G …`
    let (tokens, single) = tokens_and_singles(text);
    let spaced = tokens >= 6 && single * 2 >= tokens;
    spaced
        || (text.len() < 40 && {
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            (!text.chars().any(char::is_lowercase) && letters < 12)
                || (text.len() < 25 && letters <= 3)
        })
}

/// How many white-space-separated tokens `text` has (`split_whitespace`), and how many of
/// them are one character: in one walk over the bytes, eight at a time where they are ASCII,
/// decoding only non-ASCII characters.
fn tokens_and_singles(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let (mut tokens, mut single) = (0usize, 0usize);
    // characters of the current token so far: 0 (between tokens), 1, or 2 for more
    let mut in_token = 0u8;
    let mut i = 0;
    while i < b.len() {
        if let Some(word) = words::ascii_word_at(b, i) {
            let (t, s, after) = ascii_tokens(word, in_token);
            tokens += t;
            single += s;
            in_token = after;
            i += 8;
            continue;
        }
        let (space, len) = if b[i].is_ascii() {
            // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, carriage
            // return, space
            (matches!(b[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = text[i..].chars().next().expect("a char boundary");
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            single += usize::from(in_token == 1);
            in_token = 0;
        } else {
            tokens += usize::from(in_token == 0);
            in_token = (in_token + 1).min(2);
        }
        i += len;
    }
    single += usize::from(in_token == 1);
    (tokens, single)
}

/// [`tokens_and_singles`]' walk over eight ASCII bytes, `in_token` before them: the tokens
/// that start here, the one-character tokens that end here, and `in_token` after them.
fn ascii_tokens(word: u64, in_token: u8) -> (usize, usize, u8) {
    // white space as `char::is_whitespace` has it in ASCII: tab to carriage return, space
    let space = words::ascii_in_range(word, b'\t', b'\r') | words::ascii_in_range(word, b' ', b' ');
    // a token starts after white space (before the word: between tokens)
    let starts = !space & words::after_marked(space, in_token == 0) & words::HIGH;
    // a token that started at k - 1 and ends at k (white space): one character
    let singles = words::after_marked(starts, in_token == 1) & space;
    let last = 0x80 << 56;
    let after = if space & last != 0 {
        0
    } else if starts & last != 0 {
        1
    } else {
        2
    };
    (
        starts.count_ones() as usize,
        singles.count_ones() as usize,
        after,
    )
}

/// Appends `next` to `prev` as the next line of the same text: removes a line-end hyphen when
/// it splits a word, keeps it in compounds (`eIDAS-verordening`, `NIS2-Richtlijn`, `e-commerce`).
pub fn join_line(prev: &mut MappedText, next: &MappedText, vocab: &Vocabulary) {
    prev.trim_end_in_place();
    if prev.is_empty() {
        prev.push_mapped(next);
        return;
    }
    let t = &prev.text;
    if let Some(before) = t.strip_suffix('-') {
        let left = word_at_end(before);
        let right = next
            .text
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(next.text.as_str(), |end| &next.text[..end]);
        let left_is_word = left.chars().last().is_some_and(char::is_alphanumeric);
        if left_is_word && !right.is_empty() {
            if !keep_hyphen(left, right, vocab) {
                let n = prev.len();
                prev.remove_range(n - 1, n);
            }
            prev.push_mapped(next);
            return;
        }
    }
    // the space that stands for the line break maps to the last character before it
    let space_at = prev.orig(prev.len() - 1);
    prev.push(' ', space_at);
    prev.push_mapped(next);
}

fn keep_hyphen(left: &str, right: &str, vocab: &Vocabulary) -> bool {
    // `left-right`, then `leftright`, each lowered as a whole (a capital sigma lowers by its
    // neighbours)
    let mut raw = String::with_capacity(left.len() + 1 + right.len());
    raw.push_str(left);
    raw.push('-');
    raw.push_str(right);
    let hyphenated = raw.to_lowercase();
    raw.remove(left.len());
    let joined = raw.to_lowercase();
    let known = |w: &String| vocab.contains(w.as_bytes());
    if known(&hyphenated) && !known(&joined) {
        return true;
    }
    if known(&joined) {
        return false;
    }
    // judge the last piece of a compound (`eIDAS-reglemen-` + `tering`)
    let last = left.rsplit('-').next().unwrap_or(left);
    let first_right = right.chars().next().unwrap();
    first_right.is_uppercase()
        || first_right.is_ascii_digit()
        || last.chars().any(|c| c.is_ascii_digit())
        || last.chars().filter(|c| c.is_uppercase()).count() >= 2
        || last.chars().count() == 1
}

/// Joins words broken at a lost ligature (`identifi catie`, `fl orissant`, `Enfi n`).
pub fn repair_ligatures(text: &mut MappedText) {
    const REAL_WORDS: &[&str] = &["défi", "wifi", "hifi", "sci-fi", "wi-fi", "hi-fi", "fi"];
    // an `f` is rarer than an `i` or an `l`: look for it (memchr) and at what follows
    let mut i = 0;
    while let Some(rel) = text.text[i..].find('f') {
        let at = i + rel + 1;
        i = at;
        let b = text.text.as_bytes();
        if at + 2 >= b.len() || !matches!(b[at], b'i' | b'l') || b[at + 1] != b' ' {
            continue;
        }
        let next = text.text[at + 2..].chars().next().unwrap();
        if !next.is_lowercase() {
            continue;
        }
        let word_start = text.text[..at + 1]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let left = text.text[word_start..=at].to_lowercase();
        if REAL_WORDS.contains(&left.as_str()) && left != "fi" {
            continue;
        }
        if left == "fi"
            && word_start > 0
            && text.text[..word_start].ends_with(|c: char| c.is_alphabetic())
        {
            continue;
        }
        text.remove_range(at + 1, at + 2);
    }
}

/// Builds the paragraphs of a document from its lines and their languages.
pub fn paragraphs(
    lines: Vec<Line>,
    langs: &[Lang],
    boundary: &[bool],
    vocab: &Vocabulary,
) -> Vec<Paragraph> {
    let is_text = |l: &Line| l.kind == LineKind::Text;
    let starts_segment = |i: usize| i == 0 || boundary[i] || langs[i] != langs[i - 1];
    // each segment's length once joined (at most its lines and a space between each two),
    // reserved when it starts, so that it grows once
    let mut joined_len: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().filter(|l| is_text(l)).enumerate() {
        if starts_segment(i) {
            joined_len.push(0);
        }
        *joined_len.last_mut().expect("a segment") += l.text.len() + 1;
    }
    // 1. segments: runs of lines of one language without a boundary
    let mut segments: Vec<Segment> = Vec::with_capacity(joined_len.len());
    for (i, l) in lines.into_iter().filter(is_text).enumerate() {
        if starts_segment(i) {
            let mut text = l.text;
            // the next lines of the segment, each after a space
            let room = joined_len[segments.len()] - (text.len() + 1);
            text.text.reserve(room);
            segments.push(Segment {
                text,
                lang: langs[i],
                line: l.number,
                page_start: l.page_start,
                heading: l.heading,
                bullet: l.bullet,
                line_count: 1,
            });
        } else {
            let s = segments.last_mut().unwrap();
            join_line(&mut s.text, &l.text, vocab);
            s.line_count += 1;
        }
    }
    // 2. stitching: each language keeps its open (unfinished) paragraph
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open: Vec<(Lang, usize)> = Vec::new();
    let mut previous_lang: Option<Lang> = None;
    for seg in segments {
        if is_furniture(&seg.text.text) && !seg.heading {
            continue;
        }
        // the first block of a language after the other language's column
        let column_switch = previous_lang.is_some_and(|l| l != seg.lang);
        previous_lang = Some(seg.lang);
        let slot = open.iter().position(|(l, _)| *l == seg.lang);
        if let Some(k) = slot {
            let idx = open[k].1;
            let p = &out[idx];
            let unfinished = !ends_sentence(&p.text.text);
            let continues =
                starts_lower(&seg.text.text) || ((seg.page_start || column_switch) && !p.heading);
            if unfinished && continues && !seg.heading {
                let p = &mut out[idx];
                join_line(&mut p.text, &seg.text, vocab);
                p.pieces += 1;
                p.heading = false;
                continue;
            }
            open.remove(k);
        }
        let heading = seg.heading
            || (seg.line_count == 1
                && seg.text.len() < 100
                && !ends_sentence(&seg.text.text)
                && !seg.text.text.ends_with([',', '-'])
                && !seg.text.text.contains(". ")
                && seg.text.text.split_whitespace().count() <= 14
                && !starts_lower(&seg.text.text));
        out.push(Paragraph {
            text: seg.text,
            lang: seg.lang,
            line: seg.line,
            heading,
            bullet: seg.bullet,
            pieces: 1,
        });
        open.push((seg.lang, out.len() - 1));
    }
    for p in &mut out {
        repair_ligatures(&mut p.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts are those of `split_whitespace`, on every seed line and on odd white space.
    #[test]
    fn tokens_and_singles_count_as_split_whitespace_does() {
        let mut texts = vec![
            "K A M E R \u{2022} 2e Z I T T I N G".to_string(),
            "\u{a0}a\u{2003}bc\u{85}\u{3000}é\u{b}x\u{1c}y  \t\r\n".to_string(),
            String::new(),
            " ".to_string(),
        ];
        for (_, t) in crate::test_texts::seed_texts() {
            texts.extend(t.lines().map(str::to_string));
        }
        let mut singles = 0;
        // every arrangement of sixteen letters and spaces, alone and after a two-byte letter
        for bits in 0u32..1 << 16 {
            let t: String = (0..16)
                .map(|k| if bits >> k & 1 == 1 { ' ' } else { 'x' })
                .collect();
            texts.push(format!("é{t}"));
            texts.push(t);
        }
        for t in &texts {
            let words: Vec<&str> = t.split_whitespace().collect();
            let want = (
                words.len(),
                words.iter().filter(|w| w.chars().nth(1).is_none()).count(),
            );
            assert_eq!(tokens_and_singles(t), want, "{t:?}");
            singles += want.1;
        }
        assert!(singles > 100);
    }

    fn mt(s: &str, base: usize) -> MappedText {
        let mut m = MappedText::new();
        for (i, c) in s.char_indices() {
            m.push(c, base + i);
        }
        m
    }

    fn joined(a: &str, b: &str, vocab: &[&str]) -> String {
        let v: Vocabulary = vocab.iter().collect();
        let mut p = mt(a, 0);
        join_line(&mut p, &mt(b, 100), &v);
        p.text
    }

    #[test]
    fn hyphenated_words_are_joined() {
        assert_eq!(
            joined("une politique ambi-", "tieuse pour", &[]),
            "une politique ambitieuse pour"
        );
        assert_eq!(
            joined("de controle- en coördinatiebevoegdhe-", "den worden", &[]),
            "de controle- en coördinatiebevoegdheden worden"
        );
    }

    #[test]
    fn real_hyphens_are_kept() {
        assert_eq!(joined("de l'e-", "commerce", &[]), "de l'e-commerce");
        assert_eq!(
            joined("de eIDAS-", "verordening", &[]),
            "de eIDAS-verordening"
        );
        assert_eq!(
            joined("de eIDAS-reglemen-", "tering", &[]),
            "de eIDAS-reglementering"
        );
        assert_eq!(joined("de NIS2-", "Richtlijn", &[]), "de NIS2-Richtlijn");
        assert_eq!(
            joined("het Digital Belgium-", "plan", &["belgium-plan"]),
            "het Digital Belgium-plan"
        );
    }

    /// Every word of the document, as the vocabulary was before it kept only the words a
    /// join can ask about.
    fn every_word(lines: &[Line]) -> Vocabulary {
        let mut v = Vocabulary::default();
        for l in lines.iter().filter(|l| l.kind == LineKind::Text) {
            for w in l
                .text
                .text
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            {
                if w.len() > 2 && !w.ends_with('-') && !w.starts_with('-') {
                    v.insert(w.to_lowercase().as_bytes());
                }
            }
        }
        v
    }

    #[test]
    fn the_kept_words_join_lines_as_every_word_does() {
        let mut smaller = 0;
        for (path, text) in crate::test_texts::texts_in(&["seeds", "tests/golden", "tests/data"]) {
            let format = if path.extension().is_some_and(|e| e == "md") {
                super::super::Format::Markdown
            } else {
                super::super::Format::Text
            };
            let lines = super::super::lines::split_lines(&text, format);
            let boundary = boundaries(&lines, is_double_spaced(&lines));
            let texts: Vec<&str> = lines
                .iter()
                .filter(|l| l.kind == LineKind::Text)
                .map(|l| l.text.text.as_str())
                .collect();
            let langs = super::super::langid::label_lines(&texts, &boundary, &Lang::ALL);
            let kept = vocabulary(&lines);
            let all = every_word(&lines);
            assert!(kept.is_subset(&all), "{}", path.display());
            if !kept.is_empty() && kept.len() < all.len() {
                smaller += 1;
            }
            let texts_of = |v: &Vocabulary| -> Vec<String> {
                paragraphs(lines.clone(), &langs, &boundary, v)
                    .into_iter()
                    .map(|p| p.text.text)
                    .collect()
            };
            assert_eq!(texts_of(&kept), texts_of(&all), "{}", path.display());
        }
        assert!(smaller >= 3, "the filter kept every word of most documents");
    }

    #[test]
    fn a_join_may_ask_about_the_words_that_start_like_the_word_before_its_hyphen() {
        let starts = JoinStarts::of(["de Euro-", "pese Commissie", "l'e-", "x"].into_iter());
        assert!(!starts.all);
        assert!(starts.may_ask(b"europese"));
        assert!(starts.may_ask(b"euro-pese"));
        assert!(starts.may_ask(b"e-commerce"));
        assert!(starts.may_ask(b"eu"));
        assert!(!starts.may_ask(b"pese"));
        assert!(!starts.may_ask(b"commissie"));
        // a line that is one word may continue the line before it, whose word is recorded
        let starts = JoinStarts::of(["de eIDAS-reglemen-", "tering-", "instrument"].into_iter());
        assert!(starts.may_ask(b"eidas-reglementering-instrument"));
        assert!(starts.may_ask(b"tering"));
        assert!(!starts.may_ask(b"instrument") && !starts.may_ask(b"commissie"));
        // a letter beyond ASCII starts the words as it is lowered
        let starts = JoinStarts::of(["une Év-", "aluation", "le dé-", "veloppement"].into_iter());
        assert!(
            starts.may_ask("évaluation".as_bytes()) && starts.may_ask("dé-veloppement".as_bytes())
        );
        assert!(!starts.may_ask("à-propos".as_bytes()) && !starts.may_ask(b"developpement"));
        // and the first two characters, lowered one by one, decide for a word not lowered yet
        for w in [
            "ÉVALUATION",
            "Dé-Veloppement",
            "À-propos",
            "Développement",
            "Straße",
        ] {
            let lowered = w.to_lowercase();
            assert_eq!(
                starts.may_ask_head(w),
                starts.may_ask(lowered.as_bytes()),
                "{w}"
            );
        }
        // a capital sigma lowers by its neighbours: every word is kept
        assert!(JoinStarts::of(["ΣΑ-", "Β"].into_iter()).all);
    }

    #[test]
    fn the_document_vocabulary_decides_doubtful_hyphens() {
        assert_eq!(
            joined("de Euro-", "pese Commissie", &["europese"]),
            "de Europese Commissie"
        );
        assert_eq!(
            joined("een data-", "gedreven", &["data-gedreven"]),
            "een data-gedreven"
        );
    }

    #[test]
    fn broken_ligatures_are_repaired_and_real_words_left_alone() {
        for (input, want) in [
            (
                "een sterk identifi catie- en access",
                "een sterk identificatie- en access",
            ),
            (
                "le projet sera bénéfi que pour",
                "le projet sera bénéfique pour",
            ),
            (
                "le segment fl orissant des envois",
                "le segment florissant des envois",
            ),
            ("Enfi n, je défendrai", "Enfin, je défendrai"),
            ("un défi majeur", "un défi majeur"),
            ("the staff members", "the staff members"),
            ("la tarifi cation Fi Nance", "la tarification Fi Nance"),
        ] {
            let mut m = mt(input, 0);
            repair_ligatures(&mut m);
            assert_eq!(m.text, want);
            // the repair only removes bytes: each character left maps to itself in the input
            assert!(
                crate::normalise::mapped::well_formed(&m.text, &m.runs),
                "{input}"
            );
            for (i, c) in m.text.char_indices() {
                assert!(input[m.orig(i)..].starts_with(c), "{input}: {c} at {i}");
            }
        }
    }
}
