//! The grammar of typed values: how a number, an amount of money or a percentage typed by a
//! person (in a CSV cell, a form field, a command-line option) is read. One behaviour
//! everywhere: `1,234.5` is a thousand and more, `1,5` is refused with a hint to write `1.5`.

/// Why a typed value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedProblem {
    /// What is wrong (`expected a number, found "1,5"`).
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: String,
}

impl TypedProblem {
    fn new(message: impl Into<String>) -> TypedProblem {
        TypedProblem {
            message: message.into(),
            hint: String::new(),
        }
    }

    fn with_hint(mut self, hint: impl Into<String>) -> TypedProblem {
        self.hint = hint.into();
        self
    }
}

impl std::fmt::Display for TypedProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

/// What a number may carry besides its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// A trailing `%` is allowed (the value is kept as written: `99.9%` is 99.9).
    pub percent: bool,
    /// A leading `$` is allowed.
    pub dollar: bool,
    /// The comma marks decimals and a point may separate thousands (`1.234,5`), as in a sheet
    /// separated by semicolons, the way spreadsheets set to a decimal comma write them. A
    /// lone point is still read as a decimal point where it cannot separate thousands
    /// (`2.5`); where it could (`1.234`) the number is refused as ambiguous.
    pub decimal_comma: bool,
}

impl NumberStyle {
    /// Digits alone (a sign, a point, thousands separators).
    pub const PLAIN: NumberStyle = NumberStyle {
        percent: false,
        dollar: false,
        decimal_comma: false,
    };
    /// A percentage: a trailing `%` allowed.
    pub const PERCENT: NumberStyle = NumberStyle {
        percent: true,
        dollar: false,
        decimal_comma: false,
    };
    /// Money: a leading `$` allowed.
    pub const MONEY: NumberStyle = NumberStyle {
        percent: false,
        dollar: true,
        decimal_comma: false,
    };

    /// This style, with the comma as the decimal mark when `on` (see
    /// [`NumberStyle::decimal_comma`]).
    pub const fn with_decimal_comma(self, on: bool) -> NumberStyle {
        NumberStyle {
            decimal_comma: on,
            ..self
        }
    }

    /// A style from its three switches.
    pub const fn new(percent: bool, dollar: bool, decimal_comma: bool) -> NumberStyle {
        NumberStyle {
            percent,
            dollar,
            decimal_comma,
        }
    }
}

/// A vendor's answer to a requirement as a person types it — in an answer sheet's cell or the
/// site's answer field: `yes`, an option's id or label, `12`, `$1,250,000`,
/// `one_time=50000; recurring=12000`, options separated by `;`. `Ok(None)` for a rating
/// requirement (rated by evaluators, not answered). The text must not be empty.
pub fn answer(
    scoring: &crate::model::Scoring,
    text: &str,
) -> Result<Option<crate::model::Answer>, TypedProblem> {
    crate::csv_io::answer_cell(scoring, text.trim())
}

/// A number as a sheet cell ([`crate::csv_io::write_csv`]) and a form field write it: at most 4 decimals, no needless trailing zeros, no
/// exponent, a point as the decimal separator (`12`, `0.5`, `99.99`, `-3.1416`). A non-finite
/// number gives an empty string.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let mut text = format!("{value:.4}");
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    if text == "-0" {
        text = "0".to_owned();
    }
    text
}

/// A number as a message shows it: shortest (`99.995`, `-5`), with an exponent when it is
/// very large or very small (`1e308`, not 309 digits).
pub fn shown_number(value: f64) -> String {
    if value.is_finite() && value != 0.0 && !(1e-6..1e15).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// A typed text as a message quotes it: in quotes, cut after 60 characters.
pub fn shown(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head:?}…")
    } else {
        format!("{head:?}")
    }
}

/// Reads a number as people type it, in a sheet or a form field.
///
/// Surrounding spaces and a sign are allowed; a leading `$` when `dollar`; a trailing `%` when
/// `percent` (the value is kept as written: `99.9%` is 99.9); `,` only as a thousands separator
/// in the pattern `1,234,567.89` — or, with `decimal_comma`, the roles swapped (`1.234.567,89`);
/// an exponent as a scorecard file (JSON) and spreadsheets write one (`1e308`, `1,5E+15`), so
/// that every number a file holds can be typed and a spreadsheet's own writing reads back. No
/// `inf`/`NaN`, and nothing beyond the largest number there is (about `1.8e308`).
pub fn number(text: &str, style: NumberStyle) -> Result<f64, TypedProblem> {
    let NumberStyle {
        percent,
        dollar,
        decimal_comma,
    } = style;
    let t = text.trim();
    if t.is_empty() {
        return Err(TypedProblem::new("expected a number, found an empty cell"));
    }
    let bad = || TypedProblem::new(format!("expected a number, found {}", shown(t)));
    let mut s = t;
    let mut negative = false;
    let mut signed = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        signed = true;
        s = rest.trim_start();
    } else if let Some(rest) = s.strip_prefix('+') {
        signed = true;
        s = rest.trim_start();
    }
    if dollar {
        if let Some(rest) = s.strip_prefix('$') {
            s = rest.trim_start();
            if !signed {
                if let Some(rest) = s.strip_prefix('-') {
                    negative = true;
                    s = rest;
                } else if let Some(rest) = s.strip_prefix('+') {
                    s = rest;
                }
            }
        }
    }
    if percent {
        if let Some(rest) = s.strip_suffix('%') {
            s = rest.trim_end();
        }
    }
    let (mantissa, exponent) = split_exponent(s);
    s = mantissa;
    let swapped;
    if decimal_comma {
        let points = s.matches('.').count();
        if s.contains(',') || points > 1 {
            // `1.234,5` is `1,234.5` with the marks swapped; `1.234.567` can only be thousands.
            swapped = s
                .chars()
                .map(|c| match c {
                    ',' => '.',
                    '.' => ',',
                    other => other,
                })
                .collect::<String>();
            s = &swapped;
        } else if let Some((int, frac)) = s.split_once('.') {
            let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
            // `0.125` cannot group thousands (no group starts with 0): a decimal point.
            let could_group = (1..=3).contains(&int.len()) && !int.starts_with('0');
            if could_group && frac.len() == 3 && digits(int) && digits(frac) {
                return Err(bad().with_hint(format!(
                    "a comma marks decimals in a sheet separated by semicolons, and a point may \
                     separate thousands: write {int}{frac} or {int},{frac}, whichever is meant"
                )));
            }
        }
    }
    if !valid_digits(s) {
        let problem = bad();
        return Err(if s.contains(',') && !decimal_comma {
            problem.with_hint(
                "write decimals with a point (1.5); a comma may only separate thousands, \
                 as in 1,234,567.89",
            )
        } else {
            problem
        });
    }
    let digits = s.replace(',', "");
    let value: f64 = match exponent {
        Some(exponent) => format!("{digits}e{exponent}").parse(),
        None => digits.parse(),
    }
    .map_err(|_| bad())?;
    if !value.is_finite() {
        return Err(TypedProblem::new(format!(
            "expected a number, found {}, which is too large",
            shown(t)
        )));
    }
    Ok(if negative { -value } else { value })
}

/// A number's digits and its exponent (`1.5E+15` → `1.5`, `+15`), when it has one: an `e` or
/// `E` after at least one character, then an optional sign and digits.
fn split_exponent(s: &str) -> (&str, Option<&str>) {
    let Some((mantissa, exponent)) = s.rsplit_once(['e', 'E']) else {
        return (s, None);
    };
    let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if mantissa.is_empty() || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return (s, None);
    }
    (mantissa, Some(exponent))
}

fn valid_digits(s: &str) -> bool {
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = match s.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (s, None),
    };
    if let Some(frac) = frac {
        if frac.is_empty() || !digits(frac) {
            return false;
        }
    }
    if int.is_empty() {
        return frac.is_some();
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len())
            && digits(first)
            && groups.all(|group| group.len() == 3 && digits(group))
    } else {
        digits(int)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_grammar() {
        assert_eq!(number(" 1,234.5 ", NumberStyle::PLAIN), Ok(1234.5));
        assert_eq!(number("-$1,000", NumberStyle::MONEY), Ok(-1000.0));
        assert_eq!(number("99.9%", NumberStyle::PERCENT), Ok(99.9));
        let comma = number("1,5", NumberStyle::PLAIN).expect_err("a decimal comma");
        assert!(comma.hint.contains("1.5"), "{comma}");
        for bad in [
            "", "inf", "NaN", "$5", "5%", "1,23", "e3", "1e", "1e+", "1e3.5", "0x10",
        ] {
            assert!(number(bad, NumberStyle::PLAIN).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_exponent_as_a_file_or_a_spreadsheet_writes_it() {
        for (text, value) in [
            ("1e308", 1e308),
            ("1E+308", 1e308),
            ("1e-320", 1e-320),
            ("-2.5e3", -2500.0),
            (".5e1", 5.0),
            ("1,234.5e2", 123_450.0),
            ("1e-400", 0.0),
        ] {
            assert_eq!(number(text, NumberStyle::PLAIN), Ok(value), "{text}");
        }
        assert_eq!(number("$1.5e6", NumberStyle::MONEY), Ok(1_500_000.0));
        assert_eq!(number("1e2%", NumberStyle::PERCENT), Ok(100.0));
        let comma = NumberStyle::PLAIN.with_decimal_comma(true);
        assert_eq!(number("1,5E+15", comma), Ok(1.5e15));
        let huge = number("1e400", NumberStyle::PLAIN).expect_err("beyond the largest number");
        assert!(huge.message.contains("too large"), "{huge}");
    }

    #[test]
    fn a_decimal_comma_where_the_sheet_says_so() {
        let style = NumberStyle::MONEY.with_decimal_comma(true);
        for (text, value) in [
            ("21,776", 21.776),
            ("1,5", 1.5),
            ("-0,25", -0.25),
            ("1.234,5", 1234.5),
            ("$1.250.000", 1_250_000.0),
            ("1250000", 1_250_000.0),
            ("2.5", 2.5),
            ("0.75", 0.75),
            ("1234.5678", 1234.5678),
        ] {
            assert_eq!(number(text, style), Ok(value), "{text}");
        }
        let ambiguous = number("1.234", style).expect_err("one point, three digits");
        assert!(ambiguous.hint.contains("1234 or 1,234"), "{ambiguous}");
        for bad in ["1,2,3", "1.23,4", "12.34.5", ",", "1,", "1.2.3,4"] {
            assert!(number(bad, style).is_err(), "{bad}");
        }
        let percent = NumberStyle::PERCENT.with_decimal_comma(true);
        assert_eq!(number("99,9 %", percent), Ok(99.9));
    }
}
