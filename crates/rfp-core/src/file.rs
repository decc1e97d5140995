//! The scorecard file: a JSON envelope around a [`Scorecard`].
//!
//! ```json
//! { "format": "rfp-scorecard", "schema_version": 2, "generator": "rfp-scorecard 0.1.0",
//!   "checksum": "sha256:…", "scorecard": { … } }
//! ```
//!
//! - A file from a newer schema is refused, naming both versions; an older one is migrated.
//! - Fields this version does not know are kept through load → save, in the envelope and in
//!   every object of the scorecard.
//! - The checksum is SHA-256 of the canonical form of the `scorecard` member (object keys
//!   sorted, no whitespace). A mismatch is reported as a warning ("changed outside RFP Scorecard
//!   or damaged"); a missing checksum is fine, so people can write templates by hand.
//! - Every structural problem is reported at once, each with its place
//!   (`criteria[2].children[0].weight: expected a number, found "ten"`), in the same terms
//!   as the problems of meaning that [`crate::validate()`] finds.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Diagnostic, Error, ErrorKind, describe_value};
use crate::location::Location;
use crate::model::{Extra, Scorecard};

/// The `format` member every scorecard file carries.
pub const FORMAT_ID: &str = "rfp-scorecard";

/// The schema version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 3;

/// The `generator` member this build writes.
pub const GENERATOR: &str = concat!("rfp-scorecard ", env!("CARGO_PKG_VERSION"));

/// The largest file [`load`] reads, in bytes (64 MiB). Checked before the text is parsed, so
/// that an oversized file costs nothing; [`crate::validate::size_problems`] bounds the rest.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// One migration step: turns the `scorecard` member of schema version `from` into `from + 1`.
pub struct Migration {
    /// The version this step reads.
    pub from: u32,
    /// The rewrite. An error message names what could not be migrated.
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// The migrations from every released schema version to the next. A change of the format adds
/// a step here and a fixture of the old version under `tests/data/schema/`.
///
/// | from | to | what changed |
/// |---|---|---|
/// | 1 | 2 | choice options can be marked `meets` (they meet the requirement); gates made for a choice requirement accept those |
/// | 2 | 3 | a rating carries when it was given (`rated_at`); of an evaluator's ratings of one cell the latest counts |
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        apply: mark_meeting_options,
    },
    Migration {
        from: 2,
        apply: set_aside_rating_times,
    },
];

/// Version 2 → 3: no rating of version 2 has a time, so each counts by its revision as before.
/// A `rated_at` member there was not written by RFP Scorecard (version 2 kept it as an unknown
/// member): it moves aside to `rated_at_v2`, still kept, rather than decide which rating counts
/// or fail to open. Nothing else changes, so a migrated file scores exactly as before.
fn set_aside_rating_times(scorecard: &mut Value) -> Result<(), String> {
    let ratings = scorecard
        .as_object_mut()
        .and_then(|object| object.get_mut("ratings"))
        .and_then(Value::as_array_mut);
    for rating in ratings
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        if let Some(unknown) = rating.remove("rated_at") {
            rating.insert("rated_at_v2".into(), unknown);
        }
    }
    Ok(())
}

/// Version 1 → 2: a requirement gated `any_of` already says which options are acceptable, so
/// those are marked as meeting it. Elsewhere nothing is marked, and
/// [`crate::model::ChoiceRule::meeting_options`] counts the options worth the most points.
/// Nothing else changes, so a migrated file scores exactly as before.
fn mark_meeting_options(scorecard: &mut Value) -> Result<(), String> {
    fn visit(node: &mut Value) {
        let Some(object) = node.as_object_mut() else {
            return;
        };
        let accepted: Option<Vec<String>> = object
            .get("gate")
            .and_then(|gate| gate.get("any_of"))
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| id.as_str().map(str::to_owned))
                    .collect()
            });
        if let Some(options) = object
            .get_mut("scoring")
            .and_then(|scoring| scoring.get_mut("choice"))
            .and_then(|choice| choice.get_mut("options"))
            .and_then(Value::as_array_mut)
        {
            for option in options.iter_mut().filter_map(Value::as_object_mut) {
                // Version 1 kept a `meets` it did not know as it was; one that is not true or
                // false moves aside (still kept) rather than fail to open.
                if option.get("meets").is_some_and(|m| !m.is_boolean()) {
                    if let Some(unknown) = option.remove("meets") {
                        option.insert("meets_v1".into(), unknown);
                    }
                }
                let listed = option
                    .get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| accepted.iter().flatten().any(|a| a == id));
                if listed {
                    option.insert("meets".into(), Value::Bool(true));
                }
            }
        }
        if let Some(children) = object.get_mut("children").and_then(Value::as_array_mut) {
            children.iter_mut().for_each(visit);
        }
    }
    // Anything else is not a scorecard; decoding says so, with its place.
    let Some(object) = scorecard.as_object_mut() else {
        return Ok(());
    };
    if let Some(criteria) = object.get_mut("criteria").and_then(Value::as_array_mut) {
        criteria.iter_mut().for_each(visit);
    }
    Ok(())
}

/// What the checksum said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Integrity {
    /// The file carried a checksum and it matches.
    Verified,
    /// The file carried no checksum (a hand-written file).
    Unsigned,
    /// The checksum does not match: the file was changed outside RFP Scorecard or damaged.
    Mismatch,
}

/// A loaded scorecard file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The scorecard, migrated to the current schema version.
    pub scorecard: Scorecard,
    /// Envelope members this version does not know, to write back on save.
    pub envelope_extra: Extra,
    /// The schema version the file was written in (less than [`SCHEMA_VERSION`] when migrated).
    pub schema_version: u32,
    /// The generator named in the file.
    pub generator: String,
    /// The checksum's verdict.
    pub integrity: Integrity,
    /// Warnings about the file and the problems [`crate::validate()`] found in the scorecard.
    pub diagnostics: Vec<Diagnostic>,
}

/// Read a scorecard file. Fails only when no scorecard can be had without losing data: text
/// that is not JSON, another format, a newer schema, or values of the wrong type (all listed).
/// Problems of meaning (a rating of an unknown vendor, a negative weight) come back in
/// [`Loaded::diagnostics`], so that the scorecard can still be opened and fixed.
pub fn load(text: &str) -> Result<Loaded, Error> {
    read(text, SCHEMA_VERSION, MIGRATIONS, true)
}

/// [`load`] without checking what the scorecard means (`validate`), for a caller that scores
/// it at once: scoring validates (a [`Session`](crate::edit::Session), [`score`](crate::score())),
/// and the report carries those problems, so a file opened this way is validated once. The
/// diagnostics are what only the file tells: its checksum, its version. A file that cannot be
/// read, or a scorecard too large to work with, is refused as by [`load`].
pub fn load_to_score(text: &str) -> Result<Loaded, Error> {
    read(text, SCHEMA_VERSION, MIGRATIONS, false)
}

/// [`load`] with an explicit current version and migrations (tests use it to exercise
/// migration before a second schema version exists).
pub fn load_with(text: &str, current: u32, migrations: &[Migration]) -> Result<Loaded, Error> {
    read(text, current, migrations, true)
}

fn read(
    text: &str,
    current: u32,
    migrations: &[Migration],
    validate: bool,
) -> Result<Loaded, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(ErrorKind::Invalid(vec![
            Diagnostic::error(
                "",
                format!(
                    "the file holds {} MB; RFP Scorecard opens files of at most {} MB",
                    text.len().div_ceil(1 << 20),
                    MAX_FILE_BYTES >> 20
                ),
            )
            .with_hint("a committee-scale scorecard (20 vendors, 500 requirements, 15 evaluators) takes about 9 MB"),
        ])
        .into());
    }
    // A large file's longest lists (and its requirements) are counted before anything is built from it: a file of a
    // million vendors is refused in a fraction of a second instead of taking a gigabyte.
    if text.len() > PRESCAN_BYTES {
        let too_large = list_sizes(text).problems();
        if !too_large.is_empty() {
            return Err(ErrorKind::Invalid(too_large).into());
        }
    }
    let value: Value = parse_json(text).map_err(|e| {
        let start = text.trim_start();
        if start.is_empty() {
            return ErrorKind::NotAScorecard {
                found: "the file is empty".into(),
            }
            .into();
        }
        if !start.starts_with(['{', '[', '"']) && !start.starts_with(|c: char| c.is_ascii_digit()) {
            // Not JSON from its first character: another kind of file (a letter, a spreadsheet).
            let head: String = start.chars().take(24).filter(|c| !c.is_control()).collect();
            return ErrorKind::NotAScorecard {
                found: format!("the file starts with {head:?}, not with \"{{\" as JSON does"),
            }
            .into();
        }
        syntax_error(&e)
    })?;
    let Value::Object(mut envelope) = value else {
        return Err(ErrorKind::NotAScorecard {
            found: format!("the file holds {}", describe_value(&value)),
        }
        .into());
    };
    match envelope.remove("format") {
        Some(Value::String(format)) if format == FORMAT_ID => {}
        Some(other) => {
            return Err(ErrorKind::NotAScorecard {
                found: format!("\"format\" is {}", describe_value(&other)),
            }
            .into());
        }
        None => {
            return Err(ErrorKind::NotAScorecard {
                found: "the file has no \"format\" member".to_owned(),
            }
            .into());
        }
    }
    let schema_version = match envelope.remove("schema_version") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v >= 1) => n.as_u64().unwrap_or(1),
        Some(other) => {
            return Err(ErrorKind::Invalid(vec![Diagnostic::error(
                "schema_version",
                format!(
                    "expected a whole number of 1 or more, found {}",
                    describe_value(&other)
                ),
            )])
            .into());
        }
        None => {
            return Err(ErrorKind::Invalid(vec![
                Diagnostic::error(
                    "schema_version",
                    "missing: every scorecard file names its schema version",
                )
                .with_hint(format!("add \"schema_version\": {SCHEMA_VERSION}")),
            ])
            .into());
        }
    };
    if schema_version > u64::from(current) {
        return Err(ErrorKind::NewerSchema {
            found: schema_version,
            supported: current,
        }
        .into());
    }
    // Bounded by the check above.
    let schema_version = schema_version as u32;
    let generator = match envelope.remove("generator") {
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let checksum = envelope.remove("checksum");
    let mut scorecard_value = envelope.remove("scorecard").ok_or_else(|| {
        Error::from(ErrorKind::Invalid(vec![Diagnostic::error(
            "scorecard",
            "missing: the file has an envelope but no \"scorecard\" member",
        )]))
    })?;

    let mut diagnostics = Vec::new();
    let integrity = match checksum {
        None | Some(Value::Null) => Integrity::Unsigned,
        Some(Value::String(expected)) if expected == checksum_of(&scorecard_value) => {
            Integrity::Verified
        }
        Some(_) => {
            diagnostics.push(
                Diagnostic::warning(
                    "checksum",
                    "the scorecard was changed outside RFP Scorecard or damaged: its checksum \
                     does not match its content",
                )
                .with_hint(
                    "check the values before relying on them; saving again writes a new checksum",
                ),
            );
            Integrity::Mismatch
        }
    };

    let mut version = schema_version;
    while version < current {
        let step = migrations
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| {
                Error::from(ErrorKind::Invalid(vec![Diagnostic::error(
                    "schema_version",
                    format!("no migration from schema version {version} is known"),
                )]))
            })?;
        (step.apply)(&mut scorecard_value).map_err(|message| {
            Error::from(ErrorKind::Invalid(vec![Diagnostic::error(
                "scorecard",
                format!("migrating from schema version {version}: {message}"),
            )]))
        })?;
        version += 1;
    }
    let scorecard: Scorecard = match decode(scorecard_value, "") {
        Ok(scorecard) => scorecard,
        // A damaged file explains its type errors best: say so first.
        Err(error) => {
            let mut all = diagnostics;
            // Places are read below the `scorecard` member; the member itself is named.
            all.extend(error.diagnostics().into_iter().map(|mut d| {
                if d.location.is_empty() {
                    d.location = Location::from("scorecard");
                }
                d
            }));
            return Err(ErrorKind::Invalid(all).into());
        }
    };
    // A scorecard too large to work with is refused, not opened: scoring it would freeze a page.
    let too_large = crate::validate::size_problems(&scorecard);
    if !too_large.is_empty() {
        return Err(ErrorKind::Invalid(too_large).into());
    }
    // Said only of a file that opens: a refused file's problems are the ones to read.
    if current != schema_version {
        diagnostics.push(Diagnostic::info(
            "schema_version",
            format!(
                "migrated from schema version {schema_version} to {current}; saving \
                 writes version {current}"
            ),
        ));
    }
    if validate {
        diagnostics.extend(crate::validate::validate(&scorecard));
    }
    Ok(Loaded {
        scorecard,
        envelope_extra: envelope.into_iter().collect(),
        schema_version,
        generator,
        integrity,
        diagnostics,
    })
}

/// Write a scorecard file (pretty JSON, with a checksum).
///
/// Fails, naming every place, when a number is not finite (NaN or infinite): JSON cannot hold
/// one, and a file that cannot be read back is worse than no file.
pub fn save(scorecard: &Scorecard) -> Result<String, Error> {
    save_with_envelope(scorecard, &Extra::new())
}

/// Write a scorecard file keeping unknown envelope members from [`Loaded::envelope_extra`].
pub fn save_with_envelope(scorecard: &Scorecard, envelope_extra: &Extra) -> Result<String, Error> {
    let scorecard_value = to_value(scorecard);
    // Reading the value back finds the places where a non-finite number became `null`.
    if let Err(error) = decode::<Scorecard>(scorecard_value.clone(), "") {
        let diagnostics = error
            .diagnostics()
            .into_iter()
            .map(|mut d| {
                d.message = d
                    .message
                    .replace("found null", "found a value that is not a finite number");
                d
            })
            .collect();
        return Err(ErrorKind::Invalid(diagnostics).into());
    }
    let mut envelope = serde_json::Map::new();
    for (key, value) in envelope_extra {
        envelope.insert(key.clone(), value.clone());
    }
    envelope.insert("format".into(), Value::from(FORMAT_ID));
    envelope.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    envelope.insert("generator".into(), Value::from(GENERATOR));
    envelope.insert(
        "checksum".into(),
        Value::from(checksum_of(&scorecard_value)),
    );
    envelope.insert("scorecard".into(), scorecard_value);
    let mut text = serde_json::to_string_pretty(&Value::Object(envelope))
        .map_err(|e| ErrorKind::Invalid(vec![Diagnostic::error("", e.to_string())]))?;
    text.push('\n');
    Ok(text)
}

/// A scorecard as a JSON value. Serializing plain data into a `Value` cannot fail (all map
/// keys are strings); a non-finite number, which JSON cannot hold, becomes `null`.
pub fn to_value(scorecard: &Scorecard) -> Value {
    serde_json::to_value(scorecard).unwrap_or(Value::Null)
}

/// `sha256:` and the hex SHA-256 of the value's canonical form.
pub fn checksum_of(value: &Value) -> String {
    let digest = Sha256::digest(canonical_json(value).as_bytes());
    let mut out = String::from("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The canonical form of a JSON value: object keys sorted by their UTF-8 bytes, no
/// whitespace, strings and numbers as serde_json writes them.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Files larger than this have their longest lists counted before they are read
/// ([`list_sizes`]); a committee-scale file (≈ 9 MB) is not.
const PRESCAN_BYTES: usize = 16 << 20;

/// The lengths of a scorecard file's `vendors`, `evaluators` and `ratings` lists and the
/// requirements of its criteria tree, read without building anything (every other value is
/// skipped as it is parsed). What was counted before the text stops making sense counts; a
/// member given twice counts its longest list; a member that is not a list counts nothing (the
/// full reading says what is wrong with it).
fn list_sizes(text: &str) -> crate::validate::Sizes {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    type Sizes = crate::validate::Sizes;
    /// The envelope: only its `scorecard` member is looked into.
    struct Envelope<'s>(&'s mut Sizes);
    /// The scorecard: its three lists are counted.
    struct Card<'s>(&'s mut Sizes);
    /// A list, counted (anything else: 0).
    struct Count;
    /// A list of criteria: its requirements (nodes with a `scoring`) at every depth.
    struct Tree;
    /// One criterion: itself when a requirement, and the requirements below it.
    struct Node;

    /// A visitor's methods for a value that holds nothing counted: 0.
    macro_rules! nothing_in_scalars {
        ($value:ty) => {
            fn visit_unit<E>(self) -> Result<$value, E> {
                Ok(Default::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<$value, E> {
                Ok(Default::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<$value, E> {
                Ok(Default::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<$value, E> {
                Ok(Default::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<$value, E> {
                Ok(Default::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<$value, E> {
                Ok(Default::default())
            }
        };
    }

    impl<'de> Visitor<'de> for Envelope<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a scorecard file")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "scorecard" {
                    map.next_value_seed(Card(&mut *self.0))?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Card<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Card<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a scorecard")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                let list = match &*key {
                    "vendors" => &mut self.0.vendors,
                    "evaluators" => &mut self.0.evaluators,
                    "ratings" => &mut self.0.ratings,
                    "criteria" => {
                        let counted = map.next_value_seed(Tree)?;
                        let requirements = self.0.requirements.get_or_insert(0);
                        *requirements = (*requirements).max(counted);
                        continue;
                    }
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                };
                let counted = map.next_value_seed(Count)?;
                *list = (*list).max(counted);
            }
            Ok(())
        }
        // Anything but an object holds no lists.
        nothing_in_scalars!(());
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Count {
        type Value = usize;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Count {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                n += 1;
            }
            Ok(n)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(0)
        }
        nothing_in_scalars!(usize);
    }
    impl<'de> DeserializeSeed<'de> for Tree {
        type Value = usize;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Tree {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of criteria")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n: usize = 0;
            while let Some(below) = seq.next_element_seed(Node)? {
                n = n.saturating_add(below);
            }
            Ok(n)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(0)
        }
        nothing_in_scalars!(usize);
    }
    impl<'de> DeserializeSeed<'de> for Node {
        type Value = usize;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Node {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a criterion")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
            let (mut own, mut below) = (0, 0);
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match &*key {
                    "scoring" => {
                        own = 1;
                        map.next_value::<IgnoredAny>()?;
                    }
                    "children" => below = usize::max(below, map.next_value_seed(Tree)?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(below.saturating_add(own))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(0)
        }
        nothing_in_scalars!(usize);
    }
    let mut sizes = Sizes::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // A text that stops making sense keeps what was counted before; the full reading refuses it.
    let _ = serde::Deserializer::deserialize_map(&mut deserializer, Envelope(&mut sizes));
    sizes
}

/// JSON text as a value, refusing an object that names a member twice (`"weight": 24,
/// "weight": -5`): JSON leaves the meaning of that open, and keeping either one would change
/// the file silently. The error names the member; its line and column are the error's. A byte
/// order mark before the text (Windows editors and spreadsheet programs write one) is skipped.
pub fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = NoDuplicates.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Reads a JSON value as `serde_json::Value` does, except that a repeated member is an error.
#[derive(Clone, Copy)]
struct NoDuplicates;

impl<'de> serde::de::DeserializeSeed<'de> for NoDuplicates {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for NoDuplicates {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the member \"{key}\" is given twice in one object; keep one of them"
                )));
            }
            let value = map.next_value_seed(self)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

/// Deserialize `value` as `T`, reporting every type error at once with its place below `root`.
///
/// serde stops at the first error; to find the others, the offending member is cut out of the
/// value and decoding runs again (at most 100 times). A record missing a required member is cut
/// out of its list; later places in that list keep their original indices.
pub fn decode<T: serde::de::DeserializeOwned>(mut value: Value, root: &str) -> Result<T, Error> {
    let mut diagnostics = Vec::new();
    let mut removed: Vec<(String, usize)> = Vec::new();
    let mut last_pruned: Option<(Vec<Seg>, String)> = None;
    for _ in 0..100 {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(decoded) if diagnostics.is_empty() => return Ok(decoded),
            Ok(_) => break,
            Err(error) => error,
        };
        let mut segments: Vec<Seg> = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        let raw = error.inner().to_string();
        refine_place(&value, &mut segments, &raw);
        let missing = raw
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
            .map(str::to_owned);
        // An error caused by the previous cut (a member it removed now missing, or an enclosing
        // enum that no longer matches) is not reported again.
        let derived = match (&missing, &last_pruned) {
            (Some(field), Some((at, key))) => *at == segments && field == key,
            (None, Some((at, _))) => at.starts_with(&segments),
            _ => false,
        };
        if !derived {
            let place = original_path(root, &segments, &removed);
            diagnostics.push(match nested(&raw) {
                Some((below, message)) => {
                    // Inside a record read by its tag serde names the record, not the member
                    // that holds the value: the one member whose object has the first key.
                    let first = below.split(['.', '[']).next().unwrap_or_default();
                    let holder = match lookup(&value, &segments) {
                        Some(Value::Object(members)) if !members.contains_key(first) => {
                            let mut holding = members.iter().filter(|(_, member)| {
                                member.as_object().is_some_and(|m| m.contains_key(first))
                            });
                            match (holding.next(), holding.next()) {
                                (Some((key, _)), None) => Some(key.as_str()),
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    let place = match holder {
                        Some(key) if place.is_empty() => key.to_owned(),
                        Some(key) => format!("{place}.{key}"),
                        None => place,
                    };
                    Diagnostic::error(
                        match (place.as_str(), below.starts_with('[')) {
                            ("", _) | (_, true) => format!("{place}{below}"),
                            _ => format!("{place}.{below}"),
                        },
                        message,
                    )
                }
                None => Diagnostic::error(place, humanize(&raw, lookup(&value, &segments))),
            });
        }
        // Decide what to cut: the member itself, or for a missing member the record holding it.
        if missing.is_none() {
            if let Some(Seg::Key(key)) = segments.last().cloned() {
                segments.pop();
                if let Some(Value::Object(map)) = lookup_mut(&mut value, &segments) {
                    map.remove(&key);
                    last_pruned = Some((segments, key));
                    continue;
                }
                break;
            }
        }
        // Cut the record (the innermost list element or member holding the problem).
        let Some(last) = segments.pop() else { break };
        let parent_path = original_path(root, &segments, &removed);
        match (last, lookup_mut(&mut value, &segments)) {
            (Seg::Index(index), Some(Value::Array(items))) if index < items.len() => {
                items.remove(index);
                let original = original_index(&parent_path, index, &removed);
                removed.push((parent_path, original));
            }
            (Seg::Key(key), Some(Value::Object(map))) => {
                map.remove(&key);
                last_pruned = Some((segments, key));
                continue;
            }
            _ => break,
        }
        last_pruned = None;
    }
    Err(ErrorKind::Invalid(diagnostics).into())
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Index(usize),
    Key(String),
}

fn lookup<'a>(value: &'a Value, segments: &[Seg]) -> Option<&'a Value> {
    segments.iter().try_fold(value, |node, seg| match seg {
        Seg::Index(i) => node.get(*i),
        Seg::Key(k) => node.get(k.as_str()),
    })
}

fn lookup_mut<'a>(value: &'a mut Value, segments: &[Seg]) -> Option<&'a mut Value> {
    segments.iter().try_fold(value, |node, seg| match seg {
        Seg::Index(i) => node.get_mut(*i),
        Seg::Key(k) => node.get_mut(k.as_str()),
    })
}

/// The index an element had before earlier elements of its list were cut out.
fn original_index(list_path: &str, current: usize, removed: &[(String, usize)]) -> usize {
    let mut cut: Vec<usize> = removed
        .iter()
        .filter(|(path, _)| path == list_path)
        .map(|(_, index)| *index)
        .collect();
    cut.sort_unstable();
    let mut index = current;
    for c in cut {
        if c <= index {
            index += 1;
        }
    }
    index
}

fn original_path(root: &str, segments: &[Seg], removed: &[(String, usize)]) -> String {
    let mut path = root.to_owned();
    for seg in segments {
        match seg {
            Seg::Index(i) => {
                let original = original_index(&path, *i, removed);
                path.push_str(&format!("[{original}]"));
            }
            Seg::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
        }
    }
    path
}

/// Inside a record read by a tag (an edit's `"op"`), serde names the record's place for a
/// wrong member: when exactly one member of the record holds the value serde found, the place
/// is that member's (`edit.to`, not `edit`), and it is what is cut to find the next problem.
/// Where serde expected an edit, the value is an element of the one list of edits a record
/// holds (a batch's `edits`): the place is that element (`edit.edits[1]`) when it is the one
/// holding the value. A value found as well deeper inside another member or element (where
/// serde may have found it: `edit.edits[0][0]`), or held by two, leaves the record's place:
/// naming one would be a guess.
fn refine_place(value: &Value, segments: &mut Vec<Seg>, raw: &str) {
    let Some(Value::Object(members)) = lookup(value, segments) else {
        return;
    };
    let Some((serde_found, expected)) = ["invalid type: ", "invalid value: "]
        .iter()
        .find_map(|prefix| raw.strip_prefix(prefix))
        .and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return;
    };
    if serde_found == "map" || serde_found == "sequence" {
        return;
    }
    let words = serde_value_words(serde_found);
    // Each candidate: the place of a scalar holding the value, or `None` for a list or an
    // object holding it somewhere inside.
    let candidate = |value: &Value, place: Vec<Seg>| -> Option<Option<Vec<Seg>>> {
        if value.is_object() || value.is_array() {
            holds_within(value, &words, 0).then_some(None)
        } else {
            (scalar_words(value) == words).then_some(Some(place))
        }
    };
    let an_edit = expected.starts_with("internally tagged enum ");
    let mut candidates = members.iter().flat_map(|(key, member)| {
        let (own, elements) = match member.as_array() {
            Some(list) if an_edit => (None, list.as_slice()),
            _ if an_edit => (None, &[][..]),
            _ => (candidate(member, vec![Seg::Key(key.clone())]), &[][..]),
        };
        let in_list = elements.iter().enumerate().filter_map(move |(i, element)| {
            candidate(element, vec![Seg::Key(key.clone()), Seg::Index(i)])
        });
        own.into_iter().chain(in_list)
    });
    if let (Some(Some(place)), None) = (candidates.next(), candidates.next()) {
        segments.extend(place);
    }
}

/// Whether a scalar inside `value` (a list or an object) reads as `words`. The depth is bounded
/// as the JSON reader bounds it; deeper is taken as holding it (a guess is not made).
fn holds_within(value: &Value, words: &str, depth: usize) -> bool {
    let inside = |item: &Value| match item {
        Value::Array(_) | Value::Object(_) => depth >= 128 || holds_within(item, words, depth + 1),
        scalar => scalar_words(scalar) == words,
    };
    match value {
        Value::Array(items) => items.iter().any(inside),
        Value::Object(members) => members.values().any(inside),
        _ => false,
    }
}

/// A scalar as serde's words for it read once made ours ([`serde_value_words`]).
fn scalar_words(value: &Value) -> String {
    match value {
        Value::String(text) => serde_value_words(&format!("string {text:?}")),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => serde_value_words(&format!("floating point `{f:?}`")),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Marks a problem that a value decoding its own parts (a price answer's cost lines) found
/// below the place serde names: [`nested_problem`] writes it, [`decode`] reads it back.
const NESTED: char = '\u{1f}';

/// A problem at `place` below the value being decoded, said in our words: the message a
/// `Deserialize` implementation gives serde so that [`decode`] names the whole place.
pub(crate) fn nested_problem(place: &str, message: &str) -> String {
    format!("{NESTED}{place}{NESTED}{message}")
}

fn nested(raw: &str) -> Option<(&str, &str)> {
    raw.strip_prefix(NESTED)?.split_once(NESTED)
}

/// Turn serde's wording into ours: `expected a number, found "ten"`.
fn humanize(raw: &str, found: Option<&Value>) -> String {
    let expected_of = |serde_expected: &str| -> String {
        match serde_expected {
            "f64" | "f32" => "a number".to_owned(),
            "u32" | "u64" | "u16" | "u8" | "usize" => "a whole number of 0 or more".to_owned(),
            "i32" | "i64" => "a whole number".to_owned(),
            "a string" => "text".to_owned(),
            "a boolean" => "true or false".to_owned(),
            "a sequence" => "a list".to_owned(),
            "a map" | "map" => "an object".to_owned(),
            other if other.starts_with("struct ") || other.starts_with("struct variant ") => {
                "an object".to_owned()
            }
            other if other.starts_with("enum ") => "one of the values this field takes".to_owned(),
            // The one record read by a tag: an edit.
            other if other.starts_with("internally tagged enum ") => {
                "an edit: an object whose \"op\" names it".to_owned()
            }
            "variant identifier" => "a name, as text".to_owned(),
            // An enum: a name, or an object whose one member is the name of its form
            // (`"scoring": {"rating": {…}}`, `"gate": {"at_least": 3}`).
            SINGLE_KEY => "one of this field's forms: its name, or an object with that name as \
                           its only member"
                .to_owned(),
            other if other.starts_with("tuple variant ") || other.starts_with("newtype ") => {
                "a value of this field's form".to_owned()
            }
            other => other.to_owned(),
        }
    };
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        if let Some((serde_found, expected)) = rest.rsplit_once(", expected ") {
            return format!(
                "expected {}, found {}{}",
                expected_of(expected),
                found_at_place(found, serde_found, expected),
                whole_number_hint(serde_found, expected)
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        if let Some((serde_found, expected)) = rest.rsplit_once(", expected ") {
            // A number out of a whole number's range: say the range.
            if let Some(range) = whole_range(expected) {
                return format!(
                    "expected a whole number from {range}, found {}",
                    serde_value_words(serde_found)
                );
            }
            return format!(
                "expected {}, found {}",
                expected_of(expected),
                found_at_place(found, serde_found, expected)
            );
        }
    }
    // A list where a record was expected (serde reads a record from a list too, by position).
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        if rest.contains(", expected struct ") {
            return "expected an object, found a list".to_owned();
        }
    }
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        if let Some((field, known)) = rest.split_once("`, ") {
            let known = known
                .strip_prefix("expected one of ")
                .or_else(|| known.strip_prefix("expected "))
                // serde writes two names "`a` or `b`", more "`a`, `b`, `c`".
                .map(|names| names.replace("` or `", "`, `").replace('`', "\""));
            return match known {
                Some(names) => format!("unknown member \"{field}\"; the members are {names}"),
                None => format!("unknown member \"{field}\"; this takes none"),
            };
        }
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let rest = rest.replace('`', "\"");
        return format!("unknown value {rest}");
    }
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("missing \"{field}\"");
    }
    raw.to_owned()
}

/// What serde found, in a file's words: the value at the place, shown as the file has it; but
/// inside a record read by a tag (an edit's "op") serde names the record's place and the
/// member's value, so a list or an object at the place that serde did not find is not the
/// culprit, and serde's own words for the value are used.
fn found_at_place(found: Option<&Value>, serde_found: &str, expected: &str) -> String {
    let at_place = found.filter(|value| match value {
        Value::Object(_) => serde_found == "map",
        Value::Array(_) => serde_found == "sequence",
        _ => true,
    });
    at_place.map_or_else(
        || serde_value_words(serde_found),
        |value| found_words(value, expected),
    )
}

/// The range of the whole numbers serde expected (`u32` → "0 to 4294967295"), if it did.
fn whole_range(expected: &str) -> Option<String> {
    Some(match expected {
        "u8" => format!("0 to {}", u8::MAX),
        "u16" => format!("0 to {}", u16::MAX),
        "u32" => format!("0 to {}", u32::MAX),
        "u64" => format!("0 to {}", u64::MAX),
        // The platform's: 32 bits in the browser.
        "usize" => format!("0 to {}", usize::MAX),
        "i32" => format!("{} to {}", i32::MIN, i32::MAX),
        "i64" => format!("{} to {}", i64::MIN, i64::MAX),
        _ => return None,
    })
}

/// Where a whole number was expected and a number written with a decimal point or an exponent
/// found (`5.0`, `-0`, `3e9`): how to write it, or the range it is out of.
fn whole_number_hint(serde_found: &str, expected: &str) -> String {
    let Some(number) = serde_found
        .strip_prefix("floating point `")
        .and_then(|f| f.strip_suffix('`'))
        .and_then(|f| f.parse::<f64>().ok())
        .filter(|f| f.fract() == 0.0)
    else {
        return String::new();
    };
    let Some(range) = whole_range(expected) else {
        return String::new();
    };
    let fits = match expected {
        "u8" => number >= 0.0 && number <= f64::from(u8::MAX),
        "u16" => number >= 0.0 && number <= f64::from(u16::MAX),
        "u32" => number >= 0.0 && number <= f64::from(u32::MAX),
        "i32" => number >= f64::from(i32::MIN) && number <= f64::from(i32::MAX),
        "i64" => number.abs() < 9.2e18,
        "usize" => number >= 0.0 && number <= usize::MAX as f64,
        _ => (0.0..1.8e19).contains(&number),
    };
    if fits {
        " (write a whole number without a decimal point or an exponent)".to_owned()
    } else {
        format!(" (a whole number from {range})")
    }
}

/// serde's words for what an enum read from a value expects (see `expected_of`).
const SINGLE_KEY: &str = "map with a single key";

/// A value found where another was expected, as [`describe_value`] says it; where one form of
/// an enum was expected, an object with its members named (the first five), so that the one
/// too many beside the form's name shows.
fn found_words(value: &Value, expected: &str) -> String {
    match value {
        // Not an edit (the one record read by its tag, `op`): serde names the edit's place for
        // any value inside it, so its members are not the ones to list.
        Value::Object(members)
            if members.len() > 1 && expected == SINGLE_KEY && !members.contains_key("op") =>
        {
            let mut names: Vec<String> = members.keys().take(5).map(|k| format!("{k:?}")).collect();
            if members.len() > 5 {
                names.push(format!("{} more", members.len() - 5));
            }
            format!("an object of {}", names.join(", "))
        }
        other => describe_value(other),
    }
}

/// serde's words for a value it found ("integer `3`", "string \"85k\"", "map") as a file's
/// refusal says them ("3", "\"85k\"", "an object").
fn serde_value_words(serde_found: &str) -> String {
    let plain = serde_found.replace('`', "");
    if let Some(text) = plain.strip_prefix("string ") {
        // Quoted by serde; said at most 40 characters long, as a value read from the file is.
        return if text.chars().count() > 42 {
            let shown: String = text.chars().take(41).collect();
            format!("{shown}\"…")
        } else {
            text.to_owned()
        };
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(value) = plain.strip_prefix(prefix) {
            return value.to_owned();
        }
    }
    match plain.as_str() {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" | "null" => "null".to_owned(),
        _ => plain,
    }
}

/// A JSON text that does not parse (from [`parse_json`]), as the core's refusal: its line,
/// column and what was wrong, in the words a file's refusal uses.
pub fn syntax_error(error: &serde_json::Error) -> Error {
    Error::from(ErrorKind::Syntax {
        line: error.line(),
        column: error.column(),
        message: syntax_message(error),
    })
}

fn syntax_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the place is shown separately.
    let text = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    };
    if text == "recursion limit exceeded" {
        format!(
            "{text} (values nested more than {} deep)",
            crate::validate::MAX_JSON_NESTING
        )
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::list_sizes;
    use crate::validate::Sizes;

    fn sizes(vendors: usize, evaluators: usize, ratings: usize) -> Sizes {
        Sizes {
            vendors,
            requirements: None,
            evaluators,
            ratings,
        }
    }

    #[test]
    fn a_files_lists_are_counted_without_being_read() {
        let file = r#"{"format": "rfp-scorecard", "scorecard": {"criteria": [{"id": "c",
            "children": [{"id": "r1", "scoring": {"yes_no": {}}}, {"id": "d", "children": [
            {"id": "r2", "scoring": {"rating": {}}}, {"id": "r3", "scoring": 5}]}]},
            {"id": "r4", "scoring": {}}], "vendors": [{"id": "a"}, {"id": "b"}],
            "evaluators": [{"id": "e"}], "ratings": [1, 2, 3]}}"#;
        assert_eq!(
            list_sizes(file),
            Sizes {
                requirements: Some(4),
                ..sizes(2, 1, 3)
            }
        );
        // A member given twice counts its longest list (the full reading refuses the repeat).
        let twice = r#"{"scorecard": {"vendors": [1, 2, 3], "vendors": []}}"#;
        assert_eq!(list_sizes(twice), sizes(3, 0, 0));
        // A member that is not a list counts nothing, and the lists after it still count.
        let odd = r#"{"scorecard": {"ratings": null, "vendors": {"a": 1}, "criteria": {"a": [1]},
            "evaluators": [1, 2]}}"#;
        assert_eq!(
            list_sizes(odd),
            Sizes {
                requirements: Some(0),
                ..sizes(0, 2, 0)
            }
        );
        // What was counted before the text stops making sense counts.
        let cut = r#"{"scorecard": {"vendors": [1, 2, 3, 4], "ratings": [1, 2"#;
        assert_eq!(list_sizes(cut), sizes(4, 0, 0));
        // Not a scorecard file at all: nothing counted, nothing refused here.
        for text in ["", "[1, 2]", "\"x\"", r#"{"scorecard": 5}"#, "{{{{"] {
            assert_eq!(list_sizes(text), Sizes::default(), "{text}");
        }
        // Deep nesting is skipped without recursion running out, and the list after it counts.
        let deep = format!(
            r#"{{"scorecard": {{"meta": {}{}, "vendors": [1]}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(list_sizes(&deep).vendors, 1);
    }
}
