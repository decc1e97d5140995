//! [`Stamp`]: when a rating was given, the one thing that orders an evaluator's ratings of
//! the same cell across files (see [`crate::model::Rating::precedence`]).
//!
//! The crate has no clock: a front end passes the time (the site the browser's, the command
//! line the machine's). In a file a stamp is written in UTC to the millisecond, the way a
//! browser writes it (`2026-12-05T14:30:00.000Z`); a stamp without milliseconds is read too.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A moment, in milliseconds since 1970-01-01T00:00:00Z, between 1970 and the end of 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(u64);

/// The last millisecond of 9999-12-31.
const LAST: u64 = 253_402_300_799_999;

impl Stamp {
    /// The moment `millis` milliseconds after 1970-01-01T00:00:00Z; `None` past 9999 or for a
    /// value that is not a whole, finite, non-negative number (as JavaScript's `Date.now()`
    /// gives one).
    pub fn from_millis(millis: f64) -> Option<Stamp> {
        (millis.is_finite() && millis >= 0.0 && millis.fract() == 0.0 && millis <= LAST as f64)
            .then_some(Stamp(millis as u64))
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn millis(self) -> u64 {
        self.0
    }

    /// The day, in UTC, as `2026-12-05`.
    pub fn date(self) -> String {
        let mut text = self.to_string();
        text.truncate(10);
        text
    }

    /// Read `2026-12-05T14:30:00Z` or `2026-12-05T14:30:00.000Z` (UTC; 1 to 3 digits of a
    /// second's fraction). What is wrong, when it is not one.
    pub fn parse(text: &str) -> Result<Stamp, String> {
        let wrong = || {
            format!(
                "{} is not a time: write it in UTC as 2026-12-05T14:30:00.000Z",
                crate::typed::shown(text)
            )
        };
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u64> {
            let part = bytes.get(range)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')))
        };
        let at = |i: usize, c: u8| bytes.get(i) == Some(&c);
        if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
            return Err(wrong());
        }
        let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
            digits(0..4),
            digits(5..7),
            digits(8..10),
            digits(11..13),
            digits(14..16),
            digits(17..19),
        ) else {
            return Err(wrong());
        };
        let millis = match &bytes[19..] {
            b"Z" => 0,
            [b'.', fraction @ .., b'Z'] if (1..=3).contains(&fraction.len()) => {
                let n = digits(20..20 + fraction.len()).ok_or_else(wrong)?;
                n * 10u64.pow(3 - fraction.len() as u32)
            }
            _ => return Err(wrong()),
        };
        if year < 1970
            || !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return Err(wrong());
        }
        let days = days_from_civil(year, month, day);
        Ok(Stamp(
            ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis,
        ))
    }
}

/// Check a day written as `2026-11-21` (a year from 1970 to 9999; the day in its month):
/// what is wrong, when it is not one. The dates of attestations and memos.
pub fn check_day(text: &str) -> Result<(), String> {
    let whole = text.len() == 10 && Stamp::parse(&format!("{text}T00:00:00Z")).is_ok();
    if whole {
        Ok(())
    } else {
        Err(format!(
            "{} is not a date: write it as 2026-11-21 (year, month, day)",
            crate::typed::shown(text)
        ))
    }
}

/// Check the date of an attestation: a day ([`check_day`]) or, as a host writing
/// `new Date().toISOString()` gives it, a moment ([`Stamp::parse`]).
pub fn check_attestation_date(text: &str) -> Result<(), String> {
    check_day(text).or_else(|problem| Stamp::parse(text).map(|_| ()).map_err(|_| problem))
}

impl fmt::Display for Stamp {
    /// `2026-12-05T14:30:00.000Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0 % 1000;
        let seconds = self.0 / 1000;
        let (days, rest) = (seconds / 86_400, seconds % 86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            rest / 3600,
            rest / 60 % 60,
            rest % 60
        )
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Stamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Stamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Stamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A moment in UTC, as 2026-12-05T14:30:00.000Z.",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?Z$"
        })
    }
}

fn leap(year: u64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date on or after it (H. Hinnant, "chrono-Compatible Low-Level
/// Date Algorithms", `days_from_civil`, for years from 1970).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_way_a_browser_does() {
        // `new Date(Date.UTC(2026, 11, 5, 14, 30, 0, 7)).toISOString()` and `.getTime()`.
        let stamp = Stamp::parse("2026-12-05T14:30:00.007Z").unwrap();
        assert_eq!(stamp.millis(), 1_796_481_000_007);
        assert_eq!(stamp.to_string(), "2026-12-05T14:30:00.007Z");
        assert_eq!(stamp.date(), "2026-12-05");
        assert_eq!(Stamp::parse("1970-01-01T00:00:00Z").unwrap().millis(), 0);
        assert_eq!(
            Stamp::parse("2024-02-29T23:59:59.5Z").unwrap().to_string(),
            "2024-02-29T23:59:59.500Z"
        );
        let last = Stamp::parse("9999-12-31T23:59:59.999Z").unwrap();
        assert_eq!(last.millis(), LAST);
        assert_eq!(last.to_string(), "9999-12-31T23:59:59.999Z");
        assert_eq!(Stamp::from_millis(LAST as f64), Some(last));
    }

    #[test]
    fn every_day_from_1970_to_9999_goes_there_and_back() {
        for days in (0..LAST / 86_400_000).step_by(37) {
            let (y, m, d) = civil_from_days(days);
            assert!(d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_form_to_write() {
        for wrong in [
            "",
            "2026-12-05",
            "2026-12-05 14:30:00Z",
            "2026-12-05T14:30:00+01:00",
            "2026-12-05T14:30:00.0001Z",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-12-05T24:00:00Z",
            "２026-12-05T14:30:00Z",
        ] {
            let why = Stamp::parse(wrong).unwrap_err();
            assert!(why.contains("2026-12-05T14:30:00.000Z"), "{wrong}: {why}");
        }
        for wrong in [-1.0, 0.5, f64::NAN, f64::INFINITY, LAST as f64 + 1.0] {
            assert_eq!(Stamp::from_millis(wrong), None);
        }
    }
}
