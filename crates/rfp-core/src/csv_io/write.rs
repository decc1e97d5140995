//! Writing sheets: [`write_csv`], its options and cells, and how numbers are written.

use super::guard::neutralize;
use crate::typed::format_number;

/// How [`write_csv`] writes a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field delimiter. Default [`Delimiter::Comma`]; with [`Delimiter::Semicolon`]
    /// numbers are written with a decimal comma (see [`CsvOptions::decimal_comma`]).
    pub delimiter: Delimiter,
    /// Start the text with a UTF-8 byte order mark, so Excel reads it as UTF-8. Default true.
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions {
            delimiter: Delimiter::Comma,
            bom: true,
        }
    }
}

impl CsvOptions {
    /// Whether numbers are written with a decimal comma (`21,776`): with the `;` delimiter,
    /// which spreadsheets set to a decimal comma expect — they would read `21.776` as 21776.
    /// The importers read a `;` sheet the same way.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter == Delimiter::Semicolon
    }

    /// A number as this sheet writes it: [`crate::typed::format_number`], with a decimal comma when
    /// [`CsvOptions::decimal_comma`].
    pub fn number(&self, value: f64) -> String {
        let text = format_number(value);
        if self.decimal_comma() {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// A field delimiter: the ones an export writes, and exactly the ones the importers recognize
/// in a sheet's header row, so every sheet exported imports back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiter {
    /// `,`, with decimal points. The default.
    #[default]
    Comma,
    /// `;`, with decimal commas (what a spreadsheet set to a decimal comma writes and reads).
    Semicolon,
    /// A tab, with decimal points.
    Tab,
    /// `|`, with decimal points.
    Pipe,
}

impl Delimiter {
    /// Every delimiter, the default first. The importers take the one that occurs most often
    /// in the header row, the earlier in this list on a tie.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Pipe,
    ];

    /// The byte written between fields.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
            Delimiter::Pipe => b'|',
        }
    }

    /// Its name in words (`comma`, `semicolon`, `tab`, `pipe`): the command line's values.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
            Delimiter::Pipe => "pipe",
        }
    }

    /// What it is written as and how numbers then look, for help texts.
    pub fn description(self) -> &'static str {
        match self {
            Delimiter::Comma => "`,`, with decimal points",
            Delimiter::Semicolon => {
                "`;`, with decimal commas (for spreadsheets in locales with a decimal comma)"
            }
            Delimiter::Tab => "a tab, with decimal points",
            Delimiter::Pipe => "`|`, with decimal points",
        }
    }

    /// The delimiter written as `text`: one of `,`, `;`, a tab and `|`.
    ///
    /// # Errors
    ///
    /// Any other text, with a message naming the delimiters there are and what was found:
    /// `expected one of ",", ";", "\t" (a tab) or "|", found "a"`.
    pub fn from_text(text: &str) -> Result<Delimiter, String> {
        Delimiter::ALL
            .into_iter()
            .find(|d| text.as_bytes() == [d.byte()])
            .ok_or_else(|| {
                let mut shown: Vec<String> = Delimiter::ALL
                    .iter()
                    .map(|d| {
                        let quoted = format!("{:?}", char::from(d.byte()).to_string());
                        if *d == Delimiter::Tab {
                            format!("{quoted} (a tab)")
                        } else {
                            quoted
                        }
                    })
                    .collect();
                let last = shown.pop().unwrap_or_default();
                format!(
                    "expected one of {} or {last}, found {text:?}",
                    shown.join(", ")
                )
            })
    }
}

/// One cell of an exported sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written through [`neutralize`].
    Text(String),
    /// A number, written as a number (see [`CsvOptions::number`]); a non-finite one is written
    /// empty.
    Number(f64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Cell {
        Cell::Number(value)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

/// Writes a sheet: the header, then the rows.
///
/// The text is UTF-8, starts with a byte order mark when `options.bom`, separates fields with
/// `options.delimiter` and ends every line with CRLF (`\r\n`, as RFC 4180 and Excel expect).
/// A field is quoted only when it has to be (it holds the delimiter, a quote, CR or LF). Header
/// names and [`Cell::Text`] go through [`neutralize`]; [`Cell::Number`] is written with
/// [`CsvOptions::number`]. Rows may have different lengths.
pub fn write_csv(header: &[&str], rows: &[Vec<Cell>], options: &CsvOptions) -> String {
    let mut out: Vec<u8> = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(options.delimiter.byte())
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        // Writing into a Vec cannot fail, and flexible records never are refused.
        if !header.is_empty() {
            let _ = writer.write_record(header.iter().map(|name| neutralize(name)));
        }
        for row in rows {
            let _ = writer.write_record(row.iter().map(|cell| cell_text(cell, options)));
        }
        let _ = writer.flush();
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

fn cell_text(cell: &Cell, options: &CsvOptions) -> String {
    match cell {
        Cell::Text(text) => neutralize(text),
        Cell::Number(value) => options.number(*value),
        Cell::Empty => String::new(),
    }
}
