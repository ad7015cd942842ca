//! Text that remembers where every byte came from: the carrier of offsets through normalisation.

/// A string whose every byte maps back to the byte offset (in the original file) of the
/// character that produced it. Characters inserted by normalisation (a space standing for a
/// line break) map to the character they replace. The map is kept as runs (see [`Run`]): text
/// copied from the original is one run however long, so the map costs a few integers a line
/// instead of four bytes a byte copied at every stage. Offsets are stored as `u32`: a text to
/// normalise is at most one file segment (see [`crate::read::SEGMENT_BYTES`]), far below 4 GiB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    pub text: String,
    pub runs: Runs,
}

/// `(at, orig)`: from byte `at` of a text up to the next run's start, byte `at + k` came from
/// original byte `orig + k`. An offset is read at the start of its character, so every byte
/// of a character maps where the character came from.
pub type Run = (u32, u32);

/// A text's runs: most lines have one or two, kept without an allocation.
pub type Runs = smallvec::SmallVec<[Run; 2]>;

impl MappedText {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        MappedText {
            text: String::with_capacity(bytes),
            runs: Runs::new(),
        }
    }

    /// Maps byte `at` of the text (its end: the bytes after it are about to be pushed) to
    /// `orig`: the last run goes on when it already says so, else a run starts.
    fn map_at(&mut self, at: usize, orig: usize) {
        let (at, orig) = (offset(at), offset(orig));
        if let Some(&(a, o)) = self.runs.last() {
            if u64::from(o) + u64::from(at - a) == u64::from(orig) {
                return;
            }
        }
        self.runs.push((at, orig));
    }

    pub fn push(&mut self, c: char, orig: usize) {
        self.map_at(self.text.len(), orig);
        self.text.push(c);
    }

    /// Pushes an ASCII run of the original that starts at byte `orig` (one byte, one character).
    pub fn push_ascii(&mut self, run: &str, orig: usize) {
        debug_assert!(run.is_ascii());
        // the run's end fits too, so the offsets counted up from `orig` do not overflow
        offset(orig + run.len());
        if !run.is_empty() {
            self.map_at(self.text.len(), orig);
            self.text.push_str(run);
        }
    }

    pub fn push_mapped(&mut self, other: &MappedText) {
        let base = self.text.len();
        let mut runs = other.runs.iter();
        // the first run may go on from this text's last; the others start where they did
        if let Some(&(a, o)) = runs.next() {
            self.map_at(base + a as usize, o as usize);
        }
        for &(a, o) in runs {
            self.runs.push((offset(base + a as usize), o));
        }
        self.text.push_str(&other.text);
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Original byte offset of the character at byte `i` of this text.
    pub fn orig(&self, i: usize) -> usize {
        lookup(&self.text, &self.runs, i)
    }

    /// A copy of the byte range `start..end` (must lie on char boundaries).
    pub fn slice(&self, start: usize, end: usize) -> MappedText {
        MappedText {
            text: self.text[start..end].to_string(),
            runs: sub_runs(&self.runs, start, end),
        }
    }

    /// Removes leading and trailing white space in place.
    pub fn trim_in_place(&mut self) {
        self.trim_end_in_place();
        self.remove_front(self.text.len() - self.text.trim_start().len());
    }

    /// Removes the first `n` bytes (a char boundary) in place.
    pub fn remove_front(&mut self, n: usize) {
        if n > 0 {
            self.runs = sub_runs(&self.runs, n, self.text.len());
            self.text.drain(..n);
        }
    }

    /// Removes trailing white space in place.
    pub fn trim_end_in_place(&mut self) {
        let end = self.text.trim_end().len();
        self.text.truncate(end);
        let keep = self.runs.partition_point(|&(a, _)| (a as usize) < end);
        self.runs.truncate(keep);
    }

    /// Removes the byte range `start..end` in place.
    pub fn remove_range(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        // the runs before `start`, then those after `end` moved back to `start`
        let after = sub_runs(&self.runs, end, self.text.len());
        let keep = self.runs.partition_point(|&(a, _)| (a as usize) < start);
        self.runs.truncate(keep);
        self.runs.extend(
            after
                .into_iter()
                .map(|(a, o)| (offset(a as usize + start), o)),
        );
        self.text.replace_range(start..end, "");
    }

    /// The original byte span `[start, end)` covered by the byte range `a..b` of this text.
    pub fn orig_span(&self, a: usize, b: usize, original: &str) -> (usize, usize) {
        orig_span(&self.text, &self.runs, a, b, original)
    }

    /// The original offset of every byte, one by one (for checks).
    pub fn offsets(&self) -> Vec<usize> {
        offsets(&self.text, &self.runs)
    }
}

/// The original offset of every byte of `text`, mapped by `runs`, one by one (for checks).
pub fn offsets(text: &str, runs: &[Run]) -> Vec<usize> {
    (0..text.len()).map(|i| lookup(text, runs, i)).collect()
}

/// Whether `runs` can map `text`: a first run at its start (none for an empty text), then
/// runs starting further on, each at a character of the text.
pub fn well_formed(text: &str, runs: &[Run]) -> bool {
    let starts_at_zero = match runs.first() {
        None => text.is_empty(),
        Some(&(a, _)) => a == 0 && !text.is_empty(),
    };
    starts_at_zero
        && runs.windows(2).all(|w| w[0].0 < w[1].0)
        && runs
            .iter()
            .all(|&(a, _)| (a as usize) < text.len() && text.is_char_boundary(a as usize))
}

/// The original offset of the character at byte `i` of `text`, mapped by `runs`.
pub fn lookup(text: &str, runs: &[Run], i: usize) -> usize {
    assert!(i < text.len(), "byte {i} of a text of {} bytes", text.len());
    let mut c = i;
    while !text.is_char_boundary(c) {
        c -= 1;
    }
    let k = runs.partition_point(|&(a, _)| a as usize <= c);
    let (a, o) = runs[k.checked_sub(1).expect("a run from the text's start")];
    o as usize + (c - a as usize)
}

/// The runs of the bytes `start..end` (char boundaries) of a text mapped by `runs`, counted
/// from `start`.
fn sub_runs(runs: &[Run], start: usize, end: usize) -> Runs {
    if start >= end {
        return Runs::new();
    }
    let k = runs.partition_point(|&(a, _)| a as usize <= start) - 1;
    let (a, o) = runs[k];
    let mut out = Runs::new();
    out.push((0, offset(o as usize + (start - a as usize))));
    for &(a, o) in &runs[k + 1..] {
        if a as usize >= end {
            break;
        }
        out.push((offset(a as usize - start), o));
    }
    out
}

/// The original byte span covered by the byte range `a..b` of `text`, mapped by `runs`.
pub fn orig_span(text: &str, runs: &[Run], a: usize, b: usize, original: &str) -> (usize, usize) {
    if a >= b || text.is_empty() {
        // an empty range: where it stands (past the end, at the last character)
        let p = match text.len() {
            0 => 0,
            n => lookup(text, runs, a.min(n - 1)),
        };
        return (p, p);
    }
    let start = lookup(text, runs, a);
    let last = lookup(text, runs, b - 1);
    let len = original[last..].chars().next().map_or(0, char::len_utf8);
    (start, (last + len).max(start))
}

/// An offset of the text being normalised, as stored in a map.
pub fn offset(orig: usize) -> u32 {
    u32::try_from(orig).expect("a text to normalise is smaller than 4 GiB (read in segments)")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The map as first written: the original offset of every byte.
    #[derive(Default)]
    struct ByteMap {
        text: String,
        map: Vec<usize>,
    }

    impl ByteMap {
        fn push(&mut self, c: char, orig: usize) {
            self.text.push(c);
            self.map.extend(std::iter::repeat_n(orig, c.len_utf8()));
        }
        fn push_ascii(&mut self, run: &str, orig: usize) {
            self.text.push_str(run);
            self.map.extend(orig..orig + run.len());
        }
    }

    /// Pushes, joins, slices, trims and removals of runs give every byte the offset the per-byte
    /// map gives it, on texts mixing ASCII runs, characters of every width copied in place or
    /// replaced, and inserted spaces.
    #[test]
    fn runs_map_every_byte_as_a_byte_map_does() {
        let chars = ['a', 'é', '€', '𝔸', ' ', '-', 'ﬁ', '\''];
        for seed in 0..400u32 {
            let mut next = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
            let mut rnd = |n: u32| {
                next ^= next << 13;
                next ^= next >> 17;
                next ^= next << 5;
                next % n
            };
            let (mut m, mut r) = (MappedText::new(), ByteMap::default());
            let mut orig = 0usize;
            for _ in 0..(5 + rnd(30)) {
                match rnd(6) {
                    0 | 1 => {
                        let run = &"abcdefghij"[..1 + rnd(9) as usize];
                        m.push_ascii(run, orig);
                        r.push_ascii(run, orig);
                        orig += run.len() + rnd(3) as usize;
                    }
                    2 | 3 => {
                        // a character where another of any width stood (or the same one)
                        let c = chars[rnd(chars.len() as u32) as usize];
                        m.push(c, orig);
                        r.push(c, orig);
                        orig += 1 + rnd(4) as usize;
                    }
                    4 => {
                        // a joined line: a space mapped to the last character, then the line
                        let mut other = MappedText::new();
                        let mut other_r = ByteMap::default();
                        let at = orig + 1 + rnd(3) as usize;
                        other.push_ascii("xy", at);
                        other.push('é', at + 2);
                        other_r.push_ascii("xy", at);
                        other_r.push('é', at + 2);
                        if !m.is_empty() {
                            let last = m.orig(m.len() - 1);
                            m.push(' ', last);
                            r.push(' ', last);
                        }
                        m.push_mapped(&other);
                        r.text.push_str(&other_r.text);
                        r.map.extend(&other_r.map);
                        orig = at + 4;
                    }
                    _ => {
                        // remove a range of characters
                        let bounds: Vec<usize> = (0..=m.len())
                            .filter(|&i| m.text.is_char_boundary(i))
                            .collect();
                        let a = bounds[rnd(bounds.len() as u32) as usize];
                        let b = bounds[rnd(bounds.len() as u32) as usize];
                        let (a, b) = (a.min(b), a.max(b));
                        m.remove_range(a, b);
                        r.text.replace_range(a..b, "");
                        r.map.drain(a..b);
                    }
                }
                assert_eq!(m.text, r.text);
                assert!(well_formed(&m.text, &m.runs), "seed {seed}: {:?}", m.runs);
                assert_eq!(m.offsets(), r.map, "seed {seed}: {:?}", m.text);
            }
            let bounds: Vec<usize> = (0..=m.len())
                .filter(|&i| m.text.is_char_boundary(i))
                .collect();
            for &a in &bounds {
                for &b in bounds.iter().filter(|&&b| b >= a) {
                    let s = m.slice(a, b);
                    assert_eq!(s.offsets(), r.map[a..b], "seed {seed}: {a}..{b}");
                    let mut t = m.clone();
                    t.remove_front(a);
                    assert_eq!(t.offsets(), r.map[a..], "seed {seed}: from {a}");
                }
            }
            let mut t = m.clone();
            t.push_ascii("  ", orig);
            t.trim_in_place();
            let trimmed = r.text.trim_start();
            let front = r.text.len() - trimmed.len();
            let end = front + trimmed.trim_end().len();
            assert_eq!(t.offsets(), r.map[front..end], "seed {seed}: trimmed");
        }
    }
}
