//! The pre-publish checklist: what a desk editor would stop the story for. The journalist can
//! export anyway, knowingly.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use byline_model::{PhotoWarning, Story};

/// Longest headline that fits the usual slots (search results, social cards, wire budgets).
pub const MAX_HEADLINE_CHARS: usize = 110;

/// Which check an item comes from (the UI groups and words its hints by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChecklistCheck {
    /// Unresolved TK or newsroom notes.
    Notes,
    /// The headline is empty.
    Headline,
    /// The headline is longer than [`MAX_HEADLINE_CHARS`].
    HeadlineLength,
    /// The story is under its word target.
    WordTarget,
    /// A photo warning (no credit, no alt text…).
    Photo,
    /// The copy desk's findings, counted by category (the façade adds this item).
    CopyDesk,
}

/// One thing to look at before the story goes out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub check: ChecklistCheck,
    pub message: String,
}

/// What to look at before this story goes out, given the story and its photos' warnings.
pub fn checklist(s: &Story, photo_warnings: &[PhotoWarning]) -> Vec<ChecklistItem> {
    let mut items = Vec::new();
    let mut add = |check: ChecklistCheck, message: String| items.push(ChecklistItem { check, message });
    if s.stats.notes > 0 {
        add(
            ChecklistCheck::Notes,
            format!(
                "{} unresolved TK or newsroom note(s) in the copy (they are left out of exports)",
                s.stats.notes
            ),
        );
    }
    let headline = s.headline.trim();
    if headline.is_empty() {
        add(ChecklistCheck::Headline, "the headline is empty".into());
    } else if headline.chars().count() > MAX_HEADLINE_CHARS {
        add(
            ChecklistCheck::HeadlineLength,
            format!(
                "the headline has {} characters (more than {MAX_HEADLINE_CHARS})",
                headline.chars().count()
            ),
        );
    }
    if let Some(target) = s.word_target {
        if s.stats.words < target {
            add(ChecklistCheck::WordTarget, format!("{} words, under the target of {target}", s.stats.words));
        }
    }
    for w in photo_warnings {
        add(ChecklistCheck::Photo, w.message.clone());
    }
    items
}
