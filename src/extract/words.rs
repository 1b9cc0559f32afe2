//! Lexicon matching. Every word list in `rules/` becomes one Aho-Corasick
//! automaton (leftmost-longest), so a sentence is scanned once per list
//! however long the list is; ASCII words must stand on word boundaries.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

/// A set of words, each carrying a value.
#[derive(Debug, Clone)]
pub struct Words<T> {
    automaton: AhoCorasick,
    values: Vec<T>,
    ascii_edges: Vec<(bool, bool)>,
}

/// One occurrence of a word in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

impl<T> Words<T> {
    pub fn new(pairs: impl IntoIterator<Item = (String, T)>) -> Words<T> {
        Words::build(pairs, false)
    }

    /// Like `new`, but ASCII letters match in any case (Revenue, revenue):
    /// for keyword lists, not for names.
    pub fn any_case(pairs: impl IntoIterator<Item = (String, T)>) -> Words<T> {
        Words::build(pairs, true)
    }

    fn build(pairs: impl IntoIterator<Item = (String, T)>, any_case: bool) -> Words<T> {
        // A word given twice (two entities sharing a name) keeps its first
        // value, which is what the automaton would report; dropping the
        // copies keeps a lexicon of many repeats from building slowly.
        let mut seen = std::collections::HashSet::new();
        let (words, values): (Vec<String>, Vec<T>) = pairs
            .into_iter()
            .filter(|(w, _)| !w.is_empty())
            .filter(|(w, _)| match any_case {
                true => seen.insert(w.to_ascii_lowercase()),
                false => seen.insert(w.clone()),
            })
            .unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .ascii_case_insensitive(any_case)
            .build(&words)
            .expect("word lists build an automaton");
        let ascii_edges = words
            .iter()
            .map(|w| {
                let first = w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                let last = w.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
                (first, last)
            })
            .collect();
        Words {
            automaton,
            values,
            ascii_edges,
        }
    }

    /// All non-overlapping occurrences in `text[range]`, positions in `text`.
    pub fn find<'a>(&'a self, text: &str, range: std::ops::Range<usize>) -> Vec<Hit<'a, T>> {
        let hay = &text[range.clone()];
        self.automaton
            .find_iter(hay)
            .filter(|m| self.on_boundaries(hay, m.start(), m.end(), m.pattern().as_usize()))
            .map(|m| Hit {
                start: range.start + m.start(),
                end: range.start + m.end(),
                value: &self.values[m.pattern().as_usize()],
            })
            .collect()
    }

    /// The longest word that `text` ends with (ignoring trailing spaces).
    pub fn suffix_of<'a>(&'a self, text: &str) -> Option<Hit<'a, T>> {
        let text = text.trim_end();
        // Words are short: only the last few characters can start one.
        text.char_indices()
            .rev()
            .take(16)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .find_map(|(i, _)| {
                let input = Input::new(text).span(i..text.len()).anchored(Anchored::Yes);
                let m = self.automaton.find(input)?;
                let p = m.pattern().as_usize();
                (m.end() == text.len() && self.on_boundaries(text, m.start(), m.end(), p)).then(
                    || Hit {
                        start: m.start(),
                        end: m.end(),
                        value: &self.values[p],
                    },
                )
            })
    }

    /// The longest word that `text` starts with.
    pub fn prefix_of<'a>(&'a self, text: &str) -> Option<Hit<'a, T>> {
        let m = self
            .automaton
            .find(Input::new(text).anchored(Anchored::Yes))?;
        (self.on_boundaries(text, 0, m.end(), m.pattern().as_usize())).then(|| Hit {
            start: 0,
            end: m.end(),
            value: &self.values[m.pattern().as_usize()],
        })
    }

    pub fn contains(&self, text: &str) -> bool {
        !self.find(text, 0..text.len()).is_empty()
    }

    fn on_boundaries(&self, hay: &str, start: usize, end: usize, pattern: usize) -> bool {
        let (first, last) = self.ascii_edges[pattern];
        let before_ok = !first
            || !hay[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        let after_ok = !last
            || !hay[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        before_ok && after_ok
    }
}

/// Convenience: a keyword list (any case) where the value is unit.
pub fn set(words: &[String]) -> Words<()> {
    Words::any_case(words.iter().map(|w| (w.clone(), ())))
}

/// Change words (增长, fell, up) together with phrases that contain one but
/// name no change (made up, up to): a hit of the longer phrase hides the
/// change word inside it.
#[derive(Debug, Clone)]
pub struct ChangeWords {
    words: Words<bool>,
}

impl ChangeWords {
    pub fn new(change: &[String], not_change: &[String]) -> ChangeWords {
        let pairs = change
            .iter()
            .map(|w| (w.clone(), true))
            .chain(not_change.iter().map(|w| (w.clone(), false)));
        ChangeWords {
            words: Words::any_case(pairs),
        }
    }

    pub fn find<'a>(&'a self, text: &str, range: std::ops::Range<usize>) -> Vec<Hit<'a, bool>> {
        self.words
            .find(text, range)
            .into_iter()
            .filter(|h| *h.value)
            .collect()
    }

    pub fn prefix_of<'a>(&'a self, text: &str) -> Option<Hit<'a, bool>> {
        self.words.prefix_of(text).filter(|h| *h.value)
    }

    pub fn contains(&self, text: &str) -> bool {
        !self.find(text, 0..text.len()).is_empty()
    }
}
