//! The pure core: TLP labels, the checklist schema and its parser, progress and stored state.
//! Nothing here knows about the browser or the UI, so all of it is tested with `cargo test`.

pub mod assess;
pub mod audience;
pub mod channels;
pub mod checklist;
pub mod debrief;
pub mod decide;
pub mod drill;
pub mod export;
pub mod language;
pub mod map;
pub mod markdown;
pub mod order;
pub mod parse;
pub mod progress;
pub mod saved;
pub mod search;
pub mod template;
pub mod timeline;
pub mod tlp;
