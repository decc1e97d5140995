//! Mutations: byte-level changes (flips, inserts, deletes, copies, splices) and changes that
//! know a little of JSON and CSV (replace a number, a string, a value, a cell, a line) with
//! tokens that have broken parsers before — huge and negative numbers, `null`, deep nesting,
//! byte order marks, spreadsheet formulas, delimiters and quotes.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::rng::Rng;

/// Tokens worth trying anywhere: numbers at the edges of `f64`, `i64` and `u64` and of what
/// JavaScript holds exactly, JSON's small values, the CSV grammar's separators and signs, text
/// in other scripts and invisible characters, a formula, the scorecard file's own members.
const TOKENS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "-0.0",
    "1e308",
    "-1e308",
    "1e309",
    "1e-320",
    "4.9e-324",
    "9007199254740993",
    "-9007199254740993",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "2147483648",
    "NaN",
    "Infinity",
    "-Infinity",
    "\"\"",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    "[{}]",
    "[null]",
    "{\"\":null}",
    "Медицинские Системы",
    "サポート",
    "\u{feff}",
    "\u{202e}",
    "e\u{301}",
    "🩺",
    "\u{0}",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "=cmd|' /C calc'!A0",
    "'=1+1",
    "+1",
    "@SUM(A1)",
    ";",
    ",",
    "\"",
    "'",
    "|",
    "\t",
    "\r\n",
    "\n",
    "\r",
    " > ",
    "$1,000",
    "1,5",
    "1.000,50",
    "1,000.5",
    "99.9%",
    "100%",
    "0-5",
    "0-200",
    "5-0",
    "-5-5",
    "yes",
    "no",
    "n/a",
    "one_time=1e308; recurring=1e308",
    "one_time=-1",
    "recurring=",
    "\"format\":\"rfp-scorecard\"",
    "\"schema_version\":1",
    "\"schema_version\":2",
    "\"checksum\":\"sha256:00\"",
    "\"id\":\"\"",
    "\"weight\":-1",
    "\"weight\":1e308",
    "\"revision\":18446744073709551615",
    "\"op\":\"batch\",\"edits\":[]",
    "\"op\":\"restore\"",
    "\"children\":[]",
    "\"scoring\":{\"rating\":{}}",
    "\"x_unknown\":[1,{}]",
];

/// The largest run a single mutation inserts (deep nesting, long strings).
const MAX_RUN: usize = 4096;

/// Mutates inputs with a dictionary: [`TOKENS`] and the member names, short strings and CSV
/// header cells found in the seeds.
#[derive(Debug, Clone)]
pub struct Mutator {
    /// [`TOKENS`] and the words of the seeds.
    tokens: Vec<Vec<u8>>,
    /// How many of `tokens` come first from [`TOKENS`] (picked half of the time, so that the
    /// seeds' many words do not drown them).
    special: usize,
    max_len: usize,
}

impl Mutator {
    /// A mutator whose inputs are at most `max_len` bytes, with words taken from `seeds`.
    pub fn new(seeds: &[Vec<u8>], max_len: usize) -> Mutator {
        let mut tokens: Vec<Vec<u8>> = TOKENS.iter().map(|t| t.as_bytes().to_vec()).collect();
        let words: BTreeSet<Vec<u8>> = seeds
            .iter()
            .flat_map(|seed| dictionary_words(seed))
            .filter(|word| !tokens.contains(word))
            .collect();
        tokens.extend(words);
        Mutator {
            tokens,
            special: TOKENS.len(),
            max_len,
        }
    }

    /// Change `data` by one to eight mutations, using `corpus` for splices. Three times in
    /// four a JSON document (or one of the NUL-separated documents of an input) is changed as a tree
    /// and written again, so that the change reaches past the parser; a CSV sheet, by its cells.
    pub fn mutate(&self, data: &mut Vec<u8>, corpus: &[Vec<u8>], rng: &mut Rng) {
        let structured = !rng.one_in(4) && self.mutate_structure(data, rng);
        if !structured || rng.one_in(6) {
            let count = if rng.one_in(2) { 1 } else { rng.between(2, 8) };
            for _ in 0..count {
                self.mutate_once(data, corpus, rng);
            }
        }
        data.truncate(self.max_len);
    }

    /// Mutate one of the NUL-separated parts of `data` as JSON or CSV; false when it is
    /// neither.
    fn mutate_structure(&self, data: &mut Vec<u8>, rng: &mut Rng) -> bool {
        let mut parts: Vec<Vec<u8>> = data.split(|&b| b == 0).map(<[u8]>::to_vec).collect();
        let part = rng.below(parts.len());
        let changed = match serde_json::from_slice::<Value>(&parts[part]) {
            Ok(mut value) => {
                for _ in 0..rng.between(1, 3) {
                    self.mutate_json(&mut value, rng);
                }
                let written = if rng.one_in(2) {
                    serde_json::to_vec(&value)
                } else {
                    serde_json::to_vec_pretty(&value)
                };
                match written {
                    Ok(text) => {
                        parts[part] = text;
                        true
                    }
                    Err(_) => false,
                }
            }
            Err(_) => self.mutate_csv(&mut parts[part], rng),
        };
        if changed {
            *data = parts.join(&0);
        }
        changed
    }

    /// One change of a JSON tree: a node replaced (by a token, another node of the tree, a
    /// changed number or string), or a list's or an object's member removed, copied, moved,
    /// added or renamed.
    fn mutate_json(&self, value: &mut Value, rng: &mut Rng) {
        let nodes = count_nodes(value);
        let mut n = rng.below(nodes);
        let donor = {
            let mut d = rng.below(nodes);
            nth_node(value, &mut d).cloned().unwrap_or(Value::Null)
        };
        let Some(node) = nth_node(value, &mut n) else {
            return;
        };
        let choice = rng.below(6);
        match node {
            _ if choice == 0 => *node = donor,
            Value::Number(number) if choice == 1 => {
                let x = number.as_f64().unwrap_or(0.0);
                let changed = match rng.below(8) {
                    0 => -x,
                    1 => x * 2.0,
                    2 => x + 1.0,
                    3 => x - 1.0,
                    4 => x * 1e300,
                    5 => 1.0 / x,
                    _ => {
                        // A whole number at an edge of the integer types.
                        let edges = [u64::MAX, 1 << 53 | 1, u64::from(u32::MAX), 1 << 31];
                        *node = Value::from(*rng.pick(&edges));
                        return;
                    }
                };
                *node = serde_json::Number::from_f64(changed).map_or(Value::Null, Value::Number);
            }
            Value::String(text) if choice == 1 => match rng.below(4) {
                0 => text.clear(),
                1 => *text = text.repeat(rng.between(2, 64)),
                2 => text.push_str(&String::from_utf8_lossy(self.token(rng))),
                _ => *text = text.to_uppercase(),
            },
            Value::Array(items) if choice < 4 && !items.is_empty() => {
                let at = rng.below(items.len());
                match rng.below(4) {
                    0 => {
                        items.remove(at);
                    }
                    1 => {
                        let copy = items[at].clone();
                        items.insert(rng.below(items.len() + 1), copy);
                    }
                    2 => {
                        let other = rng.below(items.len());
                        items.swap(at, other);
                    }
                    _ => items.push(donor),
                }
            }
            Value::Object(members) if choice < 4 && !members.is_empty() => {
                let keys: Vec<String> = members.keys().cloned().collect();
                let key = rng.pick(&keys).clone();
                match rng.below(3) {
                    0 => {
                        members.remove(&key);
                    }
                    1 => {
                        // Renamed, to another member name of the dictionary.
                        if let Some(moved) = members.remove(&key) {
                            members.insert(self.member_name(rng), moved);
                        }
                    }
                    _ => {
                        members.insert(self.member_name(rng), donor);
                    }
                }
            }
            _ => {
                let token = self.token(rng);
                *node = serde_json::from_slice(token)
                    .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(token).into_owned()));
            }
        }
    }

    /// A token: one of [`TOKENS`] half of the time, else any word of the dictionary.
    fn token(&self, rng: &mut Rng) -> &[u8] {
        let among = if rng.one_in(2) {
            &self.tokens[..self.special]
        } else {
            &self.tokens[..]
        };
        rng.pick::<Vec<u8>>(among)
    }

    /// A member name from the dictionary (`"name":` tokens), or an unknown one.
    fn member_name(&self, rng: &mut Rng) -> String {
        let names: Vec<&[u8]> = self
            .tokens
            .iter()
            .filter_map(|t| t.strip_prefix(b"\"")?.strip_suffix(b"\":"))
            .collect();
        if names.is_empty() || rng.one_in(8) {
            return "x_unknown".to_owned();
        }
        String::from_utf8_lossy(rng.pick::<&[u8]>(&names)).into_owned()
    }

    /// One change of a sheet split into cells (quotes ignored): a cell replaced by a token or
    /// another cell, a column removed or two swapped, a row copied; false when `data` has no
    /// delimiter in its first line.
    fn mutate_csv(&self, data: &mut Vec<u8>, rng: &mut Rng) -> bool {
        let text = String::from_utf8_lossy(data).into_owned();
        let header = text.lines().next().unwrap_or("");
        let delimiter = char::from(rfp_core::csv_io::sniff_delimiter(&text).byte());
        if !header.contains(delimiter) {
            return false;
        }
        let mut rows: Vec<Vec<String>> = text
            .lines()
            .map(|line| line.split(delimiter).map(str::to_owned).collect())
            .collect();
        let row = rng.below(rows.len());
        let columns = rows[row].len();
        let column = rng.below(columns);
        match rng.below(4) {
            0 => {
                rows[row][column] = String::from_utf8_lossy(self.token(rng)).into_owned();
            }
            1 => {
                // Another row's cell, of the same column half of the time.
                let r = rng.below(rows.len());
                let c = if rng.one_in(2) {
                    column
                } else {
                    rng.below(columns)
                };
                let donor = rows[r].get(c).cloned().unwrap_or_default();
                rows[row][column] = donor;
            }
            2 => {
                let other = rng.below(columns);
                for cells in &mut rows {
                    if rng.one_in(2) && column < cells.len() {
                        cells.remove(column);
                    } else if column < cells.len() && other < cells.len() {
                        cells.swap(column, other);
                    }
                }
            }
            _ => {
                let copy = rows[row].clone();
                rows.insert(rng.below(rows.len() + 1), copy);
            }
        }
        let separator = delimiter.to_string();
        let line_end = if text.contains("\r\n") { "\r\n" } else { "\n" };
        *data = rows
            .iter()
            .map(|cells| cells.join(&separator))
            .collect::<Vec<_>>()
            .join(line_end)
            .into_bytes();
        true
    }

    fn mutate_once(&self, data: &mut Vec<u8>, corpus: &[Vec<u8>], rng: &mut Rng) {
        if data.is_empty() {
            let token = self.token(rng).to_vec();
            data.extend_from_slice(&token);
            return;
        }
        match rng.below(17) {
            0 => {
                let at = rng.below(data.len());
                data[at] ^= 1 << rng.below(8);
            }
            1 => {
                let at = rng.below(data.len());
                data[at] = *rng.pick(b"\0\xff\"',;:{}[]-.0159eE\\\n\r\t ");
            }
            2 => {
                let at = rng.below(data.len());
                data[at] = data[at].wrapping_add(rng.between(1, 8) as u8);
            }
            3 => {
                let at = rng.below(data.len());
                let len = rng.length(64).min(data.len() - at);
                data.drain(at..at + len);
            }
            4 => {
                let at = rng.below(data.len() + 1);
                let len = rng.length(16);
                let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
                data.splice(at..at, bytes);
            }
            5 => {
                // Duplicate a range somewhere else.
                let from = rng.below(data.len());
                let len = rng.length(256).min(data.len() - from);
                let chunk = data[from..from + len].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, chunk);
            }
            6 => self.splice(data, corpus, rng),
            7 | 8 => {
                let at = rng.below(data.len() + 1);
                let token = self.token(rng).to_vec();
                data.splice(at..at, token);
            }
            9 => self.replace_number(data, rng),
            10 => self.replace_string(data, rng),
            11 => self.replace_value(data, rng),
            12 => self.replace_cell(data, rng),
            13 => line_op(data, rng),
            14 => nest(data, rng),
            15 => {
                // A long run of one token (a long string, many delimiters, many rows).
                let at = rng.below(data.len() + 1);
                let token = if rng.one_in(2) {
                    vec![*rng.pick(b"a\",;\n[{ 9")]
                } else {
                    self.token(rng).to_vec()
                };
                let times = rng.length(MAX_RUN / token.len().max(1));
                let run: Vec<u8> = token
                    .iter()
                    .copied()
                    .cycle()
                    .take(token.len() * times)
                    .collect();
                data.splice(at..at, run);
            }
            _ => {
                // Overwrite a range with a range of another input.
                let other = rng.pick(corpus);
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let len = rng.length(256).min(other.len() - from);
                    let at = rng.below(data.len());
                    let end = (at + len).min(data.len());
                    data.splice(at..end, other[from..from + len].iter().copied());
                }
            }
        }
    }

    /// The start of this input and the end of another, or a piece of another put in.
    fn splice(&self, data: &mut Vec<u8>, corpus: &[Vec<u8>], rng: &mut Rng) {
        let other = rng.pick(corpus);
        if other.is_empty() {
            return;
        }
        let at = rng.below(data.len() + 1);
        let from = rng.below(other.len());
        if rng.one_in(2) {
            data.truncate(at);
            data.extend_from_slice(&other[from..]);
        } else {
            let len = rng.length(1024).min(other.len() - from);
            data.splice(at..at, other[from..from + len].iter().copied());
        }
    }

    /// A run of digits (a number, with its sign, point and exponent) becomes another number.
    fn replace_number(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let start = rng.below(data.len());
        let Some(at) = find_from(data, start, |b| b.is_ascii_digit()) else {
            return;
        };
        let is_number = |b: u8| b.is_ascii_digit() || b"+-.eE".contains(&b);
        let mut begin = at;
        while begin > 0 && is_number(data[begin - 1]) {
            begin -= 1;
        }
        let mut end = at;
        while end < data.len() && is_number(data[end]) {
            end += 1;
        }
        let numbers: Vec<&Vec<u8>> = self
            .tokens
            .iter()
            .filter(|t| t.first().is_some_and(|b| b.is_ascii_digit() || *b == b'-'))
            .collect();
        let replacement = if rng.one_in(4) {
            (rng.next_u64() as i64 >> rng.below(64))
                .to_string()
                .into_bytes()
        } else {
            (*rng.pick(&numbers)).clone()
        };
        data.splice(begin..end, replacement);
    }

    /// The content of a quoted string becomes a token, an empty string, or a long one.
    fn replace_string(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let start = rng.below(data.len());
        let Some(open) = find_from(data, start, |b| b == b'"') else {
            return;
        };
        let Some(close) = data[open + 1..].iter().position(|&b| b == b'"') else {
            return;
        };
        let close = open + 1 + close;
        let replacement = match rng.below(4) {
            0 => Vec::new(),
            1 => vec![b'x'; rng.length(MAX_RUN)],
            _ => self.token(rng).to_vec(),
        };
        data.splice(open + 1..close, replacement);
    }

    /// The value after a `:` (up to the next `,`, `}` or `]`) becomes another value.
    fn replace_value(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let start = rng.below(data.len());
        let Some(colon) = find_from(data, start, |b| b == b':') else {
            return;
        };
        let mut end = colon + 1;
        let mut depth = 0usize;
        let mut in_string = false;
        while end < data.len() {
            let b = data[end];
            if in_string {
                if b == b'\\' {
                    end += 1;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth == 0 => break,
                    b'}' | b']' => depth -= 1,
                    b',' if depth == 0 => break,
                    _ => {}
                }
            }
            end += 1;
        }
        let replacement = self.token(rng).to_vec();
        data.splice(colon + 1..end.min(data.len()), replacement);
    }

    /// A CSV cell (between delimiters or line ends) becomes a token.
    fn replace_cell(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let separator = |b: u8| {
            b == b'\n'
                || rfp_core::csv_io::Delimiter::ALL
                    .iter()
                    .any(|d| d.byte() == b)
        };
        let start = rng.below(data.len());
        let Some(begin) = find_from(data, start, separator) else {
            return;
        };
        let end = data[begin + 1..]
            .iter()
            .position(|&b| separator(b) || b == b'\r')
            .map_or(data.len(), |p| begin + 1 + p);
        let replacement = self.token(rng).to_vec();
        data.splice(begin + 1..end, replacement);
    }
}

/// The number of nodes of a JSON tree (itself, and every member and item below it).
fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(members) => members.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The `n`th node of a JSON tree in pre-order (0: the root).
fn nth_node<'a>(value: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter_mut().find_map(|item| nth_node(item, n)),
        Value::Object(members) => members.values_mut().find_map(|item| nth_node(item, n)),
        _ => None,
    }
}

/// Duplicate, delete or swap lines.
fn line_op(data: &mut Vec<u8>, rng: &mut Rng) {
    let mut lines: Vec<Vec<u8>> = data
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        return;
    }
    let a = rng.below(lines.len());
    let b = rng.below(lines.len());
    match rng.below(3) {
        0 => {
            let copy = lines[a].clone();
            let times = rng.length(64);
            for _ in 0..times {
                lines.insert(b, copy.clone());
            }
        }
        1 => {
            lines.remove(a);
        }
        _ => lines.swap(a, b),
    }
    *data = lines.concat();
}

/// Deep nesting: `[[[…` or `{"a":{"a":…`, closed or not.
fn nest(data: &mut Vec<u8>, rng: &mut Rng) {
    let depth = rng.length(MAX_RUN / 8);
    let (open, close): (&[u8], &[u8]) = if rng.one_in(2) {
        (b"[", b"]")
    } else {
        (b"{\"a\":", b"}")
    };
    let mut run = open.repeat(depth);
    run.extend_from_slice(b"1");
    if !rng.one_in(4) {
        run.extend_from_slice(&close.repeat(depth));
    }
    let at = rng.below(data.len() + 1);
    data.splice(at..at, run);
}

/// The first index at or after `start` (wrapping around) whose byte satisfies `wanted`.
fn find_from(data: &[u8], start: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let (after, before) = (&data[start..], &data[..start]);
    after
        .iter()
        .position(|&b| wanted(b))
        .map(|p| start + p)
        .or_else(|| before.iter().position(|&b| wanted(b)))
}

/// Words from a seed for the dictionary: JSON member names with their quotes and colon, short
/// string values, and the cells of a CSV header line.
fn dictionary_words(seed: &[u8]) -> Vec<Vec<u8>> {
    let mut words = Vec::new();
    let text = String::from_utf8_lossy(seed);
    let mut rest = text.as_ref();
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { break };
        let word = &after[..close];
        let tail = &after[close + 1..];
        if !word.is_empty() && word.len() <= 40 && !word.contains('\\') {
            if tail.trim_start().starts_with(':') {
                words.push(format!("\"{word}\":").into_bytes());
            } else {
                words.push(format!("\"{word}\"").into_bytes());
            }
        }
        rest = tail;
    }
    if let Some(header) = text.trim_start_matches('\u{feff}').lines().next() {
        if !header.trim_start().starts_with('{') && !header.trim_start().starts_with('[') {
            words.extend(
                header
                    .split([',', ';'])
                    .filter(|cell| !cell.is_empty() && cell.len() <= 40)
                    .map(|cell| cell.as_bytes().to_vec()),
            );
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{Mutator, dictionary_words};
    use crate::rng::Rng;

    #[test]
    fn mutations_keep_to_the_size_cap_and_follow_the_seed() {
        let corpus = vec![
            br#"{"format":"rfp-scorecard","scorecard":{"criteria":[{"id":"a","weight":2}]}}"#
                .to_vec(),
            b"category,id,name,kind\nFit,fit.demo,Demo,yes_no\n".to_vec(),
        ];
        let mutator = Mutator::new(&corpus, 256);
        let run = |seed| {
            let mut rng = Rng::new(seed);
            let mut outputs = Vec::new();
            for i in 0..2000 {
                let mut input = corpus[i % 2].clone();
                mutator.mutate(&mut input, &corpus, &mut rng);
                assert!(input.len() <= 256, "{} bytes", input.len());
                outputs.push(input);
            }
            outputs
        };
        let first = run(3);
        assert_eq!(first, run(3));
        assert_ne!(first, run(4));
        // Mutations change inputs (most of the time; a swap of equal lines changes nothing).
        let changed = first.iter().filter(|o| !corpus.contains(o)).count();
        assert!(changed > 1900, "{changed} of 2000 changed");
    }

    #[test]
    fn the_dictionary_holds_member_names_strings_and_header_cells() {
        let json = dictionary_words(br#"{"vendors": [{"id": "cedarchart"}]}"#);
        assert!(json.contains(&b"\"vendors\":".to_vec()));
        assert!(json.contains(&b"\"cedarchart\"".to_vec()));
        let csv = dictionary_words(b"\xef\xbb\xbfrequirement;answer\nx;1\n");
        assert!(csv.contains(&b"requirement".to_vec()));
        assert!(csv.contains(&b"answer".to_vec()));
    }
}
