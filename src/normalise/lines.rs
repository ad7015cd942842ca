//! Physical lines: typographic clean-up, Markdown/HTML residue removal, and the layout cues
//! (blank lines, page starts, list items, headings) that later decide where blocks begin.

use super::mapped::MappedText;

/// How the source text is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

/// One logical line of the source (a physical line, or a table cell / HTML block of one).
#[derive(Debug, Clone)]
pub struct Line {
    pub text: MappedText,
    /// 1-based line number in the original file.
    pub number: usize,
    pub kind: LineKind,
    /// The physical line starts with white space: in text flattened from PDF this marks the
    /// first line of a new page or column.
    pub page_start: bool,
    /// Markdown heading (`# …`).
    pub heading: bool,
    /// Starts a new block whatever the spacing (list item, table cell, HTML block).
    pub break_before: bool,
    /// Starts a list item (a bullet or `1)` was removed).
    pub bullet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing at all.
    Empty,
    /// Only white space: a deliberate spacer in double-spaced transcripts.
    Spacer,
    Text,
}

const BULLETS: &[&str] = &["- ", "* ", "+ ", "• ", "— ", "– ", "· ", "▪ ", "o "];

/// Splits `original` into cleaned logical lines.
pub fn split_lines(original: &str, format: Format) -> Vec<Line> {
    // room for a line every 32 bytes: most documents' lines are longer, so the vector of
    // these large records is not copied as it grows (counting the lines first costs more)
    let mut lines = Vec::with_capacity(original.len() / 32 + 1);
    let mut offset = 0usize;
    // one buffer for every line's pieces (most lines are one piece)
    let mut pieces = Vec::new();
    for (i, raw) in original.split('\n').enumerate() {
        let number = i + 1;
        let raw_no_cr = raw.strip_suffix('\r').unwrap_or(raw);
        let base = offset;
        offset += raw.len() + 1;
        if raw_no_cr.is_empty() {
            lines.push(blank(number, LineKind::Empty));
            continue;
        }
        if raw_no_cr
            .chars()
            .all(|c| c.is_whitespace() || is_invisible(c))
        {
            lines.push(blank(number, LineKind::Spacer));
            continue;
        }
        let page_start = raw_no_cr.starts_with([' ', '\t', '\u{a0}']);
        clean_line(raw_no_cr, base, format, &mut pieces);
        for (k, (mut text, heading, brk)) in pieces.drain(..).enumerate() {
            text.trim_in_place();
            if text.is_empty() {
                continue;
            }
            let (text, bullet) = strip_bullet(text);
            // a numbered paragraph or speaker turn (`04.02  Staatssecretaris …`) starts a block
            let numbered = {
                let t = text.text.as_bytes();
                t.len() > 6
                    && t[0].is_ascii_digit()
                    && t[1].is_ascii_digit()
                    && t[2] == b'.'
                    && t[3].is_ascii_digit()
                    && t[4].is_ascii_digit()
                    && t[5] == b' '
            };
            lines.push(Line {
                text,
                number,
                kind: LineKind::Text,
                page_start: page_start && k == 0,
                heading,
                break_before: brk || bullet || numbered || k > 0,
                bullet,
            });
        }
    }
    lines
}

fn blank(number: usize, kind: LineKind) -> Line {
    Line {
        text: MappedText::new(),
        number,
        kind,
        page_start: false,
        heading: false,
        break_before: false,
        bullet: false,
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\u{fffd}' | '\u{f0b7}'
    )
}

fn strip_bullet(mut text: MappedText) -> (MappedText, bool) {
    for b in BULLETS {
        if text.text.starts_with(b) && text.text.len() > b.len() {
            text.remove_front(b.len());
            text.trim_in_place();
            return (text, true);
        }
    }
    // numbered list items such as `1)` or `2.` followed by text
    let digits = text.text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && text.text[digits..].starts_with(") ") {
        text.remove_front(digits + 2);
        text.trim_in_place();
        return (text, true);
    }
    (text, false)
}

/// Cleans one physical line; adds its logical pieces to `pieces` as (text, is_heading,
/// break_before).
fn clean_line(raw: &str, base: usize, format: Format, pieces: &mut Vec<(MappedText, bool, bool)>) {
    let md = format == Format::Markdown;
    // room for the whole line: cleaning rarely lengthens it, so the text grows at most once
    let mut cur = MappedText::with_capacity(raw.len());
    let mut heading = false;
    let mut brk = false;
    let mut s = raw;
    let mut pos = base;
    if md {
        let t = raw.trim_start();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            heading = true;
            let skip = raw.len() - t.len() + hashes + 1;
            s = &raw[skip..];
            pos = base + skip;
        }
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        // a run of ASCII that needs no rule below is copied as it is
        let plain = bytes[i..]
            .iter()
            .take_while(|&&b| PLAIN[b as usize])
            .count();
        if plain > 0 {
            cur.push_ascii(&s[i..i + plain], pos + i);
            i += plain;
            continue;
        }
        let c = s[i..].chars().next().unwrap();
        let at = pos + i;
        let n = c.len_utf8();
        if md {
            // escaped punctuation: \( \) \[ \] \* \_ \. \-
            if c == '\\' && i + 1 < s.len() && bytes[i + 1].is_ascii_punctuation() {
                cur.push(bytes[i + 1] as char, at + 1);
                i += 2;
                continue;
            }
            if (s[i..].starts_with("**") || s[i..].starts_with("__")) && i + 2 <= s.len() {
                i += 2;
                continue;
            }
            if c == '[' {
                if let Some(close) = find_link_end(&s[i..]) {
                    // emit the link text, skip `](target)`
                    let (text_end, full_end) = close;
                    let inner = &s[i + 1..i + text_end];
                    for (j, ch) in inner.char_indices() {
                        push_clean(&mut cur, ch, at + 1 + j);
                    }
                    i += full_end;
                    continue;
                }
            }
            if c == '\t' {
                pieces.push((std::mem::take(&mut cur), heading, brk));
                brk = true;
                i += 1;
                continue;
            }
        }
        if c == '<' {
            if let Some(len) = html_tag_len(&s[i..]) {
                let tag = &s[i..i + len];
                if is_block_tag(tag) {
                    pieces.push((std::mem::take(&mut cur), heading, brk));
                    brk = true;
                }
                i += len;
                continue;
            }
        }
        if c == '&' {
            if let Some((rep, len)) = html_entity(&s[i..]) {
                cur.push(rep, at);
                i += len;
                continue;
            }
        }
        push_clean(&mut cur, c, at);
        i += n;
    }
    pieces.push((cur, heading, brk));
}

/// The ASCII bytes that [`clean_line`] or [`push_clean`] may change or drop: Markdown escapes,
/// emphasis, links and cell separators, HTML tags and entities, the backtick apostrophe.
const CLEANED_ASCII: &[u8] = b"\\*_[\t<&`";

/// Bytes copied as they are: ASCII outside [`CLEANED_ASCII`] (a table, looked up per byte).
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = true;
        b += 1;
    }
    let mut k = 0;
    while k < CLEANED_ASCII.len() {
        t[CLEANED_ASCII[k] as usize] = false;
        k += 1;
    }
    t
};

/// Pushes `c` with typographic normalisation: curly apostrophes become `'`, exotic spaces a
/// space, ligature characters their letters, invisible characters nothing.
fn push_clean(out: &mut MappedText, c: char, at: usize) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{b4}' => out.push('\'', at),
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\t' => out.push(' ', at),
        '\u{fb01}' => {
            out.push('f', at);
            out.push('i', at);
        }
        '\u{fb02}' => {
            out.push('f', at);
            out.push('l', at);
        }
        '\u{fb00}' => {
            out.push('f', at);
            out.push('f', at);
        }
        c if is_invisible(c) => {}
        c => out.push(c, at),
    }
}

/// For `[text](target)` at the start of `s`: (index of `]`, index after `)`).
fn find_link_end(s: &str) -> Option<(usize, usize)> {
    let close = s.find("](")?;
    if s[1..close].contains('[') {
        return None;
    }
    let rest = &s[close + 2..];
    let paren = rest.find(')')?;
    if rest[..paren].contains(' ') && !rest[..paren].starts_with('#') {
        return None;
    }
    Some((close, close + 2 + paren + 1))
}

fn html_tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 3 {
        return None;
    }
    let second = b[1];
    if !(second.is_ascii_alphabetic() || second == b'/' || second == b'!') {
        return None;
    }
    let end = s.find('>')?;
    if end > 400 || s[1..end].contains('<') {
        return None;
    }
    Some(end + 1)
}

fn is_block_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "li" | "p"
            | "br"
            | "tr"
            | "td"
            | "th"
            | "div"
            | "ul"
            | "ol"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

fn html_entity(s: &str) -> Option<(char, usize)> {
    const ENTITIES: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&nbsp;", ' '),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&apos;", '\''),
    ];
    ENTITIES
        .iter()
        .find(|(e, _)| s.starts_with(e))
        .map(|(e, c)| (*c, e.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, f: Format) -> Vec<String> {
        split_lines(s, f)
            .into_iter()
            .filter(|l| l.kind == LineKind::Text)
            .map(|l| l.text.text)
            .collect()
    }

    #[test]
    fn markdown_links_escapes_and_bold_become_plain_text() {
        let t = texts(
            "The [Law of 4 May 2016](#) and **Directive \\(EU\\) 2019/1024**.",
            Format::Markdown,
        );
        assert_eq!(
            t,
            vec!["The Law of 4 May 2016 and Directive (EU) 2019/1024."]
        );
    }

    #[test]
    fn html_list_items_and_table_cells_become_their_own_lines() {
        let lines = split_lines(
            "<li>First item</li><li>Second item</li>\tCell two",
            Format::Markdown,
        );
        let t: Vec<_> = lines.iter().map(|l| l.text.text.as_str()).collect();
        assert_eq!(t, vec!["First item", "Second item", "Cell two"]);
        assert!(lines[1].break_before && lines[2].break_before);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let src = "x\n  l\u{2019}IBPT [est](#) là";
        let lines = split_lines(src, Format::Markdown);
        let l = lines
            .iter()
            .find(|l| l.kind == LineKind::Text && l.number == 2)
            .unwrap();
        assert_eq!(l.text.text, "l'IBPT est là");
        assert!(l.page_start);
        let i = l.text.text.find("IBPT").unwrap();
        assert_eq!(&src[l.text.orig(i)..l.text.orig(i) + 4], "IBPT");
        let j = l.text.text.find("est").unwrap();
        assert_eq!(&src[l.text.orig(j)..l.text.orig(j) + 3], "est");
    }

    #[test]
    fn spacer_lines_differ_from_empty_lines() {
        let lines = split_lines("a\n\n \nb", Format::Text);
        let kinds: Vec<_> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Text,
                LineKind::Empty,
                LineKind::Spacer,
                LineKind::Text
            ]
        );
    }
}
