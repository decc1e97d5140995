//! Writing sheets: [`write_csv`], its options and cells, and how numbers are written.

use super::guard::neutralize;
use crate::typed::format_number;

/// How [`write_csv`] writes a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field delimiter: `b','` (the default) or `b';'` (what Excel expects where the decimal
    /// separator is a comma; numbers are then written with a decimal comma, see
    /// [`CsvOptions::decimal_comma`]). A tab or `b'|'` is also accepted; any other byte is
    /// replaced by `b','`.
    pub delimiter: u8,
    /// Start the text with a UTF-8 byte order mark, so Excel reads it as UTF-8. Default true.
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions {
            delimiter: b',',
            bom: true,
        }
    }
}

impl CsvOptions {
    /// Whether numbers are written with a decimal comma (`21,776`): with the `;` delimiter,
    /// which spreadsheets set to a decimal comma expect — they would read `21.776` as 21776.
    /// The importers read a `;` sheet the same way.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter == b';'
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
    let delimiter = match options.delimiter {
        b',' | b';' | b'\t' | b'|' => options.delimiter,
        _ => b',',
    };
    let mut out: Vec<u8> = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
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
