//! Splitting a body into paragraphs, sentences and clauses, as byte ranges
//! into the article text.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
    pub clauses: Vec<Range<usize>>,
}

impl Sentence {
    /// The clause holding byte offset `at`.
    pub fn clause_of(&self, at: usize) -> Range<usize> {
        self.clauses
            .iter()
            .find(|c| c.start <= at && at < c.end)
            .cloned()
            .unwrap_or(self.range.clone())
    }
}

const CLOSERS: [char; 8] = ['”', '’', '」', '』', ')', '）', '"', '\''];

/// Sentences of `text[body]`: paragraphs are lines; sentences end at 。！？!?
/// (with any closing quotes) or at ". " before a capital letter.
pub fn sentences(text: &str, body: Range<usize>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = body.start;
    for (paragraph, line) in text[body.clone()].split_inclusive('\n').enumerate() {
        let mut start = line_start;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let ends = matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
                || (c == '.' && english_stop(&line[..i], &line[i + 1..]));
            if !ends {
                continue;
            }
            let mut end = line_start + i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if !CLOSERS.contains(&n) && !matches!(n, '。' | '！' | '？' | '!' | '?' | '…')
                {
                    break;
                }
                end = line_start + j + n.len_utf8();
                chars.next();
            }
            push(&mut out, text, start..end, paragraph);
            start = end;
        }
        push(&mut out, text, start..line_start + line.len(), paragraph);
        line_start += line.len();
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, range: Range<usize>, paragraph: usize) {
    if text[range.clone()].trim().is_empty() {
        return;
    }
    let clauses = clauses(text, range.clone());
    out.push(Sentence {
        range,
        paragraph,
        clauses,
    });
}

/// "U.S. sales" and "3.5" do not end a sentence; "rose. The" does.
fn english_stop(before: &str, after: &str) -> bool {
    let prev_word = before
        .rsplit(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    let next = after.chars().next();
    let next2 = after.chars().nth(1);
    next.is_some_and(char::is_whitespace)
        && next2.is_some_and(|c| c.is_uppercase() || super::entity::is_han(c))
        && prev_word.len() > 2
        && !matches!(
            prev_word,
            "Inc" | "Corp" | "Ltd" | "Co" | "Mr" | "Mrs" | "Dr"
        )
}

/// Clauses end at ，,；;：: except a comma or colon between digits (36,000; 08:33).
fn clauses(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let sep = match c {
            '，' | '；' | '：' | ';' => true,
            ',' | ':' => {
                let digit_before = s[..i].ends_with(|p: char| p.is_ascii_digit());
                let digit_after = s[i + 1..].starts_with(|p: char| p.is_ascii_digit());
                !(digit_before && digit_after)
            }
            _ => false,
        };
        if sep {
            out.push(range.start + start..range.start + i + c.len_utf8());
            start = i + c.len_utf8();
        }
    }
    if start < s.len() {
        out.push(range.start + start..range.end);
    }
    out
}

/// Whether `s` has at most `n` characters, in time bounded by `n` (not by
/// `s`: the text between two far-apart offsets of a long article can be
/// megabytes, and asking "is it short?" must not count all of it).
pub fn at_most_chars(s: &str, n: usize) -> bool {
    s.len() <= n || s.chars().nth(n).is_none()
}

#[cfg(test)]
mod tests {
    #[test]
    fn at_most_chars_counts_characters() {
        assert!(super::at_most_chars("一二三", 3));
        assert!(!super::at_most_chars("一二三四", 3));
        assert!(super::at_most_chars("", 0));
        assert!(!super::at_most_chars("a", 0));
    }

    use super::*;

    #[test]
    fn splits_sentences_and_clauses() {
        let t = "他说：“今年很好。”但目标是7万辆,备料36,000辆。Sales rose. The end\n第二段";
        let s = sentences(t, 0..t.len());
        let texts: Vec<&str> = s.iter().map(|s| &t[s.range.clone()]).collect();
        assert_eq!(
            texts,
            [
                "他说：“今年很好。”",
                "但目标是7万辆,备料36,000辆。",
                "Sales rose.",
                " The end\n",
                "第二段"
            ]
        );
        assert_eq!(s[1].clauses.len(), 2);
        assert_eq!(s[4].paragraph, 1);
    }
}
