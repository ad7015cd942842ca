//! Text that remembers where every byte came from: the carrier of offsets through normalisation.

/// A string whose every byte maps back to the byte offset (in the original file) of the
/// character that produced it. Characters inserted by normalisation (a space standing for a
/// line break) map to the character they replace. Offsets are stored as `u32` (half the
/// memory traffic of `usize`): a text to normalise is at most one file segment (see
/// [`crate::read::SEGMENT_BYTES`]), far below 4 GiB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    pub text: String,
    pub map: Vec<u32>,
}

impl MappedText {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        MappedText {
            text: String::with_capacity(bytes),
            map: Vec::with_capacity(bytes),
        }
    }

    pub fn push(&mut self, c: char, orig: usize) {
        self.text.push(c);
        self.map
            .extend(std::iter::repeat_n(offset(orig), c.len_utf8()));
    }

    /// Pushes an ASCII run of the original that starts at byte `orig` (one byte, one character).
    pub fn push_ascii(&mut self, run: &str, orig: usize) {
        debug_assert!(run.is_ascii());
        let first = offset(orig);
        // the run's end fits too, so the offsets counted up from `first` do not overflow
        offset(orig + run.len());
        self.text.push_str(run);
        self.map.extend((first..).take(run.len()));
    }

    pub fn push_mapped(&mut self, other: &MappedText) {
        self.text.push_str(&other.text);
        self.map.extend_from_slice(&other.map);
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Original byte offset of the character at byte `i` of this text.
    pub fn orig(&self, i: usize) -> usize {
        self.map[i] as usize
    }

    /// A copy of the byte range `start..end` (must lie on char boundaries).
    pub fn slice(&self, start: usize, end: usize) -> MappedText {
        MappedText {
            text: self.text[start..end].to_string(),
            map: self.map[start..end].to_vec(),
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
            self.text.drain(..n);
            self.map.drain(..n);
        }
    }

    /// Removes trailing white space in place.
    pub fn trim_end_in_place(&mut self) {
        let end = self.text.trim_end().len();
        self.text.truncate(end);
        self.map.truncate(end);
    }

    /// Removes the byte range `start..end` in place.
    pub fn remove_range(&mut self, start: usize, end: usize) {
        self.text.replace_range(start..end, "");
        self.map.drain(start..end);
    }

    /// The original byte span `[start, end)` covered by the byte range `a..b` of this text.
    pub fn orig_span(&self, a: usize, b: usize, original: &str) -> (usize, usize) {
        orig_span(&self.map, a, b, original)
    }
}

/// The original byte span covered by the byte range `a..b` of a text with offset map `map`.
pub fn orig_span(map: &[u32], a: usize, b: usize, original: &str) -> (usize, usize) {
    if a >= b || map.is_empty() {
        let p = map.get(a).or(map.last()).map_or(0, |&o| o as usize);
        return (p, p);
    }
    let start = map[a] as usize;
    let last = map[b - 1] as usize;
    let len = original[last..].chars().next().map_or(0, char::len_utf8);
    (start, (last + len).max(start))
}

/// An offset of the text being normalised, as stored in a map.
pub fn offset(orig: usize) -> u32 {
    u32::try_from(orig).expect("a text to normalise is smaller than 4 GiB (read in segments)")
}
