//! Places in a scorecard. A [`Diagnostic`](crate::Diagnostic) names its place as the file writes
//! it (`criteria[1].children[3].weight`), which a file's author can look up; [`Location`] reads
//! such a place as a typed value, and [`Location::describe`] says it in the names a committee
//! reads ("Clinical fit › Scripted demo: weight", "Dr. Amara Osei's rating of CedarChart on
//! Scripted demo: score").

use crate::model::{Criterion, Scorecard, display_name};

/// A place in a scorecard: a diagnostic's `location`. It is written as the file writes places
/// (its `Display`, and a string in JSON) and read back exactly ([`Location::parse`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Location {
    /// No place: the scorecard as a whole.
    #[default]
    Whole,
    /// A criterion, by its indices from the top level down, and a field of it (may be empty).
    Criterion {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// What of it (`weight`, `scoring.price.years`), empty for the criterion itself.
        field: String,
    },
    /// A vendor by index, and a field of it (`name`, `answers.<requirement id>`, …).
    Vendor {
        /// Index in `vendors`.
        index: usize,
        /// What of it.
        field: String,
    },
    /// An evaluator by index, and a field of it.
    Evaluator {
        /// Index in `evaluators`.
        index: usize,
        /// What of it.
        field: String,
    },
    /// A rating by index, and a field of it.
    Rating {
        /// Index in `ratings`.
        index: usize,
        /// What of it.
        field: String,
    },
    /// A consensus value by index, and a field of it.
    Consensus {
        /// Index in `consensus`.
        index: usize,
        /// What of it.
        field: String,
    },
    /// A requirement named by id, as the scorer names it (`requirement "fit.demo"`).
    Requirement(String),
    /// A category named by id, as the scorer names it (`category "fit"`).
    Category(String),
    /// The top level of the tree (its weighting), as the scorer names it.
    TopLevel,
    /// Anything else (`settings.trim_fraction`, `profile.billing_models`, a sheet's cell, a
    /// file's line), as written.
    Other(String),
}

impl Location {
    /// Whether this place is written as `text`, compared as it is written (nothing allocated).
    fn writes_as(&self, text: &str) -> bool {
        struct Compare<'a> {
            rest: &'a str,
            same: bool,
        }
        impl std::fmt::Write for Compare<'_> {
            fn write_str(&mut self, written: &str) -> std::fmt::Result {
                match self.rest.strip_prefix(written) {
                    Some(rest) if self.same => self.rest = rest,
                    _ => self.same = false,
                }
                Ok(())
            }
        }
        let mut compare = Compare {
            rest: text,
            same: true,
        };
        let _ = std::fmt::Write::write_fmt(&mut compare, format_args!("{self}"));
        compare.same && compare.rest.is_empty()
    }

    /// Whether this is no place (the whole input): it writes as nothing.
    pub fn is_empty(&self) -> bool {
        match self {
            Location::Whole => true,
            Location::Other(text) => text.is_empty(),
            _ => false,
        }
    }

    /// Read a place as written. A place this cannot read is [`Location::Other`].
    pub fn parse(text: &str) -> Location {
        if text.is_empty() {
            return Location::Whole;
        }
        // Only what writes back as it was read is typed (`x[01]` or `x[1][2]` stay as written).
        let typed = Location::read(text);
        if typed.writes_as(text) {
            typed
        } else {
            Location::Other(text.to_owned())
        }
    }

    fn read(text: &str) -> Location {
        let quoted = |prefix: &str| {
            text.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix('"'))
                .map(str::to_owned)
        };
        if let Some(id) = quoted("requirement \"") {
            return Location::Requirement(id);
        }
        if let Some(id) = quoted("category \"") {
            return Location::Category(id);
        }
        if text == "top level" {
            return Location::TopLevel;
        }
        let Some((list, index, rest)) = indexed(text) else {
            return Location::Other(text.to_owned());
        };
        match list {
            "criteria" => {
                let mut path = vec![index];
                let mut rest = rest;
                while let Some(after) = rest.strip_prefix("children[") {
                    let Some(close) = after.find(']') else { break };
                    let Some(child) = index_of(&after[..close]) else {
                        break;
                    };
                    let tail = &after[close + 1..];
                    let tail = match tail.strip_prefix('.') {
                        Some(tail) => tail,
                        None if tail.is_empty() => tail,
                        None => break,
                    };
                    path.push(child);
                    rest = tail;
                }
                Location::Criterion {
                    path,
                    field: rest.to_owned(),
                }
            }
            "vendors" => Location::Vendor {
                index,
                field: rest.to_owned(),
            },
            "evaluators" => Location::Evaluator {
                index,
                field: rest.to_owned(),
            },
            "ratings" => Location::Rating {
                index,
                field: rest.to_owned(),
            },
            "consensus" => Location::Consensus {
                index,
                field: rest.to_owned(),
            },
            _ => Location::Other(text.to_owned()),
        }
    }

    /// The place in the names of `scorecard` (the scorecard the diagnostic is about); as written
    /// when it names nothing `scorecard` holds.
    pub fn describe(&self, scorecard: &Scorecard) -> String {
        self.names(scorecard).unwrap_or_else(|| self.to_string())
    }

    fn names(&self, scorecard: &Scorecard) -> Option<String> {
        let with = |what: String, field: &str| {
            if field.is_empty() {
                what
            } else {
                format!("{what}: {}", words(field))
            }
        };
        let requirement = |id: &str| {
            crate::tree::find_criterion(&scorecard.criteria, id)
                .map_or_else(|| id.to_owned(), |c| display_name(&c.name, &c.id))
        };
        let vendor = |id: &str| {
            scorecard
                .vendors
                .iter()
                .find(|v| v.id == id)
                .map_or_else(|| id.to_owned(), |v| display_name(&v.name, &v.id))
        };
        let evaluator = |id: &str| {
            scorecard
                .evaluators
                .iter()
                .find(|e| e.id == id)
                .map_or_else(|| id.to_owned(), |e| display_name(&e.name, &e.id))
        };
        Some(match self {
            Location::Whole => "the scorecard".to_owned(),
            Location::Criterion { path, field } => {
                let mut names = Vec::new();
                let mut level: &[Criterion] = &scorecard.criteria;
                for &i in path {
                    let node = level.get(i)?;
                    names.push(display_name(&node.name, &node.id));
                    level = &node.children;
                }
                with(names.join(" › "), field)
            }
            Location::Vendor { index, field } => {
                let v = scorecard.vendors.get(*index)?;
                let name = display_name(&v.name, &v.id);
                if let Some(id) = field.strip_prefix("answers.") {
                    format!("{name}'s answer to {}", requirement(id))
                } else if let Some(id) = field.strip_prefix("comments.") {
                    format!("{name}'s comment on {}", requirement(id))
                } else {
                    with(name, field)
                }
            }
            Location::Evaluator { index, field } => {
                let e = scorecard.evaluators.get(*index)?;
                with(display_name(&e.name, &e.id), field)
            }
            Location::Rating { index, field } => {
                let r = scorecard.ratings.get(*index)?;
                with(
                    format!(
                        "{}'s rating of {} on {}",
                        evaluator(&r.evaluator),
                        vendor(&r.vendor),
                        requirement(&r.requirement)
                    ),
                    field,
                )
            }
            Location::Consensus { index, field } => {
                let c = scorecard.consensus.get(*index)?;
                with(
                    format!(
                        "the consensus for {} on {}",
                        vendor(&c.vendor),
                        requirement(&c.requirement)
                    ),
                    field,
                )
            }
            Location::Requirement(id) | Location::Category(id) => {
                let node = crate::tree::find_criterion(&scorecard.criteria, id)?;
                display_name(&node.name, &node.id)
            }
            Location::TopLevel => "the top level".to_owned(),
            Location::Other(_) => return None,
        })
    }
}

/// A diagnostic about `scorecard` as its `Display` writes it, with its place also said in the
/// scorecard's names where they say more: `error: criteria[1].children[3].weight (Clinical fit ›
/// Scripted demo: weight): …`. The command line writes its notes so.
pub fn with_names(diagnostic: &crate::Diagnostic, scorecard: &Scorecard) -> String {
    let written = diagnostic.to_string();
    if diagnostic.location.is_empty() {
        return written;
    }
    let said = diagnostic.location.describe(scorecard);
    if diagnostic.location == said.as_str() {
        return written;
    }
    let prefix = format!("{}: {}", diagnostic.severity, diagnostic.location);
    match written.strip_prefix(&prefix) {
        Some(rest) => format!("{prefix} ({said}){rest}"),
        None => written,
    }
}

impl From<&str> for Location {
    fn from(text: &str) -> Location {
        Location::parse(text)
    }
}

impl From<String> for Location {
    fn from(text: String) -> Location {
        Location::parse(&text)
    }
}

impl From<&String> for Location {
    fn from(text: &String) -> Location {
        Location::parse(text)
    }
}

/// A place equals its written form (`location == "checksum"`).
impl PartialEq<str> for Location {
    fn eq(&self, other: &str) -> bool {
        match self {
            Location::Whole => other.is_empty(),
            Location::Other(text) => text == other,
            typed => typed.writes_as(other),
        }
    }
}

impl PartialEq<&str> for Location {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Location::parse(&text))
    }
}

impl std::fmt::Display for Location {
    /// The place as a file writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dotted = |f: &mut std::fmt::Formatter<'_>, field: &str| {
            if field.is_empty() {
                Ok(())
            } else {
                write!(f, ".{field}")
            }
        };
        match self {
            Location::Whole => Ok(()),
            Location::Criterion { path, field } => {
                for (depth, i) in path.iter().enumerate() {
                    if depth == 0 {
                        write!(f, "criteria[{i}]")?;
                    } else {
                        write!(f, ".children[{i}]")?;
                    }
                }
                dotted(f, field)
            }
            Location::Vendor { index, field } => {
                write!(f, "vendors[{index}]")?;
                dotted(f, field)
            }
            Location::Evaluator { index, field } => {
                write!(f, "evaluators[{index}]")?;
                dotted(f, field)
            }
            Location::Rating { index, field } => {
                write!(f, "ratings[{index}]")?;
                dotted(f, field)
            }
            Location::Consensus { index, field } => {
                write!(f, "consensus[{index}]")?;
                dotted(f, field)
            }
            Location::Requirement(id) => write!(f, "requirement \"{id}\""),
            Location::Category(id) => write!(f, "category \"{id}\""),
            Location::TopLevel => f.write_str("top level"),
            Location::Other(text) => f.write_str(text),
        }
    }
}

/// `list[index]` at the start of `text`, and what follows it (without its leading dot).
fn indexed(text: &str) -> Option<(&str, usize, &str)> {
    let open = text.find('[')?;
    let close = open + text[open..].find(']')?;
    let list = &text[..open];
    if list.is_empty() || !list.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    let index = index_of(&text[open + 1..close])?;
    let rest = &text[close + 1..];
    let rest = match rest.strip_prefix('.') {
        Some(rest) => rest,
        None if rest.is_empty() => rest,
        None if rest.starts_with('[') => rest,
        None => return None,
    };
    Some((list, index, rest))
}

/// An index as places write it: digits only.
fn index_of(digits: &str) -> Option<usize> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A field path in words: `scoring.price.years` → `scoring › price › years`.
fn words(field: &str) -> String {
    field.replace('.', " › ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_and_write_back_as_they_were() {
        for text in [
            "",
            "criteria[0]",
            "criteria[1].children[3].weight",
            "criteria[1].children[3].children[0].scoring.price.years",
            "vendors[2].answers.fit.demo",
            "ratings[12].score",
            "evaluators[0].attestation.date",
            "consensus[4]",
            "settings.trim_fraction",
            "row 3, column 2",
            "children[0]",
            "x[1][2]",
            "ratings[01].score",
            "ratings[+1]",
            "vendors[0].",
            "requirement \"fit.demo\"",
            "category \"fit\"",
            "top level",
        ] {
            assert_eq!(Location::parse(text).to_string(), text, "{text}");
        }
        assert_eq!(
            Location::parse("criteria[1].children[3].weight"),
            Location::Criterion {
                path: vec![1, 3],
                field: "weight".into()
            }
        );
        assert_eq!(
            Location::parse("ratings[12]"),
            Location::Rating {
                index: 12,
                field: String::new()
            }
        );
        assert_eq!(
            Location::parse("requirement \"fit.demo\""),
            Location::Requirement("fit.demo".into())
        );
        assert!(matches!(
            Location::parse("ratings[x].score"),
            Location::Other(_)
        ));
    }

    #[test]
    fn a_diagnostic_carries_its_place_typed_and_json_carries_it_as_written() {
        let diagnostic = crate::Diagnostic::error("ratings[12].score", "out of the scale");
        assert_eq!(
            diagnostic.location,
            Location::Rating {
                index: 12,
                field: "score".into()
            }
        );
        assert_eq!(diagnostic.location, "ratings[12].score");
        assert_ne!(diagnostic.location, "ratings[12]");
        let json = serde_json::to_value(&diagnostic).expect("writes");
        assert_eq!(json["location"], "ratings[12].score");
        let back: crate::Diagnostic = serde_json::from_value(json).expect("reads");
        assert_eq!(back, diagnostic);
        let whole = crate::Diagnostic::error("", "the whole file");
        assert!(whole.location.is_empty());
        assert_eq!(whole.location, "");
        assert_eq!(whole.to_string(), "error: the whole file");
    }
}
