//! What is kept on the device, and its versioned envelope.
//!
//! The envelope carries a format name and a version, so data written by a newer release
//! is recognised and never overwritten, and foreign data under our key is never misread.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::checklist::Scenario;
use super::progress::{Progress, Tally};

/// The envelope's format name.
pub const FORMAT: &str = "crisis-comms";
/// The envelope version this release writes.
pub const VERSION: u32 = 1;

/// Everything stored for one namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// Scenario id to progress.
    pub progress: BTreeMap<String, Progress>,
}

impl Saved {
    /// Progress counts for a scenario, whether or not it was ever started.
    pub fn tally(&self, scenario: &Scenario) -> Tally {
        match self.progress.get(&scenario.id) {
            Some(p) => p.tally_scenario(scenario),
            None => Progress::default().tally_scenario(scenario),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    data: Saved,
}

/// Why stored text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or not the shape this release writes.
    Corrupt(String),
    /// JSON, but not ours.
    Foreign,
    /// Written by a newer release of the app.
    Newer(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Corrupt(why) => write!(f, "the saved data is damaged ({why})"),
            DecodeError::Foreign => f.write_str("the saved data was not written by crisis-comms"),
            DecodeError::Newer(v) => write!(
                f,
                "the saved data was written by a newer version of crisis-comms (format {v}; \
                 this version reads up to {VERSION})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Serialises `saved` in the current envelope.
pub fn encode(saved: &Saved) -> String {
    let envelope = Envelope { format: FORMAT.to_owned(), version: VERSION, data: saved.clone() };
    // Serialising plain maps and strings cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads an envelope written by this or an earlier release.
pub fn decode(text: &str) -> Result<Saved, DecodeError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(DecodeError::Foreign);
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > VERSION {
        return Err(DecodeError::Newer(version));
    }
    if version == 0 {
        return Err(DecodeError::Corrupt("no version number".to_owned()));
    }
    let envelope: Envelope =
        serde_json::from_value(value).map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    Ok(envelope.data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::progress::Status;

    #[test]
    fn saved_state_round_trips_through_the_envelope() {
        let mut saved = Saved::default();
        let p = saved.progress.entry("account-compromise".into()).or_default();
        p.set_status("reach-owner", Status::Done, 1_700_000_000_000.0);
        p.set_status("tell-platform", Status::NotApplicable, 1_700_000_000_001.0);
        assert_eq!(decode(&encode(&saved)), Ok(saved));
    }

    #[test]
    fn newer_foreign_and_corrupt_data_are_told_apart() {
        assert_eq!(
            decode(r#"{"format":"crisis-comms","version":99,"data":{}}"#),
            Err(DecodeError::Newer(99))
        );
        assert_eq!(decode(r#"{"todos":[]}"#), Err(DecodeError::Foreign));
        assert!(matches!(decode("{not json"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(
            decode(
                r#"{"format":"crisis-comms","version":1,"data":{"progress":{"x":{"items":{"a":{"status":"maybe"}}}}}}"#
            ),
            Err(DecodeError::Corrupt(_))
        ));
    }
}
