//! Reading sheets: the delimiter, blank lines, the header and its columns, the place of each
//! cell, and the cell helpers every import shares.

use std::collections::HashMap;

use super::guard::unneutralize;
use super::write::Delimiter;
use crate::error::{Diagnostic, Severity};

/// An identifier made from a name: lowercase ASCII letters, digits and `_`.
///
/// Latin letters of Latin-1, Latin Extended-A and Vietnamese lose their accents (`é` and `e`
/// with a combining accent → `e`, `ẵ` → `a`,
/// `ß` → `ss`, `ĳ` → `ij`), ligatures are spelled out (`ﬁ` → `fi`) and fullwidth letters and
/// digits read as their ASCII forms (`１２３` → `123`); every run of other characters becomes
/// one `_`, and none is left at either end. `"Integrations & Labs"` → `"integrations_labs"`,
/// `"Vendor B"` → `"vendor_b"`, `"İstanbul"` → `"istanbul"`. The result is empty when the
/// text has no such letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut separator = false;
    for ch in text.chars() {
        // Fullwidth ASCII (U+FF01–U+FF5E) is ASCII drawn wide.
        let ch = match u32::from(ch) {
            code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(ch),
            _ => ch,
        };
        for lower in ch.to_lowercase() {
            if ('\u{0300}'..='\u{036f}').contains(&lower) {
                // A combining accent: its letter is already written (`İ` lowercases to `i`
                // and a combining dot).
                continue;
            }
            let folded = latin_base(lower);
            if !folded.is_empty() {
                push_slug_part(&mut out, &mut separator, folded);
            } else if lower.is_ascii_alphanumeric() {
                let mut buffer = [0u8; 4];
                push_slug_part(&mut out, &mut separator, lower.encode_utf8(&mut buffer));
            } else {
                separator = true;
            }
        }
    }
    out
}

/// A lowercase Latin letter with an accent (Latin-1, Latin Extended-A, Vietnamese), or a
/// ligature, as the ASCII letters it is read as; empty for any other character.
fn latin_base(lower: char) -> &'static str {
    match lower {
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ'..='ặ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ'..='ệ' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ỉ' | 'ị' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' | 'ọ'..='ợ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ß' => "ss",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ụ'..='ự' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'ỳ'..='ỹ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => "",
    }
}

fn push_slug_part(out: &mut String, separator: &mut bool, part: &str) {
    if *separator && !out.is_empty() {
        out.push('_');
    }
    *separator = false;
    out.push_str(part);
}

pub(super) fn strip_keyword<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    let head = text.get(..keyword.len())?;
    if head.eq_ignore_ascii_case(keyword) {
        text.get(keyword.len()..)
    } else {
        None
    }
}

/// Report each of `names` the header lacks, with `hint`; true when none is missing.
pub(super) fn require_columns(
    sheet: &Sheet,
    header: &Header,
    names: &[&str],
    hint: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut complete = true;
    for name in names {
        if !header.columns.contains_key(name) {
            complete = false;
            diagnostics.push(
                Diagnostic::error(
                    sheet.row_loc(sheet.header_row),
                    format!("expected a column named \"{name}\" in the header, found none"),
                )
                .with_hint(hint),
            );
        }
    }
    complete
}

/// A sheet read into rows of cells, with spreadsheet row numbers.
pub(super) struct Sheet {
    pub(super) source: String,
    /// Header names as written (trimmed).
    header: Vec<String>,
    pub(super) header_row: usize,
    /// Data rows that are not blank.
    pub(super) rows: Vec<Row>,
    /// Whether a number cell uses a decimal comma: the sheet is separated by semicolons, as
    /// spreadsheets set to a decimal comma write it (and as the `;` exports write numbers).
    pub(super) decimal_comma: bool,
}

pub(super) struct Row {
    pub(super) number: usize,
    cells: Vec<String>,
}

impl Sheet {
    /// A cell holding a number alone, read with the sheet's decimal mark (see
    /// [`Sheet::decimal_comma`]).
    pub(super) fn number(&self, text: &str, percent: bool, dollar: bool) -> Result<f64, Problem> {
        number_in_style(
            text,
            crate::typed::NumberStyle::new(percent, dollar, self.decimal_comma),
        )
    }

    /// A column's header as written, or its letter when the header cell is empty.
    pub(super) fn column_name(&self, index: usize) -> String {
        match self.header.get(index) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => column_letter(index),
        }
    }

    pub(super) fn loc(&self, row: usize, index: usize) -> String {
        format!(
            "{} row {row}, column \"{}\"",
            self.source,
            self.column_name(index)
        )
    }

    /// The location of a cell in a column named `name` whether or not the header has it.
    pub(super) fn loc_named(&self, row: usize, name: &str) -> String {
        match self
            .header
            .iter()
            .position(|header| normalize_key(header) == name)
        {
            Some(index) => self.loc(row, index),
            None => format!("{} row {row}, column \"{name}\"", self.source),
        }
    }

    pub(super) fn row_loc(&self, row: usize) -> String {
        format!("{} row {row}", self.source)
    }
}

/// The trimmed cell of a row, empty when the row is short.
pub(super) fn row_cell(row: &Row, index: usize) -> &str {
    row.cells.get(index).map_or("", |cell| cell.trim())
}

/// Reads the text into a sheet. `None` (with an error) when there is no header.
pub(super) fn read_sheet(
    source: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Sheet> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(bytes);
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut last_row = 0usize;
    // A quote never closed swallows the rest of the text into one cell of its row: that row
    // is refused, not imported with the rest of the sheet as its text.
    let unclosed = ends_inside_quotes(text, delimiter.byte());
    let mut records = reader.records().peekable();
    while let Some(record) = records.next() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    format!("{source} row {}", last_row + 1),
                    format!("the text cannot be read as CSV: {error}"),
                ));
                break;
            }
        };
        let start = record
            .position()
            .and_then(|position| usize::try_from(position.byte()).ok())
            .unwrap_or(0);
        let number = last_row
            .saturating_add(blank_lines_at(bytes, start))
            .saturating_add(1);
        last_row = number;
        if unclosed && records.peek().is_none() {
            diagnostics.push(
                Diagnostic::error(
                    format!("{source} row {number}"),
                    "a quote opened in this row is never closed, so everything after it was \
                     read as one cell; the row is ignored",
                )
                .with_hint("close the quote; inside a quoted cell a quote is written twice (\"\")"),
            );
            break;
        }
        let cells: Vec<String> = record.iter().map(unneutralize).collect();
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        match &header {
            None => {
                header = Some((
                    number,
                    cells.iter().map(|cell| cell.trim().to_owned()).collect(),
                ));
            }
            Some((_, names)) => {
                if cells.len() > names.len()
                    && cells
                        .get(names.len()..)
                        .is_some_and(|extra| extra.iter().any(|cell| !cell.trim().is_empty()))
                {
                    diagnostics.push(
                        Diagnostic::warning(
                            format!("{source} row {number}"),
                            format!(
                                "expected at most {} cells (one per header column), found {}; the cells after column {} are ignored",
                                names.len(),
                                cells.len(),
                                column_letter(names.len().saturating_sub(1))
                            ),
                        )
                        .with_hint("a cell holding the delimiter must be quoted"),
                    );
                }
                rows.push(Row { number, cells });
            }
        }
    }
    let Some((header_row, header)) = header else {
        diagnostics.push(Diagnostic::error(
            source.to_owned(),
            "expected a header row naming the columns, found an empty sheet",
        ));
        return None;
    };
    Some(Sheet {
        source: source.to_owned(),
        decimal_comma: delimiter == Delimiter::Semicolon,
        header,
        header_row,
        rows,
    })
}

/// How many blank lines the reader skipped from `start` (where the previous record ended).
fn blank_lines_at(bytes: &[u8], start: usize) -> usize {
    let mut index = start;
    // The previous record's CRLF terminator may end with the LF at `start`.
    if index > 0 && bytes.get(index - 1) == Some(&b'\r') && bytes.get(index) == Some(&b'\n') {
        index += 1;
    }
    let mut count = 0;
    loop {
        match bytes.get(index) {
            Some(b'\r') => {
                count += 1;
                index += 1;
                if bytes.get(index) == Some(&b'\n') {
                    index += 1;
                }
            }
            Some(b'\n') => {
                count += 1;
                index += 1;
            }
            _ => return count,
        }
    }
}

/// Whether the text ends inside a quoted cell: a quote that opens a cell (its first character)
/// and is never closed. A quote elsewhere in an unquoted cell (`24" screen`) is text.
fn ends_inside_quotes(text: &str, delimiter: u8) -> bool {
    let mut quoted = false;
    let mut at_start = true;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            quoted = true;
            at_start = false;
        } else {
            at_start = b == delimiter || b == b'\n' || b == b'\r';
        }
    }
    quoted
}

/// The delimiter of the header line: of those an export writes ([`Delimiter::ALL`]), the one
/// that occurs there most often outside quotes, the earlier in the list on a tie (so `,` when
/// there is none). Lines before the header that hold only spaces and tabs do not count. What the
/// importers take a sheet's delimiter to be (the fuzzer splits sheets by it too).
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let mut counts = [0usize; Delimiter::ALL.len()];
    let mut quoted = false;
    let mut seen_content = false;
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => {
                if seen_content {
                    break;
                }
                counts = [0; Delimiter::ALL.len()];
            }
            _ if !quoted => {
                if let Some(i) = Delimiter::ALL
                    .iter()
                    .position(|d| char::from(d.byte()) == ch)
                {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
        if !ch.is_whitespace() {
            seen_content = true;
        }
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = i;
        }
    }
    Delimiter::ALL[best]
}

/// A header name made comparable: trimmed, lowercase, runs of spaces, `-` and `_` as one `_`.
pub(super) fn normalize_key(name: &str) -> String {
    let mut out = String::new();
    let mut separator = false;
    for ch in name.trim().chars() {
        if ch == ' ' || ch == '-' || ch == '_' {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('_');
            }
            separator = false;
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// The spreadsheet letter of a 0-based column index (`A`, `Z`, `AA`).
pub(super) fn column_letter(index: usize) -> String {
    let mut n = index.saturating_add(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The header matched against the known column names.
pub(super) struct Header {
    /// Known name → index of its first column.
    pub(super) columns: HashMap<&'static str, usize>,
    /// Indexes of the columns with a name that is not known (empty names excluded).
    pub(super) unknown: Vec<usize>,
}

pub(super) fn match_header(
    sheet: &Sheet,
    known: &[&'static str],
    aliases: &[(&str, &'static str)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Header {
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    let mut unknown = Vec::new();
    for (index, name) in sheet.header.iter().enumerate() {
        if name.is_empty() {
            let has_data = sheet
                .rows
                .iter()
                .any(|row| !row_cell(row, index).is_empty());
            if has_data {
                diagnostics.push(
                    Diagnostic::warning(
                        sheet.loc(sheet.header_row, index),
                        format!(
                            "column {} has no header; its cells are ignored",
                            column_letter(index)
                        ),
                    )
                    .with_hint("name the column in the header row, or delete it"),
                );
            }
            continue;
        }
        let key = normalize_key(name);
        let matched = known.iter().copied().find(|k| *k == key).or_else(|| {
            aliases
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, target)| *target)
        });
        match matched {
            Some(known_name) => match columns.get(known_name) {
                Some(&first) => diagnostics.push(Diagnostic::error(
                    sheet.loc(sheet.header_row, index),
                    format!(
                        "column \"{known_name}\" appears twice (columns {} and {}); only column {} is read",
                        column_letter(first),
                        column_letter(index),
                        column_letter(first)
                    ),
                )),
                None => {
                    columns.insert(known_name, index);
                }
            },
            None => unknown.push(index),
        }
    }
    Header { columns, unknown }
}

/// The cells of one row, with the diagnostics they produce.
pub(super) struct Ctx<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) row: &'a Row,
    pub(super) columns: &'a HashMap<&'static str, usize>,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
    pub(super) errors: usize,
}

impl<'a> Ctx<'a> {
    /// The trimmed cell of a known column; empty when the column or the cell is missing.
    pub(super) fn cell(&self, name: &str) -> &'a str {
        let row: &'a Row = self.row;
        match self.columns.get(name) {
            Some(&index) => row_cell(row, index),
            None => "",
        }
    }

    pub(super) fn loc(&self, name: &str) -> String {
        match self.columns.get(name) {
            Some(&index) => self.sheet.loc(self.row.number, index),
            None => format!(
                "{} row {}, column \"{name}\"",
                self.sheet.source, self.row.number
            ),
        }
    }

    pub(super) fn error(&mut self, name: &str, problem: Problem) {
        self.errors += 1;
        let location = self.loc(name);
        self.diagnostics.push(problem.at(Severity::Error, location));
    }

    pub(super) fn warn(&mut self, name: &str, problem: Problem) {
        let location = self.loc(name);
        self.diagnostics
            .push(problem.at(Severity::Warning, location));
    }
}

/// What is wrong with a cell, before it has a place.
#[derive(Debug)]
pub(super) struct Problem {
    pub(super) message: String,
    pub(super) hint: String,
}

impl Problem {
    pub(super) fn new(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            hint: String::new(),
        }
    }

    pub(super) fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = hint.into();
        self
    }

    pub(super) fn at(self, severity: Severity, location: String) -> Diagnostic {
        Diagnostic {
            severity,
            location: location.into(),
            message: self.message,
            hint: self.hint,
        }
    }
}

/// The id a spreadsheet turned into a number, found again: a cell `42` where the scorecard has
/// the id `0042`, or `1.1` where it has `1.10` (spreadsheets read such ids as numbers and save
/// them so). The one id among `ids` that is a plain number equal to the cell's, if exactly one
/// is; `None` when the cell is not a plain number or no id or several match.
pub(super) fn id_written_as_number<'a>(
    cell: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    fn plain(text: &str) -> Option<f64> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || text.ends_with('.') {
            return None;
        }
        text.parse().ok()
    }
    let value = plain(cell)?;
    let mut found = ids.filter(|id| *id != cell && plain(id) == Some(value));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// A name that makes the id an earlier name made (`EHR PM` after `EHR & PM`: both `ehr_pm`),
/// as the error that refuses it: the two are not merged, and the later is ignored. The one rule
/// for every id a sheet makes from a name — a vendor column's, a category path's. `first` says
/// which earlier one and where (`"EHR & PM" on row 2`); `ignored` what is left out.
pub(super) fn same_id(what: &str, name: &str, id: &str, first: &str, ignored: &str) -> Problem {
    Problem::new(format!(
        "{what} {} gets the id {}, like the {what} {first}; {ignored}",
        shown(name),
        shown(id)
    ))
    .hint(format!(
        "an id keeps only a name's Latin letters and digits: give every {what} a name that \
         differs in those"
    ))
}

/// The warning that ids written as numbers were found again (once per sheet).
pub(super) fn ids_as_numbers_warning(source: &str, column: &str) -> Diagnostic {
    Diagnostic::warning(
        source,
        format!(
            "ids in the column \"{column}\" had been turned into numbers (42 for 0042), as \
             spreadsheets do; each was matched to the one id of the scorecard it stands for"
        ),
    )
    .with_hint("format the column as text before typing in it, to keep ids as they are")
}

/// A cell's text for a message: quoted, shortened to 60 characters.
pub(super) fn shown(text: &str) -> String {
    crate::typed::shown(text)
}

/// Reads a number as people type it in a sheet: [`crate::typed::number`], with an empty cell
/// named as such.
/// Numbers inside a text cell (a gate, options, steps) always take a decimal point: a
/// spreadsheet leaves such a cell as it is. A cell holding a number alone is read with
/// [`Sheet::number`], which follows the sheet's decimal mark.
pub(super) fn parse_number(text: &str, percent: bool, dollar: bool) -> Result<f64, Problem> {
    number_in_style(text, crate::typed::NumberStyle::new(percent, dollar, false))
}

pub(super) fn number_in_style(
    text: &str,
    style: crate::typed::NumberStyle,
) -> Result<f64, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new("expected a number, found an empty cell"));
    }
    crate::typed::number(text, style).map_err(|p| Problem {
        message: p.message,
        hint: p.hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_counted_as_rows() {
        let text = "a,b\n\n\nc,\"d\nx\"\n,,\n\ne,f\r\n\r\ng,h\n";
        let mut diagnostics = Vec::new();
        let sheet = read_sheet("t.csv", text, &mut diagnostics).expect("a sheet");
        let numbers: Vec<usize> = sheet.rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, vec![4, 7, 9]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn numbers() {
        for (text, expected) in [
            ("12", Some(12.0)),
            ("-3.5", Some(-3.5)),
            (".5", Some(0.5)),
            ("1,234,567.89", Some(1_234_567.89)),
            ("$1,200", Some(1200.0)),
            ("-$5", Some(-5.0)),
            ("$-5", Some(-5.0)),
            ("99.9%", Some(99.9)),
            ("1,2", None),
            ("12,34", None),
            ("1e3", Some(1000.0)),
            ("1e308", Some(1e308)),
            ("1e-320", Some(1e-320)),
            ("1e400", None),
            ("inf", None),
            ("NaN", None),
            ("5.", None),
            ("", None),
            ("$", None),
            ("%", None),
        ] {
            assert_eq!(parse_number(text, true, true).ok(), expected, "{text:?}");
        }
    }
}
