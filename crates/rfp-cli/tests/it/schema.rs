//! The committed JSON Schema is what `rfp schema` prints, and the demo fits it.
//!
//! After a change of the file format, regenerate the committed schema with
//! `UPDATE_EXPECT=1 cargo test -p rfp-cli --test it schema`.

use serde_json::{Map, Value};

use crate::Sandbox;

const SCHEMA_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../schema/scorecard.schema.json"
);

fn printed_schema(sandbox: &str) -> String {
    let sandbox = Sandbox::new(sandbox);
    let (stdout, stderr) = sandbox.ok(&["schema"]);
    assert_eq!(stderr, "");
    stdout
}

#[test]
fn the_committed_schema_is_what_rfp_schema_prints() {
    let printed = printed_schema("schema_sync");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let dir = std::path::Path::new(SCHEMA_FILE).parent().expect("schema/");
        std::fs::create_dir_all(dir).expect("create schema/");
        std::fs::write(SCHEMA_FILE, &printed).expect("write schema/scorecard.schema.json");
        return;
    }
    let committed = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    assert!(
        committed == printed,
        "schema/scorecard.schema.json is out of date with `rfp schema`; run \
         `UPDATE_EXPECT=1 cargo test -p rfp-cli --test it schema` and commit the file"
    );
}

/// The schema's definition that `node` points to (following one `$ref` into `$defs`).
fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference
                .strip_prefix("#/$defs/")
                .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
            &schema["$defs"][name]
        }
        None => node,
    }
}

/// Check that `object` fits the object schema `definition`: every required member present,
/// every member a declared property. Returns the problems as `place: what`.
fn check_object(place: &str, object: &Map<String, Value>, definition: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    assert_eq!(definition["type"], "object", "{place}: {definition}");
    let properties = definition["properties"].as_object().expect("properties");
    for required in definition["required"].as_array().into_iter().flatten() {
        let name = required.as_str().expect("a name");
        if !object.contains_key(name) {
            problems.push(format!("{place}: missing required \"{name}\""));
        }
    }
    for key in object.keys() {
        if !properties.contains_key(key) {
            problems.push(format!(
                "{place}: \"{key}\" is not a property of the schema"
            ));
        }
    }
    problems
}

#[test]
fn the_demo_scorecard_fits_the_schema() {
    let printed = printed_schema("schema_demo_fits");
    let schema: Value = serde_json::from_str(&printed).expect("`rfp schema` prints JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["title"], "Scorecard");

    let demo: Value =
        serde_json::from_str(&std::fs::read_to_string(crate::demo_file()).expect("demo"))
            .expect("demo is JSON");
    let scorecard = demo["scorecard"].as_object().expect("scorecard");
    let mut problems = check_object("scorecard", scorecard, &schema);
    for key in [
        "meta",
        "profile",
        "criteria",
        "vendors",
        "evaluators",
        "ratings",
        "consensus",
        "settings",
    ] {
        assert!(
            schema["properties"].get(key).is_some(),
            "{key} is not in the schema"
        );
        assert!(scorecard.contains_key(key), "{key} is not in the demo");
    }

    // One level down: each member's objects, and the records of each list.
    for (key, value) in scorecard {
        let property = &schema["properties"][key];
        match value {
            Value::Object(object) => {
                problems.extend(check_object(key, object, resolve(&schema, property)));
            }
            Value::Array(items) => {
                assert_eq!(property["type"], "array", "{key}");
                let definition = resolve(&schema, &property["items"]);
                for (i, item) in items.iter().enumerate() {
                    let object = item.as_object().expect("records are objects");
                    problems.extend(check_object(&format!("{key}[{i}]"), object, definition));
                }
            }
            other => panic!("scorecard.{key} is {other}"),
        }
    }
    // The criteria tree, all the way down.
    fn walk(schema: &Value, place: &str, nodes: &[Value], problems: &mut Vec<String>) {
        let definition = &schema["$defs"]["Criterion"];
        for (i, node) in nodes.iter().enumerate() {
            let place = format!("{place}[{i}]");
            problems.extend(check_object(
                &place,
                node.as_object().expect("object"),
                definition,
            ));
            if let Some(children) = node.get("children").and_then(Value::as_array) {
                walk(schema, &format!("{place}.children"), children, problems);
            }
        }
    }
    walk(
        &schema,
        "criteria",
        scorecard["criteria"].as_array().expect("criteria"),
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_finds_problems() {
    let definition = serde_json::json!({
        "type": "object",
        "required": ["id"],
        "properties": { "id": {}, "name": {} }
    });
    let object = serde_json::json!({ "name": "x", "colour": "red" });
    assert_eq!(
        check_object("v", object.as_object().unwrap(), &definition),
        [
            "v: missing required \"id\"",
            "v: \"colour\" is not a property of the schema"
        ]
    );
}
