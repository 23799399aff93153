//! One signal per item of the checklist on screen, so that a change to one item updates that
//! item alone: a checklist of a thousand steps would otherwise re-run a thousand computations
//! on every tick.

use leptos::prelude::*;

use crate::model::checklist::Item;
use crate::model::map::Map;
use crate::model::progress::{ItemState, Tally};
use crate::model::saved::RecordOf;
use crate::ui::state::AppState;

/// The saved state of each item of one checklist's record, as signals. One effect
/// copies changes from the saved state into the cells whose value differs.
#[derive(Clone, Copy)]
pub struct ItemCells {
    cells: StoredValue<Map<RwSignal<ItemState>>>,
}

impl ItemCells {
    /// Cells for `items` of the record `of` names, kept in step with the saved state.
    pub fn new<'a>(state: AppState, of: RecordOf, items: impl Iterator<Item = &'a Item>) -> Self {
        let cells = state.saved.with_untracked(|s| {
            let progress = s.progress_of(&of);
            items
                .map(|item| {
                    let now = progress.items.get(&item.id).cloned().unwrap_or_default();
                    (item.id.clone(), RwSignal::new(now))
                })
                .collect::<Map<_>>()
        });
        let cells = StoredValue::new(cells);
        Effect::new(move |_| {
            state.saved.with(|s| {
                let progress = s.progress_of(&of);
                cells.with_value(|cells| {
                    for (id, cell) in cells {
                        let now = progress.items.get(id);
                        let same = cell.with_untracked(|c| match now {
                            Some(now) => c == now,
                            None => *c == ItemState::default(),
                        });
                        if !same {
                            cell.set(now.cloned().unwrap_or_default());
                        }
                    }
                })
            })
        });
        ItemCells { cells }
    }

    /// Counts for `items`, read from their cells: a memo of it follows those items alone, so a
    /// tick recounts only the counts that hold its item.
    pub fn tally<'a>(&self, items: impl Iterator<Item = &'a Item>) -> Tally {
        let mut t = Tally::default();
        self.cells.with_value(|cells| {
            for item in items {
                match cells.get(&item.id) {
                    Some(cell) => cell.with(|state| t.add(state)),
                    None => t.add(&ItemState::default()),
                }
            }
        });
        t
    }

    /// The cell of one item (a fresh, empty one for an id this checklist does not have).
    pub fn get(&self, item: &str) -> RwSignal<ItemState> {
        self.cells
            .with_value(|cells| cells.get(item).copied())
            .unwrap_or_else(|| RwSignal::new(ItemState::default()))
    }
}
