//! The pre-publish checklist: what a desk editor would stop the story for. The journalist can
//! export anyway, knowingly.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use byline_model::{PhotoWarning, Story};

/// Longest headline that fits the usual slots (search results, social cards, wire budgets).
pub const MAX_HEADLINE_CHARS: usize = 110;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    /// `notes`, `headline`, `headlineLength`, `wordTarget`, `photo`
    pub check: String,
    pub message: String,
}

/// What to look at before this story goes out, given the story and its photos' warnings.
pub fn checklist(s: &Story, photo_warnings: &[PhotoWarning]) -> Vec<ChecklistItem> {
    let mut items = Vec::new();
    let mut add = |check: &str, message: String| items.push(ChecklistItem { check: check.into(), message });
    if s.stats.notes > 0 {
        add(
            "notes",
            format!(
                "{} unresolved TK or newsroom note(s) in the copy (they are left out of exports)",
                s.stats.notes
            ),
        );
    }
    let headline = s.headline.trim();
    if headline.is_empty() {
        add("headline", "the headline is empty".into());
    } else if headline.chars().count() > MAX_HEADLINE_CHARS {
        add(
            "headlineLength",
            format!(
                "the headline has {} characters (more than {MAX_HEADLINE_CHARS})",
                headline.chars().count()
            ),
        );
    }
    if let Some(target) = s.word_target {
        if s.stats.words < target {
            add("wordTarget", format!("{} words, under the target of {target}", s.stats.words));
        }
    }
    for w in photo_warnings {
        add("photo", w.message.clone());
    }
    items
}
