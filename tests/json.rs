//! The app's own JSON reader and writer agree with serde_json, the reference it replaced: on
//! generated documents the writer's text is byte for byte serde_json's (compact and indented),
//! and the reader gives back what serde_json reads.
#![cfg(not(target_arch = "wasm32"))]

use crisis_comms::model::json::{parse, Json};
use proptest::prelude::*;
use serde_json::Value;

/// The reference value as the app's: numbers read back as `Num`; `whole` numbers were written
/// as `Int`.
fn ours(v: &Value, read: bool) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) if n.is_f64() || read => Json::Num(n.as_f64().unwrap()),
        Value::Number(n) => Json::Int(n.as_i64().unwrap()),
        Value::String(s) => Json::Str(s.clone()),
        Value::Array(items) => Json::Arr(items.iter().map(|v| ours(v, read)).collect()),
        Value::Object(members) => {
            Json::Obj(members.iter().map(|(k, v)| (k.clone(), ours(v, read))).collect())
        }
    }
}

fn document() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(Value::from),
        // Whole milliseconds, which serde_json wrote as floats.
        (-(1i64 << 53)..(1i64 << 53)).prop_map(|n| Value::from(n as f64)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn writes_what_serde_json_wrote(v in document()) {
        prop_assert_eq!(ours(&v, false).to_text(), serde_json::to_string(&v).unwrap());
        prop_assert_eq!(ours(&v, false).to_text_pretty(), serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn reads_what_serde_json_reads(v in document()) {
        prop_assert_eq!(parse(&serde_json::to_string(&v).unwrap()), Ok(ours(&v, true)));
        prop_assert_eq!(parse(&serde_json::to_string_pretty(&v).unwrap()), Ok(ours(&v, true)));
    }

    #[test]
    fn reads_numbers_as_serde_json_does(x in -1e300f64..1e300, digits in 1usize..17) {
        // Decimal text such as a hand-edited backup may hold; within a few units in the last place.
        let text = format!("{x:.digits$e}");
        let Ok(Json::Num(ours)) = parse(&text) else { panic!("{text}") };
        let reference: f64 = serde_json::from_str(&text).unwrap();
        prop_assert!((ours - reference).abs() <= reference.abs() * 1e-15, "{} read as {} not {}", text, ours, reference);
    }

    #[test]
    fn rejects_what_serde_json_rejects(text in "[\\[\\]{}\",:0-9a-z.eE+\\- \\\\]{0,12}") {
        prop_assert_eq!(parse(&text).is_ok(), serde_json::from_str::<Value>(&text).is_ok(), "{:?}", text);
    }
}
